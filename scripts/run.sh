#!/usr/bin/env bash
# The lab's main job on a fresh Debian 12 machine (as root): set-up, build, train
# the float MLP if models/mnist_mlp.pt is missing, and report its float accuracy on
# the 2000 held-out MNIST digits. Delete the model file to retrain.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
MODEL=models/mnist_mlp.pt
# Programs this script runs; later stages add theirs here.
TARGETS=(spikecore-train)
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

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
  "$BUILD_DIR/bin/spikecore-train" --dataset mnist --output "$MODEL"
fi

step "float evaluation (PyTorch reference, 2000 held-out digits)"
"$BUILD_DIR/bin/spikecore-train" --evaluate "$MODEL" --dataset mnist --split test

# ---------------------------------------------------------------------------
# Next stages (in progress, see README.md): compile the model to a SpikeCore
# image, run it on the golden model and the cycle-level SystemC model, and
# compare top-1 with the float evaluation above. Add them here, each as a
# `step "..."` block, and their programs to TARGETS.
# ---------------------------------------------------------------------------
