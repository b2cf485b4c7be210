"""The custom message trigger: the words of the codes and invitations the pool sends.

From the developer guide's page (user-pool-lambda-custom-message.html): invoked before Cognito sends a
verification code, a password-reset code or an invitation, with triggerSource CustomMessage_SignUp,
_AdminCreateUser, _ResendCode, _ForgotPassword (and _UpdateUserAttribute, _VerifyUserAttribute,
which the sandbox does not send, and _Authentication, for a passwordless sign-in's code: user_auth.py); request userAttributes, codeParameter ("{####}", the
placeholder the message must hold for the code), linkParameter, usernameParameter (for an invitation)
and clientMetadata; response smsMessage, emailMessage, emailSubject. The message, with the code in place
of its placeholder, goes to the sandbox's outbox (moto sends nothing), where cogsh's mailbox shows it.
"""

CODE = "{####}"
USERNAME = "{username}"


def send(triggers, outbox, pool, source, user, client_id, code, metadata, invitation=False):
    """Invokes the trigger for a message carrying `code` to `user`; keeps the message it writes.
    Nothing when the pool has no handler for it."""
    if not triggers.configured(pool, "CustomMessage"):
        return
    attributes = {a["Name"]: a["Value"] for a in user.attributes}
    request = {
        "userAttributes": attributes,
        "codeParameter": CODE,
        "linkParameter": "{##Click Here##}",
        "usernameParameter": USERNAME if invitation else None,
    }
    if metadata:
        request["clientMetadata"] = metadata
    response = triggers.invoke(pool, "CustomMessage", source, user.username, client_id, request,
                               {"smsMessage": None, "emailMessage": None, "emailSubject": None}) or {}
    text = response.get("emailMessage") or response.get("smsMessage")
    if not text:
        return  # Cognito's own message goes out
    text = text.replace(CODE, code).replace(USERNAME, user.username)
    address = attributes.get("email") or attributes.get("phone_number") or user.username
    outbox.send(user.username, address, "EMAIL" if response.get("emailMessage") else "SMS",
                response.get("emailSubject") or "message", code, text=text)
