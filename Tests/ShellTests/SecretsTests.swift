import Foundation
import Testing

/// Known secrets go through every path that takes them — scripts, walkthroughs, mistyped lines, the
/// trace — and are then searched for everywhere cogsh writes: none may appear.
@Suite("Secrets stay secret")
struct SecretsTests {
  /// Every file under `dir`, as text.
  static func filesUnder(_ dir: String) -> [(String, String)] {
    let names = FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
    return names.compactMap { name in
      (try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))).map {
        (name, String(decoding: $0, as: UTF8.self))
      }
    }
  }

  static func expectAbsent(_ secrets: [String], in places: [(String, String)]) {
    for secret in secrets {
      for (place, text) in places where text.contains(secret) {
        Issue.record("\"\(secret)\" appears in \(place)")
      }
    }
  }

  @Test("the article flow, TOTP and mistyped secret-bearing lines, traced, with a client secret")
  func scriptsAndTrace() throws {
    let (pool, cogsh, connection) = try Moto.articleSession(secret: true)
    let clientSecret = try #require(pool.clientSecret)
    let flags = connection + ["--client-secret", clientSecret, "--trace"]
    let article = try cogsh.run(flags + ["-f", "examples/article-flow.cogsh"])
    #expect(article.status == 0, "stderr: \(article.stderr)")
    let code =
      try cogsh.run(flags + ["-c", "\(MFAAndAdminTests.enableTOTP); mfa setup; totp"]).stdout
      .split(separator: "\n").last.map { String($0.prefix(6)) } ?? ""
    try #require(code.count == 6 && code.allSatisfy(\.isNumber), "no code in the totp output")
    let verify = try cogsh.run(flags + ["-c", "mfa verify \(code)"])
    #expect(verify.status == 0, "stderr: \(verify.stderr)")
    let mistyped = [
      "login taro@example.com --pasword typo-pass-1", "new-password typo-pass-2 extra-typo-3",
      "change-password typo-old-4 typo-new-5 extra-typo-6", "respond CUSTOM_CHALLENGE ANSWER=typo-answer-7",
      "confirm-forgot-password taro@example.com 8675309 typo-pass-9", "mfa-code 246813",
      "login \"taro@example.com --password typo-pass-10", "confirm-sign-up taro@example.com 135792",
      "call RespondToAuthChallenge '{\"ChallengeResponses\":{\"ANSWER\":\"typo-answer-11\"}}'",
    ]
    var errors = ""
    for line in mistyped {
      errors += try cogsh.run(flags + ["-c", line]).stderr
    }
    let places =
      [("stderr and trace", article.stderr + verify.stderr + errors)] + Self.filesUnder(cogsh.cogshHome)
    Self.expectAbsent(
      [
        "temporary-1", "brand-new-password", clientSecret, code, "typo-pass-1", "typo-pass-2", "extra-typo-3",
        "typo-old-4", "typo-new-5", "extra-typo-6", "typo-answer-7", "8675309", "typo-pass-9", "246813",
        "typo-pass-10", "135792", "typo-answer-11",
      ], in: places)
    #expect(article.stderr.contains("<redacted"), "the trace ran and redacted")
  }

  @Test("every walkthrough, traced: its passwords reach neither stderr nor the files")
  func walkthroughs() throws {
    let cogsh = Cogsh()
    let run = try cogsh.run(["--sandbox", "--trace", "-c", "walkthrough article; walkthrough srp; walkthrough mfa"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let tags = run.stdout.components(separatedBy: "trainee-").dropFirst().compactMap { $0.split(separator: "@").first }
    try #require(!tags.isEmpty)
    let secrets = Set(tags).flatMap { ["temporary-\($0)", "password-\($0)"] }
    Self.expectAbsent(secrets, in: [("stderr and trace", run.stderr)] + Self.filesUnder(cogsh.cogshHome))
  }

  @Test("custom-challenge answers and the password of CUSTOM_AUTH with SRP, traced against the reference server")
  func customAnswers() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let run = try cogsh.run(
      ReferenceServerTests.connection(server, client: "plain") + [
        "--trace", "-c",
        "login alice@example.com --flow custom --srp --password alice-password; respond CUSTOM_CHALLENGE ANSWER=5",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("\"ANSWER\":\"<redacted>\""))
    Self.expectAbsent(["alice-password"], in: [("stderr and trace", run.stderr)] + Self.filesUnder(cogsh.cogshHome))
  }
}

/// What the trace shows besides the exchange itself.
@Suite("Trace")
struct TraceTests {
  @Test("response headers (codes masked), the hint's own DescribeUserPool labelled, the JWKS fetch shown")
  func contents() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    try #require(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    let weak = try cogsh.run(connection + ["--trace", "-c", "change-password brand-new-password x"])
    #expect(weak.status == 1)
    #expect(weak.stderr.contains("DescribeUserPool (for the hint)"), "stderr: \(weak.stderr)")
    #expect(weak.stderr.contains("< x-amzn-requestid: "))
    let forgot = try cogsh.run(connection + ["--trace", "-c", "forgot-password taro@example.com"])
    #expect(forgot.stderr.lowercased().contains("< x-moto-forgot-password-confirmation-code: <redacted"))
    let verify = try cogsh.run(connection + ["--trace", "-c", "jwt verify access"])
    #expect(
      verify.stderr.contains("> GET \(connection[1])/") && verify.stderr.contains("JWKS (the pool's signing keys)"))
  }
}
