#!/usr/bin/env bash
# The conventions every program keeps (issue #18): `TOOL --version` prints
# "TOOL X.Y.Z (git COMMIT)" and exits 0, and `TOOL --help` never shows the
# SystemC copyright banner, even when SYSTEMC_DISABLE_COPYRIGHT_MESSAGE is unset.
# A user's tool also lists --version and its exit statuses in --help and lives
# in BIN_DIR; an internal program (benchmarks, doc generators) must not.
#
#   check_conventions.sh BIN_DIR user=PATH... internal=PATH...
set -uo pipefail
bin=$1; shift
failures=0
fail() { printf 'conventions: %s\n' "$*" >&2; failures=$((failures + 1)); }
for entry in "$@"; do
  kind=${entry%%=*} exe=${entry#*=}
  tool=$(basename "$exe")
  [[ -x $exe ]] || { fail "$exe: not built"; continue; }
  out=$(env -u SYSTEMC_DISABLE_COPYRIGHT_MESSAGE "$exe" --version 2>&1); status=$?
  ((status == 0)) || fail "$tool --version exited with status $status"
  [[ $out =~ ^$tool\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ [0-9a-f]{7,}(-modified)?\)$ ||
     $out =~ ^$tool\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ unknown\)$ ]] ||
    fail "$tool --version printed '$out'"
  help=$(env -u SYSTEMC_DISABLE_COPYRIGHT_MESSAGE "$exe" --help 2>&1)
  [[ $help == *"Copyright (c)"* || $help == *"SystemC 2."* ]] && fail "$tool --help prints the SystemC banner"
  if [[ $kind == user ]]; then
    [[ $(dirname "$exe") -ef $bin ]] || fail "$tool is a user's tool but is not in $bin"
    [[ $help == *"--version"* ]] || fail "$tool --help does not list --version"
    [[ $help == *"Exit status: 0 "*" 1 "*" 2 "* ]] || fail "$tool --help does not list its exit statuses (0, 1, 2)"
  else
    [[ -e $bin/$tool ]] && fail "$tool is internal but is in the users' $bin"
  fi
done
((failures == 0)) && echo "conventions: $# programs checked"
exit $((failures != 0))
