#include "test_support.h"

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include "isa/assembler.h"

namespace spikecore::isa::test {
namespace {

class Random {
 public:
  explicit Random(uint32_t seed) : gen_(seed) {}
  int range(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen_); }
  bool chance(int percent) { return range(1, 100) <= percent; }

 private:
  std::mt19937 gen_;
};

std::string random_name(Random& r) {
  static const std::vector<std::string> pool{
      "fc1",           "fc2",         "layers.0",  "1",
      "input",         "out",         "",          "with space",
      "quote\"inside", "back\\slash", ".dotted",   "semi;colon",
      "eq=sign",       "col:on",      "tab\there", "\xc3\xa9t\xc3\xa9"};
  return pool[size_t(r.range(0, int(pool.size()) - 1))];
}

NeuronRef random_ref(Random& r, const ChipConfig& chip) {
  return NeuronRef{uint16_t(r.range(0, int(chip.num_cores()) - 1)), uint8_t(r.range(0, 63))};
}

// `distinct`: no neuron twice (host inputs and outputs must be; check()).
std::vector<NeuronRef> random_refs(Random& r, const ChipConfig& chip, int max,
                                   bool distinct = false) {
  std::vector<NeuronRef> refs;
  std::set<std::pair<unsigned, unsigned>> used;
  const int n = r.range(0, max);
  NeuronRef ref = random_ref(r, chip);
  for (int i = 0; i < n; ++i) {
    // Mostly consecutive runs (as a compiler makes), sometimes a jump.
    if (r.chance(20) || ref.slot == 63)
      ref = random_ref(r, chip);
    else
      ref.slot = uint8_t(ref.slot + 1);
    if (distinct && !used.insert({ref.core, ref.slot}).second) continue;
    refs.push_back(ref);
  }
  return refs;
}

Instruction random_instruction(Random& r, const ChipConfig& chip) {
  Instruction ins;
  switch (r.range(0, 3)) {
    case 0: {
      ins.op = Opcode::kAcc;
      const int cols = r.chance(30) ? 1 : r.range(1, 16);
      const int acc_base = r.range(0, 64 - cols);
      const int max_axons = std::min(256, 256 / cols);
      const int count = r.range(1, max_axons);
      ins.acc =
          AccFields{uint8_t(r.range(0, 256 - count)), uint16_t(count),
                    uint8_t(r.range(0, 256 - count * cols)), uint8_t(cols), uint8_t(acc_base)};
      break;
    }
    case 1: {
      ins.op = Opcode::kPsum;
      const int count = r.range(1, 64);
      ins.psum = PsumFields{uint8_t(r.range(0, 64 - count)), uint8_t(count),
                            uint8_t(r.range(0, int(chip.num_cores()) - 1)),
                            uint8_t(r.range(0, 64 - count))};
      break;
    }
    case 2: {
      ins.op = Opcode::kFire;
      const int count = r.range(1, 64);
      ins.fire = FireFields{uint8_t(r.range(0, 64 - count)), uint8_t(count)};
      break;
    }
    default: {
      ins.op = Opcode::kLeak;
      const int count = r.range(1, 64);
      ins.leak =
          LeakFields{uint8_t(r.range(0, 64 - count)), uint8_t(count), uint8_t(r.range(1, 15))};
      break;
    }
  }
  return ins;
}

RouteEntry random_route(Random& r, const ChipConfig& chip) {
  const int count = r.range(1, 64);
  return RouteEntry{uint8_t(r.range(0, 64 - count)), uint8_t(count),
                    uint8_t(r.range(0, int(chip.num_cores()) - 1)),
                    uint8_t(r.range(0, 256 - count))};
}

void random_core(Random& r, const ChipConfig& chip, CoreConfig& core) {
  core = CoreConfig{};  // a core may be drawn twice
  if (r.chance(70))
    for (auto& w : core.weights) w = r.chance(60) ? 0 : int8_t(r.range(-127, 127));
  const int program = r.chance(10) ? 16 : r.range(0, 8);
  uint64_t fired = 0;  // a slot may be covered by one FIRE only
  for (int i = 0; i < program; ++i) {
    Instruction ins = random_instruction(r, chip);
    if (ins.op == Opcode::kFire) {
      const uint64_t slots = (ins.fire.count == 64 ? ~0ull : ((1ull << ins.fire.count) - 1))
                             << ins.fire.neuron_base;
      if (fired & slots) {
        ins.op = Opcode::kLeak;
        ins.leak = LeakFields{ins.fire.neuron_base, ins.fire.count, uint8_t(r.range(1, 15))};
      }
      fired |= slots;
    }
    core.program.push_back(ins);
  }
  const int routes = r.chance(5) ? 32 : r.range(0, 4);
  for (int i = 0; i < routes; ++i) core.routes.push_back(random_route(r, chip));
  if (r.chance(70)) {
    NeuronParams p;
    for (auto& slot : core.neurons) {
      if (r.chance(30)) {  // runs of equal parameters, as a compiler makes
        p.threshold = int16_t(r.range(1, 32767));
        p.bias = int16_t(r.range(-32768, 32767));
        p.bias_start = uint8_t(r.chance(70) ? 0 : r.range(0, 255));
        p.initial_potential = int16_t(r.chance(70) ? 0 : r.range(-32768, 32767));
      }
      slot = p;
    }
  }
}

// Halves weights until no accumulator can overflow (random routes can
// concentrate many deliveries on one axon).
void fit_accumulator_bound(ChipConfig& chip) {
  for (int round = 0; round < 8 && !check(chip).empty(); ++round)
    for (CoreConfig& core : chip.cores)
      for (auto& w : core.weights) w = int8_t(w / 2);
}

}  // namespace

ChipConfig random_chip(uint32_t seed) {
  Random r(seed);
  static const std::pair<int, int> meshes[] = {{16, 8}, {4, 4}, {3, 5}, {1, 1}, {16, 16}, {7, 1}};
  const auto [w, h] = meshes[r.range(0, 5)];
  ChipConfig chip = make_empty_chip(unsigned(w), unsigned(h));
  const int used = r.range(0, std::min<int>(12, int(chip.num_cores())));
  for (int i = 0; i < used; ++i)
    random_core(r, chip, chip.cores[size_t(r.range(0, int(chip.num_cores()) - 1))]);
  fit_accumulator_bound(chip);

  HostConfig& host = chip.host;
  host.model_name = random_name(r);
  host.default_timesteps = uint16_t(r.range(0, 65535));
  host.inputs = random_refs(r, chip, 100, /*distinct=*/true);
  host.outputs = random_refs(r, chip, 12, /*distinct=*/true);
  const int layers = r.range(0, 4);
  for (int i = 0; i < layers; ++i)
    host.layers.push_back(LayerInfo{random_name(r) + std::to_string(i),
                                    static_cast<LayerRole>(r.range(0, 2)),
                                    random_refs(r, chip, 70)});
  const int refs = r.range(0, 3);
  uint32_t inputs = uint32_t(r.range(0, 40));
  for (int i = 0; i < refs; ++i) {
    ReferenceLayer l;
    l.name = "ref" + std::to_string(i) + random_name(r);
    l.inputs = inputs;
    l.outputs = uint32_t(r.range(0, 40));
    l.threshold = int16_t(r.range(1, 32767));
    for (size_t k = 0; k < size_t(l.inputs) * l.outputs; ++k)
      l.weights.push_back(int8_t(r.range(-127, 127)));
    for (uint32_t k = 0; k < l.outputs; ++k) l.bias.push_back(int16_t(r.range(-32768, 32767)));
    inputs = l.outputs;
    host.reference.push_back(std::move(l));
  }
  if (auto problems = check(chip); !problems.empty())
    throw std::logic_error("random_chip(" + std::to_string(seed) +
                           ") made an invalid chip: " + problems.front());
  return chip;
}

std::string data_path(const std::string& name) {
  return std::string(SPIKECORE_SOURCE_DIR) + "/tests/isa/data/" + name;
}

ChipConfig tiny_chip() { return assemble_file(data_path("tiny_2_2_2.s")); }

TempDir::TempDir() {
  std::string pattern = "/tmp/spikecore-isa-test-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

std::vector<std::string> TempDir::list() const {
  std::vector<std::string> names;
  if (DIR* d = opendir(path_.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TempDir::~TempDir() {
  for (const std::string& n : list()) std::remove(file(n).c_str());
  rmdir(path_.c_str());
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

int run_command(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

std::string tool(const std::string& name) {
  // Users' tools are in bin/, developers' programs (the table generator) in libexec/.
  const char* dir = name == "spikecore-isa-tables" ? "/libexec/" : "/bin/";
  return std::string(SPIKECORE_BINARY_DIR) + dir + name;
}

}  // namespace spikecore::isa::test
