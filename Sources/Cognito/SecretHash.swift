/// SECRET_HASH: Base64(HMAC-SHA256(key: client secret, message: username ‖ client id)).
/// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
public enum SecretHash {
  public static func compute(username: String, clientId: String, clientSecret: String) -> String {
    Encoding.base64(Digest.hmacSHA256(key: Array(clientSecret.utf8), message: username + clientId))
  }
}
