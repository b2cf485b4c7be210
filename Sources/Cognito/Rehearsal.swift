/// A dry run of a command, so a walkthrough can show the request a step will send before the trainee
/// presses Enter: while it is on, the first request is built (and redacted) but not sent, and nothing
/// is written, started or asked for; the rehearsal stops there and says where.
public enum Rehearsal {
  @TaskLocal public static var isOn = false

  /// Where a rehearsal stopped.
  public enum Stop: Error, Sendable {
    /// The first request the command would send, as the trace would show it.
    case request(PlannedRequest)
    /// It would change a file under `$COGSH_HOME` (the local session) first.
    case write(String)
    /// It would first ask the user for this (a secret, a pasted URL).
    case asks(String)
    /// It would first wait at this loopback address for a browser's redirect.
    case listens(String)
  }

  /// Throws `stop` when a rehearsal is on: the guard at each place an effect would happen.
  public static func guardEffect(_ stop: @autoclosure () -> Stop) throws {
    if isOn { throw stop() }
  }
}

/// A request as it would go out: the action, where, and the body with secrets masked.
public struct PlannedRequest: Sendable, Equatable {
  public var label: String
  public var method: String
  public var url: String
  public var body: String
}
