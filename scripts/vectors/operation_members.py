#!/usr/bin/env python3
"""Prints the cognito-idp operations whose input requires UserPoolId, and those that require both
UserPoolId and ClientId, from botocore's service model: Operations.requiresPool and
Operations.requiresPoolAndClient in Sources/Cognito/Operations.swift are these lists.

Run with a Python that has botocore (moto's venv does): python3 scripts/vectors/operation_members.py
"""
import botocore
import botocore.session

if __name__ == "__main__":
    model = botocore.session.get_session().get_service_model("cognito-idp")
    pool, client = [], []
    for name in model.operation_names:
        shape = model.operation_model(name).input_shape
        required = shape.required_members if shape else []
        if "UserPoolId" in required:
            pool.append(name)
            if "ClientId" in required:
                client.append(name)
    print(f"botocore {botocore.__version__}")
    print("requiresPool:", ", ".join(pool))
    print("requiresPoolAndClient:", ", ".join(client))
