import Cognito
import Foundation
import Testing

/// Real accounts: the region and endpoint a user-pool call goes to.
@Suite("Region and endpoint")
struct RegionTests {
  @Test("the pool id's region wins over AWS_REGION and the AWS config, with a one-line notice")
  func poolRegionWins() throws {
    let cogsh = Cogsh()
    let r = try cogsh.run(
      ["--pool-id", "eu-west-1_AbC", "--client-id", "c", "-c", "status; status"],
      extraEnvironment: ["AWS_REGION": "us-west-2"])
    #expect(r.stdout.contains("endpoint     https://cognito-idp.eu-west-1.amazonaws.com"))
    #expect(r.stdout.contains("region       eu-west-1 (the pool's; not the configured us-west-2)"))
    #expect(!r.stderr.contains("note: pool"), "status sends nothing: no note, the row says it")
    // The first request says it, once.
    let server0 = try FaultServer()
    try server0.plan([
      FaultServer.answer(["UserPool": ["Id": "eu-west-1_AbC"]]),
      FaultServer.answer(["UserPool": ["Id": "eu-west-1_AbC"]]),
    ])
    let sent = try cogsh.run(
      [
        "--endpoint-url", server0.url, "--pool-id", "eu-west-1_AbC", "--client-id", "c", "-c",
        "echo local; describe-user-pool; describe-user-pool",
      ], extraEnvironment: ["AWS_REGION": "us-west-2"])
    #expect(
      sent.stderr.components(
        separatedBy: "note: pool eu-west-1_AbC is in eu-west-1; using that region, not the configured us-west-2"
      )
      .count == 2, "said once, at the first request: \(sent.stderr)")
    // Through an endpoint override the region still decides the signature: the trace shows its scope.
    let server = try FaultServer()
    try server.plan([FaultServer.answer(["UserPool": ["Id": "eu-west-1_AbC"]])])
    let traced = try cogsh.run(
      ["--endpoint-url", server.url, "--pool-id", "eu-west-1_AbC", "--trace", "-c", "describe-user-pool"],
      extraEnvironment: ["AWS_REGION": "us-west-2"])
    #expect(traced.stderr.contains("/eu-west-1/cognito-idp/aws4_request"), "stderr: \(traced.stderr)")
    #expect(!traced.stderr.contains("/us-west-2/"))
    let same = try cogsh.run(
      ["--pool-id", "eu-west-1_AbC", "--client-id", "c", "-c", "status"], extraEnvironment: ["AWS_REGION": "eu-west-1"])
    #expect(!same.stderr.contains("note: pool"))
  }

  @Test("a region set for cogsh addresses the pool's replica there: signed for it, with a note, and in status")
  func explicitRegionAddressesAReplica() throws {
    let cogsh = Cogsh()
    let server = try FaultServer()
    try server.plan([
      FaultServer.answer(["UserPool": ["Id": "eu-west-1_AbC"]]),
      FaultServer.answer(["UserPool": ["Id": "eu-west-1_AbC"]]),
    ])
    for (how, arguments, environment) in [
      ("--region", ["--region", "us-west-2"], [String: String]()),
      ("COGSH_REGION", [], ["COGSH_REGION": "us-west-2", "AWS_REGION": "ap-northeast-1"]),
    ] {
      let r = try cogsh.run(
        arguments + [
          "--endpoint-url", server.url, "--pool-id", "eu-west-1_AbC", "--trace", "-c", "status; describe-user-pool",
        ],
        extraEnvironment: environment)
      #expect(r.status == 0, "\(how): \(r.stderr)")
      #expect(
        r.stdout.contains("region       us-west-2 (a replica: the pool's own is eu-west-1)"), "\(how): \(r.stdout)")
      #expect(
        r.stderr.contains("note: pool eu-west-1_AbC is in eu-west-1; addressing its replica in us-west-2"),
        "\(how): \(r.stderr)")
      #expect(
        r.stderr.contains("/us-west-2/cognito-idp/aws4_request") && r.stderr.contains("DescribeUserPool  (us-west-2)"))
    }
    // `set region` is as explicit; `unset region` goes back to the pool's own.
    #expect(try cogsh.run(["-c", "set pool-id eu-west-1_AbC; set region us-west-2"]).status == 0)
    #expect(try cogsh.run(["-c", "status"]).stdout.contains("region       us-west-2 (a replica"))
    #expect(try cogsh.run(["-c", "unset region; status"]).stdout.contains("region       eu-west-1\n"))
  }

  @Test("--client-metadata goes with every action that takes ClientMetadata, for the Lambda triggers")
  func clientMetadata() throws {
    let server = try FaultServer()
    try server.plan([
      FaultServer.answer(
        ["ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s1", "ChallengeParameters": ["USER_ID_FOR_SRP": "taro"]]
      ),
      FaultServer.answer(FaultServer.tokens(sub: "taro", tag: "ok")),
    ])
    let cogsh = Cogsh()
    let quiet = FaultServer.withoutCredentials
    #expect(
      try cogsh.run(
        server.connection + [
          "-c", "login taro --password P-1 --flow password --client-metadata app=cogsh --client-metadata lang=ja",
        ],
        extraEnvironment: quiet
      ).status == 0)
    #expect(
      try cogsh.run(server.connection + ["-c", "new-password N-1 --client-metadata step=2"], extraEnvironment: quiet)
        .status == 0)
    let log = try server.log()
    #expect(log.first?["body"]?["ClientMetadata"] == ["app": "cogsh", "lang": "ja"])
    #expect(log.last?["body"]?["ClientMetadata"] == ["step": "2"])
  }
}
