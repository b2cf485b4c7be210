"""Runs one Python Lambda handler as Lambda's Python runtime calls it: ``handler(event, context)``.

Started by the sandbox as ``python -m cogsh_sandbox.lambda_runner FILE FUNCTION`` in a process of its
own (so a handler that hangs can be stopped, and one that crashes takes nothing with it). The event is
read from stdin; what the handler prints goes to stderr, as its log (Lambda sends it to CloudWatch); the
last line on stdout is the outcome, ``{"response": …}`` or ``{"errorMessage": …, "errorType": …}`` as
Lambda reports an unhandled exception.
"""

import importlib.util
import json
import os
import sys
import time
import traceback
import uuid


class LambdaContext:
    """The context object's fields (docs.aws.amazon.com/lambda/latest/dg/python-context.html)."""

    def __init__(self, name, timeout_seconds):
        self.function_name = name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{os.environ.get('AWS_REGION', 'us-east-1')}:123456789012:function:{name}"
        self.memory_limit_in_mb = 128
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex
        self._deadline = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main(argv):
    path, function = argv[1], argv[2]
    timeout = float(os.environ.get("COGSH_TRIGGER_TIMEOUT", "5"))
    out = sys.stdout
    sys.stdout = sys.stderr  # the handler's prints are its log
    try:
        event = json.loads(sys.stdin.read())
        spec = importlib.util.spec_from_file_location("cogsh_trigger_handler", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
        spec.loader.exec_module(module)
        handler = getattr(module, function)
        result = handler(event, LambdaContext(os.path.splitext(os.path.basename(path))[0], timeout))
        outcome = {"response": result}
    except Exception as e:  # as Lambda reports an unhandled exception
        traceback.print_exc()
        outcome = {"errorMessage": str(e), "errorType": type(e).__name__}
    try:
        line = json.dumps(outcome)
    except (TypeError, ValueError) as e:
        line = json.dumps({"unserializable": str(e)})
    out.write(line + "\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv)
