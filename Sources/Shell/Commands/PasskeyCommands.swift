import Auth
import Basics

/// `passkey register|list|delete`: cogsh as the signed-in user's passkey authenticator.
enum PasskeyCommands {
  static let all: [CommandSpec] = [passkey]

  static let passkey = CommandSpec(
    name: "passkey", group: "Sign-in", summary: "register, list or delete the signed-in user's passkeys",
    subcommands: [
      CommandSpec(
        "passkey", "register",
        summary:
          "make a passkey here and register it (StartWebAuthnRegistration, CompleteWebAuthnRegistration)",
        flags: [Flag("explain", help: "what was sent: the client data, the flags, the public key")],
        handler: { args, ctx in
          let registered = try ctx.account.registerPasskey()
          if args.has("explain") { ctx.printer.note(PasskeyExplanation.text(registered.trace)) }
          ctx.printer.result([
            "CredentialId": .string(registered.credentialId), "RelyingPartyId": .string(registered.rpId),
          ]) {
            "registered passkey \(registered.credentialId) for \(registered.rpId); its private key is kept here (0600)"
              + "\nsign in with it: login NAME --flow user-auth --preferred WEB_AUTHN"
          }
          return .proceed
        }),
      CommandSpec(
        "passkey", "list", summary: "the passkeys the pool knows for the user (ListWebAuthnCredentials); * held here",
        handler: { _, ctx in
          let list = try ctx.account.passkeys()
          ctx.printer.result(list.raw) {
            list.passkeys.isEmpty
              ? "no passkeys"
              : Table.columns(list.passkeys.map { [($0.heldHere ? "* " : "  ") + $0.id, $0.rpId, $0.name ?? ""] })
                + "\n" + Table.count(list.passkeys.count, "passkey")
          }
          return .proceed
        }),
      CommandSpec(
        "passkey", "delete", summary: "delete a passkey at the pool and here (DeleteWebAuthnCredential)",
        params: [Param("CREDENTIAL_ID")],
        handler: { args, ctx in
          let id = try args.required("CREDENTIAL_ID")
          try ctx.account.deletePasskey(id)
          ctx.printer.note("deleted passkey \(id)")
          return .proceed
        }),
    ])
}
