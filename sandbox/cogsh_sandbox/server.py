"""The sandbox's server: moto's application with the sandbox's additions in front of it.

Run as moto_server is (``cogsh-sandbox -H 127.0.0.1 -p PORT``), so cogsh starts, waits for and stops it
the same way. A request under ``/managed-login/`` goes to the managed-login pages; any other to moto.
"""

import argparse
import signal
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

from cogsh_sandbox.managed_login import ManagedLogin

MANAGED_LOGIN_PREFIX = "/managed-login"


class SandboxApplication:
    """Routes each request to the sandbox's addition that serves it, else to moto."""

    def __init__(self):
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.managed_login = ManagedLogin(MANAGED_LOGIN_PREFIX)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == MANAGED_LOGIN_PREFIX or path.startswith(MANAGED_LOGIN_PREFIX + "/"):
            return self.managed_login(environ, start_response)
        return self.moto(environ, start_response)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cogsh-sandbox", description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1", help="the address to listen on")
    parser.add_argument("-p", "--port", type=int, required=True, help="the port to listen on")
    args = parser.parse_args(argv)
    # A stop (SIGTERM from `sandbox stop`) ends the process at once, as moto_server does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    run_simple(args.host, args.port, SandboxApplication(), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
