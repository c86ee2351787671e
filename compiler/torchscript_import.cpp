// The only translation unit of the compiler that includes LibTorch: it turns a
// frozen, inlined TorchScript graph into the compiler's IR.
#include "compiler/torchscript_import.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/freeze_module.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <c10/core/CPUAllocator.h>
#include <torch/script.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "common/zip_inflation.h"
#include "compiler/diagnostics.h"
#include "compiler/elementwise.h"

namespace spikecore::compiler {
namespace {

using torch::jit::Value;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// An integer the graph computes from shapes: a constant, or the batch size.
struct SymbolicInt {
  bool batch = false;
  int64_t value = 0;
};

class Importer {
 public:
  Graph run(const std::string& path);

 private:
  void convert(torch::jit::Node* n);
  // Each handles one family of operations; false: not theirs, or not in a
  // form they accept (convert() then records the node as unsupported).
  bool convert_guard(torch::jit::Node* n);
  bool convert_elementwise(torch::jit::Node* n);
  bool convert_batch_norm(torch::jit::Node* n);
  bool convert_relu_like(torch::jit::Node* n);
  bool convert_conv2d(torch::jit::Node* n);
  // A windowed layer after an operation that could not be imported (its input's
  // shape is unknown): kept without shape, so that only the first problem is said.
  bool consequence_of_unsupported(torch::jit::Node* n, OpKind kind, int input);
  bool convert_avg_pool2d(torch::jit::Node* n);
  void add_scale_shift(torch::jit::Node* n, int operand, std::vector<float> scale,
                       std::vector<float> shift, Value* constant);
  // A softmax/log_softmax that is not forward()'s result becomes unsupported.
  void keep_only_a_final_softmax();
  void add_unsupported(torch::jit::Node* n, const std::string& why);
  Node make_node(torch::jit::Node* n, OpKind kind, int input = -1);
  int input_id(Value* v) const;
  bool constant_tensor(Value* v, Tensor& out) const;
  std::optional<int64_t> constant_int(Value* v) const;
  // An int[] constant or a list of int constants; one int stands for both axes.
  std::optional<std::vector<int64_t>> constant_pair(Value* v) const;
  std::optional<double> constant_number(Value* v) const;  // an int or float constant
  std::optional<bool> known_bool(Value* v) const;
  // A number or constant tensor broadcast to one value per element of `shape`.
  std::optional<std::vector<float>> constant_operand(Value* v, const std::vector<int64_t>& shape) const;
  std::optional<SymbolicInt> symbolic_int(Value* v) const;
  std::vector<int64_t> shape_of(int id) const;
  std::optional<std::vector<int64_t>> reshape_target(torch::jit::Node* n, int input);
  void set_output(torch::jit::Node* n, Node node);
  SourceLocation located(const torch::jit::Node* n) const;

  Graph graph_;
  // Where each node came from, looked up in the child process (see below).
  std::map<const torch::jit::Node*, SourceLocation> locations_;
  // Size of each CPU buffer LibTorch allocated while loading (see below).
  std::unordered_map<const void*, size_t> allocated_bytes_;
  std::map<const Value*, int> ids_;  // tensor values already in the IR
  std::map<const Value*, SymbolicInt> ints_;
  std::map<const Value*, bool> bools_;  // shape tests of BatchNorm's scripted guards
  std::map<const Value*, std::vector<Value*>> lists_;
  std::set<std::string> names_;
};

// PyTorch's own files (nn.Sequential, nn.Linear) and C++-defined modules'
// "<string>" sources say nothing about where the user wrote the model.
bool uninformative(const std::string& file) {
  return file.empty() || file[0] == '<' || file.find("-packages/torch/") != std::string::npos;
}

SourceLocation location_of(const torch::jit::SourceRange& r) {
  SourceLocation loc;
  decltype(r.file_line_col()) flc;
  try {
    // Prefer the user's Python file over the code/__torch__ copy in the archive.
    // LibTorch unpickles that link (code/*.debug_pkl) only now, on first use:
    // a damaged one costs the location, not the import.
    auto original = r.findSourceRangeThatGenerated();
    flc = original ? original->file_line_col() : r.file_line_col();
  } catch (const std::exception&) {
    return loc;
  }
  if (flc && !uninformative(std::get<0>(*flc))) {
    loc.file = std::get<0>(*flc);
    loc.line = unsigned(std::get<1>(*flc));
    loc.column = unsigned(std::get<2>(*flc)) + 1;  // TorchScript columns start at 0
  }
  return loc;
}

// Where the user's code called the layer (e.g. `self.fc1(x)` in forward), not
// where PyTorch implements it; the node itself when it was not inlined.
SourceLocation location_of(const torch::jit::Node* n) {
  if (auto cs = n->callstack()) {
    const auto entries = (*cs)->vec();
    if (!entries.empty()) {
      SourceLocation call_site = location_of(std::get<1>(entries.front()));
      if (call_site.known()) return call_site;
    }
  }
  return location_of(n->sourceRange());
}

// The PyTorch module class that holds the node ("Linear", "Conv2d"), if any.
std::string module_type_of(const torch::jit::Node* n) {
  auto cs = n->callstack();
  if (!cs) return "";
  std::string type;
  for (const auto& entry : (*cs)->vec()) {
    const auto& info = std::get<2>(entry);
    if (info && info->class_type() && info->class_type()->name())
      type = info->class_type()->name()->name();
  }
  // TorchScript mangles repeated classes: "___torch_mangle_3.Linear" -> "Linear".
  return type.substr(type.rfind('.') == std::string::npos ? 0 : type.rfind('.') + 1);
}

// "self.fc1.weight" -> "fc1"; "self.1.bias" -> "1"; "self.b1" -> "b1".
std::string layer_from_parameter(const Value* v) {
  if (!v || !v->hasDebugName()) return "";
  std::string name = v->debugName();
  if (name.rfind("self.", 0) != 0) return "";
  name = name.substr(5);
  for (const char* suffix : {".weight", ".bias"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
      return name.substr(0, name.size() - s.size());
  }
  return name;
}

// Module instance path from the inlining call stack ("enc.0"), if any.
std::string layer_from_callstack(const torch::jit::Node* n) {
  auto cs = n->callstack();
  if (!cs) return "";
  std::string path;
  for (const auto& entry : (*cs)->vec()) {
    const auto& info = std::get<2>(entry);
    // "SELF" marks a call of another method of the same module.
    if (!info || info->instance_name().empty() || info->instance_name() == "SELF") continue;
    if (!path.empty()) path += '.';
    path += info->instance_name();
  }
  return path;
}

std::string sanitize(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') c = '_';
  return s;
}

// The LibTorch half of the import: load, freeze, inline forward(). Throws
// CompileError naming the file.
std::shared_ptr<torch::jit::Graph> load_forward_graph(const std::string& path) {
  torch::jit::script::Module module;
  try {
    require_model_archive_within_bound(path);
  } catch (const std::runtime_error& e) {
    throw CompileError(e.what());
  }
  try {
    module = torch::jit::load(path);
  } catch (const std::exception& e) {
    throw CompileError(path +
                       ": not a TorchScript archive; export the model with "
                       "torch.jit.script(model).save(path) or torch.jit.trace(model, example)"
                       ".save(path) (LibTorch said: " +
                       first_line(e.what()) + ")");
  }
  std::shared_ptr<torch::jit::Graph> g;
  try {
    module.eval();
    auto frozen = torch::jit::freeze_module(module);
    g = frozen.get_method("forward").graph()->copy();
    torch::jit::Inline(*g);
  } catch (const std::exception& e) {
    throw CompileError(path + ": cannot freeze and inline forward(): " + first_line(e.what()));
  }
  return g;
}

// LibTorch 1.13 takes a storage's size from the pickle's claim, not from the
// data record it reads, so a damaged archive can make a 12-byte buffer claim
// 48 (fuzz/regressions/torchscript_import/tensor_larger_than_storage.pt) and
// reading the tensor overflows it. While installed, this wrapper around the
// CPU allocator records every buffer's real size, for constant_tensor() to
// check the claims against. The import is single-threaded, but LibTorch may
// allocate from its own threads, hence the mutex.
class CpuAllocationSizes final : public c10::Allocator {
 public:
  CpuAllocationSizes() : base_(c10::GetCPUAllocator()) { c10::SetCPUAllocator(this); }
  ~CpuAllocationSizes() override { c10::SetCPUAllocator(base_); }
  CpuAllocationSizes(const CpuAllocationSizes&) = delete;
  CpuAllocationSizes& operator=(const CpuAllocationSizes&) = delete;

  c10::DataPtr allocate(size_t bytes) const override {
    c10::DataPtr data = base_->allocate(bytes);
    std::lock_guard<std::mutex> lock(mutex_);
    sizes_[data.get()] = bytes;
    return data;
  }
  c10::DeleterFnPtr raw_deleter() const override { return base_->raw_deleter(); }
  std::unordered_map<const void*, size_t> sizes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sizes_;
  }

 private:
  c10::Allocator* base_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<const void*, size_t> sizes_;
};

// LibTorch 1.13 itself has memory errors on some damaged or hostile archives
// (fuzz/regressions/torchscript_import/): a class attribute assigned without
// a type annotation in code/*.py makes its source importer read through a
// missing tree; damaged code or debug pickles end in SIGSEGV; and the debug
// pickles, unpickled lazily at the first location lookup, may claim lengths
// that make it allocate gigabytes (15 GB and 40 s for one 5 KB file). We
// cannot fix LibTorch, so its part of the import runs first in a child
// process with a memory and CPU budget: load, freeze, inline, and every
// location lookup. The child sends back either why it rejects the file or
// the nodes' locations; the parent then repeats only the load (debug
// information untouched). Costs a fork and a second load for good files
// (tens of milliseconds for an MLP). The child only uses the thread that
// forked it and leaves with _exit().
struct ChildVerdict {
  std::optional<std::string> rejection;  // set: reject the file with this message
  std::optional<std::vector<SourceLocation>> locations;  // per node, in g->nodes() order
};

void append_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(char(v >> (8 * i)));
}

bool read_u32(const std::string& in, size_t& at, uint32_t& v) {
  if (in.size() - at < 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(in[at + size_t(i)])) << (8 * i);
  at += 4;
  return true;
}

// 'L', then per node: file length, file, line, column.
std::string encode_locations(const torch::jit::Graph& g) {
  std::string out = "L";
  for (const torch::jit::Node* n : g.nodes()) {
    const SourceLocation loc = location_of(n);
    append_u32(out, uint32_t(loc.file.size()));
    out += loc.file;
    append_u32(out, loc.line);
    append_u32(out, loc.column);
  }
  return out;
}

std::optional<std::vector<SourceLocation>> decode_locations(const std::string& in) {
  std::vector<SourceLocation> locations;
  size_t at = 1;
  while (at < in.size()) {
    SourceLocation loc;
    uint32_t size = 0;
    if (!read_u32(in, at, size) || in.size() - at < size) return std::nullopt;
    loc.file = in.substr(at, size);
    at += size;
    if (!read_u32(in, at, loc.line) || !read_u32(in, at, loc.column)) return std::nullopt;
    locations.push_back(std::move(loc));
  }
  return locations;
}

// The child's budget: its current address space plus 2 GiB (a good model
// needs a few times its file size, and SpikeCore's 128 cores hold 32 KiB of
// weights), and two minutes of CPU.
void limit_child_resources() {
  const rlimit cpu{120, 120};
  setrlimit(RLIMIT_CPU, &cpu);
  unsigned long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%lu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  if (pages == 0) return;
  const rlim_t budget = rlim_t(pages) * rlim_t(sysconf(_SC_PAGESIZE)) + (rlim_t(2) << 30);
  const rlimit address_space{budget, budget};
  setrlimit(RLIMIT_AS, &address_space);
}

[[noreturn]] void run_child(const std::string& path, int reply_fd) {
  // A crash is this child's answer: let the signal kill it plainly, without
  // the handlers inherited from the parent (a sanitizer's or a fuzzer's,
  // which would report the crash, and save the input, as the parent's).
  for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU}) std::signal(sig, SIG_DFL);
  // LibTorch's messages belong to the real load in the parent, not here.
  const int null = open("/dev/null", O_WRONLY);
  if (null >= 0) {
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
  }
  limit_child_resources();
  std::string reply;
  try {
    reply = encode_locations(*load_forward_graph(path));
  } catch (const CompileError& e) {
    reply = "R" + (e.diagnostics().empty() ? std::string(e.what()) : e.diagnostics().front().message);
  } catch (const std::exception& e) {  // std::bad_alloc when over budget
    reply = "R" + path + ": LibTorch failed reading this file: " + first_line(e.what());
  }
  for (size_t done = 0; done < reply.size();) {
    const ssize_t n = write(reply_fd, reply.data() + done, reply.size() - done);
    if (n <= 0) break;
    done += size_t(n);
  }
  _exit(0);
}

ChildVerdict load_in_child(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {};  // cannot probe: do everything here, as before
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    run_child(path, fds[1]);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return {};
  }
  std::string reply;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) reply.append(buffer, size_t(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return {};
  }
  std::string death;
  if (WIFSIGNALED(status)) {
    death = "killed by signal " + std::to_string(WTERMSIG(status));
    if (WTERMSIG(status) == SIGXCPU) death += ", over its CPU budget";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    death = "exit status " + std::to_string(WEXITSTATUS(status));
  }
  ChildVerdict verdict;
  if (!death.empty() || reply.empty()) {
    verdict.rejection = path + ": LibTorch crashed reading this file (" +
                        (death.empty() ? "no answer" : death) +
                        "); it is damaged or was not written by torch.jit.save";
  } else if (reply[0] == 'R') {
    verdict.rejection = reply.substr(1);
  } else {
    verdict.locations = decode_locations(reply);
    if (!verdict.locations) verdict.locations.emplace();  // garbled: no locations, no lookups
  }
  return verdict;
}

Graph Importer::run(const std::string& path) {
  if (!std::ifstream(path, std::ios::binary))
    throw CompileError(path + ": cannot open the model file (does it exist and is it readable?)");
  const ChildVerdict verdict = load_in_child(path);
  if (verdict.rejection) throw CompileError(*verdict.rejection);
  std::shared_ptr<torch::jit::Graph> g;
  {
    const CpuAllocationSizes recorder;
    g = load_forward_graph(path);
    allocated_bytes_ = recorder.sizes();
  }
  size_t index = 0;
  const size_t located_nodes = verdict.locations ? verdict.locations->size() : SIZE_MAX;
  for (const torch::jit::Node* n : g->nodes()) {
    if (!verdict.locations) locations_[n] = location_of(n);  // no child: look up here
    else if (index < located_nodes) locations_[n] = (*verdict.locations)[index];
    ++index;
  }

  // inputs()[0] is the module itself; the image is the next one.
  auto inputs = g->inputs();
  if (inputs.size() != 2) {
    throw CompileError(path + ": forward() takes " + std::to_string(inputs.size() - 1) +
                       " inputs; SpikeCore models take exactly one image tensor [N, 1, 28, 28]");
  }
  Node input;
  input.kind = OpKind::kInput;
  input.name = "input";
  input.op = "input";
  input.shape = {1, 28, 28};
  ids_[inputs[1]] = graph_.add(input).id;
  names_.insert("input");
  graph_.source = path;

  try {
    for (torch::jit::Node* n : g->nodes()) convert(n);
  } catch (const CompileError&) {
    throw;
  } catch (const std::exception& e) {
    // LibTorch reports what a hostile archive can still get wrong (constants,
    // debug information) with c10::Error; say which file it was.
    throw CompileError(path + ": cannot convert forward()'s graph: " + first_line(e.what()));
  }

  auto outputs = g->outputs();
  if (outputs.size() != 1 || !ids_.count(outputs[0])) {
    Node bad;
    bad.kind = OpKind::kUnsupported;
    bad.name = "return";
    bad.op = "return";
    bad.detail = "forward() must return one tensor [N, 10] of class scores";
    if (outputs.size() == 1 && outputs[0]->node()) {
      torch::jit::Node* producer = outputs[0]->node();
      bad.loc = located(producer);
      if (producer->kind() == c10::prim::TupleConstruct) {
        // The tuple's values are used by the return: not "a Linear without ReLU".
        bad.detail = "forward() returns a tuple of " + std::to_string(producer->inputs().size()) +
                     " values; it must return one tensor [N, 10] of class scores (return "
                     "the scores alone)";
        for (Value* v : producer->inputs())
          if (ids_.count(v)) bad.inputs.push_back(ids_.at(v));
      }
    }
    graph_.output = graph_.add(bad).id;
  } else {
    graph_.output = ids_.at(outputs[0]);
  }
  keep_only_a_final_softmax();
  return graph_;
}

void Importer::keep_only_a_final_softmax() {
  for (Node& n : graph_.nodes) {
    if (n.kind != OpKind::kIdentity || (n.op != "aten::softmax" && n.op != "aten::log_softmax"))
      continue;
    if (n.id == graph_.output) {
      graph_.dropped_final_op = n.op.substr(6);
      graph_.dropped_final_loc = n.loc;
      continue;
    }
    n.kind = OpKind::kUnsupported;
    n.detail = "not forward()'s last operation";
  }
}

int Importer::input_id(Value* v) const {
  auto it = ids_.find(v);
  return it == ids_.end() ? -1 : it->second;
}

// Bytes of storage a tensor's sizes and strides reach, or nullopt when they
// are negative or overflow.
std::optional<uint64_t> bytes_reached(const at::Tensor& t) {
  if (t.numel() == 0) return 0;
  if (t.storage_offset() < 0) return std::nullopt;
  uint64_t last = uint64_t(t.storage_offset());
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.stride(d) < 0) return std::nullopt;
    uint64_t step = 0;
    if (__builtin_mul_overflow(uint64_t(t.size(d) - 1), uint64_t(t.stride(d)), &step) ||
        __builtin_add_overflow(last, step, &last))
      return std::nullopt;
  }
  uint64_t bytes = 0;
  if (__builtin_mul_overflow(last + 1, uint64_t(t.element_size()), &bytes)) return std::nullopt;
  return bytes;
}

bool Importer::constant_tensor(Value* v, Tensor& out) const {
  if (v->node()->kind() != torch::jit::prim::Constant) return false;
  auto iv = torch::jit::toIValue(v);
  if (!iv || !iv->isTensor()) return false;
  const at::Tensor& original = iv->toTensor();
  // LibTorch 1.13 loads a tensor whose pickled sizes and strides reach past
  // its storage as it is (a damaged or hostile archive); reading it would
  // overflow the buffer. And a stride-0 tensor of huge size would take all
  // memory to copy. SpikeCore's weights are at most 128 x 256 bytes.
  constexpr int64_t kMaxElements = int64_t(1) << 26;
  const std::string what = graph_.source + ": constant tensor " +
                           Tensor{original.sizes().vec(), {}}.shape_string();
  const auto reached = bytes_reached(original);
  if (!original.has_storage() || !reached || *reached > original.storage().nbytes())
    throw CompileError(what + " reaches past its storage; the archive is damaged");
  const auto buffer = allocated_bytes_.find(original.storage().data());
  if (buffer != allocated_bytes_.end() && original.storage().nbytes() > buffer->second) {
    throw CompileError(what + " claims " + std::to_string(original.storage().nbytes()) +
                       " bytes of storage, but its data in the archive has " +
                       std::to_string(buffer->second) + "; the archive is damaged");
  }
  if (original.numel() > kMaxElements) {
    throw CompileError(what + " has " + std::to_string(original.numel()) +
                       " elements; the compiler takes at most " + std::to_string(kMaxElements));
  }
  at::Tensor t = original.detach().to(torch::kFloat32).contiguous();
  out.shape.assign(t.sizes().begin(), t.sizes().end());
  out.data.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
  return true;
}

std::optional<int64_t> Importer::constant_int(Value* v) const {
  if (v->node()->kind() != torch::jit::prim::Constant) return std::nullopt;
  auto iv = torch::jit::toIValue(v);
  if (!iv || !iv->isInt()) return std::nullopt;
  return iv->toInt();
}

std::optional<std::vector<int64_t>> Importer::constant_pair(Value* v) const {
  std::vector<int64_t> out;
  if (auto it = lists_.find(v); it != lists_.end()) {
    for (Value* item : it->second) {
      auto i = constant_int(item);
      if (!i) return std::nullopt;
      out.push_back(*i);
    }
  } else if (auto one = constant_int(v)) {
    out = {*one, *one};
  } else if (v->node()->kind() == torch::jit::prim::Constant) {
    auto iv = torch::jit::toIValue(v);
    if (!iv || !iv->isIntList()) return std::nullopt;
    for (int64_t i : iv->toIntVector()) out.push_back(i);
  } else {
    return std::nullopt;
  }
  if (out.size() == 1) out.push_back(out[0]);
  if (out.size() != 2) return std::nullopt;
  return out;
}

std::optional<SymbolicInt> Importer::symbolic_int(Value* v) const {
  if (auto c = constant_int(v)) return SymbolicInt{false, *c};
  auto it = ints_.find(v);
  if (it != ints_.end()) return it->second;
  return std::nullopt;
}

std::optional<double> Importer::constant_number(Value* v) const {
  if (v->node()->kind() != torch::jit::prim::Constant) return std::nullopt;
  auto iv = torch::jit::toIValue(v);
  if (!iv) return std::nullopt;
  if (iv->isInt()) return double(iv->toInt());
  if (iv->isDouble()) return iv->toDouble();
  return std::nullopt;
}

std::optional<bool> Importer::known_bool(Value* v) const {
  if (v->node()->kind() == torch::jit::prim::Constant) {
    auto iv = torch::jit::toIValue(v);
    if (iv && iv->isBool()) return iv->toBool();
    return std::nullopt;
  }
  const auto it = bools_.find(v);
  return it == bools_.end() ? std::nullopt : std::optional<bool>(it->second);
}

std::optional<std::vector<float>> Importer::constant_operand(
    Value* v, const std::vector<int64_t>& shape) const {
  int64_t elements = 1;
  for (int64_t d : shape) elements *= d;
  if (auto number = constant_number(v)) return std::vector<float>(size_t(elements), float(*number));
  Tensor t;
  if (!constant_tensor(v, t)) return std::nullopt;
  return broadcast_to_sample(t, shape);
}

// nn.BatchNorm1d's scripted forward checks the input's rank before it
// normalizes (`if input.dim() != 2 and input.dim() != 3: raise`): with the
// rank known, such tests and the branch they pick are followed here.
bool Importer::convert_guard(torch::jit::Node* n) {
  namespace aten = c10::aten;
  const auto kind = n->kind();
  if (kind == aten::dim && n->inputs().size() == 1 && input_id(n->input(0)) >= 0) {
    ints_[n->output()] = {false, int64_t(shape_of(input_id(n->input(0))).size()) + 1};
    return true;
  }
  static const std::map<c10::Symbol, bool (*)(int64_t, int64_t)> comparisons = {
      {aten::eq, [](int64_t a, int64_t b) { return a == b; }},
      {aten::ne, [](int64_t a, int64_t b) { return a != b; }},
      {aten::lt, [](int64_t a, int64_t b) { return a < b; }},
      {aten::le, [](int64_t a, int64_t b) { return a <= b; }},
      {aten::gt, [](int64_t a, int64_t b) { return a > b; }},
      {aten::ge, [](int64_t a, int64_t b) { return a >= b; }},
  };
  if (const auto c = comparisons.find(kind); c != comparisons.end() && n->inputs().size() == 2) {
    const auto a = symbolic_int(n->input(0)), b = symbolic_int(n->input(1));
    if (!a || !b || a->batch || b->batch) return false;
    bools_[n->output()] = c->second(a->value, b->value);
    return true;
  }
  if (kind == c10::prim::If) {
    const auto condition = known_bool(n->input(0));
    if (!condition) return false;
    torch::jit::Block* taken = n->blocks().at(*condition ? 0 : 1);
    for (torch::jit::Node* inner : taken->nodes()) convert(inner);
    for (size_t i = 0; i < n->outputs().size(); ++i) {
      Value* result = taken->outputs()[i];
      if (ids_.count(result)) ids_[n->output(i)] = ids_.at(result);
      else if (auto s = symbolic_int(result)) ints_[n->output(i)] = *s;
      else if (auto b = known_bool(result)) bools_[n->output(i)] = *b;
    }
    return true;
  }
  return false;
}

void Importer::add_scale_shift(torch::jit::Node* n, int operand, std::vector<float> scale,
                               std::vector<float> shift, Value* constant) {
  Node node = make_node(n, OpKind::kScaleShift, operand);
  node.shape = shape_of(operand);
  node.weight.shape = node.bias.shape = {int64_t(scale.size())};
  node.weight.data = std::move(scale);
  node.bias.data = std::move(shift);
  if (constant) node.layer = layer_from_parameter(constant);
  if (node.layer.empty()) node.layer = layer_from_callstack(n);
  set_output(n, std::move(node));
}

// x + c, x - c, c + x, c - x, x * c, c * x, x / c, -x with constant c (a
// number or a tensor that broadcasts to x): normalisation of the input,
// a bias added by hand. canonicalize folds them into a Linear layer.
bool Importer::convert_elementwise(torch::jit::Node* n) {
  namespace aten = c10::aten;
  const auto kind = n->kind();
  const bool add = kind == aten::add || kind == aten::add_;
  const bool sub = kind == aten::sub || kind == aten::sub_;
  const bool rsub = kind == aten::rsub;
  const bool mul = kind == aten::mul || kind == aten::mul_;
  const bool div = (kind == aten::div || kind == aten::div_) && n->inputs().size() == 2;
  if (kind == aten::neg && input_id(n->input(0)) >= 0) {
    const int x = input_id(n->input(0));
    size_t elements = 1;
    for (int64_t d : shape_of(x)) elements *= size_t(d);
    add_scale_shift(n, x, std::vector<float>(elements, -1.0f), std::vector<float>(elements, 0.0f),
                    nullptr);
    return true;
  }
  if (!((add || sub || rsub) && n->inputs().size() == 3) && !mul && !div) return false;
  const int first = input_id(n->input(0)), second = input_id(n->input(1));
  const char* what = add ? "add" : (sub || rsub) ? "subtraction" : mul ? "multiplication"
                                                                      : "division";
  if (first >= 0 && second >= 0) {
    add_unsupported(n, std::string(what) + " of two computed tensors (only a constant can be "
                                           "added, subtracted, multiplied or divided by)");
    return true;
  }
  const int x = first >= 0 ? first : second;
  if (x < 0) return false;
  Value* constant = first >= 0 ? n->input(1) : n->input(0);
  const auto c = constant_operand(constant, shape_of(x));
  const auto alpha = (add || sub || rsub) ? constant_number(n->input(2)) : std::optional<double>(1);
  if (!alpha) {
    add_unsupported(n, std::string(what) + " with a computed alpha (only a constant alpha is "
                                           "folded)");
    return true;
  }
  if (!c) {
    add_unsupported(n, std::string(what) + " by a value that is not a constant broadcasting to "
                                           "the input " + Tensor{shape_of(x), {}}.shape_string());
    return true;
  }
  const bool x_first = first >= 0;
  std::vector<float> scale(c->size()), shift(c->size());
  for (size_t i = 0; i < c->size(); ++i) {
    const double k = (*c)[i], a = *alpha;
    double m = 1, b = 0;  // y = x * m + b
    if (add) m = x_first ? 1 : a, b = x_first ? a * k : k;     // self + alpha * other
    if (sub) m = x_first ? 1 : -a, b = x_first ? -a * k : k;   // self - alpha * other
    if (rsub) m = x_first ? -a : 1, b = x_first ? k : -a * k;  // other - alpha * self
    if (mul) m = k;
    if (div && !x_first) {
      add_unsupported(n, "division of a constant by a computed tensor");
      return true;
    }
    if (div && k == 0) {
      add_unsupported(n, "division by a constant that is 0 at element " + std::to_string(i));
      return true;
    }
    if (div) m = 1.0 / k;
    scale[i] = float(m);
    shift[i] = float(b);
  }
  add_scale_shift(n, x, std::move(scale), std::move(shift), constant);
  return true;
}

// aten::batch_norm in eval mode on a [N, C] value (nn.BatchNorm1d after a
// Linear): a per-feature scale and shift, folded into the Linear.
bool Importer::convert_batch_norm(torch::jit::Node* n) {
  if (n->kind() != c10::aten::batch_norm || n->inputs().size() != 9) return false;
  const int x = input_id(n->input(0));
  if (x < 0) return false;
  const auto training = known_bool(n->input(5));
  const auto eps = constant_number(n->input(7));
  Tensor weight, bias, mean, variance;
  auto optional_tensor = [&](Value* v, Tensor& t) {
    auto iv = torch::jit::toIValue(v);
    return (iv && iv->isNone()) || constant_tensor(v, t);
  };
  const auto shape = shape_of(x);
  if (shape.size() != 1 && shape.size() != 3) {
    add_unsupported(n, "BatchNorm on a " + Tensor{shape, {}}.shape_string() +
                           " value; BatchNorm1d on [N, features] and BatchNorm2d on "
                           "[N, C, H, W] values are supported");
    return true;
  }
  ScaleShift s;
  if (training == false && eps && optional_tensor(n->input(1), weight) &&
      optional_tensor(n->input(2), bias) && constant_tensor(n->input(3), mean) &&
      constant_tensor(n->input(4), variance))
    s = batch_norm_as_scale_shift(weight, bias, mean, variance, *eps);
  if (s.scale.size() != size_t(shape[0])) {
    add_unsupported(n, "BatchNorm whose running statistics are not constants of the input's "
                       "size (export the model in eval mode: model.eval())");
    return true;
  }
  if (shape.size() == 3) {  // BatchNorm2d: one scale and shift per channel, over H x W
    const size_t plane = size_t(shape[1] * shape[2]);
    std::vector<float> scale, shift;
    for (size_t c = 0; c < s.scale.size(); ++c) {
      scale.insert(scale.end(), plane, s.scale[c]);
      shift.insert(shift.end(), plane, s.shift[c]);
    }
    s.scale = std::move(scale);
    s.shift = std::move(shift);
  }
  add_scale_shift(n, x, std::move(s.scale), std::move(s.shift), nullptr);
  return true;
}

// aten::conv2d (nn.Conv2d, F.conv2d) and aten::_convolution (what tracing
// records) on a per-sample [C, H, W] value, with constant weight and bias,
// dilation 1 and no transposition.
bool Importer::convert_conv2d(torch::jit::Node* n) {
  namespace aten = c10::aten;
  const bool plain = n->kind() == aten::conv2d && n->inputs().size() == 7;
  const bool traced = n->kind() == aten::_convolution && n->inputs().size() >= 9;
  if (!plain && !traced) return false;
  const int x = input_id(n->input(0));
  if (x < 0) return false;
  const auto in_shape = shape_of(x);
  if (in_shape.empty()) return consequence_of_unsupported(n, OpKind::kConv2d, x);
  Node node = make_node(n, OpKind::kConv2d, x);
  const bool has_weight = constant_tensor(n->input(1), node.weight) && node.weight.shape.size() == 4;
  const auto none_bias = torch::jit::toIValue(n->input(2));
  const bool has_bias = (none_bias && none_bias->isNone()) || constant_tensor(n->input(2), node.bias);
  const auto stride = constant_pair(n->input(3)), padding = constant_pair(n->input(4)),
             dilation = constant_pair(n->input(5));
  const auto groups = constant_int(n->input(traced ? 8 : 6));
  const auto transposed = traced ? known_bool(n->input(6)) : std::optional<bool>(false);
  if (in_shape.size() != 3) {
    add_unsupported(n, "Conv2d on a " + Tensor{in_shape, {}}.shape_string() +
                           " value; it needs a per-sample [C, H, W] image or feature map");
    return true;
  }
  if (!has_weight || !has_bias || !stride || !padding || !dilation || !groups || !transposed) {
    add_unsupported(n, "Conv2d whose weight, bias, stride, padding, dilation or groups is not "
                       "a constant (string padding such as 'same' is not supported: give "
                       "the numbers)");
    return true;
  }
  if (*transposed) {
    add_unsupported(n, "a transposed convolution (nn.ConvTranspose2d) is not supported");
    return true;
  }
  if ((*dilation)[0] != 1 || (*dilation)[1] != 1) {
    add_unsupported(n, "Conv2d with dilation " + std::to_string((*dilation)[0]) + "x" +
                           std::to_string((*dilation)[1]) + ": only dilation 1 is supported");
    return true;
  }
  Window w;
  w.kernel_h = node.weight.dim(2), w.kernel_w = node.weight.dim(3);
  w.stride_h = (*stride)[0], w.stride_w = (*stride)[1];
  w.pad_h = (*padding)[0], w.pad_w = (*padding)[1];
  w.groups = *groups;
  const int64_t oc = node.weight.dim(0);
  if (w.groups < 1 || in_shape[0] % w.groups != 0 || oc % w.groups != 0 ||
      node.weight.dim(1) * w.groups != in_shape[0] || w.stride_h < 1 || w.stride_w < 1 ||
      w.pad_h < 0 || w.pad_w < 0 || (!node.bias.empty() && node.bias.data.size() != size_t(oc))) {
    add_unsupported(n, "Conv2d whose weight " + node.weight.shape_string() +
                           " does not match its " + std::to_string(in_shape[0]) +
                           "-channel input (groups " + std::to_string(w.groups) + ")");
    return true;
  }
  const int64_t oh = Window::out_size(in_shape[1], w.kernel_h, w.stride_h, w.pad_h);
  const int64_t ow = Window::out_size(in_shape[2], w.kernel_w, w.stride_w, w.pad_w);
  if (oh < 1 || ow < 1) {
    add_unsupported(n, "Conv2d whose " + std::to_string(w.kernel_h) + "x" +
                           std::to_string(w.kernel_w) + " kernel does not fit its " +
                           std::to_string(in_shape[1]) + "x" + std::to_string(in_shape[2]) +
                           " input");
    return true;
  }
  node.window = w;
  node.shape = {oc, oh, ow};
  node.layer = layer_from_parameter(n->input(1));
  if (node.layer.empty()) node.layer = layer_from_callstack(n);
  set_output(n, std::move(node));
  return true;
}

bool Importer::consequence_of_unsupported(torch::jit::Node* n, OpKind kind, int input) {
  set_output(n, make_node(n, kind, input));
  return true;
}

// aten::avg_pool2d (nn.AvgPool2d, F.avg_pool2d) with constant window, no ceil
// mode and no divisor override.
bool Importer::convert_avg_pool2d(torch::jit::Node* n) {
  if (n->kind() != c10::aten::avg_pool2d || n->inputs().size() != 7) return false;
  const int x = input_id(n->input(0));
  if (x < 0) return false;
  const auto in_shape = shape_of(x);
  if (in_shape.empty()) return consequence_of_unsupported(n, OpKind::kAvgPool2d, x);
  const auto kernel = constant_pair(n->input(1));
  auto stride = constant_pair(n->input(2));
  if (auto iv = torch::jit::toIValue(n->input(2));
      !stride && iv && iv->isIntList() && iv->toIntVector().empty())
    stride = kernel;  // PyTorch's default: stride = kernel_size
  const auto padding = constant_pair(n->input(3));
  const auto ceil_mode = known_bool(n->input(4)), include_pad = known_bool(n->input(5));
  const auto divisor = torch::jit::toIValue(n->input(6));
  if (in_shape.size() != 3 || !kernel || !stride || !padding || !ceil_mode || !include_pad ||
      !divisor || !divisor->isNone()) {
    add_unsupported(n, "AvgPool2d needs a per-sample [C, H, W] value and constant kernel, "
                       "stride and padding, without divisor_override");
    return true;
  }
  if (*ceil_mode) {
    add_unsupported(n, "AvgPool2d with ceil_mode=True");
    return true;
  }
  Window w;
  w.kernel_h = (*kernel)[0], w.kernel_w = (*kernel)[1];
  w.stride_h = (*stride)[0], w.stride_w = (*stride)[1];
  w.pad_h = (*padding)[0], w.pad_w = (*padding)[1];
  w.count_include_pad = *include_pad;
  const int64_t oh = Window::out_size(in_shape[1], w.kernel_h, w.stride_h, w.pad_h);
  const int64_t ow = Window::out_size(in_shape[2], w.kernel_w, w.stride_w, w.pad_w);
  if (w.kernel_h < 1 || w.kernel_w < 1 || w.stride_h < 1 || w.stride_w < 1 || oh < 1 || ow < 1) {
    add_unsupported(n, "AvgPool2d whose window does not fit its input");
    return true;
  }
  Node node = make_node(n, OpKind::kAvgPool2d, x);
  node.window = w;
  node.shape = {in_shape[0], oh, ow};
  set_output(n, std::move(node));
  return true;
}

// ReLU6, Hardtanh(0, c), clamp(x, 0, c), clamp(x, min=0): a ReLU whose
// output stops at c. The chip's rates stop at the layer's lambda anyway, so
// quantize makes lambda <= c and the clamp is exact.
bool Importer::convert_relu_like(torch::jit::Node* n) {
  namespace aten = c10::aten;
  const auto kind = n->kind();
  const int x = n->inputs().empty() ? -1 : input_id(n->input(0));
  if (x < 0) return false;
  std::optional<double> low, high;
  bool has_high = true;
  std::string what;
  if (kind == aten::relu6 || kind == aten::relu6_) {
    low = 0.0, high = 6.0, what = "relu6";
  } else if ((kind == aten::hardtanh || kind == aten::hardtanh_) && n->inputs().size() == 3) {
    low = constant_number(n->input(1)), high = constant_number(n->input(2)), what = "hardtanh";
  } else if ((kind == aten::clamp || kind == aten::clamp_) && n->inputs().size() == 3) {
    const auto max = torch::jit::toIValue(n->input(2));
    has_high = !(max && max->isNone());
    low = constant_number(n->input(1));
    if (has_high) high = constant_number(n->input(2));
    what = "clamp";
  } else if ((kind == aten::clamp_min || kind == aten::clamp_min_) && n->inputs().size() == 2) {
    low = constant_number(n->input(1)), has_high = false, what = "clamp_min";
  } else {
    return false;
  }
  if (!low || *low != 0 || (has_high && (!high || *high <= 0))) {
    auto bound = [](const std::optional<double>& b) {
      if (!b) return std::string("none");
      char text[32];
      std::snprintf(text, sizeof text, "%g", *b);
      return std::string(text);
    };
    add_unsupported(n, what + " with bounds [" + bound(low) + ", " +
                           (has_high ? bound(high) : std::string("inf")) +
                           "]: SpikeCore neurons fire rates from 0 up, so only [0, c] with a "
                           "constant c > 0 maps onto them (nn.ReLU6, nn.Hardtanh(0, c), "
                           "torch.clamp(x, 0, c))");
    return true;
  }
  Node node = make_node(n, OpKind::kRelu, x);
  node.shape = shape_of(x);
  if (has_high) node.ceiling = *high;
  set_output(n, std::move(node));
  return true;
}

std::vector<int64_t> Importer::shape_of(int id) const {
  const Node* n = graph_.find(id);
  return n ? n->shape : std::vector<int64_t>{};
}

SourceLocation Importer::located(const torch::jit::Node* n) const {
  const auto it = locations_.find(n);
  return it == locations_.end() ? SourceLocation{} : it->second;
}

Node Importer::make_node(torch::jit::Node* n, OpKind kind, int input) {
  Node node;
  node.kind = kind;
  node.op = n->kind().toQualString();
  node.loc = located(n);
  node.layer = layer_from_callstack(n);
  node.layer_type = module_type_of(n);
  if (input >= 0) node.inputs.push_back(input);
  return node;
}

void Importer::set_output(torch::jit::Node* n, Node node) {
  std::string base = node.layer.empty() ? sanitize(n->output(0)->debugName()) : node.layer;
  if (!node.layer.empty() && node.kind != OpKind::kLinear && node.kind != OpKind::kMatMul &&
      node.kind != OpKind::kConv2d && node.kind != OpKind::kUnsupported)
    base += std::string(".") + op_name(node.kind);
  std::string name = base;
  for (int i = 1; names_.count(name); ++i) name = base + "_" + std::to_string(i);
  names_.insert(name);
  node.name = name;
  ids_[n->output(0)] = graph_.add(std::move(node)).id;
}

void Importer::add_unsupported(torch::jit::Node* n, const std::string& why) {
  Node node = make_node(n, OpKind::kUnsupported);
  for (Value* in : n->inputs()) {
    Tensor t;
    const int id = input_id(in);
    if (id >= 0) {
      node.inputs.push_back(id);
    } else if (node.layer.empty() && constant_tensor(in, t)) {
      node.layer = layer_from_parameter(in);
    }
  }
  node.detail = why;
  if (n->outputs().empty()) {
    Node& added = graph_.add(std::move(node));
    added.name = "unsupported" + std::to_string(added.id);
    return;
  }
  set_output(n, std::move(node));
}

std::optional<std::vector<int64_t>> Importer::reshape_target(torch::jit::Node* n, int input) {
  std::vector<SymbolicInt> dims;
  Value* shape = n->input(1);
  if (auto iv = torch::jit::toIValue(shape); iv && iv->isIntList()) {
    for (int64_t d : iv->toIntVector()) dims.push_back({false, d});
  } else if (lists_.count(shape)) {
    for (Value* e : lists_.at(shape)) {
      auto s = symbolic_int(e);
      if (!s) return std::nullopt;
      dims.push_back(*s);
    }
  } else {
    return std::nullopt;
  }
  int64_t per_sample = 1;
  for (int64_t d : shape_of(input)) per_sample *= d;
  if (dims.empty() || per_sample <= 0) return std::nullopt;
  // The first dimension must stay the batch: x.size(0), or -1 when the rest
  // already accounts for one sample.
  std::vector<int64_t> rest;
  int64_t known = 1, inferred = -1;
  for (size_t i = 1; i < dims.size(); ++i) {
    if (dims[i].batch) return std::nullopt;
    if (dims[i].value == -1) {
      if (inferred >= 0) return std::nullopt;
      inferred = int64_t(i - 1);
    } else {
      known *= dims[i].value;
    }
    rest.push_back(dims[i].value);
  }
  if (known <= 0) return std::nullopt;
  if (inferred >= 0) {
    if (per_sample % known) return std::nullopt;
    rest[size_t(inferred)] = per_sample / known;
  } else if (known != per_sample) {
    return std::nullopt;
  }
  if (!dims[0].batch && dims[0].value != -1) return std::nullopt;
  if (!dims[0].batch && inferred >= 0) return std::nullopt;  // two unknown dimensions
  return rest;
}

void Importer::convert(torch::jit::Node* n) {
  namespace aten = c10::aten;
  namespace prim = c10::prim;
  const auto kind = n->kind();
  if (kind == prim::Constant) return;  // read on demand through toIValue
  if (kind == prim::ListConstruct) {
    lists_[n->output()] = std::vector<Value*>(n->inputs().begin(), n->inputs().end());
    return;
  }
  if (kind == aten::size && n->inputs().size() == 2) {
    auto dim = constant_int(n->input(1));
    const int id = input_id(n->input(0));
    if (dim && id >= 0) {
      const auto shape = shape_of(id);
      if (*dim == 0) {
        ints_[n->output()] = {true, 0};
        return;
      }
      const int64_t d = *dim < 0 ? *dim + int64_t(shape.size()) + 1 : *dim;
      if (d >= 1 && size_t(d) <= shape.size()) {
        ints_[n->output()] = {false, shape[size_t(d - 1)]};
        return;
      }
    }
    add_unsupported(n, "aten::size on a value the compiler cannot follow");
    return;
  }
  if (kind == prim::NumToTensor || kind == aten::Int) {
    if (auto s = symbolic_int(n->input(0))) {
      ints_[n->output()] = *s;
      return;
    }
  }

  const int x = n->inputs().empty() ? -1 : input_id(n->input(0));
  if ((kind == aten::relu || kind == aten::relu_) && x >= 0) {
    Node node = make_node(n, OpKind::kRelu, x);
    node.shape = shape_of(x);
    set_output(n, std::move(node));
    return;
  }
  if ((kind == aten::dropout || kind == aten::dropout_ || kind == aten::feature_dropout) &&
      x >= 0) {
    auto train = torch::jit::toIValue(n->input(2));
    if (train && train->isBool() && !train->toBool()) {
      Node node = make_node(n, OpKind::kIdentity, x);
      node.shape = shape_of(x);
      set_output(n, std::move(node));
      return;
    }
  }
  if ((kind == aten::softmax || kind == aten::log_softmax) && x >= 0) {
    // Over the class dimension of a per-sample vector: kept as an identity
    // here, dropped by run() if it is forward()'s last operation.
    const auto dim = constant_int(n->input(1));
    if (dim && (*dim == 1 || *dim == -1) && shape_of(x).size() == 1) {
      Node node = make_node(n, OpKind::kIdentity, x);
      node.shape = shape_of(x);
      set_output(n, std::move(node));
      return;
    }
  }
  if ((kind == aten::contiguous || kind == aten::detach) && x >= 0) {
    Node node = make_node(n, OpKind::kIdentity, x);
    node.shape = shape_of(x);
    set_output(n, std::move(node));
    return;
  }
  if (kind == aten::flatten && x >= 0) {
    auto start = constant_int(n->input(1));
    auto end = constant_int(n->input(2));
    const auto shape = shape_of(x);
    const int64_t rank = int64_t(shape.size()) + 1;  // with the batch dimension
    if (start && end && *start == 1 && (*end == -1 || *end == rank - 1)) {
      Node node = make_node(n, OpKind::kFlatten, x);
      int64_t size = 1;
      for (int64_t d : shape) size *= d;
      node.shape = {size};
      set_output(n, std::move(node));
      return;
    }
    add_unsupported(n, "flatten must keep the batch dimension: use torch.flatten(x, 1) "
                       "or nn.Flatten()");
    return;
  }
  if ((kind == aten::view || kind == aten::reshape) && x >= 0) {
    if (auto target = reshape_target(n, x)) {
      Node node = make_node(n, OpKind::kReshape, x);
      node.reshape_to = *target;
      node.shape = *target;
      set_output(n, std::move(node));
      return;
    }
    add_unsupported(n, "view/reshape must keep the batch dimension first, e.g. "
                       "x.view(x.size(0), -1) or x.reshape(-1, 784)");
    return;
  }
  if (kind == aten::linear && x >= 0) {
    Node node = make_node(n, OpKind::kLinear, x);
    const bool has_weight = constant_tensor(n->input(1), node.weight);
    const bool has_bias = constant_tensor(n->input(2), node.bias) ||
                          (torch::jit::toIValue(n->input(2)) &&
                           torch::jit::toIValue(n->input(2))->isNone());
    if (has_weight && has_bias && node.weight.shape.size() == 2) {
      node.layer = layer_from_parameter(n->input(1));
      if (node.layer.empty()) node.layer = layer_from_callstack(n);
      node.shape = {node.weight.dim(0)};
      set_output(n, std::move(node));
      return;
    }
    add_unsupported(n, "linear layer whose weight or bias is not a constant 2-D/1-D tensor");
    return;
  }
  if (kind == aten::addmm && n->inputs().size() == 5) {
    const int mat = input_id(n->input(1));
    auto beta = constant_int(n->input(3)), alpha = constant_int(n->input(4));
    Tensor bias, weight_t;
    if (mat >= 0 && beta == 1 && alpha == 1 && constant_tensor(n->input(0), bias) &&
        constant_tensor(n->input(2), weight_t) && weight_t.shape.size() == 2) {
      Node node = make_node(n, OpKind::kMatMul, mat);
      node.weight = weight_t;
      node.layer = layer_from_parameter(n->input(2));
      if (node.layer.empty()) node.layer = layer_from_parameter(n->input(0));
      node.shape = {weight_t.dim(1)};
      set_output(n, std::move(node));
      // The bias becomes an add on the matmul's result; canonicalize folds it.
      Node add;
      add.kind = OpKind::kAddConst;
      add.op = "aten::addmm";
      add.loc = located(n);
      add.layer = graph_.nodes.back().layer;
      add.inputs = {graph_.nodes.back().id};
      add.bias = bias;
      add.shape = graph_.nodes.back().shape;
      add.name = graph_.nodes.back().name + ".bias";
      ids_[n->output()] = graph_.add(add).id;
      return;
    }
  }
  if ((kind == aten::matmul || kind == aten::mm) && x >= 0) {
    Node node = make_node(n, OpKind::kMatMul, x);
    if (constant_tensor(n->input(1), node.weight) && node.weight.shape.size() == 2) {
      node.layer = layer_from_parameter(n->input(1));
      if (node.layer.empty()) node.layer = layer_from_callstack(n);
      node.shape = {node.weight.dim(1)};
      set_output(n, std::move(node));
      return;
    }
    add_unsupported(n, "matmul with a weight that is not a constant 2-D tensor");
    return;
  }
  if (convert_guard(n) || convert_elementwise(n) || convert_batch_norm(n) ||
      convert_relu_like(n) || convert_conv2d(n) || convert_avg_pool2d(n))
    return;
  if (kind.is_prim() && kind != prim::If && kind != prim::Loop && kind != prim::CallFunction &&
      kind != prim::CallMethod && n->outputs().size() == 1 &&
      n->output()->type()->kind() != c10::TypeKind::TensorType) {
    return;  // helper values (tuples of ints, ...); a tensor use of them is caught above
  }
  add_unsupported(n, "");
}

}  // namespace

Graph import_torchscript(const std::string& path) { return Importer().run(path); }

}  // namespace spikecore::compiler
