// Helpers for the compiler tests: TorchScript models generated at test time by
// Debian's python3-torch (make_model.py), data availability, temp dirs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/pipeline.h"
#include "isa/chip_config.h"

namespace spikecore::compiler::testing {

// Writes (or reuses, when up to date) a model made by make_model.py with the
// given arguments under the build tree. nullopt with a reason in *skip when
// /usr/bin/python3 has no torch; a failed generation is a test failure
// (ADD_FAILURE) and also returns nullopt.
std::optional<std::string> make_model(const std::string& name, const std::string& args,
                                      std::string* skip);

// In a test body: `var` is the path of make_model(name, args); the test is
// skipped when python3-torch is missing and returns when generation failed.
#define MAKE_MODEL_OR_SKIP(var, name, args)                                              \
  std::string skip_##var;                                                                \
  const auto var = ::spikecore::compiler::testing::make_model(name, args, &skip_##var);  \
  if (!var) {                                                                            \
    if (!skip_##var.empty()) GTEST_SKIP() << skip_##var;                                 \
    return;                                                                              \
  }

// True when data/mnist (scripts/setup.sh) is readable; else *skip says why.
bool have_mnist(std::string* skip);

// A fresh empty directory under the build tree, unique to this test process.
std::string temp_dir(const std::string& name);

// Options for fast compilations in tests (small calibration, fixed T).
CompileOptions fast_options(const std::string& model_path = "");

// A deterministic MLP graph (as canonicalize would leave it) with pseudo-random
// weights: input -> host.flatten -> linear/relu ... -> linear.
Graph synthetic_mlp(const std::vector<unsigned>& widths, uint32_t seed);

// The golden model at T steps on the first `digits` held-out MNIST digits,
// against LibTorch's top-1 of `model`.
// make_model.py arguments that train on the first 7000 MNIST training digits
// for 6 epochs (the next 1000 are the compiler's validation digits for its
// choice of T, dataset::validation_begin).
std::string mnist_training_args();

// The options of `spikecore-compile MODEL -o IMAGE` (every default), the
// image in a fresh temp_dir(name).
CompileOptions default_compile_options(const std::string& model, const std::string& name);

struct HeldOutAgreement {
  unsigned digits = 0, agree = 0, float_correct = 0, chip_correct = 0;
  double agreement() const { return digits ? double(agree) / digits : 0.0; }
  double float_accuracy() const { return digits ? double(float_correct) / digits : 0.0; }
  double chip_accuracy() const { return digits ? double(chip_correct) / digits : 0.0; }
};
// The first `digits` test images of `dataset` (mnist or fashion-mnist).
HeldOutAgreement held_out_agreement(const std::string& image, const std::string& model,
                                    unsigned timesteps, unsigned digits,
                                    const std::string& dataset = "mnist");

// CONV instructions in all of the chip's core programs.
unsigned conv_instructions(const isa::ChipConfig& chip);

// Runs a shell command; returns its exit status and stdout+stderr.
int run_command(const std::string& command, std::string* output);

}  // namespace spikecore::compiler::testing
