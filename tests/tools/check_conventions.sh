#!/usr/bin/env bash
# The conventions every tool keeps (issue #18): `TOOL --version` prints
# "TOOL X.Y.Z (git COMMIT)" and exits 0, and `TOOL --help` never shows the
# SystemC copyright banner, even when SYSTEMC_DISABLE_COPYRIGHT_MESSAGE is unset.
#
#   check_conventions.sh BIN_DIR TOOL...
set -uo pipefail
bin=$1; shift
failures=0
fail() { printf 'conventions: %s\n' "$*" >&2; failures=$((failures + 1)); }
for tool in "$@"; do
  exe=$bin/$tool
  [[ -x $exe ]] || { fail "$exe: not built"; continue; }
  out=$(env -u SYSTEMC_DISABLE_COPYRIGHT_MESSAGE "$exe" --version 2>&1); status=$?
  ((status == 0)) || fail "$tool --version exited with status $status"
  [[ $out =~ ^$tool\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ [0-9a-f]{7,}(-modified)?\)$ ||
     $out =~ ^$tool\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ unknown\)$ ]] ||
    fail "$tool --version printed '$out'"
  help=$(env -u SYSTEMC_DISABLE_COPYRIGHT_MESSAGE "$exe" --help 2>&1)
  [[ $help == *"Copyright (c)"* || $help == *"SystemC 2."* ]] && fail "$tool --help prints the SystemC banner"
  [[ $help == *"--version"* || $tool == spikecore-bench-* ]] || fail "$tool --help does not list --version"
done
((failures == 0)) && echo "conventions: $# tools checked"
exit $((failures != 0))
