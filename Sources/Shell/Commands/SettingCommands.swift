import Auth

/// `set` and `unset`, made from the table of settings (`Setting.all`): a new row is a new key here,
/// in completion and in the docs.
enum SettingCommands {
  static let set = setCommand(Setting.all)
  static let unset = unsetCommand(Setting.all)

  static func setCommand(_ table: [Setting]) -> CommandSpec {
    CommandSpec(
      name: "set", group: "Context", summary: "set a value of the current profile (persisted)",
      params: [
        Param("KEY", completion: .choices(table.map(\.key))),
        Param("VALUE"),
      ],
      details: "Keys: \(table.map(\.key).joined(separator: ", ")).",
      // A key mistyped is judged as the key it was probably meant to be (`set client-secrte S`).
      secretWords: { words in
        guard let typed = words.first else { return false }
        let key =
          table.first { $0.key == typed }
          ?? Registry.nearest(typed, in: table.map(\.key)).flatMap { near in
            table.first { $0.key == near }
          }
        return key?.isSecret == true
      },
      handler: { args, ctx in
        let setting = try named(try args.required("KEY"), in: table)
        let value = try args.required("VALUE")
        let name = try store(setting, value, ctx: ctx)
        if setting.key == "output", let mode = OutputMode(rawValue: value) { ctx.printer.mode = mode }
        ctx.printer.note("\(setting.key) = \(setting.isSecret ? "(set)" : value)  [profile \(name)]")
        return .proceed
      })
  }

  static func unsetCommand(_ table: [Setting]) -> CommandSpec {
    CommandSpec(
      name: "unset", group: "Context", summary: "remove a value from the current profile",
      params: [Param("KEY", completion: .choices(table.map(\.key)))],
      handler: { args, ctx in
        let setting = try named(try args.required("KEY"), in: table)
        let name = try store(setting, nil, ctx: ctx)
        ctx.printer.note("\(setting.key) unset  [profile \(name)]")
        return .proceed
      })
  }

  static func named(_ key: String, in table: [Setting]) throws -> Setting {
    try inShellWords { try Setting.named(key, in: table) }
  }

  /// Writes `value` (checked) into the current profile and returns the profile's name.
  static func store(_ setting: Setting, _ value: String?, ctx: ShellContext) throws -> String {
    let name = try ctx.configuration.profileName()
    // A refused value throws inside the update, so nothing is written.
    try inShellWords {
      try ctx.store.updateProfiles { book in
        var p = book.profiles[name] ?? Profile()
        try setting.assign(value, to: &p)
        book.profiles[name] = p
      }
    }
    // The value typed now wins over a flag or variable given at start-up.
    try setting.assign(nil, to: &ctx.configuration.overrides)
    return name
  }

  /// Runs `body`, a value outside a setting's choices becoming a usage mistake (exit status 2, the
  /// value hidden when it looks like a secret) and any other refusal a failed command.
  static func inShellWords<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch SettingError.invalidChoice(let value, let key, let choices) {
      throw UsageError.invalidChoice(value, for: key, choices: choices)
    } catch SettingError.invalid(let message, let hint) {
      throw CommandError(message, hint: hint)
    }
  }
}
