#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang (-fsanitize=fuzzer,
# address,undefined; the libraries under test instrumented too) in build-fuzz/
# and runs each for a bounded time, one after the other. Crashing inputs are
# saved under build-fuzz/crashes/<harness>/; after fixing the bug, copy the
# input to fuzz/regressions/<harness>/ so the ctest replay keeps it fixed.
# Idempotent: installs clang and its sanitizer runtimes only when missing
# (needs root then), and rebuilds only what changed.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]   (default 60 s for each harness)
#
# Seeds come from fuzz/corpus/<harness>/ and fuzz/regressions/<harness>/
# (read only); what the fuzzer finds new goes to build-fuzz/corpus/<harness>/,
# so later runs start from there. Logs: build-fuzz/logs/<harness>.log.
# Exit status: 0 when no harness crashed, 1 otherwise.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SECONDS_EACH=${1:-60}
shift || true
BUILD_DIR=${SPIKECORE_FUZZ_BUILD_DIR:-build-fuzz}
HARNESSES=("$@")
if ((${#HARNESSES[@]} == 0)); then
  HARNESSES=(assembler image_reader idx_reader sim_options torchscript_import)
fi
PACKAGES=(clang libclang-rt-14-dev)

say() { printf 'fuzz: %s\n' "$*"; }
die() { printf 'fuzz: error: %s\n' "$*" >&2; exit 2; }

[[ $SECONDS_EACH =~ ^[0-9]+$ && $SECONDS_EACH -gt 0 ]] ||
  die "SECONDS must be a whole number > 0, got '$SECONDS_EACH'"

install_clang() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null) == "ii " ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return
  [[ $(id -u) -eq 0 ]] || die "missing packages: ${missing[*]}; run as root or install them"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null
}

# The torch harness needs LibTorch; without it the others still build.
with_torch() { [[ $(dpkg-query -W -f='${db:Status-Abbrev}' libtorch-dev 2>/dev/null) == "ii " ]]; }

build() {
  local torch=OFF targets=() h
  with_torch && torch=ON
  say "configuring $BUILD_DIR/ (clang, libFuzzer + ASan + UBSan, LibTorch $torch)"
  CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DSPIKECORE_FUZZ=ON \
    -DSPIKECORE_WITH_TORCH=$torch >/dev/null
  for h in "${HARNESSES[@]}"; do
    if [[ $h == torchscript_import && $torch == OFF ]]; then
      say "skipping torchscript_import: LibTorch is not installed"
      continue
    fi
    targets+=("fuzz_$h")
  done
  say "building ${targets[*]}"
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${targets[@]}"
}

# Per-harness libFuzzer flags beyond the common ones.
harness_flags() {
  case $1 in
    assembler) echo "-dict=fuzz/dict/assembler.dict -max_len=8192" ;;
    sim_options) echo "-dict=fuzz/dict/sim_options.dict -max_len=1024" ;;
    idx_reader) echo "-max_len=4096" ;;
    image_reader) echo "-max_len=32768" ;;
    # LeakSanitizer finds leaks inside libtorch_cpu itself (uninstrumented,
    # not ours to fix) on some malformed archives. The importer forks to
    # contain LibTorch's own crashes, and clang 14's ASan allocator is not
    # fork-safe while libFuzzer's RSS-watch thread runs (a child hung once),
    # so that thread is off and -malloc_limit_mb bounds memory instead.
    # LibTorch's unpickler alone takes up to ~9 s (and GBs) on some 5 KB files.
    torchscript_import) echo "-detect_leaks=0 -max_len=24576 -rss_limit_mb=0 -malloc_limit_mb=4096 -timeout=30" ;;
  esac
}

run_one() {
  local h=$1 binary=$BUILD_DIR/fuzz/fuzz_$1
  local corpus=$BUILD_DIR/corpus/$h crashes=$BUILD_DIR/crashes/$h log=$BUILD_DIR/logs/$h.log
  local seeds=("fuzz/corpus/$h")
  [[ -d fuzz/regressions/$h ]] && seeds+=("fuzz/regressions/$h")
  # Test data that seeds a harness in place (fuzz/CMakeLists.txt, SEED_DIRS).
  [[ $h == assembler ]] && seeds+=("tests/isa/data")
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  say "$h: fuzzing for $SECONDS_EACH s (log $log)"
  local status=0
  # LibTorch leaks at exit too; only that harness runs without LeakSanitizer.
  local asan_options=${ASAN_OPTIONS:-}
  [[ $h == torchscript_import ]] && asan_options=detect_leaks=0${asan_options:+:$asan_options}
  # shellcheck disable=SC2046  # harness_flags is a list of flags
  ASAN_OPTIONS=$asan_options "$binary" "$corpus" "${seeds[@]}" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" $(harness_flags "$h") >"$log" 2>&1 || status=$?
  local execs cov
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if ((status != 0)); then
    say "$h: CRASH after ${execs:-?} executions, cov ${cov:-?}; input saved under $crashes/:"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: |.*runtime error)' "$log" | head -5 >&2 || true
    # The one input that crashed the harness (the torch importer's child
    # processes may leave inputs of crashes they contained there too).
    grep -o 'Test unit written to .*' "$log" | tail -1 >&2 || true
    return 1
  fi
  say "$h: ok, ${execs:-?} executions, cov ${cov:-?}, corpus $(find "$corpus" -type f | wc -l) files"
}

install_clang
build
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for h in "${HARNESSES[@]}"; do
  [[ -x $BUILD_DIR/fuzz/fuzz_$h ]] || continue
  run_one "$h" || failed+=("$h")
done
if ((${#failed[@]})); then
  say "crashes in: ${failed[*]}"
  exit 1
fi
say "no crashes"
