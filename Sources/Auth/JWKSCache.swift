import Basics
import Cognito
import Foundation

/// JWKS documents cached per issuer under `$COGSH_HOME/jwks`, fetched once and again only for an
/// unknown `kid`, at most once per `refetchInterval` seconds.
public struct JWKSCache: Sendable {
  public let files: FileStore
  public var refetchInterval: Double = 10

  public init(files: FileStore) { self.files = files }

  struct Entry: Codable {
    var url: String
    var fetchedAt: Double
    var body: String
  }

  static func fileName(_ url: String) -> String {
    "jwks/" + Encoding.hex(Digest.sha256(url)).prefix(24) + ".json"
  }

  /// The key `kid` of the set at `url`, fetching through `fetch` when needed.
  public func key(
    kid: String, url: String, now: Double, fetch: (String) throws -> [UInt8]
  ) throws -> (JWKS.Key?, fetched: Bool) {
    let name = Self.fileName(url)
    let cached = try files.readJSON(name, as: Entry?.self, fallback: nil)
    if let cached, let set = try? JWKS.parse(JSON.parse(cached.body)), let key = set.keys[kid] {
      return (key, false)
    }
    if let cached, now - cached.fetchedAt < refetchInterval, let set = try? JWKS.parse(JSON.parse(cached.body)) {
      return (set.keys[kid], false)
    }
    let set = try JWKS.parse(JSON.parse(bytes: try fetch(url)))
    // Only the usable keys are kept: a huge or hostile document is never cached verbatim.
    let body = JSON.object(["keys": .array(set.usableKeyDocuments)]).serialized()
    try files.writeJSON(name, Entry(url: url, fetchedAt: now, body: body))
    return (set.keys[kid], true)
  }
}
