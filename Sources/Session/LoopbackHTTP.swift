import Cognito
import Foundation

/// One HTTP request read from a loopback connection, answered once.
public final class LoopbackRequest {
  public let method: String
  /// The path without the query.
  public let path: String
  public let query: [String: String]
  public let headers: [String: String]
  public let body: [UInt8]
  private let fd: Int32
  private var answered = false

  init(fd: Int32, method: String, target: String, headers: [String: String], body: [UInt8]) {
    self.fd = fd
    self.method = method
    let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
    path = parts.first ?? "/"
    var q: [String: String] = [:]
    for (k, v) in FormEncoding.decode(parts.count > 1 ? parts[1] : "") where !k.isEmpty { q[k] = v }
    query = q
    self.headers = headers
    self.body = body
  }

  deinit {
    if !answered { respond(status: 500, body: "") }
    close(fd)
  }

  /// The form fields of a url-encoded body.
  public var form: [String: String] {
    var out: [String: String] = [:]
    for (k, v) in FormEncoding.decode(String(decoding: body, as: UTF8.self)) where !k.isEmpty { out[k] = v }
    return out
  }

  /// Sends the answer and closes the connection.
  public func respond(
    status: Int, contentType: String = "text/html; charset=utf-8", body: String, headers: [(String, String)] = []
  ) {
    guard !answered else { return }
    answered = true
    let reason =
      [200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"][status] ?? "Error"
    var head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n"
    head += "Cache-Control: no-store\r\nConnection: close\r\n"
    for (k, v) in headers { head += "\(k): \(v)\r\n" }
    let bytes = Array((head + "\r\n" + body).utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      if n <= 0 { break }
      sent += n
    }
  }
}

/// A listening socket on 127.0.0.1 that hands over one request at a time: the callback of managed
/// login, and the sandbox's authorization endpoint. Never bound beyond loopback.
public final class LoopbackListener: @unchecked Sendable {
  public let port: Int
  private let fd: Int32
  /// The largest request accepted: a callback or a login form is far smaller.
  static let maximumRequest = 64 * 1024

  /// Binds 127.0.0.1:`port` (0 for any free port).
  public init(port: Int) throws {
    let address = "127.0.0.1:\(port)"
    try Rehearsal.guardEffect(.listens(address))
    let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard s >= 0 else { throw OAuthError.cannotListen(address, String(cString: strerror(errno))) }
    var yes: Int32 = 1
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(s, 8) == 0 else {
      let why = String(cString: strerror(errno))
      close(s)
      throw OAuthError.cannotListen(address, why)
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
    }
    fd = s
    self.port = Int(UInt16(bigEndian: actual.sin_port))
  }

  deinit { close(fd) }

  /// The next request, waiting at most `timeout` seconds (nil when none came); Ctrl-C ends the wait
  /// when `interruptible`. A connection that sends nothing usable is answered 400 and skipped.
  public func next(timeout: Double, interruptible: Bool = true) throws -> LoopbackRequest? {
    let deadline = Date().timeIntervalSince1970 + timeout
    while Date().timeIntervalSince1970 < deadline {
      if interruptible && Interrupt.isRaised { throw CognitoError.interrupted }
      var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, 100) > 0 else { continue }
      let client = accept(fd, nil, nil)
      guard client >= 0 else { continue }
      _ = fcntl(client, F_SETFD, FD_CLOEXEC)
      if let request = Self.read(client) { return request }
    }
    return nil
  }

  /// Reads one request from `client` (5 s at most), or answers 400 and closes it.
  static func read(_ client: Int32) -> LoopbackRequest? {
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    var headerEnd: Int?
    var contentLength = 0
    func refuse() -> LoopbackRequest? {
      _ = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".withCString {
        send(client, $0, strlen($0), Int32(MSG_NOSIGNAL))
      }
      close(client)
      return nil
    }
    while data.count < maximumRequest {
      if headerEnd == nil, let end = find([13, 10, 13, 10], in: data) {
        headerEnd = end + 4
        let head = String(decoding: data[..<end], as: UTF8.self)
        for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
          // Only digits, and no more than a request may hold: a negative or absurd length (another
          // local process probing) is refused, never used to slice.
          let value = line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)
          guard !value.isEmpty, value.count <= 9, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber),
            let n = Int(value), n <= maximumRequest
          else { return refuse() }
          contentLength = n
        }
      }
      if let end = headerEnd, data.count >= end + contentLength { break }
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { break }
      data += buffer[..<n]
    }
    guard let end = headerEnd else { return refuse() }
    let lines = String(decoding: data[..<(end - 4)], as: UTF8.self).split(separator: "\r\n").map(String.init)
    let requestLine = (lines.first ?? "").split(separator: " ").map(String.init)
    guard requestLine.count >= 2 else {
      close(client)
      return nil
    }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let body = Array(data[end..<max(end, min(data.count, end + contentLength))])
    return LoopbackRequest(fd: client, method: requestLine[0], target: requestLine[1], headers: headers, body: body)
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
      return i
    }
    return nil
  }
}
