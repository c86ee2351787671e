#!/usr/bin/env bash
# spikecore-sim under mpirun: for -np 1, 2 and 3 (and local --jobs), on both
# backends, the results JSON and the raster are byte-identical to a run
# without MPI; a rank that fails makes the whole run fail, naming the rank,
# and no output is written.
#
#   check_mpi_sim.sh BIN_DIR ARTIFACTS_DIR
set -uo pipefail
bin=$1 artifacts=$2
work=$(mktemp -d /tmp/spikecore-mpi.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { printf 'check_mpi_sim: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'check_mpi_sim: %s\n' "$*"; }
# Containers have no fast single-copy mechanism; root needs the flag.
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe)
image=$artifacts/mnist_mlp.scimg
sim() { "$@" --image "$image" --progress none; }

for backend in golden systemc; do
  count=$([[ $backend == golden ]] && echo 45 || echo 9)
  raster_sample=$((count - 2))  # in the last rank's share
  args=(--backend "$backend" --count "$count" --raster-sample "$raster_sample")
  sim "$bin/spikecore-sim" "${args[@]}" --json "$work/base.json" --raster "$work/base.svg" \
    > "$work/base.log" 2>&1 || fail "the run without MPI failed: $(tail -3 "$work/base.log")"
  for np in 1 2 3; do
    for jobs in 1 2; do
      [[ $backend == systemc && $jobs == 2 && $np != 2 ]] && continue  # keep it short
      out=$work/np${np}_j$jobs
      sim "${mpirun[@]}" -np "$np" "$bin/spikecore-sim" "${args[@]}" --jobs "$jobs" \
        --json "$out.json" --raster "$out.svg" > "$out.log" 2>&1 ||
        fail "$backend, -np $np --jobs $jobs failed: $(tail -5 "$out.log")"
      cmp -s "$work/base.json" "$out.json" || fail "$backend, -np $np --jobs $jobs: the JSON differs from the run without MPI"
      cmp -s "$work/base.svg" "$out.svg" || fail "$backend, -np $np --jobs $jobs: the raster differs"
      [[ $(grep -c '^SpikeCore run:' "$out.log") == 1 ]] || fail "$backend, -np $np: the summary was not printed exactly once"
    done
  done
  say "$backend: -np 1, 2, 3 give the JSON and raster of the run without MPI ($count samples)"
done

# A failing rank fails the run, with its rank named, and nothing is written.
SPIKECORE_MPI_FAIL_RANK=2 sim "${mpirun[@]}" -np 3 "$bin/spikecore-sim" --backend golden \
  --count 30 --json "$work/failed.json" > "$work/failed.log" 2>&1
status=$?
((status != 0)) || fail "a failing rank did not fail the run"
grep -q 'spikecore-sim: error: rank 2: failure injected by SPIKECORE_MPI_FAIL_RANK=2' "$work/failed.log" ||
  fail "the error does not name rank 2: $(cat "$work/failed.log")"
[[ ! -e $work/failed.json ]] || fail "a failed run wrote its JSON"
say "a failing rank fails the run (status $status) and is named"

# Errors every rank meets are printed once, by rank 0.
sim "${mpirun[@]}" -np 3 "$bin/spikecore-sim" --backend golden --first 1990 --count 20 \
  > "$work/range.log" 2>&1 && fail "a bad range passed under MPI"
[[ $(grep -c 'the split has 2000' "$work/range.log") == 1 ]] ||
  fail "the error of every rank was not printed once: $(cat "$work/range.log")"
# A failed verdict: status 3 through mpirun, the verdict line once.
sim "${mpirun[@]}" -np 2 "$bin/spikecore-sim" --backend golden --count 300 \
  --reference "$artifacts/mnist_mlp.pt" --min-agreement 100 > "$work/verdict.log" 2>&1
status=$?
((status == 3)) || fail "a failed verdict under mpirun exited with $status, expected 3"
[[ $(grep -c '^verdict: FAIL' "$work/verdict.log") == 1 ]] || fail "no single FAIL verdict line"

# A usage error: said once, and mpirun's status is spikecore-sim's (2).
sim "${mpirun[@]}" -np 3 "$bin/spikecore-sim" --backend verilog > "$work/usage.log" 2>&1
status=$?
((status == 2)) || fail "a usage error under mpirun exited with $status, expected 2"
[[ $(grep -c "backend must be 'systemc' or 'golden'" "$work/usage.log") == 1 ]] ||
  fail "the usage error was not printed once: $(cat "$work/usage.log")"
say "PASS"
