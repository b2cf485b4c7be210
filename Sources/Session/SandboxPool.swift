import Cognito

/// The sandbox's pool and app client, as created on a fresh moto server.
public struct SandboxPool: Codable, Sendable, Equatable {
  public var poolId: String
  public var clientId: String
  public var clientSecret: String?
  /// The identity pool created beside it, with this pool and client as its provider.
  public var identityPoolId: String?
}

extension Account {
  /// Creates the pool and app client `description` holds (CreateUserPool and CreateUserPoolClient
  /// request bodies) on the moto server at `url`, with the dummy credentials moto accepts.
  public func createSandboxPool(description: JSON, url: String, region: String) throws -> SandboxPool {
    let client = CognitoClient(
      endpoint: Endpoint(url: url, region: region, isCustom: true), transport: transport,
      credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
    client.trace = observe
    guard let poolRequest = description["CreateUserPool"],
      var clientRequest = description["CreateUserPoolClient"]?.objectValue
    else { throw CognitoError.badResponse(action: "CreateUserPool", detail: "no request body in the description") }
    let pool = try client.call(.createUserPool, poolRequest)
    guard let poolId = pool.body["UserPool"]?["Id"]?.stringValue else {
      throw CognitoError.badResponse(action: "CreateUserPool", detail: "no UserPool.Id")
    }
    clientRequest["UserPoolId"] = .string(poolId)
    let appClient = try client.call(.createUserPoolClient, .object(clientRequest))
    guard let clientId = appClient.body["UserPoolClient"]?["ClientId"]?.stringValue else {
      throw CognitoError.badResponse(action: "CreateUserPoolClient", detail: "no UserPoolClient.ClientId")
    }
    let identity = CognitoClient(
      service: .identityPools, endpoint: Endpoint(url: url, region: region, isCustom: true), transport: transport,
      credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
    identity.trace = observe
    let identityPool = try identity.call(
      Action("CreateIdentityPool"),
      [
        "IdentityPoolName": "dev", "AllowUnauthenticatedIdentities": true,
        "CognitoIdentityProviders": [
          ["ProviderName": .string(IdentityRequests.loginsKey(poolId: poolId)), "ClientId": .string(clientId)]
        ],
      ]
    ).body["IdentityPoolId"]?.stringValue
    return SandboxPool(
      poolId: poolId, clientId: clientId, clientSecret: appClient.body["UserPoolClient"]?["ClientSecret"]?.stringValue,
      identityPoolId: identityPool)
  }
}
