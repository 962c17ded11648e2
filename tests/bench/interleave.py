#!/usr/bin/env python3
"""Wall time of several commands measured in turn, round after round.

usage: interleave.py OUT.json ROUNDS NAME:REPEAT:COMMAND...

Each round runs every command REPEAT times (after one untimed warm-up run of
each), so that a change in the machine's load during the measurement falls on
all commands alike instead of on whichever hyperfine happened to run then.
Writes {"NAME": {"median": s, "cpu": s, "runs": n, "times": [...]}} and prints
the medians; "cpu" is the median user + system time of the command and all its
children (resource.getrusage), which a busy machine changes much less than the
wall time.  A command that fails makes its medians null.
"""
import json
import resource
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
    cpu = {name: [] for name, _, _ in cmds}
    failed = set()
    for name, _, argv in cmds:
        if subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            failed.add(name)
    for _ in range(rounds):
        for name, repeat, argv in cmds:
            for _ in range(repeat):
                if name in failed:
                    continue
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                rc = subprocess.run(argv, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL).returncode
                times[name].append(time.perf_counter() - t)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
                if rc:
                    failed.add(name)
    res = {}
    for name, _, _ in cmds:
        t = times[name]
        bad = name in failed or not t
        res[name] = {"median": None if bad else statistics.median(t),
                     "cpu": None if bad else statistics.median(cpu[name]),
                     "runs": len(t), "times": t}
        print("%s %s" % (name, "failed" if res[name]["median"] is None
                         else "%.4f" % res[name]["median"]))
    json.dump(res, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
