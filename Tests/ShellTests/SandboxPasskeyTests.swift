import Foundation
import Testing

@testable import Shell

/// The sandbox's passkeys, driven by a software authenticator written apart from the library the sandbox
/// verifies with (Support/passkey_check.py: P-256 with `cryptography`, CBOR with `cbor2`).
@Suite("Sandbox passkeys")
struct SandboxPasskeyTests {
  @Test("register and sign in with a passkey; each bad ceremony is refused naming what is wrong")
  func ceremonies() throws {
    let server = try Moto.server()
    let run = try runProgram(
      try HelperServer.python(), [Project.path("Tests/ShellTests/Support/passkey_check.py"), server.url],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(run.status == 0, "\(run.stderr)")
    let out = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    func said(_ key: String) -> String { out[key] as? String ?? "" }
    #expect(out["before"] as? [String] == ["PASSWORD", "PASSWORD_SRP"], "no passkey, no WEB_AUTHN offered")
    #expect(out["after"] as? [String] == ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"])
    #expect(said("register") == "ok" && out["listed"] as? [String] == ["example.com"])
    #expect(
      said("sign-in") == "ok"
        && out["tokens"] as? [String] == ["AccessToken", "ExpiresIn", "IdToken", "RefreshToken", "TokenType"])
    #expect(said("register-other-origin").hasPrefix("WebAuthnOriginNotAllowedException"), "\(out)")
    #expect(said("register-replayed").hasPrefix("WebAuthnChallengeNotFoundException"), "\(out)")
    #expect(said("sign-in-tampered") == "NotAuthorizedException: Could not verify authentication signature")
    #expect(said("sign-in-other-origin").contains("may not use the relying party example.com"), "\(out)")
    #expect(said("sign-in-other-rp") == "NotAuthorizedException: Unexpected RP ID hash", "\(out)")
    #expect(said("sign-in-unknown").contains("not registered for this user"), "\(out)")
    #expect(said("sign-in-replayed") == "NotAuthorizedException: Invalid session for the user.", "\(out)")
    #expect(said("delete") == "ok" && out["left"] as? Int == 0)
    #expect((out["config"] as? [String: String])?["UserVerification"] == "required")
  }
}
