// Where a program finds its companions, in a build tree and once installed
// (cmake --install, the .deb): both put the programs in bin/ and the rest
// beside it, so every path is relative to the running executable's prefix.
//
//   build tree:  build/bin/spikecore-sim   build/lib/libspikecore_float_top1.so
//   installed:   PREFIX/bin/spikecore-sim  PREFIX/lib/spikecore/libspikecore_float_top1.so
//                PREFIX/share/spikecore/data/mnist/...
#pragma once

#include <string>

namespace spikecore {

// The directory above the one holding this executable (/proc/self/exe):
// build/ for build/bin/spikecore-sim, PREFIX for PREFIX/bin/spikecore-sim.
std::string executable_prefix();

// The installed data directory, PREFIX/share/spikecore/data.
std::string installed_data_directory();

// The plugin directories to try, in order: PREFIX/lib/spikecore (installed),
// then PREFIX/lib (the build tree).
std::string installed_library_directory();
std::string build_library_directory();

// Where to load the plugin `file` from: $SPIKECORE_LIB_DIR/file, else the
// installed directory's when it exists there, else the build tree's.
std::string plugin_library_path(const std::string& file);

}  // namespace spikecore
