import CBuildInfo

/// The version cogsh reports in its User-Agent and `--version`.
public enum Version {
  public static let current = "0.1.0"

  /// The commit it was built from, when scripts/install built it.
  public static var commit: String? {
    let c = String(cString: cogsh_build_commit())
    return c.isEmpty ? nil : c
  }

  /// What `--version` prints.
  public static var line: String {
    "cogsh \(current) (" + (commit.map { "commit \($0)" } ?? "commit unknown: built without scripts/install") + ")"
  }
}
