import Foundation

/// What the store's files last decoded to in this process, kept with the bytes they were decoded
/// from: a command reads profiles.json and its session file several times (the prompt, the profile,
/// the request, the record of its answer), and decoding them again each time was a sixth of the seed
/// article's flow. Every read still goes to the file, so another process's write is seen at once;
/// only bytes equal to those last decoded skip the decoder.
final class DecodedFiles: @unchecked Sendable {
  static let shared = DecodedFiles()
  private let lock = NSLock()
  private var entries: [Key: (bytes: [UInt8], value: Any)] = [:]

  /// The file and the type it was decoded as. The type is told by identity: naming it
  /// (String(describing:)) would go through reflection, which costs more than the decode saves.
  private struct Key: Hashable {
    let file: String
    let type: ObjectIdentifier
  }

  /// `decode(bytes)`, or what it gave for the same bytes under the same key last time.
  func value<T>(_ key: String, bytes: [UInt8], decode: ([UInt8]) throws -> T) rethrows -> T {
    let full = Key(file: key, type: ObjectIdentifier(T.self))
    if let hit = lock.withLock({ entries[full] }), Self.same(hit.bytes, bytes), let value = hit.value as? T {
      return value
    }
    let value = try decode(bytes)
    lock.withLock { entries[full] = (bytes, value) }
    return value
  }

  /// Byte equality by memcmp: Array's == goes element by element, which over a store of a thousand
  /// users cost more than the split it saves.
  static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { x in
      b.withUnsafeBytes { y in
        guard let p = x.baseAddress, let q = y.baseAddress else { return true }  // both empty
        return memcmp(p, q, x.count) == 0
      }
    }
  }
}
