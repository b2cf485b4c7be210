#!/usr/bin/env python3
"""Verifies cogsh's passkey output with py_webauthn, the PyPI WebAuthn library (not cogsh's code): reads one
JSON object on stdin — {"registration": {...}, "assertions": [{...}, ...]} with each response, challenge,
origin and relying party — and prints one JSON line: "ok" or the library's refusal for each.
"""
import json
import sys

import webauthn
from webauthn.helpers import base64url_to_bytes


def main():
    case = json.load(sys.stdin)
    out = {}
    reg = case["registration"]
    try:
        verified = webauthn.verify_registration_response(
            credential=reg["response"], expected_challenge=base64url_to_bytes(reg["challenge"]),
            expected_origin=reg["origin"], expected_rp_id=reg["rpId"], require_user_verification=True)
        out["registration"] = "ok"
    except Exception as e:
        print(json.dumps({"registration": f"refused: {e}"}))
        return
    count = verified.sign_count
    out["assertions"] = []
    for a in case["assertions"]:
        try:
            result = webauthn.verify_authentication_response(
                credential=a["response"], expected_challenge=base64url_to_bytes(a["challenge"]),
                expected_rp_id=a["rpId"], expected_origin=a["origin"],
                credential_public_key=verified.credential_public_key, credential_current_sign_count=count,
                require_user_verification=True)
            count = result.new_sign_count
            out["assertions"].append("ok")
        except Exception as e:
            out["assertions"].append(f"refused: {e}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
