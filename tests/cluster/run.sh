#!/bin/bash
# make test-cluster: the README's Slurm job-array recipe on a real single-node
# Slurm.  munged, slurmctld and slurmd run on this host as the current user,
# their configuration, keys, sockets, state and logs in a temporary directory
# (nothing in /etc is read or changed; the ports are free ones).  A set of
# generated documents is converted by `sbatch --array=1-3` (each task a
# `disclosure batch --shard K/3`), `disclosure summarize` runs as a job that
# depends on the array, and the result is compared with an unsharded batch of
# the same documents: same report rows (but timings) and a byte-identical
# summary.xlsx.
#
# Exit: 0 passed, 1 failed, 77 skipped (Slurm or munge not installed, or the
# daemons cannot run here; the reason is printed).  Needs slurm-wlm and munge
# (Debian 12); DISCLOSURE_BIN names the binary.
set -u
bin=$(readlink -f "${DISCLOSURE_BIN:-build/disclosure}")
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
fail=0
skip() { echo "skip test-cluster: $*"; exit 77; }
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

for t in munged mungekey slurmctld slurmd sbatch squeue scontrol; do
  command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] ||
    skip "$t is not installed (apt-get install slurm-wlm munge)"
done
export PATH=$PATH:/usr/sbin
[ -x "$bin" ] || { echo "FAIL no binary $bin"; exit 1; }

T=$(mktemp -d /tmp/dc-cluster.XXXXXX)
chmod 755 "$T"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

# ---- munge: a key of our own, a socket in T ----------------------------
mkdir -p "$T/munge"
chmod 700 "$T/munge"
mungekey -c -k "$T/munge/munge.key" >/dev/null 2>&1 ||
  dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$T/munge/munge.key"
sock=$T/munge/munge.socket
force=; [ "$(id -u)" = 0 ] && force=--force   # munged refuses root without it
munged $force -f -S "$sock" --key-file "$T/munge/munge.key" \
  --pid-file "$T/munge/munged.pid" --log-file "$T/munge/munged.log" \
  --seed-file "$T/munge/munged.seed" > "$T/munge/start.log" 2>&1 ||
  skip "munged does not start: $(tail -1 "$T/munge/start.log" "$T/munge/munged.log" 2>/dev/null | tr '\n' ' ')"
pids+=("$(cat "$T/munge/munged.pid")")
echo x | munge -S "$sock" | unmunge -S "$sock" >/dev/null 2>&1 || skip "munge round trip fails"

# ---- slurm.conf -------------------------------------------------------------
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
host=$(hostname -s)
user=$(id -un)
cpus=$(nproc)
mem=$(free -m | awk '/Mem:/ {print int($2 * 0.8)}')
mkdir -p "$T/state" "$T/spool" "$T/log" "$T/work"
cat > "$T/slurm.conf" <<EOF
ClusterName=dctest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(port)
SlurmdPort=$(port)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$T/slurm.conf

slurmctld -D -i -f "$SLURM_CONF" > "$T/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" > "$T/log/slurmd.out" 2>&1 &
pids+=($!)
why() { tail -3 "$T/log/slurmctld.out" "$T/log/slurmd.out" "$T/log/slurmctld.log" \
          "$T/log/slurmd.log" 2>/dev/null | grep -v '^$' | tail -6 | tr '\n' ' '; }
up=0
for _ in $(seq 60); do
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || skip "a Slurm daemon exited: $(why)"; done
  if sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then up=1; break; fi
  sleep 0.5
done
[ $up = 1 ] || skip "the node did not become idle in 30 s: $(sinfo -h -N -o '%T %E' 2>&1) $(why)"
ok "single-node Slurm up (slurmctld, slurmd and munged on $host, config in $T)"

# ---- documents: the sample in its forms, varied names, a broken one ---------
in=$T/work/in
mkdir -p "$in/a" "$in/b/c"
i=0
for f in yongqing-eco-2021.docx yongqing-eco-2021.lo.docx yongqing-eco-2021.flat.xml \
         yongqing-eco-2021.word2003.xml yongqing-eco-2021.word2003-vmerge.xml; do
  for d in "" a b/c; do
    i=$((i + 1))
    cp "$data/$f" "$in/$d/doc$i.${f##*.}"
  done
done
printf 'not a word document' > "$in/a/broken.docx"
n=$(find "$in" -type f | wc -l)

export SOURCE_DATE_EPOCH=1600000000
out=$T/work/out
unsharded=$T/work/unsharded
# The README's recipe (batch.sbatch), with this run's paths.
cat > "$T/work/batch.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=disclosure
#SBATCH --array=1-3
#SBATCH --cpus-per-task=1
#SBATCH --output=$T/log/task-%a.out
"$bin" batch "$in" -o "$out" -j "\$SLURM_CPUS_PER_TASK" --memory 1800 \\
    --shard "\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT" --resume -q
EOF
start=$(date +%s)
jobid=$(sbatch --parsable --chdir="$T/work" "$T/work/batch.sbatch" 2>"$T/log/sbatch.err")
[ -n "$jobid" ] || { bad "sbatch of the array: $(cat "$T/log/sbatch.err")"; exit 1; }
sumid=$(sbatch --parsable --chdir="$T/work" --dependency=afterany:"$jobid" \
  --output="$T/log/summarize.out" --wrap "'$bin' summarize '$out' -o '$out'" 2>>"$T/log/sbatch.err")
[ -n "$sumid" ] || { bad "sbatch of summarize: $(cat "$T/log/sbatch.err")"; exit 1; }
ok "submitted the array $jobid (3 tasks over $n documents) and summarize $sumid after it"

# the unsharded batch meanwhile, outside Slurm
"$bin" batch "$in" -o "$unsharded" -j 1 -q
urc=$?

done_=0
for _ in $(seq 240); do
  if ! squeue -h -j "$jobid,$sumid" 2>/dev/null | grep -q .; then done_=1; break; fi
  sleep 0.5
done
[ $done_ = 1 ] || { bad "jobs still queued after 120 s: $(squeue 2>&1 | tail -5)"; exit 1; }
echo "note the array and summarize took $(( $(date +%s) - start )) s"

states=$(scontrol show job "$jobid" 2>/dev/null | grep -o 'ExitCode=[0-9:]*' | sort | uniq -c | tr '\n' ' ')
echo "note array exit codes: $states (1:0 = a shard had a failed document)"
for k in 1 2 3; do
  [ -f "$out/report.$k-of-3.json" ] && ok "shard $k/3 wrote report.$k-of-3.json" ||
    bad "shard $k/3 report missing ($(cat "$T/log/task-$k.out" 2>/dev/null | tail -2))"
done
[ -f "$out/report.json" ] && ok "summarize ran as the dependent job" ||
  bad "no summarized report ($(cat "$T/log/summarize.out" 2>/dev/null | tail -2))"
[ $urc = 1 ] && ok "unsharded batch: exit 1 (one broken document)" || bad "unsharded batch exit $urc"

/usr/bin/python3 - "$out" "$unsharded" "$n" <<'EOF' || fail=1
import json, re, sys
out, un, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
strip = lambda t: re.sub(r'"seconds":[0-9.]+', '"seconds":0', t)
a = open(out + "/report.json", encoding="utf-8").read()
b = open(un + "/report.json", encoding="utf-8").read()
rows = json.loads(a)["rows"]
ok = len(rows) == n and strip(a) == strip(b)
print(("ok  " if ok else "FAIL") + " summarized shards == unsharded report.json but timings (%d rows)" % len(rows))
same = open(out + "/summary.xlsx", "rb").read() == open(un + "/summary.xlsx", "rb").read()
print(("ok  " if same else "FAIL") + " summary.xlsx byte-identical to the unsharded one")
sys.exit(0 if ok and same else 1)
EOF
[ $fail = 0 ] && echo "test-cluster: passed" || echo "test-cluster: FAILED"
exit $fail
