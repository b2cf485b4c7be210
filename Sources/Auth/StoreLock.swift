import Basics
import Cognito
import Foundation

/// The store's exclusive lock, taken with a bounded wait so that a stuck writer cannot hang the shell.
enum StoreLock {
  /// How long to wait quietly before saying that another process holds the lock.
  static let quietWait: Double = 0.5

  static func acquire(fd: Int32, home: String, timeout: Double, report: (String) -> Void) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    var told = false
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else { throw StoreError.cannotWrite(home + "/.lock", errno: errno) }
      if Interrupt.isRaised { throw StoreError.lockBusy(home, seconds: nil) }
      let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      if waited >= timeout { throw StoreError.lockBusy(home, seconds: timeout) }
      if !told && waited >= quietWait {
        report("another cogsh is writing \(home), waiting (up to \(EpochSeconds.describe(timeout)) s)")
        told = true
      }
      usleep(10_000)
    }
  }
}
