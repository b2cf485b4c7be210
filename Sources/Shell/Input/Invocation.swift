import Auth
import Basics

/// The `cogsh` command line, parsed.
public struct Invocation: Equatable, Sendable {
  public var profile: String?
  /// The AWS CLI profile for credentials and AWS settings (`--aws-profile`, over AWS_PROFILE).
  public var awsProfile: String?
  /// The settings given as options (`--pool-id`, `--output`, …), over the profile's.
  public var overrides = Profile()
  public var commands: String?
  public var file: String?
  public var keepGoing = false
  public var sandbox = false
  public var trace = false
  public var help = false
  public var version = false
  public var commandsMarkdown = false
  /// `--completion SHELL`: the completion script for that shell.
  public var completion: String?
  public var manPage = false
  public var listProfiles = false
  /// Secrets asked for are read from standard input, one a line (`--password-stdin`).
  public var passwordStdin = false
  /// Secrets asked for are read from this file, one a line (`--password-file`; `/dev/fd/N` works).
  public var passwordFile: String?
  /// `-X`: do not run `$COGSH_HOME/rc` first.
  public var skipRC = false
  /// `--no-pager`: long output is written as it is, never through a pager.
  public var noPager = false
  /// `--trust-endpoint`: stored tokens may go to an endpoint or pool other than their issuer.
  public var trustEndpoint = false

  /// Parses `arguments` (without the program name) by the rows of `table`.
  public static func parse(_ arguments: [String], options table: [OuterOption] = options) throws -> Invocation {
    var inv = Invocation()
    var i = 0
    while i < arguments.count {
      var word = arguments[i]
      var value: String?
      if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
        value = String(word[word.index(after: eq)...])
        word = String(word[..<eq])
      }
      guard let option = table.first(where: { $0.name == word || $0.alias == word }) else {
        throw InvocationError.unknownOption(word)
      }
      if option.value != nil {
        if value == nil {
          guard i + 1 < arguments.count else { throw InvocationError.missingValue(word) }
          i += 1
          value = arguments[i]
        }
      } else if value != nil {
        throw InvocationError.unexpectedValue(word)
      }
      try option.apply(&inv, value ?? "")
      i += 1
    }
    if inv.commands != nil && inv.file != nil { throw InvocationError.conflict }
    if inv.passwordStdin && inv.passwordFile != nil {
      throw InvocationError.incompatible("--password-stdin", "--password-file")
    }
    if inv.passwordStdin && inv.commands == nil && inv.file != "-" && inv.file == nil {
      // With neither -c nor -f, stdin is the script (or the terminal): it cannot hold passwords too.
      throw InvocationError.needsCommands("--password-stdin")
    }
    if inv.passwordStdin && inv.file == "-" { throw InvocationError.incompatible("--password-stdin", "-f -") }
    return inv
  }

  /// Values from `COGSH_*` and the seed's `COGNITO_*` variables, beneath the flags: each setting's
  /// variables (`Setting.environment`), checked as `set` checks them.
  public static func environmentOverrides(_ env: [String: String], settings: [Setting] = Setting.all) throws
    -> Profile
  {
    try SettingCommands.inShellWords { try Setting.fromEnvironment(env, table: settings) }
  }
}

/// Mistakes on the `cogsh` command line: exit status 2 with the usage.
public enum InvocationError: UserFacingError, Equatable {
  case unknownOption(String)
  case missingValue(String)
  case unexpectedValue(String)
  case conflict
  case incompatible(String, String)
  case needsCommands(String)

  public var message: String {
    switch self {
    case .unknownOption(let o): return "unknown option \"\(o)\""
    case .missingValue(let o): return "option \(o) needs a value"
    case .unexpectedValue(let o): return "option \(o) takes no value"
    case .conflict: return "-c and -f cannot be used together"
    case .incompatible(let a, let b): return "\(a) and \(b) cannot be used together"
    case .needsCommands(let o): return "\(o) needs -c or -f FILE: standard input carries the secrets"
    }
  }

  public var hint: String? { Invocation.usage }
}
