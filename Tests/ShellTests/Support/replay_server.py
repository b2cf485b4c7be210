#!/usr/bin/env python3
"""Answers as a recorded exchange answered: smithy-rs's http-traffic.json (its provider-chain scenarios).

usage: replay_server.py TRAFFIC_JSON
Prints "PORT <n>" once listening. Each request is matched to the first recorded request not yet
answered with the same method, path and query parameters (in any order), whatever host it was recorded for, and gets
that request's recorded status and body. A request nothing matches gets 599. GET /_log lists what
came (method, path, matched).
"""
import json
import sys
from urllib.parse import parse_qsl, urlsplit

from loopback import JSONHandler, serve

EVENTS = json.load(open(sys.argv[1]))["events"]
EXCHANGES = []  # [method, path, status, body, used]
by_connection = {}
for event in EVENTS:
    conn, action = event["connection_id"], event["action"]
    if "Request" in action:
        r = action["Request"]["request"]
        parts = urlsplit(r["uri"])
        entry = {"method": r["method"], "path": (parts.path, sorted(parse_qsl(parts.query, keep_blank_values=True))),
                 "status": 599, "body": b"", "used": False}
        by_connection[conn] = entry
        EXCHANGES.append(entry)
    elif "Response" in action:
        ok = action["Response"]["response"].get("Ok")
        if ok and conn in by_connection:
            by_connection[conn]["status"] = ok["status"]
    elif "Data" in action and action["Data"]["direction"] == "Response" and conn in by_connection:
        data = action["Data"]["data"]
        by_connection[conn]["body"] += data["Utf8"].encode() if "Utf8" in data else bytes(data.get("Base64", b""), "utf-8")
LOG = []


class Handler(JSONHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length:
            self.rfile.read(length)
        for entry in EXCHANGES:
            parts = urlsplit(self.path)
            path = (parts.path, sorted(parse_qsl(parts.query, keep_blank_values=True)))
            if not entry["used"] and entry["method"] == self.command and entry["path"] == path:
                entry["used"] = True
                LOG.append({"method": self.command, "path": self.path, "matched": True})
                self.send_bytes(entry["status"], entry["body"], "application/octet-stream")
                return
        LOG.append({"method": self.command, "path": self.path, "matched": False})
        self.send_bytes(599, b"no recorded exchange", "text/plain")

    def do_GET(self):
        if self.path == "/_log":
            self.send_json(200, LOG)
            return
        self.answer()

    do_POST = answer
    do_PUT = answer


if __name__ == "__main__":
    serve(Handler)
