import Foundation
import Session
import Synchronization

/// What a SIGTERM or SIGHUP (a closed terminal) must not leave behind: the store's temporary file
/// being written, and the sandbox's moto server. Then the process dies of the signal, as before.
enum Termination {
  private static let child = Atomic<Int32>(0)

  /// The child to stop if cogsh is terminated (the sandbox's moto), or nil when there is none.
  static func stopsChild(_ pid: Int32?) { child.store(pid ?? 0, ordering: .relaxed) }

  static func install() {
    TempFiles.prepare()
    for sig in [SIGTERM, SIGHUP] {
      signal(sig) { sig in
        TempFiles.removeInProgress()
        let pid = Termination.child.load(ordering: .relaxed)
        // SIGKILL: a handler cannot wait for a polite stop, and moto keeps nothing worth flushing.
        if pid > 0 { kill(pid, SIGKILL) }
        signal(sig, SIG_DFL)
        raise(sig)
      }
    }
  }
}
