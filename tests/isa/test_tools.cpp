// spikecore-as and spikecore-dis run as processes: exit codes, messages and
// a byte-identical round trip.
#include <gtest/gtest.h>

#include "isa/image.h"
#include "test_support.h"

namespace spikecore::isa {
namespace {

using test::read_text;
using test::run_command;
using test::tool;

#define EXPECT_CONTAINS(text, fragment) \
  EXPECT_NE((text).find(fragment), std::string::npos) << "'" << (fragment) << "' not in: " << (text)

TEST(Tools, AssembleDisassembleReassembleIsByteIdentical) {
  test::TempDir dir;
  const std::string src = test::data_path("tiny_2_2_2.s");
  ASSERT_EQ(run_command(tool("spikecore-as") + " " + src + " -o " + dir.file("a.scimg")), 0);
  ASSERT_EQ(
      run_command(tool("spikecore-dis") + " " + dir.file("a.scimg") + " > " + dir.file("a.s")), 0);
  ASSERT_EQ(
      run_command(tool("spikecore-as") + " " + dir.file("a.s") + " -o " + dir.file("b.scimg")), 0);
  EXPECT_EQ(test::read_bytes(dir.file("a.scimg")), test::read_bytes(dir.file("b.scimg")));
  // -o writes the same text as stdout.
  ASSERT_EQ(
      run_command(tool("spikecore-dis") + " " + dir.file("b.scimg") + " -o " + dir.file("b.s")), 0);
  EXPECT_EQ(read_text(dir.file("a.s")), read_text(dir.file("b.s")));
  EXPECT_CONTAINS(read_text(dir.file("a.s")), ".model \"tiny_2_2_2\"");
}

TEST(Tools, DefaultOutputNameReplacesTheExtension) {
  test::TempDir dir;
  test::write_text(dir.file("net.s"), read_text(test::data_path("tiny_2_2_2.s")));
  ASSERT_EQ(run_command(tool("spikecore-as") + " " + dir.file("net.s")), 0);
  EXPECT_NO_THROW(load_image(dir.file("net.scimg")));
}

TEST(Tools, AssemblerPrintsEveryErrorAndWritesNothing) {
  test::TempDir dir;
  test::write_text(dir.file("bad.s"), ".core 1\nACX\n.weights 0: 200\n");
  const int rc = run_command(tool("spikecore-as") + " " + dir.file("bad.s") + " -o " +
                             dir.file("bad.scimg") + " 2> " + dir.file("err.txt"));
  EXPECT_EQ(rc, 1);
  const std::string err = read_text(dir.file("err.txt"));
  EXPECT_CONTAINS(err, dir.file("bad.s") + ":2:1: error: unknown mnemonic 'ACX'");
  EXPECT_CONTAINS(err, dir.file("bad.s") + ":3:13: error: weight 200 out of range -127..127");
  EXPECT_CONTAINS(err, "2 errors, no image written");
  EXPECT_EQ(dir.list(), (std::vector<std::string>{"bad.s", "err.txt"}));
}

TEST(Tools, MissingInputFilesFail) {
  test::TempDir dir;
  EXPECT_EQ(run_command(tool("spikecore-as") + " " + dir.file("none.s") + " 2> " + dir.file("e1")),
            1);
  EXPECT_CONTAINS(read_text(dir.file("e1")),
                  "none.s: error: cannot open: No such file or directory");
  EXPECT_EQ(
      run_command(tool("spikecore-dis") + " " + dir.file("none.scimg") + " 2> " + dir.file("e2")),
      1);
  EXPECT_CONTAINS(read_text(dir.file("e2")), "cannot open image '" + dir.file("none.scimg") + "'");
}

TEST(Tools, DirectoriesAreNotInputs) {
  test::TempDir dir;
  EXPECT_EQ(run_command(tool("spikecore-dis") + " " + dir.path() + " 2> " + dir.file("e1")), 1);
  EXPECT_CONTAINS(read_text(dir.file("e1")),
                  "cannot open image '" + dir.path() + "': is a directory");
  EXPECT_EQ(run_command(tool("spikecore-as") + " " + dir.path() + " -o " + dir.file("x.scimg") +
                        " 2> " + dir.file("e2")),
            1);
  EXPECT_CONTAINS(read_text(dir.file("e2")), dir.path() + ": error: cannot open: is a directory");
}

TEST(Tools, CorruptImageFailsWithTheReason) {
  test::TempDir dir;
  test::write_text(dir.file("junk.scimg"), "this is not an image at all");
  EXPECT_EQ(run_command(tool("spikecore-dis") + " " + dir.file("junk.scimg") + " > " +
                        dir.file("out") + " 2> " + dir.file("err")),
            1);
  EXPECT_CONTAINS(read_text(dir.file("err")), "not a SpikeCore image: magic is 'this is '");
  EXPECT_EQ(read_text(dir.file("out")), "");
}

TEST(Tools, UnwritableOutputFails) {
  test::TempDir dir;
  EXPECT_EQ(run_command(tool("spikecore-as") + " " + test::data_path("tiny_2_2_2.s") +
                        " -o /nonexistent-dir/x.scimg 2> " + dir.file("err")),
            1);
  EXPECT_CONTAINS(read_text(dir.file("err")), "cannot write image '/nonexistent-dir/x.scimg'");
}

TEST(Tools, UsageErrorsExitWith2AndHelpExitsWith0) {
  test::TempDir dir;
  EXPECT_EQ(run_command(tool("spikecore-as") + " 2> " + dir.file("e1")), 2);
  EXPECT_CONTAINS(read_text(dir.file("e1")), "no input file given");
  EXPECT_EQ(run_command(tool("spikecore-as") + " --bogus x.s 2> " + dir.file("e2")), 2);
  EXPECT_CONTAINS(read_text(dir.file("e2")), "unrecognised option '--bogus'");
  EXPECT_EQ(run_command(tool("spikecore-dis") + " 2> " + dir.file("e3")), 2);
  EXPECT_EQ(run_command(tool("spikecore-as") + " --help > " + dir.file("h1")), 0);
  EXPECT_CONTAINS(read_text(dir.file("h1")), "Usage: spikecore-as FILE.s [-o FILE.scimg]");
  EXPECT_EQ(run_command(tool("spikecore-dis") + " -h > " + dir.file("h2")), 0);
  EXPECT_CONTAINS(read_text(dir.file("h2")), "Usage: spikecore-dis FILE.scimg [-o FILE.s]");
}

TEST(Tools, TablesGeneratorDetectsAStaleDocument) {
  test::TempDir dir;
  const std::string doc = read_text(std::string(SPIKECORE_SOURCE_DIR) + "/docs/isa.md");
  EXPECT_EQ(run_command(tool("spikecore-isa-tables") + " --check " +
                        std::string(SPIKECORE_SOURCE_DIR) + "/docs/isa.md"),
            0);
  // Edit one generated table cell: --check fails and names the block.
  std::string stale = doc;
  const size_t at = stale.find("| 0x1 | ACC |");
  ASSERT_NE(at, std::string::npos);
  stale.replace(at, 13, "| 0x1 | ADD |");
  test::write_text(dir.file("isa.md"), stale);
  EXPECT_EQ(run_command(tool("spikecore-isa-tables") + " --check " + dir.file("isa.md") + " 2> " +
                        dir.file("err")),
            1);
  EXPECT_CONTAINS(read_text(dir.file("err")), "generated block 'opcodes' differs");
  // --update repairs it to exactly the committed document.
  EXPECT_EQ(run_command(tool("spikecore-isa-tables") + " --update " + dir.file("isa.md")), 0);
  EXPECT_EQ(read_text(dir.file("isa.md")), doc);
}

}  // namespace
}  // namespace spikecore::isa
