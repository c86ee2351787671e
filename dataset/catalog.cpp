// The datasets the lab knows, where their files live, and the checks that make
// an images file and a labels file one dataset.
#include <sys/stat.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "dataset/dataset.h"
#include "common/install_layout.h"

namespace spikecore::dataset {
namespace {

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
constexpr uint32_t kImageSide = 28;
constexpr uint8_t kNumClasses = 10;

// Where the data directory came from, for the error when its files are missing.
struct DataDir {
  std::string path, source;
};

bool has_mnist(const std::string& dir) {
  struct stat st{};
  return ::stat((dir + "/mnist").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// --data-dir, else $SPIKECORE_DATA_DIR, else ./data when it holds mnist/, else
// the installed PREFIX/share/spikecore/data (cmake --install, the .deb), else
// the data/ of the source tree this binary was built from (scripts/setup.sh
// fills it): a tool run from another directory still finds the digits.
DataDir resolve_data_dir(const std::string& given) {
  if (!given.empty()) return {given, "--data-dir"};
  const char* env = std::getenv("SPIKECORE_DATA_DIR");
  if (env && *env) return {env, "SPIKECORE_DATA_DIR"};
  if (has_mnist("data")) return {"data", "the working directory's data/"};
  if (const std::string installed = installed_data_directory(); has_mnist(installed))
    return {installed, "the installed data directory"};
  if (has_mnist(SPIKECORE_SOURCE_DATA_DIR))
    return {SPIKECORE_SOURCE_DATA_DIR, "the source tree's data/"};
  return {"data", "the working directory's data/"};
}

// IDX files use "t10k" for the test split.
std::string file_prefix(const std::string& split) { return split == "train" ? "train" : "t10k"; }

}  // namespace

std::vector<std::string> known_datasets() { return {"mnist", "fashion-mnist"}; }

Dataset load(const std::string& name, const std::string& split, std::string data_dir,
             uint64_t max_samples) {
  Dataset ds;
  ds.name = name;
  ds.split = split;
  const std::string prefix = file_prefix(split);
  DataDir dir;  // mnist only: where its directory came from
  if (name == "mnist") {
    dir = resolve_data_dir(data_dir);
    ds.images_path = dir.path + "/mnist/" + prefix + "-images-idx3-ubyte";
    ds.labels_path = dir.path + "/mnist/" + prefix + "-labels-idx1-ubyte";
  } else if (name == "fashion-mnist") {
    ds.images_path = std::string(kFashionMnistDir) + "/" + prefix + "-images-idx3-ubyte.gz";
    ds.labels_path = std::string(kFashionMnistDir) + "/" + prefix + "-labels-idx1-ubyte.gz";
  } else {
    std::string known;
    for (const std::string& k : known_datasets()) known += (known.empty() ? "" : ", ") + k;
    throw DatasetError("unknown dataset '" + name + "'; known datasets: " + known);
  }
  if (split != "train" && split != "test") {
    throw DatasetError("unknown split '" + split + "' of dataset " + name +
                       "; expected 'train' or 'test'");
  }
  struct stat st{};
  if (!dir.source.empty() && ::stat(ds.images_path.c_str(), &st) != 0)
    throw DatasetError(ds.images_path +
                       ": file not found; run scripts/setup.sh to fetch and convert the "
                       "datasets, or give --data-dir (or SPIKECORE_DATA_DIR) the directory "
                       "that holds mnist/ (this one came from " + dir.source + ")");

  ds.classes = kNumClasses;
  ds.images = read_idx_images(ds.images_path, max_samples);
  uint32_t labels_in_file = 0;
  ds.labels = read_idx_labels(ds.labels_path, max_samples, &labels_in_file);
  if (ds.images.count_in_file != labels_in_file) {
    throw DatasetError(name + " " + split + ": " + ds.images_path + " holds " +
                       std::to_string(ds.images.count_in_file) + " images but " + ds.labels_path +
                       " holds " + std::to_string(labels_in_file) + " labels");
  }
  ds.samples_in_split = labels_in_file;
  if (ds.images.rows != kImageSide || ds.images.cols != kImageSide) {
    throw DatasetError(ds.images_path + ": images are " + std::to_string(ds.images.rows) + "x" +
                       std::to_string(ds.images.cols) + ", expected 28x28");
  }
  for (size_t i = 0; i < ds.labels.size(); ++i) {
    if (ds.labels[i] >= kNumClasses) {
      throw DatasetError(ds.labels_path + ": label " + std::to_string(ds.labels[i]) +
                         " of sample " + std::to_string(i) + " is outside 0..9");
    }
  }
  return ds;
}

Dataset slice(const Dataset& ds, size_t first, size_t count) {
  if (first > ds.size() || count > ds.size() - first)
    throw DatasetError("samples " + std::to_string(first) + ".." + std::to_string(first + count) +
                       " of " + ds.images_path + ": it holds " + std::to_string(ds.size()));
  Dataset out = ds;
  const size_t bytes = ds.images.image_size();
  out.images.count = uint32_t(count);
  out.images.pixels.assign(ds.images.pixels.begin() + std::ptrdiff_t(first * bytes),
                           ds.images.pixels.begin() + std::ptrdiff_t((first + count) * bytes));
  out.labels.assign(ds.labels.begin() + std::ptrdiff_t(first), ds.labels.begin() + std::ptrdiff_t(first + count));
  return out;
}

}  // namespace spikecore::dataset
