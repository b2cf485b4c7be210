# Sourced after moto.sh, with $cogsh set: the seed article's pool and client on that moto, saved as
# cogsh's profile "bench" in $COGSH_HOME ($work/home), and $work/template, a copy of that home to
# start each timed run from.
export COGSH_HOME="$work/home"
# The seed article's password policy: eight characters, no classes required.
pool="$(aws cognito-idp create-user-pool --endpoint-url "$url" --pool-name bench --query UserPool.Id --output text \
  --policies 'PasswordPolicy={MinimumLength=8,RequireUppercase=false,RequireLowercase=false,RequireNumbers=false,RequireSymbols=false}')"
client="$(aws cognito-idp create-user-pool-client --endpoint-url "$url" --user-pool-id "$pool" --client-name bench \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --query UserPoolClient.ClientId --output text)"
"$cogsh" --endpoint-url "$url" --region us-east-1 --pool-id "$pool" --client-id "$client" -c 'profile save bench' >&2
# A home that has seen this client once (it knows the Session's lifetime) and holds no user: each
# timed run starts from a copy of it, as a person's second run would.
scripts/bench/fresh-user "$work"
"$cogsh" --profile bench -f "$work/flow.cogsh" >/dev/null
"$cogsh" --profile bench -c forget >&2
cp -a "$COGSH_HOME" "$work/template"
