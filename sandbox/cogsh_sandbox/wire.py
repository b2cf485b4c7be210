"""The cognito-idp wire as the sandbox's additions speak it: the action a request names, its JSON body,
moto's answer to it, and an error in the form Cognito gives one.

Errors follow the AWS JSON 1.1 protocol as the SDKs read it: status 400, the exception's name in
``__type`` and in the ``x-amzn-ErrorType`` header, the text in ``message``.
"""

import io
import json

from cogsh_sandbox import invocations

TARGET_PREFIX = "AWSCognitoIdentityProviderService."


class Refusal(Exception):
    """Cognito's refusal of a request, by exception name, as the sandbox's additions raise it."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def action(environ):
    """The cognito-idp action a request names in X-Amz-Target, or None."""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    return target[len(TARGET_PREFIX) :] if target.startswith(TARGET_PREFIX) else None


def read_body(environ):
    """The request's body, read once and put back, so that moto can read it too."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def call(app, environ, body):
    """moto's answer to this request (with `body`): status, headers and the body as bytes."""
    environ = dict(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split(" ", 1)[0])
        captured["headers"] = headers
        return lambda data: None

    chunks = app(environ, start_response)
    try:
        data = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return captured["status"], captured["headers"], data


def respond(start_response, status, headers, data):
    reasons = {200: "OK", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}
    kept = [(k, v) for k, v in headers if k.lower() != "content-length"] + [("Content-Length", str(len(data)))]
    told = invocations.header()
    if told:
        kept.append(told)
    start_response(f"{status} {reasons.get(status, 'Status')}", kept)
    return [data]


def answer(start_response, document):
    """A 200 answer with `document` as its JSON body."""
    return respond(start_response, 200, [("Content-Type", "application/x-amz-json-1.1")], json.dumps(document).encode())


def error(start_response, name, message, status=400):
    """Cognito's refusal `name` (e.g. NotAuthorizedException) with its message."""
    body = json.dumps({"__type": name, "message": message}).encode()
    headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", name)]
    return respond(start_response, status, headers, body)
