"""The sandbox's server: moto's application with the sandbox's additions in front of it.

Run as moto_server is (``cogsh-sandbox -H 127.0.0.1 -p PORT``), so cogsh starts, waits for and stops it
the same way. A request under ``/managed-login/`` goes to the managed-login pages, one under
``/sandbox-api/`` to the sandbox's own controls (its clock); a cognito-idp action the sandbox serves
itself (GetTokensFromRefreshToken, USER_AUTH sign-in and its Admin form, passkeys, replicas) is answered here, any other passes the sandbox's rules (challenge
Sessions that expire) on its way to moto; anything else goes to moto as it came.
"""

import argparse
import json
import signal
import sys
from urllib.parse import parse_qs

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

from cogsh_sandbox import feature_plans, invocations, moto_pools, regions, token_claims, wire
from cogsh_sandbox.challenge_sessions import ChallengeSessions
from cogsh_sandbox.client_credentials import ClientCredentials
from cogsh_sandbox.clock import SandboxClock
from cogsh_sandbox.custom_auth import CustomAuth
from cogsh_sandbox.managed_login import ManagedLogin
from cogsh_sandbox.outbox import Outbox
from cogsh_sandbox.passkeys import Passkeys
from cogsh_sandbox.refresh_rotation import RefreshRotation
from cogsh_sandbox.replicas import REPLICA_ACTIONS, Replicas
from cogsh_sandbox.trigger_points import TriggerPoints
from cogsh_sandbox.triggers import Triggers
from cogsh_sandbox.user_auth import UserAuth
from cogsh_sandbox.wire import Refusal

MANAGED_LOGIN_PREFIX = "/managed-login"
CONTROL_PREFIX = "/sandbox-api/"


class SandboxApplication:
    """Routes each request to the sandbox's addition that serves it, else to moto."""

    def __init__(self, base_url="http://127.0.0.1"):
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.clock = SandboxClock()
        self.managed_login = ManagedLogin(MANAGED_LOGIN_PREFIX)
        self.sessions = ChallengeSessions(self.clock)
        self.refresh = RefreshRotation(self.clock)
        self.outbox = Outbox(self.clock)
        self.passkeys = Passkeys(self.clock, self.managed_login.backend)
        self.replicas = Replicas()
        self.triggers = Triggers(base_url)
        self.user_auth = UserAuth(self.clock, self.outbox, self.passkeys, self.triggers)
        self.trigger_points = TriggerPoints(self.triggers, self.outbox)
        self.custom_auth = CustomAuth(self.triggers)
        token_claims.install(self.triggers)
        self.managed_login.client_credentials = ClientCredentials(self.triggers)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        invocations.begin()
        token_claims.begin()
        if path == MANAGED_LOGIN_PREFIX or path.startswith(MANAGED_LOGIN_PREFIX + "/"):
            token_claims.issuing_as("TokenGeneration_HostedAuth")
            return self.managed_login(environ, start_response)
        if path.startswith(CONTROL_PREFIX):
            return self.control(path[len(CONTROL_PREFIX) :], environ, start_response)
        region = regions.address(environ)
        action = wire.action(environ)
        if action is not None and environ.get("REQUEST_METHOD") == "POST":
            return self.cognito(action, region, environ, start_response)
        return self.moto(environ, start_response)

    def cognito(self, action, region, environ, start_response):
        body = wire.read_body(environ)
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = None
        if not isinstance(request, dict):
            return self.moto(environ, start_response)  # moto gives the protocol's own refusal
        try:
            feature_plans.check(action, request)
            serving = self.replicas.admit(action, request, region, environ)
            noted = self.trigger_points.before(action, request)
            regions.serve_in(serving)
            if action in REPLICA_ACTIONS:
                return wire.answer(start_response, self.replicas.serve(action, request, region))
        except Refusal as r:
            return wire.error(start_response, r.name, r.message)
        if action == "GetTokensFromRefreshToken":
            refused, answer = self.refresh.get_tokens(request)
            return wire.error(start_response, *refused) if refused else wire.answer(start_response, answer)
        refusal = self.sessions.refusal(action, request)
        if refusal:
            return wire.error(start_response, "NotAuthorizedException", refusal)
        ours = None
        passkey_actions = {
            "StartWebAuthnRegistration": self.passkeys.start_registration,
            "CompleteWebAuthnRegistration": self.passkeys.complete_registration,
            "ListWebAuthnCredentials": self.passkeys.list,
            "DeleteWebAuthnCredential": self.passkeys.delete,
        }
        try:
            if action in passkey_actions:
                ours = passkey_actions[action](request)
            elif action == "SetUserPoolMfaConfig" and "WebAuthnConfiguration" in request:
                # Kept by the sandbox; moto is given the rest.
                self.passkeys.set_config(request.get("UserPoolId"), request.pop("WebAuthnConfiguration") or {})
                # The reference makes MfaConfiguration optional; moto wants it: the pool's own, unchanged.
                pool = moto_pools.pool(request.get("UserPoolId"))
                request.setdefault("MfaConfiguration", pool.mfa_config if pool else "OFF")
                body = json.dumps(request).encode()
            elif action in ("InitiateAuth", "AdminInitiateAuth") and request.get("AuthFlow") == "USER_AUTH":
                ours = self.user_auth.initiate(request)
            elif action in ("InitiateAuth", "AdminInitiateAuth") and self.custom_auth.applies(request):
                ours = self.custom_auth.initiate(request)
            elif action in ("RespondToAuthChallenge", "AdminRespondToAuthChallenge") and self.custom_auth.owns(
                request.get("Session")
            ):
                ours = self.custom_auth.respond(request)
            elif action in ("RespondToAuthChallenge", "AdminRespondToAuthChallenge") and self.user_auth.owns(
                request.get("Session")
            ):
                ours = self.user_auth.respond(request)
        except Refusal as r:
            return wire.error(start_response, r.name, r.message)
        except Exception as e:  # moto's own refusal, from a password flow the sandbox started
            name = getattr(e, "error_type", None)
            if name is None:
                raise
            return wire.error(start_response, name, getattr(e, "message", str(e)))
        if ours is not None:
            try:
                ours = self.trigger_points.after(action, request, ours, noted)
            except Refusal as r:
                return wire.error(start_response, r.name, r.message)
            refused = self.refused_at_replica(request, serving, ours)
            if refused:
                return wire.error(start_response, refused.name, refused.message)
            self.sessions.observe(action, request, ours)
            return wire.answer(start_response, ours)
        status, headers, data = wire.call(self.moto, environ, body)
        if status == 200 and serving:
            refused = self.refused_at_replica(request, serving, json.loads(data or b"{}"))
            if refused:
                return wire.error(start_response, refused.name, refused.message)
        if status == 200 and noted:
            try:
                data = json.dumps(
                    self.trigger_points.after(action, request, json.loads(data or b"{}"), noted, headers)
                ).encode()
            except Refusal as r:
                return wire.error(start_response, r.name, r.message)
        if status == 200 and action in ("SetUserPoolMfaConfig", "GetUserPoolMfaConfig"):
            answer = json.loads(data or b"{}")
            answer["WebAuthnConfiguration"] = self.passkeys.config(request.get("UserPoolId"))
            data = json.dumps(answer).encode()
        if status == 200:
            try:
                self.sessions.observe(action, request, json.loads(data or b"{}"))
            except ValueError:
                pass
        return wire.respond(start_response, status, headers, data)

    def refused_at_replica(self, request, serving, answer):
        """The refusal a replica gives instead of `answer` (a challenge it does not serve), or None."""
        try:
            self.replicas.check_answer(self.replicas.pool_of(request), serving, answer)
        except Refusal as r:
            return r
        return None

    def control(self, name, environ, start_response):
        if name == "clock" and environ.get("REQUEST_METHOD") == "POST":
            try:
                body = wire.read_body(environ)
                # A JSON object, or a form (advanceSeconds=N) as cogsh sends it.
                if body.lstrip().startswith(b"{"):
                    seconds = json.loads(body).get("advanceSeconds", 0)
                else:
                    seconds = float(parse_qs(body.decode()).get("advanceSeconds", ["0"])[0])
                offset = self.clock.advance(seconds)
            except (ValueError, AttributeError) as e:
                return wire.error(start_response, "InvalidParameterException", str(e))
            return wire.answer(start_response, {"offsetSeconds": offset})
        if name == "triggers":
            return self.control_triggers(environ, start_response)
        if name == "outbox" and environ.get("REQUEST_METHOD") == "POST":
            # A trigger handler's message (as a Lambda would send one through SES or SNS).
            try:
                m = json.loads(wire.read_body(environ) or b"{}")
                self.outbox.send(m["to"], m.get("address") or m["to"], m.get("medium", "EMAIL"), m.get("subject", "message"), str(m["code"]))
            except (ValueError, KeyError, TypeError) as e:
                return wire.error(start_response, "InvalidParameterException", f"a message has to, subject and code: {e}")
            return wire.answer(start_response, {})
        if name == "outbox" and environ.get("REQUEST_METHOD") == "GET":
            to = parse_qs(environ.get("QUERY_STRING", "")).get("to", [None])[0]
            return wire.answer(start_response, {"messages": self.outbox.to(to)})
        return wire.error(start_response, "ResourceNotFoundException", f"the sandbox has no control {name!r}", 404)


    def control_triggers(self, environ, start_response):
        """GET ?userPoolId=ID lists a pool's handlers; POST {userPoolId, trigger, handler, version} sets one
        (handler null takes it away)."""
        try:
            if environ.get("REQUEST_METHOD") == "POST":
                raw = wire.read_body(environ)
                if raw.lstrip().startswith(b"{"):
                    body = json.loads(raw)
                else:  # a form, as cogsh sends it: python and function, or command and directory
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    handler = ({"python": form["python"], "function": form.get("function", "handler")} if "python" in form
                               else {"command": form["command"], "directory": form.get("directory")} if "command" in form else None)
                    body = dict(form, handler=handler)
                answer = self.triggers.set(body.get("userPoolId"), body.get("trigger"), body.get("handler"), body.get("version"))
            else:
                pool_id = parse_qs(environ.get("QUERY_STRING", "")).get("userPoolId", [None])[0]
                answer = self.triggers.list(pool_id)
        except Refusal as r:
            return wire.error(start_response, r.name, r.message)
        except ValueError as e:
            return wire.error(start_response, "InvalidParameterException", str(e))
        return wire.answer(start_response, answer)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cogsh-sandbox", description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1", help="the address to listen on")
    parser.add_argument("-p", "--port", type=int, required=True, help="the port to listen on")
    args = parser.parse_args(argv)
    # A stop (SIGTERM from `sandbox stop`) ends the process at once, as moto_server does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    app = SandboxApplication(f"http://{args.host}:{args.port}")
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
