#include "test_support.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include <unistd.h>
#include <sys/wait.h>

#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/image.h"
#include "torchref/torch_reference.h"

namespace fs = std::filesystem;

namespace spikecore::compiler::testing {
namespace {

constexpr int kExitNoTorch = 3;  // make_model.py: torch is not importable

std::string model_dir() {
  const fs::path dir = fs::path(SPIKECORE_BINARY_DIR) / "test-models" / "compiler";
  fs::create_directories(dir);
  return dir.string();
}

std::string script() { return std::string(SPIKECORE_SOURCE_DIR) + "/tests/compiler/make_model.py"; }

}  // namespace

int run_command(const std::string& command, std::string* output) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<std::string> make_model(const std::string& name, const std::string& args,
                                      std::string* skip) {
  if (!fs::exists("/usr/bin/python3")) {
    *skip = "/usr/bin/python3 is missing (Debian's python3-torch makes the test models)";
    return std::nullopt;
  }
  const std::string path = model_dir() + "/" + name + ".pt";
  // Reuse a model made by the same script version with the same arguments
  // (kept next to it); regenerate otherwise.
  const std::string args_path = path + ".args";
  auto recorded_args = [&] {
    std::ifstream in(args_path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  if (fs::exists(path) && fs::last_write_time(path) >= fs::last_write_time(script()) &&
      recorded_args() == args)
    return path;
  // Unique temporary name, then rename: tests may run in parallel.
  const std::string tmp = model_dir() + "/" + name + ".tmp" + std::to_string(::getpid()) + ".pt";
  std::string out;
  // The custom module's source goes straight to its final name: the archive
  // records that path, and diagnostics point at it.
  const std::string source = model_dir() + "/" + name + "_model.py";
  const int rc = run_command(
      "/usr/bin/python3 " + script() + " " + tmp + " --module-file " + source + " " + args, &out);
  if (rc == kExitNoTorch) {
    *skip = "/usr/bin/python3 cannot import torch (install python3-torch)";
    return std::nullopt;
  }
  if (rc != 0) {
    ADD_FAILURE() << "make_model.py " << args << " failed (" << rc << "):\n" << out;
    return std::nullopt;
  }
  fs::rename(tmp, path);
  const std::string args_tmp = args_path + ".tmp" + std::to_string(::getpid());
  std::ofstream(args_tmp) << args;
  fs::rename(args_tmp, args_path);
  return path;
}

bool have_mnist(std::string* skip) {
  try {
    dataset::load("mnist", "train");
    dataset::load("mnist", "test");
    return true;
  } catch (const std::exception& e) {
    *skip = std::string("MNIST not available (run scripts/setup.sh): ") + e.what();
    return false;
  }
}

std::string temp_dir(const std::string& name) {
  const fs::path dir = fs::path(SPIKECORE_BINARY_DIR) / "test-tmp" /
                       ("compiler-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string mnist_training_args() {
  return std::string(" --train-data ") + SPIKECORE_SOURCE_DIR + "/data --train-count 7000 --epochs 6";
}

CompileOptions default_compile_options(const std::string& model, const std::string& name) {
  CompileOptions o;
  o.model_path = model;
  o.image_path = temp_dir(name) + "/model.scimg";
  return o;
}

CompileOptions fast_options(const std::string& model_path) {
  CompileOptions o;
  o.model_path = model_path;
  o.calib_count = 300;
  o.eval_count = 200;
  o.timestep_samples = 100;
  o.timesteps = 16;
  o.placement_effort = 10;
  return o;
}

Graph synthetic_mlp(const std::vector<unsigned>& widths, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  Graph g;
  Node input;
  input.kind = OpKind::kInput;
  input.name = "input";
  input.shape = {1, 28, 28};
  int prev = g.add(input).id;
  Node flat;
  flat.kind = OpKind::kHostFlatten;
  flat.name = "pixels";
  flat.inputs = {prev};
  flat.shape = {int64_t(widths[0])};
  prev = g.add(flat).id;
  for (size_t l = 0; l + 1 < widths.size(); ++l) {
    Node lin;
    lin.kind = OpKind::kLinear;
    lin.layer = "fc" + std::to_string(l + 1);
    lin.name = lin.layer;
    lin.op = "aten::linear";
    lin.inputs = {prev};
    lin.weight.shape = {int64_t(widths[l + 1]), int64_t(widths[l])};
    const float scale = 1.0f / std::sqrt(float(widths[l]));
    for (unsigned i = 0; i < widths[l] * widths[l + 1]; ++i)
      lin.weight.data.push_back(normal(rng) * scale);
    lin.bias.shape = {int64_t(widths[l + 1])};
    for (unsigned i = 0; i < widths[l + 1]; ++i) lin.bias.data.push_back(0.05f * normal(rng));
    lin.shape = {int64_t(widths[l + 1])};
    prev = g.add(lin).id;
    if (l + 2 < widths.size()) {
      Node relu;
      relu.kind = OpKind::kRelu;
      relu.name = lin.layer + ".relu";
      relu.inputs = {prev};
      relu.shape = lin.shape;
      prev = g.add(relu).id;
    }
  }
  g.output = prev;
  return g;
}

unsigned conv_instructions(const isa::ChipConfig& chip) {
  unsigned convs = 0;
  for (const isa::CoreConfig& core : chip.cores)
    for (const isa::Instruction& ins : core.program) convs += ins.op == isa::Opcode::kConv;
  return convs;
}

HeldOutAgreement held_out_agreement(const std::string& image, const std::string& model,
                                    unsigned timesteps, unsigned digits,
                                    const std::string& dataset) {
  const isa::ChipConfig chip = isa::load_image(image);
  const dataset::Dataset test = dataset::load(dataset, "test", "", digits);
  HeldOutAgreement out;
  out.digits = unsigned(test.size());
  const auto ref = torchref::TorchReference(model).run(test.images.pixels.data(), out.digits);
  golden::GoldenModel golden(chip);
  golden::RunResult r;
  for (unsigned i = 0; i < out.digits; ++i) {
    golden.run(test.images.image(i), timesteps, r);
    out.agree += r.predicted_class == ref.top1[i];
    out.float_correct += ref.top1[i] == test.labels[i];
    out.chip_correct += r.predicted_class == test.labels[i];
  }
  return out;
}

}  // namespace spikecore::compiler::testing
