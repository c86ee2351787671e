#!/usr/bin/env bash
# Regenerates the seed files of fuzz/corpus/ that are made from the project's
# real files (the hand-written seeds are committed as they are and left alone):
#   assembler/          a compiled 784-3-10 MLP's assembly (tests/isa/data/*.s seed
#                       it in place, see fuzz/CMakeLists.txt)
#   image_reader/       every assembler seed that assembles, as a .scimg image
#   idx_reader/         data/mnist IDX files cut to a few images/labels, gzip too
#   torchscript_import/ tiny TorchScript MLPs from tests/compiler/make_model.py
# Run after a normal build and scripts/setup.sh (it needs data/mnist and
# Debian's python3-torch):
#   fuzz/make_seeds.sh [BIN_DIR]      (default build/bin)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$(cd "${1:-$ROOT/build/bin}" && pwd)
CORPUS=$ROOT/fuzz/corpus
MNIST=${SPIKECORE_DATA_DIR:-$ROOT/data}/mnist
PYTHON=/usr/bin/python3  # Debian's, with torch
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# TorchScript models: one per export style the importer handles, 4-3-2 wide
# so the files stay small, and one 784-3-10 that the compiler accepts.
for style in sequential custom view reshape matmul; do
  "$PYTHON" "$ROOT/tests/compiler/make_model.py" --widths 4,3,2 --style "$style" \
    --module-file "$WORK/${style}_model.py" "$CORPUS/torchscript_import/tiny_$style.pt"
done
"$PYTHON" "$ROOT/tests/compiler/make_model.py" --widths 4,3,2 --export trace \
  "$CORPUS/torchscript_import/tiny_trace.pt"
"$PYTHON" "$ROOT/tests/compiler/make_model.py" --widths 4,3,2 --activation sigmoid \
  "$CORPUS/torchscript_import/tiny_sigmoid.pt"
"$PYTHON" "$ROOT/tests/compiler/make_model.py" --widths 784,3,10 "$WORK/mlp_784_3_10.pt"
cp "$WORK/mlp_784_3_10.pt" "$CORPUS/torchscript_import/"

# Assembly: real compiler output (the hand-written tests/isa/data/*.s are read in place).
"$BIN/spikecore-compile" "$WORK/mlp_784_3_10.pt" -o "$WORK/mlp.scimg" \
  --asm "$CORPUS/assembler/mlp_784_3_10.s" --calib-count 200 --timesteps 16 \
  --data-dir "$(dirname "$MNIST")" >"$WORK/compile.log" 2>&1 || { cat "$WORK/compile.log"; exit 1; }

# Images: whatever assembles (the error seeds do not).
for s in "$CORPUS"/assembler/*.s "$ROOT"/tests/isa/data/*.s; do
  "$BIN/spikecore-as" "$s" -o "$CORPUS/image_reader/$(basename "${s%.s}").scimg" \
    >/dev/null 2>&1 || true
done

# IDX: small valid files (header rewritten to the new count), a gzip one, and
# ones whose header and size disagree.
"$PYTHON" - "$MNIST" "$CORPUS/idx_reader" <<'PY'
import gzip, struct, sys
src, out = sys.argv[1], sys.argv[2]
images = open(src + "/t10k-images-idx3-ubyte", "rb").read()
labels = open(src + "/t10k-labels-idx1-ubyte", "rb").read()
def write(name, data):
    with open(out + "/" + name, "wb") as f:
        f.write(data)
two_images = struct.pack(">IIII", 0x803, 2, 28, 28) + images[16:16 + 2 * 784]
ten_labels = struct.pack(">II", 0x801, 10) + labels[8:18]
write("images_2.idx3", two_images)
write("labels_10.idx1", ten_labels)
write("images_1_gzip.idx3.gz", gzip.compress(struct.pack(">IIII", 0x803, 1, 28, 28) + images[16:16 + 784], mtime=0))
write("labels_10_gzip.idx1.gz", gzip.compress(ten_labels, mtime=0))
write("images_truncated.idx3", two_images[:16 + 784 + 100])
write("labels_extra_bytes.idx1", ten_labels + b"\x07\x07")
write("images_3x2.idx3", struct.pack(">IIII", 0x803, 1, 3, 2) + bytes(range(6)))
PY
echo "make_seeds: wrote $(find "$CORPUS" -type f | wc -l) files, $(du -sk "$CORPUS" | cut -f1) KiB in $CORPUS"
