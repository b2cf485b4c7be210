import Foundation

/// A file that holds a secret (a refreshed SSO token) replaced as the AWS CLI replaces it, but never
/// readable by others for a moment: a 0600 temporary file beside it, written, synced, renamed over.
enum PrivateFile {
  static func replace(_ path: String, with bytes: [UInt8]) throws {
    let temp = path + ".cogsh-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CredentialError.failed(path, String(cString: strerror(errno))) }
    var ok = false
    defer {
      if !ok { unlink(temp) }
    }
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        close(fd)
        throw CredentialError.failed(path, "cannot write: \(String(cString: strerror(errno)))")
      }
      done += n
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard synced, rename(temp, path) == 0 else {
      throw CredentialError.failed(path, "cannot replace: \(String(cString: strerror(errno)))")
    }
    ok = true
  }
}
