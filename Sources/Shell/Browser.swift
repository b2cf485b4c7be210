import Cognito
import Foundation

/// Opens a URL in the user's browser: `$BROWSER` (its `%s` replaced, else the URL appended), else
/// the desktop's opener when there is a display. The browser is left running.
enum Browser {
  /// The command line that would open `url`, or nil when there is no browser to open it with.
  static func command(for url: String, environment: [String: String]) -> String? {
    let quoted = "'" + url.replacingOccurrences(of: "'", with: "'\\''") + "'"
    if let browser = environment["BROWSER"], !browser.isEmpty {
      // Several browsers may be listed, separated by colons, as Python's webbrowser reads it: the first is used.
      let first = browser.split(separator: ":").first.map(String.init) ?? browser
      return first.contains("%s") ? first.replacingOccurrences(of: "%s", with: quoted) : "\(first) \(quoted)"
    }
    guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return nil }
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for opener in ["xdg-open", "sensible-browser"]
    where path.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(opener)") }) {
      return "\(opener) \(quoted)"
    }
    return nil
  }

  /// Starts the browser; false when there is none, or it could not be started. The shell that starts it
  /// returns at once and holds none of cogsh's descriptors (they are close-on-exec, and its own
  /// standard streams are /dev/null), so the browser neither blocks cogsh nor keeps its port.
  static func open(_ url: String, environment: [String: String]) -> Bool {
    if Rehearsal.isOn { return false }
    guard let line = command(for: url, environment: environment) else { return false }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
    }
    Spawn.closeInherited(&actions)
    var pid: pid_t = 0
    let spawned = Spawn.withCStrings(["/bin/sh", "-c", line + " &"]) { argv in
      Spawn.withCStrings(Spawn.words(environment)) { env in posix_spawn(&pid, "/bin/sh", &actions, nil, argv, env) }
    }
    guard spawned == 0 else { return false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status == 0
  }
}
