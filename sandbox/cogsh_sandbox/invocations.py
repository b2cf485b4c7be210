"""The trigger invocations a request caused, told back to the caller with the answer.

Each request is served on a thread of its own; the invocations it causes are noted here and go back in
the ``x-cogsh-sandbox-invocations`` header of its answer (base64url JSON, a list), where cogsh's trace and
log show them. A real pool tells nothing of its triggers; this header is the sandbox's own.
"""

import base64
import json
import threading

HEADER = "x-cogsh-sandbox-invocations"
LIMIT = 60000
_local = threading.local()


def begin():
    """A new request: nothing invoked yet."""
    _local.records = []


def add(record):
    if not hasattr(_local, "records"):
        _local.records = []
    _local.records.append(record)


def note_last(fields):
    """Adds `fields` to the newest record (what came of its response)."""
    records = getattr(_local, "records", None)
    if records:
        records[-1].update(fields)


def header():
    """The header telling this request's invocations, or None when there were none."""
    records = getattr(_local, "records", None) or []
    if not records:
        return None
    value = encode(records)
    # A client takes headers of some size only (libcurl: 100 KiB): past LIMIT the logs go, then the bodies.
    for fields in (("log",), ("log", "event", "response")):
        if len(value) <= LIMIT:
            break
        records = [dict({k: v for k, v in r.items() if k not in fields}, trimmed=True) for r in records]
        value = encode(records)
    return (HEADER, value)


def encode(records):
    return base64.urlsafe_b64encode(json.dumps(records).encode()).decode().rstrip("=")
