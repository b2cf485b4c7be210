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
