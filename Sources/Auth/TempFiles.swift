import Foundation

/// The store's temporary files: the one being written is removed if the process is terminated, and
/// those of writers that were killed outright (SIGKILL) are removed by the next writer.
public enum TempFiles {
  /// Between a file's name and the writer's pid: `profiles.json.tmp.PID.RANDOM`.
  static let marker = ".tmp."

  /// The path of the temporary file being written, for the signal handler; a fixed C buffer, since a
  /// handler may not allocate. This and Interrupt's flag are the process-wide state there is.
  nonisolated(unsafe) static let current: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    p.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
    return p
  }()

  static func willCreate(_ path: String) {
    let bytes = Array(path.utf8.prefix(Int(PATH_MAX)))
    for (k, b) in bytes.enumerated() { current[k + 1] = CChar(bitPattern: b) }
    current[bytes.count + 1] = 0
    current[0] = 1  // published last: the handler reads the path only once this is set
  }

  static func done() { current[0] = 0 }

  /// Makes the buffer the signal handler reads; call once before handlers are installed.
  public static func prepare() { _ = current }

  /// Removes the temporary file being written, if any. Async-signal-safe: for a SIGTERM handler.
  public static func removeInProgress() {
    if current[0] != 0 { unlink(current + 1) }
  }

  /// Removes `*.tmp.PID.*` files in `dir` whose writer no longer runs.
  static func removeStale(in dir: String) {
    guard let d = opendir(dir) else { return }
    defer { closedir(d) }
    while let entry = readdir(d) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard let range = name.range(of: marker) else { continue }
      let rest = name[range.upperBound...]
      guard let dot = rest.firstIndex(of: "."), let pid = Int32(rest[..<dot]) else { continue }
      if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
    }
  }
}
