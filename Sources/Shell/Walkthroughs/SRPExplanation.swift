import Auth
import Cognito

/// `login --flow srp --explain`: the values of the exchange, for teaching. The password, the
/// private value a and the derived key are never shown.
enum SRPExplanation {
  static func text(_ t: SignIn.SRPTrace, pool: String) -> String {
    func short(_ s: String) -> String { s.count > 32 ? "\(s.prefix(16))…\(s.suffix(8)) (\(s.count) hex digits)" : s }
    let namePart = pool.split(separator: "_").dropFirst().joined(separator: "_")
    let user = t.parameters["USER_ID_FOR_SRP"] ?? "?"
    // Short labels, the formula in the value: a long label column would wrap every row.
    var rows: [(String, String)] = [
      ("a", "\(SRP.privateValueByteCount) random bytes (private, not shown)"),
      ("A", "g^a mod N = " + short(t.claim.srpA)),
      ("B", "SRP_B = " + short(t.parameters["SRP_B"] ?? "?")),
      ("salt", t.parameters["SALT"] ?? "?"),
      ("user id", "USER_ID_FOR_SRP = \(user)"),
      ("u", "H(pad A | pad B) = " + t.claim.u.hex),
      ("x", "H(pad salt | H(\"\(namePart)\" | user id | \":\" | password)): not shown"),
      ("S", "(B - k*g^x)^(a + u*x) mod N: the shared secret, not shown"),
      ("key", "HKDF(S, u, \"Caldera Derived Key\"), 16 bytes: not shown"),
      ("TIMESTAMP", t.timestamp),
      (
        "message",
        "\"\(namePart)\" | user id | SECRET_BLOCK bytes | TIMESTAMP (\(t.claim.message.count) bytes), signed with key"
      ),
      ("signature", "PASSWORD_CLAIM_SIGNATURE = " + t.claim.signature),
    ]
    if !t.claim.secretBlockWasBase64 {
      rows.append(("note", "SECRET_BLOCK was not base64 (moto simulates it), so its text was signed as is"))
    }
    return "SRP (\(t.challenge))\n" + Table.render(rows)
  }
}
