import Basics
import Foundation

/// What a word position completes to.
public enum Completion: Equatable, Sendable {
  case none
  /// The only values accepted.
  case choices([String])
  /// Offered at Tab, but any value is accepted.
  case suggestions([String])
  case commands
  case profiles
  case challenges
  /// A path on this machine.
  case files
  /// The users signed in under the profile.
  case users
  /// Every cognito-idp action.
  case actions
  /// The NAME=VALUE answers the pending challenge takes.
  case answers
  /// The built-in walkthroughs' names: parsed at Tab, not at start-up (parsing them all costs 4 ms).
  case walkthroughs
  /// The sub-commands of the command named by the word before (`help jwt <Tab>`: decode, verify, …).
  case subcommandsOfPrevious
}

/// Which part of an argument is secret: declared on the command's words, and the history, recordings
/// and usage errors all take it from there.
public enum Secrecy: Sendable, Equatable {
  case none
  /// The whole word (a password, a token).
  case value
  /// `NAME=VALUE` answers: each value; a word with no `=` is taken whole (a challenge's answers).
  case answer
  /// `NAME=VALUE` or a bare NAME: the value after `=` only (a variable's value).
  case assignment
  /// A one-time code: a recording writes `$TOTP`, since a replay computes its own.
  case oneTimeCode
  /// A word that is a token (`eyJ…`); a name such as `id` is not.
  case jwt

  public var isSecret: Bool { self != .none }
}

/// A positional argument of a command.
public struct Param: Sendable {
  public var name: String
  public var optional: Bool = false
  /// Takes every remaining word.
  public var variadic: Bool = false
  /// What of its value is a secret.
  public var secret: Secrecy = .none
  public var completion: Completion = .none

  public init(
    _ name: String, optional: Bool = false, variadic: Bool = false, secret: Secrecy = .none,
    completion: Completion = .none
  ) {
    self.name = name
    self.optional = optional
    self.variadic = variadic
    self.secret = secret
    self.completion = completion
  }
}

/// A `--name [VALUE]` option of a command.
public struct Flag: Sendable {
  public var name: String
  /// The value's placeholder; nil for a switch that takes no value.
  public var value: String?
  public var repeatable: Bool = false
  public var secret: Secrecy = .none
  public var help: String
  public var completion: Completion = .none

  public init(
    _ name: String, value: String? = nil, repeatable: Bool = false, secret: Secrecy = .none, help: String,
    completion: Completion = .none
  ) {
    self.name = name
    self.value = value
    self.repeatable = repeatable
    self.secret = secret
    self.help = help
    self.completion = completion
  }
}

/// What a handler returns: carry on, or leave the shell.
public enum Outcome: Sendable {
  case proceed
  case quit
}

extension Flag {
  /// `--password P`, asked for without echo when left out.
  static let password = Flag(
    "password", value: "P", secret: .value, help: "the password; prompted for without echo when left out")

  /// `--attribute NAME=VALUE`, a user attribute, repeatable.
  static let userAttribute = Flag(
    "attribute", value: "NAME=VALUE", repeatable: true, help: "a user attribute, e.g. email=a@example.com")

  /// `--client-metadata KEY=VALUE`, on every command that sends an action taking ClientMetadata.
  static let clientMetadata = Flag(
    "client-metadata", value: "KEY=VALUE", repeatable: true,
    help: "sent as ClientMetadata, for the pool's Lambda triggers (custom auth, pre-token generation, …)")
}

/// One command, declared once: help, completion, dispatch and the docs derive from it.
public struct CommandSpec: Sendable {
  public var name: String
  public var aliases: [String] = []
  public var group: String
  public var summary: String
  public var params: [Param] = []
  public var flags: [Flag] = []
  /// Extra lines for `help COMMAND`.
  public var details: String = ""
  /// Whether the words after the name may hold a secret, where the secret params and flags do not
  /// say it (`respond … ANSWER=…`, `set client-secret …`). Judged on words, so a line that fails to
  /// parse is judged too.
  public var secretWords: (@Sendable ([String]) -> Bool)? = nil
  /// The sub-commands (`mfa setup`, `profile save`), each a whole command named "PARENT WORD"; a
  /// command with some takes its sub-command's word first and has no handler of its own.
  public var subcommands: [CommandSpec] = []
  /// The sub-command a line runs when it goes straight on with a flag (`record --aws FILE`).
  public var defaultSubcommand: String?
  /// The sub-command the bare name runs (`replicas` lists them), when there is one.
  public var bareSubcommand: String?
  public var handler: @Sendable (Arguments, ShellContext) throws -> Outcome

  /// A command made of sub-commands only.
  public init(name: String, aliases: [String] = [], group: String, summary: String, subcommands: [CommandSpec]) {
    self.init(
      name: name, aliases: aliases, group: group, summary: summary, subcommands: subcommands,
      handler: { args, _ in
        throw UsageError.missingArgument(
          "ACTION", command: args.command, usage: "\(args.command) \(subcommands.map(\.word).joined(separator: "|"))")
      })
  }

  /// A sub-command of `parent`: declared with its own params, flags, help and handler.
  public init(
    _ parent: String, _ word: String, summary: String, params: [Param] = [], flags: [Flag] = [],
    details: String = "", secretWords: (@Sendable ([String]) -> Bool)? = nil,
    handler: @escaping @Sendable (Arguments, ShellContext) throws -> Outcome
  ) {
    self.init(
      name: "\(parent) \(word)", group: "", summary: summary, params: params, flags: flags, details: details,
      secretWords: secretWords, handler: handler)
  }

  public init(
    name: String, aliases: [String] = [], group: String, summary: String, params: [Param] = [], flags: [Flag] = [],
    details: String = "", secretWords: (@Sendable ([String]) -> Bool)? = nil, subcommands: [CommandSpec] = [],
    handler: @escaping @Sendable (Arguments, ShellContext) throws -> Outcome
  ) {
    self.name = name
    self.aliases = aliases
    self.group = group
    self.summary = summary
    self.params = params
    self.flags = flags
    self.details = details
    self.secretWords = secretWords
    self.subcommands = subcommands
    self.handler = handler
  }

  /// The last word of the name: `setup` for `mfa setup`.
  public var word: String { String(name.split(separator: " ").last ?? Substring(name)) }

  /// The sub-command `word` names.
  public func subcommand(_ word: String) -> CommandSpec? { subcommands.first { $0.word == word } }

  /// Splits `words` (after this command's name) into the command they run and the words it parses:
  /// a sub-command's word is taken first; a missing or unknown one is a usage error naming the choices.
  public func resolve(_ words: [String]) throws -> (CommandSpec, [String]) {
    guard !subcommands.isEmpty else { return (self, words) }
    let choices = subcommands.map(\.word)
    guard let first = words.first else {
      if let bare = bareSubcommand.flatMap(subcommand) { return try bare.resolve([]) }
      throw UsageError.missingArgument("ACTION", command: name, usage: "\(name) \(choices.joined(separator: "|"))")
    }
    if first.hasPrefix("-"), let fallback = defaultSubcommand.flatMap(subcommand) { return try fallback.resolve(words) }
    guard let sub = subcommand(first) else {
      throw UsageError.invalidChoice(first, for: "\(name) action", choices: choices)
    }
    return try sub.resolve(Array(words.dropFirst()))
  }

  /// `name PARAM [OPTIONAL] [--flag VALUE]…`
  public var usage: String { synopsis(flags: true) }

  /// The usage with its options as one `[OPTIONS]`: short enough to list beside a summary.
  public var shortUsage: String { synopsis(flags: false) }

  func synopsis(flags withFlags: Bool) -> String {
    if !subcommands.isEmpty { return "\(name) \(subcommands.map(\.word).joined(separator: "|")) ..." }
    var parts = [name]
    for p in params {
      var s = p.name
      if p.variadic { s += " ..." }
      parts.append(p.optional ? "[\(s)]" : s)
    }
    if !withFlags {
      return (parts + (flags.isEmpty ? [] : ["[OPTIONS]"])).joined(separator: " ")
    }
    for f in flags {
      var s = "--\(f.name)"
      if let v = f.value { s += " \(v)" }
      if f.repeatable { s += " ..." }
      parts.append("[\(s)]")
    }
    return parts.joined(separator: " ")
  }

  /// Whether a line of this command with these words may carry a secret, parsed or not: a word its
  /// params and flags declare secret, or, for a command that takes a secret, a word more than it
  /// takes (a password typed in the wrong place).
  public func mayHoldSecret(_ words: [String]) -> Bool {
    if !subcommands.isEmpty {
      // An unknown sub-command's words are judged by the command it was probably meant to be.
      guard let first = words.first else { return false }
      let sub = subcommand(first) ?? Registry.nearest(first, in: subcommands.map(\.word)).flatMap(subcommand)
      guard let sub else {
        return subcommands.contains { $0.params.contains(where: \.secret.isSecret) || $0.secretWords != nil }
      }
      return sub.mayHoldSecret(Array(words.dropFirst()))
    }
    if secretWords?(words) == true { return true }
    if !secretPositions(name.split(separator: " ").map(String.init) + words).isEmpty { return true }
    guard params.contains(where: \.secret.isSecret) || flags.contains(where: \.secret.isSecret) else { return false }
    return params.last?.variadic != true && words.count > params.count
  }

  /// Parses the words after the command name.
  /// Runs the handler on `args`; a name it reads that this command does not declare is reported as
  /// the bug it is, before anything the handler went on to say.
  func run(_ args: Arguments, _ ctx: ShellContext) throws -> Outcome {
    do {
      let outcome = try handler(args, ctx)
      if !args.misreads.all.isEmpty { throw UndeclaredArgument(command: name, names: args.misreads.all) }
      return outcome
    } catch {
      if !args.misreads.all.isEmpty { throw UndeclaredArgument(command: name, names: args.misreads.all) }
      throw error
    }
  }

  public func parse(_ words: [String]) throws -> Arguments {
    var args = Arguments(command: name, params: params, flags: flags)
    var positional: [String] = []
    var i = 0
    var flagsDone = false
    while i < words.count {
      let w = words[i]
      if !flagsDone && w == "--" {
        flagsDone = true
      } else if !flagsDone && w.hasPrefix("--") && w.count > 2 {
        var flagName = String(w.dropFirst(2))
        var inlineValue: String?
        if let eq = flagName.firstIndex(of: "=") {
          inlineValue = String(flagName[flagName.index(after: eq)...])
          flagName = String(flagName[..<eq])
        }
        guard let flag = flags.first(where: { $0.name == flagName }) else {
          throw UsageError.unknownFlag(
            "--\(flagName)", command: name, usage: usage,
            suggestion: Registry.nearest(flagName, in: flags.map(\.name)).map { "--" + $0 })
        }
        if flag.value != nil {
          let value: String
          if let inlineValue {
            value = inlineValue
          } else {
            guard i + 1 < words.count else {
              throw UsageError.missingFlagValue("--\(flagName)", command: name, usage: usage)
            }
            i += 1
            value = words[i]
          }
          if !flag.repeatable && args.flags[flagName] != nil {
            throw UsageError.invalidOption("\(name): option --\(flagName) given twice")
          }
          args.flags[flagName, default: []].append(value)
        } else {
          if inlineValue != nil { throw UsageError.invalidOption("\(name): option --\(flagName) takes no value") }
          args.flags[flagName] = ["true"]
        }
      } else {
        positional.append(w)
      }
      i += 1
    }
    var index = 0
    for p in params {
      if p.variadic {
        args.values[p.name] = Array(positional[min(index, positional.count)...])
        index = positional.count
        if !p.optional && (args.values[p.name] ?? []).isEmpty {
          throw UsageError.missingArgument(p.name, command: name, usage: usage)
        }
      } else if index < positional.count {
        let v = positional[index]
        if case .choices(let choices) = p.completion, !choices.contains(v) {
          throw UsageError.invalidChoice(v, for: p.name.lowercased(), choices: choices)
        }
        args.values[p.name] = [v]
        index += 1
      } else if !p.optional {
        // A word from a list: the list is said, so the next try can be right.
        if case .choices(let choices) = p.completion {
          throw UsageError.missingArgument(
            "\(p.name) (\(choices.joined(separator: ", ")))", command: name, usage: usage)
        }
        throw UsageError.missingArgument(p.name, command: name, usage: usage)
      }
    }
    if index < positional.count {
      // The extra word may be a secret typed in the wrong place: not repeated then.
      let extra = mayHoldSecret(words) ? nil : positional[index]
      throw UsageError.tooManyArguments(extra, command: name, usage: usage)
    }
    return args
  }
}

/// The parsed words of one command line.
public struct Arguments: Sendable {
  public var command: String
  public var values: [String: [String]] = [:]
  public var flags: [String: [String]] = [:]
  /// The names the command declares; a read of any other is a handler and its declaration disagreeing.
  let declared: (params: Set<String>, flags: Set<String>)
  /// The undeclared names read, shared by the copies a handler passes around.
  let misreads = Misreads()

  public init(command: String, params: [Param] = [], flags: [Flag] = []) {
    self.command = command
    declared = (Set(params.map(\.name)), Set(flags.map(\.name)))
  }

  /// A positional argument the registry declares required: parse has checked it is there, and this
  /// says so as a usage error rather than trapping if a handler and its declaration ever disagree.
  public func required(_ name: String) throws -> String {
    guard let value = param(name).first else {
      throw UsageError.missingArgument(name, command: command, usage: command)
    }
    return value
  }

  /// The positional argument `name`, if given.
  public subscript(_ name: String) -> String? { param(name).first }

  /// Every word of a variadic argument.
  public func list(_ name: String) -> [String] { param(name) }

  /// The value of `--name`, if given.
  public func flag(_ name: String) -> String? { flagValues(name).last }

  /// Every value of a repeatable `--name`.
  public func flagList(_ name: String) -> [String] { flagValues(name) }

  /// Whether the switch `--name` was given.
  public func has(_ name: String) -> Bool { !flagValues(name).isEmpty }

  private func param(_ name: String) -> [String] {
    if !declared.params.contains(name) { misreads.add(name) }
    return values[name] ?? []
  }

  private func flagValues(_ name: String) -> [String] {
    if !declared.flags.contains(name) { misreads.add("--" + name) }
    return flags[name] ?? []
  }

  /// The names a handler read that its command does not declare, in the order read.
  final class Misreads: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []

    func add(_ name: String) { lock.withLock { if !names.contains(name) { names.append(name) } } }
    var all: [String] { lock.withLock { names } }
  }
}

/// A handler read a name its command does not declare: a bug, said as one instead of a silent nil.
struct UndeclaredArgument: UserFacingError {
  var command: String
  var names: [String]

  var message: String {
    "internal error: the \(command) command read \(names.joined(separator: ", ")), which it does not declare"
  }
  var hint: String? { "Please report this; the command's declaration and its handler disagree." }
}
