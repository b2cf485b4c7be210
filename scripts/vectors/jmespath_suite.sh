#!/usr/bin/env bash
# Vendors, verbatim, the JMESPath compliance suite: Tests/Vectors/jmespath-compliance/*.json, every
# file of jmespath.py's tests/compliance (the suite every JMESPath implementation runs; the AWS CLI's
# --query is jmespath.py) at the commit below. Run with `swift test --filter JMESPathCompliance`.
# usage: scripts/vectors/jmespath_suite.sh [JMESPATH_PY_CHECKOUT]   (without one, files are downloaded)
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=2ad18b0e51ef3c22ef0d4bbeb11506746a39e228
files=(basic benchmarks boolean current escape filters functions identifiers indices literal multiselect pipe
  slice syntax unicode wildcard)
mkdir -p Tests/Vectors/jmespath-compliance
for name in "${files[@]}"; do
  path=tests/compliance/$name.json
  out=Tests/Vectors/jmespath-compliance/$name.json
  if [ $# -ge 1 ]; then
    git -C "$1" show "$commit:$path" >"$out"
  else
    curl -fsSL "https://raw.githubusercontent.com/jmespath/jmespath.py/$commit/$path" -o "$out"
  fi
done
(cd Tests/Vectors/jmespath-compliance && sha256sum -c --quiet ../jmespath-compliance.sha256)
echo "vendored ${#files[@]} files of jmespath.py $commit"
