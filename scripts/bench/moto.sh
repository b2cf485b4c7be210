# Sourced by the benchmark scripts: a private work directory ($work, removed on exit) and a moto
# server of its own on a free loopback port ($url), stopped on exit, with test credentials in the
# environment.
work="$(mktemp -d)"
chmod 700 "$work"
moto_pid=""
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
moto="$(command -v moto_server || echo .venv/bin/moto_server)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$moto" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -s -o /dev/null "$url/moto-api/" && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true NO_COLOR=1
