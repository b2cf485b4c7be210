import Basics
import Foundation

/// Opens a URL in the user's browser: `$BROWSER` (its `%s` replaced, else the URL appended), else
/// the desktop's opener when there is a display. The browser is left running.
enum Browser {
  /// The command line that would open `url`, or nil when there is no browser to open it with.
  static func command(for url: String, environment: [String: String]) -> String? {
    let quoted = "'" + url.replacingOccurrences(of: "'", with: "'\\''") + "'"
    if let browser = environment["BROWSER"], !browser.isEmpty {
      // Several browsers may be listed, separated by colons, as Python's webbrowser reads it: the first is used.
      let first = browser.split(separator: ":").first.map(String.init) ?? browser
      return first.contains("%s") ? first.replacingOccurrences(of: "%s", with: quoted) : "\(first) \(quoted)"
    }
    guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return nil }
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for opener in ["xdg-open", "sensible-browser"]
    where path.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(opener)") }) {
      return "\(opener) \(quoted)"
    }
    return nil
  }

  /// How opening a URL went.
  enum Opened: Equatable {
    case opened
    /// No browser: $BROWSER is not set and there is no display.
    case noBrowser
    /// The browser's command failed: its exit status (127: not found).
    case failed(command: String, status: Int32)
  }

  /// How long a browser's command is given to fail before it is taken to have opened the page: a
  /// command that is not there fails at once, one that opens a window may run on.
  static let failureWindow: Int32 = 1000

  /// Starts the browser. It runs in a process group of its own (Ctrl-C at cogsh's prompt is not
  /// its), with /dev/null for its standard streams, holding none of cogsh's descriptors but one pipe
  /// on which its shell writes the command's exit status: a command that fails within a second is
  /// reported, so that the URL can be shown instead.
  static func open(_ url: String, environment: [String: String]) -> Opened {
    guard let line = command(for: url, environment: environment) else { return .noBrowser }
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return .failed(command: line, status: -1) }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    // Both close on exec: the shell gets the write end only as fd 3 (dup2 clears the flag there).
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
    }
    // Closed first: a descriptor 3 of cogsh's own must not close the pipe put there.
    Spawn.closeInherited(&actions)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 3)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    var pid: pid_t = 0
    // The outer shell returns at once (it is reaped below); the inner one reports the status on fd 3.
    let script = "( \(line) ) 3>&-; echo $? >&3"
    let spawned = Spawn.withCStrings(["/bin/sh", "-c", "(\(script)) & exit 0"]) { argv in
      Spawn.withCStrings(Spawn.words(environment)) { env in
        posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, env)
      }
    }
    close(writeEnd)
    defer { close(readEnd) }
    guard spawned == 0 else { return .failed(command: line, status: -1) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    var p = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
    guard poll(&p, 1, failureWindow) > 0 else { return .opened }
    var buffer = [UInt8](repeating: 0, count: 16)
    let n = read(readEnd, &buffer, buffer.count)
    guard n > 0,
      let code = Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else { return .opened }
    return code == 0 ? .opened : .failed(command: line, status: code)
  }

  /// What to say when the browser could not show the URL (the URL itself is printed after it, whole,
  /// so that it can be copied), or nil when it did.
  static func fallback(_ opened: Opened, url: String) -> String? {
    switch opened {
    case .opened: return nil
    case .noBrowser: return "no browser to open ($BROWSER is not set and there is no display); open this URL:"
    case .failed(let command, let status):
      let why = status == 127 ? "was not found" : "failed (exit status \(status))"
      let shown = SafeText.truncated(command.replacingOccurrences(of: "'\(url)'", with: "URL"), to: 80)
      return "the browser command `\(shown)` \(why); open this URL yourself:"
    }
  }
}
