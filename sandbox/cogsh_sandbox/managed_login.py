"""The sandbox's managed login, since moto serves no hosted UI.

The endpoints Cognito's managed login has, as the developer guide's "User pool endpoints and managed
login reference" describes them (https://docs.aws.amazon.com/cognito/latest/developerguide/
cognito-userpools-server-contract-reference.html): ``/oauth2/authorize`` checks the client, its
registered callback URL, its OAuth flows and scopes and the PKCE method, and shows a plain sign-in
form; the form checks the password with moto (USER_PASSWORD_AUTH); ``/oauth2/token`` exchanges a
single-use code (PKCE S256 checked, the redirect URI matched, the client authenticated as the token
endpoint page says: HTTP Basic with the secret, or client_id for a client without one) or a refresh
token for moto's tokens; ``/oauth2/userInfo`` answers for an access token; ``/logout`` returns to a
registered sign-out URL; ``/oauth2/revoke`` only says yes (moto has no RevokeToken).

What it is not: Cognito's managed login has sign-up and MFA pages and federation; this form has none,
a user who must answer a challenge first is told to sign in once in cogsh, and moto's ID tokens carry
no nonce. Every app client of every pool on this server is served: the client is looked up by id.
"""

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from urllib.parse import urlencode

from moto.cognitoidp.models import RegionAgnosticBackend
from moto.core import DEFAULT_ACCOUNT_ID
from werkzeug.wrappers import Request, Response

from cogsh_sandbox import invocations, moto_pools

# How long a code from /oauth2/authorize can be exchanged; the guide gives Cognito's as 5 minutes.
CODE_LIFETIME_SECONDS = 300


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pkce_challenge(verifier):
    """RFC 7636's S256: BASE64URL(SHA256(ASCII(code_verifier)))."""
    return _b64url(hashlib.sha256(verifier.encode()).digest())


def secret_hash(username, client_id, secret):
    """Cognito's SECRET_HASH: Base64(HMAC_SHA256(secret, username + client_id))."""
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def find_client(client_id):
    """The moto app client with this id, in any pool of any Region; None when there is none."""
    found = moto_pools.client(client_id)
    return found[2] if found else None


class ManagedLogin:
    """The managed-login endpoints under ``prefix`` (the domain cogsh's sandbox profile names)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.lock = threading.Lock()
        self.requests = {}
        self.codes = {}
        self.backend = RegionAgnosticBackend(DEFAULT_ACCOUNT_ID, "us-east-1")
        self.client_credentials = None  # the grant, given by the server (client_credentials.py)

    def __call__(self, environ, start_response):
        request = Request(environ)
        path = request.path[len(self.prefix) :] or "/"
        routes = {
            ("GET", "/oauth2/authorize"): self.authorize,
            ("POST", "/login"): self.login,
            ("POST", "/oauth2/token"): self.token,
            ("GET", "/oauth2/userInfo"): self.user_info,
            ("POST", "/oauth2/revoke"): lambda r: self.json(200, {}),
            ("GET", "/logout"): self.logout,
        }
        handler = routes.get((request.method, path))
        response = handler(request) if handler else self.page(404, "not found")
        return response(environ, start_response)

    # The pages and their answers.

    @staticmethod
    def page(status, text):
        body = (
            '<!doctype html><html><head><meta charset="utf-8"><title>cogsh sandbox</title></head>'
            f"<body><p>{html.escape(text)}</p></body></html>"
        )
        return Response(body, status=status, content_type="text/html; charset=utf-8")

    def form(self, request_id, message=""):
        """The sign-in form: the field names are what a person (or a test driving a browser) fills in."""
        error = f'<p class="error">{html.escape(message)}</p>' if message else ""
        body = f"""<!doctype html><html><head><meta charset="utf-8"><title>Sign in (cogsh sandbox)</title></head><body>
<h1>Sign in</h1><p>cogsh's sandbox stand-in for managed login: the password is checked by moto.</p>
{error}
<form method="post" action="{html.escape(self.prefix)}/login">
<input type="hidden" name="request" value="{html.escape(request_id)}">
<label>Username <input id="username" name="username" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="signin" name="action" value="login" type="submit">Sign in</button>
<button id="deny" name="action" value="deny" type="submit">Cancel</button>
</form></body></html>"""
        return Response(body, status=200, content_type="text/html; charset=utf-8")

    @staticmethod
    def json(status, document, headers=None):
        told = invocations.header()  # the triggers the request ran, as the cognito-idp answers tell them
        headers = dict(headers or {}, **({told[0]: told[1]} if told else {}))
        return Response(json.dumps(document), status=status, content_type="application/json", headers=headers)

    def oauth_error(self, error, description, status=400):
        return self.json(status, {"error": error, "error_description": description})

    @staticmethod
    def back(redirect, fields, state):
        pairs = sorted(fields.items())
        if state is not None:
            pairs.append(("state", state))
        separator = "&" if "?" in redirect else "?"
        return Response("", status=302, headers={"Location": redirect + separator + urlencode(pairs)})

    @staticmethod
    def config(client, key):
        return list(client.extended_config.get(key) or [])

    # The endpoints.

    def authorize(self, r):
        q = r.args
        client = find_client(q.get("client_id", ""))
        if client is None:
            return self.page(400, "error: invalid_request (unknown client)")
        redirect = q.get("redirect_uri")
        if not redirect or redirect not in self.config(client, "CallbackURLs"):
            return self.page(400, "error: redirect_mismatch")
        flow = {"code": "code", "token": "implicit"}.get(q.get("response_type", ""))
        if flow is None or flow not in self.config(client, "AllowedOAuthFlows"):
            return self.back(redirect, {"error": "unauthorized_client"}, q.get("state"))
        allowed = self.config(client, "AllowedOAuthScopes")
        scopes = (q.get("scope") or " ".join(allowed)).split()
        if not all(s in allowed for s in scopes):
            return self.back(redirect, {"error": "invalid_scope"}, q.get("state"))
        method = q.get("code_challenge_method")
        if flow == "code" and method is not None and method != "S256":
            return self.back(redirect, {"error": "invalid_request"}, q.get("state"))
        request_id = _b64url(secrets.token_bytes(12))
        with self.lock:
            self.requests[request_id] = dict(q.items(), flow=flow)
        return self.form(request_id)

    def login(self, r):
        f = r.form
        with self.lock:
            q = self.requests.get(f.get("request", ""))
        if q is None or "redirect_uri" not in q:
            return self.page(400, "error: this sign-in request expired; start again")
        redirect = q["redirect_uri"]
        if f.get("action") == "deny":
            with self.lock:
                self.requests.pop(f.get("request"), None)
            return self.back(
                redirect, {"error": "access_denied", "error_description": "The user cancelled the sign-in"}, q.get("state")
            )
        client = find_client(q["client_id"])
        username = f.get("username", "")
        params = {"USERNAME": username, "PASSWORD": f.get("password", "")}
        if client is not None and client.generate_secret:
            params["SECRET_HASH"] = secret_hash(username, client.id, client.secret)
        try:
            answer = self.backend.initiate_auth(q["client_id"], "USER_PASSWORD_AUTH", params)
        except Exception:  # moto's refusal: a wrong password, an unknown user, a disabled flow
            return self.form(f["request"], "Incorrect username or password.")
        result = answer.get("AuthenticationResult")
        if result is None:
            challenge = answer.get("ChallengeName") or "a challenge"
            return self.form(
                f["request"],
                f"This user must answer {challenge} first; this sign-in page does not ask it. "
                "Sign in once in cogsh (login NAME) to finish it.",
            )
        with self.lock:
            self.requests.pop(f["request"], None)
        if q["flow"] == "implicit":
            fragment = []
            if result.get("IdToken"):
                fragment.append(("id_token", result["IdToken"]))
            fragment += [
                ("access_token", result.get("AccessToken", "")),
                ("token_type", "Bearer"),
                ("expires_in", str(int(result.get("ExpiresIn", 3600)))),
            ]
            if q.get("state") is not None:
                fragment.append(("state", q["state"]))
            return Response("", status=302, headers={"Location": redirect + "#" + urlencode(fragment)})
        code = _b64url(secrets.token_bytes(16))
        with self.lock:
            self.codes[code] = {
                "result": result,
                "client_id": q["client_id"],
                "redirect_uri": redirect,
                "challenge": q.get("code_challenge"),
                "expires": time.time() + CODE_LIFETIME_SECONDS,
            }
        return self.back(redirect, {"code": code}, q.get("state"))

    def client_refusal(self, r, client_id):
        """(why the client is not authenticated as the token endpoint wants it, or None; the client)."""
        auth = r.headers.get("Authorization", "")
        basic = auth[6:] if auth.startswith("Basic ") else None
        if basic is not None and not client_id:
            try:
                client_id = base64.b64decode(basic).decode().split(":", 1)[0]
            except Exception:
                return ("invalid_client", "Client authentication failed"), None
        client = find_client(client_id) if client_id else None
        if client is None:
            return ("invalid_client", "Unknown client"), None
        if client.generate_secret:
            expected = base64.b64encode(f"{client.id}:{client.secret}".encode()).decode()
            return (None if basic == expected else ("invalid_client", "Client authentication failed")), client
        if basic is not None:
            return ("invalid_client", "This client has no secret"), client
        return None, client

    def token(self, r):
        f = r.form
        refusal, client = self.client_refusal(r, f.get("client_id"))
        if refusal:
            return self.oauth_error(*refusal, status=401)
        grant = f.get("grant_type")
        if grant == "authorization_code":
            with self.lock:
                issued = self.codes.pop(f.get("code", ""), None)  # single use
            if issued is None or issued["expires"] <= time.time() or issued["client_id"] != client.id:
                return self.oauth_error("invalid_grant", "Invalid authorization code")
            if issued["redirect_uri"] != f.get("redirect_uri"):
                return self.oauth_error("invalid_grant", "redirect_uri does not match the authorization request")
            if issued["challenge"] is not None and pkce_challenge(f.get("code_verifier", "")) != issued["challenge"]:
                return self.oauth_error("invalid_grant", "code_verifier does not match the code_challenge")
            return self.json(200, self.oauth_json(issued["result"]))
        if grant == "refresh_token":
            params = {"REFRESH_TOKEN": f.get("refresh_token", "")}
            try:
                result = self.backend.initiate_auth(client.id, "REFRESH_TOKEN_AUTH", params)["AuthenticationResult"]
            except Exception:
                return self.oauth_error("invalid_grant", "Invalid Refresh Token")
            out = self.oauth_json(result)
            out.pop("refresh_token", None)
            return self.json(200, out)
        if grant == "client_credentials" and self.client_credentials is not None:
            pool = next((p for _, p in moto_pools.pools() if client.id in p.clients), None)
            try:
                refusal, answer = self.client_credentials.grant(pool, client, f.get("scope"))
            except Exception as e:  # a trigger's refusal, in the words the token endpoint has for one
                return self.oauth_error("invalid_request", getattr(e, "message", str(e)))
            if refusal:
                return self.oauth_error(*refusal, status=401 if refusal[0] == "invalid_client" else 400)
            return self.json(200, answer)
        return self.oauth_error(
            "unsupported_grant_type", "the sandbox's stand-in takes authorization_code, refresh_token and client_credentials"
        )

    @staticmethod
    def oauth_json(result):
        out = {
            "access_token": result.get("AccessToken"),
            "expires_in": result.get("ExpiresIn", 3600),
            "token_type": "Bearer",
        }
        if result.get("IdToken"):
            out["id_token"] = result["IdToken"]
        if result.get("RefreshToken"):
            out["refresh_token"] = result["RefreshToken"]
        return out

    def user_info(self, r):
        auth = r.headers.get("Authorization", "")
        user = None
        if auth.startswith("Bearer "):
            try:
                user = self.backend.get_user(auth[7:])
            except Exception:
                user = None
        if user is None:
            return self.json(
                401, {"error": "invalid_token"}, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
            )
        out = {"username": user.username}
        for attribute in user.attributes:
            out[attribute["Name"]] = attribute["Value"]
        return self.json(200, out)

    def logout(self, r):
        client = find_client(r.args.get("client_id", ""))
        back = r.args.get("logout_uri")
        if client is None or not back or back not in self.config(client, "LogoutURLs"):
            return self.page(400, "error: the logout_uri is not a sign-out URL of this client")
        return Response("", status=302, headers={"Location": back})
