/// A word of a line that holds a secret: what a recording calls it, and which part of it is secret.
public struct SecretWord: Equatable, Sendable {
  public var label: String
  public var secrecy: Secrecy

  /// The word split where its secret starts: `NEW_PASSWORD=` and the password, or "" and the whole word.
  public func split(_ word: String) -> (prefix: String, secret: String) {
    guard secrecy == .answer || secrecy == .assignment, let eq = word.firstIndex(of: "=") else { return ("", word) }
    return (String(word[...eq]), String(word[word.index(after: eq)...]))
  }
}

extension CommandSpec {
  /// The positions in `words` (the line's words, the command's name first) that hold a secret: as its
  /// params and flags declare, and as its `secretWords` judge a value only its content tells (`set
  /// client-secret`). Nothing here knows a command by name, so a renamed command keeps its secrets.
  public func secretPositions(_ words: [String]) -> [Int: SecretWord] {
    var found: [Int: SecretWord] = [:]
    let depth = name.split(separator: " ").count
    let judgedSecret = secretWords?(Array(words.dropFirst(depth))) == true
    var positional = 0
    var i = depth
    while i < words.count {
      let w = words[i]
      if w.hasPrefix("--"), let flag = flags.first(where: { w == "--\($0.name)" || w.hasPrefix("--\($0.name)=") }) {
        let label = "--\(flag.name)"
        if flag.value != nil && !w.contains("=") {
          if flag.secret.isSecret { found[i + 1] = SecretWord(label: label, secrecy: flag.secret) }
          i += 2
          continue
        }
        // `--password=P`: the value after `=` only, so a replay still reads the flag.
        if flag.secret.isSecret { found[i] = SecretWord(label: label, secrecy: .assignment) }
      } else if w != "=" {
        let param = positional < params.count ? params[positional] : params.last
        if let param, Self.holdsSecret(w, param.secret) {
          found[i] = SecretWord(label: Self.label(param), secrecy: param.secret)
        } else if positional >= 1, judgedSecret {
          // A value only the line's content shows to be secret: each argument after the first.
          found[i] = SecretWord(label: param.map(Self.label) ?? "a secret", secrecy: .value)
        }
        if param?.variadic != true { positional += 1 }
      }
      i += 1
    }
    return found
  }

  static func holdsSecret(_ word: String, _ secrecy: Secrecy) -> Bool {
    switch secrecy {
    case .assignment: return word.contains("=")
    case .jwt: return word.hasPrefix("eyJ")
    default: return secrecy.isSecret
    }
  }

  /// What a recording calls a secret argument: its placeholder, or what it holds.
  static func label(_ param: Param) -> String {
    switch param.secret {
    case .answer: return "an answer"
    case .assignment: return "the value"
    case .jwt: return "a token"
    default: return param.name.hasPrefix("= ") ? "the value" : param.name
    }
  }
}
