#!/usr/bin/env python3
"""Prints, from botocore's cognito-idp service model, the operation lists Sources/Cognito/Operations.swift
holds: every operation (all), the ones sent unsigned (the model's noAuth: unsigned), those whose input
requires UserPoolId (requiresPool), UserPoolId and ClientId (requiresPoolAndClient), and those whose input
has ClientMetadata (takesClientMetadata).

Run with a Python that has botocore (the sandbox's venv does): .venv/bin/python scripts/vectors/operation_members.py
With --swift it prints them as the Swift set and array literals that file declares.
"""
import sys

import botocore
import botocore.session


def lists():
    model = botocore.session.get_session().get_service_model("cognito-idp")
    found = {"all": [], "unsigned": [], "requiresPool": [], "requiresPoolAndClient": [], "takesClientMetadata": []}
    for name in sorted(model.operation_names):
        op = model.operation_model(name)
        found["all"].append(name)
        if "smithy.api#noAuth" in (getattr(op, "auth", None) or []) or op.auth_type == "none":
            found["unsigned"].append(name)
        shape = op.input_shape
        required = shape.required_members if shape else []
        if "UserPoolId" in required:
            found["requiresPool"].append(name)
            if "ClientId" in required:
                found["requiresPoolAndClient"].append(name)
        if shape and "ClientMetadata" in shape.members:
            found["takesClientMetadata"].append(name)
    return found


if __name__ == "__main__":
    print(f"// botocore {botocore.__version__}")
    for key, names in lists().items():
        if "--swift" in sys.argv:
            print(f"{key}: [" + ", ".join(f'"{n}"' for n in names) + "]")
        else:
            print(f"{key}:", ", ".join(names))
