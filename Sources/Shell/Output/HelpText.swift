import Basics
import Foundation

/// Help screens and the command reference, all derived from the registry.
public enum HelpText {
  /// `help`: every command by group with its summary.
  public static func overview() -> String {
    let width = (Registry.commands.map { $0.name.count }.max() ?? 0) + 2
    var out: [String] = []
    for group in Registry.groups {
      out.append(group)
      for spec in Registry.commands where spec.group == group {
        out.append("  " + spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + spec.summary)
      }
    }
    out.append("")
    out.append(
      "`help COMMAND` for details; `help output` for --query, | pipes and the pager. Variables: "
        + Runner.variableNames.map { "$" + $0 }.joined(separator: " "))
    return out.joined(separator: "\n")
  }

  /// How results can be shaped, filtered and paged: the `output` command's details, and the manual
  /// page's OUTPUT section.
  public static let outputGuide = """
    Any command takes --query EXPR: a JMESPath expression that selects from the command's JSON result \
    (`status --query region`, `list-users --query 'Users[].Username'`); strings print bare.
    Any command can end in `| COMMAND`: its JSON result goes to a shell command's stdin (`tokens | jq .id`).
    --output json (or `output json`) prints one JSON document per command: pretty at a terminal, one line \
    each elsewhere, for jq. --output table lays the JSON out as rows.
    At a terminal, text taller than the window goes through a pager: COGSH_PAGER, else PAGER, else \
    less -FRX; an empty one, or --no-pager, means none. q leaves it; Ctrl-C there is the pager's.
    """

  /// `help COMMAND`.
  public static func command(_ spec: CommandSpec) -> String {
    var out = ["usage: \(spec.usage)", "", spec.summary]
    if !spec.aliases.isEmpty { out.append("aliases: \(spec.aliases.joined(separator: ", "))") }
    if !spec.subcommands.isEmpty {
      out.append("")
      let width = (spec.subcommands.map { $0.shortUsage.count }.max() ?? 0) + 2
      for sub in spec.subcommands {
        out.append("  " + sub.shortUsage.padding(toLength: width, withPad: " ", startingAt: 0) + sub.summary)
      }
      out.append("")
      out.append("`help \(spec.name) ACTION` for one of them.")
    }
    if !spec.flags.isEmpty {
      out.append("")
      let width = (spec.flags.map { flagLabel($0).count }.max() ?? 0) + 2
      for f in spec.flags {
        out.append("  " + flagLabel(f).padding(toLength: width, withPad: " ", startingAt: 0) + f.help)
      }
    }
    if !spec.details.isEmpty {
      out.append("")
      out.append(spec.details)
    }
    return out.joined(separator: "\n")
  }

  static func flagLabel(_ f: Flag) -> String { "--\(f.name)" + (f.value.map { " \($0)" } ?? "") }

  /// docs/commands.md: the reference, generated so it never drifts from the code.
  public static func markdown() -> String {
    var out = [
      "# cogsh commands", "",
      "Generated from the command registry by `cogsh --commands-markdown`; do not edit by hand.", "",
    ]
    func entry(_ spec: CommandSpec) {
      out.append("### `\(spec.usage)`")
      out.append("")
      out.append(
        spec.summary
          + (spec.aliases.isEmpty ? "" : " (aliases: \(spec.aliases.map { "`\($0)`" }.joined(separator: ", ")))"))
      if !spec.flags.isEmpty {
        out.append("")
        for f in spec.flags { out.append("- `\(flagLabel(f))`: \(f.help)") }
      }
      if !spec.details.isEmpty {
        out.append("")
        out.append("```")
        out.append(spec.details)
        out.append("```")
      }
      out.append("")
      spec.subcommands.forEach(entry)
    }
    for group in Registry.groups {
      out.append("## \(group)")
      out.append("")
      Registry.commands.filter { $0.group == group }.forEach(entry)
    }
    return out.joined(separator: "\n")
  }
}
