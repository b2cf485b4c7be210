"""The sandbox's time: the machine's, moved on by what a trainer or a test asked for.

What the sandbox decides by time itself (when a challenge's Session expires, when a rotated refresh
token's grace period ends) reads this clock, so that an expiry can be shown in a class or checked in a
test without waiting for it: ``POST /sandbox-api/clock {"advanceSeconds": N}``. moto's own token times
are the machine's.
"""

import threading
import time


class SandboxClock:
    def __init__(self):
        self._lock = threading.Lock()
        self._offset = 0.0

    def now(self):
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds):
        """Moves the clock on by `seconds` (never back); returns how far it is ahead of the machine's."""
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= 10 * 365 * 86400:
            raise ValueError("advanceSeconds must be a number of seconds from 0 to ten years")
        with self._lock:
            self._offset += seconds
            return self._offset
