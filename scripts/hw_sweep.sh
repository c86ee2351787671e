#!/usr/bin/env bash
# A microarchitecture sweep without a rebuild: runs the default image on the
# cycle-level model once per hardware description (router buffer depth x hop
# latency) and prints a markdown table of the modeled figures, which never
# change a result (the script checks that every run predicts the same classes).
#
#   scripts/hw_sweep.sh [IMAGE.scimg] [SAMPLES]   (default out/mnist_mlp.scimg, 100)
#   BUFFERS="2 4 8" HOPS="1 2 4" scripts/hw_sweep.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=${SPIKECORE_BUILD_DIR:-build}/bin
IMAGE=${1:-out/mnist_mlp.scimg}
SAMPLES=${2:-100}
BUFFERS=${BUFFERS:-2 4 8}
HOPS=${HOPS:-1 2 4}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

die() { printf 'hw_sweep: error: %s\n' "$*" >&2; exit 1; }
[[ -x $BIN/spikecore-sim ]] || die "$BIN/spikecore-sim is missing; build first (scripts/test.sh)"
[[ -f $IMAGE ]] || die "$IMAGE not found; scripts/run.sh compiles the default one"

DIR=$(mktemp -d /tmp/spikecore-hw-sweep.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
# Each description names only the swept keys; the others keep their defaults.
echo "| router buffer (flits) | hop (cycles) | cycles / inference | NoC stall cycles / inference | latency / inference (us) |"
echo "|---|---|---|---|---|"
reference=""
for buffer in $BUFFERS; do
  for hop in $HOPS; do
    hw=$DIR/hw_${buffer}_${hop}.json
    printf '{"microarchitecture": {"router_buffer_flits": %s, "router_hop_cycles": %s}}\n' \
      "$buffer" "$hop" > "$hw"
    "$BIN/spikecore-sim" --image "$IMAGE" --count "$SAMPLES" --jobs "$(nproc)" --hw "$hw" \
      --progress none --json "$DIR/r.json" > "$DIR/run.log" 2>&1 || { cat "$DIR/run.log" >&2; die "run failed"; }
    row=$(python3 - "$DIR/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
classes = ",".join(str(x["predicted"]) for x in d["samples"])
print("%.1f|%.1f|%.2f|%s" % (s["cycles_per_inference_mean"], s["stall_cycles_per_inference_mean"],
                            s["cycles_per_inference_mean"] / d["clock_mhz_modeled"], classes))
PY
)
    IFS='|' read -r cycles stalls latency classes <<< "$row"
    [[ -z $reference ]] && reference=$classes
    [[ $classes == "$reference" ]] || die "buffer $buffer, hop $hop changed a predicted class"
    echo "| $buffer | $hop | $cycles | $stalls | $latency |"
  done
done
echo
echo "($SAMPLES held-out digits of $IMAGE; every run predicted the same classes.)"
