import Basics

/// `credential_process`: a command that prints `{"Version": 1, "AccessKeyId": …}` on standard output.
enum ProcessCredentials {
  static func run(_ command: String, profile: String, io: CredentialIO) throws -> AWSCredentials {
    let label = "credential_process, profile \(profile)"
    let output = try io.run(command)
    guard let json = try? JSON.parse(output) else { throw CredentialError.failed(label, "the output is not JSON") }
    guard json["Version"]?.numberValue == 1 else {
      throw CredentialError.failed(label, "the output's Version is not 1")
    }
    return try Temporary.parse(json, keys: .process, label: label)
  }
}

/// Reading temporary credentials from the JSON shapes the sources answer with.
enum Temporary {
  struct Keys {
    var accessKey: String
    var secretKey: String
    var token: String
    var expiration: String
    static let process = Keys(
      accessKey: "AccessKeyId", secretKey: "SecretAccessKey", token: "SessionToken", expiration: "Expiration")
    static let container = Keys(
      accessKey: "AccessKeyId", secretKey: "SecretAccessKey", token: "Token", expiration: "Expiration")
    static let sso = Keys(
      accessKey: "accessKeyId", secretKey: "secretAccessKey", token: "sessionToken", expiration: "expiration")
  }

  static func parse(_ json: JSON, keys: Keys, label: String) throws -> AWSCredentials {
    guard let ak = json[keys.accessKey]?.stringValue, let sk = json[keys.secretKey]?.stringValue, !ak.isEmpty,
      !sk.isEmpty
    else { throw CredentialError.failed(label, "the answer has no \(keys.accessKey) and \(keys.secretKey)") }
    var expiration: Double?
    if let text = json[keys.expiration]?.stringValue {
      guard let t = CivilDate.epochSeconds(iso8601: text) else {
        throw CredentialError.failed(label, "\(keys.expiration) \(text) is not an ISO 8601 time")
      }
      expiration = t
    } else if let ms = json[keys.expiration]?.numberValue, EpochSeconds.isTime(ms / 1000) {
      expiration = ms / 1000
    }
    return AWSCredentials(
      accessKeyId: ak, secretAccessKey: sk, sessionToken: json[keys.token]?.stringValue, source: label,
      expiration: expiration)
  }
}
