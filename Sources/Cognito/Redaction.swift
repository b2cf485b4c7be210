import Basics

/// Masks secrets before anything is shown in a trace.
public enum Redaction {
  /// Words that make a member's value a secret wherever it appears: passwords, client secrets and
  /// SECRET_HASH, tokens, the challenge Session, one-time codes (`*_CODE`, `ConfirmationCode`),
  /// custom-challenge answers, SRP proofs and device verifiers.
  static let secretWords = ["PASSWORD", "SECRET", "TOKEN", "SESSION", "CODE", "ANSWER", "SIGNATURE", "VERIFIER"]

  /// Whether the member `key` holds a secret.
  public static func isSecret(_ key: String) -> Bool {
    let k = key.uppercased()
    // Words about a secret, not one: TokenType (Bearer), AuthSessionValidity, TokenValidityUnits,
    // token_use, EnableTokenRevocation, code_challenge_method.
    if ["TYPE", "VALIDITY", "UNITS", "USE", "METHOD"].contains(where: k.hasSuffix) || k.contains("REVOCATION") {
      return false
    }
    return secretWords.contains { k.contains($0) }
  }

  /// The value that replaces a secret. Not even its length: that narrows a password down.
  static func mask(_ s: String) -> String { "<redacted>" }

  /// A form body with every secret value masked (client_secret, code, refresh_token, code_verifier, …),
  /// the mask written as it is, not URL-encoded, since a person reads it.
  public static func form(_ body: String) -> String {
    FormEncoding.decode(body).map { k, v in
      isSecret(k) ? FormEncoding.encode([(k, "")]) + mask(v) : FormEncoding.encode([(k, v)])
    }.joined(separator: "&")
  }

  /// `json` with every secret value masked, at any depth. Every value of `ChallengeResponses` is
  /// masked but the USERNAME: a challenge answer is a password, a code or an answer by nature.
  public static func body(_ json: JSON) -> JSON {
    switch json {
    case .object(let members):
      var out: [String: JSON] = [:]
      for (k, v) in members {
        if k == "ChallengeResponses", case .object(let answers) = v {
          out[k] = .object(
            answers.mapValues { $0.stringValue.map { .string(mask($0)) } ?? body($0) }.merging(
              answers.filter { $0.key == "USERNAME" }
            ) { _, kept in kept })
        } else if isSecret(k), case .string(let s) = v {
          out[k] = .string(mask(s))
        } else {
          out[k] = body(v)
        }
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

  /// Response headers worth reading in a trace, with any code in them masked (moto hands the
  /// forgot-password code back in a header).
  public static func responseHeaders(_ headers: [(String, String)]) -> [(String, String)] {
    headers.filter { !["date", "server", "connection", "content-length"].contains($0.0.lowercased()) }.map {
      name, value in isSecret(name) ? (name, mask(value)) : (name, SafeText.truncated(value, to: 500))
    }
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
