import Foundation
import Testing

@testable import Session

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
}
