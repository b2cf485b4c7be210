import CCrypto

/// An RSA public key from a JWK's `n` and `e`, held as an OpenSSL EVP_PKEY for repeated RS256 checks.
public final class RSAPublicKey: @unchecked Sendable {
  private let pkey: OpaquePointer

  /// Builds the key from big-endian modulus and exponent bytes; nil if OpenSSL refuses them.
  public init?(modulus: [UInt8], exponent: [UInt8]) {
    guard modulus.count >= 128, !exponent.isEmpty else { return nil }
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
