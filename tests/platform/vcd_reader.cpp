#include "vcd_reader.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace spikecore::platform::testing {

const VcdVar* VcdFile::find(const std::string& path) const {
  for (const VcdVar& v : vars)
    if (v.path == path) return &v;
  return nullptr;
}

const std::vector<VcdChange>& VcdFile::changes_of(const std::string& path) const {
  static const std::vector<VcdChange> none;
  const VcdVar* v = find(path);
  if (!v) return none;
  const auto it = changes.find(v->id);
  return it == changes.end() ? none : it->second;
}

namespace {

class Tokens {
 public:
  Tokens(const std::string& path) : path_(path), in_(path) {
    if (!in_) throw std::runtime_error(path + ": cannot open");
  }
  bool next(std::string& token) {
    while (!(line_stream_ >> token)) {
      std::string line;
      if (!std::getline(in_, line)) return false;
      ++line_;
      line_stream_.clear();
      line_stream_.str(line);
    }
    return true;
  }
  std::string expect(const char* what) {
    std::string t;
    if (!next(t)) fail(std::string("unexpected end of file, expected ") + what);
    return t;
  }
  // Words up to "$end", joined by single spaces.
  std::string until_end() {
    std::string text, t;
    while ((t = expect("$end")) != "$end") text += (text.empty() ? "" : " ") + t;
    return text;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_ + ":" + std::to_string(line_) + ": " + what);
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::istringstream line_stream_;
  unsigned line_ = 0;
};

uint64_t binary_value(const std::string& bits, Tokens& tokens) {
  if (bits.size() > 64) tokens.fail("vector wider than 64 bits: " + bits);
  uint64_t v = 0;
  for (char c : bits) {
    if (c != '0' && c != '1') tokens.fail(std::string("value bit '") + c + "' is not 0 or 1");
    v = v << 1 | uint64_t(c - '0');
  }
  return v;
}

}  // namespace

VcdFile read_vcd(const std::string& path) {
  VcdFile file;
  Tokens tokens(path);
  std::vector<std::string> scopes;
  std::map<std::string, size_t> index;
  std::string t;
  bool definitions_done = false;
  uint64_t time = 0;
  while (tokens.next(t)) {
    if (!definitions_done) {
      if (t == "$date") {
        file.date = tokens.until_end();
      } else if (t == "$version" || t == "$comment") {
        tokens.until_end();
      } else if (t == "$timescale") {
        file.timescale = tokens.until_end();
      } else if (t == "$scope") {
        tokens.expect("scope kind");
        scopes.push_back(tokens.expect("scope name"));
        if (tokens.expect("$end") != "$end") tokens.fail("$scope without $end");
      } else if (t == "$upscope") {
        if (scopes.empty()) tokens.fail("$upscope without $scope");
        scopes.pop_back();
        tokens.until_end();
      } else if (t == "$var") {
        VcdVar v;
        tokens.expect("var kind");
        v.width = unsigned(std::stoul(tokens.expect("width")));
        v.id = tokens.expect("identifier");
        const std::string name = tokens.expect("name");
        tokens.until_end();  // optional [msb:lsb]
        for (const std::string& s : scopes) v.path += s + ".";
        v.path += name;
        if (index.count(v.id)) tokens.fail("identifier " + v.id + " declared twice");
        index[v.id] = file.vars.size();
        file.vars.push_back(v);
      } else if (t == "$enddefinitions") {
        tokens.until_end();
        if (!scopes.empty()) tokens.fail("scope '" + scopes.back() + "' never closed");
        definitions_done = true;
      } else {
        tokens.fail("unexpected '" + t + "' in the header");
      }
      continue;
    }
    if (t == "$dumpvars" || t == "$end") continue;
    if (t == "$comment") {
      tokens.until_end();
      continue;
    }
    if (t[0] == '#') {
      const uint64_t next = std::stoull(t.substr(1));
      if (next < time) tokens.fail("time goes back from " + std::to_string(time) + " to " + t);
      time = next;
      continue;
    }
    std::string id;
    uint64_t value = 0;
    if (t[0] == 'b') {
      value = binary_value(t.substr(1), tokens);
      id = tokens.expect("identifier");
    } else if (t[0] == '0' || t[0] == '1') {
      value = uint64_t(t[0] - '0');
      id = t.substr(1);
    } else {
      tokens.fail("unexpected value change '" + t + "'");
    }
    if (!index.count(id)) tokens.fail("value change for undeclared identifier " + id);
    file.changes[id].push_back({time, value});
  }
  if (!definitions_done) tokens.fail("no $enddefinitions");
  return file;
}

}  // namespace spikecore::platform::testing
