// SpikeCore assembly lexer (one line at a time; no token spans lines).
#include "isa/asm_lexer.h"

#include <cstdio>

namespace spikecore::isa::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool ends_word(char c) { return is_space(c) || c == '=' || c == ':' || c == ';' || c == '"'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

LexedLine lex_line(std::string_view line) {
  LexedLine out;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    const auto column = unsigned(i + 1);
    if (is_space(c)) {
      ++i;
    } else if (c == ';') {
      break;  // comment to end of line
    } else if (c == '=' || c == ':') {
      out.tokens.push_back({c == '=' ? Token::kEquals : Token::kColon, std::string(1, c), column});
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char d = line[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d != '\\') {
          text += d;
          ++i;
          continue;
        }
        // Escapes: \" \\ \xHH
        if (i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
          text += line[i + 1];
          i += 2;
        } else if (i + 3 < line.size() && line[i + 1] == 'x' && hex_value(line[i + 2]) >= 0 &&
                   hex_value(line[i + 3]) >= 0) {
          text += char(hex_value(line[i + 2]) * 16 + hex_value(line[i + 3]));
          i += 4;
        } else {
          out.error = "bad escape in string, expected \\\", \\\\ or \\xHH";
          out.error_column = unsigned(i + 1);
          return out;
        }
      }
      if (!closed) {
        out.error = "unterminated string, expected a closing '\"'";
        out.error_column = column;
        return out;
      }
      out.tokens.push_back({Token::kString, std::move(text), column});
    } else {
      size_t j = i;
      while (j < line.size() && !ends_word(line[j])) ++j;
      out.tokens.push_back({Token::kWord, std::string(line.substr(i, j - i)), column});
      i = j;
    }
  }
  return out;
}

bool is_bare_word(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (ends_word(c) || c == '\\' || static_cast<unsigned char>(c) < 0x21 ||
        static_cast<unsigned char>(c) > 0x7E)
      return false;
  return true;
}

std::string quote_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u > 0x7E) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace spikecore::isa::detail
