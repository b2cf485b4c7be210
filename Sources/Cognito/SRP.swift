import Basics

/// Cognito's SRP-6a variant for USER_SRP_AUTH and device sign-in, as amazon-cognito-identity-js and
/// pycognito compute it (AuthenticationHelper.js). Pure: the private value and the time come in.
public enum SRP {
  /// RFC 3526's 3072-bit MODP prime (group 15). The literal is valid hex, checked by the SRP vectors.
  public static let prime = BigNum(
    hex: "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
      + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
      + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
      + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
      + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
      + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
      + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
      + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF")!
  public static let g = BigNum(2)
  /// k = H(pad(N) ‖ pad(g)), N being `prime`.
  public static let k = BigNum(bytes: Digest.sha256(pad(prime) + pad(g)))

  /// padHex: minimal big-endian two's-complement bytes of a non-negative integer (a 0x00 is
  /// prepended when the high bit is set; zero is one 0x00 byte).
  public static func pad(_ n: BigNum) -> [UInt8] {
    let b = n.bytes
    if b.isEmpty { return [0] }
    return b[0] >= 0x80 ? [0] + b : b
  }

  /// Bytes of a fresh private value a: 384 bits, three times the group's ~128-bit strength
  /// (RFC 3526 §8 asks for at least twice). The SDKs draw 1024 bits, which costs 2.5× the time of
  /// each exponentiation and adds no security; the server cannot tell the difference.
  public static let privateValueByteCount = 48

  /// A fresh random private value a.
  public static func randomPrivateValue() -> BigNum { BigNum(bytes: SecureRandom.bytes(privateValueByteCount)) }

  /// A = g^a mod N for the private value `a`.
  public static func publicValue(a: BigNum) throws -> BigNum {
    let bigA = g.modPow(a, prime)
    if bigA.mod(prime).isZero { throw SRPError.unsafeValue("A") }
    return bigA
  }

  /// Every value of one PASSWORD_VERIFIER computation, for the response and for `--explain`.
  public struct Claim: Sendable {
    public var srpA: String
    public var u: BigNum
    public var x: BigNum
    public var hkdf: [UInt8]
    /// The bytes that were signed: name part ‖ user id ‖ secret block ‖ timestamp.
    public var message: [UInt8]
    public var signature: String
    /// False when SECRET_BLOCK was not base64 (moto's simulation) and its text was signed as is.
    public var secretBlockWasBase64: Bool
  }

  /// x = H(pad(salt) ‖ H(namePart ‖ userId ‖ ":" ‖ password)).
  public static func x(salt: BigNum, namePart: String, userId: String, password: String) -> BigNum {
    let inner = Digest.sha256(namePart + userId + ":" + password)
    return BigNum(bytes: Digest.sha256(pad(salt) + inner))
  }

  /// The claim for a PASSWORD_VERIFIER (user: namePart = the pool id after `_`, userId =
  /// USER_ID_FOR_SRP) or DEVICE_PASSWORD_VERIFIER (namePart = device group key, userId = device key).
  public static func claim(
    a: BigNum, namePart: String, userId: String, password: String, srpB: String, salt: String,
    secretBlock: String, timestamp: String
  ) throws -> Claim {
    let bigA = try publicValue(a: a)
    guard let bigB = BigNum(hex: srpB) else { throw SRPError.notHex("SRP_B") }
    guard let s = BigNum(hex: salt) else { throw SRPError.notHex("SALT") }
    if bigB.mod(prime).isZero { throw SRPError.unsafeValue("B") }
    let u = BigNum(bytes: Digest.sha256(pad(bigA) + pad(bigB)))
    if u.isZero { throw SRPError.unsafeValue("u") }
    let xv = x(salt: s, namePart: namePart, userId: userId, password: password)
    let base = (bigB - k * g.modPow(xv, prime)).mod(prime)
    let sharedSecret = base.modPow(a + u * xv, prime)
    let key = hkdf(ikm: pad(sharedSecret), salt: pad(u))
    let block = Encoding.bytes(base64: secretBlock)
    let message = Array(namePart.utf8) + Array(userId.utf8) + (block ?? Array(secretBlock.utf8)) + Array(timestamp.utf8)
    let signature = Encoding.base64(Digest.hmacSHA256(key: key, message: message))
    return Claim(
      srpA: bigA.hex, u: u, x: xv, hkdf: key, message: message, signature: signature, secretBlockWasBase64: block != nil
    )
  }

  /// RFC 5869 with info "Caldera Derived Key" and 16 bytes of output.
  public static func hkdf(ikm: [UInt8], salt: [UInt8]) -> [UInt8] {
    let prk = Digest.hmacSHA256(key: salt, message: ikm)
    return Array(Digest.hmacSHA256(key: prk, message: Array("Caldera Derived Key".utf8) + [1]).prefix(16))
  }

  static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// TIMESTAMP as Cognito wants it: `Thu Nov 6 08:05:09 UTC 2025` (day of month not padded).
  public static func timestamp(epochSeconds: Int) -> String {
    let t = CivilDate.components(epochSeconds: epochSeconds)
    let dayCount = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400
    let weekday = days[((dayCount + 4) % 7 + 7) % 7]
    return "\(weekday) \(months[t.month - 1]) \(t.day) \(two(t.hour)):\(two(t.minute)):\(two(t.second)) UTC \(t.year)"
  }

  /// The device verifier ConfirmDevice wants: salt and g^x for the device's random password.
  public static func deviceVerifier(
    groupKey: String, deviceKey: String, password: String, salt: [UInt8]
  ) -> (passwordVerifier: String, salt: String) {
    let s = BigNum(bytes: salt)
    let xv = x(salt: s, namePart: groupKey, userId: deviceKey, password: password)
    return (Encoding.base64(pad(g.modPow(xv, prime))), Encoding.base64(pad(s)))
  }
}

/// Values that make the SRP exchange unsafe or unreadable.
public enum SRPError: UserFacingError, Equatable {
  case unsafeValue(String)
  case notHex(String)

  public var message: String {
    switch self {
    case .unsafeValue(let v): return "SRP safety check failed: \(v) is zero modulo N"
    case .notHex(let p): return "the challenge's \(p) is not hex"
    }
  }
}
