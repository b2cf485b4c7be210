#!/usr/bin/env bash
# Vendors, verbatim, the test suites the AWS SDKs share for the shared config and credentials files:
#   Tests/Vectors/profile-parser-tests.json  how a config and a credentials file parse and merge
#   Tests/Vectors/file-location-tests.json   where the two files are found, and which profile is used
#   Tests/Vectors/assume-role-tests.json      which sources a profile's credentials come from (the chain)
#   Tests/Vectors/login-provider-test-cases.json  `aws login` sessions: cached, refreshed, refused
#   Tests/Vectors/provider-chain/, profile-provider/  the default chain's and the profile provider's
#                   scenarios: environment, files, recorded HTTP traffic, expected credentials or error
# Source: smithy-rs (the AWS SDK for Rust's runtime), aws/rust-runtime/aws-runtime/test-data/ and
# aws/rust-runtime/aws-config/test-data/, at the commit below; the other SDKs (Java, Go, JS, .NET)
# carry the same cases. Run the suites with `swift test --filter "ProfileSuite|ProfileChain"`.
# usage: scripts/vectors/sdk_suites.sh [SMITHY_RS_CHECKOUT]   (without one, the files are downloaded)
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=56ee88c5c6edd967967656f1e29f46b229105e79
declare -A sha256=(
  [profile-parser-tests.json]=34d10cba7e18f2c66ca88b89b2a33d3335a43e7762f093ca9a99b5f1bb307be1
  [file-location-tests.json]=320ddb38560ebab8864797076d6ac93eddb3575bdba25e90fed8806aa600ded5
  [assume-role-tests.json]=bf9bf7a8c19f3edc6be616f7cb73a23239546edd08d68b62a6af875d4d6c6511
  [login-provider-test-cases.json]=8630578e7c020bf89b653bff4ca24f9fce35a5e9bf921e7f67aa4d3c5d84bab1
)
declare -A dir=(
  [profile-parser-tests.json]=aws/rust-runtime/aws-runtime/test-data
  [file-location-tests.json]=aws/rust-runtime/aws-runtime/test-data
  [assume-role-tests.json]=aws/rust-runtime/aws-config/test-data
  [login-provider-test-cases.json]=aws/rust-runtime/aws-config/test-data
)
for name in "${!sha256[@]}"; do
  path=${dir[$name]}/$name
  if [ $# -ge 1 ]; then
    git -C "$1" show "$commit:$path" >"Tests/Vectors/$name"
  else
    curl -fsSL "https://raw.githubusercontent.com/smithy-lang/smithy-rs/$commit/$path" -o "Tests/Vectors/$name"
  fi
  echo "${sha256[$name]}  Tests/Vectors/$name" | sha256sum -c --quiet
  echo "vendored $name from smithy-rs $commit"
done
# The chain's scenarios: a folder each, vendored whole, and checked against the tree's checksum.
for suite in default-credential-provider-chain:provider-chain:35d636f8bf4d3db3e8707a25d083ec500892f3c03c146c092f9daee3530a6616 profile-provider:profile-provider:27efcac50caf2d38046b1eef10a5790728fc6d365aa0ad08873183c5049fa583; do
  IFS=: read -r source folder sum <<<"$suite"
  scenarios=aws/rust-runtime/aws-config/test-data/$source
  rm -rf "Tests/Vectors/$folder"
  mkdir -p "Tests/Vectors/$folder"
  if [ $# -ge 1 ]; then
    git -C "$1" archive "$commit" "$scenarios" 2>/dev/null | tar -x -C "Tests/Vectors/$folder" --strip-components=5
  else
    curl -fsSL "https://codeload.github.com/smithy-lang/smithy-rs/tar.gz/$commit" |
      tar -xz -C "Tests/Vectors/$folder" --strip-components=6 "smithy-rs-$commit/$scenarios"
  fi
  tree=$(cd "Tests/Vectors/$folder" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
  [ "$tree" = "$sum" ] || { echo "$folder: the tree's checksum is $tree, not $sum" >&2; exit 1; }
  echo "vendored $(ls "Tests/Vectors/$folder" | wc -l) $source scenarios from smithy-rs $commit"
done
