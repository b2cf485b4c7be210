#!/usr/bin/env python3
"""Times PyJWT on the work cogsh-bench does: decoding the valid id token of Tests/Vectors/jwt-pyjwt.json
without verification, and verifying it (signature, iss, aud, exp) with the key parsed once.

usage: jwt_pyjwt.py Tests/Vectors    (prints jwt_decode_per_s and jwt_verify_per_s; best of five 1 s rounds)
"""
import json
import pathlib
import sys
import time
from unittest import mock

import jwt

vectors = pathlib.Path(sys.argv[1])
doc = json.loads((vectors / "jwt-pyjwt.json").read_text())
token = next(c["token"] for c in doc["cases"] if c["name"] == "valid-id")
key = jwt.PyJWK(json.loads((vectors / "jwks-test.json").read_text())["keys"][0]).key


def rate(body):
    best = 0.0
    for _ in range(5):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < 1:
            for _ in range(200):
                body()
            count += 200
        best = max(best, count / (time.perf_counter() - start))
    return best


decode = rate(lambda: jwt.decode(token, options={"verify_signature": False}))
with mock.patch("jwt.api_jwt.datetime") as fake:  # the vectors' fixed "now"
    import datetime as real
    fake.now.side_effect = lambda tz=None: real.datetime.fromtimestamp(doc["now"], tz)
    fake.side_effect = real.datetime
    verify = rate(lambda: jwt.decode(token, key, algorithms=["RS256"], audience=doc["clientId"], issuer=doc["issuer"]))
print(f"jwt_decode_per_s {decode:.0f}")
print(f"jwt_verify_per_s {verify:.0f}")
