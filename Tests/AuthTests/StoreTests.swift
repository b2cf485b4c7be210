import Auth
import Basics
import Foundation
import Testing

/// A fresh directory under the system temp dir, removed when the test ends.
final class TempDir {
  let path: String
  init() {
    path = NSTemporaryDirectory() + "cogsh-test-" + UUID().uuidString
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

func mode(_ path: String) -> Int {
  var st = stat()
  stat(path, &st)
  return Int(st.st_mode & 0o777)
}

@Suite("Session store")
struct StoreTests {
  static func sampleUser(_ name: String) -> SignedInUser {
    SignedInUser(
      username: name, internalUsername: "uuid-\(name)", sub: "sub-\(name)",
      tokens: Tokens(
        idToken: "id", accessToken: "access", refreshToken: "refresh", tokenType: "Bearer", expiresAt: 100,
        obtainedAt: 0))
  }

  @Test("files are 0600 in a 0700 directory, created under a missing parent")
  func permissions() throws {
    let tmp = TempDir()
    let store = SessionStore(home: tmp.path + "/nested/cogsh")
    try store.updateSession("default") { $0.users["a"] = Self.sampleUser("a") }
    try store.updateProfiles { $0.profiles["p"] = Profile(poolId: "us-east-1_x") }
    #expect(mode(tmp.path + "/nested/cogsh") == 0o700)
    #expect(mode(tmp.path + "/nested/cogsh/sessions") == 0o700)
    #expect(mode(tmp.path + "/nested/cogsh/sessions/default.json") == 0o600)
    #expect(mode(tmp.path + "/nested/cogsh/profiles.json") == 0o600)
  }

  @Test("a second store on the same home sees what the first stored")
  func sharedBetweenProcesses() throws {
    let tmp = TempDir()
    let first = SessionStore(home: tmp.path)
    let second = SessionStore(home: tmp.path)
    try first.updateSession("dev") { s in
      s.users["a"] = Self.sampleUser("a")
      s.currentUser = "a"
    }
    #expect(try second.session("dev").current?.sub == "sub-a")
    try second.updateSession("dev") { $0.users["b"] = Self.sampleUser("b") }
    #expect(try first.session("dev").users.keys.sorted() == ["a", "b"])
  }

  @Test("writes replace the file atomically and leave no temporary files")
  func atomic() throws {
    let tmp = TempDir()
    let files = FileStore(home: tmp.path)
    try files.write("x.json", Data("one".utf8))
    try files.write("x.json", Data("two".utf8))
    #expect(try files.read("x.json") == Data("two".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.contains(".tmp.") }.isEmpty)
  }

  @Test("a corrupt file is set aside (0600, with a message) and the store goes on empty")
  func corrupt() throws {
    let tmp = TempDir()
    let said = Said()
    var files = FileStore(home: tmp.path)
    files.report = said.add
    let store = SessionStore(files: files)
    try store.files.write("sessions/dev.json", Data("{not json".utf8))
    #expect(try store.session("dev") == SessionState())
    let aside = try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/sessions").filter {
      $0.hasPrefix("dev.json.corrupt-")
    }
    #expect(aside.count == 1)
    #expect(mode(tmp.path + "/sessions/" + aside[0]) == 0o600)
    #expect(try String(contentsOfFile: tmp.path + "/sessions/" + aside[0], encoding: .utf8) == "{not json")
    #expect(said.all.contains { $0.contains("moved it to") && $0.contains("dev.json.corrupt-") })
    try store.updateSession("dev") { $0.currentUser = "a" }
    #expect(try store.session("dev").currentUser == "a")
  }

  @Test("profile names that would escape the directory are refused", arguments: ["../x", "", ".hidden", "a/b", "a b"])
  func badNames(name: String) {
    #expect(!SessionStore.isValidProfileName(name))
    #expect(throws: StoreError.self) { try SessionStore(home: "/nonexistent").session(name) }
  }

  @Test("the default home follows COGSH_HOME, XDG_CONFIG_HOME, HOME")
  func home() {
    #expect(FileStore.defaultHome(environment: ["COGSH_HOME": "/a", "HOME": "/h"]) == "/a")
    #expect(FileStore.defaultHome(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/cogsh")
    #expect(FileStore.defaultHome(environment: ["HOME": "/h"]) == "/h/.config/cogsh")
  }
}
