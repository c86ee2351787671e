#!/usr/bin/env bash
# Benchmarks, all in one run on this machine: golden-model and SystemC-model
# speed (VCD off and on), their ratio, --jobs 2 against --jobs 1, compile time,
# the modeled hardware figures for T = 8..128, and how the simulator's time
# grows with T and with the number of samples, and SystemC speed on boards of
# 1, 4 and 16 chips (784-32-10, 784-128-10, 784-620-10). Prints the figures and writes
# docs/benchmarks.md and docs/benchmarks.json (atomically).
#
#   scripts/bench.sh                     (a few minutes on 2 cores)
#   SPIKECORE_BENCH_QUICK=1 scripts/bench.sh   fewer samples, for trying it out
# Run it on an otherwise idle machine: every figure is wall-clock.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
BIN=$BUILD_DIR/bin
MODEL=models/mnist_mlp.pt
IMAGE=out/mnist_mlp.scimg
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

if [[ ${SPIKECORE_BENCH_QUICK:-0} == 1 ]]; then
  SPEED_SAMPLES=60; MODELED_SAMPLES=40; JOBS_SAMPLES=400; SCALING=(10 20 40); GOLDEN_MIN_TIME=0.5
  BOARD_SAMPLES=(60 10 2)
else
  SPEED_SAMPLES=300; MODELED_SAMPLES=200; JOBS_SAMPLES=2000; SCALING=(50 100 200 400); GOLDEN_MIN_TIME=3
  BOARD_SAMPLES=(300 40 8)
fi
# Board models: hidden width -> the board --board auto picks (1, 4 and 16 chips).
BOARD_HIDDEN=(32 128 620)

step() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

step "set-up and build"
bash scripts/setup.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target spikecore-train spikecore-compile spikecore-sim \
  spikecore-bench-golden spikecore-bench-systemc spikecore-bench-compile
mkdir -p out models
[[ -f $MODEL ]] || "$BIN/spikecore-train" --dataset mnist --output "$MODEL"
if [[ ! -f $IMAGE || $MODEL -nt $IMAGE ]]; then
  "$BIN/spikecore-compile" "$MODEL" -o "$IMAGE" >/dev/null
fi

RAW=$(mktemp -d /tmp/spikecore-bench.XXXXXX)
trap 'rm -rf "$RAW"' EXIT

# spikecore-sim prints its own measured speed; keep the whole output.
sim() {  # sim NAME ARGS...
  local name=$1; shift
  "$BIN/spikecore-sim" --image "$IMAGE" --dataset mnist --split test --progress none "$@" \
    > "$RAW/$name.txt"
}

step "golden model, T = 32 (Google Benchmark)"
"$BIN/spikecore-bench-golden" "$IMAGE" 32 --benchmark_min_time="$GOLDEN_MIN_TIME" \
  --benchmark_format=json > "$RAW/golden.json" 2>/dev/null
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["benchmarks"][0]; print("  %.0f inferences/s, %.3g synaptic events/s" % (b["items_per_second"], b["synaptic_events"]))' "$RAW/golden.json"

step "SystemC model, T = 32, $SPEED_SAMPLES digits, 1 process"
for trace in off one; do
  "$BIN/spikecore-bench-systemc" "$IMAGE" "$SPEED_SAMPLES" 32 "$trace" "$RAW/trace.vcd" \
    > "$RAW/systemc_$trace.json"
  echo "  VCD $trace: $(cat "$RAW/systemc_$trace.json")"
done

step "--jobs 1 and --jobs 2, $JOBS_SAMPLES digits at the image's T"
for jobs in 1 2; do
  start=$(date +%s.%N)
  sim "jobs$jobs" --count "$JOBS_SAMPLES" --jobs "$jobs" --reference "$MODEL" --json "$RAW/jobs$jobs.json"
  end=$(date +%s.%N)
  echo "$start $end" > "$RAW/jobs$jobs.wall"
  grep -E "simulation speed: inferences/s|wall time" "$RAW/jobs$jobs.txt" | sed 's/^/  /'
done
cmp -s <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["samples"])' "$RAW/jobs1.json") \
       <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["samples"])' "$RAW/jobs2.json") \
  || die "--jobs 2 gave other samples than --jobs 1"

step "compile time (3 runs)"
for i in 1 2 3; do
  "$BIN/spikecore-bench-compile" "$MODEL" > "$RAW/compile$i.json"
done
start=$(date +%s.%N)
"$BIN/spikecore-compile" "$MODEL" -o "$RAW/whole.scimg" > "$RAW/compile_process.log" 2>&1
end=$(date +%s.%N)
echo "$start $end" > "$RAW/compile_process.wall"

step "modeled hardware and simulator time for T = 8 .. 128 ($MODELED_SAMPLES digits, 1 process)"
for t in 8 16 32 64 128; do
  sim "t$t" --count "$MODELED_SAMPLES" --timesteps "$t" --jobs 1 --json "$RAW/t$t.json"
  echo "  T = $t: $(grep 'simulation speed: inferences/s' "$RAW/t$t.txt" | awk '{print $NF}') inferences/s"
done

step "simulator time against the number of samples (T = 32, 1 process)"
for n in "${SCALING[@]}"; do
  "$BIN/spikecore-bench-systemc" "$IMAGE" "$n" 32 off > "$RAW/scale$n.json"
  echo "  $n digits: $(python3 -c 'import json,sys; print("%.2f s" % json.load(open(sys.argv[1]))["wall_seconds"])' "$RAW/scale$n.json")"
done

step "SystemC speed on boards of 1, 4 and 16 chips (T = 32, 1 process)"
for i in 0 1 2; do
  hidden=${BOARD_HIDDEN[$i]}
  model=models/mnist_mlp_h$hidden.pt board_image=out/mnist_mlp_h$hidden.scimg
  [[ $hidden == 32 ]] && model=$MODEL board_image=$IMAGE
  [[ -f $model ]] || "$BIN/spikecore-train" --dataset mnist --hidden "$hidden" --output "$model" >/dev/null
  if [[ ! -f $board_image || $model -nt $board_image ]]; then
    "$BIN/spikecore-compile" "$model" -o "$board_image" >/dev/null
  fi
  "$BIN/spikecore-bench-systemc" "$board_image" "${BOARD_SAMPLES[$i]}" 32 off > "$RAW/board$i.json"
  echo "  784-$hidden-10: $(cat "$RAW/board$i.json")"
done

step "report"
python3 scripts/bench_report.py "$RAW" \
  --command "scripts/bench.sh${SPIKECORE_BENCH_QUICK:+ (SPIKECORE_BENCH_QUICK=$SPIKECORE_BENCH_QUICK)}" \
  --markdown docs/benchmarks.md --json docs/benchmarks.json --profile docs/profile-systemc.md \
  --boards-notes docs/benchmarks-boards.md \
  --scaling "${SCALING[*]}"
