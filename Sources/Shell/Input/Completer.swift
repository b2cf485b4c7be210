import Auth
import Cognito
import Foundation

/// Tab completion, from the registry: command names first, then each command's arguments and flags.
public struct Completer {
  /// Profile names, read when needed.
  var profiles: () -> [String]
  var challenge: () -> String?
  /// The users signed in under the profile, read when needed.
  var users: () -> [String]
  /// The NAME=VALUE words the pending challenge takes (`ANSWER=EMAIL_OTP`, `NEW_PASSWORD=`).
  var answers: () -> [String]

  public init(
    profiles: @escaping () -> [String] = { [] }, challenge: @escaping () -> String? = { nil },
    users: @escaping () -> [String] = { [] }, answers: @escaping () -> [String] = { [] }
  ) {
    self.profiles = profiles
    self.challenge = challenge
    self.users = users
    self.answers = answers
  }

  /// The candidates for the word being typed at the end of `line`, sorted.
  public func candidates(_ line: String) -> [String] {
    let endsWithSpace = line.last == " "
    var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let partial = endsWithSpace ? "" : (words.popLast() ?? "")
    guard let first = words.first else {
      return Registry.allNames.filter { $0.hasPrefix(partial) }
    }
    // A variable anywhere after the command: the shell's own names.
    if partial.hasPrefix("$") {
      return Runner.variableNames.map { "$" + $0 }.filter { $0.hasPrefix(partial) }.sorted()
    }
    guard var spec = Registry.find(first) else { return [] }
    var before = Array(words.dropFirst())
    // A sub-command's word first (`mfa ` offers setup, verify, …), then that sub-command's own words.
    while !spec.subcommands.isEmpty {
      guard let word = before.first else {
        return spec.subcommands.map(\.word).filter { $0.hasPrefix(partial) }.sorted()
      }
      guard let sub = spec.subcommand(word) else { return [] }
      spec = sub
      before.removeFirst()
    }
    if partial.hasPrefix("-") {
      return spec.flags.map { "--\($0.name)" }.filter { $0.hasPrefix(partial) }.sorted()
    }
    if let last = before.last, last.hasPrefix("--"), let flag = spec.flags.first(where: { "--\($0.name)" == last }),
      flag.value != nil
    {
      return options(flag.completion, partial: partial).filter { $0.hasPrefix(partial) }.sorted()
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
    let param = position < params.count ? params[position] : params.last.flatMap { $0.variadic ? $0 : nil }
    guard let param else { return [] }
    if param.completion == .subcommandsOfPrevious {
      let named = before.last.flatMap(Registry.find)
      return (named?.subcommands.map(\.word) ?? []).filter { $0.hasPrefix(partial) }.sorted()
    }
    return options(param.completion, partial: partial).filter { $0.hasPrefix(partial) }.sorted()
  }

  func options(_ completion: Completion, partial: String) -> [String] {
    switch completion {
    case .subcommandsOfPrevious: return []  // needs the word before: candidates(_:) answers it
    case .none: return []
    case .files: return Self.paths(partial)
    case .users: return users()
    case .actions: return Operations.all
    case .answers: return answers()
    case .walkthroughs: return Walkthroughs.all.map(\.name)
    case .choices(let c), .suggestions(let c): return c
    case .commands: return Registry.commands.map(\.name)
    case .profiles: return profiles()
    case .challenges: return challenge().map { [$0] } ?? []
    }
  }

  /// Entries of the directory `partial` points into, with a `/` after directories.
  static func paths(_ partial: String) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let dirPart = slash.map { String(partial[...$0]) } ?? ""
    let dir = dirPart.isEmpty ? "." : dirPart
    let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    var out: [String] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
      if name.hasPrefix("."), !namePrefix.hasPrefix(".") { continue }
      var st = stat()
      let isDir = stat(dir + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
      out.append(dirPart + name + (isDir ? "/" : ""))
    }
    return out
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
