"""GetTokensFromRefreshToken, with refresh token rotation and its grace period; moto serves neither.

From the API reference:
- GetTokensFromRefreshToken (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/
  API_GetTokensFromRefreshToken.html): "Given a refresh token, issues new ID, access, and optionally
  refresh tokens for the user who owns the submitted token. This operation issues a new refresh token and
  invalidates the original refresh token after an optional grace period when refresh token rotation is
  enabled. If refresh token rotation is disabled, issues new ID and access tokens only." The request
  carries ClientId, RefreshToken and, for a client with a secret, ClientSecret itself (not a SECRET_HASH).
- RefreshTokenRotationType (…/API_RefreshTokenRotationType.html): Feature ENABLED | DISABLED;
  RetryGracePeriodSeconds 0–60: "the original refresh token that you're rotating out can remain valid for
  a period of time of up to 60 seconds … When RetryGracePeriodSeconds is 0, the grace period is disabled
  and a successful request immediately invalidates the submitted refresh token."
- RefreshTokenReuseException (botocore's model): "thrown when your application requests token refresh with
  a refresh token that has been invalidated by refresh-token rotation."

The exceptions are the reference's; their messages, where the reference gives none, are the sandbox's.
The tokens are moto's own (its pools keep the refresh tokens, and sign the ID and access tokens), so they
verify against the pool's JWKS like any other.
"""

import threading

from cogsh_sandbox import moto_pools

NOT_AUTHORIZED = "Invalid Refresh Token"


class RefreshRotation:
    def __init__(self, clock):
        self.clock = clock
        self._lock = threading.Lock()
        self._rotated = {}  # the refresh token rotated out -> when its grace period ends

    @staticmethod
    def rotation(client):
        config = client.extended_config.get("RefreshTokenRotation") or {}
        enabled = config.get("Feature") == "ENABLED"
        grace = min(max(int(config.get("RetryGracePeriodSeconds") or 0), 0), 60)
        return enabled, grace

    def get_tokens(self, request):
        """(None, the answer) or ((exception name, message), None)."""
        token = request.get("RefreshToken") or ""
        client_id = request.get("ClientId") or ""
        pool, issued = moto_pools.refresh_token(token)
        if pool is None or issued is None:
            return ("NotAuthorizedException", NOT_AUTHORIZED), None
        client = pool.clients.get(client_id)
        owner, username, origin_jti = issued
        if client is None or owner != client_id or not username:
            return ("NotAuthorizedException", NOT_AUTHORIZED), None
        if client.generate_secret and request.get("ClientSecret") != client.secret:
            return ("NotAuthorizedException", f"Client {client_id} is configured with secret but the ClientSecret sent does not match it"), None
        with self._lock:
            ends = self._rotated.get(token)
        if ends is not None and self.clock.now() >= ends:
            with self._lock:
                self._rotated.pop(token, None)
            pool.refresh_tokens[token] = None
            return ("RefreshTokenReuseException", "The refresh token was invalidated by refresh token rotation"), None
        enabled, grace = self.rotation(client)
        result = {"TokenType": "Bearer"}
        if enabled:
            new_token, origin_jti = pool.create_refresh_token(client_id, username)
            result["RefreshToken"] = new_token
            if grace == 0:
                pool.refresh_tokens[token] = None
            else:
                with self._lock:
                    self._rotated.setdefault(token, self.clock.now() + grace)
        access, expires_in = pool.create_access_token(client_id, username, origin_jti=origin_jti)
        id_token, _ = pool.create_id_token(client_id, username, origin_jti=origin_jti)
        result.update({"AccessToken": access, "IdToken": id_token, "ExpiresIn": expires_in})
        return None, {"AuthenticationResult": result}
