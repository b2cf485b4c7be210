import Basics
import Foundation

/// The AWS endpoint rules engine (Smithy's rules language), as the SDKs evaluate botocore's rule
/// sets to turn a region, FIPS, dual-stack and a custom endpoint into a URL or an error. It has the
/// functions the rule sets of the services cogsh calls use: isSet, not, booleanEquals, stringEquals,
/// getAttr and aws.partition. EndpointRuleTests runs botocore's tests for each of them.
public enum EndpointRules {
  /// Where the rules lead: a URL, or an error in the rules' own words.
  public enum Outcome: Equatable, Sendable {
    case url(String)
    case error(String)
  }

  /// Evaluates the rule set `ruleSet` (its JSON text) with `parameters` (`Region`, `UseFIPS`,
  /// `UseDualStack`, `Endpoint`, …); parameters left out take the rule set's defaults.
  public static func resolve(_ ruleSet: String, parameters: [String: JSON]) -> Outcome {
    guard let set = try? JSON.parse(ruleSet), let rules = set["rules"]?.arrayValue else {
      return .error("the endpoint rule set cannot be read")
    }
    var scope: [String: JSON] = [:]
    for (name, definition) in set["parameters"]?.objectValue ?? [:] {
      if let value = parameters[name] ?? definition["default"] { scope[name] = value }
    }
    return evaluate(rules, scope: scope) ?? .error("no endpoint rule matched")
  }

  /// The first rule whose conditions hold, followed down a tree; nil when none does.
  static func evaluate(_ rules: [JSON], scope: [String: JSON]) -> Outcome? {
    for rule in rules {
      var local = scope
      guard holds(rule["conditions"]?.arrayValue ?? [], &local) else { continue }
      switch rule["type"]?.stringValue {
      case "endpoint":
        guard let url = rule["endpoint"]?["url"].flatMap({ value($0, local) })?.stringValue else {
          return .error("an endpoint rule has no URL")
        }
        return .url(url)
      case "error":
        return .error(rule["error"].flatMap { value($0, local) }?.stringValue ?? "an endpoint rule failed")
      case "tree":
        // A tree whose conditions hold must end in an endpoint or an error (the rules language's rule).
        return evaluate(rule["rules"]?.arrayValue ?? [], scope: local) ?? .error("no endpoint rule matched")
      default:
        return .error("an endpoint rule of an unknown type")
      }
    }
    return nil
  }

  /// Whether every condition holds, binding each `assign` for the ones after it.
  static func holds(_ conditions: [JSON], _ scope: inout [String: JSON]) -> Bool {
    for condition in conditions {
      let result = value(condition, scope)
      guard let result, result != .bool(false) else { return false }
      if let name = condition["assign"]?.stringValue { scope[name] = result }
    }
    return true
  }

  /// An argument's value: a literal (strings are templates), a `ref`, or a function's result; nil
  /// when unset.
  static func value(_ expression: JSON, _ scope: [String: JSON]) -> JSON? {
    switch expression {
    case .string(let template): return .string(expand(template, scope))
    case .bool, .number, .null, .array: return expression
    case .object(let members):
      if let ref = members["ref"]?.stringValue { return scope[ref] }
      guard let fn = members["fn"]?.stringValue else { return expression }
      let args = (members["argv"]?.arrayValue ?? []).map { value($0, scope) }
      return call(fn, args)
    }
  }

  static func call(_ fn: String, _ args: [JSON?]) -> JSON? {
    func arg(_ i: Int) -> JSON? { i < args.count ? args[i] : nil }
    switch fn {
    case "isSet": return .bool(arg(0) != nil && arg(0) != .null)
    case "not": return arg(0).map { .bool($0 == .bool(false)) }
    case "booleanEquals", "stringEquals":
      guard let a = arg(0), let b = arg(1) else { return .bool(false) }
      return .bool(a == b)
    case "getAttr":
      guard let object = arg(0), let path = arg(1)?.stringValue else { return nil }
      return attribute(object, path)
    case "aws.partition":
      guard let region = arg(0)?.stringValue else { return nil }
      return Partitions.outputs(region: region)
    default: return nil
    }
  }

  /// `getAttr`'s path: names joined by dots, each with an optional `[index]`.
  static func attribute(_ object: JSON, _ path: String) -> JSON? {
    var current: JSON? = object
    for part in path.split(separator: ".") {
      var name = Substring(part)
      var index: Int?
      if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
        index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
        name = part[..<open]
      }
      if !name.isEmpty { current = current?[String(name)] }
      if let index { current = current?.arrayValue.flatMap { index < $0.count ? $0[index] : nil } }
    }
    return current
  }

  /// `{Name}` and `{Name#attr}` replaced by their values; `{{` and `}}` are braces.
  static func expand(_ template: String, _ scope: [String: JSON]) -> String {
    guard template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      out += rest[..<open]
      let next = rest.index(after: open)
      if next < rest.endIndex, rest[next] == rest[open] {
        out.append(rest[open])
        rest = rest[rest.index(after: next)...]
        continue
      }
      guard rest[open] == "{", let close = rest[next...].firstIndex(of: "}") else {
        out.append(rest[open])
        rest = rest[next...]
        continue
      }
      let name = rest[next..<close].split(separator: "#", maxSplits: 1).map(String.init)
      var v = scope[name.first ?? ""]
      if name.count == 2, let object = v { v = attribute(object, name[1]) }
      switch v {
      case .string(let s): out += s
      case .bool(let b): out += b ? "true" : "false"
      default: break
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}

/// botocore's partitions: which one a region is in, and what it offers (DNS suffixes, FIPS, dual-stack).
enum Partitions {
  struct Partition {
    let id: String
    let regionPattern: NSRegularExpression?
    let regions: Set<String>
    let outputs: JSON
  }

  static let all: [Partition] = {
    let doc = (try? JSON.parse(EndpointRuleSets.partitions)) ?? .null
    return (doc["partitions"]?.arrayValue ?? []).map { p in
      Partition(
        id: p["id"]?.stringValue ?? "",
        regionPattern: (try? NSRegularExpression(pattern: p["regionRegex"]?.stringValue ?? "$^")),
        regions: Set((p["regions"]?.objectValue ?? [:]).keys), outputs: p["outputs"] ?? .null)
    }
  }()

  /// The partition's outputs for `region`: the one that lists it, else the first whose pattern
  /// matches it, else `aws` (the rules language's aws.partition).
  static func outputs(region: String) -> JSON? {
    if let p = all.first(where: { $0.regions.contains(region) }) { return p.outputs }
    let range = NSRange(region.startIndex..., in: region)
    if let p = all.first(where: { $0.regionPattern?.firstMatch(in: region, range: range) != nil }) { return p.outputs }
    return all.first { $0.id == "aws" }?.outputs
  }
}
