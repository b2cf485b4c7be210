/// The walkthroughs that ship inside cogsh, in the file format a trainer writes (docs/walkthroughs.md),
/// each in English and Japanese. The Japanese uses the terms of AWS's Japanese Cognito documentation
/// (ユーザープール, アプリクライアント, 一時パスワード, チャレンジ, 更新トークン, ID プール).
enum BuiltInWalkthroughs {
  static let texts: [String] = [
    article, signUp, forgotPassword, srp, mfa, tokens, clientSecret, hosted, identity, passwordless, passkey,
    failover, customAuth,
  ]

  static let userWithPassword = """
    step: admin-create-user {user} --temporary-password {temp} --attribute email={user} --suppress-message
    why: An administrator creates the user (AdminCreateUser, signed with AWS credentials).
    why.ja: 管理者がユーザーを作成します（AdminCreateUser：AWS 認証情報で署名するリクエストです）。
    step: admin-set-user-password {user} {password} --permanent
    why: AdminSetUserPassword with --permanent: the user skips NEW_PASSWORD_REQUIRED and can sign in at once.
    why.ja: AdminSetUserPassword を --permanent で実行します。NEW_PASSWORD_REQUIRED を経ずに、すぐサインインできる状態になります。
    """

  static let passwordless = """
    name: passwordless
    summary: choice-based sign-in (USER_AUTH) without a password: a one-time code by email
    summary.ja: 選択ベースのサインイン（USER_AUTH）をパスワードなしで：メールのワンタイムコード

    \(userWithPassword)
    step: login {user} --flow user-auth
    why: InitiateAuth with USER_AUTH and no preferred factor: Cognito answers SELECT_CHALLENGE, and AvailableChallenges lists what this user may choose, from the pool's sign-in policy.
    why.ja: 優先する要素を指定せずに USER_AUTH で InitiateAuth を呼び出します。Cognito は SELECT_CHALLENGE を返し、AvailableChallenges にこのユーザーが選べるサインイン方法（ユーザープールのサインインポリシーによる）を列挙します。
    look: the available challenges
    look.ja: 利用可能なチャレンジの一覧
    step: respond SELECT_CHALLENGE ANSWER=EMAIL_OTP
    why: The user chooses EMAIL_OTP. Cognito sends an eight-digit code to the user's email and answers with the EMAIL_OTP challenge.
    why.ja: ユーザーが EMAIL_OTP を選びます。Cognito はユーザーのメールアドレスに 8 桁のコードを送信し、EMAIL_OTP チャレンジを返します。
    step: mailbox
    why: On the sandbox the code is in the mailbox, and $CODE holds it.
    why.ja: サンドボックスではコードがメールボックスに届き、$CODE にそのコードが入ります。
    step: mfa-code $CODE
    why: RespondToAuthChallenge with EMAIL_OTP_CODE: the answer holds the tokens. No password was sent.
    why.ja: EMAIL_OTP_CODE を付けて RespondToAuthChallenge を呼び出すと、トークンが返されます。パスワードは一度も送信していません。
    step: jwt decode id
    why: The id token of a passwordless sign-in looks like any other.
    why.ja: パスワードなしでサインインした場合も、ID トークンの内容は通常と同じです。
    """

  static let passkey = """
    name: passkey
    summary: a passkey made by cogsh: register it, then sign in with it (WEB_AUTHN)
    summary.ja: cogsh が作るパスキー：登録し、それでサインインする（WEB_AUTHN）

    \(userWithPassword)
    step: login {user} --flow password --password {password}
    why: Registering a passkey needs a signed-in user: the access token authorizes it.
    why.ja: パスキーの登録にはサインイン済みのユーザーが必要です。アクセストークンで登録を認可します。
    step: passkey register
    why: StartWebAuthnRegistration gives the relying party's options; cogsh, as the authenticator, makes a P-256 key pair and answers with the public key (attestation none) in CompleteWebAuthnRegistration. The private key stays here, in a 0600 file.
    why.ja: StartWebAuthnRegistration で依拠当事者（RP）のオプションを受け取ります。cogsh が認証器として P-256 の鍵ペアを作り、公開鍵（アテステーション none）を CompleteWebAuthnRegistration で送ります。秘密鍵は手元の 0600 のファイルにだけ保存されます。
    step: passkey list
    why: ListWebAuthnCredentials: the passkeys the pool knows for the user; * marks the one cogsh holds.
    why.ja: ListWebAuthnCredentials で、ユーザープールが把握しているこのユーザーのパスキーを一覧します。* は cogsh が秘密鍵を持っているものです。
    step: login {user} --flow user-auth --preferred WEB_AUTHN
    why: USER_AUTH preferring WEB_AUTHN: Cognito answers the WEB_AUTHN challenge with CREDENTIAL_REQUEST_OPTIONS, a challenge to sign.
    why.ja: WEB_AUTHN を優先して USER_AUTH でサインインします。Cognito は署名すべきチャレンジを含む CREDENTIAL_REQUEST_OPTIONS を付けて WEB_AUTHN チャレンジを返します。
    look: the WEB_AUTHN challenge
    look.ja: WEB_AUTHN チャレンジ
    step: respond WEB_AUTHN --explain
    why: cogsh signs the challenge with the passkey's private key (ES256) and sends the assertion as CREDENTIAL; Cognito checks it with the public key it keeps and answers with the tokens.
    why.ja: cogsh がパスキーの秘密鍵でチャレンジに署名（ES256）し、アサーションを CREDENTIAL として送ります。Cognito は保存している公開鍵で検証し、トークンを返します。
    look: what was signed: clientDataJSON (the challenge and the origin), the relying party's hash, the flags and the counter
    look.ja: 署名された内容：clientDataJSON（チャレンジとオリジン）、RP ID のハッシュ、フラグ、カウンター
    step: whoami
    why: Signed in without a password or a code.
    why.ja: パスワードもコードも使わずにサインインできました。
    """

  static let failover = """
    name: failover
    summary: multi-Region replication: a replica in a second Region, a failover to it, and what it refuses
    summary.ja: マルチリージョンレプリケーション：別リージョンのレプリカ、そこへのフェイルオーバー、そこで拒否される操作
    sandbox-only: yes

    \(userWithPassword)
    step: replicas create us-west-2
    why: CreateUserPoolReplica: a secondary replica of the pool in us-west-2, with the same pool id and the same users. A new secondary starts INACTIVE. It needs the Essentials or Plus plan.
    why.ja: CreateUserPoolReplica で、us-west-2 にユーザープールのセカンダリレプリカを作成します。ユーザープール ID もユーザーも同じです。新しいセカンダリは INACTIVE の状態で始まります。Essentials または Plus の機能プランが必要です。
    step: replicas
    why: ListUserPoolReplicas: each Region's replica, its role (PRIMARY or SECONDARY) and status; * marks the Region cogsh addresses.
    why.ja: ListUserPoolReplicas で、各リージョンのレプリカとそのロール（PRIMARY または SECONDARY）、ステータスを一覧します。* は cogsh がリクエストを送っているリージョンです。
    look: the primary in us-east-1, the secondary INACTIVE
    look.ja: us-east-1 のプライマリと、INACTIVE のセカンダリ
    step: login {user} --flow password --password {password}
    why: A sign-in at the primary, in the Region the pool id names.
    why.ja: プールの ID が示すリージョンにあるプライマリでサインインします。
    step: replicas activate us-west-2
    why: UpdateUserPoolReplica ACTIVE: the secondary now serves end users too.
    why.ja: UpdateUserPoolReplica で ACTIVE にすると、セカンダリもエンドユーザーのリクエストを受け付けます。
    step: replicas deactivate us-east-1
    why: The drill: the primary Region stops serving end users, as in an outage. Its administration still answers.
    why.ja: 障害を想定した訓練です。プライマリのリージョンがエンドユーザーのリクエストを受け付けなくなります。管理者向けの操作には引き続き応答します。
    step: login {user} --flow password --password {password}
    why: A sign-in at the primary is refused now: OperationNotEnabledException.
    why.ja: プライマリでのサインインは OperationNotEnabledException で拒否されます。
    expect: failure
    step: set region us-west-2
    why: The failover: address the replica. A region set for cogsh wins over the one in the pool id, with a note. The pool id stays the same.
    why.ja: フェイルオーバーします。レプリカにリクエストを送るため、リージョンを設定します。cogsh に設定したリージョンはプール ID のリージョンより優先され、その旨が表示されます。プール ID は変わりません。
    step: login {user} --flow password --password {password}
    why: The existing user signs in at the replica: the tokens come from us-west-2.
    why.ja: 既存のユーザーはレプリカでサインインでき、トークンは us-west-2 から発行されます。
    step: jwt decode id
    why: With the ORIGINAL issuer, iss names the Region that issued the token, so a backend that checks iss sees a new issuer. The UPDATED issuer (https://issuer-cognito-idp.PRIMARY.amazonaws.com/POOL), which AWS recommends for replication, is the same in every Region.
    why.ja: 発行者が ORIGINAL の場合、iss にはトークンを発行したリージョンが入るため、iss を検証するバックエンドからは別の発行者に見えます。AWS がレプリケーションに推奨する UPDATED の発行者（https://issuer-cognito-idp.PRIMARY.amazonaws.com/POOL）は、どのリージョンでも同じです。
    look: iss
    look.ja: iss
    step: change-password {password} {password}-2
    why: A secondary changes no user: password changes and resets, sign-up and profile edits are refused (OperationNotEnabledException).
    why.ja: セカンダリではユーザーを変更できません。パスワードの変更やリセット、サインアップ、プロフィールの編集は OperationNotEnabledException で拒否されます。
    expect: failure
    step: mfa setup
    why: Nor does it serve TOTP MFA: a user with TOTP signs in while the primary serves.
    why.ja: TOTP MFA も使えません。TOTP を設定したユーザーは、プライマリが稼働しているときにサインインする必要があります。
    expect: failure
    step: unset region
    why: Back to the pool id's Region, the primary.
    why.ja: プール ID のリージョン（プライマリ）に戻します。
    step: replicas activate us-east-1
    why: The fail-back: the primary serves end users again.
    why.ja: フェイルバックします。プライマリが再びエンドユーザーのリクエストを受け付けます。
    step: replicas deactivate us-west-2
    why: A replica is deleted only when INACTIVE.
    why.ja: レプリカを削除できるのは INACTIVE のときだけです。
    step: replicas delete us-west-2
    why: DeleteUserPoolReplica, from the primary Region.
    why.ja: プライマリのリージョンから DeleteUserPoolReplica を実行します。
    """

  static let customAuth = """
    name: custom-auth
    summary: custom authentication run by the pool's own Lambda triggers: a one-time code by email
    summary.ja: ユーザープール独自の Lambda トリガーで行うカスタム認証：メールで届くワンタイムコード
    sandbox-only: yes

    \(userWithPassword)
    step: sandbox trigger set DefineAuthChallenge example:define_auth_challenge
    why: DefineAuthChallenge decides each step of a custom sign-in: ask a challenge, issue the tokens, or fail. This one asks for a code, signs the user in when it is right, and gives up after three wrong answers.
    why.ja: DefineAuthChallenge はカスタム認証の各段階を決めます（チャレンジを出す、トークンを発行する、失敗させる）。この例はコードを求め、正しければサインインさせ、3 回間違えると打ち切ります。
    step: sandbox trigger set CreateAuthChallenge example:create_auth_challenge
    why: CreateAuthChallenge makes the challenge: a six-digit code, emailed to the user (on the sandbox, to the mailbox). The code goes in privateChallengeParameters, which the client never sees.
    why.ja: CreateAuthChallenge がチャレンジを作ります。6 桁のコードをユーザーにメールで送ります（サンドボックスではメールボックスに届きます）。コードは privateChallengeParameters に入り、クライアントには見えません。
    step: sandbox trigger set VerifyAuthChallengeResponse example:verify_auth_challenge
    why: VerifyAuthChallengeResponse compares the user's answer with the code: answerCorrect.
    why.ja: VerifyAuthChallengeResponse がユーザーの回答とコードを比べ、answerCorrect を返します。
    step: sandbox trigger list
    why: The pool's triggers and their handlers (LambdaConfig, as describe-user-pool shows it).
    why.ja: ユーザープールのトリガーとハンドラーの一覧です（describe-user-pool の LambdaConfig にも表れます）。
    step: login {user} --flow custom
    why: InitiateAuth with CUSTOM_AUTH: Cognito runs DefineAuthChallenge, then CreateAuthChallenge, and answers CUSTOM_CHALLENGE with the public parameters.
    why.ja: CUSTOM_AUTH で InitiateAuth を呼び出します。Cognito は DefineAuthChallenge、続いて CreateAuthChallenge を実行し、公開パラメータを付けて CUSTOM_CHALLENGE を返します。
    look: the challenge's parameters: where the code went, never the code
    look.ja: チャレンジのパラメータ：コードの送信先（コード自体は含まれません）
    step: respond CUSTOM_CHALLENGE ANSWER=wrong
    why: A wrong answer: VerifyAuthChallengeResponse says false, DefineAuthChallenge sees the round in its session history and asks again, with a new code.
    why.ja: 間違った回答です。VerifyAuthChallengeResponse が false を返し、DefineAuthChallenge はセッション履歴にその回を見て、新しいコードで再びチャレンジを出します。
    step: mailbox
    why: The codes the trigger sent; $CODE holds the newest.
    why.ja: トリガーが送ったコードです。$CODE に最新のコードが入ります。
    step: respond CUSTOM_CHALLENGE ANSWER=$CODE
    why: The right code: answerCorrect is true, DefineAuthChallenge issues the tokens.
    why.ja: 正しいコードです。answerCorrect が true になり、DefineAuthChallenge がトークンを発行させます。
    step: log
    why: Every request and every trigger run it caused, in order; show N gives a run's event and response.
    why.ja: すべてのリクエストと、それが引き起こしたトリガーの実行が順に並びます。show N で各実行のイベントとレスポンスを見られます。
    step: sandbox trigger unset DefineAuthChallenge
    why: The triggers go, so that the pool signs in as before.
    why.ja: トリガーを外し、ユーザープールを元のサインインに戻します。
    step: sandbox trigger unset CreateAuthChallenge
    why: The second one.
    why.ja: 2 つ目のトリガーです。
    step: sandbox trigger unset VerifyAuthChallengeResponse
    why: And the third.
    why.ja: 3 つ目のトリガーです。
    """

  static let article = """
    name: article
    summary: the seed article: admin-created user, first sign-in, NEW_PASSWORD_REQUIRED
    summary.ja: 元記事の流れ：管理者が作成したユーザーの初回サインインと NEW_PASSWORD_REQUIRED

    step: admin-create-user {user} --temporary-password {temp} --attribute email={user} --suppress-message
    why: An administrator creates the user with a temporary password (AdminCreateUser, SigV4-signed). Cognito marks the user FORCE_CHANGE_PASSWORD.
    why.ja: 管理者が一時パスワード付きでユーザーを作成します（AdminCreateUser、SigV4 署名付き）。ユーザーのステータスは FORCE_CHANGE_PASSWORD になります。
    look: the user's status, FORCE_CHANGE_PASSWORD
    look.ja: ユーザーのステータスが FORCE_CHANGE_PASSWORD であること
    step: login {user} --flow password --password {temp}
    why: The user signs in with USER_PASSWORD_AUTH. Instead of tokens, Cognito answers with the NEW_PASSWORD_REQUIRED challenge and a Session string.
    why.ja: ユーザーが USER_PASSWORD_AUTH でサインインします。Cognito はトークンではなく、NEW_PASSWORD_REQUIRED チャレンジとセッション文字列を返します。
    look: the challenge's name and how long its Session lasts
    look.ja: チャレンジ名と、セッションの有効期間
    step: status
    why: cogsh keeps the challenge and its Session; status shows how many seconds the Session has left.
    why.ja: cogsh はチャレンジとセッションを保持しています。status でセッションの残り秒数を確認できます。
    step: new-password {password}
    why: RespondToAuthChallenge with the Session, the USERNAME Cognito expects and the new password. This time the answer holds the tokens.
    why.ja: セッション、Cognito が求める USERNAME、新しいパスワードを付けて RespondToAuthChallenge を呼び出します。今度はトークンが返されます。
    step: tokens
    why: The three tokens, their kinds and lifetimes.
    why.ja: 3 種類のトークン（ID トークン、アクセストークン、更新トークン）と、それぞれの有効期限です。
    step: jwt decode id
    why: The id token's claims: who the user is.
    why.ja: ID トークンのクレーム、つまりユーザーが誰であるかを示す情報です。
    step: jwt verify access
    why: The access token checked as an API would check it: signature against the pool's JWKS, then the claims.
    why.ja: API 側と同じ方法でアクセストークンを検証します。ユーザープールの JWKS で署名を確認し、続いてクレームを確認します。
    """

  static let signUp = """
    name: sign-up
    summary: self sign-up with a confirmation code (on the sandbox, from the mailbox)
    summary.ja: 確認コードを使ったセルフサインアップ（サンドボックスではメールボックスから取得）

    step: sign-up {user} --password {password} --attribute email={user}
    why: SignUp through the app client: no AWS credentials, only the client id. The user exists but is UNCONFIRMED.
    why.ja: アプリクライアント経由で SignUp を呼び出します。AWS 認証情報は不要で、クライアント ID だけを使います。ユーザーは作成されますが、ステータスは UNCONFIRMED です。
    step: mailbox
    why: A real pool emails a confirmation code; the sandbox's mailbox shows what would have been sent, and $CODE holds it.
    why.ja: 実際のユーザープールは確認コードをメールで送信します。サンドボックスのメールボックスには送信されたはずの内容が表示され、$CODE にそのコードが入ります。
    step: confirm-sign-up {user} $CODE
    why: ConfirmSignUp with the code: the user becomes CONFIRMED.
    why.ja: コードを付けて ConfirmSignUp を呼び出すと、ユーザーのステータスが CONFIRMED になります。
    step: login {user} --flow password --password {password}
    why: Now the user can sign in.
    why.ja: これでユーザーはサインインできます。
    step: whoami
    why: GetUser with the access token: the attributes the user gave at sign-up.
    why.ja: アクセストークンで GetUser を呼び出し、サインアップ時に登録した属性を確認します。
    """

  static let forgotPassword = """
    name: forgot-password
    summary: a forgotten password: the reset code, then the new password
    summary.ja: パスワードを忘れた場合：リセットコードと新しいパスワード

    \(userWithPassword)
    step: forgot-password {user}
    why: ForgotPassword: Cognito sends a code to the user's verified email (on the sandbox, to the mailbox).
    why.ja: ForgotPassword を呼び出すと、Cognito は検証済みのメールアドレスにコードを送信します（サンドボックスではメールボックスに届きます）。
    step: mailbox
    why: The code a real pool would have emailed; $CODE holds it.
    why.ja: 実際のユーザープールならメールで届くコードです。$CODE に入っています。
    step: confirm-forgot-password {user} $CODE new-{password}
    why: ConfirmForgotPassword with the code and the new password.
    why.ja: コードと新しいパスワードを付けて ConfirmForgotPassword を呼び出します。
    step: login {user} --flow password --password new-{password}
    why: The new password signs in; the old one no longer does.
    why.ja: 新しいパスワードでサインインできます。古いパスワードはもう使えません。
    """

  static let srp = """
    name: srp
    summary: USER_SRP_AUTH: the password never leaves the machine
    summary.ja: USER_SRP_AUTH：パスワードをネットワークに送らない認証

    \(userWithPassword)
    step: login {user} --flow srp --password {password} --explain
    why: SRP: cogsh sends A = g^a mod N, Cognito answers PASSWORD_VERIFIER with B, a salt and a secret block, and cogsh proves it knows the password with a signature. --explain shows this run's values.
    why.ja: SRP では、cogsh が A = g^a mod N を送信し、Cognito が B、ソルト、シークレットブロックを含む PASSWORD_VERIFIER チャレンジを返します。cogsh は署名によってパスワードを知っていることを証明します。--explain でこの実行時の値を表示します。
    look: A, B, the salt and the signed message
    look.ja: A、B、ソルト、署名されたメッセージ
    step: whoami
    why: Signed in: the attributes Cognito holds.
    why.ja: サインインできました。Cognito が保持している属性です。
    """

  static let mfa = """
    name: mfa
    summary: TOTP MFA: set-up with a QR code, then a sign-in that asks for the code
    summary.ja: TOTP による MFA：QR コードで設定し、サインイン時にコードを入力
    sandbox-only: yes

    step: call SetUserPoolMfaConfig "{\\"UserPoolId\\":\\"$POOL_ID\\",\\"SoftwareTokenMfaConfiguration\\":{\\"Enabled\\":true},\\"MfaConfiguration\\":\\"OPTIONAL\\"}"
    why: Turn on optional TOTP MFA for the pool (SetUserPoolMfaConfig).
    why.ja: ユーザープールで TOTP による MFA を任意（OPTIONAL）で有効にします（SetUserPoolMfaConfig）。
    \(userWithPassword)
    step: login {user} --flow password --password {password}
    why: Sign in (USER_PASSWORD_AUTH): MFA is not set up yet, so the tokens come at once.
    why.ja: USER_PASSWORD_AUTH でサインインします。まだ MFA を設定していないので、すぐにトークンが返されます。
    step: mfa setup
    why: AssociateSoftwareToken: the shared secret, as a QR code an authenticator app scans.
    why.ja: AssociateSoftwareToken で共有シークレットを取得します。認証アプリで読み取れる QR コードとして表示されます。
    step: mfa verify $TOTP
    why: VerifySoftwareToken with the current code ($TOTP is the code cogsh computes).
    why.ja: 現在のコードで VerifySoftwareToken を呼び出します（$TOTP は cogsh が計算したコードです）。
    step: mfa enable totp
    why: Make TOTP the user's MFA.
    why.ja: TOTP をこのユーザーの MFA として有効にします。
    step: login {user} --flow password --password {password}
    why: Sign in again: now Cognito asks for the code.
    why.ja: もう一度サインインします。今度は Cognito がコードを求めます。
    step: mfa-code $TOTP
    why: Answer SOFTWARE_TOKEN_MFA.
    why.ja: SOFTWARE_TOKEN_MFA チャレンジに応答します。
    """

  static let tokens = """
    name: tokens
    summary: tokens: decode, verify, refresh, revoke and global sign-out
    summary.ja: トークン：デコード、検証、更新、取り消し、グローバルサインアウト

    \(userWithPassword)
    step: login {user} --flow password --password {password}
    why: A sign-in brings an id token, an access token and a refresh token.
    why.ja: サインインすると、ID トークン、アクセストークン、更新トークンが返されます。
    step: jwt compare
    why: The id and access tokens of one sign-in share sub and origin_jti; an API Gateway authorizer takes one or the other.
    why.ja: 同じサインインで発行された ID トークンとアクセストークンは、sub と origin_jti が共通です。API Gateway のオーソライザーによって、受け付けるトークンが異なります。
    step: jwt verify id
    why: The id token checked as a backend checks it: signature, issuer, audience, expiry.
    why.ja: バックエンドと同じ方法で ID トークンを検証します。署名、発行者、対象者（aud）、有効期限を確認します。
    step: refresh
    why: REFRESH_TOKEN_AUTH: new id and access tokens from the refresh token; the sign-in time (auth_time) stays.
    why.ja: REFRESH_TOKEN_AUTH で、更新トークンから新しい ID トークンとアクセストークンを取得します。サインイン時刻（auth_time）は変わりません。
    step: logout
    why: GlobalSignOut: every token of the user is revoked, on every device, and forgotten here.
    why.ja: GlobalSignOut で、すべてのデバイスにあるこのユーザーのトークンを無効にし、cogsh からも削除します。
    """

  static let clientSecret = """
    name: client-secret
    summary: an app client with a secret: SECRET_HASH, and why a refresh needs the sub
    summary.ja: クライアントシークレットのあるアプリクライアント：SECRET_HASH と、更新に sub が必要な理由
    sandbox-only: yes

    step: profile use sandbox-secret
    why: The sandbox's pool has a second app client, with a client secret. Every call that names a user through it must carry SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)).
    why.ja: サンドボックスのユーザープールには、クライアントシークレットを持つ 2 つ目のアプリクライアントがあります。このクライアント経由でユーザーを指定する呼び出しには、SECRET_HASH = Base64(HMAC-SHA256(シークレット, ユーザー名 + クライアント ID)) が必要です。
    \(userWithPassword)
    step: login {user} --flow password --password {password}
    why: cogsh computes SECRET_HASH over the name typed at sign-in and sends it in AuthParameters.
    why.ja: cogsh はサインイン時に入力されたユーザー名から SECRET_HASH を計算し、AuthParameters に含めて送信します。
    step: show last
    why: The request as sent: SECRET_HASH is there, redacted like every secret.
    why.ja: 送信したリクエストです。SECRET_HASH が含まれており、他のシークレットと同様に伏せ字になっています。
    look: AuthParameters.SECRET_HASH
    look.ja: AuthParameters.SECRET_HASH
    step: refresh
    why: On refresh Cognito checks SECRET_HASH over the internal username (the sub, in a pool whose usernames are emails), not the name typed: cogsh uses the sub from the id token.
    why.ja: 更新時、Cognito は入力されたユーザー名ではなく内部ユーザー名（メールアドレスをユーザー名とするプールでは sub）で SECRET_HASH を検証します。cogsh は ID トークンの sub を使います。
    step: profile use sandbox
    why: Back to the client without a secret.
    why.ja: シークレットのないアプリクライアントに戻します。
    """

  static let hosted = """
    name: hosted
    summary: managed login in a browser: authorization code with PKCE, the token endpoint
    summary.ja: ブラウザでのマネージドログイン：PKCE 付き認可コードとトークンエンドポイント

    \(userWithPassword)
    step: login --hosted --scope openid --scope email --explain
    why: Managed login: cogsh makes a random state, a nonce and a PKCE verifier, opens the browser at /oauth2/authorize with the verifier's SHA-256 (the challenge), and listens on the callback URL. Sign in there as {user} with the password {password}. The browser comes back with a code; cogsh sends it to /oauth2/token with the verifier, which only it knows.
    why.ja: マネージドログインです。cogsh はランダムな state、nonce、PKCE の検証コード（code_verifier）を作り、その SHA-256（コードチャレンジ）を付けてブラウザで /oauth2/authorize を開き、コールバック URL で待ち受けます。ブラウザでユーザー名 {user} とパスワード {password} を入力してサインインしてください。ブラウザは認可コードを持って戻り、cogsh はそのコードを、cogsh だけが知る検証コードと一緒に /oauth2/token に送ります。
    step: tokens
    why: The tokens are the user's, as after any other sign-in.
    why.ja: 他のサインイン方法と同じく、ユーザーのトークンが得られます。
    step: jwt decode id
    why: The id token: who signed in (a real pool puts the nonce cogsh sent in it; cogsh checks it).
    why.ja: ID トークンから、サインインしたユーザーがわかります（実際のユーザープールでは cogsh が送った nonce が含まれ、cogsh がそれを確認します）。
    step: oauth userinfo
    why: /oauth2/userInfo with the access token: the openid scope allows it.
    why.ja: アクセストークンで /oauth2/userInfo を呼び出します。openid スコープがあるので利用できます。
    step: refresh
    why: Tokens from managed login are refreshed at /oauth2/token (grant_type=refresh_token).
    why.ja: マネージドログインで得たトークンは、/oauth2/token（grant_type=refresh_token）で更新します。
    step: logout --hosted --no-browser
    why: /logout ends the managed-login session (the browser's cookie); the tokens here are forgotten.
    why.ja: /logout でマネージドログインのセッション（ブラウザの Cookie）を終了し、cogsh 側のトークンも削除します。
    """

  static let identity = """
    name: identity
    summary: an identity pool: id token → identity id → AWS credentials → who AWS sees
    summary.ja: ID プール：ID トークン → アイデンティティ ID → AWS 認証情報 → AWS から見た呼び出し元

    \(userWithPassword)
    step: login {user} --flow password --password {password}
    why: Sign in: the id token is what the identity pool takes.
    why.ja: サインインします。ID プールが受け取るのは ID トークンです。
    step: identity id
    why: GetId with Logins = {cognito-idp.REGION.amazonaws.com/POOL_ID: the id token}: the user's identity in the identity pool, the same one each time.
    why.ja: Logins = {cognito-idp.REGION.amazonaws.com/POOL_ID: ID トークン} を付けて GetId を呼び出します。ID プールにおけるこのユーザーのアイデンティティで、毎回同じものが返されます。
    step: identity describe
    why: The identity pool's providers (this user pool and app client) and whether guests are allowed (DescribeIdentityPool, with AWS credentials).
    why.ja: ID プールの認証プロバイダー（このユーザープールとアプリクライアント）と、ゲストアクセスの可否を確認します（DescribeIdentityPool、AWS 認証情報が必要）。
    step: identity credentials
    why: The enhanced flow, GetCredentialsForIdentity: Cognito checks the id token against the pool's providers, picks the role and returns AWS keys.
    why.ja: 拡張フロー（GetCredentialsForIdentity）です。Cognito は ID トークンをプロバイダー設定と照合し、ロールを選んで AWS の認証情報を返します。
    step: identity whoami
    why: STS GetCallerIdentity signed with those keys: the ARN AWS sees for this user.
    why.ja: 取得した認証情報で署名した STS GetCallerIdentity で、AWS から見たこのユーザーの ARN を確認します。
    step: identity credentials --basic --role-arn arn:aws:iam::123456789012:role/trainee
    why: The basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity with a role the app names.
    why.ja: 基本フローです。GetOpenIdToken の後、アプリが指定したロールで STS AssumeRoleWithWebIdentity を呼び出します。
    step: identity whoami
    why: Now AWS sees the assumed role.
    why.ja: 今度は、引き受けたロールとして AWS から見えています。
    step: export --aws --format dotenv
    why: The keys for the AWS CLI and SDKs (credential_process in ~/.aws/config can run cogsh for them).
    why.ja: AWS CLI や SDK で使う認証情報です（~/.aws/config の credential_process で cogsh から直接取得することもできます）。
    """
}
