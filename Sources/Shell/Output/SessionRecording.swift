import Auth
import Basics
import Foundation

/// `record start FILE`: the session's commands written as a `.cogsh` script that replays to the same
/// end state, each secret replaced by a `$SECRET_n` variable the replayer sets (a comment at the top
/// says which is which), and one-time codes by `$TOTP`.
final class SessionRecording {
  private let file: UserFile
  private var secrets = 0
  /// What cogsh does not replay: it only looks, or it drives the recording itself.
  static let skipped: Set<String> = ["record start", "record stop", "log", "show", "history", "help", "source", "exit"]

  /// Writes to `file`, which the recording owns and closes; a file that takes no header is an error now.
  init(file: UserFile) throws {
    self.file = file
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    try file.write(
      "# Recorded by cogsh \(Version.current). Replay: cogsh [--endpoint-url …] [--pool-id …] [--client-id …] -f \(file.path)\n"
        + "# Secrets are not written here: each is a $SECRET_n variable, to set in the environment when replaying.\n")
  }

  /// A line, at once: the file is whole after every command, whenever cogsh ends. A reader that went
  /// away or a full disk loses the line, not the shell.
  private func write(_ line: String) {
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    try? file.write(line + "\n")
  }

  /// Writes `statement` of `command` (its words as typed, variables unexpanded), secrets replaced as
  /// the command's words declare them (`CommandSpec.secretPositions`).
  func add(_ words: [String], command: CommandSpec) {
    guard !Self.skipped.contains(command.name), !words.isEmpty else { return }
    let secret = command.secretPositions(words)
    var out: [String] = []
    var notes: [String] = []
    for (i, word) in words.enumerated() {
      guard let found = secret[i], !word.hasPrefix("$") else {
        out.append(Self.quoted(word))
        continue
      }
      if found.secrecy == .oneTimeCode {
        out.append("$TOTP")  // a one-time code: the replay computes its own
        continue
      }
      let (prefix, value) = found.split(word)
      guard !value.isEmpty else {
        out.append(Self.quoted(word))
        continue
      }
      secrets += 1
      out.append((prefix.isEmpty ? "" : Self.quoted(prefix)) + "$SECRET_\(secrets)")
      notes.append(
        "# $SECRET_\(secrets): \(prefix.isEmpty ? found.label : String(prefix.dropLast())) of \(command.name)")
    }
    notes.forEach(write)
    write(out.joined(separator: " "))
  }

  /// The exchanges a command made, a comment line each (FlowStep.line: names of what was handed over,
  /// never values), for `log --diagram FILE`.
  func addExchanges(_ steps: [FlowStep]) {
    steps.map(\.line).forEach(write)
  }

  /// A word as it must be written to read back the same: bare when it can be, else single-quoted.
  static func quoted(_ word: String) -> String {
    // A word that held a variable was kept unexpanded: it is written so that the replay expands it.
    if word.contains("$") { return "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    let plain = word.unicodeScalars.allSatisfy {
      CharacterSet.alphanumerics.contains($0) || "-_./:@=,+%".unicodeScalars.contains($0)
    }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
