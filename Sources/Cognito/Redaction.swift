/// Masks secrets before anything is shown in a trace.
public enum Redaction {
  /// Keys whose values are secrets wherever they appear in a request or response.
  static let secretKeys: Set<String> = [
    "PASSWORD", "NEW_PASSWORD", "Password", "PreviousPassword", "ProposedPassword", "TemporaryPassword",
    "ClientSecret", "SECRET_HASH", "SecretHash", "REFRESH_TOKEN", "RefreshToken", "AccessToken", "IdToken",
    "Session", "Token", "PASSWORD_CLAIM_SIGNATURE", "SecretCode", "PasswordVerifier", "ProposedPassword",
    "ConfirmationCode", "UserCode",
  ]

  /// The value that replaces a secret: its length only.
  static func mask(_ s: String) -> String { "<redacted \(s.count) chars>" }

  /// `json` with every secret value masked, at any depth.
  public static func body(_ json: JSON) -> JSON {
    switch json {
    case .object(let members):
      var out: [String: JSON] = [:]
      for (k, v) in members {
        if secretKeys.contains(k), case .string(let s) = v { out[k] = .string(mask(s)) } else { out[k] = body(v) }
      }
      return .object(out)
    case .array(let items): return .array(items.map(body))
    default: return json
    }
  }

  /// A response body with secrets masked; non-JSON bodies are shown as they are.
  public static func responseBody(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let json = try? JSON.parse(text) else { return text }
    return body(json).serialized()
  }

  /// Headers with the signature and session token masked.
  public static func headers(_ headers: [(String, String)]) -> [(String, String)] {
    headers.map { name, value in
      switch name.lowercased() {
      case "authorization":
        if let sig = value.range(of: "Signature=") { return (name, String(value[..<sig.upperBound]) + "<redacted>") }
        return (name, mask(value))
      case "x-amz-security-token": return (name, mask(value))
      default: return (name, value)
      }
    }
  }
}
