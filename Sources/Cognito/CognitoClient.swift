import Foundation

/// One request and its answer, as `trace on` shows them (secrets already redacted).
public struct TraceEvent: Sendable {
  public var action: String
  public var url: String
  public var method = "POST"
  public var requestHeaders: [(String, String)]
  public var requestBody: String
  public var status: Int
  public var responseHeaders: [(String, String)]
  public var responseBody: String
  public var milliseconds: Double

  public init(
    action: String, url: String, method: String = "POST", requestHeaders: [(String, String)], requestBody: String,
    status: Int, responseHeaders: [(String, String)], responseBody: String, milliseconds: Double
  ) {
    self.action = action
    self.url = url
    self.method = method
    self.requestHeaders = requestHeaders
    self.requestBody = requestBody
    self.status = status
    self.responseHeaders = responseHeaders
    self.responseBody = responseBody
    self.milliseconds = milliseconds
  }
}

/// A successful answer: the JSON body and the headers (moto hands codes back in headers).
public struct CognitoResponse: Sendable {
  public var body: JSON
  public var headers: [(String, String)]

  public func header(_ name: String) -> String? {
    let n = name.lowercased()
    return headers.first { $0.0.lowercased() == n }?.1
  }
}

/// The Cognito Identity Provider JSON 1.1 client: builds, signs when needed, sends, decodes.
public final class CognitoClient {
  public static let targetPrefix = "AWSCognitoIdentityProviderService"
  public static let signingName = "cognito-idp"

  public let endpoint: Endpoint
  private let transport: HTTPTransport
  private let credentials: () throws -> AWSCredentials?
  private let clock: () -> Int
  /// Called after each exchange when tracing is on.
  public var trace: ((TraceEvent) -> Void)?
  /// Why these calls are made, when it is not the command's own work ("for the hint"): the trace says it.
  public var purpose: String?
  /// Called before anything is sent; may refuse an action (the sandbox refuses what moto lacks).
  public var preflight: ((String, JSON) throws -> Void)?
  /// How failed attempts are retried.
  public var retry = RetryPolicy.standard
  /// Called before each retry's wait.
  public var onRetry: ((RetryEvent) -> Void)?
  /// Waits between attempts; Ctrl-C cuts the wait short. Replaced in tests.
  public var sleep: (Double) throws -> Void = CognitoClient.interruptibleSleep
  public var random: () -> Double = { Double.random(in: 0..<1) }
  /// Sent as ClientMetadata with every action that takes it (`--client-metadata`), for Lambda triggers.
  public var clientMetadata: [String: String] = [:]

  public init(
    endpoint: Endpoint, transport: HTTPTransport, credentials: @escaping () throws -> AWSCredentials?,
    clock: @escaping () -> Int = { Int(Date().timeIntervalSince1970) }
  ) {
    self.endpoint = endpoint
    self.transport = transport
    self.credentials = credentials
    self.clock = clock
  }

  /// The HTTP request for `action`, signed when the operation needs it.
  public func request(_ action: String, body: JSON) throws -> HTTPRequest {
    let bytes = Array(body.serialized().utf8)
    var signable = SignableRequest(
      method: "POST", path: endpoint.path,
      headers: [
        ("Content-Type", "application/x-amz-json-1.1"),
        ("X-Amz-Target", "\(Self.targetPrefix).\(action)"),
        ("Host", endpoint.hostHeader),
      ], body: bytes)
    if Operations.needsSigning(action) {
      guard let creds = try credentials() else { throw CognitoError.missingCredentials(action: action) }
      signable = SigV4.sign(
        signable, credentials: creds, region: endpoint.region, service: Self.signingName, epochSeconds: clock())
    }
    // libcurl sets Host from the URL itself; sending ours too would duplicate it.
    let headers = signable.headers.filter { $0.0 != "Host" } + [("User-Agent", "cogsh/\(Version.current)")]
    return HTTPRequest(url: endpoint.url, headers: headers, body: bytes)
  }

  /// Calls `action` with `body`; throws `CognitoError.service` for the service's exceptions.
  /// Throttling, transient errors and dropped connections are retried by `retry`, unless the request
  /// carries a one-time value.
  @discardableResult
  public func call(_ action: String, _ requestBody: JSON) throws -> CognitoResponse {
    var body = requestBody
    if !clientMetadata.isEmpty, Operations.takesClientMetadata.contains(action), case .object(var members) = body,
      members["ClientMetadata"] == nil
    {
      members["ClientMetadata"] = .strings(clientMetadata)
      body = .object(members)
    }
    try preflight?(action, body)
    var attempt = 1
    while true {
      do {
        return try send(action, body)
      } catch {
        guard attempt < retry.maxAttempts, RetryPolicy.mayRetry(action), let reason = RetryPolicy.reason(for: error)
        else { throw error }
        var retryAfter: Double?
        if case CognitoError.service(let e) = error { retryAfter = e.retryAfter }
        let delay = retry.delay(afterAttempt: attempt, random: random(), retryAfter: retryAfter)
        onRetry?(
          RetryEvent(action: action, attempt: attempt, maxAttempts: retry.maxAttempts, reason: reason, delay: delay))
        try sleep(delay)
        attempt += 1
      }
    }
  }

  /// Sleeps in short slices so that Ctrl-C ends the wait at once.
  public static func interruptibleSleep(_ seconds: Double) throws {
    var left = seconds
    while left > 0 {
      if Interrupt.isRaised { throw CognitoError.interrupted }
      let slice = min(left, 0.05)
      usleep(UInt32(slice * 1e6))
      left -= slice
    }
    if Interrupt.isRaised { throw CognitoError.interrupted }
  }

  /// One attempt: signed afresh, so a retry carries a current date.
  private func send(_ action: String, _ body: JSON) throws -> CognitoResponse {
    let http = try request(action, body: body)
    let started = DispatchTime.now().uptimeNanoseconds
    let response = try transport.send(http)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    if let trace {
      trace(
        TraceEvent(
          action: purpose.map { "\(action) (\($0))" } ?? action, url: http.url,
          requestHeaders: Redaction.headers(http.headers), requestBody: Redaction.body(body).serialized(),
          status: response.status, responseHeaders: Redaction.responseHeaders(response.headers),
          responseBody: Redaction.responseBody(response.body), milliseconds: elapsed))
    }
    guard (200..<300).contains(response.status) else {
      var e = ServiceError.decode(
        status: response.status, headers: response.headers, body: response.body, action: action)
      e.retryAfter = RetryPolicy.retryAfter(headers: response.headers)
      throw CognitoError.service(e)
    }
    if response.body.isEmpty { return CognitoResponse(body: .object([:]), headers: response.headers) }
    do {
      return CognitoResponse(body: try JSON.parse(Data(response.body)), headers: response.headers)
    } catch {
      throw CognitoError.badResponse(action: action, detail: "the body is not JSON")
    }
  }
}

/// The version cogsh reports in its User-Agent and `--version`.
public enum Version {
  public static let current = "0.1.0"
}
