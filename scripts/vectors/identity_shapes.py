#!/usr/bin/env python3
"""Makes Tests/Vectors/identity-shapes-botocore.json: for the cognito-identity and STS operations
cogsh sends, the input members botocore's service model defines, which are required, and the
constraints on the Logins map's key and value, so a test can hold cogsh's request bodies to them.

Run with a Python that has botocore (moto's venv does): python3 scripts/vectors/identity_shapes.py
"""
import json
import pathlib

import botocore
import botocore.session

OPERATIONS = {"cognito-identity": ["GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "DescribeIdentityPool",
                                   "GetIdentityPoolRoles"],
              "sts": ["AssumeRoleWithWebIdentity", "GetCallerIdentity"]}

if __name__ == "__main__":
    session = botocore.session.get_session()
    out = {"generator": f"botocore {botocore.__version__}", "operations": {}}
    for service, names in OPERATIONS.items():
        model = session.get_service_model(service)
        for name in names:
            shape = model.operation_model(name).input_shape
            members = {} if shape is None else {m: s.type_name for m, s in shape.members.items()}
            required = [] if shape is None else list(shape.required_members)
            out["operations"][name] = {"service": service, "members": members, "required": sorted(required)}
    logins = session.get_service_model("cognito-identity").operation_model("GetId").input_shape.members["Logins"]
    out["logins"] = {"key": {"min": logins.key.metadata.get("min"), "max": logins.key.metadata.get("max")},
                     "value": {"min": logins.value.metadata.get("min"), "max": logins.value.metadata.get("max")}}
    path = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "identity-shapes-botocore.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path}")
