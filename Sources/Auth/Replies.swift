import Basics

// What the services answered, typed: the shell renders from the fields and prints `raw` for
// `--output json`, so the names of a response's members are read here and nowhere above.

/// Where a code went (`CodeDeliveryDetails`).
public struct CodeDelivery: Sendable, Equatable {
  /// EMAIL or SMS, as the service says it.
  public var medium: String
  /// The masked address or number.
  public var destination: String
  /// The attribute the code verifies, when the service names one.
  public var attribute: String?
}

extension CodeDelivery {
  init?(_ json: JSON?) {
    guard let medium = json?["DeliveryMedium"]?.stringValue else { return nil }
    self.medium = medium
    destination = json?["Destination"]?.stringValue ?? "?"
    attribute = json?["AttributeName"]?.stringValue
  }
}

/// An answer whose body says nothing beyond success (ConfirmSignUp, VerifyUserAttribute, …).
public struct Acknowledgement: Sendable {
  public var raw: JSON
}

/// SignUp's answer.
public struct SignUpOutcome: Sendable {
  public var raw: JSON
  public var confirmed: Bool
  public var userSub: String?
  public var delivery: CodeDelivery?

  init(_ raw: JSON) {
    self.raw = raw
    confirmed = raw["UserConfirmed"] == .bool(true)
    userSub = raw["UserSub"]?.stringValue
    delivery = CodeDelivery(raw["CodeDeliveryDetails"])
  }
}

/// A code was sent (ResendConfirmationCode, ForgotPassword, GetUserAttributeVerificationCode).
public struct CodeSent: Sendable {
  public var raw: JSON
  public var delivery: CodeDelivery?
  /// On the sandbox, the code itself: moto sends no mail.
  public var sandboxCode: String?

  init(_ raw: JSON, sandboxCode: String? = nil) {
    self.raw = raw
    delivery = CodeDelivery(raw["CodeDeliveryDetails"])
    self.sandboxCode = sandboxCode
  }
}

/// UpdateUserAttributes' answer: the attributes that wait for a code.
public struct AttributeUpdate: Sendable {
  public var raw: JSON
  public var awaitingVerification: [String]

  init(_ raw: JSON) {
    self.raw = raw
    awaitingVerification = (raw["CodeDeliveryDetailsList"]?.arrayValue ?? []).compactMap {
      $0["AttributeName"]?.stringValue
    }
  }
}

/// ListDevices' answer, and which device is the one remembered here.
public struct DeviceList: Sendable {
  /// One remembered device.
  public struct Device: Sendable, Equatable {
    public var key: String
    public var name: String?
  }

  public var raw: JSON
  public var devices: [Device]
  /// The key of the device remembered here for this user.
  public var mine: String?

  init(_ raw: JSON, mine: String?) {
    self.raw = raw
    self.mine = mine
    devices = (raw["Devices"]?.arrayValue ?? []).map { d in
      Device(
        key: d["DeviceKey"]?.stringValue ?? "?",
        name: Attributes.pairs(d["DeviceAttributes"]).first { $0.0 == "device_name" }?.1)
    }
  }
}

/// GetUser's answer: the user's attributes, in the pool's order.
public struct UserProfile: Sendable {
  public var raw: JSON
  /// The pool's own username (a UUID when the pool signs in by email or phone).
  public var username: String
  public var attributes: [(String, String)]

  init(_ raw: JSON, fallbackName: String) {
    self.raw = raw
    username = raw["Username"]?.stringValue ?? fallbackName
    attributes = Attributes.pairs(raw["UserAttributes"])
  }
}

/// `/oauth2/userInfo`'s claims, sorted by name.
public struct UserInfo: Sendable {
  public var raw: JSON
  public var claims: [(String, String)]

  init(_ raw: JSON) {
    self.raw = raw
    claims = (raw.objectValue ?? [:]).sorted { $0.key < $1.key }.map {
      ($0.key, $0.value.stringValue ?? $0.value.serialized())
    }
  }
}

/// The pool's password policy (DescribeUserPool's `Policies.PasswordPolicy`).
public struct PasswordPolicy: Sendable {
  public var raw: JSON
  public var minimumLength: Double
  /// The character classes required, in the console's order: lowercase, uppercase, numbers, symbols.
  public var required: [CharacterClass]

  /// A class of character a password policy can require.
  public enum CharacterClass: String, Sendable, CaseIterable {
    case lowercase = "RequireLowercase", uppercase = "RequireUppercase", numbers = "RequireNumbers"
    case symbols = "RequireSymbols"
  }

  init(_ raw: JSON) {
    self.raw = raw
    minimumLength = raw["MinimumLength"]?.numberValue ?? 8
    required = CharacterClass.allCases.filter { raw[$0.rawValue] == .bool(true) }
  }
}

/// DescribeIdentityPool's and GetIdentityPoolRoles' answers.
public struct IdentityPoolDescription: Sendable {
  /// `{"IdentityPool": …, "Roles": … or null}`.
  public var raw: JSON
  public var id: String
  public var name: String?
  public var allowsGuests: Bool
  /// The user pools it trusts: provider name and app client.
  public var providers: [(name: String, clientId: String)]
  /// Role ARNs by kind (authenticated, unauthenticated); nil when the roles could not be read.
  public var roles: [(kind: String, arn: String)]?

  init(pool: JSON, roles: JSON?) {
    raw = .object(["IdentityPool": pool, "Roles": roles ?? .null])
    id = pool["IdentityPoolId"]?.stringValue ?? "?"
    name = pool["IdentityPoolName"]?.stringValue
    allowsGuests = pool["AllowUnauthenticatedIdentities"] == .bool(true)
    providers = (pool["CognitoIdentityProviders"]?.arrayValue ?? []).map {
      (name: $0["ProviderName"]?.stringValue ?? "?", clientId: $0["ClientId"]?.stringValue ?? "?")
    }
    self.roles = roles.map { r in
      (r["Roles"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map {
        (kind: $0.key, arn: $0.value.stringValue ?? "?")
      }
    }
  }
}

/// Cognito's `[{"Name": …, "Value": …}]` attribute lists.
public enum Attributes {
  static func pairs(_ list: JSON?) -> [(String, String)] {
    (list?.arrayValue ?? []).compactMap { a in
      guard let n = a["Name"]?.stringValue, let v = a["Value"]?.stringValue else { return nil }
      return (n, v)
    }
  }

  /// The list a request takes, from name/value pairs.
  public static func list(_ pairs: [(String, String)]) -> JSON {
    .array(pairs.map { .object(["Name": .string($0.0), "Value": .string($0.1)]) })
  }
}
