import Foundation
import Testing

@testable import Shell

/// Multi-Region replication on the sandbox: a replica in a second Region, addressed with --region.
@Suite("Sandbox replicas", .serialized)
struct SandboxReplicaTests {
  /// A shell on a sandbox `sandbox start` left running, with taro able to sign in; stopped by `stop`.
  static func started(pool: (inout [String: Any]) -> Void = { _ in }) throws -> Cogsh {
    _ = try Moto.server()
    let cogsh = Cogsh()
    var description = try #require(
      try JSONSerialization.jsonObject(with: Data(SandboxPoolDescription.text.utf8)) as? [String: Any])
    var create = try #require(description["CreateUserPool"] as? [String: Any])
    pool(&create)
    description["CreateUserPool"] = create
    let file = cogsh.home.path + "/pool.json"
    try JSONSerialization.data(withJSONObject: description).write(to: URL(fileURLWithPath: file))
    let start = try cogsh.run(["-c", "sandbox start"], extraEnvironment: ["COGSH_SANDBOX_POOL": file])
    #expect(start.status == 0, "\(start.stderr)")
    let users = try cogsh.run([
      "-c",
      "admin-create-user taro@example.com --temporary-password temp-pass-1 --suppress-message; "
        + "admin-set-user-password taro@example.com taro-pass-1 --permanent",
    ])
    #expect(users.status == 0, "\(users.stderr)")
    return cogsh
  }

  /// Refusals are not retried: one attempt, so a LimitExceededException comes back at once.
  static let once = ["AWS_MAX_ATTEMPTS": "1"]

  @Test("replicas create, list, activate and deactivate; a secondary signs taro in and refuses writes and TOTP")
  func failover() throws {
    let cogsh = try Self.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let created = try cogsh.run(
      ["--keep-going", "-c", "replicas create us-west-2; replicas; replicas create eu-west-1"],
      extraEnvironment: Self.once)
    #expect(created.stdout.contains("us-west-2: SECONDARY INACTIVE"), "\(created.stdout)\(created.stderr)")
    #expect(
      created.stdout.contains("*  us-east-1  PRIMARY    ACTIVE\n   us-west-2  SECONDARY  INACTIVE"), "\(created.stdout)"
    )
    #expect(
      created.stderr.contains("LimitExceededException") && created.stderr.contains("one secondary replica at most"))
    // INACTIVE: end users are refused there, with the way out.
    let inactive = try cogsh.run(["--region", "us-west-2", "-c", "login taro@example.com --password taro-pass-1"])
    #expect(inactive.status == 1 && inactive.stderr.contains("OperationNotEnabledException"), "\(inactive.stderr)")
    #expect(inactive.stderr.contains("replicas activate R"))
    #expect(
      inactive.stderr.contains(
        "note: pool us-east-1_") && inactive.stderr.contains("addressing its replica in us-west-2"),
      "\(inactive.stderr)")
    // The failover: the secondary serves, the primary stops serving end users.
    #expect(try cogsh.run(["-c", "replicas activate us-west-2; replicas deactivate us-east-1"]).status == 0)
    let primary = try cogsh.run(["-c", "login taro@example.com --password taro-pass-1"])
    #expect(primary.status == 1 && primary.stderr.contains("us-east-1 is INACTIVE"), "\(primary.stderr)")
    let replica = try cogsh.run([
      "--region", "us-west-2", "--keep-going", "-c",
      "trace on; login taro@example.com --password taro-pass-1; trace off; status; whoami; log --query \"[0].region\"",
    ])
    #expect(replica.stdout.contains("signed in as taro@example.com"), "\(replica.stdout)\(replica.stderr)")
    #expect(replica.stderr.contains("/region/us-west-2  InitiateAuth  (us-west-2)"), "the trace names the Region")
    #expect(replica.stdout.contains("region       us-west-2 (a replica: the pool's own is us-east-1)"))
    #expect(replica.stdout.hasSuffix("\nus-west-2\n"), "the log names the Region: \(replica.stdout)")
    // What a secondary refuses, each by name, with the hint.
    for (command, refused) in [
      ("sign-up hana@example.com --password hana-pass-1", "creates no users"),
      ("change-password taro-pass-1 taro-pass-2", "changes no passwords"),
      ("forgot-password taro@example.com", "resets and changes no passwords"),
      ("update-attributes name=Taro", "changes no user's profile"),
      ("mfa setup", "serves no TOTP MFA"),
      ("admin-create-user jiro@example.com --suppress-message", "creates no users"),
    ] {
      let r = try cogsh.run(["--region", "us-west-2", "-c", command])
      #expect(r.status == 1 && r.stderr.contains("OperationNotEnabledException"), "\(command): \(r.stderr)")
      #expect(r.stderr.contains(refused) && r.stderr.contains("Do those at the primary"), "\(command): \(r.stderr)")
    }
    // Deleting: from the primary Region only, and only an INACTIVE replica.
    let fromReplica = try cogsh.run(["--region", "us-west-2", "-c", "replicas delete us-west-2"])
    #expect(fromReplica.status == 1 && fromReplica.stderr.contains("deleted from the primary Region"))
    let active = try cogsh.run(["-c", "replicas delete us-west-2"])
    #expect(active.status == 1 && active.stderr.contains("deactivate it first"), "\(active.stderr)")
    let back = try cogsh.run([
      "-c", "replicas activate us-east-1; replicas deactivate us-west-2; replicas delete us-west-2; replicas",
    ])
    #expect(back.status == 0 && back.stdout.contains("us-west-2: SECONDARY DELETING"), "\(back.stdout)\(back.stderr)")
    #expect(back.stdout.hasSuffix("*  us-east-1  PRIMARY  ACTIVE\n1 replica\n"), "\(back.stdout)")
    // A Region with no replica has no such pool.
    let nowhere = try cogsh.run(["--region", "eu-west-1", "-c", "login taro@example.com --password taro-pass-1"])
    #expect(nowhere.status == 1 && nowhere.stderr.contains("ResourceNotFoundException"), "\(nowhere.stderr)")
  }

  @Test("a user with TOTP signs in at the primary, and is refused at a secondary")
  func totpAtTheSecondary() throws {
    let cogsh = try Self.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let enrolled = try cogsh.run([
      "-c",
      MFAAndAdminTests.enableTOTP + "; login taro@example.com --password taro-pass-1; mfa setup; mfa verify $TOTP; "
        + "mfa enable totp; logout --local; replicas create us-west-2; replicas activate us-west-2",
    ])
    #expect(enrolled.status == 0, "\(enrolled.stdout)\(enrolled.stderr)")
    let primary = try cogsh.run(["-c", "login taro@example.com --password taro-pass-1"])
    #expect(primary.stdout.contains("SOFTWARE_TOKEN_MFA"), "\(primary.stdout)\(primary.stderr)")
    let replica = try cogsh.run(["--region", "us-west-2", "-c", "login taro@example.com --password taro-pass-1"])
    #expect(replica.status == 1 && replica.stderr.contains("TOTP MFA is not served in us-west-2"), "\(replica.stderr)")
  }

  @Test("the issuer: ORIGINAL names the Region that issued, UPDATED is the primary's everywhere")
  func issuer() throws {
    let original = try Self.started()
    defer { _ = try? original.run(["-c", "sandbox stop"]) }
    #expect(try original.run(["-c", "replicas create us-west-2; replicas activate us-west-2"]).status == 0)
    let there = try original.run([
      "--region", "us-west-2", "--keep-going", "-c",
      "login taro@example.com --password taro-pass-1; jwt decode id; jwt verify",
    ])
    #expect(there.stdout.contains("https://cognito-idp.us-west-2.amazonaws.com/us-east-1_"), "\(there.stdout)")
    #expect(there.stdout.contains("FAIL  iss") && there.stderr.contains("UPDATED"), "\(there.stderr)")
    let updated = try Self.started { $0["IssuerConfiguration"] = ["Type": "UPDATED"] }
    defer { _ = try? updated.run(["-c", "sandbox stop"]) }
    #expect(try updated.run(["-c", "replicas create us-west-2; replicas activate us-west-2"]).status == 0)
    for region in ["us-east-1", "us-west-2"] {
      let r = try updated.run([
        "--region", region, "-c", "login taro@example.com --password taro-pass-1; jwt decode id; jwt verify",
      ])
      #expect(r.status == 0, "\(region): \(r.stdout)\(r.stderr)")
      #expect(r.stdout.contains("https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_"), "\(r.stdout)")
      #expect(r.stdout.contains("pass  iss"))
    }
  }

  /// A Lite pool: the built-in pool's passwordless sign-in policy is for Essentials, so it goes.
  static func lite(_ create: inout [String: Any]) {
    create["UserPoolTier"] = "LITE"
    var policies = create["Policies"] as? [String: Any] ?? [:]
    policies["SignInPolicy"] = nil
    create["Policies"] = policies
  }

  @Test("a pool on the Lite plan has no replicas")
  func lite() throws {
    let cogsh = try Self.started(pool: Self.lite)
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let r = try cogsh.run(["-c", "replicas create us-west-2"])
    #expect(r.status == 1 && r.stderr.contains("FeatureUnavailableInTierException") && r.stderr.contains("Lite"))
  }
}

/// The feature plan on the sandbox: what a pool's UserPoolTier lacks is refused by name, with the hint.
@Suite("Sandbox feature plans", .serialized)
struct SandboxFeaturePlanTests {
  @Test(
    "Lite refuses email MFA, passkeys, passkey registration and a passwordless sign-in policy; Essentials refuses threat protection"
  )
  func plans() throws {
    let lite = try SandboxReplicaTests.started(pool: SandboxReplicaTests.lite)
    defer { _ = try? lite.run(["-c", "sandbox stop"]) }
    let email =
      #"call SetUserPoolMfaConfig '{"MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true},"EmailMfaConfiguration":{"Subject":"s","Message":"{####}"}}'"#
    let passkeys =
      #"call SetUserPoolMfaConfig '{"MfaConfiguration":"OFF","WebAuthnConfiguration":{"RelyingPartyId":"localhost"}}'"#
    let policy =
      #"call UpdateUserPool '{"Policies":{"SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD","EMAIL_OTP"]}}}'"#
    for (command, feature) in [(email, "Email MFA"), (passkeys, "Passkeys"), (policy, "A sign-in policy")] {
      let r = try lite.run(["-c", command])
      #expect(r.status == 1 && r.stderr.contains("FeatureUnavailableInTierException"), "\(command): \(r.stderr)")
      #expect(
        r.stderr.contains(feature) && r.stderr.contains("this pool is on Lite") && r.stderr.contains("UserPoolTier"))
    }
    let register = try lite.run(["-c", "login taro@example.com --password taro-pass-1; passkey register"])
    #expect(register.status == 1 && register.stderr.contains("WebAuthnNotEnabledException"), "\(register.stderr)")
    let essentials = try SandboxReplicaTests.started()
    defer { _ = try? essentials.run(["-c", "sandbox stop"]) }
    let threat = try essentials.run([
      "-c", #"call UpdateUserPool '{"UserPoolAddOns":{"AdvancedSecurityMode":"ENFORCED"}}'"#,
    ])
    #expect(threat.status == 1 && threat.stderr.contains("needs the Plus plan"), "\(threat.stderr)")
    #expect(try essentials.run(["-c", email]).status == 0, "Essentials has email MFA")
  }
}
