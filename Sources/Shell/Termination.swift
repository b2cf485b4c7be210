import Foundation
import Session
import Synchronization

/// What a SIGTERM or SIGHUP (a closed terminal), or a closed output pipe (`cogsh … | head -1`), must
/// not leave behind: the store's temporary file being written, and the sandbox's moto server. Then the
/// process dies of the signal, as before.
enum Termination {
  private static let child = Atomic<Int32>(0)

  /// The child to stop if cogsh is terminated (the sandbox's moto), or nil when there is none.
  static func stopsChild(_ pid: Int32?) { child.store(pid ?? 0, ordering: .relaxed) }

  static func install() {
    TempFiles.prepare()
    // SIGPIPE too: a write to a closed pipe (`cogsh … | head -1`) kills at once, and moto would live on.
    for sig in [SIGTERM, SIGHUP, SIGPIPE] {
      signal(sig) { sig in Termination.die(of: sig) }
    }
  }

  /// Cleans up, then dies of `sig` as a process without a handler would.
  static func die(of sig: Int32) -> Never {
    TempFiles.removeInProgress()
    let pid = Termination.child.load(ordering: .relaxed)
    // SIGKILL: a handler cannot wait for a polite stop, and moto keeps nothing worth flushing.
    if pid > 0 { kill(pid, SIGKILL) }
    signal(sig, SIG_DFL)
    raise(sig)
    // Inside the handler the signal is blocked: unblocked, the raised one is delivered now.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, sig)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    _exit(128 + sig)
  }
}
