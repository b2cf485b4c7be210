"""Prints the functions that callgrind saw run, once each: those of the first file given, then those
that the second adds, and so on, sorted by name within each file's share so that the list changes
only where the code did. Only names that are symbols of the binary given first are kept (what ran in
libc or ld.so is left out). Used by scripts/bench/order."""

import re
import subprocess
import sys

binary, outputs = sys.argv[1], sys.argv[2:]
nm = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
symbols = {f[2] for f in (line.split() for line in nm.splitlines()) if len(f) == 3 and f[1] in "tTwW"}
seen = set()
for path in outputs:
    share = set()
    with open(path, errors="replace") as output:
        for line in output:
            # callgrind names a function once, as "fn=(id) name", and by its id alone afterwards.
            match = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
            if match and match.group(1) in symbols and match.group(1) not in seen:
                share.add(match.group(1))
    for name in sorted(share):
        print(name)
    seen |= share
