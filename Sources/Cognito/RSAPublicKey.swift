import CCrypto

/// An RSA public key from a JWK's `n` and `e`, held as an OpenSSL EVP_PKEY for repeated RS256 checks.
public final class RSAPublicKey: @unchecked Sendable {
  private let pkey: OpaquePointer

  /// The smallest modulus accepted, in bits (NIST SP 800-131A; Cognito's keys are 2048).
  public static let minimumBits = 2048

  /// What makes these numbers unfit as an RS256 key, or nil when they are fit. With e = 1 any
  /// "signature" equal to the padded digest verifies, and an even or tiny modulus can be factored:
  /// such keys would accept forgeries.
  public static func problem(modulus: [UInt8], exponent: [UInt8]) -> String? {
    let n = modulus.drop { $0 == 0 }
    let e = exponent.drop { $0 == 0 }
    guard let top = n.first, let last = n.last else { return "the modulus is zero" }
    let bits = n.count * 8 - top.leadingZeroBitCount
    if bits < minimumBits { return "the modulus has \(bits) bits; at least \(minimumBits) are needed" }
    if last & 1 == 0 { return "the modulus is even" }
    guard let eLast = e.last else { return "the exponent is zero" }
    if e.count > 8 { return "the exponent is larger than 64 bits" }
    if e.count == 1, let small = e.first, small < 3 {
      return "the exponent is \(small); at least 3 is needed (65537 in practice)"
    }
    if eLast & 1 == 0 { return "the exponent is even" }
    return nil
  }

  /// Builds the key from big-endian modulus and exponent bytes; nil if they are unfit (see `problem`)
  /// or OpenSSL refuses them.
  public init?(modulus: [UInt8], exponent: [UInt8]) {
    guard Self.problem(modulus: modulus, exponent: exponent) == nil else { return nil }
    let n = BN_bin2bn(modulus, Int32(modulus.count), nil)
    let e = BN_bin2bn(exponent, Int32(exponent.count), nil)
    defer {
      BN_free(n)
      BN_free(e)
    }
    guard let builder = OSSL_PARAM_BLD_new() else { return nil }
    defer { OSSL_PARAM_BLD_free(builder) }
    guard cogsh_push_rsa_public(builder, n, e) == 1, let params = OSSL_PARAM_BLD_to_param(builder)
    else { return nil }
    defer { OSSL_PARAM_free(params) }
    guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { return nil }
    defer { EVP_PKEY_CTX_free(ctx) }
    var key: OpaquePointer?
    guard EVP_PKEY_fromdata_init(ctx) == 1, EVP_PKEY_fromdata(ctx, &key, cogsh_evp_pkey_public_key(), params) == 1,
      let key
    else { return nil }
    pkey = key
  }

  deinit { EVP_PKEY_free(pkey) }

  /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (RS256).
  public func verifyRS256(message: [UInt8], signature: [UInt8]) -> Bool {
    guard let md = EVP_MD_CTX_new() else { return false }
    defer { EVP_MD_CTX_free(md) }
    guard EVP_DigestVerifyInit(md, nil, EVP_sha256(), nil, pkey) == 1 else { return false }
    return EVP_DigestVerify(md, signature, signature.count, message, message.count) == 1
  }
}
