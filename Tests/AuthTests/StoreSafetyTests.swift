import Basics
import Cognito
import Foundation
import Synchronization
import Testing

@testable import Auth

/// Collects what a store reports, from any thread.
final class Said: Sendable {
  private let lines = Mutex<[String]>([])
  var all: [String] { lines.withLock { $0 } }
  var add: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
}

/// The store refuses what others could have planted, never waits without limit, keeps what it does not know.
@Suite("Store safety")
struct StoreSafetyTests {
  static func home() throws -> TempDir {
    let tmp = TempDir()
    try FileManager.default.createDirectory(atPath: tmp.path + "/sessions", withIntermediateDirectories: true)
    chmod(tmp.path, 0o700)
    chmod(tmp.path + "/sessions", 0o700)
    return tmp
  }

  @Test("a home writable by others is refused with the fix, before anything is read")
  func worldWritable() throws {
    let tmp = try Self.home()
    chmod(tmp.path, 0o777)
    let store = SessionStore(home: tmp.path)
    #expect(
      throws: StoreError.unsafe(tmp.path, why: "is writable by other users (mode 0777)", fix: "chmod 700 \(tmp.path)")
    ) { try store.profileBook() }
    #expect(throws: StoreError.self) { try store.updateProfiles { $0.current = "x" } }
  }

  @Test("a home or file owned by another user is refused")
  func foreignOwner() throws {
    let tmp = try Self.home()
    guard geteuid() == 0 else {
      // Without root nothing can be chowned; a system directory stands in for a foreign home.
      #expect(throws: StoreError.self) { try SessionStore(home: "/usr/share").profileBook() }
      return
    }
    try Data("{}".utf8).write(to: URL(fileURLWithPath: tmp.path + "/profiles.json"))
    chmod(tmp.path + "/profiles.json", 0o600)
    chown(tmp.path + "/profiles.json", 65534, 65534)
    #expect(throws: StoreError.self) { try SessionStore(home: tmp.path).profileBook() }
    unlink(tmp.path + "/profiles.json")
    chown(tmp.path, 65534, 65534)
    #expect(throws: StoreError.self) { try SessionStore(home: tmp.path).profileBook() }
  }

  @Test("loose read bits on our own files and directory are tightened, with a warning")
  func looseModes() throws {
    let tmp = try Self.home()
    try Data(#"{"current":"a","profiles":{}}"#.utf8).write(to: URL(fileURLWithPath: tmp.path + "/profiles.json"))
    chmod(tmp.path + "/profiles.json", 0o644)
    chmod(tmp.path, 0o755)
    let said = Said()
    var files = FileStore(home: tmp.path)
    files.report = said.add
    #expect(try SessionStore(files: files).profileBook().current == "a")
    #expect(mode(tmp.path) == 0o700 && mode(tmp.path + "/profiles.json") == 0o600)
    #expect(
      said.all.count == 2 && said.all.allSatisfy { $0.hasPrefix("warning:") && $0.contains("readable by other users") })
  }

  @Test("symlinks are not followed for state files or the lock")
  func symlinks() throws {
    let tmp = try Self.home()
    let target = TempDir()
    FileManager.default.createFile(atPath: target.path, contents: Data("{}".utf8))
    symlink(target.path, tmp.path + "/sessions/p.json")
    let store = SessionStore(home: tmp.path)
    #expect(throws: StoreError.symlink(tmp.path + "/sessions/p.json")) { try store.session("p") }
    symlink(target.path, tmp.path + "/.lock")
    #expect(throws: StoreError.symlink(tmp.path + "/.lock")) { try store.updateProfiles { $0.current = "x" } }
    #expect(try String(contentsOfFile: target.path, encoding: .utf8) == "{}")
  }

  @Test("a sessions directory that is a symlink is refused, its target left alone; a foreign .lock is refused")
  func symlinkedDirectoryAndForeignLock() throws {
    let tmp = TempDir()
    try FileManager.default.createDirectory(atPath: tmp.path, withIntermediateDirectories: true)
    chmod(tmp.path, 0o700)
    let elsewhere = TempDir()
    try FileManager.default.createDirectory(atPath: elsewhere.path, withIntermediateDirectories: true)
    chmod(elsewhere.path, 0o755)
    symlink(elsewhere.path, tmp.path + "/sessions")
    let store = SessionStore(home: tmp.path)
    #expect(throws: StoreError.symlink(tmp.path + "/sessions")) {
      try store.updateSession("p") { $0.currentUser = "planted" }
    }
    #expect(mode(elsewhere.path) == 0o755, "the target was not chmodded")
    #expect((try? FileManager.default.contentsOfDirectory(atPath: elsewhere.path))?.isEmpty ?? true, "nothing written")
    guard geteuid() == 0 else { return }
    let other = try Self.home()
    FileManager.default.createFile(atPath: other.path + "/.lock", contents: nil)
    chmod(other.path + "/.lock", 0o600)
    chown(other.path + "/.lock", 65534, 65534)
    #expect(throws: StoreError.self) { try SessionStore(home: other.path).updateProfiles { $0.current = "x" } }
  }

  @Test("a held lock: a message after a moment, then a clear failure after the bounded wait")
  func heldLock() throws {
    let tmp = try Self.home()
    let fd = open(tmp.path + "/.lock", O_RDWR | O_CREAT, 0o600)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    let said = Said()
    var files = FileStore(home: tmp.path)
    files.report = said.add
    files.lockTimeout = 0.8
    let store = SessionStore(files: files)
    #expect(throws: StoreError.lockBusy(tmp.path, seconds: 0.8)) { try store.updateProfiles { $0.current = "x" } }
    #expect(said.all.contains { $0.hasPrefix("another cogsh is writing \(tmp.path), waiting") })
    flock(fd, LOCK_UN)
    try store.updateProfiles { $0.current = "x" }
    #expect(try store.profileBook().current == "x")
  }

  @Test("temporary files of writers that died are removed by the next writer; a live writer's are not")
  func staleTemporaries() throws {
    let tmp = try Self.home()
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = tmp.path + "/profiles.json.tmp.\(dead.processIdentifier).7"
    let live = tmp.path + "/profiles.json.tmp.1.7"  // pid 1 always runs
    for p in [stale, live] { FileManager.default.createFile(atPath: p, contents: Data("refresh-token".utf8)) }
    try SessionStore(home: tmp.path).updateProfiles { $0.current = "x" }
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live))
  }

  @Test("fields cogsh does not know survive a rewrite, at every level; removed entries stay removed")
  func unknownFields() throws {
    let tmp = try Self.home()
    let file = #"""
      {"current":"a","futureTopLevel":{"x":1},
       "profiles":{"a":{"poolId":"p1","futureProfileField":"keep me"},"b":{"poolId":"p2","extra":true}}}
      """#
    try Data(file.utf8).write(to: URL(fileURLWithPath: tmp.path + "/profiles.json"))
    chmod(tmp.path + "/profiles.json", 0o600)
    let store = SessionStore(home: tmp.path)
    try store.updateProfiles { book in
      book.profiles["a"]?.region = "eu-west-1"
      book.profiles["b"] = nil
    }
    let json = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: tmp.path + "/profiles.json")))
    #expect(json["futureTopLevel"]?["x"] == .number(1))
    #expect(json["profiles"]?["a"]?["futureProfileField"] == "keep me")
    #expect(json["profiles"]?["a"]?["region"] == "eu-west-1")
    #expect(json["profiles"]?["b"] == nil)

    let session = #"""
      {"currentUser":"u","newThing":[1],"users":{"u":{"username":"u","future":"f",
       "tokens":{"accessToken":"a","expiresAt":1,"obtainedAt":0,"tokenFuture":2}}}}
      """#
    try Data(session.utf8).write(to: URL(fileURLWithPath: tmp.path + "/sessions/s.json"))
    chmod(tmp.path + "/sessions/s.json", 0o600)
    try store.updateSession("s") { $0.users["u"]?.tokens.accessToken = "b" }
    let saved = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: tmp.path + "/sessions/s.json")))
    #expect(saved["newThing"] == .array([.number(1)]))
    #expect(saved["users"]?["u"]?["future"] == "f")
    #expect(saved["users"]?["u"]?["tokens"]?["tokenFuture"] == .number(2))
    #expect(saved["users"]?["u"]?["tokens"]?["accessToken"] == "b")
  }

  @Test("the shapes name every stored property, so nothing of ours is mistaken for a stranger's")
  func shapesMatchTheModel() throws {
    func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
    func known(_ shape: StoredShape) -> Set<String> {
      if case .record(let fields) = shape { return Set(fields.keys) }
      return []
    }
    #expect(known(.profile) == labels(Profile()))
    #expect(known(.profileBook) == labels(ProfileBook()))
    #expect(known(.sessionState) == labels(SessionState()))
    let user = StoreTests.sampleUser("u")
    #expect(known(.user) == labels(user))
    #expect(known(.tokens) == labels(user.tokens))
    let challenge = PendingChallenge(
      name: "X", session: nil, parameters: [:], username: "u", loginName: "u", isAdmin: false, receivedAt: 0)
    #expect(known(.challenge) == labels(challenge))
    #expect(known(.device) == labels(DeviceRecord(deviceKey: "k", groupKey: "g", password: "p")))
  }

  @Test("filesystem errors are put in plain words with the path")
  func wording() throws {
    let tmp = try Self.home()
    FileManager.default.createFile(atPath: tmp.path + "/file", contents: Data())
    #expect(throws: StoreError.cannotCreateDirectory(tmp.path + "/file/cogsh", errno: ENOTDIR)) {
      try SessionStore(home: tmp.path + "/file/cogsh").updateProfiles { $0.current = "x" }
    }
    #expect(
      StoreError.cannotCreateDirectory("/a/b", errno: ENOTDIR).message
        == "cannot create /a/b: a part of the path is not a directory")
    #expect(
      StoreError.cannotWrite("/x/y", errno: ENOSPC).message
        == "cannot write /x/y: no space left on the device (disk full)")
    #expect(StoreError.cannotWrite("/x/y", errno: EROFS).message == "cannot write /x/y: read-only file system")
    #expect(StoreError.cannotWrite("/x/y", errno: EACCES).message == "cannot write /x/y: permission denied")
    #expect(StoreError.cannotWrite("/x/y", errno: ENOSPC).hint?.contains("space") == true)
  }
}
