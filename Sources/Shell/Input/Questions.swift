import Cognito

/// Where the shell's questions to the user go: the terminal (or --password-file), or, in a rehearsal,
/// a stand-in that stops at the first question and names what it would ask.
struct Questions {
  /// A secret, asked without echo; nil when there is nobody to ask or the user gave up.
  var secret: (_ prompt: String, _ what: String) throws -> String?
  /// A line (a pasted URL, a yes or no); nil at the end of input.
  var line: (_ prompt: String, _ what: String) throws -> String?

  /// Nobody to ask.
  static var none: Questions { Questions(secret: { _, _ in nil }, line: { _, _ in nil }) }

  /// A rehearsal's: the first question is where the run stops.
  static var rehearsal: Questions {
    Questions(
      secret: { _, what in throw Rehearsal.Stop.asks(what) }, line: { _, what in throw Rehearsal.Stop.asks(what) })
  }
}
