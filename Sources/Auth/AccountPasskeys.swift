import Basics
import Cognito

/// A passkey registered: its id and relying party.
public struct PasskeyRegistration: Sendable {
  public var credentialId: String
  public var rpId: String
  /// What was sent, for an explanation.
  public var trace: PasskeyRegistrationTrace
}

/// The user's passkeys as the pool lists them (ListWebAuthnCredentials), and which of them cogsh holds.
public struct PasskeyList: Sendable {
  /// One passkey the pool knows.
  public struct Passkey: Sendable {
    public var id: String
    public var rpId: String
    public var name: String?
    public var createdAt: Double?
    /// Whether its private key is here, so cogsh can sign in with it.
    public var heldHere: Bool
  }

  public var raw: JSON
  public var passkeys: [Passkey]
}

extension Account {
  /// The file the passkeys' private keys are kept in: 0600 in the 0700 store, written atomically.
  static let passkeysFile = "passkeys.json"

  func heldPasskeys() throws -> [PasskeyCredential] {
    try store.files.readJSON(Self.passkeysFile, as: [PasskeyCredential].self, fallback: [])
  }

  private func changePasskeys(_ change: (inout [PasskeyCredential]) -> Void) throws {
    let files = store.files
    try files.locked {
      var held = try files.readJSON(Self.passkeysFile, as: [PasskeyCredential].self, fallback: [])
      change(&held)
      try files.writeJSON(Self.passkeysFile, held)
    }
  }

  /// The origin cogsh speaks from as an authenticator: https on the relying party's own host.
  static func passkeyOrigin(_ rpId: String) -> String { "https://" + rpId }

  /// StartWebAuthnRegistration, a new credential made here, CompleteWebAuthnRegistration; the private key
  /// is kept only once the pool has accepted the credential.
  public func registerPasskey() throws -> PasskeyRegistration {
    let user = try userForAccessToken()
    let token = JSON.string(user.tokens.accessToken)
    let started = try client().call(Action("StartWebAuthnRegistration"), ["AccessToken": token]).body
    guard let options = started["CredentialCreationOptions"] else {
      throw CognitoError.badResponse(action: "StartWebAuthnRegistration", detail: "no CredentialCreationOptions")
    }
    let rpId = options["rp"]?["id"]?.stringValue ?? ""
    let (response, credential, trace) = try PasskeyAuthenticator.register(
      options: options, origin: Self.passkeyOrigin(rpId), now: clock())
    _ = try client().call(Action("CompleteWebAuthnRegistration"), ["AccessToken": token, "Credential": response])
    try changePasskeys { $0.append(credential) }
    return PasskeyRegistration(credentialId: credential.id, rpId: credential.rpId, trace: trace)
  }

  /// ListWebAuthnCredentials for the current user, marking the ones cogsh holds.
  public func passkeys() throws -> PasskeyList {
    let user = try userForAccessToken()
    let raw = try client().call(
      Action("ListWebAuthnCredentials"), ["AccessToken": .string(user.tokens.accessToken)]
    ).body
    let held = Set(try heldPasskeys().map(\.id))
    let list = (raw["Credentials"]?.arrayValue ?? []).map { c in
      let id = c["CredentialId"]?.stringValue ?? "?"
      return PasskeyList.Passkey(
        id: id, rpId: c["RelyingPartyId"]?.stringValue ?? "?", name: c["FriendlyCredentialName"]?.stringValue,
        createdAt: c["CreatedAt"]?.numberValue, heldHere: held.contains(id))
    }
    return PasskeyList(raw: raw, passkeys: list)
  }

  /// DeleteWebAuthnCredential, and the private key here with it.
  public func deletePasskey(_ id: String) throws {
    let user = try userForAccessToken()
    _ = try client().call(
      Action("DeleteWebAuthnCredential"),
      ["AccessToken": .string(user.tokens.accessToken), "CredentialId": .string(id)])
    try changePasskeys { $0.removeAll { $0.id == id } }
  }

  /// The WEB_AUTHN challenge's answer: an assertion by the passkey cogsh holds for its relying party, and
  /// the credential with its counter moved on (kept once the answer is accepted: `keepPasskey`).
  func passkeyAnswer(_ challenge: PendingChallenge) throws -> ([String: String], PasskeyCredential, PasskeyTrace) {
    guard let text = challenge.parameters["CREDENTIAL_REQUEST_OPTIONS"], let options = try? JSON.parse(text) else {
      throw CognitoError.badResponse(action: "WEB_AUTHN", detail: "the challenge has no CREDENTIAL_REQUEST_OPTIONS")
    }
    let rpId = options["rpId"]?.stringValue ?? ""
    let allowed = Set((options["allowCredentials"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
    guard
      let credential = try heldPasskeys().first(where: {
        $0.rpId == rpId && (allowed.isEmpty || allowed.contains($0.id))
      })
    else { throw AccountError.needsPasskey(rpId: rpId) }
    let (response, used, trace) = try PasskeyAuthenticator.assert(
      options: options, origin: Self.passkeyOrigin(rpId), credential: credential)
    return (["CREDENTIAL": response.serialized()], used, trace)
  }

  /// Keeps a passkey's moved-on counter.
  func keepPasskey(_ used: PasskeyCredential) throws {
    try changePasskeys { held in
      if let i = held.firstIndex(where: { $0.id == used.id }) { held[i] = used }
    }
  }
}
