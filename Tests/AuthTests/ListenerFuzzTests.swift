import Foundation
import FuzzSupport
import Testing

@testable import Auth

/// The managed-login listener fuzzed as a real socket: seeded, bounded waves of mutated requests
/// from other connections, while it waits for the one callback that matters.
@Suite("Fuzz: the listener as a real socket", .serialized)
struct ListenerFuzzTests {
  static let templates = [
    "GET /callback?code=c0de&state=st4te HTTP/1.1\r\nHost: localhost:3333\r\nAccept: */*\r\n\r\n",
    "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      + "Content-Length: 26\r\n\r\nusername=u&password=p%20w",
    "GET /?error=access_denied&error_description=%1B%5D0%3BPWNED%07&state=x HTTP/1.1\r\n\r\n",
  ].map { Array($0.utf8) }
  static let alphabet = Array("GETPOST /?=&%:;\r\n\t 0123456789-+.Content-Length".utf8) + [0, 0x1B, 0x7F, 0xC3, 0xFF]

  /// Reads what the server sent to `fd` within `seconds`, until it closes.
  static func answer(_ fd: Int32, within seconds: Int32 = 5) -> String {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, seconds * 1000) > 0 else { break }
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      out += buffer[..<n]
    }
    return String(decoding: out, as: UTF8.self)
  }

  @Test("mutated requests, sent whole, in pieces or cut off: no trap, and after each wave the real callback is read")
  func mutatedWaves() throws {
    var rng = SplitMix(seed: 0x0160)
    let listener = try LoopbackListener(port: 0)
    // A wave is smaller than the listen backlog (16): the test connects while the listener is not yet
    // accepting, and a connect beyond the backlog would wait on the kernel's SYN retries.
    for wave in 0..<40 {
      var open: [Int32] = []
      for i in 0..<12 {
        var bytes = FuzzMutation.mutate(Self.templates[i % Self.templates.count], &rng, alphabet: Self.alphabet)
        // A length at the edges of what a number can be, before whatever length was there.
        if rng.next() % 4 == 0, let at = LoopbackListener.find(Array("Length: ".utf8), in: bytes) {
          let number = FuzzMutation.edgeNumbers[Int(rng.next() % UInt64(FuzzMutation.edgeNumbers.count))]
          bytes.insert(contentsOf: Array(number.utf8), at: at + 8)
        }
        let fd: Int32
        switch rng.next() % 3 {
        case 0:  // whole
          fd = ListenerTests.send(bytes, to: listener.port)
        case 1:  // in pieces, one send each
          fd = ListenerTests.send([], to: listener.port)
          var at = 0
          while at < bytes.count {
            let size = 1 + Int(rng.next() % 16)
            let piece = Array(bytes[at..<min(bytes.count, at + size)])
            _ = piece.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            at += size
          }
        default:  // cut off, and left open
          fd = ListenerTests.send(Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))), to: listener.port)
        }
        if rng.next() % 4 == 0 { shutdown(fd, Int32(SHUT_WR)) }
        open.append(fd)
      }
      let marker = "wave-\(wave)"
      let real = ListenerTests.send(
        Array("GET /callback?code=\(marker)&state=s HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), to: listener.port)
      open.append(real)
      defer { open.forEach { close($0) } }
      // Mutations that are still whole requests come first; each is answered, as the sign-in answers one.
      var found: LoopbackRequest?
      for _ in 0..<100 {
        guard let request = try listener.next(timeout: 10, interruptible: false) else { break }
        if request.query["code"] == marker {
          found = request
          break
        }
        request.respond(status: 400, body: "not this sign-in")
      }
      #expect(found != nil, "wave \(wave): the real callback was not read")
      found?.respond(status: 200, body: "signed in")
      #expect(Self.answer(real).hasPrefix("HTTP/1.1 200 OK"), "wave \(wave)")
      #expect(listener.pendingCount <= LoopbackListener.maximumPending)
    }
  }

  @Test("200 connections that send nothing: past 64 the oldest are dropped, and the real callback is read")
  func flood() throws {
    let listener = try LoopbackListener(port: 0)
    let result = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var received: LoopbackRequest?
    DispatchQueue.global().async {
      received = try? listener.next(timeout: 20, interruptible: false)
      result.signal()
    }
    let idle = (0..<200).map { _ in ListenerTests.send([], to: listener.port) }
    let real = ListenerTests.send(
      Array("GET /callback?code=real&state=s HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), to: listener.port)
    defer { (idle + [real]).forEach { close($0) } }
    result.wait()
    #expect(received?.query["code"] == "real")
    received?.respond(status: 200, body: "ok")
    #expect(listener.pendingCount <= LoopbackListener.maximumPending)
    // Dropped before the real one was accepted: their answer (a 400, then the close) is already there.
    let dropped = idle.filter { Self.answer($0, within: 0).hasPrefix("HTTP/1.1 400") }.count
    #expect(dropped >= 200 - LoopbackListener.maximumPending, "\(dropped) dropped")
    #expect(Self.answer(real).hasPrefix("HTTP/1.1 200 OK"))
  }
}
