#!/usr/bin/env bash
# Installs the build into a temporary prefix (cmake --install) and runs the
# installed spikecore-sim and spikecore-compile from another directory, with
# no SPIKECORE_* variables: the float reference library and the digits must be
# found in the prefix. Then builds the .deb (cpack), checks its contents and
# dependencies, unpacks it and runs the packaged spikecore-sim.
#
#   check_install.sh BUILD_DIR ARTIFACTS_DIR SOURCE_DIR
set -uo pipefail
build=$(cd "$1" && pwd) artifacts=$(cd "$2" && pwd) source=$(cd "$3" && pwd)
work=$(mktemp -d /tmp/spikecore-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { printf 'check_install: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'check_install: %s\n' "$*"; }
unset SPIKECORE_DATA_DIR SPIKECORE_LIB_DIR

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1 ||
  fail "cmake --install failed: $(tail -5 "$work/install.log")"
for f in bin/spikecore-sim bin/spikecore-compile bin/spikecore-train bin/spikecore-as \
         bin/spikecore-dis bin/spikecore-eval bin/spikecore-golden-run \
         lib/spikecore/libspikecore_float_top1.so share/spikecore/gtkwave/mnist_mlp.gtkw \
         share/doc/spikecore/README.md share/doc/spikecore/docs/simulator.md \
         share/spikecore/data/mnist/t10k-images-idx3-ubyte; do
  [[ -e $prefix/$f ]] || fail "$f is not installed"
done
leftovers=$(ls "$prefix/bin" | grep -v -E '^spikecore-(sim|compile|train|as|dis|eval|golden-run|sweep)$')
[[ -z $leftovers ]] || fail "bin/ holds programs that are not users' tools: $leftovers"
say "installed $(find "$prefix" -type f | wc -l) files into $prefix"

# From a directory without data/ or build/, by the installed paths alone.
elsewhere=$work/elsewhere
mkdir -p "$elsewhere"
cd "$elsewhere" || fail "cd $elsewhere"
"$prefix/bin/spikecore-sim" --version | grep -q '^spikecore-sim [0-9]' || fail "installed --version"
LD_DEBUG=files "$prefix/bin/spikecore-sim" --image "$artifacts/mnist_mlp.scimg" --count 20 \
  --backend golden --reference "$artifacts/mnist_mlp.pt" --min-agreement 90 --json r.json \
  --html r.html --progress none > sim.log 2> loader.log ||
  fail "the installed spikecore-sim failed: $(tail -5 sim.log) $(grep -v '^ *[0-9]*:' loader.log | tail -3)"
grep -q "file=$prefix/lib/spikecore/libspikecore_float_top1.so" loader.log ||
  fail "the float reference was not loaded from $prefix/lib/spikecore"
grep -q "\"images_path\": \"$prefix/share/spikecore/data/mnist/t10k-images" r.json ||
  fail "the digits were not read from $prefix/share/spikecore/data: $(grep -m1 images r.json)"
grep -q '^verdict: PASS' sim.log || fail "no PASS verdict: $(tail -3 sim.log)"
[[ -s r.html ]] || fail "no HTML report"
"$prefix/bin/spikecore-compile" "$artifacts/mnist_mlp.pt" -o m.scimg --calib-count 200 --timesteps 32 \
  --quiet > compile.log 2>&1 || fail "the installed spikecore-compile failed: $(tail -5 compile.log)"
[[ -s m.scimg ]] || fail "the installed spikecore-compile wrote no image"
say "installed spikecore-sim and spikecore-compile ran from $elsewhere"
if [[ -d $build/python/spikecore ]]; then  # the Python package, when it was built
  PYTHONPATH=$prefix/lib/python3/dist-packages /usr/bin/python3 -c "
import spikecore, sys
assert spikecore.bin_dir() == '$prefix/bin', spikecore.bin_dir()
assert spikecore.__file__.startswith('$prefix/'), spikecore.__file__
run = spikecore.simulate('$artifacts/mnist_mlp.scimg', count=5)
assert len(run.predicted) == 5 and run.spikes(0)
" > python.log 2>&1 || fail "the installed Python package failed: $(tail -5 python.log)"
  say "the installed Python package ran spikecore-sim from $prefix/bin"
fi

# The Debian package.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/deb" > "$work/cpack.log" 2>&1 ||
  fail "cpack failed: $(tail -5 "$work/cpack.log")"
deb=$(ls "$work"/deb/spikecore_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || fail "cpack wrote no .deb: $(tail -5 "$work/cpack.log")"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/spikecore-sim ./usr/lib/spikecore/libspikecore_float_top1.so \
         ./usr/share/spikecore/data/mnist/t10k-labels-idx1-ubyte ./usr/share/spikecore/gtkwave/mnist_mlp.gtkw; do
  grep -q " $f\$" <<< "$contents" || fail "$(basename "$deb") lacks $f"
done
grep -q 'spikecore-bench\|isa-tables' <<< "$contents" && fail "$(basename "$deb") ships internal programs"
depends=$(dpkg-deb -f "$deb" Depends)
grep -q 'libsystemc' <<< "$depends" || fail "the package does not depend on SystemC: '$depends'"
dpkg-deb -x "$deb" "$work/root" || fail "dpkg-deb -x"
"$work/root/usr/bin/spikecore-sim" --image "$artifacts/mnist_mlp.scimg" --count 5 --backend golden \
  --reference "$artifacts/mnist_mlp.pt" --progress none > deb_sim.log 2>&1 ||
  fail "the packaged spikecore-sim failed: $(tail -5 deb_sim.log)"
say "$(basename "$deb"): $(du -h "$deb" | cut -f1), Depends: $depends"
say "PASS"
