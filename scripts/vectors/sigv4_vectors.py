#!/usr/bin/env python3
"""Makes Tests/Vectors/sigv4-botocore.json with botocore's own SigV4 signer.

Each case is a Cognito request as cogsh sends it; botocore signs it at a fixed time and we record
the canonical request, string to sign and Authorization header. Run: python3 scripts/vectors/sigv4_vectors.py
"""
import datetime
import json
import pathlib

import botocore
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AK, SK = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

CASES = [
    dict(name="describe-user-pool", region="us-east-1", url="https://cognito-idp.us-east-1.amazonaws.com/",
         target="DescribeUserPool", body='{"UserPoolId":"us-east-1_EXAMPLE"}', token=None,
         time=datetime.datetime(2015, 8, 30, 12, 36, 0)),
    dict(name="describe-user-pool-session-token", region="us-east-1",
         url="https://cognito-idp.us-east-1.amazonaws.com/", target="DescribeUserPool",
         body='{"UserPoolId":"us-east-1_EXAMPLE"}', token="EXAMPLETOKEN",
         time=datetime.datetime(2015, 8, 30, 12, 36, 0)),
    dict(name="admin-create-user-non-ascii", region="ap-northeast-1",
         url="https://cognito-idp.ap-northeast-1.amazonaws.com/", target="AdminCreateUser",
         body=json.dumps({"UserPoolId": "ap-northeast-1_Abc", "Username": "zoë@example.jp",
                          "UserAttributes": [{"Name": "name", "Value": "山田 太郎"}]},
                         ensure_ascii=False, separators=(",", ":"), sort_keys=True),
         token=None, time=datetime.datetime(2026, 11, 6, 8, 5, 9)),
    dict(name="loopback-endpoint-with-port", region="eu-west-1", url="http://127.0.0.1:5123/",
         target="AdminInitiateAuth",
         body='{"AuthFlow":"ADMIN_USER_PASSWORD_AUTH","ClientId":"c1","UserPoolId":"eu-west-1_x"}',
         token="IQoJb3JpZ2luX2VjEXAMPLE/+=", time=datetime.datetime(2024, 2, 29, 23, 59, 59)),
]


class RecordingSigner(SigV4Auth):
    """botocore's signer, keeping the intermediate stages it computed."""

    recorded = {}

    def canonical_request(self, request):
        self.recorded["canonical"] = super().canonical_request(request)
        return self.recorded["canonical"]

    def string_to_sign(self, request, canonical_request):
        self.recorded["sts"] = super().string_to_sign(request, canonical_request)
        return self.recorded["sts"]


def sign(case):
    creds = Credentials(AK, SK, case["token"])
    req = AWSRequest(method="POST", url=case["url"], data=case["body"].encode("utf-8"), headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService." + case["target"],
    })
    fixed = case["time"]
    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda: fixed
    try:
        signer = RecordingSigner(creds, "cognito-idp", case["region"])
        signer.add_auth(req)
        canonical, sts = signer.recorded["canonical"], signer.recorded["sts"]
    finally:
        botocore.auth.get_current_datetime = original
    host = case["url"].split("/")[2]
    return {
        "name": case["name"],
        "region": case["region"],
        "service": "cognito-idp",
        "accessKeyId": AK,
        "secretAccessKey": SK,
        "sessionToken": case["token"],
        "epochSeconds": int(fixed.replace(tzinfo=datetime.timezone.utc).timestamp()),
        "headers": [["Content-Type", "application/x-amz-json-1.1"],
                    ["X-Amz-Target", "AWSCognitoIdentityProviderService." + case["target"]],
                    ["Host", host]],
        "body": case["body"],
        "canonicalRequest": canonical,
        "stringToSign": sts,
        "authorization": req.headers["Authorization"],
    }


if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "sigv4-botocore.json"
    doc = {"generator": f"botocore {botocore.__version__} SigV4Auth", "cases": [sign(c) for c in CASES]}
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
