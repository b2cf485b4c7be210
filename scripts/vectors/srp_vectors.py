#!/usr/bin/env python3
"""Makes Tests/Vectors/srp-pycognito.json with pycognito's AWSSRP (pip install pycognito).

Each case fixes the private value a, the server's b (so B = k*v + g^b is what a real server would
send), the salt, the secret block and the time; pycognito then computes SRP_A, u, x, the HKDF key
and PASSWORD_CLAIM_SIGNATURE. Device verifiers come from pycognito's generate_hash_device with
os.urandom pinned. Run: python3 scripts/vectors/srp_vectors.py
"""
import base64
import datetime
import json
import pathlib
from unittest import mock

from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP, hex_hash, hex_to_long, pad_hex, calculate_u

CASES = [
    dict(name="reference-self-check", pool="us-east-1_AbCdEf123", user="5f3c1a2b-0000-4000-8000-000000000001",
         password="Passw0rd!", a="aa" * 32, b="bb" * 32, salt="1f2e3d4c5b6a79880f1e2d3c4b5a6978",
         block=bytes(range(32)), time=datetime.datetime(2025, 11, 26, 8, 5, 9)),
    dict(name="single-digit-day", pool="eu-west-1_Zz9", user="taro-uuid", password="brand-new-password",
         a="0123456789abcdef" * 64, b="fedcba9876543210" * 16, salt="8f00aa11bb22cc33dd44ee55ff667788",
         block=b"\x00\xff" * 40, time=datetime.datetime(2026, 11, 6, 8, 5, 9)),
    dict(name="non-ascii-password-odd-salt", pool="ap-northeast-1_Q1w2E3", user="名前-user", password="pässwörd 秘密",
         a="c0ffee" * 40, b="deadbeef" * 20, salt="abcdef0123456789abcdef0123456",
         block=b"secret block bytes", time=datetime.datetime(2024, 2, 29, 23, 59, 59)),
]

DEVICE_CASES = [
    dict(name="reference-device", group="-ExampleGroupKey", device="us-east-1_0a1b2c3d-1111-2222-3333-444455556666",
         random40=bytes([7] * 40), random16=bytes.fromhex("00112233445566778899aabbccddeeff")),
    dict(name="high-bit-salt", group="-Grp", device="eu-west-1_ffffffff-0000-0000-0000-000000000000",
         random40=bytes(range(40)), random16=bytes.fromhex("f0e1d2c3b4a5968778695a4b3c2d1e0f")),
]


def srp_case(c):
    srp = AWSSRP(username="typed", password=c["password"], pool_id=c["pool"], client_id="client", client=object())
    srp.small_a_value = int(c["a"], 16)
    srp.large_a_value = srp.calculate_a()
    # The server side, so that B is a value a real server could send.
    x = hex_to_long(hex_hash(pad_hex(c["salt"]) + aws_srp.hash_sha256(
        f"{c['pool'].split('_')[1]}{c['user']}:{c['password']}".encode("utf-8"))))
    v = pow(srp.val_g, x, srp.big_n)
    big_b = (srp.val_k * v + pow(srp.val_g, int(c["b"], 16), srp.big_n)) % srp.big_n
    srp_b = f"{big_b:x}"
    secret_block = base64.standard_b64encode(c["block"]).decode()
    fixed = c["time"]

    class FixedDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return fixed

    with mock.patch.object(aws_srp.datetime, "datetime", FixedDatetime):
        response = srp.process_challenge(
            {"USERNAME": c["user"], "USER_ID_FOR_SRP": c["user"], "SALT": c["salt"], "SRP_B": srp_b,
             "SECRET_BLOCK": secret_block}, {"USERNAME": "typed"})
    hkdf = srp.get_password_authentication_key(c["user"], c["password"], big_b, c["salt"])
    return {
        "name": c["name"], "poolId": c["pool"], "userIdForSrp": c["user"], "password": c["password"],
        "a": c["a"], "srpB": srp_b, "salt": c["salt"], "secretBlock": secret_block,
        "epochSeconds": int(fixed.replace(tzinfo=datetime.timezone.utc).timestamp()),
        "srpA": f"{srp.large_a_value:x}",
        "u": f"{calculate_u(srp.large_a_value, big_b):x}",
        "x": f"{x:x}",
        "hkdf": hkdf.hex(),
        "timestamp": response["TIMESTAMP"],
        "passwordClaimSignature": response["PASSWORD_CLAIM_SIGNATURE"],
    }


def device_case(c):
    randoms = iter([c["random40"], c["random16"]])
    with mock.patch.object(aws_srp.os, "urandom", lambda n: next(randoms)):
        password, config = aws_srp.generate_hash_device(c["group"], c["device"])
    return {"name": c["name"], "groupKey": c["group"], "deviceKey": c["device"], "devicePassword": password,
            "salt": c["random16"].hex(), "passwordVerifier": config["PasswordVerifier"], "saltBase64": config["Salt"]}


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "srp-pycognito.json"
    doc = {"generator": "pycognito AWSSRP (process_challenge, get_password_authentication_key, generate_hash_device)",
           "cases": [srp_case(c) for c in CASES], "deviceCases": [device_case(c) for c in DEVICE_CASES]}
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
