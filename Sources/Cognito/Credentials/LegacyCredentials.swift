/// The two older files botocore still reads after the profile's sources, before the container and
/// instance metadata: the original EC2 tools' `AWS_CREDENTIAL_FILE` (AWSAccessKeyId=…, AWSSecretKey=…)
/// and boto 2's config (`BOTO_CONFIG`, else /etc/boto.cfg and ~/.boto; its `[Credentials]` section).
enum LegacyCredentials {
  static func ec2CredentialFile(_ env: AWSEnvironment, io: CredentialIO) -> AWSCredentials? {
    guard let path = env.variables["AWS_CREDENTIAL_FILE"], let text = io.readFile(expanded(path, env)) else {
      return nil
    }
    var pairs: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      guard let eq = line.firstIndex(of: "=") else { continue }
      pairs[String(line[..<eq]).trimmingSpaces()] = String(line[line.index(after: eq)...]).trimmingSpaces()
    }
    guard let key = pairs["AWSAccessKeyId"], let secret = pairs["AWSSecretKey"] else { return nil }
    return AWSCredentials(accessKeyId: key, secretAccessKey: secret, source: "AWS_CREDENTIAL_FILE \(path)")
  }

  static func botoConfig(_ env: AWSEnvironment, io: CredentialIO) -> AWSCredentials? {
    let places = env.variables["BOTO_CONFIG"].map { [$0] } ?? ["/etc/boto.cfg", "~/.boto"]
    for place in places {
      guard let text = io.readFile(expanded(place, env)),
        let section = (try? SharedConfig.parse(text, isConfigFile: false))?.profiles["Credentials"],
        let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"]
      else { continue }
      return AWSCredentials(accessKeyId: key, secretAccessKey: secret, source: "boto config \(place)")
    }
    return nil
  }

  static func expanded(_ path: String, _ env: AWSEnvironment) -> String {
    guard path.hasPrefix("~/"), let home = env.variables["HOME"] else { return path }
    return home + path.dropFirst()
  }
}
