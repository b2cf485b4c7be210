// cogsh-bench: times the crypto hot paths in a release build. Run through scripts/bench, which
// also times pycognito on the same inputs and records both in benchmarks/.
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

let args = CommandLine.arguments
guard args.count == 2, let data = FileManager.default.contents(atPath: args[1]),
  let doc = try? JSON.parse(data), let c = doc["cases"]?.arrayValue?.first
else {
  FileHandle.standardError.write(Data("usage: cogsh-bench Tests/Vectors/srp-pycognito.json\n".utf8))
  exit(2)
}
let s = { (k: String) in c[k]!.stringValue! }
let pool = s("poolId")
let namePart = String(pool.split(separator: "_")[1])
var signature = ""
let ms = try median(runs: 200) {
  // A fresh private value each time, as a real sign-in draws one: A, then the claim.
  let a = BigNum(bytes: SecureRandom.bytes(128))
  let claim = try SRP.claim(
    a: a, namePart: namePart, userId: s("userIdForSrp"), password: s("password"), srpB: s("srpB"), salt: s("salt"),
    secretBlock: s("secretBlock"), timestamp: s("timestamp"))
  signature = claim.signature
}
precondition(!signature.isEmpty)
print(String(format: "srp_a_plus_claim_ms %.3f", ms))
