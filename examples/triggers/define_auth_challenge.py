"""DefineAuthChallenge for a one-time code by email: a right code signs the user in; three wrong ones end
the sign-in. The shape of AWS's own sample (developer guide, user-pool-lambda-define-auth-challenge.html)."""

ATTEMPTS = 3


def handler(event, context):
    rounds = event["request"]["session"]
    response = event["response"]
    if event["request"].get("userNotFound"):
        response.update(issueTokens=False, failAuthentication=True)
    elif rounds and rounds[-1]["challengeName"] == "CUSTOM_CHALLENGE" and rounds[-1]["challengeResult"]:
        response.update(issueTokens=True, failAuthentication=False)
    elif len(rounds) >= ATTEMPTS:
        response.update(issueTokens=False, failAuthentication=True)
    else:
        response.update(issueTokens=False, failAuthentication=False, challengeName="CUSTOM_CHALLENGE")
    return event
