#!/usr/bin/env python3
"""Makes Tests/Vectors/retry-botocore.json with botocore's standard retry mode: the backoff delay for a
fixed random value and attempt, and which error codes it retries.

Run with a Python that has botocore (moto's venv does): python3 scripts/vectors/retry_vectors.py
"""
import json
import pathlib

import botocore
from botocore.retries import standard


class Context:
    def __init__(self, attempt, code=None, status=None):
        self.attempt_number = attempt
        self._code = code
        self.http_response = None
        self.caught_exception = None
        self.parsed_response = {"Error": {"Code": code}} if code else None
        if status is not None:
            self.http_response = type("R", (), {"status_code": status, "headers": {}})()

    def get_error_code(self):
        return self._code


RANDOMS = [0.0, 0.25, 0.5, 0.999]
CODES = [
    "ThrottlingException", "TooManyRequestsException", "LimitExceededException", "RequestTimeout",
    "PriorRequestNotComplete", "SlowDown", "NotAuthorizedException", "CodeMismatchException",
    "InvalidParameterException", "UserNotFoundException", "InternalErrorException", "ResourceNotFoundException",
]

if __name__ == "__main__":
    delays = []
    for r in RANDOMS:
        backoff = standard.ExponentialBackoff(random=lambda r=r: r)
        for attempt in range(1, 9):
            delays.append({"random": r, "attempt": attempt, "delay": backoff.delay_amount(Context(attempt))})
    transient = standard.TransientRetryableChecker()
    throttled = standard.ThrottledRetryableChecker()
    codes = [{"code": c, "retryable": transient.is_retryable(Context(1, code=c)) or throttled.is_retryable(Context(1, code=c))}
             for c in CODES]
    statuses = [{"status": s, "retryable": transient.is_retryable(Context(1, status=s))}
                for s in [400, 403, 404, 500, 501, 502, 503, 504]]
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "retry-botocore.json"
    out.write_text(json.dumps({"generator": f"botocore {botocore.__version__}", "delays": delays, "codes": codes,
                               "statuses": statuses}, indent=2) + "\n")
    print(f"wrote {out}")
