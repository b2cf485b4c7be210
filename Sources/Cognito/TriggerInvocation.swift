import Basics
import Foundation

/// One Lambda trigger the sandbox ran while it served a request, as its `x-cogsh-sandbox-invocations`
/// header tells it (a real pool tells nothing of its triggers): the event and the response, redacted.
public struct TriggerInvocation: Sendable, Equatable {
  /// The header the sandbox tells them in: base64url JSON, a list.
  public static let header = "x-cogsh-sandbox-invocations"

  /// PreSignUp, PreTokenGeneration, DefineAuthChallenge, …
  public var trigger: String
  /// PreSignUp_SignUp, TokenGeneration_Authentication, …
  public var triggerSource: String
  /// The handler that ran: FILE:FUNCTION, or the command.
  public var handler: String
  public var milliseconds: Double
  /// "ok", or the exception Cognito gives for the failure (UserLambdaValidationException, …).
  public var outcome: String
  /// The event sent, with secrets masked.
  public var event: JSON
  /// The handler's response (masked), or the failure's message.
  public var response: JSON
  /// What the handler wrote to its log (stderr), as CloudWatch would keep it.
  public var log: String
  /// The claims a PreTokenGeneration response named but Cognito does not let it change, by token.
  public var ignoredClaims: [String]
  /// Whether the sandbox left out the log (and the bodies) to keep its header to a size clients take.
  public var trimmed = false

  /// The invocations in a response's headers; none when the header is absent or unreadable.
  public static func decode(headers: [(String, String)]) -> [TriggerInvocation] {
    guard let value = headers.first(where: { $0.0.lowercased() == header })?.1,
      let bytes = Base64URL.decode(value), let list = try? JSON.parse(bytes: bytes).arrayValue
    else { return [] }
    return list.map { r in
      TriggerInvocation(
        trigger: r["trigger"]?.stringValue ?? "?", triggerSource: r["triggerSource"]?.stringValue ?? "?",
        handler: r["handler"]?.stringValue ?? "?", milliseconds: r["milliseconds"]?.numberValue ?? 0,
        outcome: r["outcome"]?.stringValue ?? "?", event: Redaction.body(r["event"] ?? .null),
        response: r["error"].map { $0 } ?? Redaction.body(r["response"] ?? .null),
        log: r["log"]?.stringValue ?? "",
        ignoredClaims: ((r["ignoredId"]?.arrayValue ?? []) + (r["ignoredAccess"]?.arrayValue ?? [])).compactMap(
          \.stringValue),
        trimmed: r["trimmed"] == .bool(true))
    }
  }

  /// The claims a PreTokenGeneration response added or overrode, by token use ("id", "access").
  public func addedClaims(_ tokenUse: String) -> [String] {
    guard trigger == "PreTokenGeneration", outcome == "ok" else { return [] }
    let details = response["claimsAndScopeOverrideDetails"] ?? response["claimsOverrideDetails"]
    let part =
      response["claimsOverrideDetails"] != nil
      ? (tokenUse == "id" ? details : nil)
      : details?[tokenUse == "id" ? "idTokenGeneration" : "accessTokenGeneration"]
    let named = part?["claimsToAddOrOverride"]?.objectValue?.keys.map { $0 } ?? []
    return named.filter { !ignoredClaims.contains($0) }.sorted()
  }
}
