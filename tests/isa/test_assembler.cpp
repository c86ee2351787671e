// Assembler: accepted syntax, canonical printing, and one test per kind of
// error, each checking file:line:col and the message.
#include <gtest/gtest.h>

#include "isa/assembler.h"
#include "isa/config_equal.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

std::vector<Diagnostic> errors_of(const std::string& text) {
  try {
    assemble(text, "t.s");
  } catch (const AssemblyError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "assembled without error:\n" << text;
  return {};
}

// Asserts exactly one diagnostic at line:col containing `fragment`.
void expect_error(const std::string& text, unsigned line, unsigned column,
                  const std::string& fragment) {
  const auto d = errors_of(text);
  ASSERT_EQ(d.size(), 1u) << (d.empty() ? ""
                                        : d[0].to_string() +
                                              (d.size() > 1 ? "\n" + d[1].to_string() : ""));
  EXPECT_EQ(d[0].file, "t.s");
  EXPECT_EQ(d[0].line, line) << d[0].to_string();
  EXPECT_EQ(d[0].column, column) << d[0].to_string();
  EXPECT_NE(d[0].message.find(fragment), std::string::npos)
      << "'" << fragment << "' not in: " << d[0].message;
}

TEST(Assembler, ExampleNetworkAssemblesToTheIntendedChip) {
  const ChipConfig chip = test::tiny_chip();
  EXPECT_EQ(chip.num_cores(), 128u);
  EXPECT_EQ(chip.host.model_name, "tiny_2_2_2");
  EXPECT_EQ(chip.host.default_timesteps, 16);
  EXPECT_EQ(chip.host.inputs, (std::vector<NeuronRef>{{0, 0}, {0, 1}}));
  EXPECT_EQ(chip.host.outputs, (std::vector<NeuronRef>{{2, 0}, {2, 1}}));
  ASSERT_EQ(chip.host.layers.size(), 3u);
  EXPECT_EQ(chip.host.layers[1].name, "fc1");
  EXPECT_EQ(chip.host.layers[1].role, LayerRole::kHidden);
  const CoreConfig& c1 = chip.cores[1];
  EXPECT_EQ(c1.weights[0], 60);
  EXPECT_EQ(c1.weights[1], -20);
  EXPECT_EQ(c1.weights[2], -30);
  EXPECT_EQ(c1.weights[3], 50);
  ASSERT_EQ(c1.program.size(), 3u);
  EXPECT_EQ(c1.program[0].op, Opcode::kAcc);
  EXPECT_EQ(c1.program[0].acc.axon_count, 2);
  EXPECT_EQ(c1.program[0].acc.cols, 2);
  EXPECT_EQ(c1.program[1].op, Opcode::kPsum);
  EXPECT_EQ(c1.program[1].psum.dst_core, 1);
  EXPECT_EQ(c1.program[1].psum.count, 2);
  EXPECT_EQ(c1.neurons[1].threshold, 100);
  EXPECT_EQ(c1.neurons[2].threshold, 1);
  ASSERT_EQ(c1.routes.size(), 1u);
  EXPECT_TRUE(same(c1.routes[0], RouteEntry{0, 2, 2, 0}));
  ASSERT_EQ(chip.host.reference.size(), 2u);
  EXPECT_EQ(chip.host.reference[0].weights, (std::vector<int8_t>{60, -30, -20, 50}));
}

TEST(Assembler, EquivalentOperandFormsGiveTheSameChip) {
  const std::string head = ".chip mesh=4x4\n.core 3\n";
  const ChipConfig a = assemble(head +
                                "ACC axons=4..7 w=8 cols=2 acc=10\n"
                                "PSUM acc=10..11 core=3 neuron=0\n"
                                "FIRE neurons=0..1\nLEAK neurons=0..1 shift=2\n"
                                ".route neurons=0..1 core=5 axon=9\n"
                                ".neuron 0..1 threshold=7 bias=-1 start=2 init=3\n");
  const ChipConfig b = assemble(head +
                                "acc axons = 4..7 w=0x8 acc=10..11   ; lower case, spaces, hex\n"
                                "Psum acc=10 count=2 core=3 neuron=0\n"
                                "FIRE neurons=0 count=2\nLEAK shift=2 neurons=0 count=2\n"
                                ".route core=5 axon=9 neurons=0 count=2\n"
                                ".neuron 0 threshold=7 bias=-1 start=2 init=3\n"
                                ".neuron 1 init=3 start=2 bias=-1 threshold=7\n");
  EXPECT_TRUE(same(a, b)) << print_assembly(a) << print_assembly(b);
  EXPECT_EQ(print_assembly(a), print_assembly(b));
}

TEST(Assembler, DefaultMeshIs16x8) {
  ChipConfig chip = assemble(".timesteps 32\n");
  EXPECT_EQ(chip.mesh_width, 16);
  EXPECT_EQ(chip.mesh_height, 8);
  EXPECT_TRUE(same(chip, make_empty_chip()));
}

TEST(Assembler, EmptyTextIsRefusedNotAnEmptyImage) {
  expect_error("; nothing\n\n", 0, 0, "nothing to assemble: the file holds no statement");
  expect_error(".chip mesh=4x4\n", 0, 0, "nothing to assemble");
}

TEST(Assembler, AUtf8ByteOrderMarkIsSkipped) {
  const ChipConfig with_bom = assemble("\xEF\xBB\xBF.model \"m\"\n.timesteps 8\n");
  EXPECT_EQ(with_bom.host.model_name, "m");
  EXPECT_EQ(with_bom.host.default_timesteps, 8);
}

TEST(Assembler, WithoutTimestepsTheImageStoresNoDefault) {
  EXPECT_EQ(assemble(".model \"m\"\n").host.default_timesteps, 0)
      << "a missing .timesteps must not silently become 32";
}

TEST(Assembler, TwoInputsOnOneNeuronAreRefused) {
  try {
    assemble(".timesteps 8\n.input 0 core=0 slot=0 count=4\n.input 4 core=0 slot=3\n");
    FAIL() << "accepted an input slot used twice";
  } catch (const AssemblyError& e) {
    EXPECT_NE(std::string(e.what()).find("host input 4: core 0 slot 3 is already input 3"),
              std::string::npos)
        << e.what();
  }
}

TEST(Assembler, AFileOfGarbageListsAHundredErrorsAndCountsTheRest) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "junk " + std::to_string(i) + "\n";
  try {
    assemble(text, "junk.s");
    FAIL() << "garbage assembled";
  } catch (const AssemblyError& e) {
    ASSERT_EQ(e.diagnostics().size(), 101u);
    EXPECT_EQ(e.diagnostics().back().message,
              "4900 more errors not shown (the first 100 are listed)");
  }
}

TEST(Assembler, StringsKeepEscapedCharacters) {
  const ChipConfig chip = assemble(".model \"a \\\"q\\\" \\\\ \\x01;x\"\n");
  EXPECT_EQ(chip.host.model_name, std::string("a \"q\" \\ \x01;x"));
}

TEST(Printer, CanonicalTextIsAFixedPoint) {
  const std::string text = print_assembly(test::tiny_chip());
  EXPECT_EQ(print_assembly(assemble(text)), text);
  EXPECT_NE(text.find("; ---- core 1 (x=1, y=0)"), std::string::npos);
  EXPECT_NE(text.find("layer fc1 (hidden) neurons 0..1 in slots 0..1"), std::string::npos);
  EXPECT_NE(text.find(".weights 0:   60  -20  ; axon 0 -> acc 0..1"), std::string::npos);
}

TEST(Printer, WeightsNoAccReadsArePrintedWhenNonZero) {
  ChipConfig chip = make_empty_chip(2, 2);
  chip.cores[3].weights[200] = -5;
  const std::string text = print_assembly(chip);
  EXPECT_NE(text.find(".weights 192:"), std::string::npos) << text;
  EXPECT_TRUE(same(assemble(text), chip));
}

TEST(AssemblerErrors, UnknownMnemonic) {
  expect_error(".core 1\n  ACX axons=0 w=0 cols=1 acc=0\n", 2, 3,
               "unknown mnemonic 'ACX', expected ACC, CONV, PSUM, FIRE or LEAK");
}

TEST(AssemblerErrors, UnknownDirective) {
  expect_error(".core 1\n .wieghts 0: 1\n", 2, 2, "unknown directive '.wieghts'");
}

TEST(AssemblerErrors, BadNumber) {
  expect_error(".core 1\nACC axons=0 w=abc cols=1 acc=0\n", 2, 15,
               "bad number 'abc' for w, expected an integer in 0..255");
}

TEST(AssemblerErrors, WeightOutOfRange) {
  expect_error(".core 1\n.weights 4: 1 2 200 3\n", 2, 17, "weight 200 out of range -127..127");
  expect_error(".core 1\n.weights 0: -128\n", 2, 13, "weight -128 out of range -127..127");
}

TEST(AssemblerErrors, FieldOutOfRange) {
  expect_error(".core 1\nLEAK neurons=0..3 shift=16\n", 2, 25, "shift 16 out of range 1..15");
  expect_error(".core 1\n.neuron 3 threshold=0\n", 2, 21, "threshold 0 out of range 1..32767");
  expect_error(".core 1\nFIRE neurons=60..70\n", 2, 18, "neurons 70 out of range 0..63");
  expect_error(".core 1\nFIRE neurons=60 count=8\n", 2, 14, "neurons 60..67 out of range 0..63");
}

TEST(AssemblerErrors, ConstraintBetweenFields) {
  expect_error(
      ".core 1\nACC axons=0..31 w=128 cols=8 acc=0\n", 2, 1,
      "ACC: weight_offset 128 + axon_count 32 x cols 8 = 384 exceeds the 256-byte weight SRAM");
  expect_error(".core 1\n.route neurons=0..7 core=2 axon=250\n", 2, 1,
               "dst_axon_base 250 + count 8 = 258 exceeds 256");
}

TEST(AssemblerErrors, MissingField) {
  expect_error(".core 1\nPSUM acc=0..3 neuron=0\n", 2, 1, "PSUM: missing field 'core'");
  expect_error(".core 1\nACC axons=0 w=0 acc=0\n", 2, 1, "missing field 'cols'");
}

TEST(AssemblerErrors, UnknownAndRepeatedFields) {
  expect_error(".core 1\nFIRE neurons=0 shift=3\n", 2, 16,
               "FIRE: unknown field 'shift', expected neurons, count");
  expect_error(".core 1\nFIRE neurons=0 neurons=1\n", 2, 16, "field 'neurons' given twice");
  expect_error(".core 1\nFIRE neurons 0\n", 2, 6, "found 'neurons', expected a field key=value");
}

TEST(AssemblerErrors, CoreDefinedTwice) {
  expect_error(".core 1\nFIRE neurons=0\n.core 2\n.core 1\n", 4, 7,
               "core 1 defined twice (first at line 1)");
}

TEST(AssemblerErrors, CoreOutsideTheMesh) {
  expect_error(".chip mesh=4x4\n.core 16\n", 2, 7, "core 16 out of range 0..15");
  expect_error(".chip mesh=4x4\n.core 1\nPSUM acc=0 core=16 neuron=0\n", 3, 17,
               "core 16 out of range 0..15");
}

TEST(AssemblerErrors, InstructionOutsideCore) {
  expect_error("; header\n  FIRE neurons=0\n", 2, 3,
               "'FIRE' outside a .core block, expected '.core N' before it");
}

TEST(AssemblerErrors, TooManyInstructionsIsReportedOnce) {
  std::string text = ".core 4\n";
  for (int i = 0; i < 18; ++i) text += "FIRE neurons=0\n";
  expect_error(text, 18, 1, "core 4: too many instructions, at most 16 fit");
}

TEST(AssemblerErrors, TooManyRoutes) {
  std::string text = ".core 4\n";
  for (int i = 0; i < 33; ++i) text += ".route neurons=0 core=1 axon=" + std::to_string(i) + "\n";
  expect_error(text, 34, 1, "core 4: too many route entries, at most 32 fit");
}

TEST(AssemblerErrors, DuplicateWeightAndNeuron) {
  expect_error(".core 1\n.weights 0: 1 2 3\n.weights 2: 4\n", 3, 13,
               "weight byte 2 of core 1 already set at line 2");
  expect_error(".core 1\n.neuron 0..3 threshold=2\n.neuron 3 bias=1\n", 3, 9,
               "neuron 3 of core 1 already set at line 2");
}

TEST(AssemblerErrors, ChipDirectiveMustComeFirst) {
  expect_error(".model \"x\"\n.chip mesh=4x4\n", 2, 1,
               ".chip must come before every other directive");
  expect_error(".chip mesh=20x20\n", 1, 12, "mesh 20x20 has 400 cores, at most 256");
  expect_error(".chip mesh=16\n", 1, 12, "expected mesh=WIDTHxHEIGHT");
}

TEST(AssemblerErrors, UnterminatedStringAndBadEscape) {
  expect_error(".model \"abc\n", 1, 8, "unterminated string");
  expect_error(".model \"a\\qb\"\n", 1, 10, "bad escape in string");
}

TEST(AssemblerErrors, HostListsMustBeInOrder) {
  expect_error(".input 0 core=1 slot=0 count=4\n.input 5 core=1 slot=4\n", 2, 8,
               "input index 5 found, expected 4: inputs must be listed in order");
  expect_error(".output 0 core=1 slot=62 count=4\n", 1, 23, "slot 62..65 out of range 0..63");
}

TEST(AssemblerErrors, LayerRoleMustBeKnownAndConsistent) {
  expect_error(".layer fc1 middle core=1 slot=0\n", 1, 12, "expected input, hidden or output");
  expect_error(".layer fc1 hidden core=1 slot=0\n.layer fc1 output core=1 slot=1\n", 2, 12,
               "role output differs from the role given earlier");
}

TEST(AssemblerErrors, ReferenceDataMustBeCompleteAndKnown) {
  expect_error(
      ".reference fc1 in=2 out=2 threshold=10\n.refweights fc1 0: 1 2 3\n"
      ".refbias fc1 0: 0 0\n",
      1, 1, "reference layer 'fc1': weights 3..3 not given (expected 4 values)");
  expect_error(".refweights fc9 0: 1\n", 1, 13, "unknown reference layer 'fc9'");
  expect_error(
      ".reference fc1 in=1 out=1 threshold=10\n.refweights fc1 0: 1 2\n.refbias fc1 0: 0\n", 2, 22,
      "value 1 is past the end (1 values)");
}

TEST(AssemblerErrors, ChipWideRulesPointAtTheCore) {
  // 5 route entries deliver to each of axons 0..63 of core 1; 64 x 5 x 127 > 32767.
  std::string text = ".core 0\n";
  for (int i = 0; i < 5; ++i) text += ".route neurons=0..63 core=1 axon=0\n";
  text += ".core 1\n.weights 0:";
  for (int i = 0; i < 64; ++i) text += " 127";
  text += "\nACC axons=0..63 w=0 cols=1 acc=7\n";
  expect_error(text, 7, 1, "core 1 accumulator 7: worst-case sum 40640");
}

TEST(AssemblerErrors, AllErrorsAreCollected) {
  const auto d = errors_of(".core 1\nACX\n.weights 0: 300\nFIRE neurons=99\n.bogus\n");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].line, 2u);
  EXPECT_EQ(d[1].line, 3u);
  EXPECT_EQ(d[2].line, 4u);
  EXPECT_EQ(d[3].line, 5u);
  EXPECT_EQ(d[1].to_string(), "t.s:3:13: error: weight 300 out of range -127..127");
  try {
    assemble(".core 1\nACX\n.weights 0: 300\n", "t.s");
  } catch (const AssemblyError& e) {
    EXPECT_EQ(std::string(e.what()),
              "t.s:2:1: error: unknown mnemonic 'ACX', expected ACC, CONV, PSUM, FIRE or LEAK (or a "
              "directive such as .core)\nt.s:3:13: error: weight 300 out of range -127..127");
  }
}

TEST(AssemblerErrors, MissingFileIsReported) {
  try {
    assemble_file("/nonexistent-dir/x.s");
    FAIL() << "no exception";
  } catch (const AssemblyError& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              "/nonexistent-dir/x.s: error: cannot open: No such file or directory");
  }
}

}  // namespace
}  // namespace spikecore::isa
