#!/usr/bin/env bash
# Renders a PNG of a SpikeCore trace with gtkwave, headless (xvfb).
#   traces/render_trace_png.sh TRACE.vcd TRACE.gtkw OUT.png START_NS END_NS
# START_NS/END_NS: the time range to show (platform_trace_example prints it).
set -euo pipefail
if [[ $# -ne 5 ]]; then
  echo "usage: $0 TRACE.vcd TRACE.gtkw OUT.png START_NS END_NS" >&2
  exit 2
fi
vcd=$(realpath "$1"); gtkw=$(realpath "$2"); png=$(realpath -m "$3"); start=$4; end=$5
script=$(mktemp --suffix=.tcl)
trap 'rm -f "$script"' EXIT
cat > "$script" <<TCL
gtkwave::setZoomRangeTimes $start $end
gtkwave::/File/Grab_To_File $png
gtkwave::/File/Quit
TCL
cd "$(dirname "$vcd")"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  gtkwave --rcvar 'hide_sst on' -S "$script" "$vcd" "$gtkw" > /dev/null 2>&1
[[ -s $png ]] || { echo "gtkwave wrote no picture to $png" >&2; exit 1; }
echo "wrote $png"
