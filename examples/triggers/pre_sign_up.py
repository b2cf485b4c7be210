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
