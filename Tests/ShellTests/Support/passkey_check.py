#!/usr/bin/env python3
"""Drives the sandbox's passkeys with a software authenticator (P-256, attestation "none", made here with
`cryptography` and `cbor2`, not with the library the sandbox verifies with), and prints one JSON line:
each step's outcome, the refused ones with the exception the server named.

usage: passkey_check.py SANDBOX_URL
"""
import base64
import hashlib
import json
import os
import struct
import sys

import boto3
import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator:
    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.id = os.urandom(16)
        self.count = 0

    def cose(self):
        n = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: n.x.to_bytes(32, "big"), -3: n.y.to_bytes(32, "big")})

    def create(self, options, origin):
        rp = options["rp"]["id"]
        client = json.dumps({"type": "webauthn.create", "challenge": options["challenge"], "origin": origin}).encode()
        auth = hashlib.sha256(rp.encode()).digest() + bytes([0x45]) + struct.pack(">I", 0) + bytes(16)
        auth += struct.pack(">H", len(self.id)) + self.id + self.cose()
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth})
        return {
            "id": b64url(self.id), "rawId": b64url(self.id), "type": "public-key",
            "response": {"clientDataJSON": b64url(client), "attestationObject": b64url(attestation),
                         "transports": ["internal"]},
            "clientExtensionResults": {}, "authenticatorAttachment": "platform",
        }

    def get(self, options, origin, rp=None, tamper=False):
        self.count += 1
        client = json.dumps({"type": "webauthn.get", "challenge": options["challenge"], "origin": origin}).encode()
        auth = hashlib.sha256((rp or options["rpId"]).encode()).digest() + bytes([0x05]) + struct.pack(">I", self.count)
        signature = self.key.sign(auth + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        if tamper:
            signature = signature[:-1] + bytes([signature[-1] ^ 1])
        return json.dumps({
            "id": b64url(self.id), "rawId": b64url(self.id), "type": "public-key",
            "response": {"clientDataJSON": b64url(client), "authenticatorData": b64url(auth),
                         "signature": b64url(signature)},
            "clientExtensionResults": {}, "authenticatorAttachment": "platform",
        })


def main():
    url = sys.argv[1]
    c = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=url,
                     aws_access_key_id="testing", aws_secret_access_key="testing")
    out = {}

    def attempt(name, call):
        try:
            call()
            out[name] = "ok"
        except c.exceptions.ClientError as e:
            out[name] = e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]

    pool = c.create_user_pool(PoolName="passkeys", Policies={"SignInPolicy": {
        "AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})["UserPool"]["Id"]
    client = c.create_user_pool_client(UserPoolId=pool, ClientName="c", ExplicitAuthFlows=[
        "ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    c.set_user_pool_mfa_config(UserPoolId=pool, WebAuthnConfiguration={"RelyingPartyId": "example.com",
                                                                      "UserVerification": "required"})
    out["config"] = c.get_user_pool_mfa_config(UserPoolId=pool).get("WebAuthnConfiguration")
    c.admin_create_user(UserPoolId=pool, Username="pk", TemporaryPassword="Temp-pass1", MessageAction="SUPPRESS")
    c.admin_set_user_password(UserPoolId=pool, Username="pk", Password="Perm-pass1", Permanent=True)
    token = c.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "pk", "PASSWORD": "Perm-pass1"})["AuthenticationResult"]["AccessToken"]
    first = c.initiate_auth(ClientId=client, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "pk"})
    out["before"] = first["AvailableChallenges"]
    device = Authenticator()
    origin = "https://example.com"
    # Registration refused from another origin, then with a challenge used up, then done.
    options = c.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    attempt("register-other-origin", lambda: c.complete_web_authn_registration(
        AccessToken=token, Credential=device.create(options, "https://evil.example.net")))
    options = c.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    attempt("register", lambda: c.complete_web_authn_registration(AccessToken=token,
                                                                   Credential=device.create(options, origin)))
    attempt("register-replayed", lambda: c.complete_web_authn_registration(
        AccessToken=token, Credential=device.create(options, origin)))
    out["listed"] = [x["RelyingPartyId"] for x in c.list_web_authn_credentials(AccessToken=token)["Credentials"]]
    after = c.initiate_auth(ClientId=client, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "pk"})
    out["after"] = after["AvailableChallenges"]

    def challenge():
        r = c.initiate_auth(ClientId=client, AuthFlow="USER_AUTH", AuthParameters={
            "USERNAME": "pk", "PREFERRED_CHALLENGE": "WEB_AUTHN"})
        return r, json.loads(r["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])

    def answer(r, credential):
        return c.respond_to_auth_challenge(ClientId=client, ChallengeName="WEB_AUTHN", Session=r["Session"],
                                           ChallengeResponses={"USERNAME": "pk", "CREDENTIAL": credential})

    r, opts = challenge()
    attempt("sign-in-tampered", lambda: answer(r, device.get(opts, origin, tamper=True)))
    r, opts = challenge()
    attempt("sign-in-other-origin", lambda: answer(r, device.get(opts, "https://evil.example.net")))
    r, opts = challenge()
    attempt("sign-in-other-rp", lambda: answer(r, device.get(opts, origin, rp="other.example")))
    r, opts = challenge()
    attempt("sign-in-unknown", lambda: answer(r, Authenticator().get(opts, origin)))
    r, opts = challenge()
    signed = {}
    attempt("sign-in", lambda: signed.update(answer(r, device.get(opts, origin))))
    out["tokens"] = sorted(signed.get("AuthenticationResult", {}))
    attempt("sign-in-replayed", lambda: answer(r, device.get(opts, origin)))
    cred = c.list_web_authn_credentials(AccessToken=token)["Credentials"][0]["CredentialId"]
    attempt("delete", lambda: c.delete_web_authn_credential(AccessToken=token, CredentialId=cred))
    out["left"] = len(c.list_web_authn_credentials(AccessToken=token)["Credentials"])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
