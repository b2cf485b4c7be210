import Session

/// Tab completion, from the registry: command names first, then each command's arguments and flags.
public struct Completer {
  /// Profile names, read when needed.
  var profiles: () -> [String]
  var challenge: () -> String?

  public init(profiles: @escaping () -> [String] = { [] }, challenge: @escaping () -> String? = { nil }) {
    self.profiles = profiles
    self.challenge = challenge
  }

  /// The candidates for the word being typed at the end of `line`, sorted.
  public func candidates(_ line: String) -> [String] {
    let endsWithSpace = line.last == " "
    var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let partial = endsWithSpace ? "" : (words.popLast() ?? "")
    guard let first = words.first else {
      return Registry.allNames.filter { $0.hasPrefix(partial) }
    }
    guard let spec = Registry.find(first) else { return [] }
    if partial.hasPrefix("-") {
      return spec.flags.map { "--\($0.name)" }.filter { $0.hasPrefix(partial) }.sorted()
    }
    let before = Array(words.dropFirst())
    if let last = before.last, last.hasPrefix("--"), let flag = spec.flags.first(where: { "--\($0.name)" == last }),
      flag.value != nil
    {
      return options(flag.completion).filter { $0.hasPrefix(partial) }.sorted()
    }
    // Count the positional words already typed, skipping flags and their values.
    var position = 0
    var i = 0
    while i < before.count {
      if before[i].hasPrefix("--"), let flag = spec.flags.first(where: { "--\($0.name)" == before[i] }) {
        i += flag.value == nil ? 1 : 2
        continue
      }
      position += 1
      i += 1
    }
    let params = spec.params
    guard !params.isEmpty else { return [] }
    let param = position < params.count ? params[position] : (params.last!.variadic ? params.last! : nil)
    guard let param else { return [] }
    return options(param.completion).filter { $0.hasPrefix(partial) }.sorted()
  }

  func options(_ completion: Completion) -> [String] {
    switch completion {
    case .none, .files: return []
    case .choices(let c), .suggestions(let c): return c
    case .commands: return Registry.commands.map(\.name)
    case .profiles: return profiles()
    case .settingKeys: return SettingKey.allCases.map(\.rawValue)
    case .challenges: return challenge().map { [$0] } ?? []
    }
  }

  /// The longest common prefix of `words`.
  public static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for w in words.dropFirst() {
      while !w.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }
}
