// Operand parsing for the SpikeCore assembler: numbers, ranges and
// key=value fields, each problem reported with the token's column.
#include "isa/asm_operands.h"

namespace spikecore::isa::detail {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string found(const Token& t) {
  if (t.kind == Token::kString) return "string " + quote_string(t.text);
  return quoted(t.text);
}

std::optional<long long> OperandParser::number(const Token& t, long long min, long long max,
                                               const std::string& what) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  const std::string& s = t.text;
  long long v = 0;
  bool ok = t.kind == Token::kWord && !s.empty();
  if (ok) {
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    int base = 10;
    if (s.size() > i + 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      base = 16;
      i += 2;
    }
    ok = i < s.size();
    for (; ok && i < s.size(); ++i) {
      const char c = s[i];
      int d = -1;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (base == 16 && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (base == 16 && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      if (d < 0 || v > (1LL << 40))
        ok = false;
      else
        v = v * base + d;
    }
    if (s[0] == '-') v = -v;
  }
  if (!ok) {
    report_(t.column,
            "bad number " + found(t) + " for " + what + ", expected an integer in " + range);
    return std::nullopt;
  }
  if (v < min || v > max) {
    report_(t.column, what + " " + s + " out of range " + range);
    return std::nullopt;
  }
  return v;
}

// "a..b" or "a", each end within [0, limit).
std::optional<Range> OperandParser::range(const Token& t, long long limit,
                                          const std::string& what) {
  const size_t dots = t.text.find("..");
  if (t.kind != Token::kWord || dots == std::string::npos) {
    auto v = number(t, 0, limit - 1, what);
    if (!v) return std::nullopt;
    return Range{*v, 1};
  }
  Token first = t, last = t;
  first.text = t.text.substr(0, dots);
  last.text = t.text.substr(dots + 2);
  last.column = t.column + unsigned(dots) + 2;
  auto a = number(first, 0, limit - 1, what);
  auto b = a ? number(last, 0, limit - 1, what) : std::nullopt;
  if (!a || !b) return std::nullopt;
  if (*b < *a) {
    report_(t.column, what + " range " + quoted(t.text) + " is empty: the end " +
                          std::to_string(*b) + " is below the start " + std::to_string(*a));
    return std::nullopt;
  }
  return Range{*a, *b - *a + 1};
}

// Parses "key=value ..." from tokens[from..]; reports unknown and repeated keys.
std::optional<Fields> OperandParser::fields(const std::vector<Token>& tokens, size_t from,
                                            const std::string& owner,
                                            std::initializer_list<const char*> allowed) {
  Fields out;
  bool ok = true;
  std::string expected;
  for (const char* a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
  for (size_t i = from; i < tokens.size();) {
    const Token& key = tokens[i];
    if (key.kind != Token::kWord || i + 2 >= tokens.size() ||
        tokens[i + 1].kind != Token::kEquals ||
        (tokens[i + 2].kind != Token::kWord && tokens[i + 2].kind != Token::kString)) {
      report_(key.column,
              owner + ": found " + found(key) + ", expected a field key=value (" + expected + ")");
      return std::nullopt;
    }
    bool known = false;
    for (const char* a : allowed) known = known || key.text == a;
    if (!known) {
      report_(key.column, owner + ": unknown field " + quoted(key.text) + ", expected " + expected);
      ok = false;
    } else if (auto it = out.find(key.text); it != out.end()) {
      report_(key.column, owner + ": field " + quoted(key.text) + " given twice");
      ok = false;
    } else {
      out[key.text] = Field{key, tokens[i + 2]};
    }
    i += 3;
  }
  if (!ok) return std::nullopt;
  return out;
}

const Token* OperandParser::require(const Fields& f, const char* key, const std::string& owner,
                                    unsigned column) {
  auto it = f.find(key);
  if (it == f.end()) {
    report_(column, owner + ": missing field '" + key + "'");
    return nullptr;
  }
  return &it->second.value;
}

// Range operand "key=a..b" or "key=a [count=n]" (when the count key is allowed).
std::optional<Range> OperandParser::range_field(const Fields& f, const char* key, long long limit,
                                                const std::string& owner, unsigned column) {
  const Token* t = require(f, key, owner, column);
  if (!t) return std::nullopt;
  auto r = range(*t, limit, key);
  if (!r) return std::nullopt;
  if (auto c = f.find("count"); c != f.end()) {
    if (t->text.find("..") != std::string::npos) {
      report_(c->second.key.column,
              owner + ": give either " + key + "=a..b or " + key + "=a count=n, not both");
      return std::nullopt;
    }
    auto n = number(c->second.value, 1, limit, "count");
    if (!n) return std::nullopt;
    r->count = *n;
  }
  if (r->base + r->count > limit) {
    report_(t->column, owner + ": " + key + " " + std::to_string(r->base) + ".." +
                           std::to_string(r->base + r->count - 1) + " out of range 0.." +
                           std::to_string(limit - 1));
    return std::nullopt;
  }
  return r;
}

std::optional<long long> OperandParser::number_field(const Fields& f, const char* key,
                                                     long long min, long long max,
                                                     const std::string& owner, unsigned column) {
  const Token* t = require(f, key, owner, column);
  if (!t) return std::nullopt;
  return number(*t, min, max, key);
}

std::optional<std::vector<long long>> OperandParser::shape(
    const Token& t, const std::vector<std::pair<const char*, long long>>& dims,
    const std::string& owner, const std::string& what) {
  std::vector<Token> parts;
  for (size_t start = 0;;) {
    const size_t x = t.text.find('x', start);
    Token part = t;
    part.text = t.text.substr(start, x == std::string::npos ? std::string::npos : x - start);
    part.column = t.column + unsigned(start);
    parts.push_back(part);
    if (x == std::string::npos) break;
    start = x + 1;
  }
  if (parts.size() != dims.size()) {
    std::string expected;
    for (size_t k = 0; k < dims.size(); ++k) expected += (k ? "x" : "") + std::string(dims[k].first);
    report_(t.column, owner + ": found " + found(t) + ", expected " + what + "=" + expected);
    return std::nullopt;
  }
  std::vector<long long> values;
  for (size_t i = 0; i < dims.size(); ++i) {
    auto v = number(parts[i], 1, dims[i].second, what + " " + dims[i].first);
    if (!v) return std::nullopt;
    values.push_back(*v);
  }
  return values;
}

}  // namespace spikecore::isa::detail
