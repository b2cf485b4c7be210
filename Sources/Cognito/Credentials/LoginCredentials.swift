import Basics
import CCrypto
import Foundation

/// `aws login`: a profile's `login_session`, whose credentials the AWS CLI caches in
/// `~/.aws/login/cache/SHA256(session).json` (or AWS_LOGIN_CACHE_DIRECTORY). Used while they last;
/// within five minutes of their end refreshed at AWS Sign-In (CreateOAuth2Token) with the cached
/// refresh token and a DPoP proof signed by the cached key, and the cache rewritten, as the AWS SDKs
/// (smithy-rs's login provider, whose test cases LoginCredentialsTests runs) do.
enum LoginCredentials {
  static func fetch(profile: String, session: String, region: String, chain: CredentialChain) throws -> AWSCredentials {
    let label = "aws login session, profile \(profile)"
    func fail(_ why: String) -> CredentialError { .failed(label, why) }
    let home = chain.env.variables["HOME"] ?? NSHomeDirectory()
    let dir =
      chain.env.variables["AWS_LOGIN_CACHE_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.aws/login/cache"
    let file = dir + "/" + Encoding.hex(Digest.sha256(session.trimmingSpaces())) + ".json"
    guard let text = chain.io.readFile(file), let cache = try? JSON.parse(text) else {
      throw fail("no cached session in \(file); run `aws login --profile \(profile)`")
    }
    for key in ["accessToken", "clientId", "refreshToken", "dpopKey"] where cache[key] == nil {
      throw fail("the cached session in \(file) has no \(key); run `aws login --profile \(profile)`")
    }
    var credentials = try Self.credentials(cache["accessToken"] ?? .null, label: label)
    if let ends = credentials.expiration, ends - chain.io.now() < 300 {
      credentials = try refresh(cache, file: file, region: region, label: label, chain: chain)
    }
    return credentials
  }

  static func credentials(_ token: JSON, label: String) throws -> AWSCredentials {
    guard let key = token["accessKeyId"]?.stringValue, let secret = token["secretAccessKey"]?.stringValue else {
      throw CredentialError.failed(label, "the cached accessToken has no accessKeyId and secretAccessKey")
    }
    return AWSCredentials(
      accessKeyId: key, secretAccessKey: secret, sessionToken: token["sessionToken"]?.stringValue, source: label,
      expiration: token["expiresAt"]?.stringValue.flatMap(CivilDate.epochSeconds(iso8601:)))
  }

  static func refresh(_ cache: JSON, file: String, region: String, label: String, chain: CredentialChain) throws
    -> AWSCredentials
  {
    let endpoint = try Endpoint.resolve(
      url: chain.env.endpointURL(service: Service.signIn.environmentId, explicitProfile: chain.explicitProfile),
      region: region, service: .signIn)
    let url = endpoint.url.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/v1/token"
    let proof = try dpop(key: cache["dpopKey"]?.stringValue ?? "", url: url, now: chain.io.now())
    let body: JSON = [
      "tokenInput": [
        "clientId": cache["clientId"] ?? .null, "refreshToken": cache["refreshToken"] ?? .null,
        "grantType": "refresh_token",
      ]
    ]
    let response = try chain.io.transport.send(
      HTTPRequest(
        url: url, headers: [("Content-Type", "application/json"), ("DPoP", proof)],
        body: Array(body.serialized().utf8)))
    guard response.status == 200, let answer = try? JSON.parse(bytes: response.body),
      let output = answer["tokenOutput"], let token = output["accessToken"]?.objectValue,
      let lifetime = output["expiresIn"]?.numberValue
    else {
      let why = (try? JSON.parse(bytes: response.body))?["message"]?.stringValue ?? "HTTP \(response.status)"
      throw CredentialError.failed(label, "the session could not be refreshed (\(why)); run `aws login` again")
    }
    var access = token
    access["expiresAt"] = .string(CivilDate.iso8601(epochSeconds: chain.io.now() + EpochSeconds.clamped(lifetime)))
    if access["accountId"] == nil { access["accountId"] = cache["accessToken"]?["accountId"] }
    var updated = cache.objectValue ?? [:]
    updated["accessToken"] = .object(access)
    if let next = output["refreshToken"] { updated["refreshToken"] = next }
    try PrivateFile.replace(file, with: Array(JSON.object(updated).serialized(pretty: true).utf8))
    return try credentials(.object(access), label: label)
  }

  /// A DPoP proof (RFC 9449) for a POST to `url`: an ES256 JWT whose header carries the key's public half.
  static func dpop(key pem: String, url: String, now: Double) throws -> String {
    var x = [UInt8](repeating: 0, count: 32)
    var y = [UInt8](repeating: 0, count: 32)
    var signature = [UInt8](repeating: 0, count: 64)
    // The public point first, from a signature over nothing: the header needs it before the message.
    let pemBytes = Array(pem.utf8)
    guard
      pemBytes.withUnsafeBufferPointer({ p in
        p.withMemoryRebound(to: CChar.self) { cogsh_es256_sign($0.baseAddress, p.count, [], 0, &signature, &x, &y) }
      }) == 1
    else { throw CredentialError.failed("aws login session", "the cached dpopKey is not an EC P-256 private key") }
    let header: JSON = [
      "typ": "dpop+jwt", "alg": "ES256",
      "jwk": ["kty": "EC", "crv": "P-256", "x": .string(Base64URL.encode(x)), "y": .string(Base64URL.encode(y))],
    ]
    let payload: JSON = [
      "jti": .string(UUID().uuidString.lowercased()), "htm": "POST", "htu": .string(url),
      "iat": .number(now.rounded(.down)),
    ]
    let message =
      Base64URL.encode(Array(header.serialized().utf8)) + "." + Base64URL.encode(Array(payload.serialized().utf8))
    let bytes = Array(message.utf8)
    guard
      pemBytes.withUnsafeBufferPointer({ p in
        p.withMemoryRebound(to: CChar.self) {
          cogsh_es256_sign($0.baseAddress, p.count, bytes, bytes.count, &signature, &x, &y)
        }
      }) == 1
    else { throw CredentialError.failed("aws login session", "the DPoP proof could not be signed") }
    return message + "." + Base64URL.encode(signature)
  }
}
