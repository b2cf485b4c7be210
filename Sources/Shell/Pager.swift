import Foundation

/// Long text through `$PAGER`, as psql and git page their output on a terminal.
enum Pager {
  /// The pager for this environment: `$PAGER` (empty or `cat` means none), else `less -FRX`, which
  /// quits by itself when the text fits and keeps it on the screen afterwards.
  static func command(environment: [String: String]) -> String? {
    if let p = environment["PAGER"] {
      let trimmed = p.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }
    return ["/usr/bin/less", "/bin/less"].contains { FileManager.default.isExecutableFile(atPath: $0) }
      ? "less -FRX" : nil
  }

  /// Runs the pager on `text` and waits for it; false if it could not be started.
  static func show(_ text: String, command: String) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    let input = Pipe()
    p.standardInput = input
    do { try p.run() } catch { return false }
    // The pager may quit before reading everything (q in less): a closed pipe is not our failure.
    let previous = signal(SIGPIPE, SIG_IGN)
    try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    try? input.fileHandleForWriting.close()
    p.waitUntilExit()
    signal(SIGPIPE, previous)
    return true
  }
}
