import Basics

/// A mistake in how a command was typed: exit status 2.
public enum UsageError: UserFacingError, Equatable {
  case unknownCommand(String, suggestion: String?)
  /// `call` with an action cognito-idp does not have.
  case unknownOperation(String, suggestion: String?)
  case unknownFlag(String, command: String, usage: String, suggestion: String? = nil)
  case missingArgument(String, command: String, usage: String)
  case tooManyArguments(String?, command: String, usage: String)
  case missingFlagValue(String, command: String, usage: String)
  case invalidChoice(String, for: String, choices: [String])
  case syntax(String)
  /// A `$NAME` that is neither cogsh's, the user's (`let`), nor the environment's; the user's are listed.
  case unknownVariable(String, userVariables: [String] = [])
  case invalidOption(String)

  public var message: String {
    switch self {
    case .unknownCommand(let c, _): return "unknown command \(UsageError.shown(c))"
    case .unknownOperation(let a, _): return "call: unknown action \(UsageError.shown(a))"
    case .unknownFlag(let f, let c, _, _): return "\(c): unknown option \"\(f)\""
    case .missingArgument(let a, let c, _): return "\(c): missing \(a)"
    case .tooManyArguments(let a, let c, _):
      return a.map { "\(c): unexpected argument \(UsageError.shown($0))" }
        ?? "\(c): too many arguments (not shown: they may hold a secret)"
    case .missingFlagValue(let f, let c, _): return "\(c): option \(f) needs a value"
    case .invalidChoice(let v, let what, let choices):
      return "invalid \(what) \(UsageError.shown(v)) (expected \(choices.joined(separator: ", ")))"
    case .syntax(let why): return why
    case .unknownVariable(let name, _): return "unknown variable $\(name)"
    case .invalidOption(let why): return why
    }
  }

  /// A value typed by the user, quoted, unless it looks like a token or a password: an error message
  /// reaches the terminal's scrollback, logs and screenshots, so such a value is described, not repeated.
  static func shown(_ value: String) -> String {
    looksSecret(value)
      ? "(a value of \(value.count) characters that looks like a token or a secret, not shown)" : "\"\(value)\""
  }

  /// A JWT (`eyJ…` in dotted parts), or a long run of base64 characters: 40 or more (a Session, a
  /// client secret), or 24 or more mixing upper case, lower case and digits (a key, a code verifier).
  /// Ids (a pool's, a client's, a UUID) and the words of a command line are not.
  static func looksSecret(_ value: String) -> Bool {
    if value.hasPrefix("eyJ") && value.split(separator: ".").count >= 2 { return true }
    guard value.count >= 24, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=_-.".contains($0)) }),
      value.filter({ $0 == "-" }).count < 4
    else { return false }
    if value.count >= 40 { return true }
    return value.contains(where: \.isLowercase) && value.contains(where: \.isUppercase)
      && value.contains(where: \.isNumber)
  }

  public var hint: String? {
    switch self {
    case .unknownCommand(_, let suggestion):
      if let suggestion { return "Did you mean \"\(suggestion)\"? Type `help` for the list of commands." }
      return "Type `help` for the list of commands."
    case .unknownFlag(_, _, let usage, let suggestion):
      return (suggestion.map { "Did you mean \($0)? " } ?? "") + "usage: \(usage)"
    case .missingArgument(_, _, let usage), .tooManyArguments(_, _, let usage), .missingFlagValue(_, _, let usage):
      return "usage: \(usage)"
    case .unknownOperation(_, let suggestion):
      return (suggestion.map { "Did you mean \($0)? " } ?? "")
        + "cogsh knows cognito-idp's actions from botocore's model; Tab after `call ` lists them."
    case .unknownVariable(_, let mine):
      let yours = mine.isEmpty ? "" : "; yours: " + mine.sorted().map { "$" + $0 }.joined(separator: " ")
      return
        "Variables: \(Runner.variableNames.map { "$" + $0 }.joined(separator: " "))\(yours); and the environment's."
    case .invalidChoice(let v, _, let choices):
      return Registry.nearest(v, in: choices).map { "Did you mean \($0)?" }
    default: return nil
    }
  }
}

/// A command that ran but could not do its job for a reason cogsh itself found: exit status 1.
public struct CommandError: UserFacingError, Equatable {
  public var message: String
  public var hint: String?
  /// Kept from a service error this one rewords: the operation and the request id.
  public var detail: String?

  public init(_ message: String, hint: String? = nil, detail: String? = nil) {
    self.message = message
    self.hint = hint
    self.detail = detail
  }
}
