#!/usr/bin/env bash
# Vendors, verbatim, the AWS CLI's shared test suite for configured endpoints:
#   Tests/Vectors/configured-endpoint-urls.json   which endpoint a service's client uses, from the
#                                                  environment, the config file and the client
# Source: aws-cli, tests/functional/configured_endpoint_urls/profile-tests.json at the commit below
# (the SDKs test their "service-specific endpoints" setting with the same cases). Run the suite
# with `swift test --filter ConfiguredEndpointSuite`.
# usage: scripts/vectors/cli_suites.sh [AWS_CLI_CHECKOUT]   (without one, the file is downloaded)
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=07c4fe366b49c4dde816d674f4941134fc432673
path=tests/functional/configured_endpoint_urls/profile-tests.json
out=Tests/Vectors/configured-endpoint-urls.json
if [ $# -ge 1 ]; then
  git -C "$1" show "$commit:$path" >"$out"
else
  curl -fsSL "https://raw.githubusercontent.com/aws/aws-cli/$commit/$path" -o "$out"
fi
echo "1292c43fad3f929591f98116d1f2ccab7ae4011697300a8abf885769820400a6  $out" | sha256sum -c --quiet
echo "vendored $out from aws-cli $commit"
