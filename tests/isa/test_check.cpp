// check(): one test per architectural rule, plus the read-out rule and the
// integer reference forward pass.
#include <gtest/gtest.h>

#include "isa/chip_config.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

// Problems of `chip`, asserting that exactly one mentions every fragment.
void expect_one_problem(const ChipConfig& chip, std::initializer_list<const char*> fragments) {
  const auto problems = check(chip);
  ASSERT_EQ(problems.size(), 1u) << (problems.empty() ? "no problem" : problems[0]);
  for (const char* f : fragments)
    EXPECT_NE(problems[0].find(f), std::string::npos) << "'" << f << "' not in: " << problems[0];
}

Instruction fire(unsigned base, unsigned count) {
  Instruction i;
  i.op = Opcode::kFire;
  i.fire = FireFields{uint8_t(base), uint8_t(count)};
  return i;
}

Instruction acc(unsigned base, unsigned count, unsigned w, unsigned cols, unsigned acc_base) {
  Instruction i;
  i.op = Opcode::kAcc;
  i.acc = AccFields{uint8_t(base), uint16_t(count), uint8_t(w), uint8_t(cols), uint8_t(acc_base)};
  return i;
}

TEST(Check, TheExampleNetworkIsValid) { EXPECT_TRUE(check(test::tiny_chip()).empty()); }

TEST(Check, EmptyChipHasNoUsedCoreAndNoProblem) {
  ChipConfig chip = make_empty_chip();
  EXPECT_EQ(chip.num_cores(), 128u);
  EXPECT_EQ(chip.cores.size(), 128u);
  for (const CoreConfig& c : chip.cores) EXPECT_FALSE(c.used());
  EXPECT_TRUE(check(chip).empty());
  EXPECT_THROW(make_empty_chip(0, 8), std::invalid_argument);
  EXPECT_THROW(make_empty_chip(32, 16), std::invalid_argument);  // 512 > 256 cores
}

TEST(Check, UsedSeesEveryKindOfContent) {
  CoreConfig c;
  c.weights[7] = 1;
  EXPECT_TRUE(c.used());
  c = CoreConfig{};
  c.neurons[3].initial_potential = 5;
  EXPECT_TRUE(c.used());
  c = CoreConfig{};
  c.routes.push_back(RouteEntry{});
  EXPECT_TRUE(c.used());
  c = CoreConfig{};
  c.program.push_back(fire(0, 1));
  EXPECT_TRUE(c.used());
}

TEST(Check, ProgramLongerThan16) {
  ChipConfig chip = make_empty_chip();
  for (unsigned i = 0; i < 17; ++i) chip.cores[5].program.push_back(fire(i, 1));
  expect_one_problem(chip, {"core 5", "17 instructions", "at most 16"});
}

TEST(Check, ANeuronFiresOncePerStep) {
  ChipConfig chip = make_empty_chip();
  chip.cores[5].program = {fire(0, 8), fire(8, 8), fire(4, 2)};
  expect_one_problem(chip,
                     {"core 5 instruction 2", "FIRE slot 4 is already fired by instruction 0"});
  chip.cores[5].program = {fire(0, 8), fire(8, 8)};
  EXPECT_TRUE(check(chip).empty());
}

TEST(Check, RouteTableLongerThan32) {
  ChipConfig chip = make_empty_chip();
  chip.cores[6].routes.assign(33, RouteEntry{0, 1, 0, 0});
  expect_one_problem(chip, {"core 6", "33 entries", "at most 32"});
}

TEST(Check, AccumulatorRangeOfAcc) {
  ChipConfig chip = make_empty_chip();
  chip.cores[1].program = {fire(0, 1), acc(0, 1, 0, 8, 60)};
  expect_one_problem(chip, {"core 1 instruction 1", "acc_base 60 + cols 8 = 68 exceeds 64"});
}

TEST(Check, WeightWindowOfAcc) {
  ChipConfig chip = make_empty_chip();
  chip.cores[1].program = {acc(0, 32, 200, 2, 0)};
  expect_one_problem(chip, {"core 1 instruction 0", "weight_offset 200", "256-byte weight SRAM"});
}

TEST(Check, PsumSlotRange) {
  ChipConfig chip = make_empty_chip();
  Instruction p;
  p.op = Opcode::kPsum;
  p.psum = PsumFields{0, 8, 1, 60};
  chip.cores[1].program = {p};
  expect_one_problem(chip, {"core 1 instruction 0", "dst_neuron 60 + count 8"});
}

TEST(Check, FireSlotRange) {
  ChipConfig chip = make_empty_chip();
  chip.cores[2].program = {fire(40, 30)};
  expect_one_problem(chip, {"core 2 instruction 0", "FIRE", "neuron_base 40 + count 30"});
}

TEST(Check, LeakShiftRange) {
  for (unsigned shift : {0u, 16u}) {
    ChipConfig chip = make_empty_chip();
    Instruction l;
    l.op = Opcode::kLeak;
    l.leak = LeakFields{0, 4, uint8_t(shift)};
    chip.cores[3].program = {l};
    expect_one_problem(
        chip, {"core 3 instruction 0", ("shift " + std::to_string(shift)).c_str(), "1..15"});
  }
}

TEST(Check, LeakSlotRange) {
  ChipConfig chip = make_empty_chip();
  Instruction l;
  l.op = Opcode::kLeak;
  l.leak = LeakFields{63, 2, 3};
  chip.cores[3].program = {l};
  expect_one_problem(chip, {"core 3 instruction 0", "LEAK", "neuron_base 63 + count 2"});
}

TEST(Check, RouteAxonRange) {
  ChipConfig chip = make_empty_chip();
  chip.cores[4].routes = {RouteEntry{0, 1, 1, 0}, RouteEntry{0, 8, 1, 250}};
  expect_one_problem(chip, {"core 4 route 1", "dst_axon_base 250 + count 8 = 258 exceeds 256"});
}

TEST(Check, PsumDestinationCoreMustExist) {
  ChipConfig chip = make_empty_chip(4, 4);
  Instruction p;
  p.op = Opcode::kPsum;
  p.psum = PsumFields{0, 1, 16, 0};
  chip.cores[2].program = {p};
  expect_one_problem(chip, {"core 2 instruction 0", "dst_core 16 does not exist", "16 cores"});
}

TEST(Check, RouteDestinationCoreMustExist) {
  ChipConfig chip = make_empty_chip(4, 4);
  chip.cores[2].routes = {RouteEntry{0, 1, 20, 0}};
  expect_one_problem(chip, {"core 2 route 0", "dst_core 20 does not exist"});
}

TEST(Check, ThresholdAtLeastOne) {
  ChipConfig chip = make_empty_chip();
  chip.cores[9].neurons[17].threshold = 0;
  expect_one_problem(chip, {"core 9 neuron 17", "threshold 0 out of range 1..32767"});
}

TEST(Check, WeightMinus128IsRejected) {
  ChipConfig chip = make_empty_chip();
  chip.cores[8].weights[100] = -128;
  chip.cores[8].weights[101] = -127;  // allowed
  expect_one_problem(chip, {"core 8 weight byte 100", "weight -128 out of range -127..127"});
}

TEST(Check, HostInputMustReferenceAnExistingCore) {
  ChipConfig chip = make_empty_chip(4, 4);
  chip.host.inputs = {{0, 0}, {16, 0}};
  expect_one_problem(chip, {"host input 1", "core 16 slot 0", "core does not exist"});
}

TEST(Check, HostOutputMustReferenceAnExistingSlot) {
  ChipConfig chip = make_empty_chip();
  chip.host.outputs = {{3, 64}};
  expect_one_problem(chip, {"host output 0", "slot out of range 0..63"});
}

TEST(Check, LayerNeuronsMustExist) {
  ChipConfig chip = make_empty_chip();
  chip.host.layers = {LayerInfo{"fc1", LayerRole::kHidden, {{1, 0}, {200, 1}}}};
  expect_one_problem(chip, {"layer 'fc1' neuron 1", "core 200"});
}

TEST(Check, LayerNamesAreUnique) {
  ChipConfig chip = make_empty_chip();
  chip.host.layers = {LayerInfo{"fc1", LayerRole::kHidden, {}},
                      LayerInfo{"fc1", LayerRole::kOutput, {}}};
  expect_one_problem(chip, {"layer 'fc1' defined twice"});
}

TEST(Check, ReferenceLayerShapes) {
  ChipConfig chip = make_empty_chip();
  ReferenceLayer a{"fc1", 3, 2, std::vector<int8_t>(6, 1), {0, 0}, 10};
  ReferenceLayer b{"fc2", 4, 1, std::vector<int8_t>(4, 1), {0}, 10};  // takes 4, fc1 gives 2
  chip.host.reference = {a, b};
  expect_one_problem(chip, {"reference layer 'fc2'", "takes 4 inputs", "'fc1' has 2 outputs"});
  chip.host.reference = {a};
  chip.host.reference[0].weights.pop_back();
  expect_one_problem(chip, {"reference layer 'fc1'", "5 weights, expected 2 x 3"});
  chip.host.reference = {a};
  chip.host.reference[0].threshold = 0;
  expect_one_problem(chip, {"reference layer 'fc1'", "threshold 0"});
}

TEST(Check, CoreCountMustMatchTheMesh) {
  ChipConfig chip = make_empty_chip(4, 4);
  chip.cores.pop_back();
  expect_one_problem(chip, {"15 core configs", "needs 16"});
}

// Core 0's 64 neurons reach core 1's 256 axons once each through 4 route
// entries; core 1 sums all 256 axons into accumulator 0 with weight +-127.
ChipConfig fan_in_chip(int8_t weight) {
  ChipConfig chip = make_empty_chip();
  for (uint8_t k = 0; k < 4; ++k)
    chip.cores[0].routes.push_back(RouteEntry{0, 64, 1, uint8_t(64 * k)});
  chip.cores[1].program = {acc(0, 256, 0, 1, 0)};
  chip.cores[1].weights.fill(weight);
  return chip;
}

TEST(Check, AccumulatorBoundAcceptsOneFullRowOf256Synapses) {
  // 256 axons x 1 delivery x 127 = 32512 <= 32767.
  EXPECT_TRUE(check(fan_in_chip(127)).empty());
  EXPECT_TRUE(check(fan_in_chip(-127)).empty());
}

TEST(Check, AccumulatorBoundCountsEveryDeliveringRouteEntry) {
  // A fifth entry, on another core, delivers to axons 0..63 again:
  // 32512 + 64 x 127 = 40640 > 32767.
  ChipConfig chip = fan_in_chip(-127);
  chip.cores[7].routes.push_back(RouteEntry{0, 64, 1, 0});
  expect_one_problem(chip, {"core 1 accumulator 0", "worst-case sum 40640", "exceeds 32767"});
}

TEST(Check, AccumulatorBoundSumsOverlappingAccInstructions) {
  // Two ACC instructions feed accumulator 5 from the same 2 axons: 2 x 2 x 127
  // per delivery; 65 deliveries per axon would overflow, 64 does not.
  for (int deliveries : {64, 65}) {
    ChipConfig chip = make_empty_chip();
    chip.cores[1].program = {acc(0, 2, 0, 1, 5), acc(0, 2, 0, 1, 5)};
    chip.cores[1].weights[0] = chip.cores[1].weights[1] = 127;
    for (int i = 0; i < deliveries; ++i)
      chip.cores[2 + i / 32].routes.push_back(RouteEntry{uint8_t(i % 32), 1, 1, 0});
    for (int i = 0; i < deliveries; ++i)
      chip.cores[10 + i / 32].routes.push_back(RouteEntry{uint8_t(i % 32), 1, 1, 1});
    const auto problems = check(chip);
    if (deliveries == 64) {
      EXPECT_TRUE(problems.empty()) << problems[0];  // 4 x 64 x 127 = 32512
    } else {
      ASSERT_EQ(problems.size(), 1u);
      EXPECT_NE(problems[0].find("core 1 accumulator 5: worst-case sum 33020"), std::string::npos)
          << problems[0];
    }
  }
}

TEST(Check, ReportsEveryProblemAtOnce) {
  ChipConfig chip = make_empty_chip();
  chip.cores[1].neurons[0].threshold = 0;
  chip.cores[2].weights[0] = -128;
  chip.cores[3].routes = {RouteEntry{0, 1, 200, 0}};
  chip.host.outputs = {{500, 0}};
  EXPECT_EQ(check(chip).size(), 4u);
}

TEST(Readout, ScoreIsChargeAndTiesGoToTheLowestClass) {
  EXPECT_EQ(readout_score(3, 100, 42), 342);
  EXPECT_EQ(readout_score(0, 100, -7), -7);
  EXPECT_EQ(readout_score(65535, 32767, 32767), 65535LL * 32767 + 32767);
  EXPECT_EQ(argmax_lowest({1, 5, 5, 2}), 1);
  EXPECT_EQ(argmax_lowest({-3, -1, -2}), 1);
  EXPECT_EQ(argmax_lowest({7}), 0);
  EXPECT_EQ(argmax_lowest({}), -1);
}

TEST(Reference, TinyNetworkByHand) {
  const HostConfig host = test::tiny_chip().host;
  // pixels (255, 0): r0 = (1, 0); fc1: h = clamp((60, -20) / 100) = (0.6, 0);
  // fc2: scores = (40 x 0.6, -10 x 0.6) = (24, -6).
  const uint8_t a[2] = {255, 0};
  const auto sa = reference_scores(host, a, 2);
  ASSERT_EQ(sa.size(), 2u);
  EXPECT_DOUBLE_EQ(sa[0], 24.0);
  EXPECT_DOUBLE_EQ(sa[1], -6.0);
  // pixels (0, 255): h = (clamp(-0.3), 0.5) = (0, 0.5); scores = (-5, 20).
  const uint8_t b[2] = {0, 255};
  const auto sb = reference_scores(host, b, 2);
  EXPECT_DOUBLE_EQ(sb[0], -5.0);
  EXPECT_DOUBLE_EQ(sb[1], 20.0);
}

TEST(Reference, HiddenRatesSaturateAtOneAndBiasIsAdded) {
  HostConfig host;
  host.reference = {ReferenceLayer{"h", 1, 1, {100}, {50}, 100},
                    ReferenceLayer{"o", 1, 1, {10}, {-3}, 1}};
  const uint8_t p[1] = {255};
  // h = clamp((100 + 50) / 100) = 1; o = 10 x 1 - 3.
  EXPECT_DOUBLE_EQ(reference_scores(host, p, 1)[0], 7.0);
}

TEST(Reference, ClassIsTheHighestScoreAndTheLowestIndexOnTies) {
  HostConfig host;
  // One input, three classes: scores 5, 9, 9 for a pixel of 255.
  host.reference = {ReferenceLayer{"o", 1, 3, {5, 9, 9}, {0, 0, 0}, 1}};
  const uint8_t p[1] = {255};
  EXPECT_EQ(reference_class(host, p, 1), 1);
  host.reference[0].weights = {9, 5, 9};
  EXPECT_EQ(reference_class(host, p, 1), 0);
}

TEST(Reference, WrongPixelCountIsAnError) {
  const HostConfig host = test::tiny_chip().host;
  const uint8_t p[3] = {1, 2, 3};
  try {
    reference_scores(host, p, 3);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'fc1' takes 2 inputs, got 3"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(reference_scores(HostConfig{}, p, 3), std::invalid_argument);
}

}  // namespace
}  // namespace spikecore::isa
