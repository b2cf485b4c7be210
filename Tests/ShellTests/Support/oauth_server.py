#!/usr/bin/env python3
"""A loopback stand-in for a user pool's domain: managed login's /oauth2/authorize (with a login
form), /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout, the pool's OpenID discovery
document, and DescribeUserPoolClient. It checks what Cognito's developer guide says these endpoints
check (authorization-endpoint, token-endpoint, userinfo-endpoint, revocation-endpoint,
logout-endpoint pages), written from those pages and RFC 6749 / 7636, not from cogsh:

- the redirect_uri must be one of the client's callback URLs, exactly; otherwise an error page
  (redirect_mismatch), never a redirect;
- response_type must be a flow the client allows (else error=unauthorized_client on the callback),
  every scope one it allows (else error=invalid_scope);
- PKCE: code_challenge_method S256 only; at the token endpoint the code_verifier must hash to the
  challenge; codes are single-use, bound to the client and the redirect_uri, and expire in 5 minutes;
- a client with a secret authenticates with HTTP Basic at /oauth2/token and /oauth2/revoke, a client
  without one must not; the client-credentials grant needs a secret and the flow;
- state is returned as given; nonce is put in the id token;
- userInfo needs an access token with the openid scope (401 with WWW-Authenticate otherwise);
- a revoked refresh token no longer refreshes.

usage: oauth_server.py CALLBACK_PORT     prints "PORT <n>" once listening.
Fixed facts: pool us-east-1_OAuthPool; user alice@example.com / "alice-password" (sub "sub-alice");
clients "public" (no secret; flows code and implicit; scopes openid email profile), "confidential"
(secret "oauth-secret"; flow code; scopes openid email) and "machine" (secret "machine-secret"; flow
client_credentials; scopes orders/read orders/write). Callback URLs: http://localhost:CALLBACK_PORT/callback
and http://localhost:CALLBACK_PORT; sign-out URL http://localhost:CALLBACK_PORT/signed-out. The form's
"deny" button sends the user back with error=access_denied.
"""
import base64
import hashlib
import html
import json
import sys
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlparse

from loopback import JSONHandler, serve

POOL = "us-east-1_OAuthPool"
PORT = sys.argv[1] if len(sys.argv) > 1 else "3333"
CALLBACKS = [f"http://localhost:{PORT}/callback", f"http://localhost:{PORT}"]
LOGOUTS = [f"http://localhost:{PORT}/signed-out"]
CLIENTS = {
    "public": {"secret": None, "flows": ["code", "implicit"], "scopes": ["openid", "email", "profile"]},
    "confidential": {"secret": "oauth-secret", "flows": ["code"], "scopes": ["openid", "email"]},
    "machine": {"secret": "machine-secret", "flows": ["client_credentials"], "scopes": ["orders/read", "orders/write"]},
}
USERS = {"alice@example.com": {"password": "alice-password", "sub": "sub-alice"}}
REQUESTS = {}  # login form id -> the authorize request
CODES = {}  # code -> what it was issued for
REFRESH = {}  # refresh token -> (user, client, scopes)
ACCESS = {}  # access token -> (user, scopes)
BASE = {"url": ""}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims):
    header = b64url(json.dumps({"alg": "RS256", "kid": "oauth-test"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.c2ln"


def tokens(user, client, scopes, nonce=None, refresh=True):
    now = int(time.time())
    sub = USERS[user]["sub"]
    common = {"sub": sub, "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}", "iat": now, "exp": now + 3600,
              "auth_time": now, "jti": str(uuid.uuid4()), "origin_jti": str(uuid.uuid4())}
    access = jwt(dict(common, token_use="access", client_id=client, username=sub, scope=" ".join(scopes)))
    ACCESS[access] = (user, scopes)
    out = {"access_token": access, "expires_in": 3600, "token_type": "Bearer"}
    if "openid" in scopes:
        id_claims = dict(common, token_use="id", aud=client, email=user, **{"cognito:username": sub})
        if nonce:
            id_claims["nonce"] = nonce
        out["id_token"] = jwt(id_claims)
    if refresh:
        token = "refresh-" + uuid.uuid4().hex
        REFRESH[token] = (user, client, scopes)
        out["refresh_token"] = token
    return out


class OAuthError(Exception):
    def __init__(self, error, description, status=400):
        self.error, self.description, self.status = error, description, status


def authenticate(handler, form):
    """The client, authenticated as the token endpoint wants it: Basic for a client with a secret."""
    auth = handler.headers.get("Authorization", "")
    client_id = form.get("client_id")
    if auth.startswith("Basic "):
        try:
            cid, secret = base64.b64decode(auth[6:]).decode().split(":", 1)
        except Exception:
            raise OAuthError("invalid_client", "Malformed Basic authorization", 401)
        if cid not in CLIENTS or CLIENTS[cid]["secret"] != secret:
            raise OAuthError("invalid_client", "Client authentication failed", 401)
        if client_id and client_id != cid:
            raise OAuthError("invalid_client", "client_id does not match the authorization header", 401)
        return cid
    if client_id not in CLIENTS:
        raise OAuthError("invalid_client", "Unknown client")
    if CLIENTS[client_id]["secret"]:
        raise OAuthError("invalid_client", "Client secret is required for this client", 401)
    return client_id


def token_endpoint(handler, form):
    client = authenticate(handler, form)
    grant = form.get("grant_type")
    if grant == "authorization_code":
        issued = CODES.pop(form.get("code", ""), None)  # single-use: gone whether or not it is honoured
        if not issued or issued["expires"] < time.time():
            raise OAuthError("invalid_grant", "Invalid authorization code")
        if issued["client"] != client:
            raise OAuthError("invalid_grant", "The code was issued to another client")
        if issued["redirect_uri"] != form.get("redirect_uri"):
            raise OAuthError("invalid_grant", "redirect_uri does not match the authorization request")
        if issued["challenge"]:
            verifier = form.get("code_verifier", "")
            if b64url(hashlib.sha256(verifier.encode()).digest()) != issued["challenge"]:
                raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge")
        return tokens(issued["user"], client, issued["scopes"], issued["nonce"])
    if grant == "refresh_token":
        found = REFRESH.get(form.get("refresh_token", ""))
        if not found or found[1] != client:
            raise OAuthError("invalid_grant", "Invalid Refresh Token")
        out = tokens(found[0], client, found[2], refresh=False)
        return out
    if grant == "client_credentials":
        c = CLIENTS[client]
        if not c["secret"] or "client_credentials" not in c["flows"]:
            raise OAuthError("unauthorized_client", "The client may not use client credentials")
        scopes = form.get("scope", " ".join(c["scopes"])).split()
        if any(s not in c["scopes"] for s in scopes):
            raise OAuthError("invalid_scope", "A scope is not allowed for this client")
        now = int(time.time())
        access = jwt({"sub": client, "token_use": "access", "client_id": client, "scope": " ".join(scopes),
                      "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}", "iat": now, "exp": now + 3600,
                      "jti": str(uuid.uuid4())})
        return {"access_token": access, "expires_in": 3600, "token_type": "Bearer"}
    raise OAuthError("unsupported_grant_type", f"grant_type {grant} is not supported")


def login_form(request_id, message=""):
    note = f"<p class='error'>{html.escape(message)}</p>" if message else ""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title></head><body>
{note}<form method="post" action="/login">
<input type="hidden" name="request" value="{request_id}">
<label>Username <input id="username" name="username"></label>
<label>Password <input id="password" name="password" type="password"></label>
<button id="signin" name="action" value="login" type="submit">Sign in</button>
<button id="deny" name="action" value="deny" type="submit">Cancel</button>
</form></body></html>"""


class Handler(JSONHandler):
    def page(self, status, body):
        self.send_bytes(status, body.encode(), "text/html; charset=utf-8")

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def oauth_json(self, status, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if url.path == f"/{POOL}/.well-known/openid-configuration":
            return self.oauth_json(200, {
                "issuer": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}",
                "authorization_endpoint": base + "/oauth2/authorize", "token_endpoint": base + "/oauth2/token",
                "userinfo_endpoint": base + "/oauth2/userInfo", "jwks_uri": base + f"/{POOL}/.well-known/jwks.json",
                "response_types_supported": ["code", "token"], "code_challenge_methods_supported": ["S256"]})
        if url.path == "/oauth2/authorize":
            client = CLIENTS.get(q.get("client_id"))
            if client is None:
                return self.page(400, "<p>error: invalid_request (unknown client)</p>")
            redirect = q.get("redirect_uri")
            if redirect not in CALLBACKS:
                return self.page(400, "<p>error: redirect_mismatch</p>")
            sep = "&" if "?" in redirect else "?"
            state = {"state": q["state"]} if "state" in q else {}
            flow = {"code": "code", "token": "implicit"}.get(q.get("response_type"))
            if flow is None or flow not in client["flows"]:
                return self.redirect(redirect + sep + urlencode(dict(error="unauthorized_client", **state)))
            scopes = q.get("scope", " ".join(client["scopes"])).split()
            if any(s not in client["scopes"] for s in scopes):
                return self.redirect(redirect + sep + urlencode(dict(error="invalid_scope", **state)))
            if flow == "code" and q.get("code_challenge_method", "S256") != "S256":
                return self.redirect(redirect + sep + urlencode(dict(error="invalid_request", **state)))
            request_id = uuid.uuid4().hex
            REQUESTS[request_id] = dict(q, scopes=scopes, flow=flow)
            return self.page(200, login_form(request_id))
        if url.path == "/oauth2/userInfo":
            auth = self.headers.get("Authorization", "")
            found = ACCESS.get(auth[7:]) if auth.startswith("Bearer ") else None
            if not found or "openid" not in found[1]:
                return self.oauth_json(401, {"error": "invalid_token"}, [
                    ("WWW-Authenticate", 'Bearer error="invalid_token", error_description="Access token is not valid for userInfo"')])
            user = found[0]
            return self.oauth_json(200, {"sub": USERS[user]["sub"], "email": user, "email_verified": "true",
                                         "username": USERS[user]["sub"]})
        if url.path == "/logout":
            if q.get("client_id") not in CLIENTS or q.get("logout_uri") not in LOGOUTS:
                return self.page(400, "<p>error: invalid logout_uri</p>")
            return self.redirect(q["logout_uri"])
        self.page(404, "not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        url = urlparse(self.path)
        if url.path == "/":
            body = json.loads(raw or b"{}")
            if self.headers.get("X-Amz-Target", "").endswith("DescribeUserPoolClient"):
                c = CLIENTS.get(body.get("ClientId"))
                if c is None:
                    return self.send_json(400, {"__type": "ResourceNotFoundException", "message": "no such client"})
                return self.send_json(200, {"UserPoolClient": {
                    "ClientId": body["ClientId"], "UserPoolId": POOL, "AllowedOAuthFlows": c["flows"],
                    "AllowedOAuthScopes": c["scopes"], "CallbackURLs": CALLBACKS, "LogoutURLs": LOGOUTS,
                    "AllowedOAuthFlowsUserPoolClient": True}})
            return self.send_json(400, {"__type": "UnknownOperationException", "message": "not served here"})
        form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        if url.path == "/login":
            request = REQUESTS.get(form.get("request"))
            if request is None:
                return self.page(400, "<p>error: the sign-in request expired</p>")
            redirect = request["redirect_uri"]
            sep = "&" if "?" in redirect else "?"
            state = {"state": request["state"]} if "state" in request else {}
            if form.get("action") == "deny":
                REQUESTS.pop(form["request"], None)
                return self.redirect(redirect + sep + urlencode(dict(
                    error="access_denied", error_description="The user cancelled the sign-in", **state)))
            user = USERS.get(form.get("username"))
            if user is None or user["password"] != form.get("password"):
                return self.page(200, login_form(form["request"], "Incorrect username or password."))
            REQUESTS.pop(form["request"], None)
            name = form["username"]
            if request["flow"] == "implicit":
                out = tokens(name, request["client_id"], request["scopes"], request.get("nonce"), refresh=False)
                out.update(state)
                return self.redirect(redirect + "#" + urlencode(out))
            code = uuid.uuid4().hex
            CODES[code] = {"user": name, "client": request["client_id"], "redirect_uri": redirect,
                           "challenge": request.get("code_challenge"), "scopes": request["scopes"],
                           "nonce": request.get("nonce"), "expires": time.time() + 300}
            return self.redirect(redirect + sep + urlencode(dict(code=code, **state)))
        try:
            if url.path == "/oauth2/token":
                return self.oauth_json(200, token_endpoint(self, form))
            if url.path == "/oauth2/revoke":
                client = authenticate(self, form)
                found = REFRESH.get(form.get("token", ""))
                if found and found[1] == client:
                    del REFRESH[form["token"]]
                return self.oauth_json(200, {})
        except OAuthError as e:
            return self.oauth_json(e.status, {"error": e.error, "error_description": e.description})
        self.page(404, "not found")


if __name__ == "__main__":
    serve(Handler)
