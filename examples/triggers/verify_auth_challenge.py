"""VerifyAuthChallengeResponse: the answer is right when it is the code CreateAuthChallenge sent."""

import hmac


def handler(event, context):
    expected = event["request"]["privateChallengeParameters"].get("code", "")
    answer = event["request"].get("challengeAnswer", "")
    event["response"]["answerCorrect"] = bool(expected) and hmac.compare_digest(expected, answer)
    return event
