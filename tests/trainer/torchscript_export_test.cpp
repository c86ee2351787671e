// The exported TorchScript file: C++ torch::jit::load and Debian's Python torch
// both read it and reproduce the trained network's outputs, with the layer names
// and the flatten/linear/relu graph the compiler relies on.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/dataset/test_support.h"
#include "tests/trainer/synthetic_digits.h"
#include "trainer/mlp_trainer.h"
#include "trainer/torchscript_eval.h"

namespace spikecore::trainer {
namespace {

using dataset::testing::TempDir;

constexpr const char* kPython = "/usr/bin/python3";

// Reads the model and raw uint8 images, applies the input contract, writes JSON.
constexpr const char* kPythonScript = R"(import json, sys
import torch
model_path, images_path, count, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
extra = {"spikecore.json": ""}
model = torch.jit.load(model_path, _extra_files=extra)
model.eval()
with open(images_path, "rb") as f:
    pixels = torch.tensor(list(f.read()), dtype=torch.uint8)
x = pixels.reshape(count, 1, 28, 28).to(torch.float32) / 255
with torch.no_grad():
    scores = model(x)
frozen = torch.jit.freeze(model)
metadata = extra["spikecore.json"]
json.dump({
    "parameters": [name for name, _ in model.named_parameters()],
    "aten_ops": sorted({n.kind() for n in frozen.graph.nodes() if n.kind().startswith("aten::")}),
    "shape": list(scores.shape),
    "scores": scores.flatten().tolist(),
    "metadata": metadata.decode() if isinstance(metadata, bytes) else metadata,
}, open(out_path, "w"))
)";

struct ExportedModel {
  TempDir dir;
  dataset::Dataset data = testing::synthetic_digits(40, 9);
  Mlp mlp;
  std::string path = dir.file("model.pt");

  ExportedModel() {
    TrainOptions options;
    options.hidden = {24, 12};
    options.epochs = 1;
    options.seed = 3;
    mlp = train_mlp(data, nullptr, options);
    export_torchscript(mlp, path, R"({"producer": "trainer_tests"})");
  }
};

void expect_close(const std::vector<float>& actual, const std::vector<float>& expected, double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    ASSERT_NEAR(actual[i], expected[i], tolerance) << "score " << i % 10 << " of sample " << i / 10;
  }
}

TEST(TorchScriptExport, CxxLoadReproducesTrainedOutputs) {
  ExportedModel model;
  const std::vector<float> trained = mlp_scores(model.mlp, model.data.images);
  ASSERT_EQ(trained.size(), 400u);
  expect_close(torchscript_scores(model.path, model.data.images), trained, 1e-6);
}

TEST(TorchScriptExport, PythonLoadsItWithLayerNamesAndSameOutputs) {
  ASSERT_EQ(std::system((std::string("test -x ") + kPython).c_str()), 0)
      << kPython << " is missing; scripts/setup.sh installs python3-torch";
  ExportedModel model;
  const std::string script = model.dir.file("check_export.py");
  const std::string images = model.dir.file("images.u8");
  const std::string result = model.dir.file("result.json");
  std::ofstream(script) << kPythonScript;
  std::ofstream(images, std::ios::binary)
      .write(reinterpret_cast<const char*>(model.data.images.pixels.data()),
             std::streamsize(model.data.images.pixels.size()));
  const std::string command = std::string(kPython) + " " + script + " " + model.path + " " + images + " " +
                              std::to_string(model.data.size()) + " " + result + " 2>" + model.dir.file("stderr");
  ASSERT_EQ(std::system(command.c_str()), 0)
      << command << "\n" << std::ifstream(model.dir.file("stderr")).rdbuf();

  const nlohmann::json out = nlohmann::json::parse(std::ifstream(result));
  EXPECT_EQ(out.at("parameters").get<std::vector<std::string>>(),
            (std::vector<std::string>{"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"}));
  EXPECT_EQ(out.at("aten_ops").get<std::vector<std::string>>(),
            (std::vector<std::string>{"aten::flatten", "aten::linear", "aten::relu"}));
  EXPECT_EQ(out.at("shape").get<std::vector<int>>(), (std::vector<int>{40, 10}));
  EXPECT_EQ(out.at("metadata").get<std::string>(), R"({"producer": "trainer_tests"})");
  expect_close(out.at("scores").get<std::vector<float>>(), torchscript_scores(model.path, model.data.images), 1e-5);
}

TEST(TorchScriptExport, WritesParentDirectoriesAndNoTemporaryFiles) {
  ExportedModel model;
  const std::string nested = model.dir.file("a/b/model.pt");
  export_torchscript(model.mlp, nested, "{}");
  EXPECT_EQ(torchscript_scores(nested, model.data.images).size(), 400u);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(model.dir.file("a/b"))) {
    EXPECT_EQ(entry.path().filename(), "model.pt");
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST(TorchScriptExport, RejectsMisshapenNetworks) {
  ExportedModel model;
  Mlp broken = model.mlp;
  broken.layers[1].weight.pop_back();
  EXPECT_THROW(export_torchscript(broken, model.dir.file("x.pt"), "{}"), std::invalid_argument);
  broken = model.mlp;
  broken.layers.pop_back();  // ends with 12 outputs, not 10
  EXPECT_THROW(mlp_scores(broken, model.data.images), std::invalid_argument);
}

TEST(TorchScriptEval, NonModelFileIsAClearError) {
  TempDir dir;
  std::ofstream(dir.file("junk.pt")) << "not a zip archive";
  const dataset::Dataset data = testing::synthetic_digits(2, 1);
  try {
    torchscript_scores(dir.file("junk.pt"), data.images);
    ADD_FAILURE() << "junk loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.file("junk.pt") + ": not a TorchScript archive"),
              std::string::npos)
        << e.what();
  }
  try {
    torchscript_scores(dir.file("absent.pt"), data.images);
    ADD_FAILURE() << "absent file loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.file("absent.pt") + ": cannot open the model file"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace spikecore::trainer
