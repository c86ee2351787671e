// How much a zip archive (a TorchScript .pt file is one) inflates to, read
// from its central directory without inflating anything: LibTorch allocates
// each record at the size the directory claims, so a few megabytes of
// deflated zeros can make it allocate gigabytes. Every tool that loads a
// model checks the claim against one bound first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace spikecore {

// 256 MiB: one chip holds 32 KiB of weights, and a real MLP or small CNN
// archive is well under 10 MiB.
constexpr uint64_t kMaxModelArchiveBytes = uint64_t(256) << 20;

struct ZipInflation {
  uint64_t total_bytes = 0;     // sum of the entries' uncompressed sizes
  std::string largest_entry;    // its name, for the message
  uint64_t largest_bytes = 0;
};

// nullopt when `path` is not a zip archive (no end-of-directory record): the
// loader then says what the file is. Throws std::runtime_error naming the file
// when the directory is damaged.
std::optional<ZipInflation> zip_inflation(const std::string& path);

// Throws std::runtime_error "PATH: the archive inflates to X MiB (largest
// entry NAME, Y MiB), more than the Z MiB a model may take" when it does.
void require_model_archive_within_bound(const std::string& path,
                                        uint64_t max_bytes = kMaxModelArchiveBytes);

}  // namespace spikecore
