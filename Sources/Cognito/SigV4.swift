import Basics

/// AWS credentials for signing: access key, secret key and, for temporary credentials, a session token.
public struct AWSCredentials: Equatable, Sendable {
  public var accessKeyId: String
  public var secretAccessKey: String
  public var sessionToken: String?
  /// Where the chain found them, for `status` (never the secret itself).
  public var source: String
  /// When temporary credentials expire, in seconds since 1970; nil for long-term keys.
  public var expiration: Double?

  public init(
    accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "",
    expiration: Double? = nil
  ) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.source = source
    self.expiration = expiration
  }
}

/// A request as SigV4 sees it.
public struct SignableRequest: Equatable, Sendable {
  public var method: String
  public var path: String
  /// Query parameters already decoded; the signer encodes them canonically.
  public var query: [(String, String)]
  /// Header names as sent; values as sent.
  public var headers: [(String, String)]
  public var body: [UInt8]

  public init(
    method: String, path: String = "/", query: [(String, String)] = [], headers: [(String, String)], body: [UInt8]
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  public static func == (l: SignableRequest, r: SignableRequest) -> Bool {
    l.method == r.method && l.path == r.path && l.body == r.body
      && l.query.elementsEqual(r.query, by: ==) && l.headers.elementsEqual(r.headers, by: ==)
  }
}

/// Signature Version 4, stage by stage, named after the AWS documentation:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
///
/// Pure: the time is passed in, nothing is read from the environment.
public enum SigV4 {
  /// Headers botocore never signs; we follow it so that its signatures are ours.
  static let unsignedHeaders: Set<String> = [
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
  ]

  /// `YYYYMMDD'T'HHMMSS'Z'` for a time in seconds since 1970, in UTC.
  public static func amzDate(epochSeconds: Int) -> String {
    let t = CivilDate.components(epochSeconds: epochSeconds)
    return "\(t.year)\(two(t.month))\(two(t.day))T\(two(t.hour))\(two(t.minute))\(two(t.second))Z"
  }

  /// The value of a header line in canonical form: trimmed, inner runs of spaces collapsed.
  static func canonicalValue(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
  }

  /// Names of the headers to sign, lowercased, sorted, unique.
  public static func signedHeaders(_ request: SignableRequest) -> [String] {
    Array(Set(request.headers.map { $0.0.lowercased() }).subtracting(unsignedHeaders)).sorted()
  }

  /// RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX.
  public static func uriEncode(_ s: String, keepSlash: Bool = false) -> String {
    var out = ""
    for b in s.utf8 {
      let c = Character(UnicodeScalar(b))
      if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || "-_.~".contains(c)
        || (keepSlash && c == "/")
      {
        out.append(c)
      } else {
        out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
      }
    }
    return out
  }

  /// Step 1: the canonical request.
  public static func canonicalRequest(_ request: SignableRequest) -> String {
    let names = signedHeaders(request)
    var grouped: [String: [String]] = [:]
    for (name, value) in request.headers { grouped[name.lowercased(), default: []].append(canonicalValue(value)) }
    let headerBlock = names.map { "\($0):\(grouped[$0, default: []].joined(separator: ","))\n" }.joined()
    let encoded: [(String, String)] = request.query.map { (uriEncode($0.0), uriEncode($0.1)) }
    let sorted = encoded.sorted { (l: (String, String), r: (String, String)) -> Bool in
      l.0 == r.0 ? l.1 < r.1 : l.0 < r.0
    }
    let query = sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    return [
      request.method,
      uriEncode(request.path, keepSlash: true),
      query,
      headerBlock,
      names.joined(separator: ";"),
      Encoding.hex(Digest.sha256(request.body)),
    ].joined(separator: "\n")
  }

  /// `YYYYMMDD/region/service/aws4_request`.
  public static func credentialScope(amzDate: String, region: String, service: String) -> String {
    "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
  }

  /// Step 2: the string to sign.
  public static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
    "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Encoding.hex(Digest.sha256(canonicalRequest)))"
  }

  /// Step 3: the signing key, derived from the secret through date, region and service.
  public static func signingKey(secret: String, dateStamp: String, region: String, service: String) -> [UInt8] {
    let kDate = Digest.hmacSHA256(key: Array("AWS4\(secret)".utf8), message: dateStamp)
    let kRegion = Digest.hmacSHA256(key: kDate, message: region)
    let kService = Digest.hmacSHA256(key: kRegion, message: service)
    return Digest.hmacSHA256(key: kService, message: "aws4_request")
  }

  /// Step 4: the signature, lowercase hex.
  public static func signature(signingKey: [UInt8], stringToSign: String) -> String {
    Encoding.hex(Digest.hmacSHA256(key: signingKey, message: stringToSign))
  }

  /// Adds `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials have one) and `Authorization`.
  ///
  /// The request must already carry `Host`.
  public static func sign(
    _ request: SignableRequest, credentials: AWSCredentials, region: String, service: String, epochSeconds: Int
  ) -> SignableRequest {
    var signed = request
    let date = amzDate(epochSeconds: epochSeconds)
    signed.headers.append(("X-Amz-Date", date))
    if let token = credentials.sessionToken, !token.isEmpty {
      signed.headers.append(("X-Amz-Security-Token", token))
    }
    let canonical = canonicalRequest(signed)
    let scope = credentialScope(amzDate: date, region: region, service: service)
    let toSign = stringToSign(canonicalRequest: canonical, amzDate: date, scope: scope)
    let key = signingKey(
      secret: credentials.secretAccessKey, dateStamp: String(date.prefix(8)), region: region, service: service)
    let sig = signature(signingKey: key, stringToSign: toSign)
    let authorization =
      "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
      + "SignedHeaders=\(signedHeaders(signed).joined(separator: ";")), Signature=\(sig)"
    signed.headers.append(("Authorization", authorization))
    return signed
  }
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
