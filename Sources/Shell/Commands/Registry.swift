/// The one table of commands: dispatch, help, completion, history sensitivity and the docs read it.
public enum Registry {
  public static let commands: [CommandSpec] =
    ContextCommands.all + AuthCommands.all + AccountCommands.all + MFACommands.all + PasskeyCommands.all
    + ReplicaCommands.all
    + AdminCommands.all
    + PoolAdminCommands.all
    + TokenCommands.all + [IssuerCommands.issuer, HostedCommands.oauth, IdentityCommands.identity]
    + ShellCommands.all

  /// Group names in the order help shows them.
  public static let groups = ["Context", "Sign-in", "Administration", "Tokens", "Shell"]

  /// The command named `word` or aliased by it.
  public static func find(_ word: String) -> CommandSpec? {
    commands.first { $0.name == word || $0.aliases.contains(word) }
  }

  /// Every name and alias.
  public static var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases }.sorted() }

  /// The nearest name to a mistyped `word`, if one is close.
  public static func suggestion(for word: String) -> String? { nearest(word, in: allNames) }

  /// The name in `names` nearest to `word`, if one is close.
  static func nearest(_ word: String, in names: [String]) -> String? {
    // Among equally near names, one longer than the word wins: a typo more often drops a letter.
    let scored = names.map { ($0, editDistance($0, word)) }.min {
      ($0.1, $0.0.count < word.count ? 1 : 0) < ($1.1, $1.0.count < word.count ? 1 : 0)
    }
    guard let (name, d) = scored, d <= max(1, word.count / 3) else {
      return names.first { $0.hasPrefix(word) && word.count >= 2 }
    }
    return name
  }

  /// The command a line's words run, and the words it parses: `mfa verify 123` runs `mfa verify`.
  public static func resolve(_ words: [String]) throws -> (CommandSpec, [String])? {
    guard let first = words.first, let spec = find(first) else { return nil }
    return try spec.resolve(Array(words.dropFirst()))
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
      var cur = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      prev = cur
    }
    return prev[b.count]
  }
}
