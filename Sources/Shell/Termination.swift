import Auth
import Foundation
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

  /// What a recording would write if cogsh ended now: one malloc'd block, `fd`, the body's and the
  /// note's lengths, then their bytes. Swapped whole, so the handler sees one or the other.
  private static let lastWords = Atomic<UInt>(0)

  /// Sets (or, with nil, clears) the bytes to write to `fd`, and the note for stderr, should cogsh be
  /// terminated by a signal before it writes them itself.
  static func onDeath(write body: String?, to fd: Int32, note: String) {
    var block: UInt = 0
    if let body {
      let b = Array(body.utf8)
      let n = Array(note.utf8)
      let header = MemoryLayout<Int>.stride * 3
      let raw = UnsafeMutableRawPointer.allocate(byteCount: header + b.count + n.count, alignment: 8)
      raw.storeBytes(of: Int(fd), as: Int.self)
      raw.storeBytes(of: b.count, toByteOffset: MemoryLayout<Int>.stride, as: Int.self)
      raw.storeBytes(of: n.count, toByteOffset: MemoryLayout<Int>.stride * 2, as: Int.self)
      (raw + header).copyMemory(from: b + n, byteCount: b.count + n.count)
      block = UInt(bitPattern: raw)
    }
    let old = lastWords.exchange(block, ordering: .acquiringAndReleasing)
    if old != 0 { UnsafeMutableRawPointer(bitPattern: old)?.deallocate() }
  }

  /// Writes what `onDeath` left (only write(2): async-signal-safe).
  private static func writeLastWords() {
    guard let raw = UnsafeMutableRawPointer(bitPattern: lastWords.exchange(0, ordering: .acquiringAndReleasing))
    else { return }
    let stride = MemoryLayout<Int>.stride
    let fd = Int32(raw.load(as: Int.self))
    let bodyLength = raw.load(fromByteOffset: stride, as: Int.self)
    let noteLength = raw.load(fromByteOffset: stride * 2, as: Int.self)
    func all(_ fd: Int32, _ start: UnsafeRawPointer, _ count: Int) {
      var offset = 0
      while offset < count {
        let n = write(fd, start + offset, count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
      }
    }
    signal(SIGPIPE, SIG_IGN)
    all(fd, raw + stride * 3, bodyLength)
    all(STDERR_FILENO, raw + stride * 3 + bodyLength, noteLength)
  }

  /// Cleans up, then dies of `sig` as a process without a handler would.
  static func die(of sig: Int32) -> Never {
    TempFiles.removeInProgress()
    writeLastWords()
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
