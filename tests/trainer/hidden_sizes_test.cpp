#include <gtest/gtest.h>

#include "trainer/hidden_sizes.h"

namespace spikecore::trainer {
namespace {

TEST(HiddenSizes, ParsesOneOrSeveralLayers) {
  EXPECT_EQ(parse_hidden_sizes("32"), (std::vector<int>{32}));
  EXPECT_EQ(parse_hidden_sizes("64,32"), (std::vector<int>{64, 32}));
  EXPECT_EQ(parse_hidden_sizes("128,64,16"), (std::vector<int>{128, 64, 16}));
}

void expect_rejected(const std::string& text, const std::string& part) {
  try {
    parse_hidden_sizes(text);
    ADD_FAILURE() << "'" << text << "' was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(HiddenSizes, RejectsMalformedLists) {
  expect_rejected("", "item 1");
  expect_rejected("64,", "item 2");
  expect_rejected("64,,32", "item 2");
  expect_rejected("3x2", "('3x2') is not a positive integer");
  expect_rejected("-3", "item 1");
  expect_rejected("0", "between 1 and");
  expect_rejected("32,99999999999", "item 2");
}

}  // namespace
}  // namespace spikecore::trainer
