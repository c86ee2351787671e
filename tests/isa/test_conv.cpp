// CONV, the weight-shared convolution instruction, and convolutional
// reference layers: encoding, validation, what a spike adds, assembly, images.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "isa/assembler.h"
#include "isa/chip_config.h"
#include "isa/config_equal.h"
#include "isa/image.h"
#include "isa/isa.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

ConvFields conv_fields(unsigned axon_base, unsigned in_c, unsigned in_h, unsigned in_w,
                       unsigned kernel_h, unsigned kernel_w, unsigned stride, unsigned pad_left,
                       unsigned out_c, unsigned out_h, unsigned out_w, unsigned weight_offset,
                       unsigned acc_base) {
  ConvFields f{};
  f.axon_base = uint8_t(axon_base);
  f.in_c = uint8_t(in_c);
  f.in_h = uint8_t(in_h);
  f.in_w = uint8_t(in_w);
  f.kernel_h = uint8_t(kernel_h);
  f.kernel_w = uint8_t(kernel_w);
  f.stride = uint8_t(stride);
  f.pad_left = uint8_t(pad_left);
  f.out_c = uint8_t(out_c);
  f.out_h = uint8_t(out_h);
  f.out_w = uint8_t(out_w);
  f.weight_offset = uint8_t(weight_offset);
  f.acc_base = uint8_t(acc_base);
  return f;
}

Instruction conv(const ConvFields& f) {
  Instruction i;
  i.op = Opcode::kConv;
  i.conv = f;
  return i;
}

// A random CONV that validate() accepts.
ConvFields random_valid(std::mt19937& rng) {
  auto pick = [&](unsigned lo, unsigned hi) {
    return std::uniform_int_distribution<unsigned>(lo, hi)(rng);
  };
  for (;;) {
    ConvFields f = conv_fields(0, pick(1, 16), pick(1, 32), pick(1, 32), pick(1, 8), pick(1, 8),
                               pick(1, 4), 0, pick(1, 16), pick(1, 16), pick(1, 32), 0, 0);
    f.pad_left = uint8_t(pick(0, f.kernel_w - 1u));
    if (f.axon_count() > kAxonsPerCore || f.acc_count() > kAccumulators ||
        f.weight_bytes() > kWeightSramBytes)
      continue;
    f.axon_base = uint8_t(pick(0, kAxonsPerCore - f.axon_count()));
    f.acc_base = uint8_t(pick(0, kAccumulators - f.acc_count()));
    f.weight_offset = uint8_t(pick(0, kWeightSramBytes - f.weight_bytes()));
    return f;
  }
}

TEST(Conv, FieldsSitAtTheDocumentedBits) {
  const ConvFields f = conv_fields(3, 2, 4, 28, 3, 3, 2, 1, 2, 2, 13, 100, 7);
  const uint64_t expected = (uint64_t(0x5) << 60) | 3 | (uint64_t(2 - 1) << 8) |
                            (uint64_t(4 - 1) << 12) | (uint64_t(28 - 1) << 17) |
                            (uint64_t(3 - 1) << 22) | (uint64_t(3 - 1) << 25) |
                            (uint64_t(2 - 1) << 28) | (uint64_t(1) << 30) |
                            (uint64_t(2 - 1) << 33) | (uint64_t(2 - 1) << 37) |
                            (uint64_t(13 - 1) << 41) | (uint64_t(100) << 46) | (uint64_t(7) << 54);
  EXPECT_EQ(encode(conv(f)), expected);
  const auto back = decode(expected);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(same(*back, conv(f)));
  EXPECT_EQ(phase_of(Opcode::kConv), Phase::kEvent);
  EXPECT_EQ(mnemonic(Opcode::kConv), "CONV");
}

TEST(Conv, EveryValidInstructionSurvivesEncodeAndDecode) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Instruction ins = conv(random_valid(rng));
    ASSERT_EQ(validate(ins), "");
    std::string error;
    const auto back = decode(encode(ins), &error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_TRUE(same(*back, ins));
  }
}

TEST(Conv, ValidateNamesTheFieldsThatDoNotFit) {
  // 2 x 12 x 12 = 288 axons.
  EXPECT_NE(validate(conv(conv_fields(0, 2, 12, 12, 5, 5, 1, 0, 1, 8, 8, 0, 0)))
                .find("in_c x in_h x in_w 288 = 288 exceeds 256 axons"),
            std::string::npos);
  // 2 x 8 x 8 = 128 accumulators.
  EXPECT_NE(validate(conv(conv_fields(0, 1, 12, 12, 5, 5, 1, 0, 2, 8, 8, 0, 0)))
                .find("out_c x out_h x out_w 128 = 128 exceeds 64 accumulators"),
            std::string::npos);
  // 16 x 1 x 5 x 5 = 400 kernel bytes.
  EXPECT_NE(validate(conv(conv_fields(0, 1, 5, 5, 5, 5, 1, 0, 16, 1, 1, 0, 0)))
                .find("exceeds the 256-byte weight SRAM"),
            std::string::npos);
  EXPECT_NE(validate(conv(conv_fields(0, 1, 5, 5, 3, 3, 1, 3, 1, 3, 3, 0, 0)))
                .find("pad_left 3 must be below kernel_w 3"),
            std::string::npos);
  EXPECT_EQ(validate(conv(conv_fields(0, 1, 5, 5, 3, 3, 1, 2, 1, 3, 3, 0, 0))), "");
}

// What docs/isa.md says a spike on (c, y, x) does, output by output.
std::vector<std::pair<unsigned, unsigned>> brute_force_taps(const ConvFields& f, unsigned axon) {
  std::vector<std::pair<unsigned, unsigned>> taps;
  if (axon < f.axon_base || axon >= f.axon_base + f.axon_count()) return taps;
  const unsigned r = axon - f.axon_base;
  const int c = int(r / (f.in_h * f.in_w)), y = int(r / f.in_w % f.in_h);
  const int x = int(r % f.in_w) + f.pad_left;
  for (int o = 0; o < f.out_c; ++o)
    for (int oy = 0; oy < f.out_h; ++oy)
      for (int ox = 0; ox < f.out_w; ++ox) {
        const int ky = y - oy * f.stride, kx = x - ox * f.stride;
        if (ky < 0 || kx < 0 || ky >= f.kernel_h || kx >= f.kernel_w) continue;
        taps.emplace_back(f.acc_base + (o * f.out_h + oy) * f.out_w + ox,
                          f.weight_offset + ((o * f.in_c + c) * f.kernel_h + ky) * f.kernel_w + kx);
      }
  return taps;
}

TEST(Conv, ASpikeAddsExactlyTheKernelWeightsOfTheOutputsThatCoverIt) {
  std::mt19937 rng(11);
  uint64_t total_taps = 0;
  for (int i = 0; i < 400; ++i) {
    const ConvFields f = random_valid(rng);
    for (unsigned axon = 0; axon < kAxonsPerCore; ++axon) {
      std::vector<std::pair<unsigned, unsigned>> taps;
      const unsigned n = for_each_conv_tap(
          f, axon, [&](unsigned acc, unsigned weight) { taps.emplace_back(acc, weight); });
      ASSERT_EQ(taps, brute_force_taps(f, axon)) << "instruction " << i << " axon " << axon;
      EXPECT_EQ(n, taps.size());
      std::set<unsigned> accs;
      for (const auto& t : taps) accs.insert(t.first);
      EXPECT_EQ(accs.size(), taps.size()) << "an accumulator was added to twice";
      total_taps += n;
    }
  }
  EXPECT_GT(total_taps, 10000u);
}

const char* kConvChip = R"(.chip mesh=2x1
.core 0
  .neuron 0..8 threshold=4
  .weights 0: 1 2 3 4
  CONV axons=0..15 in=1x4x4 kernel=2x2 stride=1 pad=0 out=1x3x3 w=0 acc=0..8
  PSUM acc=0..8 core=0 neuron=0
  FIRE neurons=0..8
.core 1
  .weights 0: 1 1 1 1
  CONV axons=0 in=1x2x2 kernel=2x2 stride=2 pad=1 out=1x1x2 w=0 acc=0
)";

TEST(Conv, AssemblyRoundTripsThroughTheCanonicalText) {
  const ChipConfig chip = assemble(kConvChip, "conv.s");
  ASSERT_EQ(chip.cores[0].program[0].op, Opcode::kConv);
  const ConvFields& f = chip.cores[0].program[0].conv;
  EXPECT_EQ(f.axon_count(), 16u);
  EXPECT_EQ(f.acc_count(), 9u);
  EXPECT_EQ(chip.cores[1].program[0].conv.pad_left, 1);
  EXPECT_EQ(chip.cores[1].program[0].conv.stride, 2);
  const std::string text = print_assembly(chip);
  EXPECT_NE(text.find("CONV axons=0..15 in=1x4x4 kernel=2x2 stride=1 pad=0 out=1x3x3 w=0 acc=0..8"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kernel out 0 in 0 row 1"), std::string::npos) << text;
  EXPECT_TRUE(same(assemble(text, "again.s"), chip));
  EXPECT_EQ(serialize_image(assemble(text, "again.s")), serialize_image(chip));
}

TEST(Conv, AssemblerErrorsNameTheOperand) {
  auto first_error = [](const std::string& body) {
    try {
      assemble(".chip mesh=1x1\n.core 0\n" + body, "t.s");
    } catch (const AssemblyError& e) {
      return e.diagnostics().front().to_string();
    }
    return std::string("no error");
  };
  EXPECT_NE(first_error("CONV axons=0..9 in=1x4x4 kernel=2x2 out=1x3x3 w=0 acc=0\n")
                .find("axons range of 10 disagrees with in_c x in_h x in_w = 16"),
            std::string::npos);
  EXPECT_NE(first_error("CONV axons=0 in=4x4 kernel=2x2 out=1x3x3 w=0 acc=0\n")
                .find("t.s:3:17: error: CONV: found '4x4', expected in=CxHxW"),
            std::string::npos);
  EXPECT_NE(first_error("CONV axons=0 in=1x4x4 kernel=9x2 out=1x3x3 w=0 acc=0\n")
                .find("kernel KH 9 out of range 1..8"),
            std::string::npos);
  EXPECT_NE(first_error("CONV axons=0 in=1x4x4 kernel=2x2 out=1x3x3 acc=0\n")
                .find("missing field 'w'"),
            std::string::npos);
  EXPECT_NE(first_error("CONV axons=0 in=16x4x5 kernel=2x2 out=1x3x3 w=0 acc=0\n")
                .find("exceeds 256 axons"),
            std::string::npos);
}

TEST(ConvReference, AssemblerSaysWhatIsWrongWithAConvReferenceLayer) {
  auto first_error = [](const std::string& line) {
    try {
      assemble(".chip mesh=1x1\n" + line, "t.s");
    } catch (const AssemblyError& e) {
      return e.diagnostics().front().to_string();
    }
    return std::string("no error");
  };
  EXPECT_NE(first_error(".reference c in=1x28x28 out=6x25x24 kernel=5x5 threshold=9\n")
                .find("t.s:2:29: error: .reference c: inconsistent convolution geometry: "
                      "out=6x25x24 does not follow"),
            std::string::npos);
  EXPECT_NE(first_error(".reference p in=2x8x8 out=3x4x4 kernel=2x2 stride=2 depthwise=1 "
                        "threshold=9\n")
                .find("as many output channels as input channels"),
            std::string::npos);
  // Sizes that would need a terabyte of kernels are refused before anything is allocated.
  EXPECT_NE(first_error(".reference big in=4096x255x255 out=4096x1x1 kernel=255x255 "
                        "threshold=9\n")
                .find("too large for a reference layer"),
            std::string::npos);
  EXPECT_NE(first_error(".reference c in=1x28 out=6x24x24 kernel=5x5 threshold=9\n")
                .find("found '1x28', expected in=CxHxW"),
            std::string::npos);
}

TEST(Conv, CheckBoundsTheAccumulatorsThatAConvFeeds) {
  // 16 neurons routed twice into one 4x4 window; a 4x4 kernel of 127s on a
  // 1x1 output: 2 x 16 x 127 = 4064 per CONV, fine once.
  ChipConfig chip = assemble(R"(.chip mesh=2x1
.core 0
  .neuron 0..15 threshold=1
  FIRE neurons=0..15
  .route neurons=0..15 core=1 axon=0
  .route neurons=0..15 core=1 axon=0
.core 1
  .weights 0: 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127 127
  CONV axons=0..15 in=1x4x4 kernel=4x4 out=1x1x1 w=0 acc=0
)",
                             "bound.s");
  EXPECT_TRUE(check(chip).empty());
  // Nine CONVs over the same window and accumulator: 9 x 4064 > 32767.
  for (int i = 0; i < 8; ++i) chip.cores[1].program.push_back(chip.cores[1].program[0]);
  const auto problems = check(chip);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("core 1 accumulator 0: worst-case sum 36576"), std::string::npos)
      << problems[0];
}

// ---- Convolutional reference layers ---------------------------------------------

ReferenceLayer conv_reference() {
  ReferenceLayer l;
  l.name = "conv1";
  l.conv.in_c = 2;
  l.conv.in_h = 5;
  l.conv.in_w = 4;
  l.conv.out_c = 3;
  l.conv.kernel_h = 3;
  l.conv.kernel_w = 2;
  l.conv.stride = 2;
  l.conv.padding = 1;
  l.conv.out_h = (5 + 2 - 3) / 2 + 1;  // 3
  l.conv.out_w = (4 + 2 - 2) / 2 + 1;  // 3
  l.inputs = 2 * 5 * 4;
  l.outputs = 3 * 3 * 3;
  l.threshold = 50;
  std::mt19937 rng(5);
  for (size_t i = 0; i < l.conv.weight_count(); ++i)
    l.weights.push_back(int8_t(std::uniform_int_distribution<int>(-127, 127)(rng)));
  for (uint32_t o = 0; o < l.outputs; ++o) l.bias.push_back(int16_t(o % 5) - 2);
  return l;
}

TEST(ConvReference, ScoresFollowTheConvolutionDefinition) {
  HostConfig host;
  host.reference = {conv_reference()};
  const ReferenceLayer& l = host.reference[0];
  const ConvGeometry& g = l.conv;
  std::vector<uint8_t> pixels(l.inputs);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = uint8_t(i * 37 % 256);
  const std::vector<double> scores = reference_scores(host, pixels.data(), pixels.size());
  ASSERT_EQ(scores.size(), l.outputs);
  for (int o = 0; o < g.out_c; ++o)
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox) {
        double expected = l.bias[(o * g.out_h + oy) * g.out_w + ox];
        for (int c = 0; c < g.in_c; ++c)
          for (int ky = 0; ky < g.kernel_h; ++ky)
            for (int kx = 0; kx < g.kernel_w; ++kx) {
              const int y = oy * g.stride + ky - g.padding, x = ox * g.stride + kx - g.padding;
              if (y < 0 || x < 0 || y >= g.in_h || x >= g.in_w) continue;
              expected += l.weights[((o * g.in_c + c) * g.kernel_h + ky) * g.kernel_w + kx] *
                          (pixels[(c * g.in_h + y) * g.in_w + x] / 255.0);
            }
        EXPECT_NEAR(scores[(o * g.out_h + oy) * g.out_w + ox], expected, 1e-9);
      }
}

TEST(ConvReference, DepthwiseLayersReadTheirOwnChannelOnly) {
  ReferenceLayer pool;
  pool.name = "pool";
  pool.conv = {2, 2, 2, 2, 1, 1, 2, 2, 2, 0, true};
  pool.inputs = 8;
  pool.outputs = 2;
  pool.weights = {1, 1, 1, 1, 1, 1, 1, 1};
  pool.bias = {0, 0};
  ASSERT_EQ(validate(pool), "");
  HostConfig host;
  host.reference = {pool};
  const std::vector<uint8_t> pixels{255, 255, 0, 0, 0, 0, 0, 255};
  const auto scores = reference_scores(host, pixels.data(), pixels.size());
  EXPECT_DOUBLE_EQ(scores[0], 2.0);
  EXPECT_DOUBLE_EQ(scores[1], 1.0);
}

TEST(ConvReference, ValidateRejectsAGeometryWhoseOutputDoesNotFollow) {
  ReferenceLayer l = conv_reference();
  EXPECT_EQ(validate(l), "");
  l.conv.out_w = 4;
  EXPECT_NE(validate(l).find("inconsistent convolution geometry"), std::string::npos);
  l = conv_reference();
  l.weights.pop_back();
  EXPECT_NE(validate(l).find("kernel weights, its geometry needs 36"), std::string::npos);
}

TEST(ConvReference, SurvivesTheImageAndTheAssembly) {
  ChipConfig chip = make_empty_chip(1, 1);
  chip.host.reference = {conv_reference()};
  ASSERT_TRUE(check(chip).empty());
  const std::vector<uint8_t> bytes = serialize_image(chip);
  const ChipConfig back = parse_image(bytes, "conv.scimg");
  ASSERT_EQ(back.host.reference.size(), chip.host.reference.size());
  EXPECT_TRUE(same(back, chip));
  const std::string text = print_assembly(chip);
  EXPECT_NE(text.find(".reference conv1 in=2x5x4 out=3x3x3 kernel=3x2 stride=2 pad=1 threshold=50"),
            std::string::npos)
      << text;
  EXPECT_EQ(serialize_image(assemble(text, "conv.s")), bytes);
}

}  // namespace
}  // namespace spikecore::isa
