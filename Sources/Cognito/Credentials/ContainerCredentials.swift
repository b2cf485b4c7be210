import Basics
import Foundation

/// ECS and EKS Pod Identity credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (from 169.254.170.2)
/// or `_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `_TOKEN_FILE` as the Authorization header.
enum ContainerCredentials {
  static func fetch(_ vars: [String: String], io: CredentialIO) throws -> AWSCredentials? {
    let url: String
    if let relative = vars["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
      url = "http://169.254.170.2" + relative
    } else if let full = vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
      url = full
      // The authorization token goes only where botocore sends it: https, a loopback address, or
      // the container agents' own hosts.
      guard isAllowed(full) else {
        throw CredentialError.failed(
          "container credentials (\(full))",
          "refused: not https, not a loopback address, nor one of \(allowedHosts.joined(separator: ", "))")
      }
    } else {
      return nil
    }
    let label = "container credentials (\(url))"
    var headers: [(String, String)] = []
    var token: String?
    if let file = vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
      guard let read = io.readFile(file) else { throw CredentialError.failed(label, "cannot read \(file)") }
      token = read
    } else if let value = vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
      token = value
    }
    if let token {
      // As botocore: a line break would end the header and start another one of the file's choosing.
      guard !token.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
        throw CredentialError.failed(label, "the authorization token holds a line break (CR or LF): refused")
      }
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

  /// botocore's ContainerMetadataFetcher._ALLOWED_HOSTS.
  static let allowedHosts = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]

  /// https, a loopback IP address (127.0.0.0/8, ::1), or one of the allowed hosts, as botocore's
  /// `_validate_allowed_url` decides; a name that only starts like a loopback address is not one.
  static func isAllowed(_ url: String) -> Bool {
    guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host
    else { return false }
    if scheme == "https" { return true }
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    var v4 = in_addr()
    if inet_pton(AF_INET, bare, &v4) == 1 {
      return UInt32(bigEndian: v4.s_addr) >> 24 == 127 || allowedHosts.contains(bare)
    }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, bare, &v6) == 1 {
      return bare == "::1" || allowedHosts.contains(bare)
        || withUnsafeBytes(of: &v6) { Array($0) } == [UInt8](repeating: 0, count: 15) + [1]
    }
    return allowedHosts.contains(bare)
  }
}

/// IMDSv2 on an EC2 instance: a session token first, then the role's credentials; short timeouts, and
/// `AWS_EC2_METADATA_DISABLED=true` turns it off.
enum InstanceMetadataCredentials {
  /// The instance metadata service answers at once or is not there: botocore waits 1 s.
  enum IMDS { static let timeouts = (connect: 1, total: 2) }

  /// botocore's IMDSFetcher: a session token first (IMDSv2); when the token's PUT is refused as an
  /// older or proxied service refuses it (403, 404, 405) or times out, the same calls without one
  /// (IMDSv1), unless `AWS_EC2_METADATA_V1_DISABLED` (or the profile's `ec2_metadata_v1_disabled`).
  static func fetch(_ vars: [String: String], io: CredentialIO, v1Disabled: Bool = false) throws -> AWSCredentials? {
    if vars["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
    let base = (vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254")
    let root = base.hasSuffix("/") ? String(base.dropLast()) : base
    let noV1 = v1Disabled || vars["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() == "true"
    // A service that answers 5xx is there but busy: asked again, three times in all, as the SDKs'
    // shared scenarios (imds_default_chain_retries) expect. No answer at all is not retried: off EC2
    // each try would cost the connect timeout.
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
      var attempt = 1
      while true {
        let response = try io.transport.send(request)
        guard response.status >= 500, attempt < 3 else { return response }
        try ServiceClient.interruptibleSleep(0.05 * Double(attempt))
        attempt += 1
      }
    }
    var headers: [(String, String)] = []
    do {
      let t = try send(
        HTTPRequest(
          url: root + "/latest/api/token", method: "PUT", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")],
          body: [], timeouts: IMDS.timeouts))
      switch t.status {
      case 200: headers = [("X-aws-ec2-metadata-token", String(decoding: t.body, as: UTF8.self))]
      case 403, 404, 405:
        guard !noV1 else {
          throw CredentialError.failed(
            "instance metadata",
            "no IMDSv2 token (HTTP \(t.status)), and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)")
        }
      default: return nil
      }
    } catch let error as CredentialError {
      throw error
    } catch {
      // Nothing answered: off EC2, the usual case, or a hop limit too low for the token's PUT.
      if noV1 { return nil }
    }
    let version = headers.isEmpty ? "IMDSv1" : "IMDSv2"
    let listURL = root + "/latest/meta-data/iam/security-credentials/"
    guard
      let list = try? send(
        HTTPRequest(url: listURL, method: "GET", headers: headers, body: [], timeouts: IMDS.timeouts)),
      list.status == 200,
      let role = String(decoding: list.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
    else { return nil }
    let label = "instance metadata (\(version)), role \(role)"
    let response: HTTPResponse
    do {
      response = try send(
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
