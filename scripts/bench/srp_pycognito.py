#!/usr/bin/env python3
"""Times pycognito on the same SRP work as cogsh-bench: a fresh a, SRP_A, then the claim signature.

usage: srp_pycognito.py Tests/Vectors/srp-pycognito.json   (prints: srp_a_plus_claim_ms <median>)
"""
import datetime
import json
import statistics
import sys
import time
from unittest import mock

from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP

case = json.load(open(sys.argv[1]))["cases"][0]
fixed = datetime.datetime.utcfromtimestamp(case["epochSeconds"])


class FixedDatetime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return fixed


def once():
    srp = AWSSRP(username="typed", password=case["password"], pool_id=case["poolId"], client_id="c", client=object())
    srp.process_challenge({"USERNAME": case["userIdForSrp"], "USER_ID_FOR_SRP": case["userIdForSrp"],
                           "SALT": case["salt"], "SRP_B": case["srpB"], "SECRET_BLOCK": case["secretBlock"]},
                          {"USERNAME": "typed"})


with mock.patch.object(aws_srp.datetime, "datetime", FixedDatetime):
    times = []
    for _ in range(200):
        start = time.perf_counter()
        once()
        times.append((time.perf_counter() - start) * 1000)
print(f"srp_a_plus_claim_ms {statistics.median(times):.3f}")
