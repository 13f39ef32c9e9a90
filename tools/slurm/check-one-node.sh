#!/usr/bin/env bash
# Checks the README's Slurm route end to end on this machine: a 4-task job array of tools/slurm/sweep-array.sh must
# write the same dataset, by content, as the same sweep run unsharded (docs/sweeps.md#checking-the-slurm-route).
#
# Run as root on Debian (12 or later); it changes the machine:
#   1. installs slurm-wlm and munge (and nodejs/npm if node is missing) with apt-get, non-interactively; packages
#      already installed are left alone;
#   2. brings up a one-node cluster: creates /etc/munge/munge.key if there is none and starts munged unless one
#      already answers; writes a minimal slurm.conf for this host (CPUs and memory from `slurmd -C`) into a
#      temporary folder, on ports 16817/16818 so a real Slurm on the default ports is not disturbed, and starts
#      slurmctld and slurmd directly (no systemd needed, so it works in containers); waits until sinfo shows the
#      node idle. Everything it started is stopped at exit (trap), also on failure or Ctrl-C;
#   3. builds the CLI once (dotnet publish, Release), writes a small sweep spec over models/rdm-fixed/model.onnx
#      (control + 3 perturbations, 2 seeds, 528 trials in 88 work units) and submits sweep-array.sh with
#      `sbatch --wait --array=0-3` as the non-root user eirnn-check (created if missing; EIRNN_CHECK_USER=NAME
#      picks another), as a user of a shared cluster would;
#   4. runs the same spec unsharded with tools/eirnn sweep and compares the two datasets with
#      tools/dataset-check/compare.mjs (DuckDB: manifest, and every table as a multiset of rows over all columns,
#      independent of part file names and row order). Before that it checks that the comparison fails on a copy of
#      the sharded dataset with one part file removed.
# The last line is PASS or FAIL; the exit code is 0 on PASS, 1 on FAIL, 2 on a usage or setup error.
#
# Usage: sudo tools/slurm/check-one-node.sh [--keep] [--break drop-shard|seed]
#   --keep                  keep the work folder (datasets, job logs, slurm.conf, daemon logs); kept anyway on failure
#   --break drop-shard      deliberate break: delete shard 3's files from the array's dataset before comparing
#   --break seed            deliberate break: run the unsharded sweep with other seeds
#   (either break must end in FAIL with exit code 1; it shows that the check can fail)
# Not part of `dotnet test` or .ci/run (it needs root, apt and a few minutes); see docs/sweeps.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keep=0; break_mode=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=1; shift ;;
    --break) break_mode="${2:-}"; shift 2 || true
      [[ "$break_mode" == drop-shard || "$break_mode" == seed ]] || { echo "--break takes drop-shard or seed" >&2; exit 2; } ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

start=$SECONDS
log() { printf '[check-one-node %s +%ss] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - start))" "$*"; }
die() { log "error: $*" >&2; exit 2; }

[[ "$(id -u)" == 0 ]] || die "must run as root (it installs packages and starts slurmctld, slurmd and munged)"
[[ -f /etc/debian_version ]] || die "needs Debian (apt-get and Debian's slurm-wlm and munge packages)"

check_user="${EIRNN_CHECK_USER:-eirnn-check}"
shards=4
model_src="$root/models/rdm-fixed/model.onnx"
[[ -f "$model_src" ]] || die "$model_src is missing"

work="$(mktemp -d /tmp/eirnn-slurm-check.XXXXXX)"
chmod 755 "$work"
pids=(); started_munged=0; policy_created=0; result=2

cleanup() {
  local rc=$?
  set +e
  if [[ ${#pids[@]} -gt 0 ]]; then
    scancel --user="$check_user" >/dev/null 2>&1
    log "stopping slurmd and slurmctld (pids ${pids[*]})"
    kill "${pids[@]}" 2>/dev/null
    wait "${pids[@]}" 2>/dev/null
  fi
  if [[ $started_munged == 1 && -f /run/munge/munged.pid ]]; then
    log "stopping munged"
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null
  fi
  [[ $policy_created == 1 ]] && rm -f /usr/sbin/policy-rc.d
  if [[ $keep == 1 || $rc != 0 ]]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# ---- 1. packages ----------------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
wanted=(slurm-wlm munge)
command -v node >/dev/null && command -v npm >/dev/null || wanted+=(nodejs npm)
missing=()
for p in "${wanted[@]}"; do installed "$p" || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]} (apt-get)"
  # Keep the packages' maintainer scripts from starting daemons; this script starts what it needs itself.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy_created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$work/apt.log" 2>&1 \
    || { tail -n 20 "$work/apt.log" >&2; die "apt-get install failed"; }
  if [[ $policy_created == 1 ]]; then rm -f /usr/sbin/policy-rc.d; policy_created=0; fi
else
  log "slurm-wlm and munge are installed"
fi
log "$(dpkg-query -W -f='${Package} ${Version}\n' slurm-wlm munge | tr '\n' ' ')"

# ---- 2. one-node cluster --------------------------------------------------------------------------------------
if [[ ! -s /etc/munge/munge.key ]]; then
  log "creating /etc/munge/munge.key"
  if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key --force
  else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
fi
chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged is already running"
else
  install -d -o munge -g munge -m 755 /run/munge
  runuser -u munge -- /usr/sbin/munged
  started_munged=1
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n | unmunge >/dev/null || die "munged does not answer"
  log "started munged"
fi

host="$(hostname -s)"
slurm="$work/slurm"; mkdir -p "$slurm/state" "$slurm/spool"
# `slurmd -C` prints this host's real NodeName/CPUs/sockets/RealMemory line (and an UpTime line, dropped).
node_line="$(slurmd -C 2>/dev/null | grep '^NodeName=')" || node_line="NodeName=$host CPUs=$(nproc) RealMemory=$(free -m | awk '/^Mem:/ {print $2}')"
export SLURM_CONF="$slurm/slurm.conf"
cat > "$SLURM_CONF" <<EOF
# One-node cluster written by tools/slurm/check-one-node.sh
ClusterName=eirnn-check
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$slurm/state
SlurmdSpoolDir=$slurm/spool
SlurmctldPidFile=$slurm/slurmctld.pid
SlurmdPidFile=$slurm/slurmd.pid
SlurmctldLogFile=$slurm/slurmctld.log
SlurmdLogFile=$slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
log "slurm.conf: $node_line"
slurmctld -D -f "$SLURM_CONF" >"$slurm/slurmctld.out" 2>&1 & pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$slurm/slurmd.out" 2>&1 & pids+=($!)
state=""
for _ in $(seq 60); do
  state="$(sinfo -h -N -n "$host" -o '%t' 2>/dev/null || true)"
  [[ "$state" == idle ]] && break
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { tail -n 20 "$slurm"/*.out "$slurm"/*.log >&2; die "a Slurm daemon exited"; }; done
  sleep 1
done
[[ "$state" == idle ]] || { scontrol show node "$host" >&2; tail -n 20 "$slurm"/*.log >&2; die "node $host is '${state:-unknown}', not idle, after 60 s"; }
log "sinfo: node $host is idle"
sinfo

# ---- 3. build once, submit the array as a non-root user -------------------------------------------------------
if ! id "$check_user" >/dev/null 2>&1; then
  useradd --system --create-home --home-dir "/var/lib/$check_user" --shell /bin/bash "$check_user"
  log "created user $check_user"
fi
log "building the CLI once: dotnet publish src/EiRnn.Cli -c Release -o $work/build"
build_start=$SECONDS
dotnet publish "$root/src/EiRnn.Cli" -c Release -o "$work/build" --nologo -v q "-clp:ErrorsOnly;NoSummary"
log "built in $((SECONDS - build_start)) s"

# The job reads only the work folder (a repository under /root would not be readable by the check user).
cp "$model_src" "$work/model.onnx"
cp "$root/tools/slurm/sweep-array.sh" "$work/sweep-array.sh"
write_spec() {  # write_spec FILE SEEDS
  cat > "$1" <<EOF
// Small sweep for tools/slurm/check-one-node.sh: 11 conditions x 6 trials x 2 seeds x 4 runs = 528 trials,
// work units of at most 30 trials (one per condition here: 88 units, 22 per shard of 4).
{
  "trials_per_condition": 6,
  "seeds": [$2],
  "dt_ms": 0.5,
  "dt_save_ms": 10,
  "save": ["z", "r"],
  "trials_per_unit": 30,
  "perturbations": [
    { "id": "lesion-I", "lesions": [ { "population": { "type": "I", "fraction": 0.5, "fraction_seed": 3 } } ] },
    { "id": "stim-E", "stimulations": [ { "population": { "type": "E" }, "current": 0.1, "window": { "period": "stimulus" } } ] },
    { "id": "scale-EI", "weight_scales": [ { "block": "E->I", "factor": 0.5 } ], "noise_scale": { "recurrent": 2 } }
  ]
}
EOF
}
write_spec "$work/spec.json" "1, 2"
install -d -o "$check_user" -m 755 "$work/jobs" "$work/sharded"
chmod -R a+rX "$work/build" "$work/model.onnx" "$work/spec.json" "$work/sweep-array.sh"

log "submitting sweep-array.sh as a ${shards}-task array as $check_user: sbatch --wait --array=0-$((shards - 1))"
array_start=$SECONDS
set +e
(cd "$work/jobs" && runuser -u "$check_user" -- env SLURM_CONF="$SLURM_CONF" \
  sbatch --wait --array=0-$((shards - 1)) --cpus-per-task=1 --mem=1G --time=00:15:00 \
    --output="$work/jobs/eirnn-sweep-%A_%a.log" \
    "$work/sweep-array.sh" "$work/build" "$work/model.onnx" "$work/spec.json" "$work/sharded")
array_rc=$?
set -e
log "sbatch --wait returned $array_rc after $((SECONDS - array_start)) s"
for f in "$work"/jobs/eirnn-sweep-*.log; do
  echo "---- $(basename "$f")"; tail -n 5 "$f"
done
[[ $array_rc == 0 ]] || { result=1; log "FAIL: the Slurm array failed (sbatch --wait exit code $array_rc)"; exit 1; }
"$root/tools/eirnn" sweep --status --spec "$work/spec.json" --out "$work/sharded"
for ((i = 0; i < shards; i++)); do
  [[ -f "$work/sharded/_SUCCESS.$i-of-$shards" ]] || { log "FAIL: no _SUCCESS.$i-of-$shards marker"; exit 1; }
done

# ---- 4. unsharded run and comparison by content ---------------------------------------------------------------
unsharded_spec="$work/spec.json"
if [[ "$break_mode" == seed ]]; then
  unsharded_spec="$work/spec-other-seeds.json"; write_spec "$unsharded_spec" "1, 3"
  log "deliberate break: the unsharded run uses seeds [1, 3] instead of [1, 2]"
fi
log "running the same spec unsharded: tools/eirnn sweep --shard 0 --shard-count 1"
single_start=$SECONDS
"$root/tools/eirnn" sweep --model "$work/model.onnx" --spec "$unsharded_spec" --out "$work/unsharded" \
  --shard 0 --shard-count 1 >"$work/unsharded.log" 2>&1 || { tail -n 20 "$work/unsharded.log" >&2; die "unsharded sweep failed"; }
tail -n 3 "$work/unsharded.log"
log "unsharded run took $((SECONDS - single_start)) s"

checker="$root/tools/dataset-check"
if [[ ! -d "$checker/node_modules/@duckdb/node-api" ]]; then
  # Install DuckDB into a copy in the work folder, so the checkout (and its package-lock.json) stays untouched.
  log "npm install of tools/dataset-check into the work folder"
  mkdir "$work/dataset-check"
  cp "$checker/package.json" "$checker/package-lock.json" "$checker/compare.mjs" "$work/dataset-check/"
  checker="$work/dataset-check"
  (cd "$checker" && npm install --no-audit --no-fund --loglevel=error)
fi

log "self-test: the comparison must fail when one part file of the array's dataset is missing"
cp -a "$work/sharded" "$work/sharded-minus-one"
victim="$(find "$work/sharded-minus-one/trials" -name 'part-*.parquet' | sort | tail -n 1)"
rm "$victim"
set +e; node "$checker/compare.mjs" "$work/sharded-minus-one" "$work/sharded" > "$work/self-test.txt" 2>&1; self_rc=$?; set -e
sed 's/^/    /' "$work/self-test.txt"
[[ $self_rc == 1 ]] || { log "FAIL: compare.mjs exited $self_rc on a dataset missing ${victim#"$work/"} (expected 1)"; exit 1; }
rm -rf "$work/sharded-minus-one"

if [[ "$break_mode" == drop-shard ]]; then
  log "deliberate break: deleting shard $((shards - 1))'s files from the array's dataset"
  find "$work/sharded" -name "part-$(printf '%05d' $((shards - 1)))-*.parquet" -delete
  rm -f "$work/sharded/_SUCCESS.$((shards - 1))-of-$shards"
fi

log "comparing by content: node tools/dataset-check/compare.mjs sharded unsharded"
set +e; node "$checker/compare.mjs" "$work/sharded" "$work/unsharded"; compare_rc=$?; set -e
if [[ $compare_rc == 0 ]]; then
  result=0
  log "PASS: the ${shards}-task Slurm array of sweep-array.sh wrote the same dataset as the unsharded run (total $((SECONDS - start)) s)"
else
  result=1
  log "FAIL: the ${shards}-task Slurm array's dataset differs from the unsharded run (compare.mjs exit code $compare_rc; total $((SECONDS - start)) s)"
fi
exit "$result"
