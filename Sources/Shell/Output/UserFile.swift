import Basics
import Cognito
import Foundation

/// A file the user names for cogsh to write (`export-history --aws FILE`, `record start FILE`),
/// written as the shell's `>` writes it: through a symlink to its target, into a FIFO or a device as
/// they are, a regular file truncated in place, keeping its mode and owner. Only a new file gets the
/// mode the command documents. (The state directory's own files are another matter: FileStore writes
/// those atomically, 0600.)
struct UserFile {
  let path: String
  let fd: Int32

  /// Opens `path` for writing as `>` does; `mode` is a new file's (before the umask, as for `>`).
  /// A FIFO blocks until a reader comes, as with `>`; Ctrl-C gives up the wait.
  init(_ path: String, mode: mode_t) throws {
    try Self.standIn?(path)
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { throw UserFileError.isDirectory(path) }
    var fd: Int32
    repeat {
      fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    } while fd < 0 && errno == EINTR && !Interrupt.isRaised
    guard fd >= 0 else {
      if errno == EINTR { throw CognitoError.interrupted }
      throw errno == EISDIR ? UserFileError.isDirectory(path) : UserFileError.cannotOpen(path, errno: errno)
    }
    self.path = path
    self.fd = fd
  }

  /// What a rehearsal (Runner.rehearse) puts where a file is opened: it stops there, nothing written.
  nonisolated(unsafe) static var standIn: ((String) throws -> Void)?

  /// Where a rehearsal stopped: the file it would write first.
  struct Rehearsed: Error { var path: String }

  /// Writes all of `text`; a full disk or a closed reader is an error naming the file.
  func write(_ text: String) throws {
    let failure = Descriptor.writeAll(fd, Array(text.utf8))
    if failure != 0 { throw UserFileError.cannotWrite(path, errno: failure) }
  }

  func close() { _ = Foundation.close(fd) }

  /// `text` into `path`, as `printf %s text > path` would leave it.
  static func write(_ text: String, to path: String, mode: mode_t) throws {
    // A closed FIFO reader must be an error here, not the end of cogsh.
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    let file = try UserFile(path, mode: mode)
    defer { file.close() }
    try file.write(text)
  }
}

/// Why a file the user named could not be written.
enum UserFileError: UserFacingError, Equatable {
  case isDirectory(String)
  case cannotOpen(String, errno: Int32)
  case cannotWrite(String, errno: Int32)

  var message: String {
    switch self {
    case .isDirectory(let p): "\(p) is a directory"
    case .cannotOpen(let p, let e): "cannot write \(p): \(String(cString: strerror(e)))"
    case .cannotWrite(let p, let e): "cannot write \(p): \(String(cString: strerror(e)))"
    }
  }

  var hint: String? {
    switch self {
    case .isDirectory: "Name a file, inside it or elsewhere."
    case .cannotOpen(_, let e) where e == EACCES: "Check the file's and its directory's permissions."
    case .cannotOpen(_, let e) where e == ENOENT: "Its directory does not exist: create it first."
    default: nil
    }
  }
}
