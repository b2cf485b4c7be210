import Foundation

/// The ownership and permission rules for the state directory and its files, as ssh and psql apply
/// them to credential files: refuse what another user could have planted or changed.
enum FileCheck {
  static func octal(_ mode: mode_t) -> String { "0" + String(Int(mode & 0o777), radix: 8) }

  /// A directory must be ours and writable by nobody else; loose read bits are tightened.
  static func directory(_ path: String, _ st: stat, report: (String) -> Void) throws {
    guard st.st_mode & S_IFMT == S_IFDIR else { throw StoreError.unsafe(path, why: "is not a directory", fix: nil) }
    try owner(path, st)
    if st.st_mode & 0o022 != 0 {
      throw StoreError.unsafe(
        path, why: "is writable by other users (mode \(octal(st.st_mode)))", fix: "chmod 700 \(path)")
    }
    if st.st_mode & 0o055 != 0 {
      if chmod(path, 0o700) != 0 { throw StoreError.cannotWrite(path, errno: errno) }
      report("warning: \(path) was readable by other users (mode \(octal(st.st_mode))); made it 0700")
    }
  }

  /// An open file must be a regular file of ours that nobody else can write; loose read bits are tightened.
  static func file(_ path: String, fd: Int32, report: (String) -> Void) throws {
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw StoreError.cannotRead(path, errno: errno) }
    guard st.st_mode & S_IFMT == S_IFREG else { throw StoreError.unsafe(path, why: "is not a regular file", fix: nil) }
    try owner(path, st)
    if st.st_mode & 0o022 != 0 {
      throw StoreError.unsafe(
        path, why: "is writable by other users (mode \(octal(st.st_mode)))",
        fix: "check its contents, then chmod 600 \(path)")
    }
    if st.st_mode & 0o077 != 0 {
      if fchmod(fd, 0o600) != 0 { throw StoreError.cannotWrite(path, errno: errno) }
      report("warning: \(path) was readable by other users (mode \(octal(st.st_mode))); made it 0600")
    }
  }

  static func owner(_ path: String, _ st: stat) throws {
    let me = geteuid()
    guard st.st_uid == me else {
      throw StoreError.unsafe(
        path, why: "is owned by user \(st.st_uid), not by you (\(me))",
        fix: "use a directory of your own (COGSH_HOME), or have it chowned to you")
    }
  }

  /// `mkdir -p` with mode 0700 for what it creates.
  static func makeDirectories(_ path: String) throws {
    var st = stat()
    if stat(path, &st) == 0 { return }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && parent != path { try makeDirectories(parent) }
    if mkdir(path, 0o700) != 0 && errno != EEXIST { throw StoreError.cannotCreateDirectory(path, errno: errno) }
  }
}
