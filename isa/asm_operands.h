// Operand parsing for the SpikeCore assembler (docs/isa.md, "Assembly"):
// numbers (decimal or 0x hex), ranges a..b, and key=value fields. Problems
// go to a report callback with the column of the offending token.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "isa/asm_lexer.h"

namespace spikecore::isa::detail {

struct Field {
  Token key;
  Token value;
};
using Fields = std::map<std::string, Field>;

// A base..end range given as "key=a..b", "key=a" or "key=a count=n".
struct Range {
  long long base = 0;
  long long count = 1;
};

std::string quoted(const std::string& s);  // 'text'
std::string found(const Token& t);         // how a token is named in messages

class OperandParser {
 public:
  using Report = std::function<void(unsigned column, std::string message)>;
  explicit OperandParser(Report report) : report_(std::move(report)) {}

  std::optional<long long> number(const Token& t, long long min, long long max,
                                  const std::string& what);
  std::optional<Range> range(const Token& t, long long limit, const std::string& what);
  // Parses "key=value ..." from tokens[from..]; reports unknown and repeated keys.
  std::optional<Fields> fields(const std::vector<Token>& tokens, size_t from,
                               const std::string& owner,
                               std::initializer_list<const char*> allowed);
  // The value of a field that must be present (reported at `column` if not).
  const Token* require(const Fields& f, const char* key, const std::string& owner, unsigned column);
  // Range operand "key=a..b" or "key=a [count=n]", inside [0, limit).
  std::optional<Range> range_field(const Fields& f, const char* key, long long limit,
                                   const std::string& owner, unsigned column);
  std::optional<long long> number_field(const Fields& f, const char* key, long long min,
                                        long long max, const std::string& owner, unsigned column);
  // "AxBxC": one number 1..max per named dimension, e.g. in=1x12x28.
  std::optional<std::vector<long long>> shape(
      const Token& t, const std::vector<std::pair<const char*, long long>>& dims,
      const std::string& owner, const std::string& what);

 private:
  Report report_;
};

}  // namespace spikecore::isa::detail
