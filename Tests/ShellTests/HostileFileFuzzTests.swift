import Foundation
import FuzzSupport
import Testing

/// The files cogsh reads and writes, fuzzed as real files: each of its state files, its state
/// sub-directory and the AWS settings files replaced in turn by a FIFO, a symlink (to a file of
/// someone else's choosing, to nothing, to /dev/zero), a directory, a socket, a sparse 200 MB file,
/// a file owned by someone else or writable by all, and seeded mutations of its bytes. cogsh ends with
/// its work done or a message — never a trap or a hang — and leaves what it refused as it was.
@Suite("Fuzz: hostile files, as real files", .serialized)
struct HostileFileFuzzTests {
  static let profiles = """
    {"current":"default","profiles":{"default":{"clientId":"c","endpointURL":"http://127.0.0.1:9",\
    "poolId":"us-east-1_Fuzz","region":"us-east-1"}}}
    """
  static let session =
    #"{"users":{},"challenge":{"name":"NEW_PASSWORD_REQUIRED","session":"s","parameters":{},"#
    + #""username":"taro","loginName":"taro","isAdmin":false,"receivedAt":4102444000}}"#
  /// Each target, relative to the case's home, and what it normally holds (nil: a directory).
  static let targets: [(String, String?)] = [
    ("cogsh/profiles.json", profiles), ("cogsh/sessions/default.json", session), ("cogsh/sessions", nil),
    ("cogsh/rc", "status\n"), ("cogsh/.lock", ""), ("aws-config", "[default]\nregion = us-east-1\n"),
    ("aws-credentials", "[default]\naws_access_key_id = AKIAFUZZ\naws_secret_access_key = s\n"),
  ]
  enum Kind: CaseIterable {
    case fifo, symlinkToVictim, danglingSymlink, symlinkToZero, directory, socket, sparse, foreign, worldWritable
  }

  /// A home with every target in its normal state.
  static func home() throws -> TempDirectory {
    let home = TempDirectory()
    for (path, text) in targets {
      if let text {
        plantStateFile(home: home.path + "/cogsh", String(path.dropFirst("cogsh/".count)), text)
        if !path.hasPrefix("cogsh/") { chmod(home.path + "/" + path, 0o600) }
      }
    }
    try "[default]\nregion = us-east-1\n".write(toFile: home.path + "/aws-config", atomically: false, encoding: .utf8)
    return home
  }

  /// What a path is: its type, owner, mode, link target and bytes; compared before and after a run.
  static func describe(_ path: String) -> String {
    var st = stat()
    guard lstat(path, &st) == 0 else { return "absent" }
    var text = "type \(st.st_mode & S_IFMT) uid \(st.st_uid) mode \(String(st.st_mode & 0o7777, radix: 8))"
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) { text += " -> \(target)" }
    if st.st_mode & S_IFMT == S_IFREG, st.st_size < 1 << 20 {
      text += " bytes " + ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "?")
    }
    return text
  }

  /// Puts `kind` at `path`; the victim is a file elsewhere that a symlink leads to.
  static func plant(_ kind: Kind, at path: String, normal: String?, victim: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    switch kind {
    case .fifo: #expect(mkfifo(path, 0o600) == 0)
    case .symlinkToVictim: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
    case .danglingSymlink:
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim + "-none")
    case .symlinkToZero: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
    case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    case .socket:
      let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var addr = sockaddr_un()
      addr.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &addr.sun_path) { raw in
        for (i, b) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
      }
      let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
      }
      close(fd)
      #expect(bound == 0, "a socket at \(path)")
    case .sparse:
      FileManager.default.createFile(atPath: path, contents: Data((normal ?? "").utf8))
      #expect(truncate(path, 200 << 20) == 0)
      chmod(path, 0o600)
    case .foreign, .worldWritable:
      if let normal {
        FileManager.default.createFile(atPath: path, contents: Data(normal.utf8))
      } else {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      }
      if kind == .foreign {
        chmod(path, normal == nil ? 0o700 : 0o600)
        #expect(chown(path, 65534, 65534) == 0)
      } else {
        chmod(path, normal == nil ? 0o777 : 0o666)
      }
    }
  }

  /// cogsh on `home`, reading and writing each target; nil when it did not end (it is then killed).
  static func run(_ home: String, _ commands: String) throws -> RunResult? {
    let out = home + "/stdout"
    let err = home + "/stderr"
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Project.cogsh)
    p.arguments = ["--keep-going", "-c", commands]
    p.environment = [
      "PATH": "/usr/bin:/bin", "HOME": home, "COGSH_HOME": home + "/cogsh", "NO_COLOR": "1",
      "AWS_CONFIG_FILE": home + "/aws-config", "AWS_SHARED_CREDENTIALS_FILE": home + "/aws-credentials",
      "AWS_EC2_METADATA_DISABLED": "true", "COGSH_LOCK_TIMEOUT": "1",
    ]
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = FileHandle(forWritingAtPath: out)
    p.standardError = FileHandle(forWritingAtPath: err)
    try p.run()
    // A safety net, not a synchronisation: a run that never ends is killed and reported as a hang.
    let pid = p.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
    p.waitUntilExit()
    watchdog.cancel()
    if p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL { return nil }
    return RunResult(
      status: p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus,
      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }

  static let commands = "status; set region eu-west-1; profile list; list-users"

  static func check(_ r: RunResult?, _ label: String) {
    guard let r else {
      Issue.record("\(label): cogsh did not end within 20 s")
      return
    }
    #expect(r.status == 0 || r.status == 1, "\(label): status \(r.status)\n\(r.stderr)")
    #expect(!r.stderr.contains("Fatal error"), "\(label): \(r.stderr)")
  }

  @Test("every target replaced by every kind of hostile file: a message, no trap, no hang, the file left as it was")
  func everyKind() throws {
    for (target, normal) in Self.targets {
      // A directory where a directory belongs is no attack.
      for kind in Kind.allCases where !(kind == .directory && normal == nil) {
        let home = try Self.home()
        let victim = home.path + "/victim"
        try "someone else's file\n".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o644)
        let path = home.path + "/" + target
        try Self.plant(kind, at: path, normal: normal, victim: victim)
        let before = Self.describe(path)
        let label = "\(target) as \(kind)"
        let r = try Self.run(home.path, Self.commands)
        Self.check(r, label)
        #expect(Self.describe(victim) == "type \(S_IFREG) uid 0 mode 644 bytes someone else's file\n", "\(label)")
        // What cogsh refused is left alone; the AWS files are only read. (A world-writable or foreign
        // store file is refused, not replaced; a mode only too open for reading is narrowed, as said.)
        if kind != .sparse || !target.hasPrefix("cogsh/") {
          #expect(Self.describe(path) == before, "\(label): changed\n\(r?.stderr ?? "")")
        }
        if let r, r.status == 1, kind != .worldWritable || target.hasPrefix("cogsh/") {
          #expect(r.stderr.contains("error:") || r.stderr.contains("warning:"), "\(label): \(r.stderr)")
        }
      }
    }
  }

  @Test("seeded mutations of each file's bytes: the work done or a message, never a trap or a hang")
  func mutatedBytes() throws {
    var rng = SplitMix(seed: 0x0180)
    let alphabet =
      Array(#"{}[]":,=;#[]\ 0123456789.eE+-truefalsn\u"profile default region"#.utf8) + [
        0, 0x0D, 0x0A, 0x1B, 0xC3, 0xFF,
      ]
    let files = Self.targets.filter { $0.1?.isEmpty == false }
    for i in 0..<120 {
      let (target, normal) = files[i % files.count]
      let home = try Self.home()
      let bytes = FuzzMutation.mutate(Array((normal ?? "").utf8), &rng, alphabet: alphabet)
      let path = home.path + "/" + target
      FileManager.default.createFile(atPath: path, contents: Data(bytes))
      chmod(path, 0o600)
      Self.check(try Self.run(home.path, Self.commands), "case \(i): \(target)")
    }
  }
}
