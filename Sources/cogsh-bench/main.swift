import Auth
// cogsh-bench: times the crypto hot paths in a release build. Run through scripts/bench, which
// also times pycognito on the same inputs and records both in benchmarks/.
import Basics
import Cognito
import Foundation

/// Median wall time of `body` over `runs` runs, in milliseconds.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  return times.sorted()[runs / 2]
}

/// Operations a second over `seconds` of repeated `body`.
func rate(seconds: Double = 1, _ body: () throws -> Void) rethrows -> Double {
  var count = 0
  let start = DispatchTime.now().uptimeNanoseconds
  var elapsed = 0.0
  repeat {
    for _ in 0..<1000 { try body() }
    count += 1000
    elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  } while elapsed < seconds
  return Double(count) / elapsed
}

let args = CommandLine.arguments
let vectorDir = args.count == 2 ? args[1] : "Tests/Vectors"
guard let data = FileManager.default.contents(atPath: vectorDir + "/srp-pycognito.json"),
  let doc = try? JSON.parse(data), let c = doc["cases"]?.arrayValue?.first,
  let jwtDoc = try? JSON.parse(FileManager.default.contents(atPath: vectorDir + "/jwt-pyjwt.json") ?? Data()),
  let jwksDoc = try? JSON.parse(FileManager.default.contents(atPath: vectorDir + "/jwks-test.json") ?? Data())
else {
  FileHandle.standardError.write(Data("usage: cogsh-bench [VECTOR_DIR] (default Tests/Vectors)\n".utf8))
  exit(2)
}
let s = { (k: String) in c[k]!.stringValue! }
let pool = s("poolId")
let namePart = String(pool.split(separator: "_")[1])
var signature = "x"
let profiling = ProcessInfo.processInfo.environment["COGSH_BENCH_PROFILE"] != nil
let ms = try median(runs: profiling ? 1 : 200) {
  // A fresh private value each time, as a real sign-in draws one: A, then the claim.
  let a = SRP.randomPrivateValue()
  let claim = try SRP.claim(
    a: a, namePart: namePart, userId: s("userIdForSrp"), password: s("password"), srpB: s("srpB"), salt: s("salt"),
    secretBlock: s("secretBlock"), timestamp: s("timestamp"))
  signature = claim.signature
}
precondition(!signature.isEmpty)
print(String(format: "srp_a_plus_claim_ms %.3f", ms))

// JWTs: one valid id token; the key is parsed once (cached), as a backend would hold it.
let token = jwtDoc["cases"]!.arrayValue!.first { $0["name"] == "valid-id" }!["token"]!.stringValue!
let jwks = try JWKS.parse(jwksDoc)
let expect = VerifyExpectations(
  issuer: jwtDoc["issuer"]!.stringValue!, clientId: jwtDoc["clientId"]!.stringValue!, tokenUse: "id")
let now = jwtDoc["now"]!.numberValue!
var sink = 0
if ProcessInfo.processInfo.environment["COGSH_BENCH_PROFILE"] == "decode" {
  // A fixed amount of decoding, for `valgrind --tool=callgrind`.
  for _ in 0..<20000 { sink &+= try DecodedJWT.decode(token).claims.count }
  print(sink)
  exit(0)
}
// The machine is a shared VM: take the best of five one-second rounds as its undisturbed speed.
let decodes = try (0..<5).map { _ in try rate { sink &+= try DecodedJWT.decode(token).claims.count } }.max()!
let verifies = try (0..<5).map { _ in
  try rate {
    let jwt = try DecodedJWT.decode(token)
    let results = JWTVerifier.verify(jwt, key: { jwks.keys[$0] }, expect: expect, now: now)
    precondition(!results.contains { $0.status == .failed })
    sink &+= results.count
  }
}.max()!
precondition(sink > 0)
print(String(format: "jwt_decode_per_s %.0f", decodes))
print(String(format: "jwt_verify_per_s %.0f", verifies))
