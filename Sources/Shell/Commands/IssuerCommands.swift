import Auth
import Basics
import Foundation

/// `issuer serve`: the JWKS and OpenID configuration of cogsh's minting key, on loopback, at the issuer URL
/// that `jwt mint --issuer-url` puts in tokens, so that a backend's verifier fetches keys as from a pool.
enum IssuerCommands {
  static let issuer = CommandSpec(
    name: "issuer", group: "Tokens", summary: "serve the minting key's JWKS and OpenID configuration on loopback",
    subcommands: [serve])

  static let serve = CommandSpec(
    "issuer", "serve",
    summary: "serve /.well-known/jwks.json and openid-configuration at http://127.0.0.1:PORT/NAME until Ctrl-C",
    flags: [
      Flag("port", value: "P", help: "the port (default: a free one, printed)"),
      Flag("name", value: "NAME", help: "the issuer's path (default: the profile's pool id, else cogsh)"),
      Flag("key", value: "FILE", help: "serve this RSA key's public half instead of cogsh's", completion: .files),
    ],
    handler: { args, ctx in
      var port = 0
      if let p = args.flag("port") {
        guard let n = Int(p), (1...65535).contains(n) else {
          throw UsageError.invalidOption("issuer serve: --port takes 1 to 65535, not \(UsageError.shown(p))")
        }
        port = n
      }
      let name = args.flag("name") ?? (try? ctx.configuration.settings().poolId) ?? nil ?? "cogsh"
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
        throw UsageError.invalidOption("issuer serve: --name is letters, digits, - _ and . only")
      }
      let key = try ctx.account.mintKey(file: args.flag("key"))
      let jwks = try TokenMint.jwks(key).serialized()
      // Through Account: a walkthrough's preview stops at the listener instead of serving forever.
      let listener = try ctx.account.listen(port)
      let issuer = "http://127.0.0.1:\(listener.port)/\(name)"
      let configuration = JSON.object([
        "issuer": .string(issuer), "jwks_uri": .string(issuer + "/.well-known/jwks.json"),
        "id_token_signing_alg_values_supported": ["RS256"], "subject_types_supported": ["public"],
        "response_types_supported": ["code", "token"], "scopes_supported": ["openid", "email", "phone", "profile"],
      ]).serialized()
      ctx.printer.result(["issuer": .string(issuer), "jwksURI": .string(issuer + "/.well-known/jwks.json")]) {
        "serving \(issuer)/.well-known/jwks.json and openid-configuration; Ctrl-C stops\n"
          + "mint tokens for it: jwt mint --issuer-url \(issuer)"
      }
      while true {
        guard let request = try? listener.next(timeout: 3600) else { break }
        switch request.path {
        case "/\(name)/.well-known/jwks.json":
          request.respond(status: 200, contentType: "application/json", body: jwks)
        case "/\(name)/.well-known/openid-configuration":
          request.respond(status: 200, contentType: "application/json", body: configuration)
        default:
          request.respond(status: 404, contentType: "application/json", body: #"{"error":"not found"}"#)
        }
      }
      ctx.printer.note("issuer serve: stopped")
      return .proceed
    })
}
