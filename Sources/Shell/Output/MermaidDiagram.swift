import Auth

/// `log --diagram --format mermaid`: the same flow as Mermaid's sequence-diagram text, which GitHub and
/// GitLab draw from a ```mermaid block. Answers are dotted arrows, refusals end in a cross, the
/// browser's unseen part is asynchronous (`--)`) arrows.
enum MermaidDiagram {
  static func text(_ steps: [FlowStep], words: DiagramWords) -> String {
    let labels = FlowLabels(words: words)
    var lines = ["sequenceDiagram"]
    for p in FlowLabels.parties(steps) {
      lines.append("    participant \(id(p)) as \(escaped(words.name(p)))")
    }
    func message(_ a: Party, _ arrow: String, _ b: Party, _ text: String) {
      lines.append("    \(id(a))\(arrow)\(id(b)): \(escaped(text))")
    }
    for (i, step) in steps.enumerated() where step.kind != .trigger {
      message(step.from, "->>", step.to, "#\(step.number) " + labels.request(step))
      if step.kind == .browser {
        message(.browser, "--)", .managedLogin, labels.signIn)
        message(.managedLogin, "--)", .browser, labels.redirect(step))
      }
      for t in steps[(i + 1)...].prefix(while: { $0.kind == .trigger }) {
        message(t.from, "->>", t.to, "#\(t.number) " + labels.request(t))
        message(t.to, t.failed ? "--x" : "-->>", t.from, labels.response(t) + " (\(FlowLabels.time(t)))")
      }
      message(
        step.to, step.failed ? "--x" : "-->>", step.from, labels.response(step) + " (\(FlowLabels.time(step)))")
    }
    return lines.joined(separator: "\n")
  }

  /// A participant's id: letters only, so no keyword or punctuation of the grammar can be read into it.
  static func id(_ p: Party) -> String {
    switch p {
    case .cogsh: "cogsh"
    case .browser: "Browser"
    case .managedLogin: "ManagedLogin"
    case .userPool: "UserPool"
    case .triggers: "Triggers"
    case .identityPool: "IdentityPool"
    case .sts: "STS"
    case .awsSignIn: "AWSSignIn"
    case .sandbox: "Sandbox"
    }
  }

  /// Text as the grammar takes it: `#`, `;` and line ends end a message, `<` and `>` start HTML, so
  /// each is written as Mermaid's entity code (`#35;`), which it draws as the character.
  static func escaped(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars {
      switch s {
      case "#", ";", "<", ">", "&", "\n", "\r": out += "#\(s.value);"
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }
}
