import Cognito
import Testing

@Suite("SRP")
struct SRPTests {
  @Test("constants: k and the padding of N and g")
  func constants() {
    #expect(Encoding.hex(SRP.k.bytes) == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6")
    #expect(SRP.pad(SRP.prime).count == 385 && SRP.pad(SRP.prime).first == 0)
    #expect(SRP.pad(SRP.g) == [2])
    #expect(SRP.pad(BigNum(bytes: [])) == [0])
    #expect(SRP.pad(BigNum(bytes: [0, 0, 0x7F])) == [0x7F])
    #expect(SRP.pad(BigNum(bytes: [0x80])) == [0, 0x80])
  }

  @Test("SRP_A, u, x, HKDF, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE equal pycognito's")
  func pycognitoVectors() throws {
    let cases = try Vectors.load("srp-pycognito.json")["cases"]!.arrayValue!
    #expect(cases.count == 3)
    for c in cases {
      let s = { (k: String) in c[k]!.stringValue! }
      let pool = s("poolId")
      let namePart = String(pool[pool.index(after: pool.firstIndex(of: "_")!)...])
      let timestamp = SRP.timestamp(epochSeconds: Int(c["epochSeconds"]!.numberValue!))
      #expect(timestamp == s("timestamp"), "\(s("name"))")
      let claim = try SRP.claim(
        a: BigNum(hex: s("a"))!, namePart: namePart, userId: s("userIdForSrp"), password: s("password"),
        srpB: s("srpB"), salt: s("salt"), secretBlock: s("secretBlock"), timestamp: timestamp)
      #expect(claim.srpA == s("srpA"), "SRP_A of \(s("name"))")
      #expect(claim.u.hex == s("u"), "u of \(s("name"))")
      #expect(claim.x.hex == s("x"), "x of \(s("name"))")
      #expect(Encoding.hex(claim.hkdf) == s("hkdf"), "HKDF of \(s("name"))")
      #expect(claim.signature == s("passwordClaimSignature"), "signature of \(s("name"))")
      #expect(claim.secretBlockWasBase64)
    }
  }

  @Test("device verifiers equal pycognito's generate_hash_device")
  func deviceVectors() throws {
    let cases = try Vectors.load("srp-pycognito.json")["deviceCases"]!.arrayValue!
    #expect(cases.count == 2)
    for c in cases {
      let s = { (k: String) in c[k]!.stringValue! }
      let v = SRP.deviceVerifier(
        groupKey: s("groupKey"), deviceKey: s("deviceKey"), password: s("devicePassword"),
        salt: Encoding.bytes(hex: s("salt"))!)
      #expect(v.passwordVerifier == s("passwordVerifier"), "\(s("name"))")
      #expect(v.salt == s("saltBase64"), "\(s("name"))")
    }
  }

  @Test(
    "TIMESTAMP does not pad the day",
    arguments: [
      (1_762_416_309, "Thu Nov 6 08:05:09 UTC 2025"), (0, "Thu Jan 1 00:00:00 UTC 1970"),
      (1_709_251_199, "Thu Feb 29 23:59:59 UTC 2024"), (1_764_144_309, "Wed Nov 26 08:05:09 UTC 2025"),
    ])
  func timestamp(epoch: Int, expected: String) {
    #expect(SRP.timestamp(epochSeconds: epoch) == expected)
  }

  @Test("unsafe or unreadable server values are refused")
  func safety() {
    let a = BigNum(hex: "aa")!
    #expect(throws: SRPError.unsafeValue("B")) {
      try SRP.claim(
        a: a, namePart: "p", userId: "u", password: "x", srpB: "0", salt: "01", secretBlock: "", timestamp: "t")
    }
    #expect(throws: SRPError.notHex("SRP_B")) {
      try SRP.claim(
        a: a, namePart: "p", userId: "u", password: "x", srpB: "xyz", salt: "01", secretBlock: "", timestamp: "t")
    }
  }
}
