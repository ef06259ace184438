// The reference docs (docs/parameters.md, metrics.md, instruments.md) are
// generated from the declarations; this test fails when the committed copies
// are stale. Fix: `make docs` (or `smesim docs --out docs`) and commit.
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Docs, GeneratedReferenceDocsAreUpToDate) {
  const fs::path out = testing_support::temp_dir() / "docs";
  std::string log;
  ASSERT_EQ(testing_support::run_command(testing_support::smesim_binary().string() + " docs --out " + out.string(), &log), 0)
      << log;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    ++files;
    const fs::path committed = testing_support::source_dir() / "docs" / entry.path().filename();
    ASSERT_TRUE(fs::exists(committed)) << committed << " is missing: run `make docs` and commit it";
    EXPECT_EQ(read(entry.path()), read(committed))
        << committed << " is stale: run `make docs` (smesim docs --out docs) and commit it";
  }
  EXPECT_GE(files, 2);
}

}  // namespace
