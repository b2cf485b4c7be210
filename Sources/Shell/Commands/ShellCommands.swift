import Auth
import Basics
import Foundation

/// help, exit, echo, output, trace, history, source, sandbox.
enum ShellCommands {
  static let all: [CommandSpec] = [
    help, exit, clear, echo, output, trace, history, source, sandbox, WalkthroughCommand.spec, LogCommand.spec,
    DebugCommands.show, DebugCommands.record, DebugCommands.exportHistory, letVariable,
  ]

  static let help = CommandSpec(
    name: "help", aliases: ["?"], group: "Shell", summary: "list the commands, or describe one",
    params: [
      Param("COMMAND", optional: true, completion: .commands),
      Param("ACTION", optional: true, completion: .subcommandsOfPrevious),
    ],
    handler: { args, ctx in
      if let name = args["COMMAND"] {
        guard let spec = Registry.find(name) else {
          throw UsageError.unknownCommand(name, suggestion: Registry.suggestion(for: name))
        }
        let shown = try args["ACTION"].map { try spec.resolve([$0]).0 } ?? spec
        ctx.printer.paged(HelpText.command(shown))
      } else {
        ctx.printer.paged(HelpText.overview())
      }
      return .proceed
    })

  static let exit = CommandSpec(
    name: "exit", aliases: ["quit"], group: "Shell", summary: "leave the shell (Ctrl-D and \\q too)",
    handler: { _, _ in .quit })

  static let clear = CommandSpec(
    name: "clear", group: "Shell", summary: "clear the screen (Ctrl-L too)",
    handler: { _, _ in
      if Terminal.isTTY(STDOUT_FILENO) { Printer.write("\u{1B}[H\u{1B}[2J", fd: STDOUT_FILENO) }
      return .proceed
    })

  static let echo = CommandSpec(
    name: "echo", group: "Shell", summary: "print the words, after variable expansion",
    params: [Param("TEXT", optional: true, variadic: true)],
    handler: { args, ctx in
      ctx.printer.plain(args.list("TEXT").joined(separator: " "))
      return .proceed
    })

  static let output = CommandSpec(
    name: "output", group: "Shell", summary: "show results as text, json or a table (this session only)",
    params: [Param("MODE", completion: .choices(OutputMode.allCases.map(\.rawValue)))],
    details: HelpText.outputGuide,
    handler: { args, ctx in
      let mode = try args.required("MODE")
      guard let chosen = OutputMode(rawValue: mode) else {
        throw UsageError.invalidChoice(mode, for: "output", choices: OutputMode.allCases.map(\.rawValue))
      }
      ctx.printer.mode = chosen
      return .proceed
    })

  static let letVariable = CommandSpec(
    name: "let", group: "Shell", summary: "set a variable for this session: let NAME = VALUE, then $NAME",
    // A value may be a password kept for later: the line stays out of the history, a recording gets a
    // variable in its place.
    params: [
      Param("NAME", optional: true, secret: .assignment),
      Param("= VALUE", optional: true, variadic: true, secret: .value),
    ],
    details:
      "let NAME = VALUE (or NAME=VALUE); `let NAME` alone removes it; `let` alone lists them. $? is the last command's exit status.",
    handler: { args, ctx in
      guard var name = args["NAME"] else {
        let mine = ctx.variables.sorted { $0.key < $1.key }
        ctx.printer.result(.object(ctx.variables.mapValues { .string($0) })) {
          mine.isEmpty
            ? "no variables of yours yet: let NAME = VALUE"
            : Table.render(mine.map { ("$" + $0.key, $0.value) })
        }
        return .proceed
      }
      var rest = args.list("= VALUE")
      if let eq = name.firstIndex(of: "=") {
        rest = [String(name[name.index(after: eq)...])] + rest
        name = String(name[..<eq])
      } else if rest.first == "=" {
        rest.removeFirst()
      }
      guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first),
        name.unicodeScalars.allSatisfy({ $0 == "_" || CharacterSet.alphanumerics.contains($0) })
      else { throw UsageError.invalidOption("let: \"\(name)\" is not a variable name (letters, digits, _)") }
      guard !Runner.variableNames.contains(name) else {
        throw CommandError("$\(name) is one of cogsh's own variables; pick another name")
      }
      if rest.isEmpty {
        ctx.variables[name] = nil
        ctx.printer.note("$\(name) removed")
      } else {
        ctx.variables[name] = rest.joined(separator: " ")
      }
      return .proceed
    })

  static let trace = CommandSpec(
    name: "trace", group: "Shell", summary: "show each request and response on stderr, secrets redacted",
    params: [Param("STATE", completion: .choices(["on", "off"]))],
    handler: { args, ctx in
      ctx.traceOn = args["STATE"] == "on"
      ctx.printer.note("trace \(ctx.traceOn ? "on" : "off")")
      return .proceed
    })

  static let history = CommandSpec(
    name: "history", group: "Shell", summary: "the lines entered in this session",
    handler: { _, ctx in
      ctx.printer.result(.array(ctx.history.map { .string($0) })) {
        ctx.history.enumerated().map { "\(String($0.offset + 1).leftPadded(4, with: " "))  \($0.element)" }
          .joined(separator: "\n")
      }
      return .proceed
    })

  static let source = CommandSpec(
    name: "source", group: "Shell", summary: "run the commands in FILE (stops at the first failure)",
    params: [Param("FILE", completion: .files)],
    handler: { args, ctx in
      let given = (try args.required("FILE"))
      // Inside a script, a relative path is the script's neighbour, as psql's \ir reads it.
      let path =
        given.hasPrefix("/") ? given : ctx.scriptDirectories.last.map { $0.isEmpty ? given : $0 + "/" + given } ?? given
      let text = try Program.readScript(path)
      guard ctx.sourceDepth < 8 else { throw CommandError("source: files nested too deeply (\(path))") }
      ctx.sourceDepth += 1
      defer { ctx.sourceDepth -= 1 }
      let status = Runner(ctx: ctx).runScript(text, keepGoing: false, file: path)
      if status != 0 { throw CommandError("source: \(path) stopped at a failing command") }
      return .proceed
    })

  static let sandbox = CommandSpec(
    name: "sandbox", group: "Shell", summary: "start, stop, reset or show the local sandbox, or move its clock on",
    subcommands: [
      CommandSpec(
        "sandbox", "start",
        summary:
          "start moto in the background with the article's pool (other shells use it too), or use the running one",
        handler: { _, ctx in
          try Sandbox.start(ctx: ctx, background: true)
          return .proceed
        }),
      CommandSpec(
        "sandbox", "stop", summary: "stop the sandbox (this shell's, or the one in the background)",
        handler: { _, ctx in
          try Sandbox.stop(ctx: ctx)
          return .proceed
        }),
      CommandSpec(
        "sandbox", "reset", summary: "fresh pools on the same sandbox: users, sessions and codes are forgotten",
        handler: { _, ctx in
          try Sandbox.reset(ctx: ctx)
          return .proceed
        }),
      CommandSpec(
        "sandbox", "status", summary: "whether the sandbox runs, where, and for whom",
        handler: { _, ctx in
          if let s = Sandbox.status(ctx: ctx) {
            // What a trainee needs to point a tool at it: the pool, the client, managed login.
            let profile = (try? ctx.store.profileBook().profiles[Sandbox.profileName]) ?? nil
            func value(_ v: String?) -> JSON { v.map { .string($0) } ?? .null }
            ctx.printer.result([
              "running": true, "url": .string(s.url), "background": .bool(s.background),
              "pid": s.pid.map { .number(Double($0)) } ?? .null, "poolId": value(profile?.poolId),
              "clientId": value(profile?.clientId), "identityPoolId": value(profile?.identityPoolId),
              "managedLogin": value(profile?.domain), "profile": .string(Sandbox.profileName),
            ]) {
              Table.render(
                [
                  ("moto", s.url + (s.background ? " in the background (process \(s.pid ?? 0))" : ", for this shell"))
                ]
                  + [
                    ("pool", profile?.poolId), ("client", profile?.clientId),
                    ("identity pool", profile?.identityPoolId),
                    ("managed login", profile?.domain), ("profile", Sandbox.profileName),
                  ].compactMap { row in row.1.map { (row.0, $0) } })
            }
          } else {
            ctx.printer.result(["running": false]) { "not running: `sandbox start` starts it for every shell" }
          }
          return .proceed
        }),
      SandboxTriggerCommand.spec,
      CommandSpec(
        "sandbox", "advance",
        summary: "move the sandbox's clock on (90, 90s, 5m, 2h): challenge Sessions expire as after that long",
        params: [Param("DURATION")],
        handler: { args, ctx in
          guard let status = Sandbox.status(ctx: ctx) else { throw CommandError("the sandbox is not running") }
          let word = try args.required("DURATION")
          guard let seconds = Sandbox.seconds(word) else {
            throw UsageError.invalidOption("sandbox advance: \"\(word)\" is not a duration (90, 90s, 5m, 2h)")
          }
          let ahead = try ctx.account.advanceSandboxClock(url: status.url, seconds: seconds)
          ctx.printer.result(["advancedSeconds": .number(Double(seconds)), "aheadSeconds": .number(ahead)]) {
            "the sandbox's clock is \(TimeText.duration(ahead)) ahead; moto's tokens keep the machine's time"
          }
          return .proceed
        }),
    ])
}

extension String {
  func leftPadded(_ width: Int, with pad: Character) -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
