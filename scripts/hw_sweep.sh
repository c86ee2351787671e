#!/usr/bin/env bash
# A microarchitecture sweep without a rebuild: runs an image on the
# cycle-level model once per hardware description and prints a markdown table
# of the modeled figures, which never change a result (the script checks that
# every run predicts the same classes and equals the exact integer reference).
#
#   scripts/hw_sweep.sh [IMAGE.scimg] [SAMPLES]   (default out/mnist_mlp.scimg, 100)
#   BUFFERS="2 4 8" HOPS="1 2 4" scripts/hw_sweep.sh        router buffer x hop latency
#   BUFFERS="2 4 8" LINKS="4 16 64" scripts/hw_sweep.sh IMAGE
#       router buffer x chip-link latency (a board image: a 784-128-10 model, say)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=${SPIKECORE_BUILD_DIR:-build}/bin
IMAGE=${1:-out/mnist_mlp.scimg}
SAMPLES=${2:-100}
BUFFERS=${BUFFERS:-2 4 8}
LINKS=${LINKS:-}
HOPS=${HOPS:-1 2 4}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

die() { printf 'hw_sweep: error: %s\n' "$*" >&2; exit 1; }
[[ -x $BIN/spikecore-sim ]] || die "$BIN/spikecore-sim is missing; build first (scripts/test.sh)"
[[ -f $IMAGE ]] || die "$IMAGE not found; scripts/run.sh compiles the default one"
[[ $SAMPLES =~ ^[1-9][0-9]*$ ]] || die "SAMPLES must be a positive number, not '$SAMPLES'"

DIR=$(mktemp -d /tmp/spikecore-hw-sweep.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
if [[ -n $LINKS ]]; then
  SECOND=$LINKS LABEL="chip-link latency"
  echo "| router buffer (flits) | chip-link latency (cycles) | cycles / inference | NoC stall cycles / inference | chip-link stall cycles / inference | busiest chip edge utilisation |"
  echo "|---|---|---|---|---|---|"
else
  SECOND=$HOPS LABEL=hop
  echo "| router buffer (flits) | hop (cycles) | cycles / inference | NoC stall cycles / inference | latency / inference (us) |"
  echo "|---|---|---|---|---|"
fi
reference=""
for buffer in $BUFFERS; do
  for second in $SECOND; do
    hw=$DIR/hw_${buffer}_${second}.json
    # Each description names only the swept keys; the others keep their defaults.
    if [[ -n $LINKS ]]; then
      printf '{"microarchitecture": {"router_buffer_flits": %s}, "chip_links": {"latency_cycles": %s}}\n' \
        "$buffer" "$second" > "$hw"
    else
      printf '{"microarchitecture": {"router_buffer_flits": %s, "router_hop_cycles": %s}}\n' \
        "$buffer" "$second" > "$hw"
    fi
    "$BIN/spikecore-sim" --image "$IMAGE" --count "$SAMPLES" --jobs "$(nproc)" --hw "$hw" \
      --progress none --json "$DIR/r.json" > "$DIR/run.log" 2>&1 || { cat "$DIR/run.log" >&2; die "run failed"; }
    row=$(python3 - "$DIR/r.json" <<'PY' || die "buffer $buffer, $LABEL $second: a result changed"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
n = max(1, s["count"])
classes = ",".join(str(x["predicted"]) for x in d["samples"])
if s.get("exact_reference_mismatches") not in (0, None):
    sys.exit("%s samples' scores differ from the exact integer reference" % s["exact_reference_mismatches"])
links = s.get("chip_links", [])
link_stalls = sum(l["stall_cycles"] for l in links) / n
busiest = max((l["utilisation"] for l in links), default=0.0) * 100
print("%.1f|%.1f|%.2f|%.1f|%.2f|%s" % (
    s["cycles_per_inference_mean"], s["stall_cycles_per_inference_mean"],
    s["cycles_per_inference_mean"] / d["clock_mhz_modeled"], link_stalls, busiest, classes))
PY
)
    IFS='|' read -r cycles stalls latency link_stalls busiest classes <<< "$row"
    [[ -z $reference ]] && reference=$classes
    [[ $classes == "$reference" ]] || die "buffer $buffer, $LABEL $second changed a predicted class"
    if [[ -n $LINKS ]]; then
      echo "| $buffer | $second | $cycles | $stalls | $link_stalls | $busiest % |"
    else
      echo "| $buffer | $second | $cycles | $stalls | $latency |"
    fi
  done
done
echo
echo "($SAMPLES held-out digits of $IMAGE; every run predicted the same classes, with the exact integer reference's scores.)"
