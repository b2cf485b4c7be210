#!/usr/bin/env python3
"""A real browser as $BROWSER: Debian's chromium, headless, driven over the DevTools protocol. It
opens the URL, types FAKE_BROWSER_USER and FAKE_BROWSER_PASSWORD into the login form (#username,
#password), presses #signin, and waits until the page is the callback's answer (its title
"Signed in" or "Sign-in not completed"). Every step goes to FAKE_BROWSER_LOG. A minimal WebSocket
client is written here on the standard library, since the protocol needs nothing more.

usage: chromium_browser.py URL
"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from urllib.parse import urlparse


def log(line):
    path = os.environ.get("FAKE_BROWSER_LOG")
    if path:
        with open(path, "a") as f:
            f.write(line + "\n")


class DevTools:
    """One WebSocket connection to a page target: send a command, wait for its answer."""

    def __init__(self, url):
        parts = urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("no WebSocket upgrade: " + head.decode(errors="replace"))
        self.next_id = 0

    def send(self, payload):
        data = json.dumps(payload).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + len(data).to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + len(data).to_bytes(8, "big")
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            out += chunk
        return out

    def receive(self):
        first, second = self.exact(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(self.exact(2), "big")
        elif length == 127:
            length = int.from_bytes(self.exact(8), "big")
        data = self.exact(length)
        return json.loads(data) if first & 0x0F == 1 else None

    def call(self, method, **params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message and message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


def main():
    url = sys.argv[1]
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    profile = tempfile.mkdtemp(prefix="cogsh-chromium-")
    browser = subprocess.Popen(
        [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        endpoint = None
        deadline = time.time() + 60
        while endpoint is None and time.time() < deadline:
            line = browser.stderr.readline()
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                endpoint = found.group(1)
        if endpoint is None:
            log("chromium did not start")
            return
        port = urlparse(endpoint).port
        targets = json.loads(_http_get(port, "/json/list"))
        page = next(t for t in targets if t.get("type") == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Page.navigate", url=url)
        log(f"chromium opened {url}")
        if not wait_for(tools, "document.querySelector('#username') !== null"):
            log("PAGE " + (tools.evaluate("document.body ? document.body.innerText : ''") or ""))
            return
        user = json.dumps(os.environ.get("FAKE_BROWSER_USER", ""))
        password = json.dumps(os.environ.get("FAKE_BROWSER_PASSWORD", ""))
        tools.evaluate(f"document.querySelector('#username').value = {user};"
                       f"document.querySelector('#password').value = {password};"
                       "document.querySelector('#signin').click(); true")
        log("chromium submitted the login form")
        wait_for(tools, "document.title === 'Signed in' || document.title === 'Sign-in not completed'")
        log(f"chromium ended on {tools.evaluate('location.href')}")
        log("PAGE " + (tools.evaluate("document.title") or ""))
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


def _http_get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read()


def wait_for(tools, condition, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if tools.evaluate(condition):
                return True
        except Exception:
            pass  # the page is between documents
        time.sleep(0.1)
    return False


if __name__ == "__main__":
    try:
        main()
    except Exception:
        log("FAILED " + traceback.format_exc())
        raise
