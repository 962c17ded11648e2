#!/usr/bin/env python3
"""Wall time of several commands measured in turn, round after round.

usage: interleave.py OUT.json ROUNDS NAME:REPEAT:COMMAND...

Each round runs every command REPEAT times (after one untimed warm-up run of
each), so that a change in the machine's load during the measurement falls on
all commands alike instead of on whichever hyperfine happened to run then.
Writes {"NAME": {"median": s, "runs": n, "times": [...]}} and prints the medians.
A command that fails makes its median null.
"""
import json
import shlex
import statistics
import subprocess
import sys
import time


def main():
    out, rounds, specs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    cmds = []
    for spec in specs:
        name, repeat, command = spec.split(":", 2)
        cmds.append((name, int(repeat), shlex.split(command)))
    times = {name: [] for name, _, _ in cmds}
    failed = set()
    for name, _, argv in cmds:
        if subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            failed.add(name)
    for _ in range(rounds):
        for name, repeat, argv in cmds:
            for _ in range(repeat):
                if name in failed:
                    continue
                t = time.perf_counter()
                rc = subprocess.run(argv, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL).returncode
                times[name].append(time.perf_counter() - t)
                if rc:
                    failed.add(name)
    res = {}
    for name, _, _ in cmds:
        t = times[name]
        res[name] = {"median": None if name in failed or not t else statistics.median(t),
                     "runs": len(t), "times": t}
        print("%s %s" % (name, "failed" if res[name]["median"] is None
                         else "%.4f" % res[name]["median"]))
    json.dump(res, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
