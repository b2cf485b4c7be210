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
      let endpoint = Endpoint(url: server.url, region: region, isCustom: true)
      let client = CognitoClient(
        endpoint: endpoint, transport: CurlTransport(),
        credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
      guard let poolRequest = description["CreateUserPool"],
        var clientRequest = description["CreateUserPoolClient"]?.objectValue
      else { throw CommandError("the sandbox pool description lacks CreateUserPool or CreateUserPoolClient") }
      let pool = try client.call(.createUserPool, poolRequest)
      guard let poolId = pool.body["UserPool"]?["Id"]?.stringValue else {
        throw CognitoError.badResponse(action: "CreateUserPool", detail: "no UserPool.Id")
      }
      clientRequest["UserPoolId"] = .string(poolId)
      let appClient = try client.call(.createUserPoolClient, .object(clientRequest))
      guard let clientId = appClient.body["UserPoolClient"]?["ClientId"]?.stringValue else {
        throw CognitoError.badResponse(action: "CreateUserPoolClient", detail: "no UserPoolClient.ClientId")
      }
      let profile = Profile(
        poolId: poolId, clientId: clientId,
        clientSecret: appClient.body["UserPoolClient"]?["ClientSecret"]?.stringValue,
        region: region, endpointURL: server.url, flow: LoginFlow.password.rawValue, isSandbox: true)
      try ctx.store.updateProfiles { $0.profiles[profileName] = profile }
      // A new pool: whatever was signed in to the previous sandbox is gone.
      try ctx.store.deleteSession(profileName)
      ctx.explicitProfile = profileName
      ctx.overrides = Profile(output: ctx.overrides.output)
      ctx.printer.note("sandbox: moto at \(server.url), pool \(poolId), client \(clientId) (profile \"sandbox\")")
    } catch {
      server.stop()
      ctx.sandbox = nil
      throw error
    }
  }

  /// What moto 5.2.1 does not serve at all: it answers them with an HTML 500, so say so first.
  static let unserved: Set<String> = [
    "RevokeToken", "GetTokensFromRefreshToken", "ConfirmDevice", "ListDevices", "ForgetDevice", "GetDevice",
    "ResendConfirmationCode", "VerifyUserAttribute", "GetUserAttributeVerificationCode", "DeleteUser",
    "GetUserAuthFactors",
  ]

  /// The sign-in flows moto's InitiateAuth accepts; others get a raw validation error from it.
  static let servedFlows: Set<String> = [
    "USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN", "REFRESH_TOKEN_AUTH", "CUSTOM_AUTH",
    "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH",
  ]

  @Sendable static func refuseUnserved(_ action: String, _ body: JSON) throws {
    if unserved.contains(action) {
      throw CommandError(
        "the sandbox (moto) does not serve \(action)",
        hint: "Try this command against a real user pool; the sandbox cannot emulate it.")
    }
    if action == "InitiateAuth" || action == "AdminInitiateAuth", let flow = body["AuthFlow"]?.stringValue,
      !servedFlows.contains(flow)
    {
      throw CommandError(
        "the sandbox (moto) does not serve the \(flow) sign-in flow",
        hint:
          "moto signs in with srp, password, admin and custom; try --flow \(flow == "USER_AUTH" ? "user-auth " : "")"
          + "against a real user pool.")
    }
  }

  static func stop(ctx: ShellContext) throws {
    guard let server = ctx.sandbox else { throw CommandError("the sandbox is not running") }
    server.stop()
    ctx.sandbox = nil
    ctx.printer.note("sandbox stopped")
  }
}
