#!/usr/bin/env bash
# Renders a VCD (with its .gtkw layout) to a PNG without a display, for docs
# and reports:  scripts/gtkwave_snapshot.sh traces/run.vcd docs/img/trace.png
set -euo pipefail
vcd=${1:?usage: gtkwave_snapshot.sh TRACE.vcd OUT.png}
png=${2:?usage: gtkwave_snapshot.sh TRACE.vcd OUT.png}
gtkw=${vcd%.vcd}.gtkw
[[ -f $vcd ]] || { echo "gtkwave_snapshot: no such trace: $vcd" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "gtkwave_snapshot: xvfb-run missing (run scripts/setup.sh)" >&2; exit 1; }
tcl=$(mktemp --suffix=.tcl)
trap 'rm -f "$tcl"' EXIT
out_abs=$(realpath -m "$png")
cat > "$tcl" <<TCL
gtkwave::/Time/Zoom/Zoom_Full
gtkwave::/File/Grab_To_File $out_abs
gtkwave::/File/Quit
TCL
args=(--rcvar 'hide_sst on' -S "$tcl" "$vcd")
[[ -f $gtkw ]] && args+=("$gtkw")
xvfb-run -a -s "-screen 0 1600x900x24" gtkwave "${args[@]}" >/dev/null 2>&1
[[ -s $png ]] || { echo "gtkwave_snapshot: gtkwave wrote no picture" >&2; exit 1; }
echo "$png"
