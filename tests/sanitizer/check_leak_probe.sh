#!/usr/bin/env bash
# Runs a leak probe of the sanitizer build and checks what LeakSanitizer did
# at exit (tests/sanitizer/CMakeLists.txt).
#   check_leak_probe.sh PROBE leak|leak-in-method
#                                       the leak is reported, with its function,
#                                       and LeakSanitizer itself did not fail
#   check_leak_probe.sh PROBE no-leak   exit 0, no report, and LeakSanitizer
#                                       scanned the main stack from inside it
set -uo pipefail
probe=$1 mode=$2
# verbosity + log_threads make LeakSanitizer print the stack range it scans.
out=$(ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=verbosity=1:log_threads=1 \
      SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$probe" "$mode" 2>&1)
status=$?
fail() { printf '%s\n--- probe output (exit %d) ---\n%s\n' "$*" "$status" "$out" >&2; exit 1; }

grep -q 'LeakSanitizer has encountered a fatal error\|Tracer caught signal' <<<"$out" &&
  fail "LeakSanitizer's own check failed"
grep -q 'Processing thread' <<<"$out" || fail "LeakSanitizer did not run its check at exit"
grep -q 'stack pointer not in stack range' <<<"$out" &&
  fail "ASan had a wrong stack range for the main thread at exit"
case $mode in
  leak | leak-in-method)
    grep -q 'ERROR: LeakSanitizer: detected memory leaks' <<<"$out" || fail "no leak reported"
    grep -q 'leak_on_purpose' <<<"$out" || fail "the report does not name leak_on_purpose"
    ((status != 0)) || fail "a reported leak must fail the process"
    ;;
  no-leak)
    grep -q 'detected memory leaks' <<<"$out" && fail "a leak was reported where there is none"
    ((status == 0)) || fail "the probe failed"
    ;;
  *) echo "usage: $0 PROBE leak|leak-in-method|no-leak" >&2; exit 2 ;;
esac
echo "ok: $(basename "$probe") $mode"
