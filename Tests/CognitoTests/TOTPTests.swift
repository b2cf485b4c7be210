import Cognito
import Testing

@Suite("TOTP")
struct TOTPTests {
  @Test("codes equal pyotp's on committed vectors")
  func pyotp() throws {
    let cases = try Vectors.load("totp-pyotp.json")["cases"]!.arrayValue!
    #expect(cases.count == 28)
    for c in cases {
      let code = try TOTP.code(secret: c["secret"]!.stringValue!, epochSeconds: Int(c["epochSeconds"]!.numberValue!))
      #expect(code == c["code"]!.stringValue!, "\(c["secret"]!.stringValue!) at \(c["epochSeconds"]!.numberValue!)")
    }
  }

  @Test(
    "RFC 6238's SHA-1 test values",
    arguments: [
      (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
      (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
  func rfc6238(time: Int, expected: String) throws {
    // The RFC's key is the ASCII "12345678901234567890".
    let secret = Base32.encode(Array("12345678901234567890".utf8))
    #expect(try TOTP.code(secret: secret, epochSeconds: time, digits: 8) == expected)
    #expect(try TOTP.code(secret: secret, epochSeconds: time) == String(expected.suffix(6)))
  }

  @Test("moto's short lowercase secret decodes; junk is refused")
  func secrets() {
    #expect(Base32.decode("asdfasdfasdf") != nil)
    #expect(throws: TOTPError.badSecret) { try TOTP.code(secret: "not base32!", epochSeconds: 0) }
    #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
  }

  @Test("the otpauth URI encodes label and issuer")
  func uri() {
    #expect(
      TOTP.uri(secret: "ABC", account: "taro@example.com", issuer: "my pool")
        == "otpauth://totp/my%20pool:taro%40example.com?secret=ABC&issuer=my%20pool")
  }
}
