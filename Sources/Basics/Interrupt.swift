import Synchronization

/// The one piece of process-wide state: set by the shell's SIGINT handler, read by the transfer in
/// flight so that Ctrl-C aborts the request but not the shell.
public enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  /// Marks an interrupt; async-signal-safe (a lock-free store).
  public static func raise() { flag.store(true, ordering: .relaxed) }

  /// Whether an interrupt arrived since the last `clear`.
  public static var isRaised: Bool { flag.load(ordering: .relaxed) }

  /// Forgets any interrupt, before a new command starts.
  public static func clear() { flag.store(false, ordering: .relaxed) }
}
