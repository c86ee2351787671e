// SpikeCore assembler: assembly text -> ChipConfig (syntax in docs/isa.md,
// "Assembly"). Reports every error it finds, each with file:line:col.
#include "isa/assembler.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>

#include "isa/asm_lexer.h"
#include "isa/asm_operands.h"
#include "common/read_file.h"

namespace spikecore::isa {

std::string Diagnostic::to_string() const {
  std::string where = file;
  if (line > 0) where += ":" + std::to_string(line) + ":" + std::to_string(column);
  return where + ": error: " + message;
}

namespace {

std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += (text.empty() ? "" : "\n") + d.to_string();
  return text;
}

}  // namespace

AssemblyError::AssemblyError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace {

using detail::Token;

using detail::Fields;
using detail::found;
using detail::quoted;
using detail::Range;

// Per-core bookkeeping for duplicate detection.
struct CoreState {
  unsigned line = 0;  // line of its .core directive; 0 = not defined
  std::array<unsigned, kWeightSramBytes> weight_line{};
  std::array<unsigned, kNeuronSlots> neuron_line{};
  bool program_full_reported = false;
  bool routes_full_reported = false;
};

struct ReferenceState {
  unsigned line = 0;
  std::vector<unsigned> weight_line, bias_line;
};

class Assembler {
 public:
  explicit Assembler(std::string file)
      : file_(std::move(file)),
        chip_(make_empty_chip()),
        operands_(
            [this](unsigned column, std::string message) { error(column, std::move(message)); }) {
    cores_.resize(chip_.num_cores());
  }

  ChipConfig run(std::string_view text) {
    // Editors on some systems start UTF-8 files with a byte-order mark; it is
    // not part of any statement.
    constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
    if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
    unsigned line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      ++line_no;
      parse_line(text.substr(pos, end - pos), line_no);
      pos = end + 1;
    }
    finish();
    if (suppressed_)
      diagnostics_.push_back({file_, 0, 0,
                              std::to_string(suppressed_) + " more error" +
                                  (suppressed_ == 1 ? "" : "s") + " not shown (the first " +
                                  std::to_string(kMaxDiagnostics) + " are listed)"});
    if (!diagnostics_.empty()) throw AssemblyError(std::move(diagnostics_));
    return std::move(chip_);
  }

 private:
  // ---- diagnostics -------------------------------------------------------------
  // A file of garbage must not yield millions of messages (and their memory).
  static constexpr size_t kMaxDiagnostics = 100;
  void error(unsigned column, std::string message) { error_at(line_, column, std::move(message)); }
  void error_at(unsigned line, unsigned column, std::string message) {
    if (diagnostics_.size() >= kMaxDiagnostics) {
      ++suppressed_;
      return;
    }
    diagnostics_.push_back({file_, line, column, std::move(message)});
  }
  // Operand helpers, reporting on the current line.
  std::optional<long long> number(const Token& t, long long min, long long max,
                                  const std::string& what) {
    return operands_.number(t, min, max, what);
  }
  std::optional<Range> range(const Token& t, long long limit, const std::string& what) {
    return operands_.range(t, limit, what);
  }
  std::optional<Fields> fields(const std::vector<Token>& tokens, size_t from,
                               const std::string& owner,
                               std::initializer_list<const char*> allowed) {
    return operands_.fields(tokens, from, owner, allowed);
  }
  const Token* require(const Fields& f, const char* key, const std::string& owner,
                       unsigned column) {
    return operands_.require(f, key, owner, column);
  }
  std::optional<Range> range_field(const Fields& f, const char* key, long long limit,
                                   const std::string& owner, unsigned column) {
    return operands_.range_field(f, key, limit, owner, column);
  }
  std::optional<long long> number_field(const Fields& f, const char* key, long long min,
                                        long long max, const std::string& owner, unsigned column) {
    return operands_.number_field(f, key, min, max, owner, column);
  }

  std::optional<unsigned> core_field(const Fields& f, const char* key, const std::string& owner,
                                     unsigned column) {
    auto v = number_field(f, key, 0, chip_.num_cores() - 1, owner, column);
    if (!v) return std::nullopt;
    return unsigned(*v);
  }
  // The destination of a PSUM or route: chip=K (default 0) and core=C on that chip.
  std::optional<std::pair<unsigned, unsigned>> destination_field(const Fields& f,
                                                                 const std::string& owner,
                                                                 unsigned column) {
    unsigned dst_chip = 0;
    if (f.count("chip")) {
      auto c = number_field(f, "chip", 0, chip_.num_chips() - 1, owner, column);
      if (!c) return std::nullopt;
      dst_chip = unsigned(*c);
    }
    auto core = number_field(f, "core", 0, chip_.cores_per_chip() - 1, owner, column);
    if (!core) return std::nullopt;
    return std::make_pair(dst_chip, unsigned(*core));
  }

  // ---- lines ---------------------------------------------------------------------
  void parse_line(std::string_view text, unsigned line_no) {
    line_ = line_no;
    detail::LexedLine lexed = detail::lex_line(text);
    if (!lexed.error.empty()) {
      error(lexed.error_column, lexed.error);
      return;
    }
    const std::vector<Token>& t = lexed.tokens;
    if (t.empty()) return;
    if (t[0].kind != Token::kWord) {
      error(t[0].column,
            "found " + found(t[0]) + ", expected a directive (.core, .input, ...) or a mnemonic");
      return;
    }
    const std::string& head = t[0].text;
    if (head == ".chip") return directive_chip(t);
    content_seen_ = true;
    if (head == ".model") return directive_model(t);
    if (head == ".timesteps") return directive_timesteps(t);
    if (head == ".input") return directive_io(t, chip_.host.inputs, "input");
    if (head == ".output") return directive_io(t, chip_.host.outputs, "output");
    if (head == ".layer") return directive_layer(t);
    if (head == ".reference") return directive_reference(t);
    if (head == ".refweights") return directive_refdata(t, true);
    if (head == ".refbias") return directive_refdata(t, false);
    if (head == ".core") return directive_core(t);
    if (head == ".weights") return directive_weights(t);
    if (head == ".neuron") return directive_neuron(t);
    if (head == ".route") return directive_route(t);
    if (head[0] == '.') {
      error(t[0].column, "unknown directive " + quoted(head) +
                             ", expected .chip, .model, .timesteps, .input, .output, .layer, "
                             ".reference, .refweights, .refbias, .core, .weights, .neuron or "
                             ".route");
      return;
    }
    instruction(t);
  }

  bool expect_count(const std::vector<Token>& t, size_t n, const std::string& usage) {
    if (t.size() >= n) return true;
    error(t.back().column + unsigned(t.back().text.size()),
          t[0].text + ": missing operand, expected '" + usage + "'");
    return false;
  }

  bool no_extra(const std::vector<Token>& t, size_t n, const std::string& usage) {
    if (t.size() <= n) return true;
    error(t[n].column, "unexpected " + found(t[n]) + " after '" + usage + "'");
    return false;
  }

  void directive_chip(const std::vector<Token>& t) {
    if (chip_line_) {
      error(t[0].column, ".chip given twice (first at line " + std::to_string(chip_line_) + ")");
      return;
    }
    chip_line_ = line_;
    if (content_seen_) {
      error(t[0].column, ".chip must come before every other directive");
      return;
    }
    auto f = fields(t, 1, ".chip", {"mesh", "board"});
    if (!f) return;
    const Token* mesh = require(*f, "mesh", ".chip", t[0].column);
    if (!mesh) return;
    auto dims = dimensions(*mesh, "mesh", kMaxCores, kMaxCores);
    if (!dims) return;
    const auto [width, height] = *dims;
    if (width * height > kMaxCores) {
      error(mesh->column, ".chip: mesh " + mesh->text + " has " + std::to_string(width * height) +
                              " cores, at most " + std::to_string(kMaxCores) + " are addressable");
      return;
    }
    std::pair<unsigned, unsigned> board{1, 1};
    if (auto it = f->find("board"); it != f->end()) {
      auto b = dimensions(it->second.value, "board", kMaxBoardWidth, kMaxBoardHeight);
      if (!b) return;
      board = *b;
    }
    HostConfig host = std::move(chip_.host);
    chip_ = make_empty_chip(width, height, board.first, board.second);
    chip_.host = std::move(host);
    cores_.assign(chip_.num_cores(), CoreState{});
  }

  // WIDTHxHEIGHT of a .chip field ("mesh" or "board").
  std::optional<std::pair<unsigned, unsigned>> dimensions(const Token& token, const char* what,
                                                          unsigned max_width, unsigned max_height) {
    const size_t x = token.text.find('x');
    if (x == std::string::npos) {
      error(token.column, ".chip: found " + found(token) + ", expected " + what +
                              "=WIDTHxHEIGHT");
      return std::nullopt;
    }
    Token w = token, h = token;
    w.text = token.text.substr(0, x);
    h.text = token.text.substr(x + 1);
    h.column += unsigned(x) + 1;
    auto width = number(w, 1, max_width, std::string(what) + " width");
    auto height = number(h, 1, max_height, std::string(what) + " height");
    if (!width || !height) return std::nullopt;
    return std::make_pair(unsigned(*width), unsigned(*height));
  }

  void directive_model(const std::vector<Token>& t) {
    if (!expect_count(t, 2, ".model \"NAME\"") || !no_extra(t, 2, ".model \"NAME\"")) return;
    if (model_line_) {
      error(t[0].column, ".model given twice (first at line " + std::to_string(model_line_) + ")");
      return;
    }
    if (t[1].kind != Token::kString && t[1].kind != Token::kWord) {
      error(t[1].column, ".model: found " + found(t[1]) + ", expected a name");
      return;
    }
    model_line_ = line_;
    chip_.host.model_name = t[1].text;
  }

  void directive_timesteps(const std::vector<Token>& t) {
    if (!expect_count(t, 2, ".timesteps N") || !no_extra(t, 2, ".timesteps N")) return;
    if (timesteps_line_) {
      error(t[0].column,
            ".timesteps given twice (first at line " + std::to_string(timesteps_line_) + ")");
      return;
    }
    timesteps_line_ = line_;
    if (auto v = number(t[1], 0, 65535, "time steps")) chip_.host.default_timesteps = uint16_t(*v);
  }

  // Appends `count` neuron references (core, slot..slot+count-1) from fields.
  bool neuron_refs(const Fields& f, const std::string& owner, unsigned column,
                   std::vector<NeuronRef>& out) {
    auto core = core_field(f, "core", owner, column);
    auto slots = range_field(f, "slot", kNeuronSlots, owner, column);
    if (!core || !slots) return false;
    for (long long i = 0; i < slots->count; ++i)
      out.push_back(NeuronRef{uint16_t(*core), uint8_t(slots->base + i)});
    return true;
  }

  void directive_io(const std::vector<Token>& t, std::vector<NeuronRef>& refs, const char* what) {
    const std::string usage = "." + std::string(what) + " INDEX core=C slot=S [count=N]";
    if (!expect_count(t, 2, usage)) return;
    auto index = number(t[1], 0, 1 << 24, std::string(what) + " index");
    if (!index) return;
    if (size_t(*index) != refs.size()) {
      error(t[1].column, std::string(what) + " index " + std::to_string(*index) + " found, " +
                             "expected " + std::to_string(refs.size()) + ": " + what +
                             "s must be listed in order without gaps");
      return;
    }
    auto f = fields(t, 2, t[0].text, {"core", "slot", "count"});
    if (!f) return;
    neuron_refs(*f, t[0].text, t[0].column, refs);
  }

  void directive_layer(const std::vector<Token>& t) {
    const std::string usage = ".layer NAME input|hidden|output [core=C slot=S [count=N]]";
    if (!expect_count(t, 3, usage)) return;
    if (t[1].kind == Token::kEquals || t[1].kind == Token::kColon) {
      error(t[1].column, ".layer: found " + found(t[1]) + ", expected a layer name");
      return;
    }
    LayerRole role;
    if (t[2].text == "input")
      role = LayerRole::kInput;
    else if (t[2].text == "hidden")
      role = LayerRole::kHidden;
    else if (t[2].text == "output")
      role = LayerRole::kOutput;
    else {
      error(t[2].column, ".layer: found " + found(t[2]) + ", expected input, hidden or output");
      return;
    }
    auto it = layer_index_.find(t[1].text);
    if (it == layer_index_.end()) {
      it = layer_index_.emplace(t[1].text, chip_.host.layers.size()).first;
      chip_.host.layers.push_back(LayerInfo{t[1].text, role, {}});
    }
    LayerInfo& layer = chip_.host.layers[it->second];
    if (layer.role != role) {
      error(t[2].column,
            ".layer " + t[1].text + ": role " + t[2].text + " differs from the role given earlier");
      return;
    }
    if (t.size() == 3) return;  // declares an empty layer
    auto f = fields(t, 3, ".layer " + t[1].text, {"core", "slot", "count"});
    if (f) neuron_refs(*f, ".layer " + t[1].text, t[0].column, layer.neurons);
  }

  void directive_reference(const std::vector<Token>& t) {
    if (!expect_count(t, 2, ".reference NAME in=N out=M threshold=T")) return;
    const std::string& name = t[1].text;
    if (auto it = reference_index_.find(name); it != reference_index_.end()) {
      error(t[1].column, "reference layer " + quoted(name) + " defined twice (first at line " +
                             std::to_string(references_[it->second].line) + ")");
      return;
    }
    auto f = fields(t, 2, ".reference " + name,
                    {"in", "out", "threshold", "kernel", "stride", "pad", "depthwise"});
    if (!f) return;
    const std::string owner = ".reference " + name;
    ConvGeometry conv;
    std::optional<long long> in, out;
    if (f->count("kernel")) {
      auto g = reference_geometry(*f, owner, t[0].column);
      if (!g) return;
      conv = *g;
      in = (long long)conv.in_c * conv.in_h * conv.in_w;
      out = (long long)conv.out_c * conv.out_h * conv.out_w;
    } else {
      in = number_field(*f, "in", 0, 1 << 20, owner, t[0].column);
      out = number_field(*f, "out", 0, 1 << 20, owner, t[0].column);
    }
    auto threshold = number_field(*f, "threshold", 1, kInt16Max, owner, t[0].column);
    if (!in || !out || !threshold) return;
    if (*in * *out > (1LL << 26)) {
      error(t[0].column, owner + ": " + std::to_string(*in) + " x " + std::to_string(*out) +
                             " weights is too large for a reference layer");
      return;
    }
    ReferenceLayer layer;
    layer.name = name;
    layer.inputs = uint32_t(*in);
    layer.outputs = uint32_t(*out);
    layer.threshold = int16_t(*threshold);
    layer.conv = conv;
    layer.weights.assign(conv.empty() ? size_t(*in * *out) : conv.weight_count(), 0);
    layer.bias.assign(size_t(*out), 0);
    ReferenceState state;
    state.line = line_;
    state.weight_line.assign(layer.weights.size(), 0);
    reference_index_[name] = chip_.host.reference.size();
    chip_.host.reference.push_back(std::move(layer));
    state.bias_line.assign(size_t(*out), 0);
    references_.push_back(std::move(state));
  }

  // The convolution of ".reference NAME in=CxHxW out=CxHxW kernel=KHxKW [stride=S]
  // [pad=P] [depthwise=1]": the output size must follow from the others.
  std::optional<ConvGeometry> reference_geometry(const Fields& f, const std::string& owner,
                                                 unsigned column) {
    const Token* in_t = require(f, "in", owner, column);
    const Token* out_t = require(f, "out", owner, column);
    if (!in_t || !out_t) return std::nullopt;
    auto in = operands_.shape(*in_t, {{"C", 4096}, {"H", 4096}, {"W", 4096}}, owner, "in");
    auto out = operands_.shape(*out_t, {{"C", 4096}, {"H", 4096}, {"W", 4096}}, owner, "out");
    auto kernel = operands_.shape(f.at("kernel").value, {{"KH", 255}, {"KW", 255}}, owner, "kernel");
    std::optional<long long> stride = 1, pad = 0, depthwise = 0;
    if (f.count("stride")) stride = number_field(f, "stride", 1, 255, owner, column);
    if (f.count("pad")) pad = number_field(f, "pad", 0, 255, owner, column);
    if (f.count("depthwise")) depthwise = number_field(f, "depthwise", 0, 1, owner, column);
    if (!in || !out || !kernel || !stride || !pad || !depthwise) return std::nullopt;
    ConvGeometry g;
    g.in_c = uint16_t((*in)[0]);
    g.in_h = uint16_t((*in)[1]);
    g.in_w = uint16_t((*in)[2]);
    g.out_c = uint16_t((*out)[0]);
    g.out_h = uint16_t((*out)[1]);
    g.out_w = uint16_t((*out)[2]);
    g.kernel_h = uint8_t((*kernel)[0]);
    g.kernel_w = uint8_t((*kernel)[1]);
    g.stride = uint8_t(*stride);
    g.padding = uint8_t(*pad);
    g.depthwise = *depthwise != 0;
    if (std::string e = validate(g); !e.empty()) {
      error(out_t->column, owner + ": " + e);
      return std::nullopt;
    }
    const uint64_t inputs = uint64_t(g.in_c) * g.in_h * g.in_w;
    const uint64_t outputs = uint64_t(g.out_c) * g.out_h * g.out_w;
    if (inputs > (1u << 20) || outputs > (1u << 20) || g.weight_count() > (1u << 26)) {
      error(column, owner + ": " + std::to_string(inputs) + " inputs, " +
                        std::to_string(outputs) + " outputs and " +
                        std::to_string(g.weight_count()) +
                        " kernel weights are too large for a reference layer");
      return std::nullopt;
    }
    return g;
  }

  // ".refweights NAME OFFSET: v v v" and ".refbias NAME OFFSET: v v v".
  void directive_refdata(const std::vector<Token>& t, bool weights) {
    const std::string usage = t[0].text + " NAME OFFSET: VALUES...";
    if (!expect_count(t, 4, usage)) return;
    auto it = reference_index_.find(t[1].text);
    if (it == reference_index_.end()) {
      error(t[1].column, t[0].text + ": unknown reference layer " + quoted(t[1].text) +
                             ", expected a name defined by an earlier .reference");
      return;
    }
    if (t[3].kind != Token::kColon) {
      error(t[3].column, t[0].text + ": found " + found(t[3]) + ", expected ':' after the offset");
      return;
    }
    ReferenceLayer& layer = chip_.host.reference[it->second];
    std::vector<unsigned>& set_lines =
        weights ? references_[it->second].weight_line : references_[it->second].bias_line;
    const long long size = weights ? (long long)layer.weights.size() : (long long)layer.bias.size();
    if (size == 0) {
      error(t[1].column, t[0].text + ": reference layer " + quoted(t[1].text) + " has no " +
                             (weights ? "weights" : "biases"));
      return;
    }
    auto offset = number(t[2], 0, size - 1, std::string(weights ? "weight" : "bias") + " offset");
    if (!offset) return;
    long long index = *offset;
    for (size_t i = 4; i < t.size(); ++i, ++index) {
      if (index >= size) {
        error(t[i].column, t[0].text + " " + t[1].text + ": value " + std::to_string(index) +
                               " is past the end (" + std::to_string(size) + " values)");
        return;
      }
      auto v = weights ? number(t[i], kWeightMin, kWeightMax, "weight")
                       : number(t[i], kInt16Min, kInt16Max, "bias");
      if (!v) continue;
      if (set_lines[size_t(index)]) {
        error(t[i].column, t[0].text + " " + t[1].text + ": value " + std::to_string(index) +
                               " already given at line " +
                               std::to_string(set_lines[size_t(index)]));
        continue;
      }
      set_lines[size_t(index)] = line_;
      if (weights)
        layer.weights[size_t(index)] = int8_t(*v);
      else
        layer.bias[size_t(index)] = int16_t(*v);
    }
  }

  void directive_core(const std::vector<Token>& t) {
    if (!expect_count(t, 2, ".core N") || !no_extra(t, 2, ".core N")) return;
    current_core_.reset();
    auto id = number(t[1], 0, chip_.num_cores() - 1, "core");
    if (!id) return;
    CoreState& state = cores_[size_t(*id)];
    if (state.line) {
      error(t[1].column, "core " + std::to_string(*id) + " defined twice (first at line " +
                             std::to_string(state.line) + ")");
      return;
    }
    state.line = line_;
    current_core_ = unsigned(*id);
  }

  // The core that core-level content belongs to; reports content outside .core.
  CoreConfig* core_for(const Token& head) {
    if (current_core_) return &chip_.cores[*current_core_];
    error(head.column, found(head) + " outside a .core block, expected '.core N' before it");
    return nullptr;
  }

  void directive_weights(const std::vector<Token>& t) {
    CoreConfig* core = core_for(t[0]);
    if (!core || !expect_count(t, 3, ".weights OFFSET: VALUES...")) return;
    if (t[2].kind != Token::kColon) {
      error(t[2].column, ".weights: found " + found(t[2]) + ", expected ':' after the offset");
      return;
    }
    auto offset = number(t[1], 0, kWeightSramBytes - 1, "weight offset");
    if (!offset) return;
    CoreState& state = cores_[*current_core_];
    long long index = *offset;
    for (size_t i = 3; i < t.size(); ++i, ++index) {
      if (index >= kWeightSramBytes) {
        error(t[i].column, ".weights: byte " + std::to_string(index) + " is past the end of the " +
                               std::to_string(kWeightSramBytes) + "-byte weight SRAM");
        return;
      }
      auto v = number(t[i], kWeightMin, kWeightMax, "weight");
      if (!v) continue;
      if (state.weight_line[size_t(index)]) {
        error(t[i].column, "weight byte " + std::to_string(index) + " of core " +
                               std::to_string(*current_core_) + " already set at line " +
                               std::to_string(state.weight_line[size_t(index)]));
        continue;
      }
      state.weight_line[size_t(index)] = line_;
      core->weights[size_t(index)] = int8_t(*v);
    }
  }

  void directive_neuron(const std::vector<Token>& t) {
    CoreConfig* core = core_for(t[0]);
    const std::string usage = ".neuron SLOT[..END] [threshold=T] [bias=B] [start=S] [init=V]";
    if (!core || !expect_count(t, 2, usage)) return;
    auto slots = range(t[1], kNeuronSlots, "neuron slot");
    auto f = fields(t, 2, ".neuron", {"threshold", "bias", "start", "init"});
    if (!slots || !f) return;
    NeuronParams p;
    bool ok = true;
    if (auto it = f->find("threshold"); it != f->end()) {
      auto v = number(it->second.value, 1, kInt16Max, "threshold");
      ok = ok && v;
      if (v) p.threshold = int16_t(*v);
    }
    if (auto it = f->find("bias"); it != f->end()) {
      auto v = number(it->second.value, kInt16Min, kInt16Max, "bias");
      ok = ok && v;
      if (v) p.bias = int16_t(*v);
    }
    if (auto it = f->find("start"); it != f->end()) {
      auto v = number(it->second.value, 0, 255, "start");
      ok = ok && v;
      if (v) p.bias_start = uint8_t(*v);
    }
    if (auto it = f->find("init"); it != f->end()) {
      auto v = number(it->second.value, kInt16Min, kInt16Max, "init");
      ok = ok && v;
      if (v) p.initial_potential = int16_t(*v);
    }
    if (!ok) return;
    CoreState& state = cores_[*current_core_];
    for (long long s = slots->base; s < slots->base + slots->count; ++s) {
      if (state.neuron_line[size_t(s)]) {
        error(t[1].column, "neuron " + std::to_string(s) + " of core " +
                               std::to_string(*current_core_) + " already set at line " +
                               std::to_string(state.neuron_line[size_t(s)]));
        return;
      }
      state.neuron_line[size_t(s)] = line_;
      core->neurons[size_t(s)] = p;
    }
  }

  void directive_route(const std::vector<Token>& t) {
    CoreConfig* core = core_for(t[0]);
    if (!core) return;
    auto f = fields(t, 1, ".route", {"neurons", "count", "chip", "core", "axon"});
    if (!f) return;
    auto neurons = range_field(*f, "neurons", kNeuronSlots, ".route", t[0].column);
    auto dst = destination_field(*f, ".route", t[0].column);
    auto axon = number_field(*f, "axon", 0, kAxonsPerCore - 1, ".route", t[0].column);
    if (!neurons || !dst || !axon) return;
    RouteEntry r;
    r.neuron_base = uint8_t(neurons->base);
    r.count = uint8_t(neurons->count);
    r.dst_chip = uint8_t(dst->first);
    r.dst_core = uint8_t(dst->second);
    r.dst_axon_base = uint8_t(*axon);
    if (std::string e = validate(r); !e.empty()) {
      error(t[0].column, e);
      return;
    }
    CoreState& state = cores_[*current_core_];
    if (core->routes.size() >= kRouteEntries) {
      if (!state.routes_full_reported)
        error(t[0].column, "core " + std::to_string(*current_core_) + ": too many route entries, " +
                               "at most " + std::to_string(kRouteEntries) + " fit");
      state.routes_full_reported = true;
      return;
    }
    core->routes.push_back(r);
  }

  void instruction(const std::vector<Token>& t) {
    std::string upper = t[0].text;
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    const auto op = opcode_from_mnemonic(upper);
    if (!op) {
      error(t[0].column, "unknown mnemonic " + quoted(t[0].text) +
                             ", expected ACC, CONV, PSUM, FIRE or LEAK (or a directive such as .core)");
      return;
    }
    CoreConfig* core = core_for(t[0]);
    if (!core) return;
    std::optional<Instruction> ins = parse_operands(*op, upper, t);
    if (!ins) return;
    if (std::string e = validate(*ins); !e.empty()) {
      error(t[0].column, e);
      return;
    }
    CoreState& state = cores_[*current_core_];
    if (core->program.size() >= kProgramWords) {
      if (!state.program_full_reported)
        error(t[0].column, "core " + std::to_string(*current_core_) + ": too many instructions, " +
                               "at most " + std::to_string(kProgramWords) + " fit");
      state.program_full_reported = true;
      return;
    }
    core->program.push_back(*ins);
  }

  // CONV axons=A in=CxHxW kernel=KHxKW [stride=S] [pad=P] out=CxHxW w=OFF acc=B; axons and
  // acc may be given as ranges, which must then span the window and the tile exactly.
  std::optional<Instruction> parse_conv(const Fields& f, const std::string& name, unsigned col) {
    const Token* in_t = require(f, "in", name, col);
    const Token* kernel_t = require(f, "kernel", name, col);
    const Token* out_t = require(f, "out", name, col);
    if (!in_t || !kernel_t || !out_t) return std::nullopt;
    auto in = operands_.shape(*in_t, {{"C", 16}, {"H", 32}, {"W", 32}}, name, "in");
    auto kernel = operands_.shape(*kernel_t, {{"KH", 8}, {"KW", 8}}, name, "kernel");
    auto out = operands_.shape(*out_t, {{"C", 16}, {"H", 16}, {"W", 32}}, name, "out");
    auto axons = range_field(f, "axons", kAxonsPerCore, name, col);
    auto w = number_field(f, "w", 0, kWeightSramBytes - 1, name, col);
    auto acc = range_field(f, "acc", kAccumulators, name, col);
    if (!in || !kernel || !out || !axons || !w || !acc) return std::nullopt;
    std::optional<long long> stride = 1, pad = 0;
    if (f.count("stride")) stride = number_field(f, "stride", 1, 4, name, col);
    if (f.count("pad")) pad = number_field(f, "pad", 0, 7, name, col);
    if (!stride || !pad) return std::nullopt;
    Instruction ins;
    ins.op = Opcode::kConv;
    ConvFields& c = ins.conv;
    c.axon_base = uint8_t(axons->base);
    c.in_c = uint8_t((*in)[0]);
    c.in_h = uint8_t((*in)[1]);
    c.in_w = uint8_t((*in)[2]);
    c.kernel_h = uint8_t((*kernel)[0]);
    c.kernel_w = uint8_t((*kernel)[1]);
    c.stride = uint8_t(*stride);
    c.pad_left = uint8_t(*pad);
    c.out_c = uint8_t((*out)[0]);
    c.out_h = uint8_t((*out)[1]);
    c.out_w = uint8_t((*out)[2]);
    c.weight_offset = uint8_t(*w);
    c.acc_base = uint8_t(acc->base);
    auto spans = [&](const char* key, const Range& r, unsigned size, const char* of) {
      if (f.at(key).value.text.find("..") == std::string::npos || unsigned(r.count) == size)
        return true;
      error(f.at(key).value.column, name + ": " + key + " range of " + std::to_string(r.count) +
                                        " disagrees with " + of + " = " + std::to_string(size));
      return false;
    };
    if (!spans("axons", *axons, c.axon_count(), "in_c x in_h x in_w") ||
        !spans("acc", *acc, c.acc_count(), "out_c x out_h x out_w"))
      return std::nullopt;
    return ins;
  }

  std::optional<Instruction> parse_operands(Opcode op, const std::string& name,
                                            const std::vector<Token>& t) {
    const unsigned col = t[0].column;
    Instruction ins;
    ins.op = op;
    switch (op) {
      case Opcode::kAcc: {
        auto f = fields(t, 1, name, {"axons", "w", "cols", "acc"});
        if (!f) return std::nullopt;
        auto axons = range_field(*f, "axons", kAxonsPerCore, name, col);
        auto w = number_field(*f, "w", 0, kWeightSramBytes - 1, name, col);
        auto acc = range_field(*f, "acc", kAccumulators, name, col);
        if (!axons || !w || !acc) return std::nullopt;
        long long cols = acc->count;
        if (auto c = f->find("cols"); c != f->end()) {
          auto v = number(c->second.value, 1, kAccumulators, "cols");
          if (!v) return std::nullopt;
          const bool acc_is_range = f->at("acc").value.text.find("..") != std::string::npos;
          if (acc_is_range && *v != acc->count) {
            error(c->second.value.column, name + ": cols " + std::to_string(*v) +
                                              " disagrees with acc range of " +
                                              std::to_string(acc->count));
            return std::nullopt;
          }
          cols = *v;
        } else if (f->at("acc").value.text.find("..") == std::string::npos) {
          error(col, name + ": missing field 'cols' (or give acc=FIRST..LAST)");
          return std::nullopt;
        }
        ins.acc = AccFields{uint8_t(axons->base), uint16_t(axons->count), uint8_t(*w),
                            uint8_t(cols), uint8_t(acc->base)};
        return ins;
      }
      case Opcode::kConv: {
        auto f = fields(t, 1, name, {"axons", "in", "kernel", "stride", "pad", "out", "w", "acc"});
        if (!f) return std::nullopt;
        return parse_conv(*f, name, col);
      }
      case Opcode::kPsum: {
        auto f = fields(t, 1, name, {"acc", "count", "chip", "core", "neuron"});
        if (!f) return std::nullopt;
        auto acc = range_field(*f, "acc", kAccumulators, name, col);
        auto dst = destination_field(*f, name, col);
        auto neuron = number_field(*f, "neuron", 0, kNeuronSlots - 1, name, col);
        if (!acc || !dst || !neuron) return std::nullopt;
        ins.psum = PsumFields{uint8_t(acc->base), uint8_t(acc->count), uint8_t(dst->second),
                              uint8_t(*neuron), uint8_t(dst->first)};
        return ins;
      }
      case Opcode::kFire: {
        auto f = fields(t, 1, name, {"neurons", "count"});
        if (!f) return std::nullopt;
        auto n = range_field(*f, "neurons", kNeuronSlots, name, col);
        if (!n) return std::nullopt;
        ins.fire = FireFields{uint8_t(n->base), uint8_t(n->count)};
        return ins;
      }
      case Opcode::kLeak: {
        auto f = fields(t, 1, name, {"neurons", "count", "shift"});
        if (!f) return std::nullopt;
        auto n = range_field(*f, "neurons", kNeuronSlots, name, col);
        auto shift = number_field(*f, "shift", 1, 15, name, col);
        if (!n || !shift) return std::nullopt;
        ins.leak = LeakFields{uint8_t(n->base), uint8_t(n->count), uint8_t(*shift)};
        return ins;
      }
      case Opcode::kNop:
        break;
    }
    return std::nullopt;
  }

  // ---- end of input ----------------------------------------------------------------
  void finish() {
    if (!content_seen_ && diagnostics_.empty()) {
      error_at(0, 0, "nothing to assemble: the file holds no statement besides .chip (empty, or "
                     "comments only); see docs/isa.md, section \"Assembly\"");
      return;
    }
    // Without .timesteps the image stores no default (0), and the tools then
    // ask for a time-step count instead of assuming one.
    if (!timesteps_line_) chip_.host.default_timesteps = 0;
    for (size_t i = 0; i < references_.size(); ++i) {
      const ReferenceLayer& layer = chip_.host.reference[i];
      report_missing(references_[i].weight_line, references_[i].line,
                     "reference layer '" + layer.name + "': weights");
      report_missing(references_[i].bias_line, references_[i].line,
                     "reference layer '" + layer.name + "': biases");
    }
    if (!diagnostics_.empty()) return;
    // Rules that need the whole chip (e.g. the accumulator bound).
    for (const std::string& problem : check(chip_)) {
      unsigned line = 0;
      unsigned core = 0;
      if (std::sscanf(problem.c_str(), "core %u", &core) == 1 && core < cores_.size())
        line = cores_[core].line;
      error_at(line, line ? 1 : 0, problem);
    }
  }

  void report_missing(const std::vector<unsigned>& set_lines, unsigned line,
                      const std::string& what) {
    for (size_t i = 0; i < set_lines.size(); ++i) {
      if (set_lines[i]) continue;
      size_t end = i;
      while (end + 1 < set_lines.size() && !set_lines[end + 1]) ++end;
      error_at(line, 1,
               what + " " + std::to_string(i) + ".." + std::to_string(end) +
                   " not given (expected " + std::to_string(set_lines.size()) + " values)");
      return;
    }
  }

  std::string file_;
  ChipConfig chip_;
  std::vector<CoreState> cores_;
  std::vector<Diagnostic> diagnostics_;
  detail::OperandParser operands_;
  unsigned line_ = 0;
  unsigned chip_line_ = 0, model_line_ = 0, timesteps_line_ = 0;
  bool content_seen_ = false;
  size_t suppressed_ = 0;  // errors past kMaxDiagnostics, counted only
  std::optional<unsigned> current_core_;
  std::map<std::string, size_t> layer_index_, reference_index_;
  std::vector<ReferenceState> references_;
};

}  // namespace

ChipConfig assemble(std::string_view text, const std::string& filename) {
  return Assembler(filename).run(text);
}

ChipConfig assemble_file(const std::string& path) {
  std::string text, error;
  if (!read_whole_file(path, text, error))
    throw AssemblyError({Diagnostic{path, 0, 0, "cannot open: " + error}});
  return assemble(text, path);
}

}  // namespace spikecore::isa
