import Basics
import Cognito
import Foundation

/// Why the state under `$COGSH_HOME` could not be read or written.
public enum StoreError: UserFacingError, Equatable {
  case cannotCreateDirectory(String, errno: Int32)
  case cannotWrite(String, errno: Int32)
  case cannotRead(String, errno: Int32)
  case corrupt(String, detail: String)
  case invalidProfileName(String)
  case unknownProfile(String)
  /// A directory or file another user could have planted or changed: refused, with the fix.
  case unsafe(String, why: String, fix: String?)
  case symlink(String)
  case tooLarge(String, limit: Int)
  /// Another process holds the lock; nil seconds when the wait was interrupted.
  case lockBusy(String, seconds: Double?)

  public var message: String {
    switch self {
    case .cannotCreateDirectory(let path, let e): return "cannot create \(path): \(Self.describe(e))"
    case .cannotWrite(let path, let e): return "cannot write \(path): \(Self.describe(e))"
    case .cannotRead(let path, let e): return "cannot read \(path): \(Self.describe(e))"
    case .corrupt(let path, let detail): return "\(path) is not a valid cogsh file: \(detail)"
    case .invalidProfileName(let name): return "invalid profile name \"\(name)\""
    case .unknownProfile(let name): return "no profile named \"\(name)\""
    case .unsafe(let path, let why, _): return "refusing to use \(path): it \(why)"
    case .symlink(let path): return "refusing to use \(path): it is a symbolic link"
    case .tooLarge(let path, let limit): return "\(path) is larger than \(limit / 1024 / 1024) MiB"
    case .lockBusy(let home, let seconds):
      return seconds.map { "another cogsh is still writing \(home) after \(EpochSeconds.describe($0)) s; gave up" }
        ?? "interrupted while waiting for another cogsh writing \(home)"
    }
  }

  public var hint: String? {
    switch self {
    case .corrupt: return "Move the file aside; cogsh will start afresh."
    case .invalidProfileName: return "Use letters, digits, '.', '_' and '-'."
    case .unknownProfile: return nil
    case .cannotCreateDirectory(_, let e), .cannotWrite(_, let e), .cannotRead(_, let e):
      switch e {
      case ENOSPC, EDQUOT: return "Free some space on that file system, then try again."
      case EROFS: return "Point COGSH_HOME at a writable directory."
      default: return "Check COGSH_HOME and its permissions."
      }
    case .unsafe(_, _, let fix): return fix.map { "Fix: \($0)." }
    case .symlink(let path): return "Replace it with a regular file of your own, or remove it: rm \(path)"
    case .tooLarge: return "Move the file aside; cogsh will start afresh."
    case .lockBusy:
      return "If no other cogsh is running, the lock is stale: it is released when its process ends (check ps)."
    }
  }

  /// errno in plain words, for the messages above.
  static func describe(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "permission denied"
    case ENOSPC: return "no space left on the device (disk full)"
    case EDQUOT: return "disk quota exceeded"
    case EROFS: return "read-only file system"
    case ENOENT: return "no such file or directory"
    case ENOTDIR: return "a part of the path is not a directory"
    case EISDIR: return "is a directory"
    default: return String(cString: strerror(code))
    }
  }
}
