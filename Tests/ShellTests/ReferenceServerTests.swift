import Foundation
import Testing

/// What moto cannot serve, against the loopback reference server (its SRP checks are its own,
/// verified against the pycognito vectors when it starts).
@Suite("Flows moto lacks, against the reference server")
struct ReferenceServerTests {
  static func connection(_ server: HelperServer, client: String) -> [String] {
    ["--endpoint-url", server.url, "--pool-id", "us-east-1_RefPool", "--client-id", client]
  }

  @Test("SRP is checked for real: the right password signs in, a wrong one is refused")
  func srpChecked() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let good = try cogsh.run(
      Self.connection(server, client: "plain") + ["-c", "login alice@example.com --password alice-password"])
    #expect(good.status == 0, "stderr: \(good.stderr)")
    #expect(good.stdout.contains("signed in as alice@example.com"))
    let bad = try cogsh.run(
      Self.connection(server, client: "plain") + ["-c", "login alice@example.com --password wrong"])
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("error: NotAuthorizedException: Incorrect username or password."))
  }

  @Test("USER_AUTH: SELECT_CHALLENGE then EMAIL_OTP; PASSWORD_SRP chosen or preferred")
  func userAuth() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let otp = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        "login alice@example.com --flow user-auth; respond SELECT_CHALLENGE ANSWER=EMAIL_OTP; status; mfa-code 246810",
      ])
    #expect(otp.status == 0, "stderr: \(otp.stderr)")
    #expect(otp.stdout.contains("challenge SELECT_CHALLENGE for alice@example.com"))
    // What the service offered, not a fixed list.
    #expect(otp.stdout.contains("available challenges: PASSWORD_SRP, EMAIL_OTP, SMS_OTP"))
    #expect(
      otp.stdout.contains("answer with: respond SELECT_CHALLENGE ANSWER=PASSWORD_SRP|EMAIL_OTP|SMS_OTP [PASSWORD=…]"))
    // The sign-in makes only the calls the flow needs: the app client is not read for the Session's
    // lifetime (AuthSessionValidity), which is said to be assumed.
    #expect(otp.stdout.contains("the countdown assumes 3"), "\(otp.stdout)")
    let again = try cogsh.run(
      Self.connection(server, client: "plain") + ["--trace", "-c", "login alice@example.com --flow user-auth"])
    #expect(!again.stderr.contains("DescribeUserPoolClient"), "\(again.stderr)")
    #expect(
      otp.stdout.contains("s left of its Session")
        && otp.stdout.range(of: #"(1[5-7]\d|180)s left"#, options: .regularExpression) != nil, "\(otp.stdout)")
    #expect(otp.stdout.contains("challenge EMAIL_OTP for alice@example.com"))
    #expect(otp.stdout.contains("signed in as alice@example.com"))
    let chosen = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        "logout --local; login alice@example.com --flow user-auth; respond SELECT_CHALLENGE ANSWER=PASSWORD_SRP PASSWORD=alice-password",
      ])
    #expect(chosen.status == 0, "stderr: \(chosen.stderr)")
    #expect(chosen.stdout.contains("signed in as alice@example.com"))
    let preferred = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        "logout --local; login alice@example.com --flow user-auth --preferred PASSWORD_SRP --password alice-password",
      ])
    #expect(preferred.status == 0, "stderr: \(preferred.stderr)")
    let wrongCode = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c", "login alice@example.com --flow user-auth --preferred EMAIL_OTP; mfa-code 000000",
      ])
    #expect(wrongCode.status == 1 && wrongCode.stderr.hasPrefix("error: CodeMismatchException"))
  }

  @Test("SELECT_MFA_TYPE then SMS_MFA; SMS_OTP through USER_AUTH")
  func smsChallenges() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let run = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        "login bob@example.com --password bob-password; respond SELECT_MFA_TYPE ANSWER=SMS_MFA; mfa-code 246810; logout --local; login alice@example.com --flow user-auth --preferred SMS_OTP; mfa-code 246810",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("challenge SELECT_MFA_TYPE for bob@example.com"))
    #expect(run.stdout.contains("answer with: respond SELECT_MFA_TYPE ANSWER=SMS_MFA|SOFTWARE_TOKEN_MFA"))
    #expect(run.stdout.contains("challenge SMS_MFA for bob@example.com"))
    #expect(run.stdout.contains("signed in as bob@example.com"))
    #expect(run.stdout.contains("challenge SMS_OTP for alice@example.com"))
    #expect(run.stdout.contains("signed in as alice@example.com"))
  }

  @Test("CUSTOM_AUTH, with and without SRP first")
  func customAuth() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let plain = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c", "login alice@example.com --flow custom; respond CUSTOM_CHALLENGE ANSWER=5",
      ])
    #expect(plain.status == 0, "stderr: \(plain.stderr)")
    #expect(plain.stdout.contains("challenge CUSTOM_CHALLENGE"))
    #expect(plain.stdout.contains("signed in as alice@example.com"))
    let srp = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        "logout --local; login alice@example.com --flow custom --srp --password alice-password; respond CUSTOM_CHALLENGE ANSWER=5",
      ])
    #expect(srp.status == 0, "stderr: \(srp.stderr)")
  }

  @Test("devices: confirmed after sign-in, then DEVICE_SRP_AUTH on the next sign-in, refresh with the key, forget")
  func devices() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let first = try cogsh.run(
      Self.connection(server, client: "devices") + ["-c", "login alice@example.com --password alice-password; devices"])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    #expect(first.stdout.contains("confirmed and remembered"))
    #expect(first.stdout.split(separator: "\n").contains { $0.hasPrefix("* us-east-1_") })
    let again = try cogsh.run(
      Self.connection(server, client: "devices") + [
        "-c",
        "logout --local; login alice@example.com --password alice-password --explain; refresh; forget-device; devices",
      ])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stdout.contains("SRP (DEVICE_PASSWORD_VERIFIER)"), "the device proof was computed")
    #expect(!again.stdout.contains("confirmed and remembered"), "a remembered device is not confirmed twice")
    #expect(again.stdout.contains("refreshed alice@example.com"))
    #expect(again.stdout.hasSuffix("no remembered devices\n"))
  }

  @Test("a device the pool forgot is dropped and the sign-in retried once; forget-device forgets locally on refusal")
  func staleDevice() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let connection = Self.connection(server, client: "devices")
    let first = try cogsh.run(connection + ["-c", "login alice@example.com --password alice-password"])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let session = try String(contentsOfFile: cogsh.cogshHome + "/sessions/default.json", encoding: .utf8)
    let key = try #require(
      session.components(separatedBy: "\"deviceKey\" : \"").dropFirst().first?.split(separator: "\"").first
        .map(String.init))
    // The administrator forgets the device on the pool's side; cogsh still remembers it.
    #expect(try cogsh.run(connection + ["-c", "call AdminForgetDevice '{\"DeviceKey\":\"\(key)\"}'"]).status == 0)
    let again = try cogsh.run(connection + ["-c", "logout --local; login alice@example.com --password alice-password"])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stderr.contains("the pool no longer knows device \(key) (Device does not exist.)"))
    #expect(again.stdout.contains("signed in as alice@example.com"))
    // The retry, without the stale key, was offered a new device, now remembered in its place.
    #expect(again.stdout.contains("confirmed and remembered"))
    let stored = try String(contentsOfFile: cogsh.cogshHome + "/sessions/default.json", encoding: .utf8)
    #expect(!stored.contains(key))
    let newKey = try #require(
      stored.components(separatedBy: "\"deviceKey\" : \"").dropFirst().first?.split(separator: "\"").first
        .map(String.init))
    // forget-device of a key the pool no longer knows: forgotten here all the same, with the pool's words.
    #expect(try cogsh.run(connection + ["-c", "call AdminForgetDevice '{\"DeviceKey\":\"\(newKey)\"}'"]).status == 0)
    let forget = try cogsh.run(connection + ["-c", "forget-device"])
    #expect(forget.status == 0, "stderr: \(forget.stderr)")
    #expect(
      forget.stdout.contains(
        "forgot device \(newKey) here; the pool said ResourceNotFoundException: Device does not exist."))
    let after = try String(contentsOfFile: cogsh.cogshHome + "/sessions/default.json", encoding: .utf8)
    #expect(!after.contains(newKey))
  }

  @Test("refresh-token rotation: GetTokensFromRefreshToken, and the new refresh token is kept")
  func rotation() throws {
    let server = try HelperServer.reference()
    let run = try Cogsh().run(
      Self.connection(server, client: "rotating") + [
        "-c", "login alice@example.com --password alice-password; refresh; refresh; status",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.components(separatedBy: "the refresh token was rotated").count == 3)
    #expect(run.stdout.contains("refresh      GetTokensFromRefreshToken (the client rotates refresh tokens)"))
  }

  @Test("without AWS credentials, rotation is learned from the first refusal, whatever its words, and kept")
  func rotationLearned() throws {
    let server = try HelperServer.reference()
    let noCredentials = ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""]
    let cogsh = Cogsh()
    let first = try cogsh.run(
      Self.connection(server, client: "rotating") + [
        "--trace", "-c", "login alice@example.com --password alice-password; refresh",
      ], extraEnvironment: noCredentials)
    #expect(first.status == 0, "stderr: \(first.stderr)")
    #expect(first.stderr.contains("REFRESH_TOKEN_AUTH was refused (InvalidParameterException)"))
    #expect(!first.stderr.contains("DescribeUserPoolClient"))
    let second = try cogsh.run(
      Self.connection(server, client: "rotating") + ["--trace", "-c", "refresh"], extraEnvironment: noCredentials)
    #expect(second.status == 0, "stderr: \(second.stderr)")
    #expect(!second.stderr.contains("REFRESH_TOKEN_AUTH"), "remembered: straight to GetTokensFromRefreshToken")
    #expect(second.stdout.contains("the refresh token was rotated"))
  }

  @Test("with credentials, DescribeUserPoolClient says which refresh API a client takes")
  func rotationDescribed() throws {
    let server = try HelperServer.reference()
    let run = try Cogsh().run(
      Self.connection(server, client: "rotating") + [
        "--trace", "-c", "login alice@example.com --password alice-password; refresh",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("DescribeUserPoolClient (to choose the refresh API)"))
    #expect(!run.stderr.contains("\"AuthFlow\":\"REFRESH_TOKEN_AUTH\""))
    let plain = try Cogsh().run(
      Self.connection(server, client: "plain") + [
        "-c", "login alice@example.com --password alice-password; refresh; status",
      ])
    #expect(plain.stdout.contains("refresh      REFRESH_TOKEN_AUTH (no rotation)"), "stdout: \(plain.stdout)")
  }

  @Test("revoke, resend-confirmation-code, attribute verification and delete-user")
  func otherOperations() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let run = try cogsh.run(
      Self.connection(server, client: "plain") + [
        "-c",
        [
          "resend-confirmation-code alice@example.com", "login alice@example.com --password alice-password",
          "verify-attribute email", "verify-attribute email 246810", "revoke",
          "login alice@example.com --password alice-password", "delete-user --yes",
        ].joined(separator: "; "),
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("code sent by email to a***@e***"))
    #expect(run.stdout.contains("verified email"))
    #expect(run.stdout.contains("revoked the refresh token"))
    let gone = try cogsh.run(
      Self.connection(server, client: "plain") + ["-c", "login alice@example.com --password alice-password"])
    #expect(gone.status == 1 && gone.stderr.hasPrefix("error: UserNotFoundException"))
  }

  @Test("a client secret: SECRET_HASH over the typed name at InitiateAuth, the sub in challenges and on refresh")
  func secretHash() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let connection = Self.connection(server, client: "secret")
    let run = try cogsh.run(
      connection + [
        "--client-secret", "reference-secret", "-c",
        "login alice@example.com --password alice-password; refresh; logout --local; login alice@example.com --flow user-auth; respond SELECT_CHALLENGE ANSWER=EMAIL_OTP; mfa-code 246810",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("refreshed alice@example.com"))
    #expect(!run.stderr.contains("note: SECRET_HASH"), "the internal username was right the first time")
    let wrong = try cogsh.run(
      connection + ["--client-secret", "not-the-secret", "-c", "login alice@example.com --password alice-password"])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.hasPrefix("error: NotAuthorizedException: Unable to verify secret hash for client secret"))
    #expect(wrong.stderr.contains("hint: "))
    let missing = try cogsh.run(connection + ["-c", "login alice@example.com --password alice-password"])
    #expect(missing.stderr.contains("configured for secret but secret was not received"))
    #expect(missing.stderr.contains("set client-secret"))
  }

  @Test("an expired challenge Session gets a hint, and status says it expired")
  func expiredSession() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let connection = Self.connection(server, client: "plain")
    try #require(try cogsh.run(connection + ["-c", "login alice@example.com --flow user-auth"]).status == 0)
    // Age the stored challenge past its Session and spoil the Session, as time and a used Session would.
    let path = cogsh.cogshHome + "/sessions/default.json"
    var state = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    var challenge = try #require(state["challenge"] as? [String: Any])
    challenge["receivedAt"] = Date().timeIntervalSince1970 - 400  // past the 5 minutes the client allows
    challenge["session"] = "session-expired"
    state["challenge"] = challenge
    try JSONSerialization.data(withJSONObject: state).write(to: URL(fileURLWithPath: path))
    let status = try cogsh.run(connection + ["-c", "status"])
    #expect(status.stdout.contains("Session expired"))
    let run = try cogsh.run(connection + ["-c", "respond SELECT_CHALLENGE ANSWER=EMAIL_OTP"])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("error: NotAuthorizedException: Invalid session for the user."))
    #expect(run.stderr.contains("The challenge's Session is no longer valid"))
    #expect(
      try cogsh.run(connection + ["-c", "status"]).stdout.contains("challenge    none"), "the dead Session is forgotten"
    )
  }

  @Test("email MFA: set up (no secret), then turned off by mfa disable with the others")
  func emailMFA() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let connection = Self.connection(server, client: "plain")
    let on = try cogsh.run(
      connection + ["-c", "login alice@example.com --password alice-password; mfa setup email; output json; whoami"])
    #expect(on.status == 0, "stderr: \(on.stderr)")
    #expect(on.stdout.contains("\"UserMFASettingList\":[\"EMAIL_OTP\"]"), "stdout: \(on.stdout)")
    let off = try cogsh.run(connection + ["--output", "json", "-c", "mfa disable; whoami"])
    #expect(off.status == 0 && off.stdout.contains("\"UserMFASettingList\":[]"), "stdout: \(off.stdout)")
  }

  @Test("an SRP sign-in refused on a pool with a user-migration trigger says the trigger needs --flow password")
  func migrationHint() throws {
    let server = try HelperServer.reference()
    let r = try Cogsh().run(
      Self.connection(server, client: "plain") + ["-c", "login alice@example.com --flow srp --password not-migrated"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: NotAuthorizedException: Incorrect username or password."))
    #expect(r.stderr.contains("user-migration trigger") && r.stderr.contains("--flow password"), "stderr: \(r.stderr)")
  }

  @Test("WEB_AUTHN: answered with a passkey cogsh holds; without one for the relying party, it says how to make one")
  func webAuthn() throws {
    let server = try HelperServer.reference()
    let r = try Cogsh().run(
      Self.connection(server, client: "plain") + [
        "--keep-going", "-c", "login alice@example.com --flow user-auth --preferred WEB_AUTHN; respond WEB_AUTHN",
      ])
    #expect(r.stdout.contains("challenge WEB_AUTHN for alice@example.com"))
    #expect(r.stdout.contains("answer with: respond WEB_AUTHN (signed with the passkey cogsh holds"))
    #expect(
      r.status == 1 && r.stderr.contains("error: cogsh holds no passkey for the relying party example.com")
        && r.stderr.contains("passkey register"), "\(r.stderr)")
  }
}
