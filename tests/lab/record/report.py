#!/usr/bin/env python3
"""A recorded run (record.sh's OUTDIR) in one page: the client's exit status, wall-clock time and error
message, the dialogue curl says it had (-v: `> command`, `< reply`, `* connecting …`) or the classic client's
log, the helper's expectations, and each capture point's packets (summarize.py's lines).

Usage: report.py RUNDIR [--points client,wan,server]
"""
import json
import os
import re
import sys

run = sys.argv[1]
points = "client,server"
if "--points" in sys.argv:
    points = sys.argv[sys.argv.index("--points") + 1]


def read(name, default=""):
    path = os.path.join(run, name)
    return open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else default


rc = read("client.rc").strip()
print(f"== {os.path.basename(run.rstrip('/'))}: exit {rc} after {read('client.seconds').strip()} s")
err = read("client.err")
for line in err.splitlines():
    if line.startswith("curl: ("):
        print(f"   message: {line}")
dialogue = [l for l in err.splitlines() if re.match(r"^[<>] |^\* (Connecting|Connected|Trying|  Trying|Connect data|Failed|Immediate|Closing|After|Skip|Send failure|Recv failure|ftp_perform|Remembering|Request|Connection|Uses|Found|We)", l)]
for line in dialogue:
    print(f"   curl {line}")
out = read("client.out")
if out.startswith("{"):
    for e in json.loads(out).get("events", []):
        rest = {k: v for k, v in e.items() if k not in ("t", "kind")}
        print(f"   classic {e['t']:9.6f} {e['kind']} {json.dumps(rest) if rest else ''}")
elif out and not out.startswith("-rw"):
    for line in out.splitlines():
        print(f"   raw {line}")
for name in sorted(os.listdir(run)):
    if name.startswith("expect-"):
        for line in read(name).splitlines():
            if "[NEW]" in line:
                print(f"   {name[7:-4]} expects: {line.strip()}")
for point in points.split(","):
    text = read(f"{point}.txt")
    if text:
        print(f"   -- {point}:")
        for line in text.splitlines():
            print(f"   {line}")
