import Basics
import Cognito
import Foundation

/// A local handler for one of a sandbox pool's Lambda triggers.
public enum TriggerHandler: Sendable, Equatable {
  /// A Python file and the function in it, called as Lambda's Python runtime calls a handler.
  case python(file: String, function: String)
  /// A command that reads the event on stdin and writes the event with its response on stdout.
  case command(String, directory: String)

  /// `FILE.py:FUNCTION` (a path relative to `directory` made absolute), or nil when it is not that form.
  public static func python(_ word: String, directory: String) -> TriggerHandler? {
    guard let colon = word.lastIndex(of: ":"), word[..<colon].hasSuffix(".py") else { return nil }
    let file = String(word[..<colon])
    let function = String(word[word.index(after: colon)...])
    guard !function.isEmpty, function.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
    let path = file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
    return .python(file: (path as NSString).standardizingPath, function: function)
  }

  var form: [(String, String)] {
    switch self {
    case .python(let file, let function): return [("python", file), ("function", function)]
    case .command(let line, let directory): return [("command", line), ("directory", directory)]
    }
  }
}

/// The sandbox's server refused a trigger's handler, in its words.
public struct SandboxTriggerError: UserFacingError {
  public var name: String
  public var detail: String?
  public var message: String { "the sandbox refused the trigger: " + name }
  public var hint: String? { nil }
}

extension Account {
  /// Gives the sandbox pool's `trigger` a handler (nil takes it away); the triggers it then has.
  @discardableResult
  public func setSandboxTrigger(
    url: String, poolId: String? = nil, trigger: String, handler: TriggerHandler?, version: String?
  ) throws -> JSON {
    var form = [("userPoolId", try poolId ?? configuration.poolId()), ("trigger", trigger)] + (handler?.form ?? [])
    if let version { form.append(("version", version)) }
    return try triggerAnswer(
      client(.oauth2, url: url).post(path: "/sandbox-api/triggers", form: form, label: "the sandbox's triggers"))
  }

  /// The sandbox pool's triggers and their handlers.
  public func sandboxTriggers(url: String) throws -> JSON {
    let query = FormEncoding.encode([("userPoolId", try configuration.poolId())])
    let base = url.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    return try triggerAnswer(
      client(.oauth2, url: url).get(base + "/sandbox-api/triggers?" + query, label: "the sandbox's triggers"))
  }

  private func triggerAnswer(_ response: HTTPResponse) throws -> JSON {
    let json = try? JSON.parse(bytes: response.body)
    guard response.status == 200, let json else {
      throw SandboxTriggerError(
        name: json?["__type"]?.stringValue ?? "HTTP \(response.status)", detail: json?["message"]?.stringValue)
    }
    return json
  }
}
