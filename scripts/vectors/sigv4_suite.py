#!/usr/bin/env python3
"""Vendors AWS's Signature Version 4 test suite, every case, as Tests/Vectors/sigv4-aws-suite.json.

Source: the aws-sig-v4-test-suite (awslabs/aws-c-auth v0.3.15, tests/aws-sig-v4-test-suite), as botocore
carries it in tests/unit/auth/aws4_testsuite at the commit below. Each case keeps its files' text verbatim:
the raw request (.req), the canonical request (.creq), the string to sign (.sts) and the Authorization
header (.authz). Key AKIDEXAMPLE, region us-east-1, service "service", at 20150830T123600Z.
usage: scripts/vectors/sigv4_suite.py BOTOCORE_CHECKOUT   (git clone https://github.com/boto/botocore)
"""
import json
import pathlib
import subprocess
import sys

COMMIT = "0e6e2404b85dc336dd2889814e089bde7d1a4c55"
SUITE = "tests/unit/auth/aws4_testsuite"
ROOT = pathlib.Path(__file__).resolve().parents[2]


def git(*args):
    return subprocess.run(["git", "-C", sys.argv[1], *args], check=True, capture_output=True).stdout


names = git("ls-tree", "-r", "--name-only", COMMIT, SUITE).decode().split("\n")
cases = []
for req in sorted(n for n in names if n.endswith(".req")):
    base = req[: -len(".req")]
    text = {ext: git("show", f"{COMMIT}:{base}.{ext}").decode("utf-8") for ext in ["req", "creq", "sts", "authz"]}
    cases.append({"name": str(pathlib.PurePosixPath(base).parent.relative_to(SUITE)), "request": text["req"],
                  "canonicalRequest": text["creq"], "stringToSign": text["sts"], "authorization": text["authz"]})
doc = {"source": f"aws-sig-v4-test-suite (awslabs/aws-c-auth v0.3.15) as botocore {COMMIT} carries it in {SUITE}",
       "accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
       "region": "us-east-1", "service": "service", "amzDate": "20150830T123600Z", "cases": cases}
(ROOT / "Tests" / "Vectors" / "sigv4-aws-suite.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"wrote sigv4-aws-suite.json: {len(cases)} cases")
