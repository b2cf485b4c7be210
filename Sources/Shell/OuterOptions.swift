/// An option of the `cogsh` command line itself (not of a command inside it).
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
}

extension Invocation {
  /// Every option of the command line, in the order `--help` shows them: the parser, the usage line,
  /// the manual page and the shell completions derive from this one table.
  public static let options: [OuterOption] = [
    OuterOption(
      name: "--profile", value: "NAME", help: "the cogsh profile to use (default: COGSH_PROFILE, or the last used)",
      completion: .profiles),
    OuterOption(
      name: "--aws-profile", value: "NAME", help: "the AWS CLI profile for credentials and region (over AWS_PROFILE)"),
    OuterOption(name: "--region", value: "R", help: "the AWS region of the pool"),
    OuterOption(
      name: "--endpoint-url", value: "URL",
      help:
        "the user pool endpoint, when not AWS's (moto, a proxy); identity pools and STS use AWS_ENDPOINT_URL_COGNITO_IDENTITY, AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL (the sandbox serves all three)"
    ),
    OuterOption(name: "--pool-id", value: "ID", help: "the user pool ID"),
    OuterOption(name: "--client-id", value: "ID", help: "the app client ID"),
    OuterOption(
      name: "--client-secret", value: "S", help: "the app client's secret, when it has one (kept out of the history)"),
    OuterOption(name: "--domain", value: "URL", help: "the pool's managed-login domain, for login --hosted"),
    OuterOption(name: "--identity-pool-id", value: "ID", help: "the identity pool ID, for identity commands"),
    OuterOption(
      name: "--output", value: "MODE", help: "text, json or table (default: the profile's, else text)",
      completion: .choices(OutputMode.allCases.map(\.rawValue))),
    OuterOption(name: "-c", value: "COMMANDS", help: "run these commands (separated by ; or newlines) and exit"),
    OuterOption(
      name: "-f", value: "FILE", help: "run the commands in FILE (- for standard input) and exit", completion: .files),
    OuterOption(name: "--keep-going", help: "with -c or -f, run every command even after one fails"),
    OuterOption(name: "--password-stdin", help: "read each secret asked for from standard input, one a line"),
    OuterOption(
      name: "--password-file", value: "FILE", help: "read each secret asked for from FILE, one a line",
      completion: .files),
    OuterOption(
      name: "--sandbox", help: "use the local sandbox (moto): a running one, or one for this shell's lifetime"),
    OuterOption(name: "--trace", help: "show each request and response (secrets masked)"),
    OuterOption(
      name: "--trust-endpoint",
      help: "send stored tokens to the endpoint and pool configured now, even when another one issued them"),
    OuterOption(
      name: "--no-pager",
      help: "never page long output (default: COGSH_PAGER, else PAGER, else less -FRX, at a terminal)"),
    OuterOption(name: "-X", alias: "--no-rc", help: "do not run $COGSH_HOME/rc first"),
    OuterOption(name: "--version", help: "print the version and the commit it was built from"),
    OuterOption(name: "--help", alias: "-h", help: "print the usage"),
    OuterOption(
      name: "--completion", value: "SHELL", help: "print the completion script for bash, zsh or fish",
      completion: .choices(["bash", "zsh", "fish"]), hidden: true),
    OuterOption(name: "--man", help: "print the manual page (roff)", hidden: true),
    OuterOption(name: "--commands-markdown", help: "print docs/commands.md", hidden: true),
    OuterOption(name: "--list-profiles", help: "print the saved profiles' names, one a line", hidden: true),
  ]

  /// Options that take a value, by spelling.
  static let valued: Set<String> = Set(options.filter { $0.value != nil }.map(\.name))

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
