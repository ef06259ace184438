// sim::Diagnostic, InputError and the "did you mean" helpers.
#include "sim/diagnostics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

sim::Diagnostic full() {
  return {"a/b.toml", 3, 7, "policy[0].coverage", "expected real number in [0, 1]", "cover"};
}

TEST(Diagnostic, FormatsEveryPart) {
  EXPECT_EQ(full().str(),
            "a/b.toml:3:7: policy[0].coverage: expected real number in [0, 1] "
            "(did you mean 'cover'?)");
}

TEST(Diagnostic, OmitsEmptyParts) {
  auto d = full();
  d.suggestion.clear();
  EXPECT_EQ(d.str(), "a/b.toml:3:7: policy[0].coverage: expected real number in [0, 1]");
  d.column = 0;
  EXPECT_EQ(d.str(), "a/b.toml:3: policy[0].coverage: expected real number in [0, 1]");
  d.line = 0;
  EXPECT_EQ(d.str(), "a/b.toml: policy[0].coverage: expected real number in [0, 1]");
  d.key.clear();
  EXPECT_EQ(d.str(), "a/b.toml: expected real number in [0, 1]");
  d.file.clear();
  EXPECT_EQ(d.str(), "expected real number in [0, 1]");
  d.key = "years";
  EXPECT_EQ(d.str(), "years: expected real number in [0, 1]");
}

TEST(InputError, WhatCountsAndListsEveryDiagnostic) {
  std::vector<sim::Diagnostic> diags = {
      full(), {"c.toml", 1, 1, "x", "bad", ""}, {"c.toml", 2, 0, "", "worse", ""}};
  const sim::InputError e(diags);
  EXPECT_EQ(std::string(e.what()), "3 errors in scenario input\n" + full().str() +
                                       "\nc.toml:1:1: x: bad\nc.toml:2: worse");
  ASSERT_EQ(e.diagnostics().size(), 3U);
  EXPECT_EQ(e.diagnostics()[1].key, "x");
}

TEST(InputError, SingularForOneError) {
  const sim::InputError e({{"c.toml", 1, 1, "x", "bad", ""}});
  EXPECT_EQ(std::string(e.what()), "1 error in scenario input\nc.toml:1:1: x: bad");
}

TEST(EditDistance, ClassicCases) {
  EXPECT_EQ(sim::edit_distance("", ""), 0U);
  EXPECT_EQ(sim::edit_distance("abc", ""), 3U);
  EXPECT_EQ(sim::edit_distance("", "abc"), 3U);
  EXPECT_EQ(sim::edit_distance("years", "years"), 0U);
  EXPECT_EQ(sim::edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(sim::edit_distance("flaw", "lawn"), 2U);
  EXPECT_EQ(sim::edit_distance("coverage", "coverag"), 1U);
}

TEST(EditDistance, AdjacentTranspositionCostsOne) {
  EXPECT_EQ(sim::edit_distance("yeras", "years"), 1U);
  EXPECT_EQ(sim::edit_distance("ab", "ba"), 1U);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(sim::edit_distance("sector", "sectors"), sim::edit_distance("sectors", "sector"));
  EXPECT_EQ(sim::edit_distance("credit", "cerdit"), sim::edit_distance("cerdit", "credit"));
}

TEST(Closest, SuggestsTypos) {
  const std::vector<std::string> keys = {"name", "years", "seed", "scale"};
  EXPECT_EQ(sim::closest("yeras", keys), "years");
  EXPECT_EQ(sim::closest("year", keys), "years");
  EXPECT_EQ(sim::closest("sede", keys), "seed");
}

TEST(Closest, IgnoresCase) {
  EXPECT_EQ(sim::closest("YEARS", {"years", "seed"}), "years");
  EXPECT_EQ(sim::closest("bra", {"BRA", "CHN"}), "BRA");
}

TEST(Closest, EmptyWhenNothingIsClose) {
  EXPECT_EQ(sim::closest("coverage", {"years", "seed"}), "");
  EXPECT_EQ(sim::closest("x", {}), "");
  EXPECT_EQ(sim::closest("abc", {"xyz"}), "");
}

TEST(Closest, LimitGrowsWithLength) {
  // len 9 allows 3 edits, len 5 only 1.
  EXPECT_EQ(sim::closest("guarantee", {"guaranty"}), "guaranty");  // 2 edits
  EXPECT_EQ(sim::closest("abcde", {"abxye"}), "");                 // 2 edits
  EXPECT_EQ(sim::closest("ab", {"ax"}), "ax");                     // minimum of 1
}

TEST(Closest, BestFirstThenCandidateOrder) {
  EXPECT_EQ(sim::closest("rates", {"rate", "rates"}), "rates");
  EXPECT_EQ(sim::closest("cat", {"bat", "cab", "car"}), "bat");
  EXPECT_EQ(sim::closest("cat", {"car", "bat"}), "car");
}

}  // namespace
