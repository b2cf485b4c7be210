import Basics
import Cognito
import Foundation

/// One exchange as the flight recorder keeps it: numbered, timed, already redacted.
public struct Exchange: Sendable {
  public var number: Int
  /// When it was sent, in seconds since 1970.
  public var at: Double
  /// The command that made it (its name only: a command line may hold a secret).
  public var command: String
  public var event: TraceEvent
  /// The challenge the answer asked, or the error it named, if any.
  public var outcome: String?
}

/// Every request and answer of this shell session, kept in memory (bounded), for `log` and `show`.
public final class FlightRecorder: @unchecked Sendable {
  public private(set) var exchanges: [Exchange] = []
  private var next = 1
  private let lock = NSLock()
  /// How many exchanges are kept; the oldest go first.
  public var limit = 500
  /// Bodies are cut to this many characters: a recorder is not an archive.
  public var bodyLimit = 64 * 1024
  /// The bodies of all the exchanges kept, in characters, at most: past it the oldest lose theirs, so a
  /// long paged listing (list-users over 10,000 users) is not all held in memory.
  public var bodyBudget = 1 << 20
  private var bodyTotal = 0

  public init() {}

  /// Keeps `event`, made by `command` at `at`.
  public func record(_ event: TraceEvent, command: String, at: Double) {
    var e = event
    e.requestBody = SafeText.truncated(e.requestBody, to: bodyLimit)
    e.responseBody = SafeText.truncated(e.responseBody, to: bodyLimit)
    lock.withLock {
      exchanges.append(
        Exchange(number: next, at: at, command: command, event: e, outcome: Self.outcome(of: event)))
      bodyTotal += Self.size(e)
      next += 1
      // Each trigger the sandbox ran for it, a row of its own after it: `show N` gives its event.
      for i in event.invocations {
        let row = Self.event(of: i, region: event.region)
        exchanges.append(
          Exchange(number: next, at: at, command: command, event: row, outcome: i.outcome == "ok" ? nil : i.outcome))
        bodyTotal += Self.size(row)
        next += 1
      }
      if exchanges.count > limit {
        bodyTotal -= exchanges.prefix(exchanges.count - limit).reduce(0) { $0 + Self.size($1.event) }
        exchanges.removeFirst(exchanges.count - limit)
      }
      var i = 0
      while bodyTotal > bodyBudget, i < exchanges.count - 1 {
        bodyTotal -= Self.size(exchanges[i].event)
        for keyPath in [\TraceEvent.requestBody, \TraceEvent.responseBody]
        where !exchanges[i].event[keyPath: keyPath].isEmpty {
          exchanges[i].event[keyPath: keyPath] = Self.dropped
        }
        bodyTotal += Self.size(exchanges[i].event)
        i += 1
      }
    }
  }

  /// What stands for a body dropped to keep within `bodyBudget`.
  static let dropped = "(dropped: the log keeps the newest 1 MiB of bodies)"

  static func size(_ e: TraceEvent) -> Int { e.requestBody.utf8.count + e.responseBody.utf8.count }

  /// A trigger's run as an exchange: the handler for the URL, the event sent and the response.
  static func event(of i: TriggerInvocation, region: String?) -> TraceEvent {
    var e = TraceEvent(
      action: "\(i.trigger) trigger (\(i.triggerSource))", url: i.handler, method: "INVOKE", requestHeaders: [],
      requestBody: i.event.serialized(), status: i.outcome == "ok" ? 200 : 400, responseHeaders: [],
      responseBody: i.response.stringValue ?? i.response.serialized(), milliseconds: i.milliseconds, region: region)
    if !i.log.isEmpty { e.responseHeaders = [("log", SafeText.truncated(i.log, to: 2000))] }
    return e
  }

  /// The exchange numbered `n`.
  public func exchange(_ n: Int) -> Exchange? { lock.withLock { exchanges.first { $0.number == n } } }

  /// The newest exchange.
  public var last: Exchange? { lock.withLock { exchanges.last } }

  /// ChallengeName of an answer, `__type` of a refusal, `error` of an OAuth2 endpoint.
  static func outcome(of e: TraceEvent) -> String? {
    guard let body = try? JSON.parse(bytes: Array(e.responseBody.utf8)) else { return nil }
    if let name = body["ChallengeName"]?.stringValue { return name }
    if !(200..<300).contains(e.status) {
      let type = body["__type"]?.stringValue ?? body["error"]?.stringValue
      return type.map { String($0.split(separator: "#").last ?? Substring($0)) }
    }
    return body["AuthenticationResult"] != nil ? "tokens" : nil
  }
}
