// IDX reading and writing: files built byte by byte here, plain and gzip, and
// every way a file can be wrong.
#include <gtest/gtest.h>

#include "dataset/dataset.h"
#include "tests/dataset/test_support.h"

namespace spikecore::dataset {
namespace {

using testing::be32;
using testing::expect_dataset_error;
using testing::TempDir;

std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Two 2x3 images with distinct pixels, as an IDX3 file.
const std::vector<uint8_t> kPixels = {1, 2, 3, 4, 5, 6, 250, 251, 252, 253, 254, 255};
std::vector<uint8_t> two_images_file() { return concat(be32({0x803, 2, 2, 3}), kPixels); }

TEST(IdxFormat, ReadsImagesBuiltByHand) {
  TempDir dir;
  testing::write_raw(dir.file("img"), two_images_file());
  const Images images = read_idx_images(dir.file("img"));
  EXPECT_EQ(images.count, 2u);
  EXPECT_EQ(images.rows, 2u);
  EXPECT_EQ(images.cols, 3u);
  EXPECT_EQ(images.image_size(), 6u);
  EXPECT_EQ(images.pixels, kPixels);
  EXPECT_EQ(images.image(1)[0], 250);
}

TEST(IdxFormat, ReadsLabelsBuiltByHand) {
  TempDir dir;
  testing::write_raw(dir.file("lab"), concat(be32({0x801, 4}), {7, 0, 9, 3}));
  EXPECT_EQ(read_idx_labels(dir.file("lab")), (std::vector<uint8_t>{7, 0, 9, 3}));
}

TEST(IdxFormat, ReadsGzipFiles) {
  TempDir dir;
  testing::write_gzip(dir.file("img.gz"), two_images_file());
  testing::write_gzip(dir.file("lab.gz"), concat(be32({0x801, 2}), {5, 6}));
  EXPECT_EQ(read_idx_images(dir.file("img.gz")).pixels, kPixels);
  EXPECT_EQ(read_idx_labels(dir.file("lab.gz")), (std::vector<uint8_t>{5, 6}));
}

TEST(IdxFormat, WritersProduceBigEndianIdx) {
  TempDir dir;
  Images images;
  images.count = 2;
  images.rows = 2;
  images.cols = 3;
  images.pixels = kPixels;
  write_idx_images(dir.file("img"), images);
  write_idx_labels(dir.file("lab"), {4, 2});
  EXPECT_EQ(testing::read_raw(dir.file("img")), two_images_file());
  EXPECT_EQ(testing::read_raw(dir.file("lab")), concat(be32({0x801, 2}), {4, 2}));
}

TEST(IdxFormat, WriterCompressesGzPathsAndReadsThemBack) {
  TempDir dir;
  write_idx_labels(dir.file("lab.gz"), {1, 2, 3});
  const std::vector<uint8_t> raw = testing::read_raw(dir.file("lab.gz"));
  ASSERT_GE(raw.size(), 2u);
  EXPECT_EQ(raw[0], 0x1f);  // gzip signature
  EXPECT_EQ(raw[1], 0x8b);
  EXPECT_EQ(read_idx_labels(dir.file("lab.gz")), (std::vector<uint8_t>{1, 2, 3}));
}

TEST(IdxFormat, WriterRejectsPixelCountThatDisagreesWithShape) {
  TempDir dir;
  Images images;
  images.count = 2;
  images.rows = 2;
  images.cols = 3;
  images.pixels = {1, 2, 3};
  expect_dataset_error([&] { write_idx_images(dir.file("img"), images); },
                       {dir.file("img"), "3 pixels", "expected 12"});
}

TEST(IdxFormat, MissingFileSaysToRunSetup) {
  TempDir dir;
  expect_dataset_error([&] { read_idx_images(dir.file("absent")); },
                       {dir.file("absent"), "not found", "scripts/setup.sh"});
}

TEST(IdxFormat, WrongMagicNamesFoundAndExpected) {
  TempDir dir;
  testing::write_raw(dir.file("lab"), concat(be32({0x801, 2}), {1, 2}));
  expect_dataset_error([&] { read_idx_images(dir.file("lab")); },
                       {dir.file("lab"), "0x00000801", "expected 0x00000803", "IDX1 unsigned byte"});
  testing::write_raw(dir.file("img"), two_images_file());
  expect_dataset_error([&] { read_idx_labels(dir.file("img")); },
                       {"0x00000803", "expected 0x00000801"});
}

TEST(IdxFormat, TruncatedDataSaysExpectedAndActualBytes) {
  TempDir dir;
  std::vector<uint8_t> bytes = two_images_file();  // 16 + 12 = 28 bytes
  bytes.resize(26);
  testing::write_raw(dir.file("img"), bytes);
  expect_dataset_error([&] { read_idx_images(dir.file("img")); },
                       {dir.file("img"), "truncated", "2 images of 2x3", "28 bytes", "has 26"});
}

TEST(IdxFormat, TruncatedHeaderAndMagic) {
  TempDir dir;
  testing::write_raw(dir.file("short-header"), be32({0x803, 2}));
  expect_dataset_error([&] { read_idx_images(dir.file("short-header")); },
                       {"truncated", "header needs 16 bytes", "has 8"});
  testing::write_raw(dir.file("short-magic"), {0, 0});
  expect_dataset_error([&] { read_idx_labels(dir.file("short-magic")); }, {"truncated", "2 bytes"});
  testing::write_raw(dir.file("empty"), {});
  expect_dataset_error([&] { read_idx_labels(dir.file("empty")); }, {"truncated", "0 bytes"});
}

TEST(IdxFormat, TruncatedLabels) {
  TempDir dir;
  testing::write_raw(dir.file("lab"), concat(be32({0x801, 5}), {1, 2, 3}));
  expect_dataset_error([&] { read_idx_labels(dir.file("lab")); }, {"truncated", "5 labels", "13 bytes", "has 11"});
}

TEST(IdxFormat, TrailingBytesAreAnError) {
  TempDir dir;
  testing::write_raw(dir.file("lab"), concat(be32({0x801, 1}), {1, 2, 3}));
  expect_dataset_error([&] { read_idx_labels(dir.file("lab")); }, {"2 unexpected bytes", "1 labels"});
}

TEST(IdxFormat, TruncatedGzipIsReported) {
  TempDir dir;
  std::vector<uint8_t> big = be32({0x801, 4000});
  for (int i = 0; i < 4000; ++i) big.push_back(uint8_t((i * 7919) % 251));
  testing::write_gzip(dir.file("full.gz"), big);
  std::vector<uint8_t> gz = testing::read_raw(dir.file("full.gz"));
  gz.resize(gz.size() / 2);
  testing::write_raw(dir.file("cut.gz"), gz);
  expect_dataset_error([&] { read_idx_labels(dir.file("cut.gz")); }, {dir.file("cut.gz"), "truncated"});
}

TEST(IdxFormat, EmptyImageShapeIsRejected) {
  TempDir dir;
  testing::write_raw(dir.file("img"), be32({0x803, 5, 0, 28}));
  expect_dataset_error([&] { read_idx_images(dir.file("img")); }, {"0x28", "empty"});
}

TEST(IdxFormat, DirectoryIsNotAFile) {
  TempDir dir;
  expect_dataset_error([&] { read_idx_labels(dir.path()); }, {dir.path(), "not a regular file"});
}

}  // namespace
}  // namespace spikecore::dataset
