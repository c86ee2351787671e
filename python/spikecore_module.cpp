// _spikecore: the in-process part of the Python package (python/spikecore/).
// The image as the chip sees it (mesh, cores, layer table) and the bit-exact
// golden model over numpy arrays; compiling and the SystemC model run as the
// command-line tools in child processes (python/spikecore/_tools.py), so that
// LibTorch and SystemC never share the interpreter with Python's torch.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "dataset/dataset.h"
#include "golden/golden_model.h"
#include "isa/chip_config.h"
#include "isa/image.h"

namespace py = pybind11;
using spikecore::isa::ChipConfig;

namespace {

const char* role_name(spikecore::isa::LayerRole r) {
  switch (r) {
    case spikecore::isa::LayerRole::kInput: return "input";
    case spikecore::isa::LayerRole::kOutput: return "output";
    default: return "hidden";
  }
}

// The pixels of N samples as a C-contiguous uint8 [N, inputs] view; refuses
// another shape with the shape it got and the one the image needs.
py::array_t<uint8_t, py::array::c_style> sample_rows(const ChipConfig& chip, py::array pixels) {
  const size_t inputs = chip.host.inputs.size();
  auto a = py::array_t<uint8_t, py::array::c_style | py::array::forcecast>::ensure(pixels);
  if (!a) throw std::invalid_argument("images must be a uint8 array");
  size_t per_sample = 1;
  for (py::ssize_t d = 1; d < a.ndim(); ++d) per_sample *= size_t(a.shape(d));
  if (a.ndim() < 2 || per_sample != inputs) {
    std::string shape = "(";
    for (py::ssize_t d = 0; d < a.ndim(); ++d) shape += (d ? ", " : "") + std::to_string(a.shape(d));
    throw std::invalid_argument("images of shape " + shape + (a.ndim() == 1 ? ",)" : ")") +
                                " do not fit this image: it takes " + std::to_string(inputs) +
                                " pixels per sample, e.g. shape (N, 28, 28) or (N, 784)");
  }
  return a;
}

class Image {
 public:
  explicit Image(const std::string& path) : path_(path), chip_(spikecore::isa::load_image(path)) {}

  std::string path() const { return path_; }
  std::string model_name() const { return chip_.host.model_name; }
  unsigned default_timesteps() const { return chip_.host.default_timesteps; }
  py::tuple mesh() const { return py::make_tuple(chip_.mesh_width, chip_.mesh_height); }
  py::tuple board() const { return py::make_tuple(chip_.board_width, chip_.board_height); }
  unsigned num_cores() const { return chip_.num_cores(); }
  unsigned inputs() const { return unsigned(chip_.host.inputs.size()); }
  unsigned classes() const { return unsigned(chip_.host.outputs.size()); }

  // [{name, role, neurons: uint32 global ids (core * 64 + slot)}], in table order.
  py::list layers() const {
    py::list out;
    for (const auto& l : chip_.host.layers) {
      py::array_t<uint32_t> ids(static_cast<py::ssize_t>(l.neurons.size()));
      auto v = ids.mutable_unchecked<1>();
      for (size_t i = 0; i < l.neurons.size(); ++i)
        v(py::ssize_t(i)) = uint32_t(l.neurons[i].core) * spikecore::isa::kNeuronSlots + l.neurons[i].slot;
      py::dict d;
      d["name"] = l.name;
      d["role"] = role_name(l.role);
      d["neurons"] = ids;
      out.append(d);
    }
    return out;
  }

  // [{core, chip, x, y, board_x, board_y, used, weight_bytes, program_words, route_entries,
  //   psum_targets}]
  py::list cores() const {
    py::list out;
    for (unsigned c = 0; c < chip_.num_cores(); ++c) {
      const auto& core = chip_.cores[c];
      py::dict d;
      d["core"] = c;
      d["chip"] = chip_.chip_of(c);
      d["x"] = chip_.core_x(c);
      d["y"] = chip_.core_y(c);
      d["board_x"] = chip_.board_x(c);
      d["board_y"] = chip_.board_y(c);
      d["used"] = core.used();
      d["weight_bytes"] = core.weight_bytes_used();
      d["program_words"] = core.program.size();
      d["route_entries"] = core.routes.size();
      // The neurons its partial sums (PSUM) feed: a weight tile works for their layer.
      std::vector<uint32_t> targets;
      for (const auto& ins : core.program)
        if (ins.op == spikecore::isa::Opcode::kPsum)
          targets.push_back(chip_.target(ins.psum) * spikecore::isa::kNeuronSlots + ins.psum.dst_neuron);
      d["psum_targets"] = targets;
      out.append(d);
    }
    return out;
  }

  // The golden model over N samples: predicted [N], output_spike_counts and
  // output_scores [N, classes]. Interruptible between samples (Ctrl-C).
  py::dict run_golden(py::array pixels, unsigned timesteps) const {
    const auto rows = sample_rows(chip_, pixels);
    const size_t n = size_t(rows.shape(0)), classes = chip_.host.outputs.size();
    py::array_t<int32_t> predicted(static_cast<py::ssize_t>(n));
    py::array_t<uint32_t> counts({py::ssize_t(n), py::ssize_t(classes)});
    py::array_t<int64_t> scores({py::ssize_t(n), py::ssize_t(classes)});
    auto p = predicted.mutable_unchecked<1>();
    auto c = counts.mutable_unchecked<2>();
    auto s = scores.mutable_unchecked<2>();
    spikecore::golden::GoldenModel model(chip_);
    spikecore::golden::RunResult r;
    const uint8_t* base = rows.data();
    for (size_t i = 0; i < n; ++i) {
      {
        py::gil_scoped_release release;
        model.run(base + i * chip_.host.inputs.size(), timesteps, r);
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      p(py::ssize_t(i)) = r.predicted_class;
      for (size_t k = 0; k < classes; ++k) {
        c(py::ssize_t(i), py::ssize_t(k)) = r.output_spike_counts[k];
        s(py::ssize_t(i), py::ssize_t(k)) = r.output_scores[k];
      }
    }
    py::dict out;
    out["predicted"] = predicted;
    out["output_spike_counts"] = counts;
    out["output_scores"] = scores;
    return out;
  }

  // One sample's spikes: a bool array [T, neurons] per global neuron id
  // (core * 64 + slot) is large, so this returns the record itself:
  // step_begin [T + 1] and ids, the spikes of step t being ids[step_begin[t]:step_begin[t+1]].
  py::tuple spike_record(py::array pixels, unsigned timesteps) const {
    const auto rows = sample_rows(chip_, pixels);
    if (rows.shape(0) != 1) throw std::invalid_argument("spike_record takes one sample, shape (1, ...)");
    spikecore::golden::GoldenModel model(chip_);
    const auto r = model.run(rows.data(), timesteps);
    py::array_t<uint32_t> begin(static_cast<py::ssize_t>(r.spikes.step_begin.size()));
    py::array_t<uint32_t> ids(static_cast<py::ssize_t>(r.spikes.ids.size()));
    std::copy(r.spikes.step_begin.begin(), r.spikes.step_begin.end(), begin.mutable_data());
    std::copy(r.spikes.ids.begin(), r.spikes.ids.end(), ids.mutable_data());
    return py::make_tuple(begin, ids);
  }

 private:
  std::string path_;
  ChipConfig chip_;
};

// Images [first, first + count) of an IDX3 file (plain or gzip), as
// uint8 [count, rows, cols]: the file a spikecore-sim run read.
py::array_t<uint8_t> read_images(const std::string& path, uint64_t first, uint64_t count) {
  const spikecore::dataset::Images images = spikecore::dataset::read_idx_images(path, first + count);
  if (first + count > images.count)
    throw std::invalid_argument(path + " holds " + std::to_string(images.count_in_file) +
                                " images, fewer than " + std::to_string(first + count));
  py::array_t<uint8_t> out({py::ssize_t(count), py::ssize_t(images.rows), py::ssize_t(images.cols)});
  std::copy(images.image(first), images.image(first) + count * images.image_size(), out.mutable_data());
  return out;
}

// The samples [first, first + count) of a data set by the tools' own lookup
// (data_dir, else $SPIKECORE_DATA_DIR, ./data, the installed or the source
// tree's data/): uint8 images [N, rows, cols], uint8 labels [N], the file read.
py::tuple load_dataset(const std::string& name, const std::string& split, const std::string& data_dir,
                       uint64_t first, py::object count) {
  const uint64_t end = count.is_none() ? spikecore::dataset::kAllRecords : first + count.cast<uint64_t>();
  const spikecore::dataset::Dataset d = spikecore::dataset::load(name, split, data_dir, end);
  const uint64_t n = count.is_none() ? (first < d.size() ? d.size() - first : 0) : count.cast<uint64_t>();
  if (n == 0 || first + n > d.size())
    throw std::invalid_argument(
        (count.is_none() ? "first " + std::to_string(first) + " is past the end"
                         : "first " + std::to_string(first) + " count " + std::to_string(n) +
                               " asks for samples past the end") +
        " of " + name + "/" + split + ", which has " + std::to_string(d.samples_in_split) +
        " samples (0.." + std::to_string(d.samples_in_split - 1) + ")");
  py::array_t<uint8_t> images({py::ssize_t(n), py::ssize_t(d.images.rows), py::ssize_t(d.images.cols)});
  py::array_t<uint8_t> labels(static_cast<py::ssize_t>(n));
  std::copy(d.images.image(first), d.images.image(first) + n * d.images.image_size(), images.mutable_data());
  std::copy(d.labels.begin() + long(first), d.labels.begin() + long(first + n), labels.mutable_data());
  return py::make_tuple(images, labels, d.images_path);
}

}  // namespace

PYBIND11_MODULE(_spikecore, m) {
  m.doc() = "SpikeCore's in-process part: images and the bit-exact golden model";
  py::class_<Image>(m, "Image")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def_property_readonly("path", &Image::path)
      .def_property_readonly("model_name", &Image::model_name)
      .def_property_readonly("default_timesteps", &Image::default_timesteps)
      .def_property_readonly("mesh", &Image::mesh)
      .def_property_readonly("board", &Image::board)
      .def_property_readonly("num_cores", &Image::num_cores)
      .def_property_readonly("inputs", &Image::inputs)
      .def_property_readonly("classes", &Image::classes)
      .def("layers", &Image::layers)
      .def("cores", &Image::cores)
      .def("run_golden", &Image::run_golden, py::arg("pixels"), py::arg("timesteps"))
      .def("spike_record", &Image::spike_record, py::arg("pixels"), py::arg("timesteps"));
  m.def("read_images", &read_images, py::arg("path"), py::arg("first"), py::arg("count"));
  m.def("load_dataset", &load_dataset, py::arg("name"), py::arg("split"), py::arg("data_dir"),
        py::arg("first"), py::arg("count"));
}
