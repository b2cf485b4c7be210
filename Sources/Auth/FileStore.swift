import Basics
import Cognito
import Foundation

/// Files under `$COGSH_HOME`: a 0700 directory of 0600 files, each replaced atomically.
///
/// Every access checks what it touches first, as ssh does with `~/.ssh`: a directory or file that
/// someone else owns or can write is refused, symlinks are not followed, loose read bits on our own
/// files are tightened with a warning.
public struct FileStore: Sendable {
  public let home: String
  /// Seconds to wait for another writer's lock before giving up.
  public var lockTimeout: Double = 5
  /// Where warnings go (a mode tightened, a file set aside, a wait for the lock); the shell prints them.
  public var report: @Sendable (String) -> Void = { _ in }

  /// Files larger than this are not cogsh's: refused rather than read into memory.
  public static let maximumFileSize = 16 * 1024 * 1024

  /// How the files change: on disk, or in a rehearsal not at all. Shared by every copy of this store.
  public let changes = FileChangesSlot()

  public init(home: String) { self.home = home }

  /// `$COGSH_HOME`, else `$XDG_CONFIG_HOME/cogsh`, else `~/.config/cogsh`.
  public static func defaultHome(environment: [String: String]) -> String {
    if let h = environment["COGSH_HOME"], !h.isEmpty { return h }
    if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/cogsh" }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/cogsh"
  }

  public func path(_ name: String) -> String { home + "/" + name }

  /// Checks `home` (and `sub`) when they exist: ours, and writable by nobody else.
  public func checkDirectories(_ sub: String? = nil) throws {
    for dir in [home] + (sub.map { [path($0)] } ?? []) {
      try refuseSymlink(dir)
      var st = stat()
      guard stat(dir, &st) == 0 else {
        if errno == ENOENT { return }
        throw StoreError.cannotRead(dir, errno: errno)
      }
      try FileCheck.directory(dir, st, report: report)
    }
  }

  /// A directory inside the state directory (`sessions`) may not be a symlink: it would lead the store's
  /// writes (and its chmod) into a directory someone else chose. The state directory itself may be one,
  /// as ~/.config often is.
  func refuseSymlink(_ dir: String) throws {
    guard dir != home else { return }
    var st = stat()
    if lstat(dir, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK { throw StoreError.symlink(dir) }
  }

  /// Creates `home` (and `sub`) with mode 0700 if missing; refuses them if they are not safe.
  public func ensureDirectory(_ sub: String? = nil) throws {
    for dir in [home] + (sub.map { [path($0)] } ?? []) {
      try refuseSymlink(dir)
      var st = stat()
      if stat(dir, &st) != 0 {
        try FileCheck.makeDirectories(dir)
        guard stat(dir, &st) == 0 else { throw StoreError.cannotCreateDirectory(dir, errno: errno) }
      }
      try FileCheck.directory(dir, st, report: report)
    }
  }

  /// The bytes of `name`, or nil if it does not exist.
  public func read(_ name: String) throws -> Data? { try readBytes(name).map { Data($0) } }

  /// The bytes of `name`, checked as `read` checks them, read into one buffer sized from the file;
  /// with `limit`, at most its first `limit` bytes (a header, without reading a long file whole).
  public func readBytes(_ name: String, limit: Int? = nil) throws -> [UInt8]? {
    let p = path(name)
    try checkDirectories(Self.directory(of: name))
    // O_NONBLOCK: a FIFO put in a file's place would otherwise hold open() until someone writes to
    // it; FileCheck.file then refuses anything not a regular file, where O_NONBLOCK changes nothing.
    let fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return nil }
      if errno == ELOOP { throw StoreError.symlink(p) }
      throw StoreError.cannotRead(p, errno: errno)
    }
    defer { close(fd) }
    try FileCheck.file(p, fd: fd, report: report)
    var st = stat()
    let size = fstat(fd, &st) == 0 ? max(0, Int(st.st_size)) : 0
    let expected = limit.map { min($0, size) } ?? size
    if expected > Self.maximumFileSize { throw StoreError.tooLarge(p, limit: Self.maximumFileSize) }
    // Sized from fstat, one byte more to see the end in one read; a file that grows meanwhile still
    // reads whole (the buffer grows), up to the limit.
    var bytes = [UInt8](repeating: 0, count: expected + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(65536, bytes.count)) }
      let n = bytes.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Foundation.read(fd, base + count, raw.count - count)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw StoreError.cannotRead(p, errno: errno)
      }
      if n == 0 { break }
      count += n
      if let limit, count >= limit {
        count = limit
        break
      }
      if count > Self.maximumFileSize { throw StoreError.tooLarge(p, limit: Self.maximumFileSize) }
    }
    bytes.removeSubrange(count...)
    return bytes
  }

  static func directory(of name: String) -> String? {
    let dir = (name as NSString).deletingLastPathComponent
    return dir.isEmpty ? nil : dir
  }

  /// Replaces `name` atomically: a 0600 temporary file, written, fsynced, renamed over, directory fsynced.
  /// Temporary files left by killed writers are removed first; ours is removed on failure and on SIGTERM.
  public func write(_ name: String, _ data: Data) throws { try changes.current.replace(name, in: self, with: data) }

  /// Checks a file that something else writes (libedit's history): ours, not a symlink, not writable by others.
  public func checkFile(_ name: String) throws {
    let p = path(name)
    let fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return }
      if errno == ELOOP { throw StoreError.symlink(p) }
      throw StoreError.cannotRead(p, errno: errno)
    }
    defer { close(fd) }
    try FileCheck.file(p, fd: fd, report: report)
  }

  /// Removes `name` if it exists.
  public func remove(_ name: String) throws { try changes.current.remove(name, in: self) }

  /// Runs `body` holding an exclusive lock on `home`, so read-modify-write cycles of two processes
  /// do not interleave. Waits at most `lockTimeout` seconds, saying so after a moment.
  public func locked<T>(_ body: () throws -> T) throws -> T {
    try ensureDirectory()
    let lockPath = path(".lock")
    let fd = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd < 0 {
      if errno == ELOOP { throw StoreError.symlink(lockPath) }
      throw StoreError.cannotWrite(lockPath, errno: errno)
    }
    defer { close(fd) }
    try FileCheck.file(lockPath, fd: fd, report: report)
    try StoreLock.acquire(fd: fd, home: home, timeout: lockTimeout, report: report)
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  /// Decodes a JSON file, or returns `fallback` when it does not exist. A file that cannot be
  /// decoded is moved aside (`NAME.corrupt-TIMESTAMP`) with a warning, and `fallback` is returned.
  public func readJSON<T: Decodable>(_ name: String, as type: T.Type, fallback: T) throws -> T {
    let bytes: [UInt8]
    do {
      guard let b = try readBytes(name) else { return fallback }
      bytes = b
    } catch StoreError.tooLarge(_, let limit) {
      try setAside(name, why: "larger than \(limit >> 20) MiB")
      return fallback
    } catch StoreError.cannotRead(_, let e) where e == EACCES {
      try setAside(name, why: "unreadable (\(StoreError.describe(e)))")
      return fallback
    }
    do {
      return try DecodedFiles.shared.value(path(name), bytes: bytes) {
        try JSONDecoder().decode(T.self, from: Data($0))
      }
    } catch {
      try setAside(name, why: "not valid JSON for cogsh")
      return fallback
    }
  }

  /// Moves a damaged file out of the way, keeping it (0600) for the user to look at.
  public func setAside(_ name: String, why: String) throws { try changes.current.setAside(name, in: self, why: why) }

  static func stamp() -> String {
    let t = CivilDate.components(epochSeconds: Int(time(nil)))
    return "\(t.year)\(two(t.month))\(two(t.day))T\(two(t.hour))\(two(t.minute))\(two(t.second))Z"
  }

  /// Encodes `value` as pretty JSON and writes it atomically. Members of the file as it is now that
  /// `shape` does not know (written by a newer cogsh, or by hand) are kept.
  public func writeJSON<T: Encodable>(_ name: String, _ value: T, shape: StoredShape? = nil) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var data = try encoder.encode(value)
    if let shape, let old = try? read(name), let oldJSON = try? JSON.parse(old),
      let newJSON = try? JSON.parse(data)
    {
      data = Data((shape.merge(old: oldJSON, new: newJSON).serialized(pretty: true) + "\n").utf8)
    }
    try write(name, data)
  }
}
