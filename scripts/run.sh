#!/usr/bin/env bash
# The lab's main job on a fresh Debian 12 machine (as root): set-up, build,
# train the float MLP (if models/mnist_mlp.pt is missing), compile it to a
# SpikeCore image, run the 2000 held-out digits on the cycle-level SystemC model
# with a regression verdict against PyTorch top-1 (exit status 3 when it fails),
# and leave a VCD, a gtkwave layout and a spike raster to look at.
#
#   scripts/run.sh                 all 2000 digits (SPIKECORE_RUN_COUNT=N for fewer)
# The verdict's bars are the regression test's: agreement >= 99 %, accuracy at
# most 0.5 points below PyTorch's (SPIKECORE_MIN_AGREEMENT, SPIKECORE_MAX_DROP).
# Delete models/mnist_mlp.pt to retrain.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
COUNT=${SPIKECORE_RUN_COUNT:-2000}
MIN_AGREEMENT=${SPIKECORE_MIN_AGREEMENT:-99}
MAX_DROP=${SPIKECORE_MAX_DROP:-0.5}
MODEL=models/mnist_mlp.pt
IMAGE=out/mnist_mlp.scimg
VCD=traces/mnist_mlp.vcd
TARGETS=(spikecore-train spikecore-compile spikecore-sim)
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
BIN=$BUILD_DIR/bin

step() { printf '\n== %s\n' "$*"; }

step "set-up"
bash scripts/setup.sh

step "build (${TARGETS[*]})"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${TARGETS[@]}"

step "float model: $MODEL"
if [[ -f $MODEL ]]; then
  echo "run: using the existing $MODEL (delete it to retrain)"
else
  "$BIN/spikecore-train" --dataset mnist --output "$MODEL"
fi

step "float evaluation (PyTorch reference, 2000 held-out digits)"
"$BIN/spikecore-train" --evaluate "$MODEL" --dataset mnist --split test

step "compile $MODEL -> $IMAGE"
mkdir -p out traces
"$BIN/spikecore-compile" "$MODEL" -o "$IMAGE" --asm out/mnist_mlp.s --report out/mapping.json

step "simulate $COUNT held-out digits on the SystemC model"
# The verdict decides the exit status; the files are written either way.
status=0
"$BIN/spikecore-sim" --image "$IMAGE" --dataset mnist --split test --first 0 --count "$COUNT" \
  --backend systemc --reference "$MODEL" --jobs "$(nproc)" --json out/results.json \
  --min-agreement "$MIN_AGREEMENT" --max-accuracy-drop "$MAX_DROP" \
  --vcd "$VCD" --trace-samples 0 --raster out/raster.svg --raster-sample 0 \
  --html out/report.html --compile-report out/mapping.json || status=$?
if ((status != 0 && status != 3)); then exit "$status"; fi

step "files"
cat <<EOF
  float model        $MODEL
  image              $IMAGE
  assembly           out/mnist_mlp.s
  mapping report     out/mapping.json
  results            out/results.json
  run report         out/report.html    (one page: verdict, mapping, heat maps, raster, energy)
  spike raster       out/raster.svg     (digit 0 of the test split)
  waveform           $VCD  (digit 0, every step and core)
  gtkwave layout     ${VCD%.vcd}.gtkw

Open the trace:
  gtkwave $VCD ${VCD%.vcd}.gtkw
EOF
if ((status == 3)); then
  echo "run: the verdict failed (see the verdict line above); exit status 3" >&2
fi
exit "$status"
