import Auth
import Basics
import Cognito
import Foundation

/// `show`, `record` and `export-history`: an exchange in full, and the session written out.
enum DebugCommands {
  static let show = CommandSpec(
    name: "show", group: "Shell",
    summary: "one exchange in full: request, response, headers, timing (show last, show N)",
    params: [Param("N", completion: .suggestions(["last"]))],
    flags: [Flag("raw", help: "the bodies as sent and received (still redacted), not pretty-printed")],
    handler: { args, ctx in
      let which = try args.required("N")
      let recorder = ctx.account.recorder
      guard which == "last" || Int(which) != nil else {
        throw UsageError.invalidOption(
          "show: N is an exchange's number from `log`, or last; not \(UsageError.shown(which))")
      }
      guard let x = which == "last" ? recorder.last : Int(which).flatMap(recorder.exchange) else {
        throw CommandError(
          "no exchange \(which) in this session's log",
          hint: recorder.exchanges.isEmpty ? "Nothing was sent yet." : "`log` lists the numbers kept.")
      }
      let e = x.event
      func body(_ text: String) -> String {
        guard !args.has("raw"), let json = try? JSON.parse(bytes: Array(text.utf8)) else { return text }
        return json.serialized(pretty: true)
      }
      ctx.printer.result(
        .object([
          "number": .number(Double(x.number)), "command": .string(x.command), "action": .string(e.action),
          "url": .string(e.url), "method": .string(e.method), "region": e.region.map { .string($0) } ?? .null,
          "requestHeaders": .object(Dictionary(e.requestHeaders.map { ($0.0, JSON.string($0.1)) }) { a, _ in a }),
          "requestBody": .string(e.requestBody), "status": .number(Double(e.status)),
          "responseHeaders": .object(Dictionary(e.responseHeaders.map { ($0.0, JSON.string($0.1)) }) { a, _ in a }),
          "responseBody": .string(e.responseBody), "milliseconds": .number(e.duration),
          "timing": e.timing.map { t in
            .object([
              "dns": .number(t.dns), "connect": .number(t.connect), "tls": .number(t.tls),
              "requestSent": .number(t.requestSent), "firstByte": .number(t.firstByte), "total": .number(t.total),
              "reused": .bool(t.reused),
            ])
          } ?? .null,
        ])
      ) {
        var lines = ["#\(x.number)  \(TimeText.clock(x.at))  \(x.command) → \(e.action)", "", "> \(e.method) \(e.url)"]
        lines += e.requestHeaders.map { "> \($0.0): \($0.1)" }
        if !e.requestBody.isEmpty { lines += ["", body(e.requestBody)] }
        lines += ["", "< \(e.status)  (\(String(format: "%.1f", e.duration)) ms)"]
        lines += e.responseHeaders.map { "< \($0.0): \($0.1)" }
        if !e.responseBody.isEmpty { lines += ["", body(e.responseBody)] }
        if let t = e.timing { lines += ["", "timing: \(t.summary)"] }
        return lines.joined(separator: "\n")
      }
      return .proceed
    })

  static let record: CommandSpec = {
    var spec = recordCommands
    spec.defaultSubcommand = "start"
    return spec
  }()

  static let recordCommands = CommandSpec(
    name: "record", group: "Shell",
    summary: "record this session as a replayable script (or as AWS CLI commands: record --aws FILE)",
    subcommands: [
      CommandSpec(
        "record", "start",
        summary:
          "start writing the commands to FILE as > would (a .cogsh script, new files 0600; --aws: a bash script, 0700)",
        params: [Param("FILE", completion: .files)],
        flags: [
          Flag("aws", help: "write the calls as `aws cognito-idp …` commands when recording stops"),
          Flag("force", help: "overwrite FILE if it is a file that has something in it (else cogsh asks)"),
        ],
        handler: { args, ctx in
          guard ctx.recording == nil else {
            throw CommandError("already recording to \(ctx.recording?.path ?? "?")", hint: "`record stop` first.")
          }
          let file = try args.required("FILE")
          // A recording starts by emptying its file: an existing one is not lost without a yes.
          var st = stat()
          if !args.has("force"), stat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            let answer =
              ctx.canPrompt
              ? try ctx.questions.line(
                "\(file) exists (\(st.st_size) bytes); overwrite it? [y/N] ", "whether to overwrite \(file)") : nil
            guard let answer, ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
              throw CommandError(
                "\(file) exists; not overwritten",
                hint: "`record start --force \(file)` overwrites it; or name another file.")
            }
          }
          ctx.recording = try Recording(path: file, aws: args.has("aws"), ctx: ctx)
          ctx.printer.note(
            "recording to \(file)" + (args.has("aws") ? " (as AWS CLI commands, written at `record stop`)" : ""))
          return .proceed
        }),
      CommandSpec(
        "record", "stop", summary: "stop recording and close the file",
        handler: { _, ctx in
          guard let recording = ctx.recording else { throw CommandError("not recording") }
          ctx.recording = nil
          try recording.finish(ctx: ctx)
          ctx.printer.note(recording.endNote)
          return .proceed
        }),
    ])

  static let exportHistory = CommandSpec(
    name: "export-history", group: "Shell",
    summary: "this session's calls as AWS CLI commands (a bash script; FILE written as > would, a new one 0700)",
    params: [Param("FILE", optional: true, completion: .files)],
    flags: [Flag("aws", help: "as `aws cognito-idp …` commands (the only form so far; required)")],
    handler: { args, ctx in
      guard args.has("aws") else {
        throw UsageError.missingArgument("--aws", command: "export-history", usage: "export-history --aws [FILE]")
      }
      let script = try awsScript(ctx.account.calls, ctx: ctx)
      if let file = args["FILE"] {
        try UserFile.write(script, to: file, mode: 0o700)
        ctx.printer.note("wrote \(file)")
      } else {
        ctx.printer.plain(script)
      }
      return .proceed
    })

  static func awsScript(_ calls: [CallRecord], ctx: ShellContext) throws -> String {
    let s = try ctx.configuration.settings()
    return AWSScript.write(
      calls, poolId: s.poolId, clientId: s.clientId, region: s.region ?? "us-east-1", endpoint: s.endpointURL)
  }

  static let mailbox = CommandSpec(
    name: "mailbox", group: "Sign-in",
    summary: "on the sandbox: the codes and temporary passwords a real pool would have emailed ($CODE: the latest)",
    handler: { _, ctx in
      let messages = try ctx.account.state().mailbox ?? []
      ctx.printer.result(
        .array(
          messages.map { m in
            .object([
              "to": .string(m.to), "subject": .string(m.subject), "code": .string(m.code), "at": .number(m.at),
              "note": m.note.map { .string($0) } ?? .null, "text": m.text.map { .string($0) } ?? .null,
            ])
          })
      ) {
        guard !messages.isEmpty else {
          return (try? ctx.configuration.settings().isSandbox) == true
            ? "the mailbox is empty" : "the mailbox is the sandbox's: a real pool sends its messages itself"
        }
        // The note is a column of its own, the one cut short at a narrow terminal, so a code never is.
        return Table.columns(
          [["time", "to", "what", "code", "note"]]
            + messages.map {
              [TimeText.clock($0.at), $0.to, $0.subject, $0.code, $0.text.map { "“\($0)”" } ?? $0.note ?? ""]
            },
          fit: ctx.printer.columns(), flexible: [4, 2, 1], optional: [0])
          + "\n" + Table.count(messages.count, "message")
      }
      return .proceed
    })
}
