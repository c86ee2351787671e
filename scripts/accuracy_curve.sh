#!/usr/bin/env bash
# Compiles the default model and prints, for T = 8, 16, 32, 64, 128 time steps,
# how often the chip's class (golden model) agrees with PyTorch's float top-1 and
# its accuracy, on the 2000 held-out MNIST digits. docs/compiler.md records the
# curve this prints.
#
#   scripts/accuracy_curve.sh [MODEL.pt]      (default models/mnist_mlp.pt)
#   SPIKECORE_BUILD_DIR=build-x scripts/accuracy_curve.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
MODEL=${1:-models/mnist_mlp.pt}
NAME=$(basename "$MODEL" .pt)
OUT_DIR=out
IMAGE=$OUT_DIR/$NAME.scimg

die() { printf 'accuracy_curve: error: %s\n' "$*" >&2; exit 1; }

[[ -f $BUILD_DIR/CMakeCache.txt ]] || cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target spikecore-compile spikecore-eval >/dev/null

if [[ ! -f $MODEL ]]; then
  [[ $MODEL == models/mnist_mlp.pt ]] || die "$MODEL not found"
  echo "accuracy_curve: $MODEL is missing; training it (spikecore-train)"
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target spikecore-train >/dev/null
  "$BUILD_DIR/bin/spikecore-train" --dataset mnist --output "$MODEL"
fi

mkdir -p "$OUT_DIR"
echo "accuracy_curve: $BUILD_DIR/bin/spikecore-compile $MODEL -o $IMAGE"
"$BUILD_DIR/bin/spikecore-compile" "$MODEL" -o "$IMAGE" -q
"$BUILD_DIR/bin/spikecore-eval" --image "$IMAGE" --model "$MODEL" --dataset mnist --split test \
  --count 2000 --timesteps 8,16,32,64,128
