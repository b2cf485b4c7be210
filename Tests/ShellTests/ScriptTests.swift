import Basics
import Foundation
import Testing

/// Scripts as psql users expect them: errors with FILE:LINE, `source` beside the script, `\q`.
@Suite("Scripts")
struct ScriptTests {
  @Test("an error in a script says FILE:LINE; source reads a relative path from the script's folder")
  func locations() throws {
    let cogsh = Cogsh()
    let dir = cogsh.home.path + "/scripts"
    try FileManager.default.createDirectory(atPath: dir + "/lib", withIntermediateDirectories: true)
    try "# a comment\necho one\n\necho two; source lib/inner.cogsh\n".write(
      toFile: dir + "/main.cogsh", atomically: true, encoding: .utf8)
    try "echo inner\n'unterminated\n".write(toFile: dir + "/lib/inner.cogsh", atomically: true, encoding: .utf8)
    let r = try cogsh.run(["-f", dir + "/main.cogsh"])
    #expect(r.status != 0)
    #expect(r.stdout == "one\ntwo\ninner\n")
    #expect(r.stderr.contains("\(dir)/lib/inner.cogsh:2: error: unterminated ' quote"), "stderr: \(r.stderr)")
    #expect(
      r.stderr.contains("\(dir)/main.cogsh:4: error: source: \(dir)/lib/inner.cogsh stopped"), "stderr: \(r.stderr)")
  }

  @Test("\\q and quit leave; $NAME falls back to the environment; unknown names still fail")
  func leavingAndEnvironment() throws {
    let cogsh = Cogsh()
    let q = try cogsh.run(["-c", "echo a; \\q; echo never"])
    #expect(q.status == 0 && q.stdout == "a\n")
    let quit = try cogsh.run(["-c", "quit; echo never"])
    #expect(quit.status == 0 && quit.stdout.isEmpty)
    let env = try cogsh.run(["-c", "echo $HOME ${COGSH_TEST_VALUE}"], extraEnvironment: ["COGSH_TEST_VALUE": "日本"])
    #expect(env.stdout == "\(cogsh.home.path) 日本\n")
    let unknown = try cogsh.run(["-c", "echo $NO_SUCH_VARIABLE_ANYWHERE"])
    #expect(unknown.status == 2 && unknown.stderr.contains("unknown variable $NO_SUCH_VARIABLE_ANYWHERE"))
    let clear = try cogsh.run(["-c", "clear"])
    #expect(clear.status == 0 && clear.stdout.isEmpty, "no escape codes when stdout is not a terminal")
  }
}
