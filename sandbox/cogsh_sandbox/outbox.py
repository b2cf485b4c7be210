"""The messages a real pool would have sent (sign-in codes), kept where every shell can read them.

Cognito emails or texts a one-time code; the sandbox sends nothing, so it keeps each message here and
serves them at ``GET /sandbox-api/outbox?to=NAME`` (the username or the address; newest last), which cogsh's mailbox reads. The
last 200 are kept.
"""

import threading


class Outbox:
    def __init__(self, clock):
        self.clock = clock
        self._lock = threading.Lock()
        self._messages = []

    def send(self, username, address, medium, subject, code, text=None):
        message = {
            "to": username,
            "address": address,
            "medium": medium,
            "subject": subject,
            "code": code,
            "at": self.clock.now(),
        }
        if text:
            message["text"] = text  # a CustomMessage trigger's words
        with self._lock:
            self._messages = (self._messages + [message])[-200:]

    def to(self, username):
        with self._lock:
            return [m for m in self._messages if username is None or username in (m["to"], m["address"])]
