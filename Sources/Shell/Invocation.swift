import Cognito
import Session

/// The `cogsh` command line, parsed.
public struct Invocation: Equatable, Sendable {
  public var profile: String?
  /// The AWS CLI profile for credentials and AWS settings (`--aws-profile`, over AWS_PROFILE).
  public var awsProfile: String?
  public var overrides = Profile()
  public var output: OutputMode?
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

  /// Parses `arguments` (without the program name).
  public static func parse(_ arguments: [String]) throws -> Invocation {
    var inv = Invocation()
    var i = 0
    while i < arguments.count {
      var word = arguments[i]
      var value: String?
      if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
        value = String(word[word.index(after: eq)...])
        word = String(word[..<eq])
      }
      if valued.contains(word) {
        if value == nil {
          guard i + 1 < arguments.count else { throw InvocationError.missingValue(word) }
          i += 1
          value = arguments[i]
        }
        let v = value ?? ""
        switch word {
        case "--profile":
          guard SessionStore.isValidProfileName(v) else { throw StoreError.invalidProfileName(v) }
          inv.profile = v
        case "--region": inv.overrides.region = v
        case "--endpoint-url":
          try Endpoint.validate(v)
          inv.overrides.endpointURL = v
        case "--pool-id": inv.overrides.poolId = v
        case "--client-id": inv.overrides.clientId = v
        case "--client-secret": inv.overrides.clientSecret = v
        case "--domain":
          try Endpoint.validate(v)
          inv.overrides.domain = v
        case "--identity-pool-id": inv.overrides.identityPoolId = v
        case "--output":
          guard let mode = OutputMode(rawValue: v) else {
            throw UsageError.invalidChoice(v, for: "output", choices: OutputMode.allCases.map(\.rawValue))
          }
          inv.output = mode
        case "-c": inv.commands = v
        case "--password-file": inv.passwordFile = v
        case "--aws-profile": inv.awsProfile = v
        case "--completion":
          guard CompletionScript.shells.contains(v) else {
            throw UsageError.invalidChoice(v, for: "completion", choices: CompletionScript.shells)
          }
          inv.completion = v
        case "-f": inv.file = v
        default: throw InvocationError.unknownOption(word)
        }
      } else {
        if value != nil { throw InvocationError.unexpectedValue(word) }
        switch word {
        case "--keep-going": inv.keepGoing = true
        case "--sandbox": inv.sandbox = true
        case "--trace": inv.trace = true
        case "--password-stdin": inv.passwordStdin = true
        case "--help", "-h": inv.help = true
        case "--version": inv.version = true
        case "--commands-markdown": inv.commandsMarkdown = true
        case "--man": inv.manPage = true
        case "--list-profiles": inv.listProfiles = true
        case "-X", "--no-rc": inv.skipRC = true
        case "--no-pager": inv.noPager = true
        case "--trust-endpoint": inv.trustEndpoint = true
        default: throw InvocationError.unknownOption(word)
        }
      }
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

  /// Values from `COGSH_*` and the seed's `COGNITO_*` variables, beneath the flags.
  public static func environmentOverrides(_ env: [String: String]) -> Profile {
    func value(_ names: String...) -> String? {
      for n in names { if let v = env[n], !v.isEmpty { return v } }
      return nil
    }
    return Profile(
      poolId: value("COGSH_POOL_ID", "COGNITO_USER_POOL_ID"), clientId: value("COGSH_CLIENT_ID", "COGNITO_CLIENT_ID"),
      clientSecret: value("COGSH_CLIENT_SECRET", "COGNITO_CLIENT_SECRET"), region: value("COGSH_REGION"),
      endpointURL: value("COGSH_ENDPOINT_URL"), output: value("COGSH_OUTPUT"),
      domain: value("COGSH_DOMAIN", "COGNITO_DOMAIN"),
      identityPoolId: value("COGSH_IDENTITY_POOL_ID", "COGNITO_IDENTITY_POOL_ID"))
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
