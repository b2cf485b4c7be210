import Cognito

/// Where moto, the sandbox, answers unlike Cognito, in one place: each quirk said once, named for it.
public enum SandboxQuirks {
  /// moto refuses a wrong SECRET_HASH with the hash it expected as the whole message (44 base64
  /// characters), where Cognito says "Unable to verify secret hash for client …".
  static func isMotoSecretHashRefusal(_ message: String) -> Bool {
    message.count == 44 && message.hasSuffix("=")
  }
}
