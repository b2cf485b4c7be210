import Auth

/// The prompt: profile, user and any pending challenge with the seconds left of its Session.
enum Prompt {
  /// Below this many columns the prompt is the short one, so a line keeps room for what is typed.
  static let narrow = 60

  static func text(profile: String, state: SessionState, now: Double, columns: Int? = nil) -> String {
    let user = state.current.map { u -> (String, String) in
      let left = u.tokens.expiresAt - now
      return (u.username, left > 0 ? TimeText.duration(left) : "expired")
    }
    let challenge = state.challenge.map { c -> (String, String) in
      let left = c.secondsLeft(now: now)
      return (c.name.rawValue, left > 0 ? "\(left)s" : "expired")
    }
    // What a SELECT_CHALLENGE offers (USER_AUTH's AvailableChallenges), at a wide prompt.
    let offered = state.challenge?.availableChallenges.flatMap { $0.isEmpty ? nil : $0.joined(separator: "|") }
    if (columns ?? Int.max) < narrow {
      // The one thing that matters most, in at most about 20 columns: the challenge waiting for an
      // answer, else who is signed in, else the profile. `status` shows the rest.
      if let (name, left) = challenge { return "[\(Table.cut(name, to: 12)) \(left)]> " }
      if let (name, left) = user { return "\(Table.cut(name, to: 12)) \(left)> " }
      return "\(Table.cut(profile, to: 16))> "
    }
    var parts = ["cogsh", profile]
    if let (name, left) = user { parts.append("\(name) (\(left))") }
    if let (name, left) = challenge { parts.append("[\(name) \(left)" + (offered.map { " " + $0 } ?? "") + "]") }
    return parts.joined(separator: " ") + "> "
  }
}
