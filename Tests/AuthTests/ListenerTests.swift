import Foundation
import Testing

@testable import Auth

/// The managed-login listener, attacked by another local process while it waits.
@Suite("the loopback listener under attack")
struct ListenerTests {
  /// A connection to `port` that sends `bytes` and stays open until the test ends.
  static func send(_ bytes: [UInt8], to port: Int) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    _ = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    return fd
  }

  @Test("malformed and hostile requests are refused without a trap, and the real one after them is read")
  func hostile() throws {
    let listener = try LoopbackListener(port: 0)
    let bad = [
      "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\nabc", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: ４２\r\n\r\n", "\r\n\r\n", "GARBAGE\r\n\r\n",
    ]
    var open = bad.map { Self.send(Array($0.utf8), to: listener.port) }
    open.append(Self.send([0xFF, 0xFE, 0x00, 13, 10, 13, 10], to: listener.port))
    open.append(Self.send(Array("GET /?code=real&state=s HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), to: listener.port))
    defer { open.forEach { close($0) } }
    let request = try listener.next(timeout: 10, interruptible: false)
    #expect(request?.path == "/" && request?.query["code"] == "real")
  }

  @Test("a client that holds its connection open, sending slowly, blocks nobody: the real request is read at once")
  func slowClient() throws {
    let listener = try LoopbackListener(port: 0)
    let slow = Self.send(Array("GET /?code=slow".utf8), to: listener.port)  // and then nothing more
    let slower = Self.send(Array("G".utf8), to: listener.port)
    let real = Self.send(Array("GET /?code=real HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), to: listener.port)
    defer { [slow, slower, real].forEach { close($0) } }
    // Shorter than the time a connection is allowed to take: waiting on the slow ones would miss it.
    let request = try listener.next(timeout: 2, interruptible: false)
    #expect(request?.query["code"] == "real")
  }

  /// A socket listening on [::1]:`port` (0: any), or nil when this machine has no IPv6 loopback.
  static func listen6(_ port: Int) -> (fd: Int32, port: Int)? {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var yes: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in6()
    addr.sin6_family = sa_family_t(AF_INET6)
    addr.sin6_port = in_port_t(UInt16(port)).bigEndian
    addr.sin6_addr = in6addr_loopback
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
    }
    guard bound == 0, listen(fd, 4) == 0 else {
      close(fd)
      return nil
    }
    var actual = sockaddr_in6()
    var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: actual.sin6_port)))
  }

  @Test("a process holding the port on [::1] stops the listener from starting, rather than receive the code")
  func ipv6Squatter() throws {
    guard let squatter = Self.listen6(0) else { return }  // no IPv6 loopback here: nothing can squat it
    defer { close(squatter.fd) }
    #expect(throws: OAuthError.self) { _ = try LoopbackListener(port: squatter.port) }
    do {
      _ = try LoopbackListener(port: squatter.port)
    } catch {
      #expect((error as? OAuthError)?.message.contains("another process holds the port on IPv6") == true, "\(error)")
    }
    // Any free port: cogsh holds both sides.
    let listener = try LoopbackListener(port: 0)
    #expect(Self.listen6(listener.port) == nil, "the ::1 side is taken by cogsh itself")
  }
}
