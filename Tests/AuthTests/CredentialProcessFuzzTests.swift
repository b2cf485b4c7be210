import Basics
import Cognito
import Foundation
import FuzzSupport
import Testing

/// `credential_process` fuzzed as a real process: seeded, bounded cases of what a broken or hostile
/// command does — mangled JSON, odd exits and signals, output at the size limit, a stdout closed or
/// handed to a child while the command lingers. Each ends in credentials or a message, in bounded time.
@Suite("Fuzz: credential_process as a real process")
struct CredentialProcessFuzzTests {
  static let valid = Array(
    #"{"Version":1,"AccessKeyId":"AKIAFUZZ","SecretAccessKey":"s3cr3t","SessionToken":"t","Expiration":"2099-01-01T00:00:00Z"}"#
      .utf8)
  /// How long a case's command may run: short, so the lingering ones end quickly.
  static let timeout = 0.3

  /// What the command does with the output file F; the last ones linger and must be ended by the limit.
  static let behaviours = [
    "cat F", "cat F; exit CODE", "cat F >/dev/null", "cat F; kill -SEGV $$", "cat F; cat F", "printf '%s' \"$(cat F)\"",
    "head -c SIZE /dev/zero", "exec >&-; cat F >/dev/null", "cat F; exec >&-; exec sleep 30", "cat F; sleep 30 &",
  ]
  static let lingering = 2

  final class Outcome: @unchecked Sendable {
    var credentials: AWSCredentials?
    var error: Error?
  }

  /// Resolves the chain for a profile whose credential_process is `command`; nil when it never ended.
  static func resolve(_ command: String) -> Outcome? {
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let config = try! SharedConfig.parse("[profile p]\ncredential_process = \(command)\n", isConfigFile: true)
      let chain = CredentialChain(
        env: AWSEnvironment(variables: ["AWS_PROFILE": "p", "AWS_EC2_METADATA_DISABLED": "true"], config: config),
        explicitProfile: nil, io: CredentialIO(run: { try CredentialIO.shell($0, timeout: timeout) }))
      do { outcome.credentials = try chain.resolve() } catch { outcome.error = error }
      done.signal()
    }
    // A safety net, not a synchronisation: a case that never ends fails the test instead of hanging it.
    return done.wait(timeout: .now() + timeout + 10) == .success ? outcome : nil
  }

  @Test("mangled output, odd exits and signals, the size limit, a lingering command: credentials or a message")
  func hostileProcesses() throws {
    var rng = SplitMix(seed: 0x0170)
    let dir = TempDir()
    try FileManager.default.createDirectory(atPath: dir.path, withIntermediateDirectories: true)
    var given = 0
    var refused = 0
    for i in 0..<150 {
      let file = dir.path + "/out-\(i)"
      var bytes = FuzzMutation.mutate(Self.valid, &rng, alphabet: FuzzMutation.jsonAlphabet)
      if i % 5 == 0 { bytes = Self.valid }
      if i % 7 == 0, let at = bytes.firstIndex(of: UInt8(ascii: "1")) {
        let number = FuzzMutation.edgeNumbers[Int(rng.next() % UInt64(FuzzMutation.edgeNumbers.count))]
        bytes.replaceSubrange(at...at, with: Array(number.utf8))
      }
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      // Lingering cases one in ten: each costs the time limit.
      let pick =
        i % 10 == 9
        ? Self.behaviours.count - 1 - Int(rng.next() % UInt64(Self.lingering))
        : Int(rng.next() % UInt64(Self.behaviours.count - Self.lingering))
      let sizes = [
        CredentialIO.processOutputLimit - 1, CredentialIO.processOutputLimit, CredentialIO.processOutputLimit + 1,
      ]
      let command = Self.behaviours[pick].replacingOccurrences(of: "F", with: "'\(file)'")
        .replacingOccurrences(of: "CODE", with: "\(rng.next() % 256)")
        .replacingOccurrences(of: "SIZE", with: "\(sizes[Int(rng.next() % 3)])")
      guard let outcome = Self.resolve(command) else {
        Issue.record("case \(i) never ended: \(command)")
        continue
      }
      if let credentials = outcome.credentials {
        given += 1
        #expect(!credentials.accessKeyId.isEmpty && !credentials.secretAccessKey.isEmpty, "case \(i)")
      } else if let error = outcome.error as? UserFacingError {
        refused += 1
        #expect(
          error.message.hasPrefix("cannot get AWS credentials from credential_process"), "case \(i): \(error.message)")
      } else {
        Issue.record(
          "case \(i): neither credentials nor a message: \(String(describing: outcome.error)) for \(command)")
      }
    }
    #expect(given > 0 && refused > 0, "\(given) given, \(refused) refused")
  }
}
