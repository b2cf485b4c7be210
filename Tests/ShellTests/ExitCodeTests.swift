import Basics
import Testing

/// Exit statuses and messages of the binary, without a server.
@Suite("Exit codes")
struct ExitCodeTests {
  @Test(
    "an unknown command or flag prints usage and exits 2",
    arguments: [
      (["-c", "frobnicate"], "error: unknown command \"frobnicate\""),
      (["-c", "login alice --bogus"], "error: login: unknown option \"--bogus\""),
      (["--bogus"], "error: unknown option \"--bogus\""),
      (["-c", "status; whoami extra"], "error: whoami: unexpected argument \"extra\""),
    ])
  func usage(arguments: [String], message: String) throws {
    let run = try Cogsh().run(arguments)
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix(message), "stderr: \(run.stderr)")
    #expect(run.stderr.contains("usage:") || run.stderr.contains("help"))
  }

  @Test("a failing command stops a script with 1; --keep-going runs the rest")
  func stopOnError() throws {
    let cogsh = Cogsh()
    let stopped = try cogsh.run(["-c", "echo one; whoami; echo two"])
    #expect(stopped.status == 1)
    #expect(stopped.stdout == "one\n")
    let kept = try cogsh.run(["--keep-going", "-c", "echo one; whoami; echo two"])
    #expect(kept.status == 1)
    #expect(kept.stdout == "one\ntwo\n")
  }

  @Test("a script on stdin runs like -f -, and exit ends it early")
  func stdinScript() throws {
    let run = try Cogsh().run([], stdin: "echo first\nexit\necho never\n")
    #expect(run.status == 0)
    #expect(run.stdout == "first\n")
  }

  @Test("set persists in the profile and a second process sees it")
  func setPersists() throws {
    let cogsh = Cogsh()
    #expect(try cogsh.run(["-c", "set pool-id eu-west-1_Abc; set client-id abc123"]).status == 0)
    let status = try cogsh.run(["-c", "status"])
    #expect(status.stdout.contains("eu-west-1_Abc") && status.stdout.contains("eu-west-1"))
    let bad = try cogsh.run(["-c", "set endpoint-url http://example.com"])
    #expect(bad.status == 1 && bad.stderr.contains("refusing plain http"))
    let saved = try cogsh.run(["-c", "profile save dev; profile use dev; profile list"])
    #expect(saved.stdout.contains("* dev"))
  }

  @Test("jwt decode refuses malformed tokens without crashing")
  func jwtMalformed() throws {
    let run = try Cogsh().run(["-c", "jwt decode not.a-jwt"])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("error: not a JWT"))
  }

  @Test("walkthroughs are listed; one that changes pool settings refuses a real pool")
  func walkthroughGuards() throws {
    let list = try Cogsh().run(["-c", "walkthrough"])
    #expect(list.status == 0 && list.stdout.contains("article") && list.stdout.contains("mfa"))
    let refused = try Cogsh().run(["--pool-id", "eu-west-1_Abc", "-c", "walkthrough mfa"])
    #expect(refused.status == 1 && refused.stderr.hasPrefix("error: the mfa walkthrough changes the pool's settings"))
    #expect(try Cogsh().run(["-c", "walkthrough nosuch"]).status == 2)
  }

  @Test("source runs a file and stops at its first failure; profile show hides the secret; unset and delete")
  func sourceAndProfiles() throws {
    let cogsh = Cogsh()
    let file = cogsh.home.path + "/steps.cogsh"
    try "echo from-file\nwhoami\necho never\n".write(toFile: file, atomically: true, encoding: .utf8)
    let sourced = try cogsh.run(["-c", "source \(file); echo after"])
    #expect(sourced.status == 1)
    #expect(sourced.stdout == "from-file\n")
    #expect(sourced.stderr.contains("source: \(file) stopped at a failing command"))
    let shown = try cogsh.run(["-c", "set client-secret topsecret; set region eu-west-1; profile show"])
    // The rows are aligned to the longest key; what matters is the key's value.
    #expect(shown.stdout.contains(try Regex(#"client-secret +\(set\)"#)) && !shown.stdout.contains("topsecret"))
    let unset = try cogsh.run(["-c", "unset region; profile show"])
    #expect(unset.stdout.contains(try Regex(#"\nregion +-\n"#)))
    let deleted = try cogsh.run(["-c", "profile save other; profile delete other; profile use other"])
    #expect(deleted.status == 1 && deleted.stderr.contains("no profile named \"other\""))
  }
}
