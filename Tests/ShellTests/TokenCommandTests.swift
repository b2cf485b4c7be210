import Auth
import Foundation
import Testing

@testable import Shell

/// tokens, export, decode explanations, the prompt's lifetime and auto-refresh, against moto.
@Suite("Token commands")
struct TokenCommandTests {
  @Test("export in sh, dotenv and json; eval of the sh form gives the shell the token")
  func export() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    try #require(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    let access = try cogsh.run(connection + ["-c", "echo $ACCESS_TOKEN"]).stdout.trimmingCharacters(in: .newlines)
    let sh = try cogsh.run(connection + ["-c", "export"]).stdout
    #expect(sh.contains("export COGNITO_ACCESS_TOKEN='\(access)'") && !sh.contains("REFRESH"))
    let dotenv = try cogsh.run(connection + ["-c", "export --format dotenv --refresh"]).stdout
    #expect(dotenv.contains("COGNITO_ACCESS_TOKEN=\(access)\n") && dotenv.contains("COGNITO_REFRESH_TOKEN="))
    let json = try cogsh.run(connection + ["-c", "export --format json"]).stdout
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
    #expect(parsed?["COGNITO_ACCESS_TOKEN"] == access)
    // --output json is honoured by export too; several commands give one compact document a line.
    let lines = try cogsh.run(connection + ["--output", "json", "-c", "export; status; tokens"]).stdout
      .split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "one line per command: \(lines)")
    let docs = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(docs.count == 3)
    #expect(docs.first?["COGNITO_ACCESS_TOKEN"] as? String == access)
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = ["-c", "eval \"$1\"; printf %s \"$COGNITO_ACCESS_TOKEN\"", "bash", sh]
    let pipe = Pipe()
    shell.standardOutput = pipe
    try shell.run()
    shell.waitUntilExit()
    #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == access)

    let compare = try cogsh.run(connection + ["-c", "jwt compare"]).stdout
    #expect(compare.contains("sub") && compare.contains("same"))
    #expect(
      compare.contains("HTTP API JWT authorizer")
        && compare.contains("access token (checks client_id \(pool.clientId))"))
    let fromStdin = try cogsh.run(connection + ["-c", "jwt decode -"], stdin: access + "\n")
    #expect(fromStdin.status == 0 && fromStdin.stdout.contains("token_use") && fromStdin.stdout.contains("access"))
    let decode = try cogsh.run(connection + ["-c", "jwt decode access"]).stdout
    #expect(decode.contains("# id: who the user is; access: what the bearer may do"))
    #expect(decode.contains("signature not checked"))
  }

  @Test("with auto-refresh on, a token with under a minute left is refreshed before use")
  func autoRefresh() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    try #require(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    let store = SessionStore(home: cogsh.cogshHome)
    func age() throws {
      try store.updateSession("default") { s in
        s.users["taro@example.com"]!.tokens.expiresAt = Date().timeIntervalSince1970 + 30
      }
    }
    try age()
    let off = try cogsh.run(connection + ["-c", "whoami"])
    #expect(off.status == 0 && !off.stderr.contains("auto-refresh"))
    let on = try cogsh.run(connection + ["-c", "set auto-refresh on; whoami"])
    #expect(on.status == 0, "stderr: \(on.stderr)")
    #expect(on.stderr.contains("auto-refresh: the access token of taro@example.com had under a minute left"))
    let left = try store.session("default").users["taro@example.com"]!.tokens.expiresAt - Date().timeIntervalSince1970
    #expect(left > 3000)
  }

  @Test("the prompt shows profile, user with the access token's lifetime, and a challenge's seconds")
  func prompt() {
    let tokens = Tokens(
      idToken: nil, accessToken: "a", refreshToken: nil, tokenType: nil, expiresAt: 1000 + 3240, obtainedAt: 1000)
    let user = SignedInUser(username: "taro@example.com", internalUsername: nil, sub: nil, tokens: tokens)
    var state = SessionState(currentUser: "taro@example.com", users: ["taro@example.com": user])
    #expect(Prompt.text(profile: "sandbox", state: state, now: 1000) == "cogsh sandbox taro@example.com (54m)> ")
    state.challenge = PendingChallenge(
      name: "SOFTWARE_TOKEN_MFA", session: "s", parameters: [:], username: "u", loginName: "taro@example.com",
      isAdmin: false, receivedAt: 1000)
    #expect(Prompt.text(profile: "p", state: state, now: 1100).hasSuffix("[SOFTWARE_TOKEN_MFA 80s]> "))
    // Below 60 columns the prompt is short: no "cogsh", long names cut, so a line keeps room to type.
    let narrow = Prompt.text(profile: "sandbox", state: state, now: 1100, columns: 40)
    #expect(narrow == "[SOFTWARE_TO… 80s]> ", "\(narrow)")
    // USER_AUTH's choices are in the wide prompt.
    state.challenge = PendingChallenge(
      name: "SELECT_CHALLENGE", session: "s", parameters: [:], username: "u", loginName: "taro@example.com",
      isAdmin: false, receivedAt: 1000, availableChallenges: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"])
    #expect(
      Prompt.text(profile: "p", state: state, now: 1100).hasSuffix(
        "[SELECT_CHALLENGE 80s PASSWORD|EMAIL_OTP|WEB_AUTHN]> "))
    #expect(Prompt.text(profile: "p", state: state, now: 1100, columns: 40) == "[SELECT_CHAL… 80s]> ")
    state.challenge = nil
    #expect(Prompt.text(profile: "sandbox", state: state, now: 1100, columns: 40) == "taro@exampl… 52m> ")
    #expect(Prompt.text(profile: "sandbox", state: SessionState(), now: 1100, columns: 40) == "sandbox> ")
  }
}
