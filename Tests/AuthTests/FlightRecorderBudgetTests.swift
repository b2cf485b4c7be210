import Cognito
import Testing

@testable import Auth

/// The flight recorder's bounds: a long paged listing must not hold every page's body.
@Suite("Flight recorder bounds")
struct FlightRecorderBudgetTests {
  static func event(_ n: Int, size: Int) -> TraceEvent {
    TraceEvent(
      action: "ListUsers", url: "http://127.0.0.1:1", requestHeaders: [], requestBody: "{\"n\":\(n)}", status: 200,
      responseHeaders: [], responseBody: String(repeating: "x", count: size), milliseconds: 1)
  }

  @Test("past the body budget the oldest exchanges lose their bodies, the newest keep theirs, all stay listed")
  func bodyBudget() {
    let recorder = FlightRecorder()
    recorder.bodyBudget = 10_000
    for n in 1...30 { recorder.record(Self.event(n, size: 1_000), command: "list-users", at: 0) }
    let kept = recorder.exchanges
    #expect(kept.count == 30, "every exchange is still in the log")
    let total = kept.reduce(0) { $0 + FlightRecorder.size($1.event) }
    #expect(total <= 10_000, "\(total)")
    #expect(kept.first?.event.responseBody == FlightRecorder.dropped)
    #expect(kept.last?.event.responseBody.count == 1_000 && kept.last?.event.requestBody == "{\"n\":30}")
    let whole = kept.filter { $0.event.responseBody.count == 1_000 }.map(\.number)
    #expect(whole == Array((31 - whole.count)...30) && whole.count >= 7, "the newest are whole: \(whole)")
  }
}
