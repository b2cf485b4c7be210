import Basics
import Cognito
import Testing

/// The chain's order and its in-memory cache, with the machine's side (a process's output) given in.
@Suite("Credential chain")
struct CredentialChainTests {
  final class Runs: @unchecked Sendable { var count = 0 }

  static func chain(expiration: String, runs: Runs, now: Double) -> CredentialChain {
    let config = try! SharedConfig.parse("[profile p]\ncredential_process = creds\n", isConfigFile: true)
    let io = CredentialIO(
      run: { _ in
        runs.count += 1
        return #"{"Version":1,"AccessKeyId":"K\#(runs.count)","SecretAccessKey":"S","Expiration":"\#(expiration)"}"#
      }, now: { now })
    return CredentialChain(
      env: AWSEnvironment(variables: ["AWS_PROFILE": "p", "AWS_EC2_METADATA_DISABLED": "true"], config: config),
      explicitProfile: nil, io: io)
  }

  @Test("temporary credentials are kept in memory, and fetched again only near their expiry")
  func cache() throws {
    let now = CivilDate.epochSeconds(iso8601: "2030-01-01T00:00:00Z")!
    let fresh = Runs()
    let lasting = Self.chain(expiration: "2030-01-01T01:00:00Z", runs: fresh, now: now)
    #expect(try lasting.resolve()?.accessKeyId == "K1")
    #expect(try lasting.resolve()?.accessKeyId == "K1")
    #expect(fresh.count == 1)
    let expiring = Runs()
    let short = Self.chain(expiration: "2030-01-01T00:02:00Z", runs: expiring, now: now)
    #expect(try short.resolve()?.accessKeyId == "K1")
    #expect(try short.resolve()?.accessKeyId == "K2", "under five minutes left: fetched again")
  }

  @Test("ISO 8601 times as AWS writes them; anything else is refused")
  func times() {
    #expect(CivilDate.epochSeconds(iso8601: "1970-01-01T00:00:00Z") == 0)
    #expect(CivilDate.epochSeconds(iso8601: "2026-11-29T16:00:00.123Z") == 1_795_968_000)
    #expect(CivilDate.epochSeconds(iso8601: "2026-11-29T16:00:00+00:00") == 1_795_968_000)
    for bad in ["", "2026-13-01T00:00:00Z", "2026-11-29T16:00:00+09:00", "tomorrow", "2026-11-29"] {
      #expect(CivilDate.epochSeconds(iso8601: bad) == nil, "\(bad)")
    }
  }

  @Test("botocore's older files: AWS_CREDENTIAL_FILE, then boto's config, after the profile's sources")
  func legacyFiles() throws {
    let files = [
      "/tmp/ec2-creds": "AWSAccessKeyId=AKIAEC2FILE\nAWSSecretKey=ec2-secret\n",
      "/home/u/.boto": "[Credentials]\naws_access_key_id = AKIABOTO\naws_secret_access_key = boto-secret\n",
    ]
    func chain(_ vars: [String: String]) -> CredentialChain {
      CredentialChain(
        env: AWSEnvironment(
          variables: vars.merging(["HOME": "/home/u", "AWS_EC2_METADATA_DISABLED": "true"]) { a, _ in a }),
        explicitProfile: nil, io: CredentialIO(readFile: { files[$0] }))
    }
    #expect(try chain(["AWS_CREDENTIAL_FILE": "/tmp/ec2-creds"]).resolve()?.accessKeyId == "AKIAEC2FILE")
    #expect(try chain([:]).resolve()?.accessKeyId == "AKIABOTO")
    #expect(try chain(["BOTO_CONFIG": "/nowhere"]).resolve() == nil)
  }
}
