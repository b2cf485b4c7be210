import Auth
import Basics
import Foundation

/// `sandbox trigger set|unset|list`: the sandbox pool's Lambda triggers, run by local handlers.
enum SandboxTriggerCommand {
  /// The triggers the sandbox runs, as LambdaConfig names them.
  static let triggers = [
    "PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication", "PostAuthentication",
    "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse", "PreTokenGeneration", "UserMigration",
  ]

  static let spec = CommandSpec(
    "sandbox", "trigger",
    summary: "give the sandbox pool's Lambda triggers local handlers: set TRIGGER FILE.py:FUNCTION, unset, list",
    params: [
      Param("ACTION", completion: .choices(["set", "unset", "list"])),
      Param("TRIGGER", optional: true, completion: .choices(triggers)),
      Param(
        "HANDLER", optional: true,
        completion: .suggestions(TriggerExamples.files.keys.sorted().map { "example:" + $0 })),
    ],
    flags: [
      Flag("command", value: "LINE", help: "a command as the handler: the event on stdin, the answer on stdout"),
      Flag(
        "version", value: "V", help: "PreTokenGeneration's event version: V1_0 (default), V2_0 or V3_0",
        completion: .choices(["V1_0", "V2_0", "V3_0"])),
    ],
    details: """
      example:NAME is one of examples/triggers, built in: \(TriggerExamples.files.keys.sorted().joined(separator: ", ")).
      A handler is a Python file and function (FILE.py:FUNCTION, called with the event and a context object as
      Lambda's Python runtime calls it) or, with --command, any command that reads the event JSON on stdin and
      writes the event with its response on stdout (a Node or Go handler). It runs for 5 seconds at most; what it
      prints to stderr is its log, shown by --trace and `show N`. COGSH_SANDBOX_URL in its environment is the
      sandbox's address, whose /sandbox-api/outbox takes a message for the mailbox (as a Lambda would use SES).
      """,
    handler: { args, ctx in
      guard let status = Sandbox.status(ctx: ctx) else { throw CommandError("the sandbox is not running") }
      let action = try args.required("ACTION")
      switch action {
      case "list":
        show(try ctx.account.sandboxTriggers(url: status.url), ctx: ctx)
      case "set", "unset":
        let trigger = try args.required("TRIGGER")
        guard triggers.contains(trigger) else {
          throw UsageError.invalidChoice(trigger, for: "trigger", choices: triggers)
        }
        var handler: TriggerHandler?
        if action == "set" {
          handler = try Self.handler(args, ctx: ctx)
        }
        show(
          try ctx.account.setSandboxTrigger(
            url: status.url, trigger: trigger, handler: handler, version: args.flag("version")), ctx: ctx)
      default:
        throw UsageError.invalidChoice(action, for: "sandbox trigger action", choices: ["set", "unset", "list"])
      }
      return .proceed
    })

  static func handler(_ args: Arguments, ctx: ShellContext) throws -> TriggerHandler {
    if args.flag("command") != nil, args["HANDLER"] != nil {
      throw UsageError.invalidOption("sandbox trigger set: give FILE.py:FUNCTION or --command LINE, not both")
    }
    return try resolve(
      args["HANDLER"], command: args.flag("command"), directory: FileManager.default.currentDirectoryPath, ctx: ctx)
  }

  /// A handler named as `sandbox trigger set` and a pool description name one: `example:NAME` (written
  /// where the sandbox's server reads it), `FILE.py:FUNCTION` (relative to `directory`), or a command.
  static func resolve(_ word: String?, command: String?, directory: String, ctx: ShellContext) throws
    -> TriggerHandler
  {
    if let command { return .command(command, directory: directory) }
    guard let word else {
      throw UsageError.invalidOption("sandbox trigger set: give FILE.py:FUNCTION or --command LINE")
    }
    if word.hasPrefix("example:") {
      let name = String(word.dropFirst("example:".count))
      guard let text = TriggerExamples.files[name] else {
        throw UsageError.invalidChoice(name, for: "built-in example", choices: TriggerExamples.files.keys.sorted())
      }
      try ctx.store.files.ensureDirectory("trigger-examples")
      let file = "trigger-examples/\(name).py"
      try ctx.store.files.write(file, Data((text + "\n").utf8))
      return .python(file: ctx.store.files.path(file), function: "handler")
    }
    guard let handler = TriggerHandler.python(word, directory: directory) else {
      throw UsageError.invalidOption(
        "sandbox trigger set: \(UsageError.shown(word)) is not FILE.py:FUNCTION, example:NAME or --command LINE")
    }
    if case .python(let file, _) = handler, !FileManager.default.isReadableFile(atPath: file) {
      throw CommandError("no handler file \(file)", hint: "A relative path is taken from \(directory).")
    }
    return handler
  }

  /// The pool description's SandboxTriggers ({TRIGGER: {handler | command, version}}), given to the new
  /// pool; relative paths are the description file's.
  static func apply(description: JSON, directory: String, poolId: String, url: String, ctx: ShellContext) throws {
    guard let set = description["SandboxTriggers"]?.objectValue else { return }
    for name in set.keys.sorted() {
      guard triggers.contains(name), let entry = set[name] else {
        throw CommandError("the sandbox pool description's SandboxTriggers names \(name), which is not a trigger")
      }
      let handler = try resolve(
        entry["handler"]?.stringValue, command: entry["command"]?.stringValue, directory: directory, ctx: ctx)
      try ctx.account.setSandboxTrigger(
        url: url, poolId: poolId, trigger: name, handler: handler, version: entry["version"]?.stringValue)
    }
  }

  static func show(_ answer: JSON, ctx: ShellContext) {
    let set = answer["triggers"]?.objectValue ?? [:]
    ctx.printer.result(answer) {
      guard !set.isEmpty else {
        return "no triggers: the pool runs none (sandbox trigger set TRIGGER FILE.py:FUNCTION)"
      }
      let rows = set.keys.sorted().map { name -> [String] in
        let h = set[name]?["handler"]
        let text =
          h?["python"]?.stringValue.map { "\($0):\(h?["function"]?.stringValue ?? "handler")" }
          ?? h?["command"]?.stringValue.map { "command: \($0)" } ?? "?"
        return [name, set[name]?["version"]?.stringValue ?? "V1_0", text]
      }
      return Table.columns([["TRIGGER", "VERSION", "HANDLER"]] + rows)
    }
  }
}
