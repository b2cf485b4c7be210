import Basics
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
    // The whole answer is sent: the client sees the end now, not when this object goes.
    shutdown(fd, Int32(SHUT_WR))
  }
}

/// A listening socket on loopback that hands over one request at a time: the callback of managed
/// login, and the sandbox's authorization endpoint. Bound on 127.0.0.1 and, where the machine has
/// IPv6, on ::1 at the same port — every address `localhost` resolves to — so that no other process
/// can take the IPv6 side and receive the code from a browser that tries it first. Never beyond loopback.
public final class LoopbackListener: @unchecked Sendable {
  public let port: Int
  private let fd: Int32
  /// The ::1 socket, when IPv6 is there.
  private let fd6: Int32?
  /// The largest request accepted: a callback or a login form is far smaller.
  static let maximumRequest = 64 * 1024

  /// Binds 127.0.0.1:`port` and [::1]:`port` (0 for any free port). A port taken on either is refused.
  public init(port: Int) throws {
    // With port 0 the kernel picks IPv4's; another process may hold it on ::1: then another is picked.
    var attempts = port == 0 ? 8 : 1
    while true {
      attempts -= 1
      let (v4, chosen) = try Self.bind4(port)
      do {
        let v6 = try Self.bind6(chosen)
        fd = v4
        fd6 = v6
        self.port = chosen
        return
      } catch {
        close(v4)
        if attempts <= 0 { throw error }
      }
    }
  }

  /// A listening IPv4 socket on 127.0.0.1, and its port.
  private static func bind4(_ port: Int) throws -> (Int32, Int) {
    let address = "127.0.0.1:\(port)"
    let s = socket(
      AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
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
    guard bound == 0, listen(s, 16) == 0 else {
      let why = String(cString: strerror(errno))
      close(s)
      throw OAuthError.cannotListen(address, why)
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
    }
    return (s, Int(UInt16(bigEndian: actual.sin_port)))
  }

  /// A listening socket on [::1]:`port`, or nil when this machine has no IPv6 loopback; a port another
  /// process holds there is refused.
  private static func bind6(_ port: Int) throws -> Int32? {
    let s = socket(
      AF_INET6, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    guard s >= 0 else { return nil }  // no IPv6 here: nothing can listen there either
    var yes: Int32 = 1
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    setsockopt(s, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in6()
    addr.sin6_family = sa_family_t(AF_INET6)
    addr.sin6_port = in_port_t(UInt16(clamping: port)).bigEndian
    addr.sin6_addr = in6addr_loopback
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
    }
    if bound != 0 {
      let code = errno
      close(s)
      if code == EADDRNOTAVAIL || code == EAFNOSUPPORT { return nil }  // ::1 is not configured
      throw OAuthError.cannotListen(
        "[::1]:\(port)",
        String(cString: strerror(code))
          + "; another process holds the port on IPv6, where a browser going to localhost may send the code")
    }
    guard listen(s, 16) == 0 else {
      close(s)
      return nil
    }
    return s
  }

  deinit {
    close(fd)
    if let fd6 { close(fd6) }
    for p in pending { close(p.fd) }
  }

  /// A connection accepted whose request is not complete yet.
  private struct Pending {
    let fd: Int32
    var data: [UInt8] = []
    let since: Double
  }
  /// Connections being read, all at once: one slow client (a slowloris on loopback) holds up nobody.
  private var pending: [Pending] = []
  /// How long a connection may take to send its request.
  static let requestTime = 5.0
  /// The most connections read at once. A process opening connections without end would otherwise
  /// run cogsh out of descriptors, and the browser's could not be accepted: past this the oldest
  /// waiting one is dropped. The browser's is read as soon as it is accepted, never the oldest for long.
  static let maximumPending = 64
  /// How many connections are being read (for tests).
  var pendingCount: Int { pending.count }

  /// The next request, waiting at most `timeout` seconds (nil when none came); Ctrl-C ends the wait
  /// when `interruptible`. Every connection is read as its bytes arrive, side by side; one that sends
  /// nothing usable, too much, or too slowly is answered 400 (or dropped) and passed over.
  public func next(timeout: Double, interruptible: Bool = true) throws -> LoopbackRequest? {
    let deadline = Date().timeIntervalSince1970 + timeout
    var buffer = [UInt8](repeating: 0, count: 4096)
    while Date().timeIntervalSince1970 < deadline {
      if interruptible && Interrupt.isRaised { throw CognitoError.interrupted }
      let listening = [fd] + (fd6.map { [$0] } ?? [])
      var polled = listening.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      polled += pending.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&polled, nfds_t(polled.count), 100)
      let now = Date().timeIntervalSince1970
      // Every connection waiting is taken at once (the listening sockets do not block): one at a time,
      // a flood would fill the kernel's queue and the browser's connection would wait on its retries.
      for (i, socket) in listening.enumerated() where ready > 0 && polled[i].revents & Int16(POLLIN) != 0 {
        for _ in 0..<Self.maximumPending {
          let client = accept(socket, nil, nil)
          guard client >= 0 else { break }
          if pending.count >= Self.maximumPending { Self.refuse(pending.removeFirst().fd) }
          _ = fcntl(client, F_SETFD, FD_CLOEXEC)
          _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
          pending.append(Pending(fd: client, since: now))
        }
      }
      var k = 0
      while k < pending.count {
        let index = k + listening.count
        var done = false
        if ready > 0, index < polled.count, polled[index].fd == pending[k].fd, polled[index].revents != 0 {
          let n = recv(pending[k].fd, &buffer, buffer.count, 0)
          if n > 0 {
            pending[k].data += buffer[..<n]
          } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
            done = true  // closed before a whole request: passed over
          }
        }
        switch done ? .bad : Self.parse(pending[k].data) {
        case .incomplete where now - pending[k].since < Self.requestTime:
          k += 1
          continue
        case .complete(let method, let target, let headers, let body):
          let client = pending.remove(at: k).fd
          _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) & ~O_NONBLOCK)
          return LoopbackRequest(fd: client, method: method, target: target, headers: headers, body: body)
        default:
          Self.refuse(pending.remove(at: k).fd)
        }
      }
    }
    return nil
  }

  /// Answers 400 and closes the connection.
  static func refuse(_ client: Int32) {
    _ = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".withCString {
      send(client, $0, strlen($0), Int32(MSG_NOSIGNAL))
    }
    close(client)
  }

  /// What the bytes of a connection hold so far.
  enum Parsed {
    case incomplete
    case bad
    case complete(method: String, target: String, headers: [String: String], body: [UInt8])
  }

  /// A request read from `data`, if it is whole; bad when it cannot become one (too large, a length that
  /// is not digits, no request line). Never traps, whatever the bytes.
  static func parse(_ data: [UInt8]) -> Parsed {
    guard let end = find([13, 10, 13, 10], in: data) else {
      return data.count > maximumRequest ? .bad : .incomplete
    }
    let headerEnd = end + 4
    let lines = String(decoding: data[..<end], as: UTF8.self).split(separator: "\r\n").map(String.init)
    var contentLength = 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers[name] = value
      if name == "content-length" {
        // Only digits, and no more than a request may hold: a negative or absurd length (another
        // local process probing) is refused, never used to slice.
        guard !value.isEmpty, value.count <= 9, value.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(value),
          n <= maximumRequest
        else { return .bad }
        contentLength = n
      }
    }
    let requestLine = (lines.first ?? "").split(separator: " ").map(String.init)
    guard requestLine.count >= 2 else { return .bad }
    guard data.count >= headerEnd + contentLength else {
      return headerEnd + contentLength > maximumRequest ? .bad : .incomplete
    }
    return .complete(
      method: requestLine[0], target: requestLine[1], headers: headers,
      body: Array(data[headerEnd..<(headerEnd + contentLength)]))
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
      return i
    }
    return nil
  }
}
