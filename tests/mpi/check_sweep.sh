#!/usr/bin/env bash
# spikecore-sweep: a sweep killed midway and run again finishes with the same
# table (CSV, JSON, picture) as an uninterrupted one, without redoing finished
# points; over mpirun -np 3 it gives that table too; a failing point fails the
# sweep with the point (and under MPI the rank) named.
#
#   check_sweep.sh BIN_DIR ARTIFACTS_DIR
set -uo pipefail
bin=$1 artifacts=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/spikecore-sweep.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { printf 'check_sweep: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'check_sweep: %s\n' "$*"; }
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe)
cat > "$work/sweep.json" <<JSON
{
  "grid": {"model": ["$artifacts/mnist_mlp.pt"], "timesteps": [8, 16],
           "hw.microarchitecture.router_buffer_flits": [2, 4]},
  "points": [{"model": "$artifacts/mnist_mlp.pt", "timesteps": 12, "percentile": 99}],
  "samples": {"count": 6},
  "fixed": {"calib_count": 200},
  "backend": "systemc"
}
JSON
same_table() {
  for f in sweep.csv sweep.json sweep.svg; do
    cmp -s "$work/whole/$f" "$1/$f" || fail "$2: $f differs from the uninterrupted sweep's"
  done
}

"$bin/spikecore-sweep" "$work/sweep.json" -o "$work/whole" > "$work/whole.log" 2>&1 ||
  fail "the sweep failed: $(tail -3 "$work/whole.log")"
[[ $(grep -c ',yes$' "$work/whole/sweep.csv") -ge 1 ]] || fail "no Pareto point in the table"
[[ $(wc -l < "$work/whole/sweep.csv") == 6 ]] || fail "expected a header and 5 points in sweep.csv"
say "uninterrupted: 5 points"

# Killed (SIGKILL, the whole process group) once the first point is on disk.
setsid "$bin/spikecore-sweep" "$work/sweep.json" -o "$work/resumed" > "$work/first.log" 2>&1 &
leader=$!
for _ in $(seq 600); do
  compgen -G "$work/resumed/points/*.json" > /dev/null && break
  sleep 0.1
done
kill -KILL -- -"$leader" 2> /dev/null
wait "$leader" 2> /dev/null
done_before=$(ls "$work/resumed/points" | wc -l)
((done_before >= 1 && done_before < 5)) || fail "the kill came at $done_before finished points, expected 1..4"
"$bin/spikecore-sweep" "$work/sweep.json" -o "$work/resumed" > "$work/second.log" 2>&1 ||
  fail "the resumed sweep failed: $(tail -3 "$work/second.log")"
grep -q "$done_before already done" "$work/second.log" || fail "the resumed sweep did not say what was done"
[[ $(grep -c '^\[' "$work/second.log") == $((5 - done_before)) ]] ||
  fail "the resumed sweep ran $(grep -c '^\[' "$work/second.log") points, expected $((5 - done_before))"
same_table "$work/resumed" "killed after $done_before points and resumed"
say "killed after $done_before point(s), resumed: the same table"

"${mpirun[@]}" -np 3 "$bin/spikecore-sweep" "$work/sweep.json" -o "$work/mpi" > "$work/mpi.log" 2>&1 ||
  fail "the sweep under mpirun -np 3 failed: $(tail -5 "$work/mpi.log")"
grep -q 'over 2 worker rank(s)' "$work/mpi.log" || fail "mpirun -np 3 did not use 2 worker ranks"
same_table "$work/mpi" "mpirun -np 3"
say "mpirun -np 3: the same table"

# A point that cannot be compiled fails the sweep, named with its rank.
sed "s|\"timesteps\": 12, \"percentile\": 99|\"timesteps\": 12, \"percentile\": 101|" "$work/sweep.json" > "$work/bad.json"
"${mpirun[@]}" -np 3 "$bin/spikecore-sweep" "$work/bad.json" -o "$work/bad" > "$work/bad.log" 2>&1 &&
  fail "a sweep with a bad point passed"
grep -E -q "spikecore-sweep: error: point [0-9a-f]{16} \(.*percentile=101.*\) failed on rank [12]: spikecore-compile exited with status 2: .*--percentile 101" "$work/bad.log" ||
  fail "the failure does not name the point, its rank and the compiler's message: $(cat "$work/bad.log")"
"$bin/spikecore-sweep" "$work/bad.json" -o "$work/bad1" > "$work/bad1.log" 2>&1 && fail "a bad point passed without MPI"
grep -q "percentile=101.*) failed: spikecore-compile" "$work/bad1.log" || fail "no point named without MPI: $(cat "$work/bad1.log")"
printf '{"grid": {"timestep": [8]}}' > "$work/typo.json"
"$bin/spikecore-sweep" "$work/typo.json" > "$work/typo.log" 2>&1; status=$?
((status == 1)) && grep -q 'grid: "timestep" is not an axis' "$work/typo.log" ||
  fail "an unknown axis: status $status, $(cat "$work/typo.log")"
say "PASS"
