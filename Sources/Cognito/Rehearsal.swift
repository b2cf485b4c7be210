/// A dry run of a command, so a walkthrough can show the request a step will send before the trainee
/// presses Enter. Nothing checks a flag: the rehearsal puts recording stand-ins where the effects
/// happen (the transport, the store's file changes, the questions to the user, the listener, the
/// browser, the output), and the first stand-in reached stops the run, saying where.
public enum Rehearsal {
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
}

/// A request as it would go out: the action, where, and the body with secrets masked.
public struct PlannedRequest: Sendable, Equatable {
  public var label: String
  public var method: String
  public var url: String
  public var body: String

  public init(label: String, method: String, url: String, body: String) {
    self.label = label
    self.method = method
    self.url = url
    self.body = body
  }
}

/// The transport of a rehearsal: the first request it is given is where the run stops, unsent.
public final class RehearsalTransport: HTTPTransport {
  public init() {}

  public func send(_ request: HTTPRequest) throws -> HTTPResponse {
    throw Rehearsal.Stop.request(
      request.planned
        ?? PlannedRequest(label: request.method, method: request.method, url: request.url, body: ""))
  }
}

/// The one transport a shell's clients and credential sources share, by reference, so a rehearsal
/// can put `RehearsalTransport` in its place for one run and every request goes there.
public final class SharedTransport: HTTPTransport {
  public private(set) var current: HTTPTransport

  public init(_ transport: HTTPTransport) { current = transport }

  public func send(_ request: HTTPRequest) throws -> HTTPResponse { try current.send(request) }

  /// Runs `body` with `stand_in` sending instead.
  public func with<T>(_ standIn: HTTPTransport, _ body: () throws -> T) rethrows -> T {
    let saved = current
    current = standIn
    defer { current = saved }
    return try body()
  }
}
