import Basics

/// An error answered by the service: its exception name and message, kept as the service said them.
public struct ServiceError: Error, Equatable, Sendable {
  /// The exception name, normalised as botocore does (`NotAuthorizedException`).
  public var code: String
  public var serviceMessage: String
  public var httpStatus: Int
  /// The operation that failed, for hints.
  public var action: String
  /// Seconds the server asked to wait before trying again, if it said.
  public var retryAfter: Double?
  /// The service's id for the request (`x-amzn-RequestId`), which AWS Support asks for.
  public var requestId: String?

  public init(code: String, serviceMessage: String, httpStatus: Int, action: String) {
    self.code = code
    self.serviceMessage = serviceMessage
    self.httpStatus = httpStatus
    self.action = action
  }

  /// A short readable form of a non-JSON body: an HTML page's title, else its first 200 bytes.
  static func plainText(_ body: [UInt8]) -> String {
    let text = String(decoding: body.prefix(4096), as: UTF8.self)
    if let open = text.range(of: "<title>"),
      let close = text.range(of: "</title>", range: open.upperBound..<text.endIndex)
    {
      return String(text[open.upperBound..<close.lowerBound])
    }
    return String(text.prefix(200))
  }

  /// botocore's normalisation: text before the first `:`, then after the last `#`.
  public static func normalise(code raw: String) -> String {
    var code = raw
    if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
    if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
    return code.trimmingSpaces()
  }

  /// Decodes an error response from its body (`__type`, `message`/`Message`) and headers
  /// (`x-amzn-ErrorType`, `x-amzn-ErrorMessage`), falling back to the HTTP status.
  public static func decode(status: Int, headers: [(String, String)], body: [UInt8], action: String) -> ServiceError {
    let json = try? JSON.parse(String(decoding: body, as: UTF8.self))
    func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name }?.1
    }
    let rawCode = json?["__type"]?.stringValue ?? json?["code"]?.stringValue ?? header("x-amzn-errortype")
    let message =
      json?["message"]?.stringValue ?? json?["Message"]?.stringValue ?? header("x-amzn-errormessage")
      ?? (json == nil && !body.isEmpty ? plainText(body) : "")
    let code = rawCode.map(normalise(code:)).flatMap { $0.isEmpty ? nil : $0 } ?? "HTTP\(status)"
    // A message is a sentence or two; a server that sends megabytes gets the start of it shown.
    var e = ServiceError(
      code: String(code.prefix(200)), serviceMessage: SafeText.truncated(message, to: 2000), httpStatus: status,
      action: action)
    e.requestId = (header("x-amzn-requestid") ?? header("x-amz-request-id")).map { String($0.prefix(200)) }
    return e
  }
}

/// What can go wrong between cogsh and the service.
public enum CognitoError: UserFacingError, Equatable {
  case service(ServiceError)
  /// `transient` when the connection failed or dropped, which a retry may mend (not TLS or DNS errors).
  case transport(String, url: String, transient: Bool = false)
  case timedOut(url: String, seconds: Int)
  case connectTimedOut(url: String, seconds: Int)
  case interrupted
  case insecureEndpoint(String)
  case invalidEndpoint(String)
  case missingRegion
  /// The endpoint rules refuse what was asked (FIPS or dual-stack with a custom endpoint, or where the
  /// partition has none): their words.
  case noEndpoint(service: String, why: String)
  /// A region that cannot be one (botocore's validate_region_name): it would become part of a host name.
  case invalidRegion(String)
  case missingCredentials(action: String)
  case badResponse(action: String, detail: String)
  case responseTooLarge(url: String, limit: Int)

  public var message: String {
    switch self {
    case .service(let e): return e.serviceMessage.isEmpty ? e.code : "\(e.code): \(e.serviceMessage)"
    case .transport(let why, let url, _): return "cannot reach \(url): \(why)"
    case .timedOut(let url, let seconds): return "no answer from \(url) within \(seconds) s"
    case .connectTimedOut(let url, let seconds): return "could not connect to \(url) within \(seconds) s"
    case .interrupted: return "interrupted"
    case .insecureEndpoint(let url): return "refusing plain http to a non-loopback host: \(url)"
    case .invalidEndpoint(let url): return "invalid endpoint URL: \(url)"
    case .missingRegion: return "no region configured"
    case .noEndpoint(let service, let why): return "no \(service) endpoint: \(why)"
    case .invalidRegion(let region): return "the region \"\(SafeText.truncated(region, to: 80))\" is not a region name"
    case .missingCredentials(let action): return "\(action) needs AWS credentials and none were found"
    case .badResponse(let action, let detail): return "unexpected response to \(action): \(detail)"
    case .responseTooLarge(let url, let limit):
      return "the answer from \(url) is larger than \(limit >> 20) MiB; stopped reading it"
    }
  }

  public var detail: String? {
    guard case .service(let e) = self else { return nil }
    // As the AWS CLI says it, with the id a support case needs.
    return "when calling the \(e.action) operation" + (e.requestId.map { "; request id \($0)" } ?? "")
  }

  public var hint: String? {
    switch self {
    case .service: return nil  // the shell names the command that helps (ServiceHints)
    case .transport: return "Check the endpoint URL and that the service is running."
    case .timedOut: return "The service did not answer in time; check the endpoint and your network."
    case .connectTimedOut: return "Nothing answered at that address; check the endpoint URL and your network."
    case .interrupted: return nil
    case .insecureEndpoint: return "Use https://, or run the emulator on 127.0.0.1 or localhost."
    case .invalidEndpoint:
      return "Give a URL such as https://cognito-idp.eu-west-1.amazonaws.com or http://127.0.0.1:5000."
    case .missingRegion:
      return "Set one with --region, AWS_REGION, the profile's region, or a pool id such as eu-west-1_AbC."
    case .noEndpoint:
      return
        "Check AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT (use_fips_endpoint, use_dualstack_endpoint), and the endpoint URL."
    case .invalidRegion:
      return
        "A region is letters, digits and hyphens, such as eu-west-1 (check --region, AWS_REGION and the profile's region)."
    case .missingCredentials:
      return "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws/credentials."
    case .badResponse: return nil
    case .responseTooLarge: return "That is not a Cognito answer; check the endpoint URL."
    }
  }
}
