import Auth

/// The words of a flow diagram, in each language it is drawn in. API names (InitiateAuth) and paths stay
/// as they are: they are what a reader searches the documentation for.
struct DiagramWords: Sendable {
  /// A party's name; U+200B marks where a name that does not fit may break.
  var party: @Sendable (Party) -> String
  var handoff: @Sendable (Handoff) -> String
  /// What the browser does that cogsh cannot see: to managed login, and back with the redirect.
  var signIn: String
  var redirect: String
  var open: @Sendable (String) -> String
  var callback: String
  /// Said after what cogsh cannot see, with the space (or none) the language puts before it.
  var unseen: String
  /// The key under a diagram, with the browser's unseen part and without.
  var legend: String
  var legendPlain: String
  var caption: String
  var nothing: String

  static let english = DiagramWords(
    party: { p in
      switch p {
      case .cogsh: "cogsh"
      case .browser: "browser"
      case .managedLogin: "managed login"
      case .userPool: "user pool"
      case .triggers: "Lambda triggers"
      case .identityPool: "identity pool"
      case .sts: "STS"
      case .awsSignIn: "AWS sign-in"
      case .sandbox: "sandbox"
      }
    },
    handoff: { h in
      switch h {
      case .session: "Session"
      case .code: "code"
      case .password: "password"
      case .newPassword: "new password"
      case .answer: "answer"
      case .srpA: "SRP A"
      case .srpProof: "SRP proof"
      case .passkeyAssertion: "passkey assertion"
      case .passkey: "passkey"
      case .tokens: "tokens"
      case .idToken: "id token"
      case .accessToken: "access token"
      case .refreshToken: "refresh token"
      case .totpSecret: "TOTP secret"
      case .codeSent: "code sent"
      case .identityId: "identity id"
      case .awsCredentials: "AWS credentials"
      case .openIdToken: "OpenID token"
      case .state: "state"
      case .pkceChallenge: "PKCE challenge"
      case .pkceVerifier: "PKCE verifier"
      case .deviceKey: "device key"
      }
    },
    signIn: "/oauth2/authorize, sign-in", redirect: "302 to the callback", open: { "open \($0)" },
    callback: "callback", unseen: " (unseen)",
    legend: "#N: the exchange (show N); left: how long each answer took, the browser's how long the sign-in took; "
      + "┄ not seen by cogsh",
    legendPlain: "#N: the exchange (show N); left: how long each answer took",
    caption: "the flow, as it happened:", nothing: "no exchanges to draw")

  static let japanese = DiagramWords(
    party: { p in
      switch p {
      case .cogsh: "cogsh"
      case .browser: "ブラウザ"
      case .managedLogin: "マネージド\u{200B}ログイン"
      case .userPool: "ユーザー\u{200B}プール"
      case .triggers: "Lambda\u{200B}トリガー"
      case .identityPool: "ID プール"
      case .sts: "STS"
      case .awsSignIn: "AWS\u{200B}サインイン"
      case .sandbox: "サンドボックス"
      }
    },
    handoff: { h in
      switch h {
      case .session: "セッション"
      case .code: "コード"
      case .password: "パスワード"
      case .newPassword: "新しいパスワード"
      case .answer: "回答"
      case .srpA: "SRP A"
      case .srpProof: "SRP 証明"
      case .passkeyAssertion: "パスキーの署名"
      case .passkey: "パスキー"
      case .tokens: "トークン"
      case .idToken: "ID トークン"
      case .accessToken: "アクセストークン"
      case .refreshToken: "更新トークン"
      case .totpSecret: "TOTP シークレット"
      case .codeSent: "コード送信"
      case .identityId: "アイデンティティ ID"
      case .awsCredentials: "AWS 認証情報"
      case .openIdToken: "OpenID トークン"
      case .state: "state"
      case .pkceChallenge: "PKCE チャレンジ"
      case .pkceVerifier: "PKCE 検証コード"
      case .deviceKey: "デバイスキー"
      }
    },
    signIn: "/oauth2/authorize、サインイン", redirect: "302 でコールバックへ", open: { "\($0) を開く" },
    callback: "コールバック", unseen: "（cogsh からは見えない）",
    legend: "#N: やり取りの番号（show N で詳細）。左の時間は応答までの時間、ブラウザはサインインにかかった時間。┄ は cogsh からは見えない部分",
    legendPlain: "#N: やり取りの番号（show N で詳細）。左の時間は応答までの時間",
    caption: "実際に行われたフロー:", nothing: "描くやり取りがありません")

  static func of(_ language: String) -> DiagramWords { language == "ja" ? japanese : english }

  /// A party's name as one line.
  func name(_ p: Party) -> String { party(p).replacingOccurrences(of: "\u{200B}", with: "") }

  /// The words an arrow's hand-offs are named by: `[Session, code]`.
  func carried(_ list: [Handoff]) -> String {
    list.isEmpty ? "" : "[" + list.map(handoff).joined(separator: ", ") + "]"
  }
}
