"""Where the sandbox invokes a pool's triggers around moto's actions, with the events the developer guide's
trigger pages give, and what it does with their responses.

- PreSignUp (user-pool-lambda-pre-sign-up.html): before SignUp (PreSignUp_SignUp) and AdminCreateUser
  (PreSignUp_AdminCreateUser); request userAttributes, validationData, clientMetadata; response
  autoConfirmUser, autoVerifyEmail, autoVerifyPhone, applied once moto has made the user.
- PostConfirmation (user-pool-lambda-post-confirmation.html): after ConfirmSignUp and AdminConfirmSignUp
  (PostConfirmation_ConfirmSignUp) and ConfirmForgotPassword (PostConfirmation_ConfirmForgotPassword);
  request userAttributes, clientMetadata.
- PreAuthentication (user-pool-lambda-pre-authentication.html): before a sign-in (a password, SRP, custom
  or choice-based one; not a refresh) (PreAuthentication_Authentication); request userAttributes, userNotFound, validationData, clientMetadata.
- PostAuthentication (user-pool-lambda-post-authentication.html): once a sign-in ends with tokens
  (PostAuthentication_Authentication); request userAttributes, newDeviceUsed, clientMetadata.
- CustomMessage (custom_message.py): after SignUp, ResendConfirmationCode, ForgotPassword and an
  AdminCreateUser that sends an invitation.
- UserMigration (user-pool-lambda-migrate-user.html): when a user who is not in the pool signs in with a
  password (UserMigration_Authentication, request password, validationData, clientMetadata) or asks for a
  password reset (UserMigration_ForgotPassword); response userAttributes, finalUserStatus (CONFIRMED, or
  RESET_REQUIRED), messageAction, desiredDeliveryMediums, forceAliasCreation: the user is made with the
  attributes returned and, on sign-in, the password the handler accepted.
The tokens' trigger (PreTokenGeneration) is token_claims.py's; custom authentication's, custom_auth.py's.
"""

from moto.cognitoidp.models import UserStatus

import secrets

from cogsh_sandbox import custom_message, moto_pools, token_claims
from cogsh_sandbox.wire import Refusal

# The sign-ins PreAuthentication comes before (a refresh is not one).
SIGN_IN_FLOWS = {"USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_SRP_AUTH", "CUSTOM_AUTH", "USER_AUTH"}


def pairs(attributes):
    """[{Name, Value}] as {Name: Value}."""
    return {a.get("Name"): a.get("Value") for a in attributes or [] if isinstance(a, dict) and a.get("Name")}


def user_attributes(user):
    attributes = {a["Name"]: a["Value"] for a in user.attributes}
    attributes["cognito:user_status"] = user.status.value if hasattr(user.status, "value") else str(user.status)
    return attributes


class TriggerPoints:
    def __init__(self, triggers, outbox):
        self.triggers = triggers
        self.outbox = outbox

    def pool_and_client(self, request):
        if request.get("UserPoolId"):
            pool = moto_pools.pool(request["UserPoolId"])
            return pool, request.get("ClientId")
        found = moto_pools.client(request.get("ClientId") or "")
        return (found[1], found[2].id) if found else (None, request.get("ClientId"))

    def before(self, action, request):
        """Invokes what comes before `action`; returns what `after` needs (None: nothing to do)."""
        token_claims.issuing_as(self.source(action, request))
        pool, client_id = self.pool_and_client(request)
        if pool is None:
            return None
        metadata = request.get("ClientMetadata") or {}
        if action in ("SignUp", "AdminCreateUser"):
            source = "PreSignUp_SignUp" if action == "SignUp" else "PreSignUp_AdminCreateUser"
            attributes = pairs(request.get("UserAttributes"))
            # In a pool that signs in by email or phone number, the username given is that attribute.
            username = request.get("Username") or ""
            for kind in pool.extended_config.get("UsernameAttributes") or []:
                if (kind == "email") == ("@" in username):
                    attributes.setdefault(kind, username)
            event = {"userAttributes": attributes, "validationData": pairs(request.get("ValidationData")) or None,
                     "clientMetadata": metadata or None}
            response = self.triggers.invoke(pool, "PreSignUp", source, request.get("Username"), client_id,
                                            drop_none(event), {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False})
            return {"pool": pool, "signUp": response}
        if action in ("InitiateAuth", "AdminInitiateAuth") and request.get("AuthFlow") in SIGN_IN_FLOWS:
            params = request.get("AuthParameters") or {}
            username = params.get("USERNAME") or ""
            user = pool._get_user(username)
            if user is None and request["AuthFlow"] in ("USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"):
                user = self.migrate(pool, client_id, username, "UserMigration_Authentication", metadata, params.get("PASSWORD"))
            if user is not None:
                self.triggers.invoke(pool, "PreAuthentication", "PreAuthentication_Authentication", user.username, client_id,
                                     drop_none({"userAttributes": user_attributes(user), "validationData": None,
                                                "clientMetadata": metadata or None}), {})
            return {"pool": pool, "signIn": True}
        if action in ("RespondToAuthChallenge", "AdminRespondToAuthChallenge"):
            return {"pool": pool, "signIn": True}
        if action == "ForgotPassword" and pool._get_user(request.get("Username") or "") is None:
            self.migrate(pool, client_id, request.get("Username") or "", "UserMigration_ForgotPassword", metadata, None)
        return {"pool": pool}

    @staticmethod
    def source(action, request):
        """The triggerSource of tokens this action would issue."""
        flow = request.get("AuthFlow")
        if action == "GetTokensFromRefreshToken" or flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
            return "TokenGeneration_RefreshTokens"
        if request.get("ChallengeName") == "NEW_PASSWORD_REQUIRED":
            return "TokenGeneration_NewPasswordChallenge"
        if request.get("ChallengeName") in ("DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"):
            return "TokenGeneration_AuthenticateDevice"
        return "TokenGeneration_Authentication"

    def after(self, action, request, answer, noted, headers=None):
        """Applies what the triggers before said, and invokes those that follow `action`."""
        if not noted:
            return answer
        pool, client_id = noted["pool"], self.pool_and_client(request)[1]
        metadata = request.get("ClientMetadata") or {}
        backend = moto_pools.backend_of(pool)
        if "signUp" in noted:
            response = noted["signUp"] or {}
            user = pool._get_user(request.get("Username") or "")
            if user is not None:
                verified = [{"Name": f"{kind}_verified", "Value": "true"} for kind, key in
                            (("email", "autoVerifyEmail"), ("phone_number", "autoVerifyPhone")) if response.get(key)]
                if verified:
                    backend.admin_update_user_attributes(pool.id, user.username, verified)
                if action == "SignUp" and response.get("autoConfirmUser"):
                    backend.admin_confirm_sign_up(pool.id, user.username)
                    answer["UserConfirmed"] = True
        self.messages(action, request, answer, pool, client_id, metadata, headers or [])
        if action in ("ConfirmSignUp", "AdminConfirmSignUp", "ConfirmForgotPassword"):
            user = pool._get_user(request.get("Username") or "")
            source = "PostConfirmation_ConfirmForgotPassword" if action == "ConfirmForgotPassword" else "PostConfirmation_ConfirmSignUp"
            if user is not None:
                self.triggers.invoke(pool, "PostConfirmation", source, user.username, client_id,
                                     drop_none({"userAttributes": user_attributes(user), "clientMetadata": metadata or None}), {})
        if noted.get("signIn") and "AuthenticationResult" in answer:
            self.signed_in(pool, client_id, request, answer)
        return answer

    def messages(self, action, request, answer, pool, client_id, metadata, headers):
        """CustomMessage, for the codes and invitations `action` sent (moto sends none: the sandbox's own code
        for a sign-up, which moto takes whatever it is; moto's for a password reset)."""
        user = pool._get_user(request.get("Username") or "")
        if user is None:
            return
        if action in ("SignUp", "ResendConfirmationCode") and not answer.get("UserConfirmed"):
            source = "CustomMessage_SignUp" if action == "SignUp" else "CustomMessage_ResendCode"
            code = "".join(secrets.choice("0123456789") for _ in range(6))
            custom_message.send(self.triggers, self.outbox, pool, source, user, client_id, code, metadata)
        elif action == "ForgotPassword":
            code = next((v for k, v in headers if k.lower() == "x-moto-forgot-password-confirmation-code"), None)
            if code:
                custom_message.send(self.triggers, self.outbox, pool, "CustomMessage_ForgotPassword", user, client_id,
                                    code, metadata)
        elif action == "AdminCreateUser" and request.get("MessageAction") != "SUPPRESS":
            custom_message.send(self.triggers, self.outbox, pool, "CustomMessage_AdminCreateUser", user, client_id,
                                request.get("TemporaryPassword") or "", metadata, invitation=True)

    def signed_in(self, pool, client_id, request, answer):
        """PostAuthentication, for the user the new access token names."""
        token = answer["AuthenticationResult"].get("AccessToken")
        held = pool.access_tokens.get(token) if token else None
        user = pool._get_user(held[1]) if held else None
        if user is not None:
            self.triggers.invoke(
                pool, "PostAuthentication", "PostAuthentication_Authentication", user.username, client_id,
                drop_none({"userAttributes": user_attributes(user), "newDeviceUsed": bool(answer["AuthenticationResult"].get("NewDeviceMetadata")),
                           "clientMetadata": request.get("ClientMetadata") or None}), {})

    def migrate(self, pool, client_id, username, source, metadata, password):
        """The user a UserMigration handler vouches for, made in the pool; None without a handler or a
        response that names no attributes."""
        request = {"validationData": None, "clientMetadata": metadata or None}
        if password is not None:
            request = {"password": password, **request}
        template = {"userAttributes": None, "finalUserStatus": None, "messageAction": None,
                    "desiredDeliveryMediums": None, "forceAliasCreation": None}
        response = self.triggers.invoke(pool, "UserMigration", source, username, client_id, drop_none(request), template)
        if not response or not response.get("userAttributes"):
            return None
        attributes = [{"Name": k, "Value": str(v)} for k, v in response["userAttributes"].items() if k != "username"]
        backend = moto_pools.backend_of(pool)
        status = response.get("finalUserStatus") or "CONFIRMED"
        if status not in ("CONFIRMED", "RESET_REQUIRED"):
            raise Refusal("InvalidLambdaResponseException", "Invalid finalUserStatus: it is CONFIRMED or RESET_REQUIRED")
        user = backend.admin_create_user(pool.id, username, "SUPPRESS", password or "", attributes)
        if status == "CONFIRMED" and password is not None:
            backend.admin_set_user_password(pool.id, user.username, password, True)
        else:
            user.status = UserStatus.RESET_REQUIRED
        return user


def drop_none(fields):
    return {k: v for k, v in fields.items() if v is not None}
