#!/usr/bin/env python3
"""A loopback HTTP server that checks each request's SigV4 signature with botocore's own signer.

usage: sigv4_check_server.py ACCESS_KEY SECRET_KEY REGION
Prints "PORT <n>" once listening. Each POST is re-signed by botocore at the request's X-Amz-Date
with the given key; a matching Authorization header gets 200 {} and the request is echoed to
stderr, a missing or different one gets 400 InvalidSignatureException (as AWS answers).
"""
import datetime
import sys

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from loopback import JSONHandler, serve

ACCESS_KEY, SECRET_KEY, REGION = sys.argv[1:4]
# Optional: the session token the credentials' source issued; the request must carry exactly it.
TOKEN = sys.argv[4] if len(sys.argv) > 4 else None


def expected_authorization(headers, body, path="/"):
    amz_date = headers.get("X-Amz-Date", "")
    when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    request = AWSRequest(method="POST", url="http://" + headers["Host"] + path, data=body, headers={
        "Content-Type": headers.get("Content-Type", ""),
        "X-Amz-Target": headers.get("X-Amz-Target", ""),
    })
    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda: when
    try:
        SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, headers.get("X-Amz-Security-Token")), "cognito-idp", REGION).add_auth(request)
    finally:
        botocore.auth.get_current_datetime = original
    return request.headers["Authorization"]


class Handler(JSONHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        given = self.headers.get("Authorization")
        try:
            ok = given is not None and given == expected_authorization(self.headers, body, self.path)
            if TOKEN is not None and self.headers.get("X-Amz-Security-Token") != TOKEN:
                ok, given = False, "a different session token"
        except Exception as error:  # a malformed date is a failed check too
            ok, given = False, f"{given} ({error})"
        if ok:
            payload, status = {}, 200
        else:
            payload, status = {"__type": "InvalidSignatureException",
                               "message": "The request signature we calculated does not match the signature you provided."}, 400
        self.send_json(status, payload)


if __name__ == "__main__":
    serve(Handler)
