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

  public var message: String {
    switch self {
    case .cannotCreateDirectory(let path, let e): return "cannot create \(path): \(describe(e))"
    case .cannotWrite(let path, let e): return "cannot write \(path): \(describe(e))"
    case .cannotRead(let path, let e): return "cannot read \(path): \(describe(e))"
    case .corrupt(let path, let detail): return "\(path) is not a valid cogsh file: \(detail)"
    case .invalidProfileName(let name): return "invalid profile name \"\(name)\""
    case .unknownProfile(let name): return "no profile named \"\(name)\""
    }
  }

  public var hint: String? {
    switch self {
    case .corrupt: return "Move the file aside; cogsh will start afresh."
    case .invalidProfileName: return "Use letters, digits, '.', '_' and '-'."
    case .unknownProfile: return "`profile list` shows the profiles there are."
    case .cannotCreateDirectory, .cannotWrite, .cannotRead: return "Check COGSH_HOME and its permissions."
    }
  }
}

func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
