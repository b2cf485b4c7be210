import Cognito
import Foundation
import Session

/// `--sandbox` and `sandbox start|stop|status`: a moto server with the article's pool.
enum Sandbox {
  static let profileName = "sandbox"
  static let region = "us-east-1"
  static let poolFile = "examples/sandbox-pool.json"

  /// The pool description: the CreateUserPool and CreateUserPoolClient request bodies.
  static func poolDescription(ctx: ShellContext) throws -> JSON {
    let path =
      ctx.environment["COGSH_SANDBOX_POOL"]
      ?? ProjectFiles.find(poolFile, executablePath: CommandLine.arguments[0])
    guard let path, let data = FileManager.default.contents(atPath: path) else {
      throw CommandError(
        "cannot find the sandbox pool description \(poolFile)", hint: "Set COGSH_SANDBOX_POOL to its path.")
    }
    let json = try JSON.parse(data)
    guard json["CreateUserPool"]?.objectValue != nil, json["CreateUserPoolClient"]?.objectValue != nil else {
      throw CommandError("\(path) needs CreateUserPool and CreateUserPoolClient objects")
    }
    return json
  }

  /// Starts moto, creates the pool and client, saves and selects the `sandbox` profile.
  static func start(ctx: ShellContext) throws {
    if let running = ctx.sandbox, running.isRunning {
      throw CommandError("the sandbox is already running at \(running.url)")
    }
    let description = try poolDescription(ctx: ctx)
    guard let exe = MotoServer.locateExecutable(environment: ctx.environment, executablePath: CommandLine.arguments[0])
    else {
      throw MotoServer.Failure.notInstalled
    }
    try ctx.store.files.ensureDirectory()
    let server = try MotoServer.start(
      executable: exe, logPath: ctx.store.files.path("sandbox.log"),
      extraEnvironment: ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP": "true"])
    ctx.sandbox = server
    do {
      let created = try ctx.account.createSandboxPool(description: description, url: server.url, region: region)
      let authorizer = try SandboxAuthorizer(pool: created, motoURL: server.url, region: region)
      authorizer.start()
      ctx.sandboxAuthorizer = authorizer
      let profile = Profile(
        poolId: created.poolId, clientId: created.clientId, clientSecret: created.clientSecret,
        region: region, endpointURL: server.url, flow: LoginFlow.password.rawValue, isSandbox: true,
        domain: authorizer.url, identityPoolId: created.identityPoolId)
      try ctx.store.updateProfiles { $0.profiles[profileName] = profile }
      // A new pool: whatever was signed in to the previous sandbox is gone.
      try ctx.store.deleteSession(profileName)
      ctx.configuration.explicitProfile = profileName
      ctx.configuration.overrides = Profile(output: ctx.configuration.overrides.output)
      ctx.printer.note(
        "sandbox: moto at \(server.url), pool \(created.poolId), client \(created.clientId) (profile \"sandbox\")")
      ctx.printer.diagnostic(
        "sandbox: managed login at \(authorizer.url) (cogsh's stand-in: moto has no hosted UI; login --hosted)")
    } catch {
      server.stop()
      ctx.sandboxAuthorizer?.stop()
      ctx.sandbox = nil
      throw error
    }
  }

  static func stop(ctx: ShellContext) throws {
    guard let server = ctx.sandbox else { throw CommandError("the sandbox is not running") }
    server.stop()
    ctx.sandboxAuthorizer?.stop()
    ctx.sandboxAuthorizer = nil
    ctx.sandbox = nil
    ctx.printer.note("sandbox stopped")
  }
}
