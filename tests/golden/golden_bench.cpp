// golden_bench: inferences/s of the golden model on a seeded random layered
// network (default 784-32-10, T = 32) with digit-like random images.
//   golden_bench [--layers 784,32,10] [--steps 32] [--inferences 5000]
//                [--tile-cols 32] [--ink 0.19] [--seed 1] [--rounds 5]
//                [--idx IMAGES.idx[.gz]]   (real images instead of random ones)
// Runs `rounds` timed rounds and reports the fastest (the least disturbed by
// other processes on a shared machine) next to the slowest.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>

#include "dataset/dataset.h"
#include "random_chips.h"
#include "throughput.h"

namespace {

using namespace spikecore::golden;
using namespace spikecore::golden::testing;

struct Options {
  RandomMlpOptions mlp;
  unsigned steps = 32, inferences = 5000, seed = 1, rounds = 5;
  double ink = 0.19;
  std::string idx;
};

std::vector<unsigned> parse_layers(const std::string& text) {
  std::vector<unsigned> layers;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, ',');) layers.push_back(unsigned(std::stoul(item)));
  return layers;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "--help") {
      std::puts("golden_bench [--layers 784,32,10] [--steps 32] [--inferences 5000] "
                "[--tile-cols 32] [--ink 0.19] [--seed 1] [--rounds 5] [--idx IMAGES.idx]");
      std::exit(0);
    }
    if (i + 1 >= argc) throw std::invalid_argument("option " + key + " needs a value");
    const std::string value = argv[++i];
    if (key == "--layers") o.mlp.layers = parse_layers(value);
    else if (key == "--steps") o.steps = unsigned(std::stoul(value));
    else if (key == "--inferences") o.inferences = unsigned(std::stoul(value));
    else if (key == "--tile-cols") o.mlp.max_tile_cols = unsigned(std::stoul(value));
    else if (key == "--ink") o.ink = std::stod(value);
    else if (key == "--seed") o.seed = unsigned(std::stoul(value));
    else if (key == "--rounds") o.rounds = unsigned(std::stoul(value));
    else if (key == "--idx") o.idx = value;
    else throw std::invalid_argument("unknown option " + key + " (see --help)");
  }
  if (o.inferences == 0 || o.rounds == 0)
    throw std::invalid_argument("--inferences and --rounds must be >= 1");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const spikecore::isa::ChipConfig chip = random_mlp_chip(o.seed, o.mlp);
    unsigned used = 0;
    for (const auto& core : chip.cores) used += core.used();
    std::vector<std::vector<uint8_t>> images;
    if (o.idx.empty()) {
      for (uint32_t i = 0; i < 100; ++i)
        images.push_back(random_pixels(o.seed * 1000 + i, o.mlp.layers.front(), o.ink));
    } else {
      const spikecore::dataset::Images idx = spikecore::dataset::read_idx_images(o.idx);
      if (idx.image_size() != o.mlp.layers.front())
        throw std::invalid_argument(o.idx + ": images have " + std::to_string(idx.image_size()) +
                                    " pixels, the network " + std::to_string(o.mlp.layers.front()) +
                                    " inputs");
      for (uint32_t i = 0; i < 100 && i < idx.count; ++i)
        images.emplace_back(idx.image(i), idx.image(i) + idx.image_size());
    }
    GoldenModel model(chip);
    std::printf("network:");
    for (unsigned n : o.mlp.layers) std::printf(" %u", n);
    std::printf(" on %u cores (tile columns <= %u), inputs: ", used, o.mlp.max_tile_cols);
    if (o.idx.empty()) std::printf("random digit-like images, ink %.2f\n", o.ink);
    else std::printf("first %zu images of %s\n", images.size(), o.idx.c_str());
    Throughput best, worst;
    for (unsigned round = 0; round < o.rounds; ++round) {
      const Throughput t = measure_throughput(model, images, o.steps, o.inferences);
      if (round == 0 || t.seconds < best.seconds) best = t;
      if (round == 0 || t.seconds > worst.seconds) worst = t;
    }
    std::printf("fastest of %u rounds (slowest: %.0f inferences/s):\n", o.rounds,
                worst.inferences_per_second());
    print_throughput(best, o.steps);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "golden_bench: error: %s\n", e.what());
    return 1;
  }
}
