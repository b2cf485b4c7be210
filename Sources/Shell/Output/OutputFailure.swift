import Foundation
import Synchronization

/// A failed write to stdout or stderr (ENOSPC, EIO): remembered so the command that wrote fails with
/// exit status 1, instead of exiting 0 with its output lost.
enum OutputFailure {
  private static let lastErrno = Atomic<Int32>(0)
  private static let lastFD = Atomic<Int32>(-1)

  static func record(fd: Int32, errno e: Int32) {
    lastFD.store(fd, ordering: .relaxed)
    lastErrno.store(e, ordering: .relaxed)
  }

  /// The failure since the last call, as an error to report; clears it.
  static func take() -> CommandError? {
    let e = lastErrno.exchange(0, ordering: .relaxed)
    guard e != 0 else { return nil }
    let name = lastFD.load(ordering: .relaxed) == STDERR_FILENO ? "standard error" : "standard output"
    let why = e == ENOSPC ? "no space left on the device (disk full)" : String(cString: strerror(e))
    return CommandError("cannot write to \(name): \(why)", hint: "The output of this command was lost.")
  }
}
