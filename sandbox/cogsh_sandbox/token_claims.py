"""The claims of the tokens the sandbox signs: the pool's issuer, and what a PreTokenGeneration trigger
adds, overrides or suppresses.

The pre token generation trigger (developer guide, user-pool-lambda-pre-token-generation.html) is invoked
once per issue of tokens, with triggerSource TokenGeneration_Authentication, _HostedAuth,
_NewPasswordChallenge, _AuthenticateDevice or _RefreshTokens, and request userAttributes,
groupConfiguration (groupsToOverride, iamRolesToOverride, preferredRole), clientMetadata, and for
versions 2 and 3 scopes. Its response:
- version 1: claimsOverrideDetails {claimsToAddOrOverride, claimsToSuppress, groupOverrideDetails}, for
  the ID token only;
- versions 2 and 3: claimsAndScopeOverrideDetails {idTokenGeneration {claimsToAddOrOverride,
  claimsToSuppress}, accessTokenGeneration {claimsToAddOrOverride, claimsToSuppress, scopesToAdd,
  scopesToSuppress}, groupOverrideDetails}.
groupOverrideDetails.groupsToOverride replaces cognito:groups in both tokens. The claims the page says a
trigger cannot change (iss, sub, aud, exp, iat, token_use, and the others in RESERVED) are left as they
were, and the invocation's record says which were ignored.

The trigger is invoked at the first token a request mints for a user and app client (moto mints the
access and the ID token one after the other). moto signs the tokens (with its one key, the JWKS it
serves); the sandbox takes moto's payload, applies the
above and signs it again with the same key, so that the result verifies against the sandbox's JWKS.
"""

import base64
import json
import threading

from joserfc import jwt
from moto.cognitoidp.models import CognitoIdpUserPool
from moto.core.exceptions import JsonRESTError

from cogsh_sandbox import invocations, regions
from cogsh_sandbox.wire import Refusal

RESERVED = {
    "acr", "amr", "at_hash", "auth_time", "aud", "azp", "client_id", "cognito:username", "event_id", "exp",
    "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "username",
}
_local = threading.local()


def issuing_as(source):
    """The triggerSource of tokens this thread issues next (TokenGeneration_…)."""
    _local.source = source


def begin():
    """A new request: the tokens it issues are one issue, for which the trigger is invoked once."""
    _local.issued = {}
    _local.source = None


def install(triggers):
    """moto's token minting, with the pool's issuer and the trigger's claims."""
    if getattr(CognitoIdpUserPool.create_jwt, "cogsh_sandbox", False):
        return
    create_jwt = CognitoIdpUserPool.create_jwt

    def overrides(pool, client_id, username):
        if not triggers.configured(pool, "PreTokenGeneration"):
            return None
        issued = getattr(_local, "issued", None)
        if issued is None:
            issued = _local.issued = {}
        key = (pool.id, client_id, username)
        if key not in issued:
            try:
                issued[key] = invoke(triggers, pool, client_id, username)
            except Refusal as r:  # inside moto: in the form its own refusals take
                raise JsonRESTError(r.name, r.message)
        return issued[key]

    def signed(self, client_id, username, token_use, expires_in=60 * 60, extra_data=None):
        token, expires = create_jwt(self, client_id, username, token_use, expires_in, extra_data)
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        payload["iss"] = regions.issuer(self)
        apply(overrides(self, client_id, username), token_use, payload)
        return jwt.encode({"kid": "dummy", "alg": "RS256"}, payload, self.json_web_key), expires

    signed.cogsh_sandbox = True
    CognitoIdpUserPool.create_jwt = signed


def invoke(triggers, pool, client_id, username):
    """The trigger's response, read into {"id": …, "access": …, "groups": …, "version": …}."""
    user = pool._get_user(username)
    version = triggers.version(pool, "PreTokenGeneration")
    request = {
        "userAttributes": {a["Name"]: a["Value"] for a in user.attributes},
        "groupConfiguration": {
            "groupsToOverride": [g.group_name for g in user.groups],
            "iamRolesToOverride": [g.role_arn for g in user.groups if getattr(g, "role_arn", None)],
        },
    }
    if version == "V1_0":
        template = {"claimsOverrideDetails": None}
    else:
        request["scopes"] = ["aws.cognito.signin.user.admin"]
        template = {"claimsAndScopeOverrideDetails": None}
    source = getattr(_local, "source", None) or "TokenGeneration_Authentication"
    response = triggers.invoke(pool, "PreTokenGeneration", source, user.username, client_id, request, template) or {}
    if version == "V1_0":
        details = response.get("claimsOverrideDetails") or {}
        return {"id": details, "access": {}, "groups": details.get("groupOverrideDetails")}
    details = response.get("claimsAndScopeOverrideDetails") or {}
    return {
        "id": details.get("idTokenGeneration") or {},
        "access": details.get("accessTokenGeneration") or {},
        "groups": details.get("groupOverrideDetails"),
    }


def apply(overrides, token_use, payload):
    if not overrides:
        return
    details = overrides["id" if token_use == "id" else "access"]
    ignored = []
    for name, value in (details.get("claimsToAddOrOverride") or {}).items():
        if name in RESERVED:
            ignored.append(name)
        else:
            payload[name] = value
    for name in details.get("claimsToSuppress") or []:
        if name in RESERVED:
            ignored.append(name)
        else:
            payload.pop(name, None)
    if token_use == "access":
        scopes = [s for s in (payload.get("scope") or "").split(" ") if s]
        scopes += [s for s in details.get("scopesToAdd") or [] if s not in scopes]
        scopes = [s for s in scopes if s not in (details.get("scopesToSuppress") or [])]
        payload["scope"] = " ".join(scopes)
    groups = (overrides.get("groups") or {}).get("groupsToOverride")
    if groups is not None:
        if groups:
            payload["cognito:groups"] = groups
        else:
            payload.pop("cognito:groups", None)
    if ignored:
        invocations.note_last({"ignored" + token_use.capitalize(): sorted(set(ignored))})
