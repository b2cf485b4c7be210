import Auth
import Basics
import Cognito
import Foundation
import Testing

@testable import Shell

/// cogsh as a passkey authenticator: what it makes is checked by py_webauthn, the PyPI WebAuthn library.
@Suite("Passkey authenticator")
struct PasskeyAuthenticatorTests {
  @Test("a registration and two assertions are accepted by py_webauthn; a tampered one and another challenge are not")
  func verifiedByTheLibrary() throws {
    func b64(_ n: Int) -> String { Base64URL.encode(SecureRandom.bytes(n)) }
    let origin = "https://example.com"
    let creation: JSON = [
      "challenge": .string(b64(32)), "rp": ["id": "example.com", "name": "example"],
      "user": ["id": .string(b64(16)), "name": "taro@example.com", "displayName": "taro"],
      "pubKeyCredParams": [["type": "public-key", "alg": -7], ["type": "public-key", "alg": -257]],
    ]
    let (registration, credential, _) = try PasskeyAuthenticator.register(options: creation, origin: origin, now: 0)
    #expect(credential.rpId == "example.com" && credential.signCount == 0)
    var assertions: [JSON] = []
    var kept = credential
    for _ in 0..<2 {
      let request: JSON = [
        "challenge": .string(b64(32)), "rpId": "example.com", "allowCredentials": [["id": .string(credential.id)]],
      ]
      let signed = try PasskeyAuthenticator.assert(options: request, origin: origin, credential: kept)
      kept = signed.credential
      assertions.append([
        "response": signed.response, "challenge": request["challenge"] ?? .null, "origin": .string(origin),
        "rpId": "example.com",
      ])
    }
    #expect(kept.signCount == 2)
    // A flipped bit in the signature; and a good assertion checked against another challenge.
    let lastChallenge = b64(32)
    let last = try PasskeyAuthenticator.assert(
      options: ["challenge": .string(lastChallenge), "rpId": "example.com"], origin: origin, credential: kept)
    var tampered = last.response
    let signature = try #require(Base64URL.decode(last.response["response"]?["signature"]?.stringValue ?? ""))
    if case .object(var outer) = tampered, case .object(var inner)? = outer["response"] {
      inner["signature"] = .string(Base64URL.encode(signature.dropLast() + [signature[signature.count - 1] ^ 1]))
      outer["response"] = .object(inner)
      tampered = .object(outer)
    }
    assertions.append([
      "response": tampered, "challenge": .string(lastChallenge), "origin": .string(origin), "rpId": "example.com",
    ])
    let another = try PasskeyAuthenticator.assert(
      options: ["challenge": .string(b64(32)), "rpId": "example.com"], origin: origin, credential: last.credential)
    assertions.append([
      "response": another.response, "challenge": .string(b64(32)), "origin": .string(origin), "rpId": "example.com",
    ])
    let input: JSON = [
      "registration": [
        "response": registration, "challenge": creation["challenge"] ?? .null, "origin": .string(origin),
        "rpId": "example.com",
      ],
      "assertions": .array(assertions),
    ]
    let file = TempDirectory()
    let path = file.path + "/case.json"
    try Data(input.serialized().utf8).write(to: URL(fileURLWithPath: path))
    let run = try runProgram(
      "/bin/sh",
      [
        "-c", "\"$0\" \"$1\" < \"$2\"", try HelperServer.python(),
        Project.path("Tests/ShellTests/Support/webauthn_verify.py"), path,
      ], environment: ["PATH": "/usr/bin:/bin"])
    let out = try JSON.parse(run.stdout)
    #expect(out["registration"] == "ok", "\(run.stdout)\(run.stderr)")
    let verdicts = out["assertions"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(verdicts.count == 4 && verdicts[0] == "ok" && verdicts[1] == "ok", "\(verdicts)")
    #expect(
      verdicts.count == 4 && verdicts[2].contains("signature") && verdicts[3].contains("challenge"), "\(verdicts)")
  }
}
