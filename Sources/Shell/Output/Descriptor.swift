import Foundation

/// Writing to a file descriptor until all is written.
enum Descriptor {
  /// Writes all of `bytes` to `fd`, retrying after a signal; 0 when done, else the errno that stopped
  /// it (EIO for a write that took nothing).
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return write(fd, base + offset, raw.count - offset)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return n < 0 ? errno : EIO }
      offset += n
    }
    return 0
  }
}
