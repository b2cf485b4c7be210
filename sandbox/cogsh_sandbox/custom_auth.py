"""Custom authentication (AuthFlow CUSTOM_AUTH) driven by the pool's DefineAuthChallenge,
CreateAuthChallenge and VerifyAuthChallengeResponse triggers; moto runs no triggers.

As the developer guide's custom-authentication pages give it (user-pool-lambda-challenge.html and the
three trigger pages):
- InitiateAuth (or AdminInitiateAuth) with CUSTOM_AUTH invokes DefineAuthChallenge with an empty
  `session`; its response says issueTokens, failAuthentication, or the challengeName to ask next.
- For CUSTOM_CHALLENGE, CreateAuthChallenge is invoked (request challengeName, session) and answers
  publicChallengeParameters (sent to the client as ChallengeParameters), privateChallengeParameters (kept)
  and challengeMetadata.
- RespondToAuthChallenge with ChallengeResponses ANSWER invokes VerifyAuthChallengeResponse (request
  privateChallengeParameters, challengeAnswer) for answerCorrect; the round is appended to `session`
  ({challengeName, challengeResult, challengeMetadata}) and DefineAuthChallenge decides again.
- A user who does not exist gets userNotFound: true when the app client prevents user-existence errors,
  else UserNotFoundException; failAuthentication is NotAuthorizedException "Incorrect username or
  password."; the client must allow ALLOW_CUSTOM_AUTH.
A sign-in that starts with SRP (AuthParameters CHALLENGE_NAME=SRP_A and SRP_A) has the SRP_A round in the
session Define first sees; when Define then asks PASSWORD_VERIFIER, the sandbox poses it as moto poses an
SRP sign-in's and, like moto, does not check the proof; the round goes into the session and Define decides
again. A Session answers once.
"""

import base64
import secrets
import threading

from cogsh_sandbox import moto_pools
from cogsh_sandbox.managed_login import secret_hash
from cogsh_sandbox.trigger_points import user_attributes
from cogsh_sandbox.wire import Refusal

TRIGGER_SOURCES = {
    "DefineAuthChallenge": "DefineAuthChallenge_Authentication",
    "CreateAuthChallenge": "CreateAuthChallenge_Authentication",
    "VerifyAuthChallengeResponse": "VerifyAuthChallengeResponse_Authentication",
}


class CustomAuth:
    def __init__(self, triggers):
        self.triggers = triggers
        self._lock = threading.Lock()
        self._sessions = {}  # Session -> {"client", "username", "found", "rounds", "private", "metadata"}

    def applies(self, request):
        """Whether this sign-in is the sandbox's: CUSTOM_AUTH on a pool with a DefineAuthChallenge handler."""
        if request.get("AuthFlow") != "CUSTOM_AUTH":
            return False
        found = moto_pools.client(request.get("ClientId") or "")
        return found is not None and self.triggers.configured(found[1], "DefineAuthChallenge")

    def owns(self, session):
        with self._lock:
            return session in self._sessions

    def initiate(self, request):
        backend, pool, client = moto_pools.client(request.get("ClientId") or "")
        if request.get("UserPoolId") not in (None, pool.id):
            raise Refusal("ResourceNotFoundException", f"User pool client {client.id} does not exist.")
        flows = client.extended_config.get("ExplicitAuthFlows") or []
        if "ALLOW_CUSTOM_AUTH" not in flows and "CUSTOM_AUTH_FLOW_ONLY" not in flows:
            raise Refusal("InvalidParameterException", "Custom auth flow not enabled for this client")
        params = request.get("AuthParameters") or {}
        username = params.get("USERNAME") or ""
        if client.generate_secret and params.get("SECRET_HASH") != secret_hash(username, client.id, client.secret):
            raise Refusal("NotAuthorizedException", f"Unable to verify secret hash for client {client.id}")
        user = pool._get_user(username)
        if user is None and client.extended_config.get("PreventUserExistenceErrors") != "ENABLED":
            raise Refusal("UserNotFoundException", "User does not exist.")
        state = {
            "client": client.id, "username": user.username if user else username, "found": user is not None,
            "rounds": [], "metadata": request.get("ClientMetadata") or None,
        }
        if params.get("CHALLENGE_NAME") == "SRP_A" and params.get("SRP_A"):
            # Custom authentication that starts with SRP: the SRP_A round is in the session Define sees.
            state["rounds"].append({"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None})
        return self.decide(backend, pool, client, state)

    def respond(self, request):
        session = request.get("Session") or ""
        with self._lock:
            state = self._sessions.pop(session, None)  # a Session answers once
        if state is None or request.get("ChallengeName") != state.get("asked", "CUSTOM_CHALLENGE"):
            raise Refusal("NotAuthorizedException", "Invalid session for the user.")
        backend, pool, client = moto_pools.client(state["client"])
        answers = request.get("ChallengeResponses") or {}
        if client.generate_secret and answers.get("SECRET_HASH") != secret_hash(
            answers.get("USERNAME") or "", client.id, client.secret
        ):
            raise Refusal("NotAuthorizedException", f"Unable to verify secret hash for client {client.id}")
        state["metadata"] = request.get("ClientMetadata") or state["metadata"]
        if state.get("asked") == "PASSWORD_VERIFIER":
            # The password proof: checked as moto checks an SRP sign-in's (it does not; cogsh says so).
            if not answers.get("PASSWORD_CLAIM_SIGNATURE"):
                raise Refusal("InvalidParameterException", "Missing required parameter PASSWORD_CLAIM_SIGNATURE")
            state["rounds"].append({"challengeName": "PASSWORD_VERIFIER", "challengeResult": True, "challengeMetadata": None})
            return self.decide(backend, pool, client, state)
        verdict = self.invoke(pool, state, "VerifyAuthChallengeResponse", {
            "privateChallengeParameters": state["private"], "challengeAnswer": answers.get("ANSWER") or "",
        }, {"answerCorrect": None})
        correct = verdict.get("answerCorrect")
        if not isinstance(correct, bool):
            raise Refusal("InvalidLambdaResponseException", "Unrecognizable lambda output")
        state["rounds"].append(
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": correct, "challengeMetadata": state.get("challengeMetadata")}
        )
        return self.decide(backend, pool, client, state)

    def decide(self, backend, pool, client, state):
        """DefineAuthChallenge on the rounds so far, and what it leads to."""
        decision = self.invoke(pool, state, "DefineAuthChallenge", {"session": state["rounds"]},
                               {"challengeName": None, "issueTokens": None, "failAuthentication": None})
        if decision.get("issueTokens") is True and not decision.get("failAuthentication"):
            if not state["found"]:
                raise Refusal("NotAuthorizedException", "Incorrect username or password.")
            return backend._log_user_in(pool, client, state["username"])
        if decision.get("failAuthentication") is True:
            raise Refusal("NotAuthorizedException", "Incorrect username or password.")
        name = decision.get("challengeName")
        if name == "PASSWORD_VERIFIER" and state["rounds"] and state["rounds"][-1]["challengeName"] == "SRP_A":
            return self.password_verifier(pool, state)
        if name in ("SRP_A", "PASSWORD_VERIFIER"):
            raise Refusal("InvalidParameterException",
                          f"DefineAuthChallenge asked for {name}, which follows only an SRP_A sign-in (CHALLENGE_NAME=SRP_A)")
        if name != "CUSTOM_CHALLENGE":
            raise Refusal("InvalidLambdaResponseException", "Unrecognizable lambda output")
        created = self.invoke(pool, state, "CreateAuthChallenge", {"challengeName": name, "session": state["rounds"]},
                              {"publicChallengeParameters": None, "privateChallengeParameters": None, "challengeMetadata": None})
        state["private"] = created.get("privateChallengeParameters") or {}
        state["challengeMetadata"] = created.get("challengeMetadata")
        state["asked"] = name
        session = self.keep(state)
        public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
        return {"ChallengeName": name, "Session": session, "ChallengeParameters": dict(public, USERNAME=state["username"])}

    def keep(self, state):
        session = secrets.token_urlsafe(48)
        with self._lock:
            self._sessions[session] = state
        return session

    def password_verifier(self, pool, state):
        """The PASSWORD_VERIFIER challenge of an SRP sign-in, as moto poses one (its parameters, unchecked)."""
        user = pool._get_user(state["username"]) if state["found"] else None
        state["asked"] = "PASSWORD_VERIFIER"
        session = self.keep(state)
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": session,
            "ChallengeParameters": {
                "SALT": secrets.token_hex(16), "SRP_B": secrets.token_hex(192), "SECRET_BLOCK": base64.b64encode(secrets.token_bytes(64)).decode(),
                "USERNAME": state["username"], "USER_ID_FOR_SRP": user.id if user else state["username"],
            },
        }

    def invoke(self, pool, state, trigger, fields, template):
        user = pool._get_user(state["username"]) if state["found"] else None
        request = {"userAttributes": user_attributes(user) if user else {}, **fields}
        if state["metadata"]:
            request["clientMetadata"] = state["metadata"]
        if not state["found"]:
            request["userNotFound"] = True
        if not self.triggers.configured(pool, trigger):
            raise Refusal("InvalidUserPoolConfigurationException", f"{trigger} is not configured for this user pool")
        return self.triggers.invoke(pool, trigger, TRIGGER_SOURCES[trigger], state["username"], state["client"], request, template) or {}
