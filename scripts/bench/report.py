"""Turns one run of scripts/bench/run into a section of benchmarks/results.md: medians, ratios, peak
RSS, and each target met or not. Usage: python3 report.py WORKDIR "COGSH --version LINE"."""
import datetime
import glob
import json
import os
import platform
import statistics
import sys

work, version = sys.argv[1], sys.argv[2]


def medians(pattern):
    """Each command's median over every run in the files matching `pattern` (the flow's rounds)."""
    times = {}
    for name in sorted(glob.glob(os.path.join(work, pattern))):
        with open(name) as f:
            for r in json.load(f)["results"]:
                times.setdefault(r["command"], []).extend(r["times"])
    return {command: statistics.median(t) * 1000 for command, t in times.items()}


def pairs(name):
    out = {}
    with open(os.path.join(work, name)) as f:
        for line in f:
            key, _, value = line.rstrip("\n").rpartition(" ")
            out[key] = float(value)
    return out


flow, start, rss = medians("flow-*.json"), medians("start.json"), pairs("rss.txt")
ours, srp_py, jwt_py = (pairs(n) for n in ("inprocess.txt", "srp_py.txt", "jwt_py.txt"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def verdict(ok):
    return "met" if ok else "**not met**"


print()
print(f"## {now}: one run of scripts/bench/run — {os.cpu_count()} cores, {platform.machine()}, {cpu}")
print()
print(f"{version}; moto on loopback, started by the script. Medians of hyperfine's runs (the flow's in four")
print("rounds, the commands' order turned each round); RSS is GNU time's peak resident set, the median of five runs.")
print()
print("### The seed article's flow: AdminCreateUser → InitiateAuth → RespondToAuthChallenge → GetUser")
print()
print("| how | median | × the floor | peak RSS |")
print("|---|---|---|---|")
rows = [("floor: the four requests from one C process, one connection", "floor"),
        ("cogsh: one `cogsh -f` run", "cogsh"), ("boto3: one Python process", "boto3"),
        ("AWS CLI: four `aws cognito-idp` commands", "aws")]
for label, key in rows:
    print(f"| {label} | {flow[key]:.1f} ms | {flow[key] / flow['floor']:.2f}× | {mib(rss[key])} |")
print()
print(f"cogsh is {flow['aws'] / flow['cogsh']:.1f}× faster than the AWS CLI and {flow['boto3'] / flow['cogsh']:.1f}× "
      "faster than boto3 here.")
print()
print("### Start-up")
print()
print("| command | median | peak RSS |")
print("|---|---|---|")
for key in ("true", "cogsh --version", "cogsh -c status", "aws --version"):
    print(f"| `{'/bin/true' if key == 'true' else key}` | {start[key]:.1f} ms | {mib(rss[key])} |")
print()
print("### In process (pinned to one core)")
print()
print("| work | cogsh | reference |")
print("|---|---|---|")
print(f"| fresh a, SRP_A and PASSWORD_CLAIM_SIGNATURE (median of 200) | {ours['srp_a_plus_claim_ms']:.3f} ms | "
      f"pycognito {srp_py['srp_a_plus_claim_ms']:.3f} ms |")
print(f"| jwt decode, tokens/s (best of five 1 s rounds) | {ours['jwt_decode_per_s']:.0f} | "
      f"PyJWT {jwt_py['jwt_decode_per_s']:.0f} |")
print(f"| jwt verify with the key cached, tokens/s (best of five) | {ours['jwt_verify_per_s']:.0f} | "
      f"PyJWT {jwt_py['jwt_verify_per_s']:.0f} |")
print()
print("### Issue 15's targets")
print()
print("| target | figure | |")
print("|---|---|---|")
print(f"| `cogsh -c status` under 10 ms | {start['cogsh -c status']:.1f} ms | {verdict(start['cogsh -c status'] < 10)} |")
print(f"| `cogsh -c status` peak RSS under 15 MiB | {mib(rss['cogsh -c status'])} | "
      f"{verdict(rss['cogsh -c status'] < 15 * 1024)} |")
print(f"| the flow within 1.3× of the floor | {flow['cogsh'] / flow['floor']:.2f}× | "
      f"{verdict(flow['cogsh'] / flow['floor'] <= 1.3)} |")
print(f"| the flow at least 60× faster than the AWS CLI | {flow['aws'] / flow['cogsh']:.1f}× | "
      f"{verdict(flow['aws'] / flow['cogsh'] >= 60)} |")
