"""Choice-based sign-in (InitiateAuth or AdminInitiateAuth with AuthFlow USER_AUTH), which moto does not serve.

What it follows, from the API reference (InitiateAuth's AuthParameters and AvailableChallenges,
RespondToAuthChallenge's ChallengeResponses, https://docs.aws.amazon.com/cognito-user-identity-pools/
latest/APIReference/API_InitiateAuth.html and …/API_RespondToAuthChallenge.html) and the developer
guide's "Manage authentication methods in AWS SDKs" (authentication-flows-selection-sdk.html):

- USER_AUTH takes USERNAME and optionally PREFERRED_CHALLENGE. "If you don't provide a value for
  PREFERRED_CHALLENGE, Amazon Cognito responds with the AvailableChallenges parameter that specifies the
  available sign-in methods", with the challenge SELECT_CHALLENGE.
- SELECT_CHALLENGE is answered with ANSWER, one of AvailableChallenges, and the chosen factor's own data in
  the same call: PASSWORD with PASSWORD, PASSWORD_SRP with SRP_A (a PASSWORD_VERIFIER round follows),
  WEB_AUTHN with CREDENTIAL. For EMAIL_OTP and SMS_OTP only the ANSWER: "Your user pool will send a code
  for the user to submit in the next challenge response", EMAIL_OTP_CODE or SMS_OTP_CODE.
- The factors a pool allows are its SignInPolicy's AllowedFirstAuthFactors (PASSWORD, EMAIL_OTP,
  SMS_OTP, WEB_AUTHN; PASSWORD when none is set); a user is offered EMAIL_OTP with an email address and
  SMS_OTP with a phone number. The app client must allow the flow (ALLOW_USER_AUTH), and the pool's
  feature plan must be Essentials or Plus (UserPoolTier; "Lite" has no choice-based sign-in).

Where the pages say nothing, the sandbox's choice, said here: a PREFERRED_CHALLENGE the user cannot use
gets SELECT_CHALLENGE with what they can; the messages of refusals the reference names without text are
the sandbox's. PASSWORD and PASSWORD_SRP are moto's own USER_PASSWORD_AUTH and USER_SRP_AUTH, so their
challenges (NEW_PASSWORD_REQUIRED, MFA, PASSWORD_VERIFIER) are moto's. WEB_AUTHN (passkeys.py) is offered
to a user with a passkey and answered in its own challenge (CREDENTIAL_REQUEST_OPTIONS, then CREDENTIAL);
a CREDENTIAL sent with the SELECT_CHALLENGE answer is not taken by the sandbox, which says so.
A code is kept in the sandbox's outbox (outbox.py), where cogsh's mailbox reads it.
"""

import secrets
import threading

from moto.cognitoidp.models import RegionAgnosticBackend
from moto.core import DEFAULT_ACCOUNT_ID

from cogsh_sandbox import custom_message, feature_plans, moto_pools
from cogsh_sandbox.managed_login import secret_hash
from cogsh_sandbox.wire import Refusal

FACTORS = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
SERVED = {"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"}
CODE_KEYS = {"EMAIL_OTP": "EMAIL_OTP_CODE", "SMS_OTP": "SMS_OTP_CODE"}
# How many wrong codes a challenge takes before its Session is spent (the sandbox's choice: three).
ATTEMPTS = 3



def find_pool_and_client(client_id):
    found = moto_pools.client(client_id)
    if found is None:
        raise Refusal("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
    return found


def same_pool(request, pool):
    """The Admin forms name the pool too (UserPoolId): it must be the app client's."""
    if request.get("UserPoolId") not in (None, pool.id):
        raise Refusal("ResourceNotFoundException", f"User pool client {request.get('ClientId')} does not exist.")


def mask_email(address):
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain[:1]}***" if domain else "***"


def mask_phone(number):
    return "+*******" + number[-4:] if len(number) > 4 else "***"


class UserAuth:
    def __init__(self, clock, outbox, passkeys, triggers=None):
        self.triggers = triggers
        self.clock = clock
        self.outbox = outbox
        self.passkeys = passkeys
        self.backend = RegionAgnosticBackend(DEFAULT_ACCOUNT_ID, "us-east-1")
        self._lock = threading.Lock()
        self._sessions = {}  # our Session -> {"client": id, "username": name, "stage": ..., "code": ..., ...}
        self._spent = {}  # Sessions used up, kept so that a replay is refused here rather than by moto

    def owns(self, session):
        with self._lock:
            return session in self._sessions or session in self._spent

    # InitiateAuth USER_AUTH.

    def initiate(self, request):
        client_id = request.get("ClientId") or ""
        params = request.get("AuthParameters") or {}
        _, pool, client = find_pool_and_client(client_id)
        same_pool(request, pool)
        if "ALLOW_USER_AUTH" not in (client.extended_config.get("ExplicitAuthFlows") or []):
            raise Refusal("InvalidParameterException", "USER_AUTH flow not enabled for this client")
        feature_plans.needs(feature_plans.tier(pool), "ESSENTIALS", "Choice-based sign-in (USER_AUTH)")
        username = params.get("USERNAME") or ""
        self.check_secret_hash(client, username, params.get("SECRET_HASH"))
        user = self.user(pool, username)
        available = self.available(pool, user)
        preferred = params.get("PREFERRED_CHALLENGE")
        if preferred in available and preferred in SERVED:
            return self.start_factor(pool, client, user, preferred, params)
        session = self.new_session(client.id, user.username, "SELECT_CHALLENGE", available=available)
        return {
            "ChallengeName": "SELECT_CHALLENGE",
            "Session": session,
            "ChallengeParameters": {},
            "AvailableChallenges": available,
        }

    # RespondToAuthChallenge on a Session the sandbox issued.

    def respond(self, request):
        session = request.get("Session") or ""
        name = request.get("ChallengeName")
        answers = request.get("ChallengeResponses") or {}
        with self._lock:
            state = self._sessions.get(session)
        if state is None:
            raise Refusal("NotAuthorizedException", "Invalid session for the user.")
        backend, pool, client = find_pool_and_client(request.get("ClientId") or state["client"])
        same_pool(request, pool)
        if client.id != state["client"] or name != state["stage"]:
            raise Refusal("NotAuthorizedException", "Invalid session for the user.")
        user = self.user(pool, state["username"])
        self.check_secret_hash(client, answers.get("USERNAME") or "", answers.get("SECRET_HASH"))
        if name == "SELECT_CHALLENGE":
            answer = answers.get("ANSWER")
            if answer not in state["available"]:
                raise Refusal("InvalidParameterException", f"{answer} is not one of the AvailableChallenges")
            if answer not in SERVED:
                raise Refusal("InvalidParameterException", f"the sandbox does not serve {answer} yet")
            self.spend(session)
            return self.start_factor(pool, client, user, answer, answers)
        if name == "WEB_AUTHN":
            self.spend(session)  # one assertion per challenge: a replay finds no Session
            self.passkeys.verify_assertion(pool.id, user.username, state["challenge"], answers.get("CREDENTIAL") or "")
            return backend._log_user_in(pool, client, user.username)
        # EMAIL_OTP or SMS_OTP: the code sent.
        code = answers.get(CODE_KEYS[name]) or ""
        if not secrets.compare_digest(code, state["code"]):
            with self._lock:
                state["attempts"] += 1
                spent = state["attempts"] >= ATTEMPTS
            if spent:
                self.spend(session)
            raise Refusal("CodeMismatchException", "Invalid code or auth state for the user.")
        self.spend(session)
        return backend._log_user_in(pool, client, user.username)

    # The parts.

    @staticmethod
    def user(pool, username):
        user = pool._get_user(username) if username else None
        if user is None:
            raise Refusal("UserNotFoundException", "User does not exist.")
        if not user.enabled:
            raise Refusal("NotAuthorizedException", "User is disabled.")
        return user

    @staticmethod
    def attribute(user, name):
        return next((a["Value"] for a in user.attributes if a["Name"] == name), None)

    def available(self, pool, user):
        """The factors this user can choose, in the reference's order."""
        policy = (pool.extended_config.get("Policies") or {}).get("SignInPolicy") or {}
        allowed = policy.get("AllowedFirstAuthFactors") or ["PASSWORD"]
        offered = []
        for factor in FACTORS:
            first = "PASSWORD" if factor == "PASSWORD_SRP" else factor
            if first not in allowed:
                continue
            if factor == "EMAIL_OTP" and not self.attribute(user, "email"):
                continue
            if factor == "SMS_OTP" and not self.attribute(user, "phone_number"):
                continue
            if factor == "WEB_AUTHN" and not self.passkeys.has_passkey(pool.id, user.username):
                continue
            offered.append(factor)
        return offered

    @staticmethod
    def check_secret_hash(client, username, given):
        if client.generate_secret and given != secret_hash(username, client.id, client.secret):
            raise Refusal("NotAuthorizedException", f"Unable to verify secret hash for client {client.id}")

    def custom_message(self, pool, client, user, code, params):
        """The sign-in code in the CustomMessage trigger's words (CustomMessage_Authentication), when the
        pool has one; whether it wrote the message."""
        if self.triggers is None or not self.triggers.configured(pool, "CustomMessage"):
            return False
        before = len(self.outbox.to(user.username))
        custom_message.send(self.triggers, self.outbox, pool, "CustomMessage_Authentication", user, client.id, code,
                            params.get("ClientMetadata"))
        return len(self.outbox.to(user.username)) > before

    def start_factor(self, pool, client, user, factor, params):
        """Where choosing `factor` leads: moto's password flows, or a code sent and its challenge."""
        if factor in ("PASSWORD", "PASSWORD_SRP"):
            flow = "USER_PASSWORD_AUTH" if factor == "PASSWORD" else "USER_SRP_AUTH"
            key = "PASSWORD" if factor == "PASSWORD" else "SRP_A"
            if not params.get(key):
                raise Refusal("InvalidParameterException", f"{factor} needs {key}")
            moto_params = {"USERNAME": user.username, key: params[key]}
            if client.generate_secret:
                moto_params["SECRET_HASH"] = secret_hash(user.username, client.id, client.secret)
            return self.backend.initiate_auth(client.id, flow, moto_params)
        if factor == "WEB_AUTHN":
            if params.get("CREDENTIAL"):
                raise Refusal(
                    "InvalidParameterException",
                    "the sandbox takes a passkey's CREDENTIAL in the WEB_AUTHN challenge that follows, not here",
                )
            options, challenge = self.passkeys.request_options(pool.id, user.username)
            session = self.new_session(client.id, user.username, "WEB_AUTHN", challenge=challenge)
            return {
                "ChallengeName": "WEB_AUTHN",
                "Session": session,
                "ChallengeParameters": {"CREDENTIAL_REQUEST_OPTIONS": options},
            }
        code = "".join(secrets.choice("0123456789") for _ in range(8 if factor == "EMAIL_OTP" else 6))
        if factor == "EMAIL_OTP":
            address = self.attribute(user, "email")
            if not self.custom_message(pool, client, user, code, params):
                self.outbox.send(user.username, address, "EMAIL", "sign-in code (EMAIL_OTP)", code)
            medium, destination = "EMAIL", mask_email(address)
        else:
            number = self.attribute(user, "phone_number")
            if not self.custom_message(pool, client, user, code, params):
                self.outbox.send(user.username, number, "SMS", "sign-in code (SMS_OTP)", code)
            medium, destination = "SMS", mask_phone(number)
        session = self.new_session(client.id, user.username, factor, code=code)
        return {
            "ChallengeName": factor,
            "Session": session,
            "ChallengeParameters": {
                "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
                "CODE_DELIVERY_DESTINATION": destination,
            },
        }

    def new_session(self, client_id, username, stage, **extra):
        session = secrets.token_urlsafe(96)
        with self._lock:
            self._sessions[session] = dict(client=client_id, username=username, stage=stage, attempts=0, **extra)
            if len(self._sessions) > 10000:
                for old in list(self._sessions)[:1000]:
                    del self._sessions[old]
        return session

    def spend(self, session):
        with self._lock:
            if self._sessions.pop(session, None) is not None:
                self._spent[session] = True
                if len(self._spent) > 10000:
                    for old in list(self._spent)[:1000]:
                        del self._spent[old]
