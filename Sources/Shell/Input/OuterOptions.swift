import Auth

/// An option of the `cogsh` command line itself (not of a command inside it): its spelling, its help
/// and what it does to the parsed `Invocation`, in one row.
public struct OuterOption: Sendable {
  public var name: String
  /// Another spelling (`-h` for `--help`).
  public var alias: String?
  /// The value's placeholder; nil for a switch.
  public var value: String?
  public var help: String
  public var completion: Completion = .none
  /// For tools (the installer's completions and manual page), left out of `--help` and the usage line.
  public var hidden = false
  /// What the option does, given its value ("" for a switch).
  let apply: @Sendable (inout Invocation, String) throws -> Void

  /// An option that takes a value.
  init(
    _ name: String, value: String, help: String, completion: Completion = .none, hidden: Bool = false,
    apply: @escaping @Sendable (inout Invocation, String) throws -> Void
  ) {
    self.name = name
    self.value = value
    self.help = help
    self.completion = completion
    self.hidden = hidden
    self.apply = apply
  }

  /// A switch.
  init(
    _ name: String, alias: String? = nil, help: String, hidden: Bool = false,
    apply: @escaping @Sendable (inout Invocation) -> Void
  ) {
    self.name = name
    self.alias = alias
    self.help = help
    self.hidden = hidden
    self.apply = { inv, _ in apply(&inv) }
  }

  /// `--KEY VALUE` for a profile setting: the value checked as `set` checks it, beneath nothing.
  init(setting: Setting) {
    self.init(
      "--" + setting.key, value: setting.placeholder, help: setting.summary,
      completion: setting.choices.map { .choices($0) } ?? .none,
      apply: { inv, v in try SettingCommands.inShellWords { try setting.assign(v, to: &inv.overrides) } })
  }
}

extension Invocation {
  /// Every option of the command line, in the order `--help` shows them: the parser, the usage line,
  /// the manual page and the shell completions derive from this one table.
  public static let options: [OuterOption] = options(settings: Setting.all)

  /// The options, with one `--KEY VALUE` for each row of `settings`.
  static func options(settings: [Setting]) -> [OuterOption] {
    let before = [
      OuterOption(
        "--profile", value: "NAME", help: "the cogsh profile to use (default: COGSH_PROFILE, or the last used)",
        completion: .profiles,
        apply: { inv, v in
          guard SessionStore.isValidProfileName(v) else { throw StoreError.invalidProfileName(v) }
          inv.profile = v
        }),
      OuterOption(
        "--aws-profile", value: "NAME", help: "the AWS CLI profile for credentials and region (over AWS_PROFILE)",
        apply: { $0.awsProfile = $1 }),
    ]
    let after = [
      OuterOption(
        "-c", value: "COMMANDS", help: "run these commands (separated by ; or newlines) and exit",
        apply: { $0.commands = $1 }),
      OuterOption(
        "-f", value: "FILE", help: "run the commands in FILE (- for standard input) and exit", completion: .files,
        apply: { $0.file = $1 }),
      OuterOption("--keep-going", help: "with -c or -f, run every command even after one fails") {
        $0.keepGoing = true
      },
      OuterOption("--password-stdin", help: "read each secret asked for from standard input, one a line") {
        $0.passwordStdin = true
      },
      OuterOption(
        "--password-file", value: "FILE", help: "read each secret asked for from FILE, one a line",
        completion: .files, apply: { $0.passwordFile = $1 }),
      OuterOption(
        "--sandbox", help: "use the local sandbox (moto): a running one, or one for this shell's lifetime"
      ) { $0.sandbox = true },
      OuterOption("--trace", help: "show each request and response (secrets masked)") { $0.trace = true },
      OuterOption(
        "--trust-endpoint",
        help: "send stored tokens to the endpoint and pool configured now, even when another one issued them"
      ) { $0.trustEndpoint = true },
      OuterOption(
        "--no-pager",
        help: "never page long output (default: COGSH_PAGER, else PAGER, else less -FRX, at a terminal)"
      ) { $0.noPager = true },
      OuterOption("-X", alias: "--no-rc", help: "do not run $COGSH_HOME/rc first") { $0.skipRC = true },
      OuterOption("--version", help: "print the version and the commit it was built from") { $0.version = true },
      OuterOption("--help", alias: "-h", help: "print the usage") { $0.help = true },
      OuterOption(
        "--completion", value: "SHELL", help: "print the completion script for bash, zsh or fish",
        completion: .choices(CompletionScript.shells), hidden: true,
        apply: { inv, v in
          guard CompletionScript.shells.contains(v) else {
            throw UsageError.invalidChoice(v, for: "completion", choices: CompletionScript.shells)
          }
          inv.completion = v
        }),
      OuterOption("--man", help: "print the manual page (roff)", hidden: true) { $0.manPage = true },
      OuterOption("--commands-markdown", help: "print docs/commands.md", hidden: true) { $0.commandsMarkdown = true },
      OuterOption("--list-profiles", help: "print the saved profiles' names, one a line", hidden: true) {
        $0.listProfiles = true
      },
    ]
    return before + settings.map(OuterOption.init(setting:)) + after
  }

  public static let usage: String = {
    let words = options.filter { !$0.hidden }.map { "[" + $0.name + ($0.value.map { " " + $0 } ?? "") + "]" }
    var lines: [String] = []
    var line = "usage: cogsh"
    for w in words {
      if line.count + 1 + w.count > 100 {
        lines.append(line)
        line = String(repeating: " ", count: "usage: cogsh".count)
      }
      line += " " + w
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }()

  /// `--help`: the usage, then each option with what it does.
  public static var helpText: String {
    let shown = options.filter { !$0.hidden }
    let labels = shown.map { o in
      ([o.name] + (o.alias.map { [$0] } ?? [])).joined(separator: ", ") + (o.value.map { " " + $0 } ?? "")
    }
    let width = (labels.map(\.count).max() ?? 0) + 2
    let rows = zip(labels, shown).map { "  " + $0.padding(toLength: width, withPad: " ", startingAt: 0) + $1.help }
    return usage + "\n\n" + rows.joined(separator: "\n") + "\n\nInside the shell, `help` lists the commands.\n"
  }
}
