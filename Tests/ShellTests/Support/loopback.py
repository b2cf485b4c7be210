"""What the test helper servers share: JSON answers, quiet logs, and "PORT <n>" once listening."""
import json
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer


class JSONHandler(BaseHTTPRequestHandler):
    def send_bytes(self, status, data, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, payload):
        """An AWS JSON 1.1 answer."""
        self.send_bytes(status, json.dumps(payload).encode(), "application/x-amz-json-1.1")

    def log_message(self, *args):
        pass


def serve(handler, threaded=False):
    """Listens on a free loopback port, says which on stdout (the tests wait for it), serves forever.
    A keep-alive server is threaded, so that one client's open connection does not hold up another's."""
    server = (ThreadingHTTPServer if threaded else HTTPServer)(("127.0.0.1", 0), handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()
