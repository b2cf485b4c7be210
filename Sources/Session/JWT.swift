import Cognito

/// A JWT split into its parts and decoded, without any check of its signature.
public struct DecodedJWT: Equatable, Sendable {
  public var header: [String: JSON]
  public var claims: [String: JSON]
  public var signature: [UInt8]
  /// `header.payload`, the bytes the signature covers.
  public var signingInput: String

  /// Tokens larger than this are refused before any decoding (Cognito's are a few KiB).
  public static let maximumLength = 64 * 1024

  /// Decodes `token`; throws `JWTError` naming what is wrong.
  public static func decode(_ token: String) throws -> DecodedJWT {
    let text = token.trimmingSpaces()
    guard text.utf8.count <= maximumLength else { throw JWTError.tooLarge(text.utf8.count) }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { throw JWTError.notThreeParts(parts.count) }
    let header = try object(String(parts[0]), part: "header")
    let claims = try object(String(parts[1]), part: "payload")
    guard let signature = Encoding.bytes(base64: String(parts[2])) else {
      throw JWTError.badBase64("signature")
    }
    return DecodedJWT(header: header, claims: claims, signature: signature, signingInput: "\(parts[0]).\(parts[1])")
  }

  private static func object(_ part: String, part name: String) throws -> [String: JSON] {
    guard !part.isEmpty, let bytes = Encoding.bytes(base64: part) else { throw JWTError.badBase64(name) }
    guard let json = try? JSON.parse(String(decoding: bytes, as: UTF8.self)) else { throw JWTError.badJSON(name) }
    guard case .object(let members) = json else { throw JWTError.notAnObject(name) }
    return members
  }

  /// A string claim.
  public func string(_ name: String) -> String? { claims[name]?.stringValue }

  /// A numeric claim (seconds since 1970 for `exp`, `iat`, `nbf`, `auth_time`).
  public func number(_ name: String) -> Double? { claims[name]?.numberValue }
}

/// What is wrong with a text that should be a JWT.
public enum JWTError: UserFacingError, Equatable {
  case notThreeParts(Int)
  case badBase64(String)
  case badJSON(String)
  case notAnObject(String)
  case tooLarge(Int)

  public var message: String {
    switch self {
    case .notThreeParts(let n): return "not a JWT: expected 3 parts separated by '.', found \(n)"
    case .badBase64(let part): return "not a JWT: the \(part) is not base64url"
    case .badJSON(let part): return "not a JWT: the \(part) is not JSON"
    case .notAnObject(let part): return "not a JWT: the \(part) is not a JSON object"
    case .tooLarge(let n): return "not a JWT: \(n) bytes is larger than the \(DecodedJWT.maximumLength) accepted"
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
