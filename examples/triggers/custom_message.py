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
