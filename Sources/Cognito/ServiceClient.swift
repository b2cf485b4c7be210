import Basics
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
  /// libcurl's breakdown of the time, when the transport measured it.
  public var timing: HTTPTiming?
  /// The AWS Region the request was addressed to (a replica's, when one is addressed).
  public var region: String?
  /// The Lambda triggers the sandbox ran while it served the request.
  public var invocations: [TriggerInvocation] = []
  /// The service's host label (`cognito-idp`, `sts`); empty for a pool domain's OAuth2 endpoints.
  public var service = ""

  public init(
    action: String, url: String, method: String = "POST", requestHeaders: [(String, String)], requestBody: String,
    status: Int, responseHeaders: [(String, String)], responseBody: String, milliseconds: Double,
    timing: HTTPTiming? = nil, region: String? = nil, invocations: [TriggerInvocation] = [], service: String = ""
  ) {
    self.service = service
    self.timing = timing
    self.region = region
    self.invocations = invocations
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

extension TraceEvent {
  /// How long the exchange took, as every view shows it: libcurl's total when it measured one (the
  /// timing line's), else the client's own clock. One number, wherever it is shown.
  public var duration: Double { timing?.total ?? milliseconds }
}

/// One JSON call as sent and answered, secrets and all (never written anywhere as it is).
public struct CallRecord: Sendable {
  public var service: String
  public var action: String
  public var request: JSON
  public var response: JSON?
  public var status: Int
  /// Set for the calls cogsh makes on its own account ("for the hint").
  public var purpose: String?
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

/// The client for every service cogsh speaks (user pools, identity pools, STS, a pool domain's OAuth2
/// endpoints): builds the request its `Service` describes, signs it when needed, sends it through the
/// one transport with retries and the trace, and decodes the answer.
public final class ServiceClient {
  public let service: Service
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
  public var sleep: (Double) throws -> Void = ServiceClient.interruptibleSleep
  public var random: () -> Double = { Double.random(in: 0..<1) }
  /// Sent as ClientMetadata with every action that takes it (`--client-metadata`), for Lambda triggers.
  public var clientMetadata: [String: String] = [:]
  /// Told of each JSON call as sent and answered, unredacted, with its purpose: the session's history
  /// that `export-history --aws` turns into AWS CLI commands. Kept in memory only.
  public var onCall: ((CallRecord) -> Void)?

  public init(
    service: Service = .userPools, endpoint: Endpoint, transport: HTTPTransport,
    credentials: @escaping () throws -> AWSCredentials?,
    clock: @escaping () -> Int = { Int(Date().timeIntervalSince1970) }
  ) {
    self.service = service
    self.endpoint = endpoint
    self.transport = transport
    self.credentials = credentials
    self.clock = clock
  }

  /// The HTTP request for `action`, signed when the operation needs it.
  public func request(_ action: String, body: JSON) throws -> HTTPRequest {
    guard case .json11(let prefix) = service.wire else {
      throw CognitoError.badResponse(action: action, detail: "\(service.endpointPrefix) does not speak JSON 1.1")
    }
    return try signed(
      action, body: Array(body.serialized().utf8),
      headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(prefix).\(action)")])
  }

  /// A POST to the endpoint's path with `headers` and `body`, SigV4-signed when `action` needs it.
  private func signed(_ action: String, body: [UInt8], headers: [(String, String)]) throws -> HTTPRequest {
    var signable = SignableRequest(
      method: "POST", path: endpoint.path, query: endpoint.query, headers: headers + [("Host", endpoint.hostHeader)],
      body: body)
    if service.needsSigning(action) {
      guard let creds = try credentials() else { throw CognitoError.missingCredentials(action: action) }
      signable = SigV4.sign(
        signable, credentials: creds, region: endpoint.region, service: service.signingName, epochSeconds: clock())
    }
    // libcurl sets Host from the URL itself; sending ours too would duplicate it.
    let sent = signable.headers.filter { $0.0 != "Host" } + [("User-Agent", "cogsh/\(Version.current)")]
    return HTTPRequest(url: endpoint.requestURL, headers: sent, body: body)
  }

  /// Calls `action` with `body`; throws `CognitoError.service` for the service's exceptions.
  /// Throttling, transient errors and dropped connections are retried by `retry`, unless the request
  /// carries a one-time value.
  @discardableResult
  public func call(_ action: Action, _ requestBody: JSON) throws -> CognitoResponse {
    let name = action.name
    var body = requestBody
    if !clientMetadata.isEmpty, Operations.takesClientMetadata.contains(name), case .object(var members) = body,
      members["ClientMetadata"] == nil
    {
      members["ClientMetadata"] = .strings(clientMetadata)
      body = .object(members)
    }
    try preflight?(name, body)
    let response = try exchange(name, shownBody: Redaction.body(body).serialized()) {
      try self.request(name, body: body)
    }
    let answer = response.body.isEmpty ? JSON.object([:]) : try? JSON.parse(Data(response.body))
    onCall?(
      CallRecord(
        service: service.endpointPrefix, action: name, request: body, response: answer, status: response.status,
        purpose: purpose))
    guard (200..<300).contains(response.status) else { throw serviceError(name, response) }
    guard let answer else { throw CognitoError.badResponse(action: name, detail: "the body is not JSON") }
    return CognitoResponse(body: answer, headers: response.headers)
  }

  /// Calls a query-protocol `action` (STS) with `parameters`; the answer's XML comes back as it is, or
  /// the service's refusal as `CognitoError.service` with its Code and Message.
  public func query(_ action: String, _ parameters: [(String, String)]) throws -> String {
    guard case .query(let version) = service.wire else {
      throw CognitoError.badResponse(action: action, detail: "\(service.endpointPrefix) does not speak the query API")
    }
    let form = FormEncoding.encode([("Action", action), ("Version", version)] + parameters)
    let response = try exchange(action, shownBody: Redaction.form(form)) {
      try self.signed(
        action, body: Array(form.utf8),
        headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
    }
    let xml = String(decoding: response.body.prefix(1 << 20), as: UTF8.self)
    guard response.status == 200 else {
      throw CognitoError.service(
        ServiceError(
          code: XMLText.tag("Code", in: xml) ?? "HTTP \(response.status)",
          serviceMessage: XMLText.tag("Message", in: xml) ?? "", httpStatus: response.status, action: action))
    }
    return xml
  }

  /// POSTs `form` to `path` under the endpoint (a pool domain's OAuth2 endpoints), unsigned, with
  /// `headers` (Basic authorisation for a client with a secret). The answer comes back whatever its status.
  public func post(
    path: String, form: [(String, String)], headers: [(String, String)] = [], label: String
  ) throws -> HTTPResponse {
    let body = FormEncoding.encode(form)
    let url = endpoint.url.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    return try exchange(label, shownBody: Redaction.form(body)) {
      HTTPRequest(
        url: url,
        headers: headers + [
          ("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "cogsh/\(Version.current)"),
        ], body: Array(body.utf8))
    }
  }

  /// GETs `url` (a JWKS, a discovery document) through the same transport, trace and retries.
  public func get(_ url: String, label: String, headers: [(String, String)] = []) throws -> HTTPResponse {
    try exchange(label, shownBody: "") {
      HTTPRequest(url: url, method: "GET", headers: headers + [("User-Agent", "cogsh/\(Version.current)")], body: [])
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

  /// Sends what `build` makes, built afresh per attempt so a retry carries a current date; retries
  /// what `retry` allows (a 5xx or throttling answer counts as failed here), traces each attempt.
  private func exchange(_ label: String, shownBody: String, build: () throws -> HTTPRequest) throws -> HTTPResponse {
    var attempt = 1
    while true {
      do {
        var http = try build()
        http.planned = PlannedRequest(label: label, method: http.method, url: http.url, body: shownBody)
        let response = try sendOnce(label, shownBody: shownBody, http)
        if !(200..<300).contains(response.status), attempt < retry.maxAttempts, RetryPolicy.mayRetry(label),
          let reason = RetryPolicy.reason(for: serviceError(label, response))
        {
          try wait(
            label, attempt: attempt, reason: reason, retryAfter: RetryPolicy.retryAfter(headers: response.headers))
          attempt += 1
          continue
        }
        return response
      } catch {
        guard attempt < retry.maxAttempts, RetryPolicy.mayRetry(label), let reason = RetryPolicy.reason(for: error)
        else { throw error }
        try wait(label, attempt: attempt, reason: reason, retryAfter: nil)
        attempt += 1
      }
    }
  }

  private func wait(_ label: String, attempt: Int, reason: String, retryAfter: Double?) throws {
    let delay = retry.delay(afterAttempt: attempt, random: random(), retryAfter: retryAfter)
    onRetry?(RetryEvent(action: label, attempt: attempt, maxAttempts: retry.maxAttempts, reason: reason, delay: delay))
    try sleep(delay)
  }

  private func sendOnce(_ label: String, shownBody: String, _ http: HTTPRequest) throws -> HTTPResponse {
    let started = DispatchTime.now().uptimeNanoseconds
    let response = try transport.send(http)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    if let trace {
      trace(
        TraceEvent(
          action: purpose.map { "\(label) (\($0))" } ?? label, url: http.url, method: http.method,
          requestHeaders: Redaction.headers(http.headers), requestBody: shownBody,
          status: response.status,
          responseHeaders: Redaction.responseHeaders(
            response.headers.filter { $0.0.lowercased() != TriggerInvocation.header }),
          responseBody: Redaction.responseBody(response.body), milliseconds: elapsed, timing: response.timing,
          region: endpoint.region, invocations: TriggerInvocation.decode(headers: response.headers),
          service: service.endpointPrefix))
    }
    return response
  }

  /// The service's refusal in `response`, decoded as its protocol words it.
  private func serviceError(_ action: String, _ response: HTTPResponse) -> CognitoError {
    var e = ServiceError.decode(status: response.status, headers: response.headers, body: response.body, action: action)
    e.retryAfter = RetryPolicy.retryAfter(headers: response.headers)
    return CognitoError.service(e)
  }
}
