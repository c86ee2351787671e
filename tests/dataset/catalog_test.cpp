// dataset::load: file locations, the checks that tie images to labels, and the
// real Fashion-MNIST files from Debian's dataset-fashion-mnist.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>

#include "dataset/dataset.h"
#include "tests/dataset/test_support.h"

namespace spikecore::dataset {
namespace {

using testing::expect_dataset_error;
using testing::TempDir;

constexpr const char* kFashionDir = "/usr/share/datasets/fashion-mnist";

Images blank_images(uint32_t count, uint32_t side = 28) {
  Images images;
  images.count = count;
  images.rows = side;
  images.cols = side;
  images.pixels.assign(size_t(count) * side * side, 0);
  for (uint32_t i = 0; i < count; ++i) images.pixels[size_t(i) * side * side] = uint8_t(i + 1);
  return images;
}

// A data dir holding data/mnist/<prefix>-{images,labels} files.
void write_mnist_split(const TempDir& dir, const std::string& prefix, const Images& images,
                       const std::vector<uint8_t>& labels) {
  std::filesystem::create_directories(dir.file("mnist"));
  write_idx_images(dir.file("mnist/" + prefix + "-images-idx3-ubyte"), images);
  write_idx_labels(dir.file("mnist/" + prefix + "-labels-idx1-ubyte"), labels);
}

TEST(Catalog, KnowsMnistAndFashionMnist) {
  EXPECT_EQ(known_datasets(), (std::vector<std::string>{"mnist", "fashion-mnist"}));
}

TEST(Catalog, LoadsMnistSplitsFromDataDir) {
  TempDir dir;
  write_mnist_split(dir, "train", blank_images(3), {1, 2, 3});
  write_mnist_split(dir, "t10k", blank_images(2), {9, 0});
  const Dataset train = load("mnist", "train", dir.path());
  EXPECT_EQ(train.name, "mnist");
  EXPECT_EQ(train.split, "train");
  EXPECT_EQ(train.images_path, dir.file("mnist/train-images-idx3-ubyte"));
  EXPECT_EQ(train.labels_path, dir.file("mnist/train-labels-idx1-ubyte"));
  EXPECT_EQ(train.size(), 3u);
  EXPECT_EQ(train.images.image(2)[0], 3);
  const Dataset test = load("mnist", "test", dir.path());
  EXPECT_EQ(test.labels, (std::vector<uint8_t>{9, 0}));
  EXPECT_EQ(test.images_path, dir.file("mnist/t10k-images-idx3-ubyte"));
}

// The validation digits are the split's last 1000 (a fifth of a small split).
TEST(Catalog, ValidationDigitsAreTheTrainSplitsTail) {
  EXPECT_EQ(validation_count(8000), 1000u);
  EXPECT_EQ(validation_count(60000), 1000u);
  EXPECT_EQ(validation_count(100), 20u);
  EXPECT_EQ(validation_count(3), 0u);
  TempDir dir;
  write_mnist_split(dir, "train", blank_images(10), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Dataset train = load("mnist", "train", dir.path());
  EXPECT_EQ(validation_begin(train), 8u);
  const Dataset tail = slice(train, validation_begin(train), 2);
  EXPECT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail.images.count, 2u);
  EXPECT_EQ(tail.labels, (std::vector<uint8_t>{8, 9}));
  EXPECT_EQ(tail.images.image(0)[0], 9);  // blank_images marks image i with i + 1
  EXPECT_EQ(tail.images.image(1)[0], 10);
  expect_dataset_error([&] { slice(train, 9, 2); }, {"samples 9..11", "it holds 10"});
}

TEST(Catalog, DataDirDefaultsToEnvironment) {
  TempDir dir;
  write_mnist_split(dir, "t10k", blank_images(1), {4});
  ASSERT_EQ(setenv("SPIKECORE_DATA_DIR", dir.path().c_str(), 1), 0);
  const Dataset test = load("mnist", "test");
  unsetenv("SPIKECORE_DATA_DIR");
  EXPECT_EQ(test.labels, (std::vector<uint8_t>{4}));
  EXPECT_EQ(test.images_path, dir.file("mnist/t10k-images-idx3-ubyte"));
}

TEST(Catalog, UnknownDatasetListsKnownOnes) {
  expect_dataset_error([] { load("cifar10", "train"); }, {"unknown dataset 'cifar10'", "mnist, fashion-mnist"});
}

TEST(Catalog, UnknownSplitIsAnError) {
  expect_dataset_error([] { load("mnist", "validation", "/nonexistent"); },
                       {"unknown split 'validation'", "'train' or 'test'"});
}

TEST(Catalog, MissingMnistFilesSayToRunSetup) {
  TempDir dir;
  expect_dataset_error([&] { load("mnist", "train", dir.path()); },
                       {dir.file("mnist/train-images-idx3-ubyte"), "scripts/setup.sh"});
}

TEST(Catalog, ImageAndLabelCountsMustAgree) {
  TempDir dir;
  write_mnist_split(dir, "train", blank_images(3), {1, 2});
  expect_dataset_error([&] { load("mnist", "train", dir.path()); },
                       {"3 images", "2 labels", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"});
}

TEST(Catalog, LabelsMustBeDigits) {
  TempDir dir;
  write_mnist_split(dir, "train", blank_images(2), {3, 10});
  expect_dataset_error([&] { load("mnist", "train", dir.path()); }, {"label 10 of sample 1", "0..9"});
}

TEST(Catalog, ImagesMustBe28x28) {
  TempDir dir;
  write_mnist_split(dir, "train", blank_images(2, 14), {3, 1});
  expect_dataset_error([&] { load("mnist", "train", dir.path()); }, {"14x14", "expected 28x28"});
}

// Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
void expect_fashion_split(const std::string& split, uint32_t per_class) {
  const Dataset ds = load("fashion-mnist", split);
  EXPECT_EQ(ds.images_path, std::string(kFashionDir) + "/" + (split == "train" ? "train" : "t10k") +
                                "-images-idx3-ubyte.gz");
  ASSERT_EQ(ds.size(), 10u * per_class);
  EXPECT_EQ(ds.images.count, 10u * per_class);
  std::array<uint32_t, 10> counts{};
  for (uint8_t label : ds.labels) counts[label]++;
  for (uint32_t c : counts) EXPECT_EQ(c, per_class);
  uint64_t ink = 0;
  for (uint8_t p : ds.images.pixels) ink += p;
  EXPECT_GT(ink, 0u) << "images decompressed to all zeros";
}

TEST(Catalog, ReadsDebianFashionMnist) {
  if (!std::filesystem::exists(kFashionDir)) {
    GTEST_SKIP() << kFashionDir << " is absent; scripts/setup.sh installs dataset-fashion-mnist";
  }
  expect_fashion_split("test", 1000);
  expect_fashion_split("train", 6000);
}

}  // namespace
}  // namespace spikecore::dataset
