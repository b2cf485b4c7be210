import Auth
import Basics
import Cognito
import Foundation
import Testing

/// cogsh's identity-pool and STS requests against botocore's service model
/// (Tests/Vectors/identity-shapes-botocore.json, from scripts/vectors/identity_shapes.py).
@Suite("Identity-pool request shapes")
struct IdentityShapeTests {
  static func model() throws -> JSON {
    try JSON.parse(
      Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
          .appendingPathComponent("Vectors/identity-shapes-botocore.json")))
  }

  /// Every member is one the model defines, every required one is there.
  static func check(_ operation: String, _ members: [String], in model: JSON) {
    let shape = model["operations"]?[operation]
    let defined = Set(shape?["members"]?.objectValue?.keys.map { $0 } ?? [])
    let required = shape?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(shape != nil, "\(operation) is in the vectors")
    for m in members { #expect(defined.contains(m), "\(operation) has no member \(m)") }
    for r in required { #expect(members.contains(r), "\(operation) lacks the required \(r)") }
  }

  @Test("GetId, GetCredentialsForIdentity, GetOpenIdToken, the pool calls and STS's take what cogsh sends")
  func shapes() throws {
    let model = try Self.model()
    let logins = [IdentityRequests.loginsKey(poolId: "eu-west-1_AbCdEf123"): "eyJ.x.y"]
    for (op, body) in [
      ("GetId", IdentityRequests.getId(pool: "eu-west-1:guid", logins: logins)),
      ("GetId", IdentityRequests.getId(pool: "eu-west-1:guid", logins: nil)),
      ("GetCredentialsForIdentity", IdentityRequests.credentials(identityId: "i", logins: logins, roleArn: "arn")),
      ("GetOpenIdToken", IdentityRequests.openIdToken(identityId: "i", logins: logins)),
      ("DescribeIdentityPool", IdentityRequests.pool("eu-west-1:guid")),
      ("GetIdentityPoolRoles", IdentityRequests.pool("eu-west-1:guid")),
    ] {
      Self.check(op, body.objectValue?.keys.map { $0 } ?? [], in: model)
      if let sent = body["Logins"] {
        #expect(model["operations"]?[op]?["members"]?["Logins"]?.stringValue == "map")
        #expect(sent.stringMap == logins)
      }
    }
    Self.check(
      "AssumeRoleWithWebIdentity",
      IdentityRequests.assumeRole("arn:aws:iam::1:role/r", session: "s", token: "t").map(\.0),
      in: model)
  }

  @Test("the Logins key is cognito-idp.REGION.amazonaws.com/POOL_ID, within the model's length bounds")
  func loginsKey() throws {
    let model = try Self.model()
    let key = IdentityRequests.loginsKey(poolId: "ap-northeast-1_AbCdEf123")
    #expect(key == "cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbCdEf123")
    let min = model["logins"]?["key"]?["min"]?.numberValue ?? 0
    let max = model["logins"]?["key"]?["max"]?.numberValue ?? 0
    #expect(min >= 1 && max >= 100, "the model's bounds were read")
    #expect(Double(key.count) >= min && Double(key.count) <= max)
    // A pool id from the longest region still fits.
    #expect(
      Double(IdentityRequests.loginsKey(poolId: "ap-southeast-5_" + String(repeating: "A", count: 40)).count) <= max)
  }
}
