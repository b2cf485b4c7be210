#!/usr/bin/env python3
"""Makes Tests/Vectors/secret-hash.json with Python's hmac, independently of cogsh.

SECRET_HASH = Base64(HMAC-SHA256(key=client secret, msg=username + client id)), as the Cognito
developer guide gives it. Run: python3 scripts/vectors/secret_hash_vectors.py
"""
import base64
import hashlib
import hmac
import json
import pathlib

CASES = [
    ("alice", "abc123clientid", "s3cr3t"),
    ("taro@example.com", "1example23456789", "mysecret"),
    ("f6a12b72-c2ca-4f96-9597-66dfbf349447", "d77ae851ff054e19bc7cb0464f", "1q2w3e4r5t6y7u8i9o0p"),
    ("zoë@例え.jp", "7abc", "sécret"),
]

if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "secret-hash.json"
    cases = [
        {"username": u, "clientId": c, "clientSecret": s,
         "secretHash": base64.b64encode(hmac.new(s.encode(), (u + c).encode(), hashlib.sha256).digest()).decode()}
        for u, c, s in CASES
    ]
    out.write_text(json.dumps({"generator": "python hmac/hashlib", "cases": cases}, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
