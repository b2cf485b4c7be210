import Basics
import Foundation
import Testing

/// Sign-up, recovery, refresh and several users, on a client with a secret (moto checks SECRET_HASH).
@Suite("Accounts against moto")
struct AccountTests {
  @Test("a client with a secret: sign-up, confirm, sign-in, refresh with the sub, change password")
  func clientWithSecret() throws {
    let (pool, cogsh, connection) = try Moto.articleSession(secret: true)
    let secret = try #require(pool.clientSecret)
    let run = try cogsh.run(
      connection + [
        "--client-secret", secret, "-c",
        [
          "sign-up yuki@example.com --password first-pass --attribute email=yuki@example.com",
          "confirm-sign-up yuki@example.com 123456", "login yuki@example.com --flow password --password first-pass",
          "refresh", "change-password first-pass second-pass", "logout --local",
          "login yuki@example.com --flow srp --password second-pass", "update-attributes name=Yuki", "whoami",
        ].joined(separator: "; "),
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("signed up yuki@example.com"))
    #expect(run.stdout.contains("refreshed yuki@example.com"))
    #expect(run.stdout.contains("claims changed: ") && run.stdout.contains("exp"))
    #expect(run.stdout.contains("name      Yuki"))
  }

  @Test("forgot password: moto's code from its header confirms the new password")
  func forgotPassword() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    try #require(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    let forgot = try cogsh.run(connection + ["--output", "json", "-c", "forgot-password taro@example.com"])
    #expect(forgot.status == 0, "stderr: \(forgot.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(forgot.stdout.utf8)) as? [String: Any]
    let code = try #require(json?["SandboxConfirmationCode"] as? String)
    let confirm = try cogsh.run(
      connection + [
        "-c",
        "confirm-forgot-password taro@example.com \(code) third-password; login taro@example.com --flow password --password third-password",
      ])
    #expect(confirm.status == 0, "stderr: \(confirm.stderr)")
    #expect(confirm.stdout.contains("signed in as taro@example.com"))
  }

  @Test("two users signed in, switched between, forgotten one by one")
  func twoUsers() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let run = try cogsh.run(
      connection + [
        "-c",
        [
          "admin-create-user a@example.com --temporary-password pass-a-1 --suppress-message",
          "admin-set-user-password a@example.com pass-a-2 --permanent",
          "admin-create-user b@example.com --temporary-password pass-b-1 --suppress-message",
          "admin-set-user-password b@example.com pass-b-2 --permanent",
          "login a@example.com --flow password --password pass-a-2",
          "login b@example.com --flow password --password pass-b-2", "users", "whoami", "switch a@example.com",
          "whoami",
          "forget", "users",
        ].joined(separator: "; "),
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("* b@example.com") })
    #expect(lines.contains { $0.hasPrefix("  a@example.com") })
    let emails = lines.filter { $0.hasPrefix("email") }
    #expect(emails == ["email     b@example.com", "email     a@example.com"])
    #expect(
      lines.suffix(2) == ["  b@example.com  (access expires in 59m)", "1 user"], "after forgetting a, nobody is current"
    )
    #expect(lines.contains("nobody is current now; still signed in here: b@example.com (`switch NAME` to use one)"))
    // logout of the current user never makes the other current: whoami and delete-user need `switch`.
    let after = try cogsh.run(
      connection + [
        "--keep-going", "-c",
        "switch b@example.com; login a@example.com --flow password --password pass-a-2; logout; whoami; delete-user --yes",
      ])
    #expect(after.status == 1)
    #expect(after.stdout.contains("still signed in here: b@example.com"))
    #expect(
      after.stderr.contains(
        "error: no user is current\nhint: Signed in here: b@example.com; pick one with `switch NAME`."))
    #expect(!after.stdout.contains("deleted"))
    #expect(
      try cogsh.run(connection + ["-c", "switch b@example.com; whoami"]).stdout.contains("email     b@example.com"))
    let bad = try cogsh.run(connection + ["-c", "switch nobody@example.com"])
    #expect(bad.status == 1 && bad.stderr.hasPrefix("error: nobody@example.com is not signed in here"))
  }

  @Test("the sandbox says plainly what moto cannot serve")
  func unserved() throws {
    _ = try Moto.server()
    let run = try Cogsh().run([
      "--sandbox", "--keep-going", "-c", "resend-confirmation-code a@example.com; call RevokeToken '{}'",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error: the sandbox (moto) does not serve ResendConfirmationCode"))
    #expect(run.stderr.contains("error: the sandbox (moto) does not serve RevokeToken"))
  }
}
