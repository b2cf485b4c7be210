import Basics
import Cognito

/// A passkey cogsh holds: the credential's id, its relying party and user, its private key and counter.
/// The key is a secret: it lives in a 0600 file, and in no history, trace or recording.
public struct PasskeyCredential: Codable, Sendable, Equatable {
  /// The credential id, base64url, as the relying party lists it.
  public var id: String
  public var rpId: String
  /// The relying party's user handle (the options' user.id), base64url.
  public var userHandle: String
  public var userName: String
  /// The P-256 private scalar, base64url.
  public var privateKey: String
  public var signCount: UInt32
  public var createdAt: Double
}

/// What an assertion signed, for an explanation: nothing in it is secret.
public struct PasskeyTrace: Sendable, Equatable {
  /// CollectedClientData as sent (type, challenge, origin).
  public var clientData: String
  public var rpId: String
  /// SHA-256 of the relying party id, the first 32 bytes of authenticatorData.
  public var rpIdHash: [UInt8]
  /// The flags byte: UP (0x01), UV (0x04), and AT (0x40) at registration.
  public var flags: UInt8
  public var counter: UInt32
  /// How many bytes were signed: authenticatorData then SHA-256(clientDataJSON).
  public var signedByteCount: Int
}

/// What a registration sent, for an explanation: the public half only.
public struct PasskeyRegistrationTrace: Sendable, Equatable {
  /// CollectedClientData as sent (type, challenge, origin).
  public var clientData: String
  public var rpId: String
  public var rpIdHash: [UInt8]
  public var flags: UInt8
  public var credentialId: String
  /// The public point, as the COSE key carries it.
  public var x: [UInt8]
  public var y: [UInt8]
}

/// Why cogsh cannot act as the authenticator the options ask for.
public enum PasskeyError: UserFacingError, Equatable {
  case badOptions(String)
  case noES256
  case noCredential(rpId: String)

  public var message: String {
    switch self {
    case .badOptions(let what): return "the relying party's WebAuthn options are not usable: \(what)"
    case .noES256: return "the relying party takes no ES256 (P-256) key, the only kind cogsh makes"
    case .noCredential(let rp): return "cogsh holds no passkey for the relying party \(rp) that it allows"
    }
  }
}

/// cogsh as a WebAuthn authenticator (W3C Web Authentication Level 3): it makes a P-256 credential with
/// attestation "none" (§8.7) and signs assertions with it (ES256, §6.3.3). The user is present and verified
/// by being at the terminal, so UP and UV are set. What it makes is what a browser would pass on: the
/// RegistrationResponseJSON and AuthenticationResponseJSON of §5.1.
public enum PasskeyAuthenticator {
  /// Makes a credential for the PublicKeyCredentialCreationOptions `options`, as seen from `origin`.
  public static func register(options: JSON, origin: String, now: Double, key: P256Key = .generate()) throws -> (
    response: JSON, credential: PasskeyCredential, trace: PasskeyRegistrationTrace
  ) {
    guard let challenge = options["challenge"]?.stringValue, let userId = options["user"]?["id"]?.stringValue
    else { throw PasskeyError.badOptions("no challenge or user.id") }
    let algorithms = (options["pubKeyCredParams"]?.arrayValue ?? []).compactMap { $0["alg"]?.numberValue }
    guard algorithms.isEmpty || algorithms.contains(-7) else { throw PasskeyError.noES256 }
    let rpId = options["rp"]?["id"]?.stringValue ?? host(of: origin)
    let id = SecureRandom.bytes(16)
    let (x, y) = try key.publicPoint()
    let cose = CBOR.map([
      (.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(1)), (.int(-2), .bytes(x)), (.int(-3), .bytes(y)),
    ])
    // rpIdHash, flags UP|UV|AT, signCount 0, the attested credential data (AAGUID zero: attestation "none").
    let authData =
      Digest.sha256(rpId) + [0x45] + [0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
      + [UInt8(id.count >> 8), UInt8(id.count & 0xFF)] + id + cose.encoded
    let attestation = CBOR.map([
      (.text("fmt"), .text("none")), (.text("attStmt"), .map([])), (.text("authData"), .bytes(authData)),
    ])
    let clientData = clientDataJSON("webauthn.create", challenge: challenge, origin: origin)
    let credentialId = Base64URL.encode(id)
    let response: JSON = [
      "id": .string(credentialId), "rawId": .string(credentialId), "type": "public-key",
      "response": [
        "clientDataJSON": .string(Base64URL.encode(Array(clientData.utf8))),
        "attestationObject": .string(Base64URL.encode(attestation.encoded)), "transports": ["internal"],
      ],
      "authenticatorAttachment": "platform", "clientExtensionResults": .object([:]),
    ]
    let name = options["user"]?["name"]?.stringValue ?? ""
    let credential = PasskeyCredential(
      id: credentialId, rpId: rpId, userHandle: userId, userName: name, privateKey: Base64URL.encode(key.scalar),
      signCount: 0, createdAt: now)
    let trace = PasskeyRegistrationTrace(
      clientData: clientData, rpId: rpId, rpIdHash: Digest.sha256(rpId), flags: 0x45, credentialId: credentialId,
      x: x, y: y)
    return (response, credential, trace)
  }

  /// Signs the PublicKeyCredentialRequestOptions `options` with `credential`, as seen from `origin`; the
  /// credential comes back with its counter moved on.
  public static func assert(options: JSON, origin: String, credential: PasskeyCredential) throws -> (
    response: JSON, credential: PasskeyCredential, trace: PasskeyTrace
  ) {
    guard let challenge = options["challenge"]?.stringValue else { throw PasskeyError.badOptions("no challenge") }
    let rpId = options["rpId"]?.stringValue ?? host(of: origin)
    let allowed = (options["allowCredentials"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    guard credential.rpId == rpId, allowed.isEmpty || allowed.contains(credential.id) else {
      throw PasskeyError.noCredential(rpId: rpId)
    }
    guard let scalar = Base64URL.decode(credential.privateKey), let key = P256Key(scalar: scalar) else {
      throw PasskeyError.badOptions("the kept key of \(credential.id) is not a P-256 key")
    }
    var next = credential
    next.signCount += 1
    let count = next.signCount
    let authData = Digest.sha256(rpId) + [0x05] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) }
    let clientData = clientDataJSON("webauthn.get", challenge: challenge, origin: origin)
    let signed = authData + Digest.sha256(clientData)
    let signature = try key.sign(signed).der
    let response: JSON = [
      "id": .string(credential.id), "rawId": .string(credential.id), "type": "public-key",
      "response": [
        "clientDataJSON": .string(Base64URL.encode(Array(clientData.utf8))),
        "authenticatorData": .string(Base64URL.encode(authData)), "signature": .string(Base64URL.encode(signature)),
        "userHandle": .string(credential.userHandle),
      ],
      "authenticatorAttachment": "platform", "clientExtensionResults": .object([:]),
    ]
    let trace = PasskeyTrace(
      clientData: clientData, rpId: rpId, rpIdHash: Digest.sha256(rpId), flags: 0x05, counter: count,
      signedByteCount: signed.count)
    return (response, next, trace)
  }

  /// CollectedClientData in the member order §5.8.1.1 gives (type, challenge, origin, crossOrigin).
  static func clientDataJSON(_ type: String, challenge: String, origin: String) -> String {
    "{\"type\":" + JSON.string(type).serialized() + ",\"challenge\":" + JSON.string(challenge).serialized()
      + ",\"origin\":" + JSON.string(origin).serialized() + ",\"crossOrigin\":false}"
  }

  static func host(of origin: String) -> String {
    let rest = origin.components(separatedBy: "://").last ?? origin
    return String(rest.split(separator: "/").first?.split(separator: ":").first ?? Substring(rest))
  }
}
