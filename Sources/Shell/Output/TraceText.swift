import Basics
import Cognito
import Foundation

/// How `trace on` shows an exchange (already redacted by the client).
enum TraceText {
  /// Bodies longer than this are cut in the trace: a person reads the start, not megabytes.
  static let bodyLimit = 8192

  static func render(_ e: TraceEvent) -> String {
    var lines = ["> \(e.method) \(e.url)  \(e.action)" + (e.region.map { "  (\($0))" } ?? "")]
    for (name, value) in e.requestHeaders { lines.append("> \(name): \(value)") }
    if !e.requestBody.isEmpty { lines.append("> \(SafeText.truncated(e.requestBody, to: bodyLimit))") }
    // The triggers ran while the request was served: between it and its answer.
    for i in e.invocations { lines += invocation(i) }
    lines.append("< \(e.status)  (\(String(format: "%.1f", e.duration)) ms)")
    if let t = e.timing { lines.append("< timing: \(t.summary)") }
    for (name, value) in e.responseHeaders { lines.append("< \(name): \(value)") }
    lines.append("< \(SafeText.truncated(e.responseBody, to: bodyLimit))")
    return lines.joined(separator: "\n")
  }
}

extension TraceText {
  /// One trigger's run: which, how it ended and how long it took, the event, the response, its log.
  static func invocation(_ i: TriggerInvocation) -> [String] {
    var lines = [
      "~ trigger \(i.trigger) (\(i.triggerSource)): \(i.outcome), \(String(format: "%.1f", i.milliseconds)) ms  \(i.handler)",
      "~ event \(SafeText.truncated(i.event.serialized(), to: bodyLimit))",
      "~ response \(SafeText.truncated(i.response.stringValue ?? i.response.serialized(), to: bodyLimit))",
    ]
    if i.trimmed { lines.append("~ (its log, or more, left out: too large to tell back in a header)") }
    if !i.ignoredClaims.isEmpty {
      lines.append("~ left unchanged (Cognito's own claims): \(i.ignoredClaims.joined(separator: ", "))")
    }
    for line in i.log.split(separator: "\n").suffix(20) {
      lines.append("~ log: \(SafeText.escapingControls(String(line)))")
    }
    return lines
  }
}
