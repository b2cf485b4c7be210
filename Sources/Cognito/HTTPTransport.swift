import Basics
import CCurl
import Foundation

/// One HTTP exchange as cogsh needs it.
public struct HTTPRequest: Sendable {
  public var url: String
  public var method: String
  public var headers: [(String, String)]
  public var body: [UInt8]
  /// Seconds to connect and in all, when this request needs shorter ones than the transport's
  /// (the instance metadata service answers at once or not at all).
  public var timeouts: (connect: Int, total: Int)?
  /// The request as a trace shows it (its action, the body with secrets masked), when a client made it.
  public var planned: PlannedRequest?

  public init(
    url: String, method: String = "POST", headers: [(String, String)], body: [UInt8],
    timeouts: (connect: Int, total: Int)? = nil
  ) {
    self.url = url
    self.method = method
    self.headers = headers
    self.body = body
    self.timeouts = timeouts
  }
}

/// Where an exchange's time went, as libcurl measures it: milliseconds from the start to the end of
/// each phase, and whether the connection was one already open.
public struct HTTPTiming: Sendable, Equatable, Codable {
  public var dns: Double
  public var connect: Double
  public var tls: Double
  public var requestSent: Double
  public var firstByte: Double
  public var total: Double
  public var reused: Bool

  public init(
    dns: Double, connect: Double, tls: Double, requestSent: Double, firstByte: Double, total: Double, reused: Bool
  ) {
    self.dns = dns
    self.connect = connect
    self.tls = tls
    self.requestSent = requestSent
    self.firstByte = firstByte
    self.total = total
    self.reused = reused
  }

  /// `dns 0.1 · connect 0.3 · tls - · sent 0.4 · first byte 12.0 · total 12.2 ms (new connection)`.
  public var summary: String {
    func ms(_ v: Double) -> String { String(format: "%.1f", v) }
    return "dns \(ms(dns)) · connect \(ms(connect)) · tls \(tls > 0 ? ms(tls) : "-") · sent \(ms(requestSent)) · "
      + "first byte \(ms(firstByte)) · total \(ms(total)) ms (\(reused ? "connection reused" : "new connection"))"
  }
}

/// The answer: status, headers in order, body bytes, and the transport's timing when it has one.
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: [(String, String)]
  public var body: [UInt8]
  public var timing: HTTPTiming?

  public init(status: Int, headers: [(String, String)], body: [UInt8], timing: HTTPTiming? = nil) {
    self.status = status
    self.headers = headers
    self.body = body
    self.timing = timing
  }

  /// The first header named `name`, case-insensitively.
  public func header(_ name: String) -> String? {
    let n = name.lowercased()
    return headers.first { $0.0.lowercased() == n }?.1
  }
}

/// Sends HTTP requests; the libcurl one below is the real transport.
public protocol HTTPTransport: AnyObject {
  func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// HTTP over libcurl with one reused handle, so that connections are kept alive between calls.
public final class CurlTransport: HTTPTransport {
  /// Made at the first request: libcurl is opened then, so a command that sends nothing never loads it.
  private var easy: UnsafeMutableRawPointer?
  public var connectTimeoutSeconds: Int
  public var totalTimeoutSeconds: Int

  /// Collects what libcurl hands to the callbacks of one transfer.
  private final class Sink {
    var body: [UInt8] = []
    var headers: [(String, String)] = []
    /// Set when the body passed the limit: the transfer was stopped there.
    var overflowed = false
    let limit: Int
    /// When the transfer began (monotonic seconds), and whether the wait was said.
    let started = Sink.monotonic()
    var waitSaid = false
    var waiting: ((Bool) -> Void)?
    init(limit: Int) { self.limit = limit }

    static func monotonic() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_MONOTONIC, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
  }

  /// Told (true) when a request has had no answer for a second, and (false) when that one ends: the
  /// shell says what it is waiting for, rather than a minute of silence before a timeout.
  public var waiting: ((_ url: String, _ started: Bool) -> Void)?

  /// The largest response body accepted (Cognito's are a few KiB; a JWKS a few more).
  public var maximumBodySize = 16 << 20
  /// Whether a connection is closed after each request: off, except to measure what keeping it saves
  /// (the program sets it from `COGSH_NO_KEEPALIVE=1`, for scripts/bench/flow).
  public var closesConnections = false

  public init(connectTimeoutSeconds: Int = 10, totalTimeoutSeconds: Int = 60) {
    self.connectTimeoutSeconds = connectTimeoutSeconds
    self.totalTimeoutSeconds = totalTimeoutSeconds
  }

  deinit { if let easy { curl_easy_cleanup(easy) } }

  /// The easy handle, libcurl opened and initialised first.
  private func handle(for url: String) throws -> UnsafeMutableRawPointer {
    if let easy { return easy }
    if let why = cogsh_curl_load() {
      throw CognitoError.transport("libcurl cannot be loaded: \(String(cString: why))", url: url, transient: false)
    }
    CurlTransport.globalInit
    guard let made = curl_easy_init() else {
      throw CognitoError.transport("libcurl could not make a handle", url: url, transient: false)
    }
    easy = made
    return made
  }

  private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

  public func send(_ request: HTTPRequest) throws -> HTTPResponse {
    let handle = try handle(for: request.url)
    let sink = Sink(limit: maximumBodySize)
    curl_easy_reset(handle)
    var list: UnsafeMutablePointer<curl_slist>? = nil
    // libcurl adds "Expect: 100-continue" to larger POSTs, costing a round trip; and Accept is noise.
    for line in request.headers.map({ "\($0.0): \($0.1)" }) + ["Expect:", "Accept:"] {
      list = curl_slist_append(list, line)
    }
    defer { curl_slist_free_all(list) }

    let url = strdup(request.url)
    defer { free(url) }
    let method = strdup(request.method)
    defer { free(method) }
    _ = cogsh_curl_setopt_str(handle, CURLOPT_URL, url)
    _ = cogsh_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
    _ = cogsh_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
    let connectTimeout = request.timeouts?.connect ?? connectTimeoutSeconds
    let totalTimeout = request.timeouts?.total ?? totalTimeoutSeconds
    _ = cogsh_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, connectTimeout)
    _ = cogsh_curl_setopt_long(handle, CURLOPT_TIMEOUT, totalTimeout)
    _ = cogsh_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    if closesConnections { _ = cogsh_curl_setopt_long(handle, CURLOPT_FORBID_REUSE, 1) }
    _ = cogsh_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
    if let waiting {
      let url = request.url
      sink.waiting = { waiting(url, $0) }
    }
    _ = cogsh_curl_setopt_xferfn(handle) { context, _, received, _, _ in
      if Interrupt.isRaised { return 1 }
      guard let context else { return 0 }
      let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
      if !sink.waitSaid, received == 0, Sink.monotonic() - sink.started >= 1 {
        sink.waitSaid = true
        sink.waiting?(true)
      }
      return 0
    }
    _ = cogsh_curl_setopt_writefn(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
      let n = size * count
      guard let data, let context else { return 0 }
      let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
      if sink.body.count + n > sink.limit {
        sink.overflowed = true
        return 0  // libcurl stops the transfer with CURLE_WRITE_ERROR
      }
      data.withMemoryRebound(to: UInt8.self, capacity: n) {
        sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
      }
      return n
    }
    _ = cogsh_curl_setopt_writefn(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
      let n = size * count
      guard let data, let context else { return 0 }
      let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
      let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
        String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
      }
      if line.hasPrefix("HTTP/") {
        sink.headers.removeAll()  // a redirect or 100-continue starts a new header block
      } else if let colon = line.firstIndex(of: ":") {
        sink.headers.append(
          (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces().trimmingNewlines()))
      }
      return n
    }
    let context = Unmanaged.passUnretained(sink).toOpaque()
    _ = cogsh_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, context)
    _ = cogsh_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, context)
    _ = cogsh_curl_setopt_ptr(handle, CURLOPT_XFERINFODATA, context)
    defer { if sink.waitSaid { sink.waiting?(false) } }

    let code = request.body.withUnsafeBufferPointer { body -> CURLcode in
      if request.method == "GET" {
        _ = cogsh_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        return withExtendedLifetime(sink) { curl_easy_perform(handle) }
      }
      _ = cogsh_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
      _ = cogsh_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, body.baseAddress ?? UnsafePointer(bitPattern: 1))
      return withExtendedLifetime(sink) { curl_easy_perform(handle) }
    }
    switch code {
    case CURLE_OK: break
    case CURLE_WRITE_ERROR where sink.overflowed:
      throw CognitoError.responseTooLarge(url: request.url, limit: maximumBodySize)
    case CURLE_ABORTED_BY_CALLBACK: throw CognitoError.interrupted
    case CURLE_OPERATION_TIMEDOUT:
      // Which limit ran out: the connect timeout when no connection was made, else the total one.
      var connectMicroseconds: curl_off_t = 0
      _ = cogsh_curl_getinfo_off(handle, CURLINFO_CONNECT_TIME_T, &connectMicroseconds)
      if connectMicroseconds == 0 {
        throw CognitoError.connectTimedOut(url: request.url, seconds: connectTimeout)
      }
      throw CognitoError.timedOut(url: request.url, seconds: totalTimeout)
    default:
      // A refused connection on this machine is not retried: nothing listens there (a stopped sandbox),
      // and waiting a second will not start it.
      let refusedHere =
        code == CURLE_COULDNT_CONNECT && (URLComponents(string: request.url)?.host.map(Endpoint.isLoopback) ?? false)
      let transient =
        !refusedHere
        && [
          CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
          CURLE_HTTP2, CURLE_HTTP2_STREAM,
        ].contains(code)
      throw CognitoError.transport(String(cString: curl_easy_strerror(code)), url: request.url, transient: transient)
    }
    var status = 0
    _ = cogsh_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
    return HTTPResponse(status: status, headers: sink.headers, body: sink.body, timing: timing(handle))
  }

  /// libcurl's phase times of the last transfer; a transfer that opened no connection reused one.
  private func timing(_ handle: UnsafeMutableRawPointer) -> HTTPTiming {
    func ms(_ info: CURLINFO) -> Double {
      var micro: curl_off_t = 0
      _ = cogsh_curl_getinfo_off(handle, info, &micro)
      return Double(micro) / 1000
    }
    var connects = 0
    _ = cogsh_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
    return HTTPTiming(
      dns: ms(CURLINFO_NAMELOOKUP_TIME_T), connect: ms(CURLINFO_CONNECT_TIME_T), tls: ms(CURLINFO_APPCONNECT_TIME_T),
      requestSent: ms(CURLINFO_PRETRANSFER_TIME_T), firstByte: ms(CURLINFO_STARTTRANSFER_TIME_T),
      total: ms(CURLINFO_TOTAL_TIME_T), reused: connects == 0)
  }
}

extension String {
  func trimmingNewlines() -> String {
    var s = Substring(self)
    while let l = s.last, l == "\n" || l == "\r" || l == "\r\n" { s.removeLast() }
    return String(s)
  }
}
