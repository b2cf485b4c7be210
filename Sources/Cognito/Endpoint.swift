import Foundation

/// Where requests go: a validated base URL and the region used for signing.
public struct Endpoint: Equatable, Sendable {
  public var url: String
  public var region: String
  /// Whether the URL was configured rather than derived from the region.
  public var isCustom: Bool

  public init(url: String, region: String, isCustom: Bool) {
    self.url = url
    self.region = region
    self.isCustom = isCustom
  }

  /// Resolves the endpoint: an explicit or configured URL verbatim, else the one botocore's endpoint
  /// rules give for the region, FIPS and dual-stack when asked (`AWS_USE_FIPS_ENDPOINT`,
  /// `AWS_USE_DUALSTACK_ENDPOINT` and the profile's settings).
  public static func resolve(
    url configured: String?, region: String?, fips: Bool = false, dualStack: Bool = false,
    service: Service = .userPools
  ) throws -> Endpoint {
    guard let region, !region.isEmpty else { throw CognitoError.missingRegion }
    guard isRegionName(region) else { throw CognitoError.invalidRegion(region) }
    if let configured, !configured.isEmpty {
      // As botocore's rules: FIPS or dual-stack cannot be had through a custom endpoint, and are
      // refused rather than silently not used.
      if fips || dualStack {
        switch EndpointRules.resolve(
          service.ruleSet,
          parameters: [
            "Region": .string(region), "UseFIPS": .bool(fips), "UseDualStack": .bool(dualStack),
            "Endpoint": .string(configured),
          ])
        {
        case .error(let why): throw CognitoError.noEndpoint(service: service.endpointPrefix, why: why)
        case .url: break
        }
      }
      try validate(configured)
      return Endpoint(url: configured, region: region, isCustom: true)
    }
    return Endpoint(
      url: try service.regionalURL(region: region, fips: fips, dualStack: dualStack), region: region, isCustom: false)
  }

  /// botocore's validate_region_name: `^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`.
  public static func isRegionName(_ region: String) -> Bool {
    let scalars = Array(region.unicodeScalars)
    func allowed(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
    guard let first = scalars.first, let last = scalars.last, scalars.count <= 63, allowed(first), allowed(last) else {
      return false
    }
    return scalars.allSatisfy { allowed($0) || $0 == "-" }
  }

  /// The DNS suffix of the region's partition, from botocore's partitions.json.
  public static func dnsSuffix(region: String) -> String {
    Partitions.outputs(region: region)?["dnsSuffix"]?.stringValue ?? "amazonaws.com"
  }

  /// The path requests go to, as sent on the wire (still percent-encoded), with dot segments and
  /// empty segments removed as botocore removes them before signing (the SigV4 suite's normalize-path
  /// cases): `/` unless a custom endpoint has one. What is sent is what is signed.
  public var path: String { Self.normalizedPath(Self.split(url).path) }

  /// The query a custom endpoint's URL carries, as name and value pairs, percent-decoded: signed as
  /// every query is (each name and value encoded, sorted), and sent.
  public var query: [(String, String)] { Self.queryPairs(Self.split(url).query) }

  /// The URL requests are sent to: the endpoint's, its path as normalised and signed.
  public var requestURL: String {
    let parts = Self.split(url)
    // Unchanged when there is nothing to normalise (an endpoint without a path is sent as `/` anyway).
    if parts.path.isEmpty || parts.path == path { return url }
    return parts.prefix + path + (parts.query.map { "?" + $0 } ?? "")
  }

  /// A URL's `scheme://authority`, its path as written (up to `?` or `#`), and its query.
  public static func split(_ url: String) -> (prefix: String, path: String, query: String?) {
    var rest = Substring(url)
    var prefix = ""
    if let scheme = rest.range(of: "://") {
      let authorityEnd = rest[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? rest.endIndex
      prefix = String(rest[..<authorityEnd])
      rest = rest[authorityEnd...]
    }
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    guard let mark = rest.firstIndex(of: "?") else { return (prefix, String(rest), nil) }
    return (prefix, String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
  }

  /// RFC 3986's remove_dot_segments with empty segments dropped too, as botocore's
  /// `normalize_url_path` does for every service but S3; `/` for an empty path.
  public static func normalizedPath(_ path: String) -> String {
    guard !path.isEmpty else { return "/" }
    var kept: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
      if segment == ".." {
        if !kept.isEmpty { kept.removeLast() }
      } else {
        kept.append(segment)
      }
    }
    let first = path.hasPrefix("/") ? "/" : ""
    let last = path.hasSuffix("/") && !kept.isEmpty ? "/" : ""
    return first + kept.joined(separator: "/") + last
  }

  /// `a=1&b=x%20y` as [("a", "1"), ("b", "x y")]; a name without `=` has an empty value.
  public static func queryPairs(_ query: String?) -> [(String, String)] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decoded(_ s: Substring?) -> String { s.map { $0.removingPercentEncoding ?? String($0) } ?? "" }
      return (decoded(parts.first), decoded(parts.count > 1 ? parts[1] : nil))
    }
  }

  /// The region a pool id names (`eu-west-1_AbC` → `eu-west-1`).
  public static func region(fromPoolId poolId: String?) -> String? {
    guard let poolId, let underscore = poolId.firstIndex(of: "_") else { return nil }
    let prefix = String(poolId[..<underscore])
    return prefix.isEmpty ? nil : prefix
  }

  /// Accepts https anywhere and http only to loopback hosts.
  public static func validate(_ url: String) throws {
    guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host,
      !host.isEmpty
    else { throw CognitoError.invalidEndpoint(url) }
    switch scheme {
    case "https": return
    case "http":
      if isLoopback(host) { return }
      throw CognitoError.insecureEndpoint(url)
    default: throw CognitoError.invalidEndpoint(url)
    }
  }

  /// 127.0.0.0/8, ::1 and localhost.
  public static func isLoopback(_ host: String) -> Bool {
    let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if h == "localhost" || h == "::1" || h.hasSuffix(".localhost") { return true }
    let octets = h.split(separator: ".")
    return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
  }

  /// `host[:port]` as the Host header carries it.
  public var hostHeader: String {
    guard let parts = URLComponents(string: url), let host = parts.host else { return "" }
    let shown = host.contains(":") ? "[\(host)]" : host
    return parts.port.map { "\(shown):\($0)" } ?? shown
  }
}
