import Basics
import Foundation

/// Reading from descriptors with limits, so that `cogsh < /dev/zero` is an error, not gigabytes.
enum BoundedInput {
  /// The longest line the shell, a password source or a token reader accepts.
  static let lineLimit = 1 << 20
  /// The largest script (`-f`, piped stdin) and token input (`jwt decode -`).
  static let scriptLimit = 16 << 20

  /// Why input was refused.
  struct TooLong: UserFacingError {
    var what: String
    var limit: Int
    var message: String { "\(what) is longer than \(limit >> 20) MiB; refused" }
    var hint: String? { "cogsh reads scripts and tokens of at most that size; check what is being fed to it." }
  }

  /// One line from `fd` without its newline, read a byte at a time so nothing after it is consumed;
  /// nil at end of input, or when Ctrl-C interrupts the read. `end`, when given, also ends the line
  /// (kept in it): a control key the terminal delivers without a newline.
  static func line(fd: Int32, what: String, alsoEndingAt end: UInt8? = nil) throws -> String? {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      guard waitReadable(fd) else { return nil }
      let n = read(fd, &byte, 1)
      if n < 0 {
        if errno == EINTR && !Interrupt.isRaised { continue }
        return nil
      }
      if n == 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
      if byte == UInt8(ascii: "\n") { break }
      bytes.append(byte)
      if byte == end { break }
      if bytes.count > lineLimit { throw TooLong(what: what, limit: lineLimit) }
    }
    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Waits until `fd` has input, checking for Ctrl-C in between: a SIGINT that lands just before a
  /// blocking read() would not interrupt it, and the read would wait for ever. False when interrupted.
  static func waitReadable(_ fd: Int32) -> Bool {
    while true {
      if Interrupt.isRaised { return false }
      var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let r = poll(&p, 1, 100)
      if r != 0 && !(r < 0 && errno == EINTR) { return !Interrupt.isRaised }
    }
  }

  /// Everything on `fd`, up to `limit` bytes.
  static func all(fd: Int32, what: String, limit: Int = scriptLimit) throws -> String {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n < 0 {
        if errno == EINTR && !Interrupt.isRaised { continue }
        throw CommandError("cannot read \(what): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      data.append(contentsOf: buffer[0..<n])
      if data.count > limit { throw TooLong(what: what, limit: limit) }
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Secrets given on standard input or in a file (`--password-stdin`, `--password-file`), one per line
/// in the order commands ask for them, so they never appear in `ps` or in history.
final class SecretSource {
  let fd: Int32
  let name: String

  init(fd: Int32, name: String) {
    self.fd = fd
    self.name = name
  }

  /// Opens `--password-file FILE` (`/dev/fd/N` names a descriptor).
  static func file(_ path: String) throws -> SecretSource {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CommandError("cannot read --password-file \(path): \(String(cString: strerror(errno)))")
    }
    return SecretSource(fd: fd, name: "--password-file \(path)")
  }

  /// The next secret, or an error naming what was asked for.
  func next(for what: String) throws -> String {
    guard let line = try BoundedInput.line(fd: fd, what: name) else {
      throw CommandError("\(name): no line left for \(what)", hint: "Give one secret a line, in the order asked.")
    }
    return line
  }
}
