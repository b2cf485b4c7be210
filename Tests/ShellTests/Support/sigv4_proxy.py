#!/usr/bin/env python3
"""A loopback proxy in front of moto that checks each signed Cognito request against the credentials
STS issued through it.

usage: sigv4_proxy.py MOTO_URL [ACCESS_KEY SECRET_KEY SESSION_TOKEN]
(the optional keys are what a source other than STS issued: a process, a container endpoint, IMDS, SSO)
Prints "PORT <n>" once listening. Every request is forwarded to moto and moto's answer returned, except:
- STS answers (AssumeRole, AssumeRoleWithWebIdentity) are read for the keys they issue, which are kept;
- a signed cognito-idp request is re-signed by botocore with the secret STS issued for its access key,
  at its own X-Amz-Date, and must match, with the very session token STS issued; otherwise it gets
  400 InvalidSignatureException (as AWS answers) and never reaches moto.
GET /_log lists the checked requests (access key, verdict) and the STS actions asked for (action, role).
"""
import datetime
import http.client
import json
import re
import sys
import urllib.parse

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from loopback import JSONHandler, serve

MOTO = urllib.parse.urlparse(sys.argv[1])
ISSUED = {}  # access key id -> (secret, session token)
if len(sys.argv) > 4:
    ISSUED[sys.argv[2]] = (sys.argv[3], sys.argv[4])
CHECKED = []


def tag(name, xml):
    m = re.search(f"<{name}>(.*?)</{name}>", xml, re.S)
    return m.group(1) if m else None


def expected(headers, body, path, secret, token, region):
    when = datetime.datetime.strptime(headers.get("X-Amz-Date", ""), "%Y%m%dT%H%M%SZ")
    request = AWSRequest(method="POST", url="http://" + headers["Host"] + path, data=body, headers={
        "Content-Type": headers.get("Content-Type", ""), "X-Amz-Target": headers.get("X-Amz-Target", "")})
    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda: when
    try:
        key = re.search(r"Credential=([^/]+)/", headers.get("Authorization", "")).group(1)
        SigV4Auth(Credentials(key, secret, token), "cognito-idp", region).add_auth(request)
    finally:
        botocore.auth.get_current_datetime = original
    return request.headers["Authorization"]


class Handler(JSONHandler):
    def do_GET(self):
        if self.path == "/_log":
            self.send_json(200, CHECKED)
            return
        self.forward(b"")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        auth = self.headers.get("Authorization")
        target = self.headers.get("X-Amz-Target", "")
        if auth and target.startswith("AWSCognitoIdentityProviderService."):
            m = re.search(r"Credential=([^/]+)/\d+/([^/]+)/", auth)
            key, region = (m.group(1), m.group(2)) if m else ("?", "?")
            secret, token = ISSUED.get(key, (None, None))
            ok = secret is not None and self.headers.get("X-Amz-Security-Token") == token \
                and auth == expected(self.headers, body, self.path, secret, token, region)
            CHECKED.append({"accessKeyId": key, "ok": ok})
            if not ok:
                self.send_json(400, {"__type": "InvalidSignatureException",
                                     "message": "The request signature we calculated does not match the signature you provided."})
                return
        elif b"Action=AssumeRole" in body:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            CHECKED.append({"sts": form.get("Action", ["?"])[0], "role": form.get("RoleArn", ["?"])[0]})
        self.forward(body)

    def forward(self, body):
        conn = http.client.HTTPConnection(MOTO.hostname, MOTO.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        conn.request(self.command, self.path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        text = data.decode("utf-8", "replace")
        if "AssumeRole" in text and tag("AccessKeyId", text):
            ISSUED[tag("AccessKeyId", text)] = (tag("SecretAccessKey", text), tag("SessionToken", text))
        self.send_bytes(r.status, data, r.getheader("Content-Type", "application/octet-stream"))


if __name__ == "__main__":
    serve(Handler)
