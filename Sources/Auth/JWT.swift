import Basics
import Cognito

/// A JWT split into its parts and decoded, without any check of its signature.
public struct DecodedJWT: Equatable, Sendable {
  public var header: [String: JSON]
  public var claims: [String: JSON]
  /// The token as given (trimmed); the signing input is its prefix up to the second dot.
  public var token: String
  var signingInputLength: Int
  /// Whether every segment is strict base64url (RFC 7515 §2): `jwt verify` refuses a token that is
  /// not, since padding or standard base64 is a second spelling of the same signature.
  public var strictlyEncoded = true

  /// The signature bytes, decoded when asked for (decode checks only that they are base64url).
  public var signature: [UInt8] {
    Encoding.bytes(base64: String(decoding: token.utf8.dropFirst(signingInputLength + 1), as: UTF8.self)) ?? []
  }

  /// `header.payload`, the bytes the signature covers (made on demand: decode alone never needs it).
  public var signingInput: String { String(decoding: token.utf8.prefix(signingInputLength), as: UTF8.self) }

  /// Tokens larger than this are refused before any decoding (Cognito's are a few KiB).
  public static let maximumLength = 64 * 1024

  /// Decodes `token`; throws `JWTError` naming what is wrong. Works on the UTF-8 bytes throughout:
  /// `jwt verify` has a throughput target, and Character-level string work is slow.
  public static func decode(_ token: String) throws -> DecodedJWT {
    var text = token
    return try text.withUTF8 { all in
      var start = 0
      var end = all.count
      while start < end, isSpace(all[start]) { start += 1 }
      while end > start, isSpace(all[end - 1]) { end -= 1 }
      guard start < end else { throw JWTError.empty }
      // A token copied from an Authorization header keeps its scheme: "Bearer eyJ…".
      if end - start > 7, Array(all[start..<(start + 7)]).map({ $0 | 0x20 }) == Array("bearer ".utf8) {
        start += 7
        while start < end, isSpace(all[start]) { start += 1 }
      }
      let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
      guard bytes.count <= maximumLength else { throw JWTError.tooLarge(bytes.count) }
      var first = -1
      var second = -1
      var count = 0
      for k in 0..<bytes.count where bytes[k] == UInt8(ascii: ".") {
        count += 1
        if first < 0 { first = k } else if second < 0 { second = k }
      }
      if count == 4 { throw JWTError.encrypted }
      guard count == 2 else { throw JWTError.notThreeParts(count + 1) }
      let dots = [first, second]
      let header = try object(UnsafeBufferPointer(rebasing: bytes[0..<dots[0]]), part: "header")
      let claims = try object(UnsafeBufferPointer(rebasing: bytes[(dots[0] + 1)..<dots[1]]), part: "payload")
      guard Encoding.isBase64(UnsafeBufferPointer(rebasing: bytes[(dots[1] + 1)...])) else {
        throw JWTError.badBase64("signature")
      }
      let trimmed = start == 0 && end == all.count ? token : String(decoding: bytes, as: UTF8.self)
      let strict = [bytes[0..<dots[0]], bytes[(dots[0] + 1)..<dots[1]], bytes[(dots[1] + 1)...]].allSatisfy {
        Encoding.isStrictBase64URL(UnsafeBufferPointer(rebasing: $0))
      }
      return DecodedJWT(
        header: header, claims: claims, token: trimmed, signingInputLength: dots[1], strictlyEncoded: strict)
    }
  }

  private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  private static func object(_ part: UnsafeBufferPointer<UInt8>, part name: String) throws -> [String: JSON] {
    guard part.count > 0, let bytes = Encoding.bytes(base64: part) else { throw JWTError.badBase64(name) }
    guard let json = try? JSON.parse(bytes: bytes) else { throw JWTError.badJSON(name) }
    guard case .object(let members) = json else { throw JWTError.notAnObject(name) }
    return members
  }

  /// A string claim.
  public func string(_ name: String) -> String? { claims[name]?.stringValue }

  /// A numeric claim, unchecked.
  public func number(_ name: String) -> Double? { claims[name]?.numberValue }

  /// A time claim (`exp`, `iat`, `nbf`, `auth_time`), checked against the range of times cogsh can show.
  public func time(_ name: String) -> TimeClaim {
    guard let value = claims[name] else { return .absent }
    guard let n = value.numberValue else { return .invalid("not a number") }
    return EpochSeconds.isTime(n) ? .time(n) : .invalid("\(EpochSeconds.describe(n)): out of range")
  }
}

/// A time claim as the token has it: missing, a usable time, or a value that cannot be one.
public enum TimeClaim: Equatable, Sendable {
  case absent
  case time(Double)
  /// What is wrong, in words: `1e+19: out of range`.
  case invalid(String)

  /// The time, when there is a usable one.
  public var value: Double? {
    if case .time(let t) = self { return t }
    return nil
  }
}

/// What is wrong with a text that should be a JWT.
public enum JWTError: UserFacingError, Equatable {
  case notThreeParts(Int)
  case badBase64(String)
  case badJSON(String)
  case notAnObject(String)
  case tooLarge(Int)
  case empty
  /// Five parts: a JWE, as Cognito's refresh token is.
  case encrypted

  public var message: String {
    switch self {
    case .notThreeParts(let n): return "not a JWT: expected 3 parts separated by '.', found \(n)"
    case .badBase64(let part): return "not a JWT: the \(part) is not base64url"
    case .badJSON(let part): return "not a JWT: the \(part) is not JSON"
    case .notAnObject(let part): return "not a JWT: the \(part) is not a JSON object"
    case .tooLarge(let n): return "not a JWT: \(n) bytes is larger than the \(DecodedJWT.maximumLength) accepted"
    case .empty: return "no token given: the input was empty"
    case .encrypted:
      return "an encrypted token (JWE, 5 parts), such as Cognito's refresh token: it is opaque and cannot be decoded"
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
