"""A loopback server that answers from a plan the test gives it, to inject faults cogsh must survive.

POST /_plan with a JSON list queues answers; each request to any other path takes the next one:
  {"status": 503, "json": {...}}          an AWS JSON 1.1 answer
  {"raw": "text", "status": 200}           a body as given
  {"size": N}                              a 200 body of N bytes, streamed (for size limits)
  {"headers": {"Retry-After": "1"}}       extra headers
  {"hold": true}                           answered only once the test POSTs /_release
  {"close": true}                          the connection is dropped without an answer
An empty plan answers 500 "NoPlan". GET /_log returns every request: path, X-Amz-Target, body, time.
Only what the AWS documentation says a client meets is planned: 5xx, 429, throttling exceptions,
Retry-After, dropped connections, oversized and malformed answers.
"""
import json
import sys
import threading
import time
from http.server import ThreadingHTTPServer

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from loopback import JSONHandler  # noqa: E402

plan = []
log = []
lock = threading.Lock()
released = []


class Handler(JSONHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/_log":
            with lock:
                self.send_json(200, log)
            return
        self.answer(b"")

    def do_PUT(self):
        self.answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/_release":
            with lock:
                gates, released[:] = released[:], []
            for g in gates:
                g.set()
            self.send_json(200, {"released": len(gates)})
            return
        if self.path == "/_plan":
            with lock:
                plan.extend(json.loads(body))
            self.send_json(200, {"queued": len(plan)})
            return
        self.answer(body)

    def answer(self, body):
        with lock:
            try:
                parsed = json.loads(body) if body else None
            except ValueError:
                parsed = None
            log.append({"path": self.path, "method": self.command, "target": self.headers.get("X-Amz-Target"),
                        "body": parsed, "time": time.time(),
                        "headers": {k.lower(): v for k, v in self.headers.items()}})
            step = plan.pop(0) if plan else {"status": 500, "json": {"__type": "NoPlan", "message": "no plan"}}
            gate = None
            if step.get("hold"):
                gate = threading.Event()
                released.append(gate)
        if gate is not None:
            gate.wait(30)
        if step.get("close"):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status = step.get("status", 200)
        if "size" in step:
            self.send_response(status)
            self.send_header("Content-Length", str(step["size"]))
            self.end_headers()
            chunk = b"a" * 65536
            left = step["size"]
            try:
                while left > 0:
                    self.wfile.write(chunk[: min(left, len(chunk))])
                    left -= len(chunk)
            except OSError:
                pass
            return
        data = step["raw"].encode() if "raw" in step else json.dumps(step.get("json", {})).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        for k, v in step.get("headers", {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()
