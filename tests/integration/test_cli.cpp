// The smesim program end to end: exit codes, messages, overwrite protection,
// a small run, `info`, `docs`, and results independent of the thread count.
//
// Determinism is checked on the HDF5 files themselves with h5py: every
// dataset and every attribute must be bit-identical, except the root
// attributes that describe the invocation rather than the results (creation
// time, command line, thread count).
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using testing_support::run_command;

// Small enough to run in seconds: one year, few agents, two replications.
const std::string kSmall = " --years 1 --scale 100000 -r 2";

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string smesim(const std::string& args) {
  return quoted(testing_support::smesim_binary()) + " " + args;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

bool is_hdf5(const fs::path& p) { return read_file(p).rfind("\x89HDF\r\n\x1a\n", 0) == 0; }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Compares two result files; prints the differences and exits 1 if any.
constexpr const char* kCompareScript = R"PY(
import sys
import h5py
import numpy as np

# Root attributes about the invocation, not the results.
VOLATILE = ("created", "command", "thread", "time")

def comparable(value):
    a = np.asarray(value)
    if a.dtype.kind in "biufc":
        return (a.dtype.str, a.shape, a.tobytes())
    return repr(value)

def attributes(obj, is_root):
    return {k: comparable(v) for k, v in obj.attrs.items()
            if not (is_root and any(w in k.lower() for w in VOLATILE))}

def objects(f):
    found = {}
    f.visititems(lambda name, obj: found.__setitem__(name, obj))
    return found

a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
problems = []
if attributes(a, True) != attributes(b, True):
    problems.append("root attributes differ")
oa, ob = objects(a), objects(b)
if set(oa) != set(ob):
    problems.append("different objects: %s" % sorted(set(oa) ^ set(ob)))
datasets = 0
for name in sorted(set(oa) & set(ob)):
    x, y = oa[name], ob[name]
    if type(x) is not type(y):
        problems.append(name + ": different kinds")
        continue
    if attributes(x, False) != attributes(y, False):
        problems.append(name + ": attributes differ")
    if isinstance(x, h5py.Dataset):
        datasets += 1
        if x.dtype != y.dtype or x.shape != y.shape:
            problems.append(name + ": dtype or shape differs")
        elif comparable(x[()]) != comparable(y[()]):
            problems.append(name + ": values differ")
for p in problems:
    print(p)
print("compared %d datasets" % datasets)
sys.exit(1 if problems or datasets == 0 else 0)
)PY";

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(testing_support::smesim_binary()))
        << "build the smesim program first: " << testing_support::smesim_binary();
    dir_ = testing_support::temp_dir();
  }
  fs::path dir_;
};

TEST_F(Cli, HelpNamesSubcommandsAndExitCodes) {
  std::string out;
  ASSERT_EQ(run_command(smesim("--help"), &out), 0) << out;
  for (const char* word : {"run", "validate", "info", "docs", "Exit codes", "Examples"}) {
    EXPECT_TRUE(contains(out, word)) << word << " missing from:\n" << out;
  }
  ASSERT_EQ(run_command(smesim("run --help"), &out), 0) << out;
  for (const char* word : {"--output", "--replications", "--seed", "--threads", "--scale",
                           "--years", "--baseline", "--force", "Exit codes"}) {
    EXPECT_TRUE(contains(out, word)) << word << " missing from:\n" << out;
  }
  EXPECT_EQ(run_command(smesim("--version"), &out), 0) << out;
  EXPECT_TRUE(contains(out, "smesim")) << out;
}

TEST_F(Cli, BadOptionsExitWithOne) {
  std::string out;
  EXPECT_EQ(run_command(smesim(""), &out), 1) << out;
  EXPECT_EQ(run_command(smesim("frobnicate"), &out), 1) << out;
  EXPECT_EQ(run_command(smesim("run -r 0 -o " + quoted(dir_ / "x.h5")), &out), 1) << out;
  EXPECT_TRUE(contains(out, "smesim: error: ")) << out;
  EXPECT_EQ(run_command(smesim("run --threads -3 -o " + quoted(dir_ / "x.h5")), &out), 1) << out;
  EXPECT_FALSE(fs::exists(dir_ / "x.h5"));
}

TEST_F(Cli, ValidateReportsFileLineAndKey) {
  const fs::path bad = dir_ / "bad.toml";
  write_file(bad, "name = \"bad\"\nbogus_keyy = 3\n");
  std::string out;
  EXPECT_EQ(run_command(smesim("validate " + quoted(bad)), &out), 1) << out;
  EXPECT_TRUE(contains(out, bad.string() + ":2")) << out;
  EXPECT_TRUE(contains(out, "bogus_keyy")) << out;
  EXPECT_TRUE(contains(out, "smesim: error: ")) << out;

  EXPECT_EQ(run_command(smesim("validate " + quoted(dir_ / "missing.toml")), &out), 1) << out;
  EXPECT_TRUE(contains(out, "missing.toml")) << out;
}

TEST_F(Cli, ValidateAcceptsTheDefaultStudy) {
  const fs::path study = testing_support::source_dir() / "scenarios" / "default" / "study.toml";
  std::string out;
  EXPECT_EQ(run_command(smesim("validate " + quoted(study)), &out), 0) << out;
  EXPECT_TRUE(contains(out, "OK: ")) << out;
  EXPECT_TRUE(contains(out, "1 study")) << out;
}

TEST_F(Cli, RunOnBadScenarioExitsWithOneAndWritesNothing) {
  const fs::path bad = dir_ / "bad.toml";
  write_file(bad, "name = \"bad\"\nbogus_keyy = 3\n");
  const fs::path h5 = dir_ / "out.h5";
  std::string out;
  EXPECT_EQ(run_command(smesim("run " + quoted(bad) + " -o " + quoted(h5) + kSmall), &out), 1)
      << out;
  EXPECT_TRUE(contains(out, "bogus_keyy")) << out;
  EXPECT_FALSE(fs::exists(h5));
}

TEST_F(Cli, RunRefusesExistingOutputUnlessForced) {
  const fs::path h5 = dir_ / "out.h5";
  write_file(h5, "keep me");
  std::string out;
  EXPECT_EQ(run_command(smesim("run -o " + quoted(h5) + kSmall), &out), 1) << out;
  EXPECT_TRUE(contains(out, "--force")) << out;
  EXPECT_EQ(read_file(h5), "keep me");

  ASSERT_EQ(run_command(smesim("run -o " + quoted(h5) + kSmall + " --force"), &out), 0) << out;
  EXPECT_TRUE(is_hdf5(h5));
}

TEST_F(Cli, RunRefusesMissingOutputFolder) {
  std::string out;
  EXPECT_EQ(run_command(smesim("run -o " + quoted(dir_ / "no" / "such" / "out.h5") + kSmall), &out),
            1)
      << out;
}

TEST_F(Cli, UnknownBaselineIsBadInput) {
  const fs::path h5 = dir_ / "out.h5";
  std::string out;
  EXPECT_EQ(run_command(smesim("run -o " + quoted(h5) + kSmall + " --baseline no_such_scenario"),
                        &out),
            1)
      << out;
  EXPECT_TRUE(contains(out, "no_such_scenario")) << out;
  EXPECT_FALSE(fs::exists(h5));
}

TEST_F(Cli, SmallRunWritesAFileThatInfoDescribes) {
  const fs::path h5 = dir_ / "small.h5";
  std::string out;
  ASSERT_EQ(run_command(smesim("run -o " + quoted(h5) + kSmall), &out), 0) << out;
  ASSERT_TRUE(is_hdf5(h5));
  EXPECT_TRUE(contains(out, h5.string())) << "the run should name its results file:\n" << out;

  // The scenario names, as stored in the file, must all appear in `info`.
  std::string names;
  ASSERT_EQ(run_command("/usr/bin/python3 -c \"import h5py,sys; "
                        "print('\\n'.join(h5py.File(sys.argv[1],'r')['scenarios'].keys()))\" " +
                            quoted(h5),
                        &names),
            0)
      << names;
  std::string info;
  ASSERT_EQ(run_command(smesim("info " + quoted(h5)), &info), 0) << info;
  std::istringstream lines(names);
  std::string name;
  int count = 0;
  while (std::getline(lines, name)) {
    if (name.empty()) continue;
    ++count;
    EXPECT_TRUE(contains(info, name)) << name << " missing from:\n" << info;
  }
  EXPECT_GT(count, 0);
}

TEST_F(Cli, InfoOnMissingOrForeignFileIsBadInput) {
  std::string out;
  EXPECT_EQ(run_command(smesim("info " + quoted(dir_ / "none.h5")), &out), 1) << out;
  const fs::path junk = dir_ / "junk.h5";
  write_file(junk, "not hdf5");
  EXPECT_EQ(run_command(smesim("info " + quoted(junk)), &out), 1) << out;
  EXPECT_TRUE(contains(out, "smesim: error: ")) << out;
}

TEST_F(Cli, ResultsDoNotDependOnThreadCount) {
  const fs::path one = dir_ / "one.h5";
  const fs::path two = dir_ / "two.h5";
  std::string out;
  ASSERT_EQ(run_command(smesim("run -o " + quoted(one) + kSmall + " --seed 7 --threads 1"), &out),
            0)
      << out;
  ASSERT_EQ(run_command(smesim("run -o " + quoted(two) + kSmall + " --seed 7 --threads 2"), &out),
            0)
      << out;
  const fs::path script = dir_ / "compare.py";
  write_file(script, kCompareScript);
  EXPECT_EQ(run_command("/usr/bin/python3 " + quoted(script) + " " + quoted(one) + " " +
                            quoted(two),
                        &out),
            0)
      << out;

  // A different seed must show up in the results, or the check above proves nothing.
  const fs::path other = dir_ / "other.h5";
  ASSERT_EQ(run_command(smesim("run -o " + quoted(other) + kSmall + " --seed 8 --threads 2"), &out),
            0)
      << out;
  EXPECT_EQ(run_command("/usr/bin/python3 " + quoted(script) + " " + quoted(one) + " " +
                            quoted(other),
                        &out),
            1)
      << out;
  EXPECT_TRUE(contains(out, "values differ")) << out;
}

TEST_F(Cli, DocsWritesParameterReference) {
  const fs::path docs = dir_ / "docs";
  std::string out;
  ASSERT_EQ(run_command(smesim("docs --out " + quoted(docs)), &out), 0) << out;
  ASSERT_TRUE(fs::exists(docs / "parameters.md")) << out;
  EXPECT_TRUE(contains(read_file(docs / "parameters.md"), "scale"));
  for (const auto& entry : fs::directory_iterator(docs)) {
    EXPECT_NE(entry.path().extension(), ".tmp") << "left a temporary file: " << entry.path();
  }
}

TEST_F(Cli, ExplainListsInstrumentsAndRejectsUnknownOnes) {
  std::string out;
  ASSERT_EQ(run_command(smesim("explain"), &out), 0) << out;
  EXPECT_TRUE(contains(out, "credit_guarantee")) << out;
  EXPECT_EQ(run_command(smesim("explain no_such_instrument"), &out), 1) << out;
  EXPECT_TRUE(contains(out, "no_such_instrument")) << out;
}

}  // namespace
