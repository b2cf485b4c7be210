import Cognito
import Foundation

/// How `trace on` shows an exchange (already redacted by the client).
enum TraceText {
  static func render(_ e: TraceEvent) -> String {
    var lines = ["> POST \(e.url)  \(e.action)"]
    for (name, value) in e.requestHeaders { lines.append("> \(name): \(value)") }
    lines.append("> \(e.requestBody)")
    lines.append("< \(e.status)  (\(String(format: "%.1f", e.milliseconds)) ms)")
    lines.append("< \(e.responseBody)")
    return lines.joined(separator: "\n")
  }
}
