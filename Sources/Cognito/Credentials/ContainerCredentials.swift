/// ECS and EKS Pod Identity credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (from 169.254.170.2)
/// or `_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `_TOKEN_FILE` as the Authorization header.
enum ContainerCredentials {
  static func fetch(_ vars: [String: String], io: CredentialIO) throws -> AWSCredentials? {
    let url: String
    if let relative = vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
      url = "http://169.254.170.2" + relative
    } else if let full = vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
      url = full
    } else {
      return nil
    }
    let label = "container credentials (\(url))"
    var headers: [(String, String)] = []
    if let file = vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
      guard let token = io.readFile(file) else { throw CredentialError.failed(label, "cannot read \(file)") }
      headers.append(("Authorization", token.trimmingSpaces().trimmingNewlines()))
    } else if let token = vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
      headers.append(("Authorization", token))
    }
    let response: HTTPResponse
    do {
      response = try io.transport.send(HTTPRequest(url: url, method: "GET", headers: headers, body: []))
    } catch {
      throw CredentialError.failed(label, (error as? UserFacingError)?.message ?? "\(error)")
    }
    guard response.status == 200, let json = try? JSON.parse(bytes: response.body) else {
      throw CredentialError.failed(label, "HTTP \(response.status)")
    }
    return try Temporary.parse(json, keys: .container, label: "container credentials")
  }
}

/// IMDSv2 on an EC2 instance: a session token first, then the role's credentials; short timeouts, and
/// `AWS_EC2_METADATA_DISABLED=true` turns it off.
enum InstanceMetadataCredentials {
  /// The instance metadata service answers at once or is not there: botocore waits 1 s.
  enum IMDS { static let timeouts = (connect: 1, total: 2) }

  static func fetch(_ vars: [String: String], io: CredentialIO) throws -> AWSCredentials? {
    if vars["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
    let base = (vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254")
    let root = base.hasSuffix("/") ? String(base.dropLast()) : base
    // No instance here is the usual case off EC2: no credentials, not an error.
    guard
      let tokenResponse = try? io.transport.send(
        HTTPRequest(
          url: root + "/latest/api/token", method: "PUT", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")],
          body: [], timeouts: IMDS.timeouts)), tokenResponse.status == 200
    else { return nil }
    let token = String(decoding: tokenResponse.body, as: UTF8.self)
    let headers = [("X-aws-ec2-metadata-token", token)]
    let listURL = root + "/latest/meta-data/iam/security-credentials/"
    guard
      let list = try? io.transport.send(
        HTTPRequest(url: listURL, method: "GET", headers: headers, body: [], timeouts: IMDS.timeouts)),
      list.status == 200,
      let role = String(decoding: list.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
    else { return nil }
    let label = "instance metadata (IMDSv2), role \(role)"
    let response: HTTPResponse
    do {
      response = try io.transport.send(
        HTTPRequest(url: listURL + role, method: "GET", headers: headers, body: [], timeouts: IMDS.timeouts))
    } catch {
      throw CredentialError.failed(label, (error as? UserFacingError)?.message ?? "\(error)")
    }
    guard response.status == 200, let json = try? JSON.parse(bytes: response.body) else {
      throw CredentialError.failed(label, "HTTP \(response.status)")
    }
    return try Temporary.parse(json, keys: .container, label: label)
  }
}
