"""A pool's Lambda triggers, run here by local handlers; moto ignores LambdaConfig.

A handler is a Python file and function (called as Lambda's Python runtime calls it, in a process of its
own: lambda_runner.py) or any command, which reads the event JSON on stdin and writes the event with its
response on stdout (so a Node or Go handler runs too). Each is given the event Cognito sends, with the
fields every trigger shares (developer guide, "Customizing user pool workflows with Lambda triggers",
cognito-user-pools-working-with-lambda-triggers.html): version, triggerSource, region, userPoolId,
userName, callerContext (awsSdkVersion, clientId), request and response.

What a failed handler gives, in the words Cognito uses (as SDK users quote them in issues, e.g.
aws-amplify/amplify-ui-android#314, anomalyco/sst#1815):
- it raised (or a command exited non-zero): UserLambdaValidationException, "PreSignUp failed with error
  MESSAGE."
- it ran over 5 seconds, Cognito's limit for a trigger: UnexpectedLambdaException, "PreSignUp invocation
  failed due to error Socket timeout while invoking Lambda function."
- its answer is not the event with a response: InvalidLambdaResponseException, "Unrecognizable lambda
  output".
A handler sees COGSH_SANDBOX_URL (the sandbox's address, whose /sandbox-api/outbox takes a message to
send, as a Lambda would call SES) and AWS_REGION in its environment.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

from moto.core import DEFAULT_ACCOUNT_ID

from cogsh_sandbox import invocations, moto_pools
from cogsh_sandbox.wire import Refusal

TRIGGERS = [
    "PreSignUp",
    "CustomMessage",
    "PostConfirmation",
    "PreAuthentication",
    "PostAuthentication",
    "DefineAuthChallenge",
    "CreateAuthChallenge",
    "VerifyAuthChallengeResponse",
    "PreTokenGeneration",
    "UserMigration",
]
VERSIONS = {"V1_0": "1", "V2_0": "2", "V3_0": "3"}
TIMEOUT_SECONDS = 5.0
LOG_LIMIT = 4000
OUTPUT_LIMIT = 16 * 1024 * 1024


class Triggers:
    def __init__(self, base_url):
        self.base_url = base_url
        self._lock = threading.Lock()
        self._handlers = {}  # pool id -> {trigger: {"handler": {...}, "version": "V1_0"}}

    def set(self, pool_id, trigger, handler, version=None):
        """Gives `trigger` of the pool a handler ({"python": FILE, "function": NAME} or {"command": LINE,
        "directory": DIR}), or takes it away (None); the pool's LambdaConfig says so as a real one would."""
        pool = moto_pools.pool(pool_id)
        if pool is None:
            raise Refusal("ResourceNotFoundException", f"User pool {pool_id} does not exist.")
        if trigger not in TRIGGERS:
            raise Refusal("InvalidParameterException", f"{trigger} is not a trigger; the sandbox runs {', '.join(TRIGGERS)}")
        version = version or "V1_0"
        if version not in VERSIONS or (version != "V1_0" and trigger != "PreTokenGeneration"):
            raise Refusal("InvalidParameterException", f"{trigger} takes LambdaVersion V1_0 only" if version in VERSIONS
                          else f"LambdaVersion {version} is not V1_0, V2_0 or V3_0")
        if handler is not None:
            if "python" in handler:
                if not os.path.isfile(handler["python"]):
                    raise Refusal("InvalidParameterException", f"no handler file {handler['python']}")
            elif not handler.get("command"):
                raise Refusal("InvalidParameterException", "a handler is a Python FILE:FUNCTION or a command")
        config = dict(pool.extended_config.get("LambdaConfig") or {})
        arn = f"arn:aws:lambda:{pool.region}:{DEFAULT_ACCOUNT_ID}:function:cogsh-sandbox-{trigger}"
        with self._lock:
            handlers = self._handlers.setdefault(pool.id, {})
            if handler is None:
                handlers.pop(trigger, None)
                config.pop(trigger, None)
                if trigger == "PreTokenGeneration":
                    config.pop("PreTokenGenerationConfig", None)
            else:
                handlers[trigger] = {"handler": handler, "version": version}
                config[trigger] = arn
                if trigger == "PreTokenGeneration":
                    config["PreTokenGenerationConfig"] = {"LambdaArn": arn, "LambdaVersion": version}
        pool.extended_config["LambdaConfig"] = config
        return self.list(pool.id)

    def list(self, pool_id):
        with self._lock:
            return {"userPoolId": pool_id, "triggers": dict(self._handlers.get(pool_id, {}))}

    def configured(self, pool, trigger):
        with self._lock:
            return pool is not None and trigger in self._handlers.get(pool.id, {})

    def version(self, pool, trigger):
        with self._lock:
            return self._handlers.get(pool.id, {}).get(trigger, {}).get("version", "V1_0")

    def invoke(self, pool, trigger, source, username, client_id, request, response):
        """The handler's response to the event, or None when the trigger has no handler. Raises the
        refusal Cognito gives when it fails."""
        with self._lock:
            entry = self._handlers.get(pool.id, {}).get(trigger)
        if entry is None:
            return None
        event = {
            "version": VERSIONS[entry["version"]],
            "triggerSource": source,
            "region": pool.region,
            "userPoolId": pool.id,
            "userName": username,
            "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id or "CLIENT_ID_NOT_APPLICABLE"},
            "request": request,
            "response": response,
        }
        started = time.monotonic()
        record = {"trigger": trigger, "triggerSource": source, "handler": describe(entry["handler"]), "event": event}
        try:
            answer, log = self._run(entry["handler"], event, trigger, pool.region)
            record.update(outcome="ok", response=answer.get("response"), log=log)
            return answer.get("response") or {}
        except Refusal as r:
            record.update(outcome=r.name, error=r.message, log=getattr(r, "log", ""))
            raise
        finally:
            record["milliseconds"] = round((time.monotonic() - started) * 1000, 1)
            invocations.add(record)

    def _run(self, handler, event, trigger, region):
        env = dict(os.environ, AWS_REGION=region, COGSH_SANDBOX_URL=self.base_url,
                   COGSH_TRIGGER_TIMEOUT=str(TIMEOUT_SECONDS), PYTHONDONTWRITEBYTECODE="1")
        if "python" in handler:
            argv = [sys.executable, "-m", "cogsh_sandbox.lambda_runner", handler["python"], handler["function"]]
            cwd = os.path.dirname(handler["python"]) or None
        else:
            argv = ["/bin/sh", "-c", handler["command"]]
            cwd = handler.get("directory") or None
        # Its output goes to files the handler cannot grow past OUTPUT_LIMIT (RLIMIT_FSIZE), so a handler
        # that prints without end neither fills the sandbox's memory nor the disk.
        with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
            try:
                # ulimit in a shell rather than preexec_fn, which is not safe in a threaded server.
                limited = ["/bin/sh", "-c", f'ulimit -f {OUTPUT_LIMIT // 512} && exec "$@"', "sh"] + argv
                done = subprocess.run(limited, input=json.dumps(event).encode(), stdout=stdout, stderr=stderr, env=env,
                                      cwd=cwd, timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                raise failure("UnexpectedLambdaException",
                              f"{trigger} invocation failed due to error Socket timeout while invoking Lambda function.",
                              tail(stderr))
            except OSError as e:
                raise failure("UnexpectedLambdaException", f"{trigger} invocation failed due to error {e.strerror}.", b"")
            log = tail(stderr).decode(errors="replace")
            stdout.seek(0)
            out = stdout.read(OUTPUT_LIMIT).decode(errors="replace").strip().splitlines()
        if done.returncode == -signal.SIGXFSZ:
            raise failure("InvalidLambdaResponseException", "Unrecognizable lambda output", log)
        if "python" in handler:
            outcome = parse(out[-1] if out else "")
            if isinstance(outcome, dict) and "errorMessage" in outcome:
                raise failure("UserLambdaValidationException", f"{trigger} failed with error {outcome['errorMessage']}.", log)
            answer = outcome.get("response") if isinstance(outcome, dict) else None
        else:
            if done.returncode != 0:
                message = (log.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
                raise failure("UserLambdaValidationException", f"{trigger} failed with error {message}.", log)
            answer = parse("\n".join(out))
        if not isinstance(answer, dict) or not isinstance(answer.get("response", {}), dict):
            raise failure("InvalidLambdaResponseException", "Unrecognizable lambda output", log)
        return answer, log


def tail(file):
    """The last LOG_LIMIT bytes written to `file`."""
    file.seek(0, os.SEEK_END)
    file.seek(max(0, file.tell() - LOG_LIMIT))
    return file.read()


def parse(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def failure(name, message, log):
    refusal = Refusal(name, message)
    refusal.log = (log.decode(errors="replace") if isinstance(log, bytes) else (log or ""))[-LOG_LIMIT:]
    return refusal


def describe(handler):
    """A handler as a person names it: FILE:FUNCTION, or the command."""
    if "python" in handler:
        return f"{handler['python']}:{handler['function']}"
    return handler.get("command", "?")
