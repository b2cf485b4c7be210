#!/usr/bin/env python3
"""Makes Tests/Vectors/jwt-pyjwt.json (tokens and PyJWT's verdicts) and Tests/Vectors/jwks-test.json
(the public half of a throwaway RSA test key) with PyJWT and cryptography (pip install pyjwt).

Each case records PyJWT's unverified header and claims, whether the RS256 signature verifies,
and PyJWT's full verdict with the same expectations cogsh is given (issuer, audience for id
tokens, expiry at a fixed time). As aws-jwt-verify does, iat is not checked; a case may give
several accepted client ids ("audiences") and a leeway in seconds ("grace") for exp and nbf.
Run: python3 scripts/vectors/jwt_vectors.py
"""
import base64
import json
import pathlib

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

NOW = 1795000000
POOL = "us-east-1_TestPool"
ISS = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}"
CLIENT = "testclient123"
ROOT = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors"


def b64u(n):
    return base64.urlsafe_b64encode(n.to_bytes((n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pub = key.public_key().public_numbers()
jwks = {"keys": [{"kid": "test-key", "alg": "RS256", "kty": "RSA", "use": "sig", "n": b64u(pub.n), "e": b64u(pub.e)}]}


def claims(use, **over):
    c = {"sub": "sub-1", "iss": ISS, "token_use": use, "iat": NOW - 60, "exp": 4102444800, "auth_time": NOW - 60,
         "jti": "jti-1", "origin_jti": "origin-1", "event_id": "event-1"}
    c.update({"aud": CLIENT, "cognito:username": "sub-1", "email": "taro@example.com"} if use == "id" else
             {"client_id": CLIENT, "username": "sub-1", "scope": "aws.cognito.signin.user.admin email",
              "cognito:groups": ["admins"]})
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}


def sign(payload, kid="test-key", signer=None, alg="RS256"):
    return jwt.encode(payload, signer or key, algorithm=alg, headers={"kid": kid})


def tamper(token):
    h, p, s = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    payload["sub"] = "someone-else"
    p2 = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).rstrip(b"=").decode()
    return f"{h}.{p2}.{s}"


def unsigned(payload):
    return jwt.encode(payload, None, algorithm="none", headers={"kid": "test-key"})


CASES = [
    ("valid-id", sign(claims("id")), "id"),
    ("valid-access", sign(claims("access")), "access"),
    ("expired", sign(claims("id", exp=NOW - 3600)), "id"),
    ("not-yet-valid", sign(claims("id", nbf=NOW + 3600)), "id"),
    ("tampered-payload", tamper(sign(claims("id"))), "id"),
    ("unknown-kid", sign(claims("id"), kid="other-key", signer=other), "id"),
    ("wrong-issuer", sign(claims("id", iss="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")), "id"),
    ("wrong-audience", sign(claims("id", aud="another-client")), "id"),
    ("alg-none", unsigned(claims("id")), "id"),
    ("hs256", jwt.encode(claims("id"), "shared-secret-of-32-bytes-or-more!", algorithm="HS256", headers={"kid": "test-key"}), "id"),
    ("wrong-key-same-kid", sign(claims("id"), signer=other), "id"),
    # The UPDATED issuer (API reference, IssuerConfigurationType), and a dotted look-alike that is not it.
    ("updated-issuer", sign(claims("id", iss=f"https://issuer-cognito-idp.us-east-1.amazonaws.com/{POOL}")), "id"),
    ("dotted-issuer", sign(claims("id", iss=f"https://issuer.cognito-idp.us-east-1.amazonaws.com/{POOL}")), "id"),
    ("foreign-issuer", sign(claims("id", iss=f"https://keys.example/{POOL}")), "id"),
    ("aud-list", sign(claims("id", aud=["another-client", CLIENT])), "id"),
    ("iat-in-the-future", sign(claims("id", iat=NOW + 300)), "id"),
    ("nbf-within-grace", sign(claims("id", nbf=NOW + 20)), "id"),
    ("exp-within-grace", sign(claims("id", exp=NOW - 20)), "id"),
    ("second-client", sign(claims("id", aud="second-client")), "id"),
    ("third-client", sign(claims("id", aud="third-client")), "id"),
]

# Per case: the client ids accepted (default: the one client) and the leeway.
AUDIENCES = {"second-client": [CLIENT, "second-client"], "third-client": [CLIENT, "second-client"]}
GRACE = {"nbf-within-grace": 30, "exp-within-grace": 30}


def verdict(token, use, audiences, grace):
    try:
        # Both forms a pool's issuer takes, ORIGINAL and UPDATED.
        jwt.decode(token, key.public_key(), algorithms=["RS256"], audience=audiences if use == "id" else None,
                   issuer=[ISS, ISS.replace("https://cognito-idp.", "https://issuer-cognito-idp.")],
                   options={"verify_aud": use == "id", "verify_iat": False}, leeway=grace)
        return "valid", None
    except jwt.PyJWTError as e:
        return "invalid", type(e).__name__


def signature_ok(token):
    try:
        jwt.decode(token, key.public_key(), algorithms=["RS256"], options={"verify_exp": False, "verify_nbf": False,
                   "verify_aud": False, "verify_iss": False, "verify_iat": False})
        return True
    except jwt.PyJWTError:
        return False


if __name__ == "__main__":
    import datetime
    from unittest import mock

    class FixedDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.fromtimestamp(NOW, tz)

    patch = mock.patch("jwt.api_jwt.datetime", FixedDatetime)  # PyJWT reads the clock for exp/nbf
    patch.start()
    cases = []
    for name, token, use in CASES:
        audiences = AUDIENCES.get(name, [CLIENT])
        grace = GRACE.get(name, 0)
        v, err = verdict(token, use, audiences, grace)
        cases.append({"name": name, "token": token, "tokenUse": use, "audiences": audiences, "grace": grace,
                      "header": jwt.get_unverified_header(token),
                      "claims": jwt.decode(token, options={"verify_signature": False}),
                      "signatureValid": signature_ok(token), "pyjwt": v, "pyjwtError": err})
    patch.stop()
    doc = {"generator": f"PyJWT {jwt.__version__}", "now": NOW, "issuer": ISS, "poolId": POOL, "clientId": CLIENT,
           "cases": cases}
    (ROOT / "jwt-pyjwt.json").write_text(json.dumps(doc, indent=2) + "\n")
    (ROOT / "jwks-test.json").write_text(json.dumps(jwks, indent=2) + "\n")
    print("wrote jwt-pyjwt.json and jwks-test.json")
