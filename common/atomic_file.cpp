#include "common/atomic_file.h"

#include "common/pending_output.h"

namespace spikecore {

void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::string& kind) {
  PendingOutput out(path, "", kind);
  out.write(bytes.data(), bytes.size());
  out.commit();
}

}  // namespace spikecore
