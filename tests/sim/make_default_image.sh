#!/usr/bin/env bash
# Test fixture: trains the default model and compiles it into the build tree,
# so the simulator tests never depend on files left by scripts/run.sh.
set -euo pipefail
bin=$1      # build/bin
out=$2      # build/test-artifacts
mkdir -p "$out"
if [[ ! -s $out/mnist_mlp.pt || $bin/spikecore-train -nt $out/mnist_mlp.pt ]]; then
  "$bin/spikecore-train" --dataset mnist --output "$out/mnist_mlp.pt" > "$out/train.log"
fi
# Recompiled when the model or the compiler is newer than the image.
if [[ ! -s $out/mnist_mlp.scimg || $out/mnist_mlp.pt -nt $out/mnist_mlp.scimg ||
      $bin/spikecore-compile -nt $out/mnist_mlp.scimg ]]; then
  "$bin/spikecore-compile" "$out/mnist_mlp.pt" -o "$out/mnist_mlp.scimg" \
      --asm "$out/mnist_mlp.s" --report "$out/mapping.json" > "$out/compile.log"
fi
# The tutorial-size 784-128-10 MLP, which needs a board of chips (--board auto).
if [[ ! -s $out/mnist_mlp128.pt || $bin/spikecore-train -nt $out/mnist_mlp128.pt ]]; then
  "$bin/spikecore-train" --dataset mnist --hidden 128 --output "$out/mnist_mlp128.pt" \
      > "$out/train128.log"
fi
if [[ ! -s $out/mnist_mlp128.scimg || $out/mnist_mlp128.pt -nt $out/mnist_mlp128.scimg ||
      $bin/spikecore-compile -nt $out/mnist_mlp128.scimg ]]; then
  "$bin/spikecore-compile" "$out/mnist_mlp128.pt" -o "$out/mnist_mlp128.scimg" \
      --report "$out/mapping128.json" > "$out/compile128.log"
fi
# 784-256-128-10, on a board of 8 chips.
if [[ ! -s $out/mnist_mlp256_128.pt || $bin/spikecore-train -nt $out/mnist_mlp256_128.pt ]]; then
  "$bin/spikecore-train" --dataset mnist --hidden 256,128 --output "$out/mnist_mlp256_128.pt" \
      > "$out/train256_128.log"
fi
if [[ ! -s $out/mnist_mlp256_128.scimg || $out/mnist_mlp256_128.pt -nt $out/mnist_mlp256_128.scimg ||
      $bin/spikecore-compile -nt $out/mnist_mlp256_128.scimg ]]; then
  "$bin/spikecore-compile" "$out/mnist_mlp256_128.pt" -o "$out/mnist_mlp256_128.scimg" \
      > "$out/compile256_128.log"
fi
# LeNet-5 (spikecore-train --arch lenet), conv layers mapped with CONV, on a board of 3 chips.
if [[ ! -s $out/mnist_lenet.pt || $bin/spikecore-train -nt $out/mnist_lenet.pt ]]; then
  "$bin/spikecore-train" --arch lenet --dataset mnist --output "$out/mnist_lenet.pt" \
      > "$out/train_lenet.log"
fi
if [[ ! -s $out/mnist_lenet.scimg || $out/mnist_lenet.pt -nt $out/mnist_lenet.scimg ||
      $bin/spikecore-compile -nt $out/mnist_lenet.scimg ]]; then
  "$bin/spikecore-compile" "$out/mnist_lenet.pt" -o "$out/mnist_lenet.scimg" \
      --report "$out/mapping_lenet.json" > "$out/compile_lenet.log"
fi
echo "fixture ready: $out/mnist_mlp.scimg $out/mnist_mlp128.scimg $out/mnist_mlp256_128.scimg $out/mnist_lenet.scimg"
