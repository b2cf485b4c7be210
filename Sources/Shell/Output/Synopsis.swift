/// What F1 (or `?` after a word) shows while a line is being typed: the command's usage and summary,
/// the sub-command's once it is typed, or the nearest command to a mistyped name.
enum Synopsis {
  static func text(for line: String) -> String {
    let words = line.split(separator: " ").map(String.init)
    guard let first = words.first else { return "type a command; `help` lists them" }
    guard var spec = Registry.find(first) else {
      return Registry.suggestion(for: first).map { "no command \"\(first)\"; did you mean \($0)?" }
        ?? "no command \"\(first)\"; `help` lists them"
    }
    var rest = words.dropFirst()
    while !spec.subcommands.isEmpty, let word = rest.first, let sub = spec.subcommand(word) {
      spec = sub
      rest = rest.dropFirst()
    }
    var lines = ["usage: \(spec.usage)", spec.summary]
    if !spec.subcommands.isEmpty {
      lines += spec.subcommands.map { "  \($0.usage)" }
    }
    return lines.joined(separator: "\n")
  }
}
