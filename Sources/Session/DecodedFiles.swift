import Foundation

/// What the store's files last decoded to in this process, kept with the bytes they were decoded
/// from: a command reads profiles.json and its session file several times (the prompt, the profile,
/// the request, the record of its answer), and decoding them again each time was a sixth of the seed
/// article's flow. Every read still goes to the file, so another process's write is seen at once;
/// only bytes equal to those last decoded skip the decoder.
final class DecodedFiles: @unchecked Sendable {
  static let shared = DecodedFiles()
  private let lock = NSLock()
  private var entries: [String: (bytes: [UInt8], value: Any)] = [:]

  /// `decode(bytes)`, or what it gave for the same bytes under the same key last time.
  func value<T>(_ key: String, bytes: [UInt8], decode: ([UInt8]) throws -> T) rethrows -> T {
    let full = key + "\u{0}" + String(describing: T.self)
    if let hit = lock.withLock({ entries[full] }), hit.bytes == bytes, let value = hit.value as? T {
      return value
    }
    let value = try decode(bytes)
    lock.withLock { entries[full] = (bytes, value) }
    return value
  }
}
