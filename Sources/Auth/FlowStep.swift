import Basics
import Cognito
import Foundation

/// A party to an auth flow: one lifeline of `log --diagram`, in the order they are drawn.
public enum Party: String, CaseIterable, Sendable, Comparable {
  case cogsh
  case browser
  case managedLogin = "managed-login"
  case userPool = "user-pool"
  case triggers
  case identityPool = "identity-pool"
  case sts
  /// AWS sign-in and IAM Identity Center, which the AWS credential chain may call.
  case awsSignIn = "aws-sign-in"
  /// The sandbox's own API (its outbox, its clock): what stands in for the user's mailbox.
  case sandbox

  public static func < (a: Party, b: Party) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }
}

/// What an arrow carries that matters to the flow: named on it, never its value.
public enum Handoff: String, CaseIterable, Sendable {
  case session, code, password, newPassword = "new-password", answer, srpA = "srp-a", srpProof = "srp-proof"
  case passkeyAssertion = "passkey-assertion", passkey, tokens, idToken = "id-token", accessToken = "access-token"
  case refreshToken = "refresh-token", totpSecret = "totp-secret", codeSent = "code-sent"
  case identityId = "identity-id", awsCredentials = "aws-credentials", openIdToken = "openid-token"
  case state, pkceChallenge = "pkce-challenge", pkceVerifier = "pkce-verifier", deviceKey = "device-key"
}

/// One exchange as a sequence diagram draws it: who asked whom, what went each way, how it ended.
/// Made from the flight recorder's exchanges, or read back from a recording's `#@exchange` lines.
public struct FlowStep: Sendable, Equatable {
  /// How the exchange is drawn.
  public enum Kind: String, Sendable {
    /// A request and its answer.
    case call
    /// A Lambda trigger the pool ran while serving the call before it: drawn inside that call.
    case trigger
    /// Managed login in the browser: the page opened, the sign-in cogsh cannot see, the callback.
    case browser
  }

  public var number: Int
  public var at: Double
  public var command: String
  /// The action as the log lists it (`InitiateAuth`, `token (/oauth2/token)`).
  public var action: String
  /// What the arrow says: the action without the log's asides, or the endpoint's path.
  public var label: String
  public var kind: Kind
  public var from: Party
  public var to: Party
  public var region: String?
  public var status: Int
  public var milliseconds: Double
  public var reused: Bool?
  /// The challenge asked, the error named, or "tokens".
  public var outcome: String?
  public var sent: [Handoff]
  public var received: [Handoff]

  /// Whether the answer was a refusal.
  public var failed: Bool { !(200..<400).contains(status) }

  /// The exchanges as steps, each trigger's run after the call it served (the recorder's order).
  public static func steps(_ exchanges: [Exchange]) -> [FlowStep] {
    var last = Party.userPool
    return exchanges.map { x in
      let step = FlowStep(x, caller: last)
      if step.kind != .trigger { last = step.to }
      return step
    }
  }

  /// `x` as a step; `caller` is the party of the call a trigger's run belongs to.
  init(_ x: Exchange, caller: Party) {
    let e = x.event
    number = x.number
    at = x.at
    command = x.command
    action = e.action
    region = e.region
    status = e.status
    milliseconds = e.duration
    reused = e.timing?.reused
    outcome = x.outcome.map(Self.oneLine)
    let path = URLComponents(string: e.url)?.path ?? ""
    switch e.method {
    case "INVOKE":
      kind = .trigger
      from = caller
      to = .triggers
      label = e.action.components(separatedBy: " trigger").first ?? e.action
      sent = []
      received = []
    case "BROWSER":
      kind = .browser
      from = .cogsh
      to = .browser
      label = path.hasSuffix("/oauth2/authorize") ? "/oauth2/authorize" : path
      let query = URLComponents(string: e.url)?.queryItems?.map(\.name) ?? []
      sent = [.state] + (query.contains("code_challenge") ? [.pkceChallenge] : [])
      let answer = (try? JSON.parse(e.responseBody))?.objectValue ?? [:]
      received = answer["code"] != nil ? [.code] : answer["access_token"] != nil ? [.tokens] : []
    default:
      kind = .call
      from = .cogsh
      to = Self.party(service: e.service, path: path)
      label = Self.label(e, path: path, party: to)
      sent = Self.sent(e)
      received = Self.received(e)
    }
  }

  /// Words drawn on one line: a line break or an escape in them (a server's, a file's) is shown, not obeyed.
  static func oneLine(_ s: String) -> String { SafeText.escapingControls(s, keepLayout: false) }

  /// Who serves a request: by the service it was made for, and for an OAuth2-shaped one, its path.
  static func party(service: String, path: String) -> Party {
    switch service {
    case Service.userPools.endpointPrefix: return .userPool
    case Service.identityPools.endpointPrefix: return .identityPool
    case Service.sts.endpointPrefix: return .sts
    case Service.signIn.endpointPrefix, Service.sso.endpointPrefix: return .awsSignIn
    default:
      if path.hasPrefix("/sandbox-api/") { return .sandbox }
      // The discovery document and the JWKS are the pool's (its issuer's), not the domain's.
      return path.contains("/.well-known/") ? .userPool : .managedLogin
    }
  }

  /// The action as an arrow says it: the log's aside in parentheses left out; an endpoint by its path.
  static func label(_ e: TraceEvent, path: String, party: Party) -> String {
    let action = e.action.components(separatedBy: " (").first ?? e.action
    switch party {
    case .sandbox: return "\(e.method) \(path.dropFirst("/sandbox-api/".count))"
    case .managedLogin:
      // The endpoint as the documentation names it, wherever the domain (or the sandbox) puts it.
      let endpoint = path.range(of: "/oauth2/").map { String(path[$0.lowerBound...]) }
      return "\(e.method) \(endpoint ?? "/" + (path.split(separator: "/").last.map(String.init) ?? ""))"
    case .userPool where e.method == "GET":
      return "GET " + (path.range(of: "/.well-known/").map { String(path[$0.lowerBound...]) } ?? path)
    default: return action
    }
  }

  /// What a request hands over, by the names of its members (their values are redacted by now).
  static func sent(_ e: TraceEvent) -> [Handoff] {
    var found: [Handoff] = []
    func add(_ h: Handoff) { if !found.contains(h) { found.append(h) } }
    if let body = (try? JSON.parse(e.requestBody))?.objectValue {
      let parameters = (body["AuthParameters"]?.objectValue ?? [:]).merging(
        body["ChallengeResponses"]?.objectValue ?? [:]
      ) { a, _ in a }
      if body["Session"] != nil { add(.session) }
      for key in parameters.keys.sorted() {
        switch key {
        case "PASSWORD": add(.password)
        case "NEW_PASSWORD": add(.newPassword)
        case "SRP_A": add(.srpA)
        case "PASSWORD_CLAIM_SIGNATURE": add(.srpProof)
        case "ANSWER": add(.answer)
        case "CREDENTIAL": add(.passkeyAssertion)
        case "REFRESH_TOKEN": add(.refreshToken)
        case "DEVICE_KEY": add(.deviceKey)
        case _ where key.hasSuffix("_CODE"): add(.code)
        default: break
        }
      }
      for key in body.keys.sorted() {
        switch key {
        case "ConfirmationCode", "UserCode": add(.code)
        case "Password", "ProposedPassword", "TemporaryPassword": add(.password)
        case "AccessToken": add(.accessToken)
        case "RefreshToken", "Token": add(.refreshToken)
        case "Logins": add(.idToken)
        case "Credential": add(.passkey)
        default: break
        }
      }
    } else {
      for (key, _) in FormEncoding.decode(e.requestBody) {
        switch key {
        case "code": add(.code)
        case "code_verifier": add(.pkceVerifier)
        case "refresh_token", "token": add(.refreshToken)
        case "WebIdentityToken": add(.openIdToken)
        default: break
        }
      }
    }
    if e.requestHeaders.contains(where: { $0.0.lowercased() == "authorization" && !$0.1.hasPrefix("AWS4-") }),
      e.url.contains("/oauth2/userInfo")
    {
      add(.accessToken)
    }
    return found
  }

  /// What an answer hands back.
  static func received(_ e: TraceEvent) -> [Handoff] {
    guard (200..<300).contains(e.status) else { return [] }
    var found: [Handoff] = []
    if let body = (try? JSON.parse(e.responseBody))?.objectValue {
      if body["Session"] != nil { found.append(.session) }
      if body["AuthenticationResult"] != nil || body["id_token"] != nil || body["access_token"] != nil {
        found.append(.tokens)
      }
      if body["SecretCode"] != nil { found.append(.totpSecret) }
      if body["CodeDeliveryDetails"] != nil || body["CodeDeliveryDetailsList"] != nil { found.append(.codeSent) }
      if body["Credentials"] != nil {
        found.append(.awsCredentials)
      } else if body["IdentityId"] != nil {
        found.append(.identityId)
      }
      if body["Token"] != nil { found.append(.openIdToken) }
      if body["code"] != nil { found.append(.code) }
    } else if e.responseBody.contains("<Credentials>") {
      found.append(.awsCredentials)
    }
    return found
  }
}

extension FlowStep {
  /// How a recording keeps a step: a comment line a replay passes over, secret-free (names, not values).
  public static let linePrefix = "#@exchange "

  public var line: String { Self.linePrefix + json.serialized() }

  /// The step as JSON: what a recording's line holds, and `log --diagram --output json` prints.
  public var json: JSON {
    var o: [String: JSON] = [
      "number": .number(Double(number)), "at": .number(at), "command": .string(command), "action": .string(action),
      "label": .string(label), "kind": .string(kind.rawValue), "from": .string(from.rawValue),
      "to": .string(to.rawValue), "status": .number(Double(status)),
      "milliseconds": .number((milliseconds * 10).rounded() / 10),
      "sent": .array(sent.map { .string($0.rawValue) }), "received": .array(received.map { .string($0.rawValue) }),
    ]
    if let region { o["region"] = .string(region) }
    if let outcome { o["outcome"] = .string(outcome) }
    if let reused { o["reused"] = .bool(reused) }
    return .object(o)
  }

  /// The step a recording's line holds; nil for any other line, or one this version cannot read.
  public init?(line: String) {
    guard line.hasPrefix(Self.linePrefix),
      let o = (try? JSON.parse(String(line.dropFirst(Self.linePrefix.count))))?.objectValue,
      let number = o["number"]?.numberValue.flatMap({ Int(exactly: $0) }), (1...999_999_999).contains(number),
      let at = o["at"]?.numberValue, (0...1e11).contains(at),
      let kind = o["kind"]?.stringValue.flatMap(Kind.init), let from = o["from"]?.stringValue.flatMap(Party.init),
      let to = o["to"]?.stringValue.flatMap(Party.init),
      let status = o["status"]?.numberValue.flatMap({ Int(exactly: $0) }), (0...999).contains(status),
      let action = o["action"]?.stringValue
    else { return nil }
    // A file is anyone's: its numbers are taken only within what an exchange can have.
    self.number = number
    self.at = at
    let oneLine = Self.oneLine
    self.command = oneLine(o["command"]?.stringValue ?? "?")
    self.action = oneLine(action)
    self.label = oneLine(o["label"]?.stringValue ?? action)
    self.kind = kind
    self.from = from
    self.to = to
    self.region = o["region"]?.stringValue
    self.status = status
    self.milliseconds = min(max(o["milliseconds"]?.numberValue ?? 0, 0), 1e10)
    self.reused = o["reused"].flatMap { if case .bool(let b) = $0 { b } else { nil } }
    self.outcome = o["outcome"]?.stringValue.map(oneLine)
    self.sent = o["sent"]?.arrayValue?.compactMap { $0.stringValue.flatMap(Handoff.init) } ?? []
    self.received = o["received"]?.arrayValue?.compactMap { $0.stringValue.flatMap(Handoff.init) } ?? []
  }
}
