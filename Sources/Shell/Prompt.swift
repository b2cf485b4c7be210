import Session

/// The prompt: profile, user and any pending challenge with the seconds left of its Session.
enum Prompt {
  static func text(profile: String, state: SessionState, now: Double) -> String {
    var parts = ["cogsh", profile]
    if let u = state.current {
      let left = u.tokens.expiresAt - now
      parts.append(u.username + (left > 0 ? " (\(TimeText.duration(left)))" : " (expired)"))
    }
    if let c = state.challenge {
      let left = c.secondsLeft(now: now)
      parts.append(left > 0 ? "[\(c.name) \(left)s]" : "[\(c.name) expired]")
    }
    return parts.joined(separator: " ") + "> "
  }
}
