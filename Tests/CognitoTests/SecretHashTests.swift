import Cognito
import Testing

@Suite("SECRET_HASH")
struct SecretHashTests {
  @Test("matches Python's hmac on committed vectors")
  func vectors() throws {
    let cases = try Vectors.load("secret-hash.json")["cases"]!.arrayValue!
    #expect(cases.count == 4)
    for c in cases {
      let got = SecretHash.compute(
        username: c["username"]!.stringValue!, clientId: c["clientId"]!.stringValue!,
        clientSecret: c["clientSecret"]!.stringValue!)
      #expect(got == c["secretHash"]!.stringValue!)
    }
  }

  @Test("matches the reference's worked example")
  func reference() {
    #expect(
      SecretHash.compute(username: "alice", clientId: "abc123clientid", clientSecret: "s3cr3t")
        == "T0sVO49Bonh532ldq8IbIJKmP/YC28Pfa88rBoSmnxs=")
  }
}
