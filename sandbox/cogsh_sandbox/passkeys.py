"""Passkeys (WebAuthn) on the sandbox, which moto does not serve; every ceremony is checked by py_webauthn.

What it follows, from the API reference:
- StartWebAuthnRegistration (…/API_StartWebAuthnRegistration.html): with the user's access token, answers
  CredentialCreationOptions, the PublicKeyCredentialCreationOptions a browser or an authenticator takes.
- CompleteWebAuthnRegistration (…/API_CompleteWebAuthnRegistration.html): the Credential, a
  RegistrationResponseJSON, is verified and kept for the user.
- ListWebAuthnCredentials and DeleteWebAuthnCredential (…/API_ListWebAuthnCredentials.html,
  …/API_DeleteWebAuthnCredential.html): CredentialId, FriendlyCredentialName, RelyingPartyId,
  AuthenticatorAttachment, AuthenticatorTransports, CreatedAt.
- SetUserPoolMfaConfig's WebAuthnConfiguration (…/API_WebAuthnConfigurationType.html): RelyingPartyId and
  UserVerification ("required" or "preferred"); GetUserPoolMfaConfig gives it back.
- The WEB_AUTHN challenge of USER_AUTH: ChallengeParameters CREDENTIAL_REQUEST_OPTIONS (the
  PublicKeyCredentialRequestOptions), answered with CREDENTIAL, an AuthenticationResponseJSON
  (RespondToAuthChallenge's ChallengeResponses).

The relying party is the pool's WebAuthnConfiguration, else ``localhost`` on the sandbox (Cognito's default
is the managed-login domain, which on the sandbox is a loopback address no browser takes as a relying
party). The origin a response carries must be https on the relying party's host or a subdomain of it, or
http on localhost; py_webauthn then checks it exactly, with the relying party's hash, the challenge, the
signature and the user-verification flag. A challenge is used once. Registration refusals take the exception names botocore's model gives CompleteWebAuthnRegistration
(WebAuthnChallengeNotFoundException, WebAuthnOriginNotAllowedException, WebAuthnRelyingPartyMismatchException,
WebAuthnNotEnabledException); RespondToAuthChallenge names none of them, so a failed assertion is a
NotAuthorizedException. The messages are py_webauthn's, or the sandbox's where it checks alone.
"""

import json
import threading
import time
from urllib.parse import urlparse

import webauthn
from webauthn.helpers import bytes_to_base64url, base64url_to_bytes, parse_client_data_json
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from cogsh_sandbox import moto_pools
from cogsh_sandbox.wire import Refusal

DEFAULT_RP_ID = "localhost"
# How long a ceremony's challenge lasts (the options' timeout); the sandbox's choice: five minutes.
CHALLENGE_SECONDS = 300


class Passkeys:
    def __init__(self, clock, backend):
        self.clock = clock
        self.backend = backend
        self._lock = threading.Lock()
        self._config = {}  # pool id -> {"RelyingPartyId": …, "UserVerification": …}
        self._credentials = {}  # (pool id, username) -> [credential]
        self._registrations = {}  # (pool id, username) -> (challenge bytes, until)

    # The pool's configuration.

    def set_config(self, pool_id, config):
        verification = config.get("UserVerification") or "preferred"
        if verification not in ("required", "preferred"):
            raise Refusal("InvalidParameterException", "UserVerification must be required or preferred")
        with self._lock:
            self._config[pool_id] = {
                "RelyingPartyId": config.get("RelyingPartyId") or DEFAULT_RP_ID,
                "UserVerification": verification,
            }

    def config(self, pool_id):
        with self._lock:
            return dict(self._config.get(pool_id) or {"RelyingPartyId": DEFAULT_RP_ID, "UserVerification": "preferred"})

    def require_enabled(self, pool_id):
        """Passkeys need WEB_AUTHN among the pool's first factors (its SignInPolicy)."""
        pool = moto_pools.pool(pool_id)
        policy = ((pool.extended_config.get("Policies") or {}).get("SignInPolicy") or {}) if pool else {}
        if "WEB_AUTHN" not in (policy.get("AllowedFirstAuthFactors") or []):
            raise Refusal("WebAuthnNotEnabledException", "Passkeys are not a sign-in factor of this user pool")

    # Who is asking.

    def user(self, access_token):
        try:
            user = self.backend.get_user(access_token or "")
        except Exception:
            raise Refusal("NotAuthorizedException", "Invalid Access Token")
        return user.user_pool_id, user

    # Registration.

    def start_registration(self, request):
        pool_id, user = self.user(request.get("AccessToken"))
        self.require_enabled(pool_id)
        config = self.config(pool_id)
        with self._lock:
            existing = list(self._credentials.get((pool_id, user.username), []))
        options = webauthn.generate_registration_options(
            rp_id=config["RelyingPartyId"],
            rp_name=config["RelyingPartyId"],
            user_id=user.id.encode(),
            user_name=user.attribute_lookup.get("email") or user.username,
            user_display_name=user.attribute_lookup.get("email") or user.username,
            exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c["id"])) for c in existing],
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.REQUIRED,
                user_verification=UserVerificationRequirement(config["UserVerification"]),
            ),
            timeout=CHALLENGE_SECONDS * 1000,
        )
        with self._lock:
            self._registrations[(pool_id, user.username)] = (options.challenge, self.clock.now() + CHALLENGE_SECONDS)
        return {"CredentialCreationOptions": json.loads(webauthn.options_to_json(options))}

    def complete_registration(self, request):
        pool_id, user = self.user(request.get("AccessToken"))
        self.require_enabled(pool_id)
        config = self.config(pool_id)
        with self._lock:
            started = self._registrations.pop((pool_id, user.username), None)  # used once
        if started is None or started[1] < self.clock.now():
            raise Refusal("WebAuthnChallengeNotFoundException", "No registration was started for this user, or it expired")
        credential = request.get("Credential") or {}
        origin = self.allowed_origin(credential, config["RelyingPartyId"])
        try:
            verified = webauthn.verify_registration_response(
                credential=credential,
                expected_challenge=started[0],
                expected_origin=origin,
                expected_rp_id=config["RelyingPartyId"],
                require_user_verification=config["UserVerification"] == "required",
            )
        except InvalidRegistrationResponse as e:
            raise Refusal(self.refusal_name(str(e)), str(e))
        kept = {
            "id": bytes_to_base64url(verified.credential_id),
            "publicKey": verified.credential_public_key,
            "signCount": verified.sign_count,
            "rpId": config["RelyingPartyId"],
            "createdAt": time.time(),
            "attachment": credential.get("authenticatorAttachment"),
            "transports": (credential.get("response") or {}).get("transports") or [],
            "name": None,
        }
        with self._lock:
            self._credentials.setdefault((pool_id, user.username), []).append(kept)
        return {}

    def list(self, request):
        pool_id, user = self.user(request.get("AccessToken"))
        with self._lock:
            kept = list(self._credentials.get((pool_id, user.username), []))
        return {
            "Credentials": [
                {
                    "CredentialId": c["id"],
                    "FriendlyCredentialName": c["name"],
                    "RelyingPartyId": c["rpId"],
                    "AuthenticatorAttachment": c["attachment"],
                    "AuthenticatorTransports": c["transports"],
                    "CreatedAt": c["createdAt"],
                }
                for c in kept
            ]
        }

    def delete(self, request):
        pool_id, user = self.user(request.get("AccessToken"))
        wanted = request.get("CredentialId")
        with self._lock:
            kept = self._credentials.get((pool_id, user.username), [])
            left = [c for c in kept if c["id"] != wanted]
            if len(left) == len(kept):
                raise Refusal("ResourceNotFoundException", "Credential not found")
            self._credentials[(pool_id, user.username)] = left
        return {}

    # Sign-in: the WEB_AUTHN challenge.

    def has_passkey(self, pool_id, username):
        with self._lock:
            return bool(self._credentials.get((pool_id, username)))

    def request_options(self, pool_id, username):
        """(the PublicKeyCredentialRequestOptions as JSON text, the challenge) for a WEB_AUTHN challenge."""
        config = self.config(pool_id)
        with self._lock:
            kept = list(self._credentials.get((pool_id, username), []))
        options = webauthn.generate_authentication_options(
            rp_id=config["RelyingPartyId"],
            allow_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c["id"])) for c in kept],
            user_verification=UserVerificationRequirement(config["UserVerification"]),
            timeout=CHALLENGE_SECONDS * 1000,
        )
        return webauthn.options_to_json(options), options.challenge

    def verify_assertion(self, pool_id, username, challenge, credential_text):
        """Checks a WEB_AUTHN answer; the credential's counter moves on. Raises Refusal naming what failed."""
        config = self.config(pool_id)
        try:
            credential = json.loads(credential_text) if isinstance(credential_text, str) else credential_text
        except ValueError:
            raise Refusal("InvalidParameterException", "CREDENTIAL is not an AuthenticationResponseJSON")
        with self._lock:
            kept = next(
                (c for c in self._credentials.get((pool_id, username), []) if c["id"] == credential.get("id")), None
            )
        if kept is None:
            raise Refusal("NotAuthorizedException", "The credential is not registered for this user")
        try:
            origin = self.allowed_origin(credential, config["RelyingPartyId"])
        except Refusal as r:
            raise Refusal("NotAuthorizedException", r.message)
        try:
            verified = webauthn.verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=config["RelyingPartyId"],
                expected_origin=origin,
                credential_public_key=kept["publicKey"],
                credential_current_sign_count=kept["signCount"],
                require_user_verification=config["UserVerification"] == "required",
            )
        except InvalidAuthenticationResponse as e:
            # RespondToAuthChallenge names no WebAuthn exception: a failed assertion is a refused sign-in.
            raise Refusal("NotAuthorizedException", str(e))
        with self._lock:
            kept["signCount"] = verified.new_sign_count

    # The checks the library cannot make alone.

    @staticmethod
    def allowed_origin(credential, rp_id):
        """The origin the response names, when it may speak for `rp_id`; else a refusal."""
        try:
            client_data = parse_client_data_json(
                base64url_to_bytes((credential.get("response") or {}).get("clientDataJSON") or "")
            )
        except Exception:
            raise Refusal("InvalidParameterException", "the credential's clientDataJSON cannot be read")
        origin = client_data.origin
        parts = urlparse(origin)
        host = parts.hostname or ""
        on_host = host == rp_id or host.endswith("." + rp_id)
        if not on_host or not (parts.scheme == "https" or (parts.scheme == "http" and host == "localhost")):
            raise Refusal("WebAuthnOriginNotAllowedException", f"The origin {origin} may not use the relying party {rp_id}")
        return origin

    @staticmethod
    def refusal_name(message):
        text = message.lower()
        if "rp id" in text:
            return "WebAuthnRelyingPartyMismatchException"
        if "challenge" in text:
            return "WebAuthnChallengeNotFoundException"
        if "origin" in text:
            return "WebAuthnOriginNotAllowedException"
        return "NotAuthorizedException"
