/// The trigger handlers of examples/triggers, built in so that `sandbox trigger set TRIGGER example:NAME` and
/// the custom-auth walkthrough work from a binary anywhere (scripts/trigger-examples writes this file; a test
/// keeps each equal to its file there).
enum TriggerExamples {
  static let files: [String: String] = [
    "create_auth_challenge": #"""
    """CreateAuthChallenge: a new six-digit code each round, sent by email. A Lambda would send it with SES;
    on the sandbox it goes to the sandbox's outbox, where cogsh's mailbox finds it ($CODE)."""

    import json
    import os
    import secrets
    import urllib.request


    def send(to, address, code):
        message = {"to": to, "address": address, "subject": "sign-in code (custom challenge)", "code": code}
        request = urllib.request.Request(
            os.environ["COGSH_SANDBOX_URL"] + "/sandbox-api/outbox", data=json.dumps(message).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=2).read()


    def handler(event, context):
        email = event["request"]["userAttributes"].get("email", "")
        code = "".join(secrets.choice("0123456789") for _ in range(6))
        send(event["userName"], email, code)
        print(f"sent a code to {email[:1]}***")  # the log, as CloudWatch would keep it; never the code
        event["response"]["publicChallengeParameters"] = {"delivery": "EMAIL", "destination": email[:1] + "***"}
        event["response"]["privateChallengeParameters"] = {"code": code}
        event["response"]["challengeMetadata"] = f"CODE-{len(event['request']['session']) + 1}"
        return event
    """#,
    "custom_message": #"""
    """CustomMessage: the sign-up, password-reset and sign-in code emails in the user's language (the locale
    attribute), with the code where Cognito's placeholder ({####}) stands."""

    MESSAGES = {
        "ja": {
            "CustomMessage_SignUp": ("ご登録ありがとうございます", "確認コードは {####} です。"),
            "CustomMessage_ResendCode": ("確認コード", "確認コードは {####} です。"),
            "CustomMessage_ForgotPassword": ("パスワードの再設定", "再設定コードは {####} です。"),
            "CustomMessage_Authentication": ("サインインコード", "サインインコードは {####} です。"),
        },
        "en": {
            "CustomMessage_SignUp": ("Welcome", "Your confirmation code is {####}."),
            "CustomMessage_ResendCode": ("Your code", "Your confirmation code is {####}."),
            "CustomMessage_ForgotPassword": ("Resetting your password", "Your reset code is {####}."),
            "CustomMessage_Authentication": ("Your sign-in code", "Your sign-in code is {####}."),
        },
    }


    def handler(event, context):
        language = "ja" if event["request"]["userAttributes"].get("locale", "").startswith("ja") else "en"
        words = MESSAGES[language].get(event["triggerSource"])
        if words:  # other messages keep Cognito's own words
            subject, body = words
            event["response"]["emailSubject"] = subject
            event["response"]["emailMessage"] = body.replace("{####}", event["request"]["codeParameter"])
        return event
    """#,
    "define_auth_challenge": #"""
    """DefineAuthChallenge for a one-time code by email: a right code signs the user in; three wrong ones end
    the sign-in. Started with SRP (the password first), the verifier comes before the code. The shape of AWS's
    own sample (developer guide, user-pool-lambda-define-auth-challenge.html)."""

    ATTEMPTS = 3


    def handler(event, context):
        rounds = event["request"]["session"]
        response = event["response"]
        if event["request"].get("userNotFound"):
            response.update(issueTokens=False, failAuthentication=True)
        elif rounds and rounds[-1]["challengeName"] == "SRP_A":
            # A sign-in that starts with the password by SRP (login --flow custom --srp): the verifier first.
            response.update(issueTokens=False, failAuthentication=False, challengeName="PASSWORD_VERIFIER")
        elif rounds and rounds[-1]["challengeName"] == "PASSWORD_VERIFIER" and not rounds[-1]["challengeResult"]:
            response.update(issueTokens=False, failAuthentication=True)
        elif rounds and rounds[-1]["challengeName"] == "CUSTOM_CHALLENGE" and rounds[-1]["challengeResult"]:
            response.update(issueTokens=True, failAuthentication=False)
        elif sum(r["challengeName"] == "CUSTOM_CHALLENGE" for r in rounds) >= ATTEMPTS:
            response.update(issueTokens=False, failAuthentication=True)
        else:
            response.update(issueTokens=False, failAuthentication=False, challengeName="CUSTOM_CHALLENGE")
        return event
    """#,
    "pre_sign_up": #"""
    """PreSignUp: users of one domain are confirmed and their email verified at once; the others confirm with
    a code as usual. A domain that may not sign up is refused, and the message reaches the user."""

    TRUSTED = "example.com"
    REFUSED = "blocked.example"


    def handler(event, context):
        email = event["request"]["userAttributes"].get("email", "")
        domain = email.rpartition("@")[2]
        if domain == REFUSED:
            raise Exception(f"Sign-up from {REFUSED} is not allowed.")
        if domain == TRUSTED:
            event["response"]["autoConfirmUser"] = True
            event["response"]["autoVerifyEmail"] = True
        return event
    """#,
    "pre_token_generation": #"""
    """PreTokenGeneration, event version 2 (V2_0): a tenant claim in both tokens, and a scope in the access
    token, for a backend that authorizes by tenant and scope."""


    def handler(event, context):
        domain = event["request"]["userAttributes"].get("email", "@").split("@")[-1]
        tenant = domain.split(".")[0] or "default"
        event["response"]["claimsAndScopeOverrideDetails"] = {
            "idTokenGeneration": {"claimsToAddOrOverride": {"tenant": tenant}},
            "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": tenant}, "scopesToAdd": [f"{tenant}/orders.read"]},
        }
        return event
    """#,
    "user_migration": #"""
    """UserMigration from a dictionary standing in for the old user store: a user found there with the right
    password is created in the pool with their attributes, confirmed; the password is checked, never kept here."""

    import hashlib

    # The old store: a salted hash of each password (old-pass-1 for both).
    OLD_USERS = {
        "ken@legacy.example": {"name": "Ken", "salt": "s1", "hash": hashlib.sha256(b"s1old-pass-1").hexdigest()},
        "yui@legacy.example": {"name": "Yui", "salt": "s2", "hash": hashlib.sha256(b"s2old-pass-1").hexdigest()},
    }


    def handler(event, context):
        user = OLD_USERS.get(event["userName"])
        if user is None:
            raise Exception("User does not exist in the old store.")
        if event["triggerSource"] == "UserMigration_Authentication":
            given = hashlib.sha256((user["salt"] + event["request"]["password"]).encode()).hexdigest()
            if given != user["hash"]:
                raise Exception("Bad password.")
            event["response"]["finalUserStatus"] = "CONFIRMED"
        else:  # UserMigration_ForgotPassword: the user resets the password
            event["response"]["finalUserStatus"] = "RESET_REQUIRED"
        event["response"]["userAttributes"] = {"email": event["userName"], "email_verified": "true", "name": user["name"]}
        event["response"]["messageAction"] = "SUPPRESS"
        return event
    """#,
    "verify_auth_challenge": #"""
    """VerifyAuthChallengeResponse: the answer is right when it is the code CreateAuthChallenge sent."""

    import hmac


    def handler(event, context):
        expected = event["request"]["privateChallengeParameters"].get("code", "")
        answer = event["request"].get("challengeAnswer", "")
        event["response"]["answerCorrect"] = bool(expected) and hmac.compare_digest(expected, answer)
        return event
    """#,
  ]
}
