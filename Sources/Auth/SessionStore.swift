import Foundation

/// The persistent context: the profile book and, per profile, the session state.
///
/// Every read goes to the files, so a second `cogsh` process sees what the first stored.
public struct SessionStore: Sendable {
  public let files: FileStore
  static let profilesFile = "profiles.json"

  public init(home: String) { files = FileStore(home: home) }

  /// A store over `files`, with its lock timeout and warning channel already set.
  public init(files: FileStore) { self.files = files }

  /// Whether `name` can name a profile (it becomes part of a file name).
  public static func isValidProfileName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64 && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "._-".unicodeScalars.contains($0)
      }
  }

  static func sessionFile(_ profile: String) -> String { "sessions/\(profile).json" }

  public func profileBook() throws -> ProfileBook {
    try files.readJSON(Self.profilesFile, as: ProfileBook.self, fallback: ProfileBook())
  }

  /// Changes the profile book under the lock.
  @discardableResult
  public func updateProfiles<T>(_ change: (inout ProfileBook) throws -> T) throws -> T {
    try files.locked {
      var book = try profileBook()
      let result = try change(&book)
      try files.writeJSON(Self.profilesFile, book, shape: .profileBook)
      return result
    }
  }

  public func session(_ profile: String) throws -> SessionState {
    guard Self.isValidProfileName(profile) else { throw StoreError.invalidProfileName(profile) }
    let name = Self.sessionFile(profile)
    // The users' tokens are most of the file: it is split first, and each user decoded only when asked
    // for, so start-up does not grow with the users signed in. Anything odd takes the checked path.
    if let bytes = try? files.readBytes(name),
      let state = try? DecodedFiles.shared.value(files.path(name), bytes: bytes, decode: Self.decodeSplit)
    {
      return state
    }
    return try files.readJSON(name, as: SessionState.self, fallback: SessionState())
  }

  /// A session file that the quick split does not take: it is read the checked way.
  private struct NotSplittable: Error {}

  static func decodeSplit(_ bytes: [UInt8]) throws -> SessionState {
    guard let (rest, users) = SessionText.split(bytes) else { throw NotSplittable() }
    var state = try JSONDecoder().decode(SessionState.self, from: Data(rest))
    state.users = UserTable(texts: users)
    return state
  }

  /// Changes one profile's session state under the lock, from what is on disk now.
  @discardableResult
  public func updateSession<T>(_ profile: String, _ change: (inout SessionState) throws -> T) throws -> T {
    guard Self.isValidProfileName(profile) else { throw StoreError.invalidProfileName(profile) }
    return try files.locked {
      var state = try session(profile)
      let result = try change(&state)
      try files.writeJSON(Self.sessionFile(profile), state, shape: .sessionState)
      return result
    }
  }

  /// Forgets a profile's session file entirely.
  public func deleteSession(_ profile: String) throws {
    guard Self.isValidProfileName(profile) else { throw StoreError.invalidProfileName(profile) }
    try files.locked { try files.remove(Self.sessionFile(profile)) }
  }
}
