#!/usr/bin/env python3
"""Makes Tests/Vectors/endpoints-botocore.json: the endpoint botocore resolves for cognito-idp,
cognito-identity and sts in a region of each partition, with and without FIPS, from its own endpoint
rules and partition data.

Run with a Python that has botocore (moto's venv does): python3 scripts/vectors/endpoint_vectors.py
"""
import json
import pathlib

import botocore
import botocore.session
from botocore.config import Config

REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1",
           "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"]

if __name__ == "__main__":
    session = botocore.session.get_session()
    cases = []
    for service in ("cognito-idp", "cognito-identity", "sts"):
        for region in REGIONS:
            for fips in (False, True):
                try:
                    client = session.create_client(service, region_name=region, aws_access_key_id="x",
                                                   aws_secret_access_key="y", config=Config(use_fips_endpoint=fips))
                except Exception as e:  # a partition without FIPS for this service
                    print(f"skipped {service} {region} fips={fips}: {type(e).__name__}")
                    continue
                cases.append({"service": service, "region": region, "fips": fips, "url": client.meta.endpoint_url})
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Vectors" / "endpoints-botocore.json"
    out.write_text(json.dumps({"generator": f"botocore {botocore.__version__}", "cases": cases}, indent=2) + "\n")
    print(f"wrote {out}")
