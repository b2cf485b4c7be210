import Foundation

/// What a process cogsh leaves running (a browser, the background sandbox) must not inherit.
enum Spawn {
  /// Adds a close action for every descriptor above stderr that is open here and not close-on-exec:
  /// a pipe the parent of cogsh watches for its exit (Foundation's Process does) would otherwise stay
  /// open in the long-lived child, and that parent would wait for it forever.
  static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
    let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for fd in listed.compactMap(Int32.init) where fd > 2 {
      let flags = fcntl(fd, F_GETFD)
      if flags >= 0 && flags & FD_CLOEXEC == 0 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
  }

  /// `words` as the NULL-terminated C array posix_spawn takes, for the length of `body`.
  static func withCStrings<T>(_ words: [String], _ body: ([UnsafeMutablePointer<CChar>?]) throws -> T) rethrows -> T {
    let array: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { array.forEach { free($0) } }
    return try body(array)
  }

  /// An environment as `NAME=value` words.
  static func words(_ environment: [String: String]) -> [String] { environment.map { "\($0.key)=\($0.value)" } }
}
