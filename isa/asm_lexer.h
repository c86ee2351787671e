// Line lexer for SpikeCore assembly: splits one source line into words,
// quoted strings and the punctuation '=' and ':', dropping ';' comments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spikecore::isa::detail {

struct Token {
  enum Kind { kWord, kString, kEquals, kColon } kind = kWord;
  std::string text;     // word text, or the decoded string contents
  unsigned column = 0;  // 1-based column of the first character
};

struct LexedLine {
  std::vector<Token> tokens;
  std::string error;  // non-empty when the line could not be lexed
  unsigned error_column = 0;
};

LexedLine lex_line(std::string_view line);

// Quotes a string for assembly output ("..." with \" \\ and \xHH escapes).
std::string quote_string(std::string_view s);
// True when s can be written as a bare word (no quoting needed).
bool is_bare_word(std::string_view s);

}  // namespace spikecore::isa::detail
