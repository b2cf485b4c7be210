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
