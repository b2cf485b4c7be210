import Cognito
import Foundation
import Session

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

  /// Writes `statement` of `command` (its words as typed, variables unexpanded), secrets replaced.
  func add(_ words: [String], command: CommandSpec) {
    guard !Self.skipped.contains(command.name), !words.isEmpty else { return }
    let secret = Self.secretIndices(words, command: command)
    var out: [String] = []
    var notes: [String] = []
    for (i, word) in words.enumerated() {
      guard let label = secret[i], !word.hasPrefix("$") else {
        out.append(Self.quoted(word))
        continue
      }
      if command.name == "mfa-code" || command.name == "mfa verify" {
        out.append("$TOTP")  // a one-time code: the replay computes its own
        continue
      }
      let (prefix, value) = Self.splitAnswer(word, command: command)
      guard !value.isEmpty else {
        out.append(Self.quoted(word))
        continue
      }
      secrets += 1
      out.append((prefix.isEmpty ? "" : Self.quoted(prefix)) + "$SECRET_\(secrets)")
      notes.append("# $SECRET_\(secrets): \(prefix.isEmpty ? label : String(prefix.dropLast())) of \(command.name)")
    }
    notes.forEach(write)
    write(out.joined(separator: " "))
  }

  /// `NAME=` and the value, for a challenge answer; else no prefix.
  static func splitAnswer(_ word: String, command: CommandSpec) -> (String, String) {
    guard command.name == "respond" || command.name == "let", let eq = word.firstIndex(of: "=") else {
      return ("", word)
    }
    return (String(word[...eq]), String(word[word.index(after: eq)...]))
  }

  /// The positions of the words that hold a secret: secret params and flag values, every answer of
  /// `respond`, the value of `set client-secret`.
  static func secretIndices(_ words: [String], command: CommandSpec) -> [Int: String] {
    var found: [Int: String] = [:]
    let depth = command.name.split(separator: " ").count
    var positional = 0
    var i = depth
    while i < words.count {
      let w = words[i]
      if w.hasPrefix("--"),
        let flag = command.flags.first(where: { w == "--\($0.name)" || w.hasPrefix("--\($0.name)=") })
      {
        if flag.value != nil && !w.contains("=") {
          if flag.secret { found[i + 1] = "--\(flag.name)" }
          i += 2
          continue
        }
        if flag.secret { found[i] = "--\(flag.name)" }
      } else {
        let param = positional < command.params.count ? command.params[positional] : command.params.last
        if param?.secret == true { found[i] = param?.name ?? "a secret" }
        if command.name == "respond" && positional > 0 { found[i] = "an answer" }
        // One rule with the history's: a command whose words hold a secret (its secretWords say so)
        // has each argument after its first as one: set's value, call's body, let's value.
        if command.name == "let" && positional == 0 && w.contains("=") { found[i] = "the value" }
        if positional >= 1, w != "=", command.secretWords?(Array(words[depth...])) == true {
          found[i] = param?.name == "= VALUE" ? "the value" : (param?.name ?? "a secret")
        }
        if param?.variadic != true { positional += 1 }
      }
      i += 1
    }
    return found
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
