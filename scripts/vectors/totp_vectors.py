#!/usr/bin/env python3
"""Makes Tests/Vectors/totp-pyotp.json with pyotp (pip install pyotp): codes for fixed secrets and times.

Run: python3 scripts/vectors/totp_vectors.py
"""
import json
import pathlib

import pyotp

SECRETS = ["GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "asdfasdfasdfasdfasdfasdf", "JBSWY3DPEHPK3PXPJBSWY3DP", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI"]
TIMES = [0, 59, 1111111109, 1111111111, 1234567890, 2000000000, 1795722667]


def pad(secret):
    return secret + "=" * (-len(secret) % 8)


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "totp-pyotp.json"
    cases = [{"secret": s, "epochSeconds": t, "code": pyotp.TOTP(pad(s).upper()).at(t)} for s in SECRETS for t in TIMES]
    out.write_text(json.dumps({"generator": f"pyotp {pyotp.__version__ if hasattr(pyotp, '__version__') else ''}".strip(),
                               "cases": cases}, indent=2) + "\n")
    print(f"wrote {out}")
