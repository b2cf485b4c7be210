import Basics
import Cognito
import Foundation
import Testing

/// The JMESPath compliance suite (jmespath.py's tests/compliance, vendored by
/// scripts/vectors/jmespath_suite.sh): every result and error case of every file. The benchmark
/// cases carry no expected result (jmespath.py does not run them as tests either).
@Suite("The JMESPath compliance suite")
struct JMESPathComplianceTests {
  static let files = [
    "basic", "benchmarks", "boolean", "current", "escape", "filters", "functions", "identifiers", "indices",
    "literal", "multiselect", "pipe", "slice", "syntax", "unicode", "wildcard",
  ]

  @Test("every case of every file", arguments: files)
  func file(_ name: String) throws {
    let groups = try #require(try Vectors.load("jmespath-compliance/\(name).json").arrayValue)
    var run = 0
    for group in groups {
      let given = group["given"] ?? .null
      for c in group["cases"]?.arrayValue ?? [] {
        guard let expression = c["expression"]?.stringValue else { continue }
        if let error = c["error"]?.stringValue {
          run += 1
          do {
            let got = try JMESPath.search(expression, in: given)
            Issue.record("\(name): \(expression) gave \(got.serialized()), not a \(error) error")
          } catch let e as JMESPathError {
            #expect(e.kind == error, "\(name): \(expression): \(e.message)")
          }
        } else if let result = c["result"] {
          run += 1
          do {
            let got = try JMESPath.search(expression, in: given)
            #expect(got == result, "\(name): \(expression) gave \(got.serialized()), not \(result.serialized())")
          } catch {
            Issue.record("\(name): \(expression) failed: \(error)")
          }
        } else if c["bench"] != nil {
          _ = try? JMESPath.search(expression, in: given)  // run, for traps; nothing to compare
        }
      }
    }
    print("jmespath-compliance/\(name).json: \(run) cases run")
  }

  @Test("numbers at the edges, empty input and nesting without end: a value or a syntax error, never a trap")
  func edges() throws {
    let list: JSON = .array([1, 2, 3])
    for expression in [
      "[9223372036854775807]", "[-9223372036854775808]", "[::-9223372036854775808]",
      "[9223372036854775807:-9223372036854775808:-9223372036854775808]", "[::9223372036854775807]",
    ] {
      _ = try JMESPath.search(expression, in: list)
    }
    #expect(try JMESPath.search("[-1]", in: list) == 3)
    for expression in [
      "", "   ", "[99999999999999999999]",
      String(repeating: "(", count: 20000) + "@" + String(repeating: ")", count: 20000),
      "a" + String(repeating: ".b", count: 30000), String(repeating: "[", count: 20000),
      String(repeating: "!", count: 5000) + "a",
    ] {
      #expect(throws: JMESPathError.self, "\(expression.prefix(20))…") { try JMESPath.search(expression, in: list) }
    }
  }
}
