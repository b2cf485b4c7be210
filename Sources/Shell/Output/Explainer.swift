import Auth
import Basics
import Cognito
import Foundation

/// Hints that need a look at the pool: added to a service error before it is shown.
enum Explainer {
  /// `error`, with a better hint where cogsh can fetch the cause (e.g. the pool's password policy).
  static func enrich(_ error: Error, ctx: ShellContext) -> Error {
    // On the sandbox's profile a refused connection means one thing: another shell stopped it.
    if case CognitoError.transport(_, let url, _) = error, (try? ctx.configuration.settings().isSandbox) == true,
      let host = URLComponents(string: url)?.host, Endpoint.isLoopback(host), Sandbox.status(ctx: ctx) == nil
    {
      return CommandError(
        "the sandbox is stopped (nothing answers at \(url))",
        hint: "Start it with `sandbox start` (for every shell) or `cogsh --sandbox`; its pool is made anew.")
    }
    guard case CognitoError.service(let e) = error, e.code == "InvalidPasswordException",
      let policy = try? passwordPolicy(ctx)
    else { return error }
    return CommandError(
      CognitoError.service(e).message, hint: "The pool's password policy: \(policy).",
      detail: CognitoError.service(e).detail)
  }

  /// The pool's password policy in words, from DescribeUserPool (needs AWS credentials).
  static func passwordPolicy(_ ctx: ShellContext) throws -> String {
    let p = try ctx.account.passwordPolicy()
    var parts = ["at least \(EpochSeconds.describe(p.minimumLength)) characters"]
    let words: [PasswordPolicy.CharacterClass: String] = [
      .lowercase: "a lower-case letter", .uppercase: "an upper-case letter", .numbers: "a digit", .symbols: "a symbol",
    ]
    let classes = p.required.compactMap { words[$0] }
    parts.append(classes.isEmpty ? "no character classes required" : "with " + classes.joined(separator: ", "))
    return parts.joined(separator: ", ")
  }
}
