import Auth
import Foundation

/// `respond WEB_AUTHN --explain`: what the passkey signed, for teaching. The private key is never shown.
enum PasskeyExplanation {
  static func text(_ t: PasskeyTrace) -> String {
    var flags: [String] = []
    if t.flags & 0x01 != 0 { flags.append("UP (user present)") }
    if t.flags & 0x04 != 0 { flags.append("UV (user verified)") }
    if t.flags & 0x40 != 0 { flags.append("AT (attested credential data)") }
    let rows: [(String, String)] = [
      ("clientDataJSON", t.clientData),
      ("rpIdHash", "SHA-256(\"\(t.rpId)\") = " + t.rpIdHash.map { String(format: "%02x", $0) }.joined()),
      ("flags", String(format: "0x%02x: ", t.flags) + flags.joined(separator: ", ")),
      ("counter", "\(t.counter) (the relying party refuses one that does not grow)"),
      (
        "signed",
        "authenticatorData | SHA-256(clientDataJSON), \(t.signedByteCount) bytes, with ES256 and the private key "
          + "(kept here, not shown)"
      ),
    ]
    return "WebAuthn assertion\n" + Table.render(rows)
  }

  /// `passkey register --explain`: what went to the pool. Attestation "none" signs nothing.
  static func text(_ t: PasskeyRegistrationTrace) -> String {
    func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
    let rows: [(String, String)] = [
      ("clientDataJSON", t.clientData),
      ("rpIdHash", "SHA-256(\"\(t.rpId)\") = " + hex(t.rpIdHash)),
      (
        "flags",
        String(format: "0x%02x: ", t.flags) + "UP (user present), UV (user verified), AT (attested credential data)"
      ),
      ("credential id", t.credentialId),
      ("public key", "COSE EC2, ES256 (-7), P-256: x = \(hex(t.x)), y = \(hex(t.y))"),
      ("attestation", "none: nothing is signed at registration; the private key stays here, not shown"),
    ]
    return "WebAuthn registration\n" + Table.render(rows)
  }
}
