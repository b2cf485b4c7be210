import Cognito
import Foundation

/// How the files under `$COGSH_HOME` change: written to disk, or, in a rehearsal, not at all.
public protocol FileChanges: Sendable {
  /// Replaces `name` with `data`, atomically.
  func replace(_ name: String, in store: FileStore, with data: Data) throws
  /// Removes `name` if it exists.
  func remove(_ name: String, in store: FileStore) throws
  /// Moves a damaged `name` out of the way, keeping it for the user to look at.
  func setAside(_ name: String, in store: FileStore, why: String) throws
}

/// Where a store's changes go now, by reference, so every copy of the store changes files the same way
/// and a rehearsal can put `RehearsedFileChanges` in place for one run.
public final class FileChangesSlot: @unchecked Sendable {
  private let lock = NSLock()
  private var changes: FileChanges = DiskFileChanges()

  public var current: FileChanges { lock.withLock { changes } }

  /// Runs `body` with `standIn` making the changes.
  public func with<T>(_ standIn: FileChanges, _ body: () throws -> T) rethrows -> T {
    let saved = current
    lock.withLock { changes = standIn }
    defer { lock.withLock { changes = saved } }
    return try body()
  }
}

/// A rehearsal's file changes: the first one is where the run stops, with the file untouched.
public struct RehearsedFileChanges: FileChanges {
  public init() {}
  public func replace(_ name: String, in store: FileStore, with data: Data) throws { throw Rehearsal.Stop.write(name) }
  public func remove(_ name: String, in store: FileStore) throws { throw Rehearsal.Stop.write(name) }
  public func setAside(_ name: String, in store: FileStore, why: String) throws { throw Rehearsal.Stop.write(name) }
}

/// Changes on disk: each file replaced atomically, 0600.
struct DiskFileChanges: FileChanges {
  func replace(_ name: String, in store: FileStore, with data: Data) throws {
    try store.ensureDirectory(FileStore.directory(of: name))
    let final = store.path(name)
    let dir = (final as NSString).deletingLastPathComponent
    TempFiles.removeStale(in: dir)
    let temp = final + TempFiles.marker + "\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    TempFiles.willCreate(temp)
    defer { TempFiles.done() }
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd < 0 { throw StoreError.cannotWrite(final, errno: errno) }
    var ok = false
    defer {
      if !ok { unlink(temp) }
    }
    var failure: Int32 = 0
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        guard let base = raw.baseAddress else { return }
        let n = Foundation.write(fd, base + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          failure = n < 0 ? errno : ENOSPC
          return
        }
        offset += n
      }
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    close(fd)
    if failure != 0 { throw StoreError.cannotWrite(final, errno: failure) }
    if rename(temp, final) != 0 { throw StoreError.cannotWrite(final, errno: errno) }
    ok = true
    let dfd = open(dir, O_RDONLY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  func remove(_ name: String, in store: FileStore) throws { unlink(store.path(name)) }

  func setAside(_ name: String, in store: FileStore, why: String) throws {
    let p = store.path(name)
    let aside = p + ".corrupt-" + FileStore.stamp()
    if rename(p, aside) != 0 {
      if errno == ENOENT { return }  // another process set it aside first
      throw StoreError.cannotWrite(aside, errno: errno)
    }
    chmod(aside, 0o600)
    store.report("warning: \(p) was \(why); moved it to \(aside) and started afresh")
  }
}
