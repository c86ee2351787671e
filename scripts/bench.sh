#!/usr/bin/env bash
# Benchmarks, all in one run on this machine: golden-model speed next to the
# hand-optimised exact reference loop (bench/reference_loop.h) on the default
# model, a 4-chip 784-128-10 and the LeNet-5; SystemC-model speed (VCD off and
# on), their ratio, spikecore-sim's start-up, the same network in Brian2
# (bench/brian2_peer.py: Cython runtime and C++ standalone), --jobs 2 against
# --jobs 1, compile time, the modeled hardware figures for T = 8..128, how the
# simulator's time grows with T and with the number of samples, and SystemC
# speed on boards of 1, 4 and 16 chips (784-32-10, 784-128-10, 784-620-10).
# Prints the figures and writes docs/benchmarks.md and docs/benchmarks.json
# (atomically).
#
#   scripts/bench.sh                     (a few minutes on 2 cores)
#   SPIKECORE_BENCH_QUICK=1 scripts/bench.sh   fewer samples, for trying it out
# Run it on an otherwise idle machine: every figure is wall-clock.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
BIN=$BUILD_DIR/bin
LIBEXEC=$BUILD_DIR/libexec  # the benchmark programs (not users' tools)
MODEL=models/mnist_mlp.pt
IMAGE=out/mnist_mlp.scimg
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

if [[ ${SPIKECORE_BENCH_QUICK:-0} == 1 ]]; then
  SPEED_SAMPLES=60; MODELED_SAMPLES=40; JOBS_SAMPLES=400; SCALING=(10 20 40); GOLDEN_MIN_TIME=0.5
  BOARD_SAMPLES=(60 10 2); PEER_DIGITS=50; PEER_COPIES=(1 10 50)
else
  SPEED_SAMPLES=300; MODELED_SAMPLES=200; JOBS_SAMPLES=2000; SCALING=(50 100 200 400); GOLDEN_MIN_TIME=3
  BOARD_SAMPLES=(300 40 8); PEER_DIGITS=200; PEER_COPIES=(1 10 200)
fi
# Board models: hidden width -> the board --board auto picks (1, 4 and 16 chips).
BOARD_HIDDEN=(32 128 620)

step() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

step "set-up and build"
bash scripts/setup.sh --bench
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target spikecore-train spikecore-compile spikecore-sim \
  spikecore-bench-golden spikecore-bench-systemc spikecore-bench-compile \
  spikecore-bench-export-network spikecore_float_top1
mkdir -p out models
# train_and_compile MODEL IMAGE TRAIN-ARGS...: only what is missing or stale.
train_and_compile() {
  local model=$1 image=$2; shift 2
  [[ -f $model ]] || "$BIN/spikecore-train" --dataset mnist "$@" --output "$model" >/dev/null
  if [[ ! -f $image || $model -nt $image ]]; then
    "$BIN/spikecore-compile" "$model" -o "$image" >/dev/null
  fi
}
train_and_compile "$MODEL" "$IMAGE"
BOARD_MODEL=models/mnist_mlp_h128.pt BOARD_IMAGE=out/mnist_mlp_h128.scimg
LENET_MODEL=models/mnist_lenet.pt LENET_IMAGE=out/mnist_lenet.scimg
train_and_compile "$BOARD_MODEL" "$BOARD_IMAGE" --hidden 128
train_and_compile "$LENET_MODEL" "$LENET_IMAGE" --arch lenet

RAW=$(mktemp -d /tmp/spikecore-bench.XXXXXX)
trap 'rm -rf "$RAW"' EXIT

# spikecore-sim prints its own measured speed; keep the whole output.
sim() {  # sim NAME ARGS...
  local name=$1; shift
  "$BIN/spikecore-sim" --image "$IMAGE" --dataset mnist --split test --progress none "$@" \
    > "$RAW/$name.txt"
}

# median_run NAME COMMAND...: runs a spikecore-bench-systemc command three times and
# keeps the run of median speed as $RAW/NAME.json, every run's inferences/s in its
# "runs" field (on a shared VM one run can be 20-30 % off the others).
median_run() {
  local name=$1 run; shift
  for run in 1 2 3; do "$@" > "$RAW/${name}_run$run.json"; done
  python3 - "$RAW/$name.json" "$RAW/${name}"_run[123].json <<'PY'
import json, os, sys
runs = [json.load(open(p)) for p in sys.argv[2:]]
speeds = [r["inferences_per_second"] for r in runs]
median = sorted(runs, key=lambda r: r["inferences_per_second"])[len(runs) // 2]
median["runs"] = speeds
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w") as f:
    json.dump(median, f)
os.replace(tmp, sys.argv[1])
PY
}

step "golden model and the exact reference loop, T = 32, one core (Google Benchmark, median of 3)"
for name in default board lenet; do
  case $name in
    default) image=$IMAGE ;; board) image=$BOARD_IMAGE ;; lenet) image=$LENET_IMAGE ;;
  esac
  # Checks the two against each other on 200 digits before it times anything.
  "$LIBEXEC/spikecore-bench-golden" "$image" 32 --benchmark_min_time="$GOLDEN_MIN_TIME" \
    --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json > "$RAW/golden_$name.json" 2>"$RAW/golden_$name.err" ||
    die "spikecore-bench-golden $image: $(cat "$RAW/golden_$name.err")"
  python3 -c '
import json, sys
b = {x["run_name"].split("/")[0]: x for x in json.load(open(sys.argv[1]))["benchmarks"]
     if x.get("aggregate_name") == "median"}
g, r = b["golden_inference"]["items_per_second"], b["reference_loop"]["items_per_second"]
print("  %s: golden %.0f inferences/s, reference loop %.0f, golden / reference %.2f" % (sys.argv[2], g, r, g / r))
' "$RAW/golden_$name.json" "$name"
done
cp "$RAW/golden_default.json" "$RAW/golden.json"

step "spikecore-sim start-up: --count 1, golden backend, no --reference (median of 5)"
for i in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$BIN/spikecore-sim" --image "$IMAGE" --dataset mnist --count 1 --backend golden \
    --progress none > /dev/null
  end=$(date +%s.%N)
  echo "$start $end" > "$RAW/startup$i.wall"
done
python3 -c '
import sys
walls = sorted(float(e) - float(s) for s, e in (open(p).read().split() for p in sys.argv[1:]))
print("  %.3f s (whole process)" % walls[len(walls) // 2])' "$RAW"/startup*.wall

# Brian2 runs N digits as N copies of the network side by side; its speed per digit
# depends on N (the Cython runtime gains from many, the standalone binary loses once the
# copies leave the caches), so it runs at several N and the report takes each back
# end's fastest.
step "the same network in Brian2 (bench/brian2_peer.py, T = 32, ${PEER_COPIES[*]} copies side by side)"
"$LIBEXEC/spikecore-bench-export-network" "$IMAGE" "$RAW/network.json" "$PEER_DIGITS" 32
for backend in cython cpp_standalone; do
  for copies in "${PEER_COPIES[@]}"; do
    out=$RAW/brian2_${backend}_$copies
    /usr/bin/python3 bench/brian2_peer.py "$RAW/network.json" --backend "$backend" \
      --digits "$copies" > "$out.json" 2> "$out.err" ||
      die "Brian2 ($backend, $copies copies): $(tail -1 "$out.err")"
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("  %s, %d copies: %.0f inferences/s, predicted class equal to the chip on %.1f %% of the digits" % (
    d["backend"], d["digits"], d["inferences_per_second"], 100 * d["predicted_equal_to_chip"]))' "$out.json"
  done
done

step "SystemC model, T = 32, $SPEED_SAMPLES digits, 1 process (VCD off: median of 3 runs)"
median_run systemc_off "$LIBEXEC/spikecore-bench-systemc" "$IMAGE" "$SPEED_SAMPLES" 32 off
"$LIBEXEC/spikecore-bench-systemc" "$IMAGE" "$SPEED_SAMPLES" 32 one "$RAW/trace.vcd" \
  > "$RAW/systemc_one.json"
for trace in off one; do echo "  VCD $trace: $(cat "$RAW/systemc_$trace.json")"; done

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
for jobs in 1 2; do  # the golden backend: what process start and the parent's checks cost
  start=$(date +%s.%N)
  sim "golden_jobs$jobs" --count 2000 --backend golden --jobs "$jobs" --json "$RAW/golden_jobs$jobs.json"
  end=$(date +%s.%N)
  echo "$start $end" > "$RAW/golden_jobs$jobs.wall"
  echo "  golden, 2000 digits, --jobs $jobs: $(python3 -c 'import sys; s, e = open(sys.argv[1]).read().split(); print("%.2f s whole process" % (float(e) - float(s)))' "$RAW/golden_jobs$jobs.wall")"
done

step "compile time (3 runs)"
for i in 1 2 3; do
  "$LIBEXEC/spikecore-bench-compile" "$MODEL" > "$RAW/compile$i.json"
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
  "$LIBEXEC/spikecore-bench-systemc" "$IMAGE" "$n" 32 off > "$RAW/scale$n.json"
  echo "  $n digits: $(python3 -c 'import json,sys; print("%.2f s" % json.load(open(sys.argv[1]))["wall_seconds"])' "$RAW/scale$n.json")"
done

step "SystemC speed on boards of 1, 4 and 16 chips (T = 32, 1 process, median of 3 runs)"
for i in 0 1 2; do
  hidden=${BOARD_HIDDEN[$i]}
  model=models/mnist_mlp_h$hidden.pt board_image=out/mnist_mlp_h$hidden.scimg
  [[ $hidden == 32 ]] && model=$MODEL board_image=$IMAGE
  train_and_compile "$model" "$board_image" --hidden "$hidden"
  median_run "board$i" "$LIBEXEC/spikecore-bench-systemc" "$board_image" "${BOARD_SAMPLES[$i]}" 32 off
  echo "  784-$hidden-10: $(cat "$RAW/board$i.json")"
done

step "report"
python3 scripts/bench_report.py "$RAW" \
  --command "scripts/bench.sh${SPIKECORE_BENCH_QUICK:+ (SPIKECORE_BENCH_QUICK=$SPIKECORE_BENCH_QUICK)}" \
  --markdown docs/benchmarks.md --json docs/benchmarks.json --profile docs/profile-systemc.md \
  --boards-notes docs/benchmarks-boards.md \
  --scaling "${SCALING[*]}" --peer-copies "${PEER_COPIES[*]}"
