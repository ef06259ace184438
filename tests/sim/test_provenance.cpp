// sim/provenance.cpp: the command line and time recorded in results files.
#include "sim/provenance.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Provenance, Helpers) {
  const char* argv[] = {"smesim", "run", "--out", "my results.h5", "it's"};
  EXPECT_EQ(sim::quote_command_line(5, argv), "smesim run --out 'my results.h5' 'it'\\''s'");
  const auto p = sim::make_provenance(2, argv, 7, 4, 2);
  EXPECT_EQ(p.command_line, "smesim run");
  EXPECT_EQ(p.seed, 7u);
  EXPECT_FALSE(p.program_version.empty());
  ASSERT_EQ(p.created_utc.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_EQ(p.created_utc[10], 'T');
  EXPECT_EQ(p.created_utc.back(), 'Z');
}

}  // namespace
