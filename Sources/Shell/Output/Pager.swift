import Basics
import Foundation

/// Long text through a pager, as git, man and psql page their output on a terminal.
enum Pager {
  /// The pager for this environment: `COGSH_PAGER`, then `PAGER` (set but empty, or `cat`, means none),
  /// else `less -FRX`, which keeps the text on the screen when it quits.
  static func command(environment: [String: String]) -> String? {
    for name in ["COGSH_PAGER", "PAGER"] {
      guard let value = environment[name] else { continue }
      let trimmed = value.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }
    return ["/usr/bin/less", "/bin/less"].contains { FileManager.default.isExecutableFile(atPath: $0) }
      ? "less -FRX" : nil
  }

  /// The pager's environment: `LESS=FRX` when the user has no LESS of their own, as git sets it, so
  /// that a `PAGER=less` neither clears the screen nor shows escapes raw.
  static func environment(_ environment: [String: String]) -> [String: String] {
    var e = environment
    if e["LESS"] == nil { e["LESS"] = "FRX" }
    if e["LV"] == nil { e["LV"] = "-c" }
    return e
  }

  /// Characters that make a pager's command line need a shell; without them it is run directly, so
  /// that no shell stands between cogsh and the pager (a shell killed by Ctrl-C would orphan it).
  static let shellCharacters = Set("|&;<>()$`\\\"'*?[#~=%\n\t{}")

  /// The argv that runs `command`.
  static func argv(_ command: String) -> [String] {
    if command.contains(where: shellCharacters.contains) { return ["/bin/sh", "-c", command] }
    return command.split(separator: " ").map(String.init)
  }

  /// Runs the pager on `text` and waits for it; false if it could not be started (the caller prints).
  ///
  /// The pager runs in cogsh's own process group, which is the terminal's foreground group, as a
  /// pipeline's last command does: it can read keys from the terminal and is never stopped by
  /// SIGTTIN. (A group of its own, as Foundation's Process makes, is a background job of the shell
  /// that started cogsh: the terminal stops it.) Ctrl-C reaches both; cogsh only notes it and waits.
  static func show(_ text: String, command: String, environment: [String: String]) -> Bool {
    let tty = STDOUT_FILENO
    // A background cogsh must not page: the pager could not read the terminal.
    guard tcgetpgrp(tty) == getpgrp() else { return false }
    var saved = termios()
    let haveModes = tcgetattr(tty, &saved) == 0
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return false }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    // Both ends close on exec: the pager gets the read end only as its stdin (dup2 clears the flag).
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
    Spawn.closeInherited(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Signals cogsh ignores or blocks (SIGPIPE while writing, any mask) are the pager's to handle.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGPIPE, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var pid: pid_t = 0
    let words = argv(command)
    let spawned = Spawn.withCStrings(words) { argv in
      Spawn.withCStrings(Spawn.words(Self.environment(environment))) { env in
        posix_spawnp(&pid, words[0], &actions, &attributes, argv, env)
      }
    }
    close(readEnd)
    guard spawned == 0 else {
      close(writeEnd)
      return false
    }
    // The pager may quit before reading everything (q in less): a closed pipe is not our failure.
    let previous = signal(SIGPIPE, SIG_IGN)
    _ = Descriptor.writeAll(writeEnd, Array(text.utf8))
    close(writeEnd)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    signal(SIGPIPE, previous)
    reclaimTerminal(tty, modes: haveModes ? saved : nil)
    // A Ctrl-C typed in the pager was the pager's: it must not abort the next command.
    Interrupt.clear()
    return true
  }

  /// Takes the terminal back if the pager left it to another group, and restores its modes if the
  /// pager died in raw mode. SIGTTOU is ignored meanwhile: a process outside the foreground group
  /// that changes the terminal is otherwise stopped by it.
  static func reclaimTerminal(_ tty: Int32, modes: termios?) {
    let previous = signal(SIGTTOU, SIG_IGN)
    defer { signal(SIGTTOU, previous) }
    if tcgetpgrp(tty) != getpgrp() { tcsetpgrp(tty, getpgrp()) }
    if var modes { tcsetattr(tty, TCSADRAIN, &modes) }
  }
}
