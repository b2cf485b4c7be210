import Foundation
import Testing

/// Passwords that never appear in `ps`: from standard input or a file, one a line, in the order asked.
@Suite("Passwords from stdin and files")
struct PasswordInputTests {
  @Test("--password-stdin and --password-file answer the prompts a script would otherwise fail on")
  func sources() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let create = try cogsh.run(
      connection + ["--password-stdin", "-c", "admin-create-user taro@example.com --suppress-message"],
      stdin: "")
    #expect(create.status == 0, "stderr: \(create.stderr)")
    #expect(
      try cogsh.run(connection + ["-c", "admin-set-user-password taro@example.com first-pass-1 --permanent"]).status
        == 0)
    let login = try cogsh.run(
      connection + ["--password-stdin", "-c", "login taro@example.com --flow password; change-password"],
      stdin: "first-pass-1\nfirst-pass-1\nsecond-pass-2\n")
    #expect(login.status == 0, "stderr: \(login.stderr)")
    let file = cogsh.home.path + "/pw"
    FileManager.default.createFile(atPath: file, contents: Data("second-pass-2\n".utf8))
    let again = try cogsh.run(
      connection + ["--password-file", file, "-c", "logout --local; login taro@example.com --flow password"])
    #expect(again.status == 0 && again.stdout.contains("signed in as taro@example.com"), "stderr: \(again.stderr)")
    let short = try cogsh.run(
      connection + ["--password-stdin", "-c", "login taro@example.com --flow password"], stdin: "")
    #expect(short.status == 1 && short.stderr.contains("--password-stdin: no line left for --password"))
  }

  @Test("--password-stdin needs the commands elsewhere than stdin")
  func conflicts() throws {
    let cogsh = Cogsh()
    #expect(try cogsh.run(["--password-stdin"]).status == 2)
    #expect(try cogsh.run(["--password-stdin", "-f", "-"]).status == 2)
    #expect(try cogsh.run(["--password-stdin", "--password-file", "/dev/null", "-c", "status"]).status == 2)
  }
}
