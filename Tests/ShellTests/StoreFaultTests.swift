import Basics
import Cognito
import Foundation
import Testing

/// The store under hostile conditions, with real cogsh processes: planted homes, races, kills, damage.
@Suite("Store faults")
struct StoreFaultTests {
  @Test("a world-writable or foreign-owned home with a planted profile is refused, and no request is sent")
  func plantedHome() throws {
    let server = try FaultServer()
    try server.plan([FaultServer.answer(FaultServer.tokens(sub: "s", tag: "a"))])
    let cogsh = Cogsh()
    try FileManager.default.createDirectory(atPath: cogsh.cogshHome, withIntermediateDirectories: true)
    let planted =
      #"{"current":"default","profiles":{"default":{"endpointURL":"\#(server.url)","#
      + #""poolId":"us-east-1_Fault","clientId":"faultclient"}}}"#
    FileManager.default.createFile(atPath: cogsh.cogshHome + "/profiles.json", contents: Data(planted.utf8))
    chmod(cogsh.cogshHome + "/profiles.json", 0o600)
    chmod(cogsh.cogshHome, 0o777)
    let open = try cogsh.run(["-c", "login taro --password Secret-1 --flow password"])
    #expect(open.status == 1)
    #expect(open.stderr.contains("refusing to use \(cogsh.cogshHome): it is writable by other users (mode 0777)"))
    #expect(open.stderr.contains("chmod 700"))
    if geteuid() == 0 {
      chmod(cogsh.cogshHome, 0o700)
      chown(cogsh.cogshHome, 65534, 65534)
      let foreign = try cogsh.run(["-c", "login taro --password Secret-1 --flow password"])
      #expect(foreign.status == 1 && foreign.stderr.contains("is owned by user 65534, not by you"))
      chown(cogsh.cogshHome, 0, 0)
    }
    #expect(try server.log().isEmpty)
  }

  @Test("an ExpiresIn of 1e308 is refused and never stored: status, users and tokens still work")
  func hugeExpiresIn() throws {
    let server = try FaultServer()
    try server.plan([
      FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "ok")),
      FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "bad", expiresIn: .number(1e308))),
    ])
    let cogsh = Cogsh()
    let good = try cogsh.run(server.connection + ["-c", "login taro --password P-1 --flow password"])
    #expect(good.status == 0, "stderr: \(good.stderr)")
    let bad = try cogsh.run(server.connection + ["-c", "login taro --password P-1 --flow password"])
    #expect(bad.status == 1 && bad.stderr.contains("ExpiresIn 1e+308: out of range"))
    for command in ["status", "users", "tokens"] {
      let r = try cogsh.run(server.connection + ["-c", command])
      #expect(r.status == 0, "\(command): \(r.stderr)")
    }
    let session = try String(contentsOfFile: cogsh.cogshHome + "/sessions/default.json", encoding: .utf8)
    #expect(session.contains("refresh-ok") && !session.contains("refresh-bad") && !session.contains("e+308"))
  }

  @Test("a refresh that was in flight while the user signed in again does not overwrite the newer tokens")
  func refreshRacesSignIn() throws {
    let server = try FaultServer()
    let cogsh = Cogsh()
    try server.plan([FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "first"))])
    #expect(try cogsh.run(server.connection + ["-c", "login taro --password P-1 --flow password"]).status == 0)
    // The refresh's answer is held until the second sign-in has been stored: the refresh finishes last.
    try server.plan([
      FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "from-refresh", refresh: false), hold: true),
      FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "second-login")),
    ])
    let refresh = Process()
    refresh.executableURL = URL(fileURLWithPath: Project.cogsh)
    refresh.arguments = server.connection + ["-c", "refresh"]
    refresh.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path, "NO_COLOR": "1"]
    refresh.standardOutput = FileHandle.nullDevice
    refresh.standardError = FileHandle.nullDevice
    try refresh.run()
    // Wait (by the server's own log, not by time) until the refresh request is in.
    while refresh.isRunning, try server.log().count < 2 { usleep(5_000) }
    #expect(try cogsh.run(server.connection + ["-c", "login taro --password P-1 --flow password"]).status == 0)
    try server.release()
    refresh.waitUntilExit()
    #expect(refresh.terminationStatus == 1)
    let session = try String(contentsOfFile: cogsh.cogshHome + "/sessions/default.json", encoding: .utf8)
    #expect(session.contains("refresh-second-login"))
    let access = try cogsh.run(server.connection + ["-c", "jwt decode access"]).stdout
    #expect(access.contains("second-login") && !access.contains("from-refresh"))
  }

  @Test("50 concurrent writers lose nothing")
  func concurrentWriters() throws {
    let cogsh = Cogsh()
    let processes = (0..<50).map { n -> Process in
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Project.cogsh)
      p.arguments = ["--profile", "p\(n)", "-c", "set pool-id us-east-1_P\(n)"]
      p.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path, "COGSH_LOCK_TIMEOUT": "120"]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      return p
    }
    for p in processes { try p.run() }
    for p in processes { p.waitUntilExit() }
    #expect(processes.allSatisfy { $0.terminationStatus == 0 })
    let book = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: cogsh.cogshHome + "/profiles.json")))
    let profiles = book["profiles"]?.objectValue ?? [:]
    #expect(profiles.count == 50)
    #expect((0..<50).allSatisfy { profiles["p\($0)"]?["poolId"]?.stringValue == "us-east-1_P\($0)" })
  }

  @Test("writers killed by SIGKILL or SIGTERM leave no torn file, and no temporary file after the next write")
  func killedWriters() throws {
    let cogsh = Cogsh()
    let script = (0..<400).map { "set region r\($0 % 7)" }.joined(separator: "; ")
    for round in 0..<12 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Project.cogsh)
      p.arguments = ["-c", script]
      p.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      // Kill it once it has written at least once, at a point that varies from round to round.
      while p.isRunning && !FileManager.default.fileExists(atPath: cogsh.cogshHome + "/profiles.json") { usleep(1_000) }
      usleep(UInt32(round * 3_000))
      let signal = round % 2 == 0 ? SIGKILL : SIGTERM
      kill(p.processIdentifier, signal)
      p.waitUntilExit()
      let data = try Data(contentsOf: URL(fileURLWithPath: cogsh.cogshHome + "/profiles.json"))
      #expect((try? JSON.parse(data))?["profiles"] != nil, "round \(round): torn profiles.json")
      if signal == SIGTERM {
        let mine = ".tmp.\(p.processIdentifier)."
        let temps = try FileManager.default.contentsOfDirectory(atPath: cogsh.cogshHome).filter { $0.contains(mine) }
        #expect(temps.isEmpty, "SIGTERM left \(temps)")
      }
    }
    #expect(try cogsh.run(["-c", "set region eu-west-1"]).status == 0)
    let temps = try FileManager.default.contentsOfDirectory(atPath: cogsh.cogshHome).filter { $0.contains(".tmp.") }
    #expect(temps.isEmpty)
  }

  @Test("corrupt profile and session files are set aside with a message, and the shell goes on")
  func corruptFiles() throws {
    let cogsh = Cogsh()
    for (name, text) in [("profiles.json", "{\"current\": 12"), ("sessions/default.json", "\u{0}\u{1}garbage")] {
      plantStateFile(home: cogsh.cogshHome, name, text)
    }
    let r = try cogsh.run(["-c", "status; set region eu-west-1; status"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stderr.contains("profiles.json was not valid JSON for cogsh; moved it to"))
    #expect(r.stderr.contains("default.json was not valid JSON for cogsh; moved it to"))
    let names = try FileManager.default.contentsOfDirectory(atPath: cogsh.cogshHome)
    #expect(names.contains { $0.hasPrefix("profiles.json.corrupt-") })
    #expect(r.stdout.contains("eu-west-1"))
  }

  @Test("a held lock: cogsh says it is waiting, then fails clearly after the bounded wait")
  func heldLock() throws {
    let cogsh = Cogsh()
    #expect(try cogsh.run(["-c", "set region eu-west-1"]).status == 0)
    let fd = open(cogsh.cogshHome + "/.lock", O_RDWR)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    let r = try cogsh.run(["-c", "set region us-west-2"], extraEnvironment: ["COGSH_LOCK_TIMEOUT": "1"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("another cogsh is writing \(cogsh.cogshHome), waiting"))
    #expect(r.stderr.contains("error: another cogsh is still writing \(cogsh.cogshHome) after 1 s; gave up"))
  }
}
