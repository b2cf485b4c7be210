import Foundation

/// Files under `$COGSH_HOME`: a 0700 directory of 0600 files, each replaced atomically.
public struct FileStore: Sendable {
  public let home: String

  public init(home: String) { self.home = home }

  /// `$COGSH_HOME`, else `$XDG_CONFIG_HOME/cogsh`, else `~/.config/cogsh`.
  public static func defaultHome(environment: [String: String]) -> String {
    if let h = environment["COGSH_HOME"], !h.isEmpty { return h }
    if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/cogsh" }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/cogsh"
  }

  public func path(_ name: String) -> String { home + "/" + name }

  /// Creates `home` (and `sub`) with mode 0700 if missing, and tightens it if it is looser.
  public func ensureDirectory(_ sub: String? = nil) throws {
    var dirs = [home]
    if let sub { dirs.append(path(sub)) }
    for dir in dirs {
      var st = stat()
      if stat(dir, &st) != 0 {
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
          // The parent may be missing too (a fresh XDG_CONFIG_HOME).
          try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
      }
      if chmod(dir, 0o700) != 0 { throw StoreError.cannotCreateDirectory(dir, errno: errno) }
    }
  }

  /// The bytes of `name`, or nil if it does not exist.
  public func read(_ name: String) throws -> Data? {
    let p = path(name)
    let fd = open(p, O_RDONLY)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw StoreError.cannotRead(p, errno: errno)
    }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = Foundation.read(fd, &buffer, buffer.count)
      if n < 0 { throw StoreError.cannotRead(p, errno: errno) }
      if n == 0 { break }
      data.append(contentsOf: buffer[0..<n])
    }
    return data
  }

  /// Replaces `name` atomically: a 0600 temporary file, written, fsynced, renamed over, directory fsynced.
  public func write(_ name: String, _ data: Data) throws {
    let dir = (name as NSString).deletingLastPathComponent
    try ensureDirectory(dir.isEmpty ? nil : dir)
    let final = path(name)
    let temp = final + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    if fd < 0 { throw StoreError.cannotWrite(temp, errno: errno) }
    var ok = false
    defer {
      if !ok { unlink(temp) }
    }
    let written = data.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    let e = errno
    if !written || fsync(fd) != 0 {
      close(fd)
      throw StoreError.cannotWrite(final, errno: e)
    }
    close(fd)
    if rename(temp, final) != 0 { throw StoreError.cannotWrite(final, errno: errno) }
    ok = true
    let dfd = open((final as NSString).deletingLastPathComponent, O_RDONLY)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  /// Removes `name` if it exists.
  public func remove(_ name: String) {
    unlink(path(name))
  }

  /// Runs `body` holding an exclusive lock on `home`, so read-modify-write cycles of two processes
  /// do not interleave.
  public func locked<T>(_ body: () throws -> T) throws -> T {
    try ensureDirectory()
    let fd = open(path(".lock"), O_RDWR | O_CREAT, 0o600)
    if fd < 0 { throw StoreError.cannotWrite(path(".lock"), errno: errno) }
    defer { close(fd) }
    flock(fd, LOCK_EX)
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  /// Decodes a JSON file, or returns `fallback` when it does not exist.
  public func readJSON<T: Decodable>(_ name: String, as type: T.Type, fallback: T) throws -> T {
    guard let data = try read(name) else { return fallback }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch {
      throw StoreError.corrupt(path(name), detail: "unreadable JSON")
    }
  }

  /// Encodes `value` as pretty JSON and writes it atomically.
  public func writeJSON<T: Encodable>(_ name: String, _ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try write(name, try encoder.encode(value))
  }
}
