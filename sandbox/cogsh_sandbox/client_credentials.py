"""The client-credentials grant of the token endpoint (machine-to-machine), which moto does not serve,
with the pre token generation trigger's version 3, the one Cognito invokes for it.

From the developer guide's token endpoint page (token-endpoint.html): grant_type=client_credentials needs
an app client with a secret (invalid_client otherwise) that allows the client_credentials flow
(unauthorized_client), and a scope among its AllowedOAuthScopes (invalid_scope); with no scope asked, all
of the client's custom scopes are given. The answer is an access token alone. Its claims, as the
access-token page lists them for machine-to-machine tokens: sub and client_id (the app client), token_use
access, scope, auth_time, iss, exp, iat, jti, version 2.
The pre token generation page: a V3_0 trigger is invoked for these tokens with triggerSource
TokenGeneration_ClientCredentials; versions 1 and 2 are not.
"""

import time
import uuid

from joserfc import jwt
from moto.core.exceptions import JsonRESTError

from cogsh_sandbox import regions, token_claims
from cogsh_sandbox.wire import Refusal


class ClientCredentials:
    def __init__(self, triggers):
        self.triggers = triggers

    def grant(self, pool, client, asked, client_metadata=None):
        """(error, description) or (None, the token endpoint's answer)."""
        if not client.generate_secret:
            return ("invalid_client", "Client authentication failed: the client has no secret"), None
        if "client_credentials" not in (client.extended_config.get("AllowedOAuthFlows") or []):
            return ("unauthorized_client", "the client does not allow client_credentials"), None
        allowed = [s for s in client.extended_config.get("AllowedOAuthScopes") or [] if "/" in s]
        scopes = asked.split() if asked else allowed
        if not scopes or any(s not in allowed for s in scopes):
            return ("invalid_scope", "a scope the client does not allow"), None
        now = int(time.time())
        validity = client.extended_config.get("AccessTokenValidity") or 60
        units = (client.extended_config.get("TokenValidityUnits") or {}).get("AccessToken") or "minutes"
        seconds = validity * {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}.get(units, 60)
        payload = {
            "sub": client.id, "client_id": client.id, "token_use": "access", "scope": " ".join(scopes),
            "auth_time": now, "iss": regions.issuer(pool), "exp": now + seconds, "iat": now,
            "jti": str(uuid.uuid4()), "version": 2,
        }
        if self.triggers.configured(pool, "PreTokenGeneration") and self.triggers.version(pool, "PreTokenGeneration") == "V3_0":
            request = {"userAttributes": {}, "scopes": scopes, "groupConfiguration": None}
            if client_metadata:
                request["clientMetadata"] = client_metadata
            try:
                response = self.triggers.invoke(pool, "PreTokenGeneration", "TokenGeneration_ClientCredentials", client.id,
                                                client.id, request, {"claimsAndScopeOverrideDetails": None}) or {}
            except Refusal as r:
                raise JsonRESTError(r.name, r.message)
            details = response.get("claimsAndScopeOverrideDetails") or {}
            token_claims.apply({"id": {}, "access": details.get("accessTokenGeneration") or {}, "groups": None},
                               "access", payload)
        token = jwt.encode({"kid": "dummy", "alg": "RS256"}, payload, pool.json_web_key)
        return None, {"access_token": token, "expires_in": seconds, "token_type": "Bearer"}
