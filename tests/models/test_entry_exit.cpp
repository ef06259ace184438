// Phase 9 (entry_exit.cpp): insolvent firms exit and default; entry follows
// the entry rate and falls with entry cost; entrants get keys never used
// before. When exited rows pass a sixteenth of the table it is compacted:
// survivors keep their order, every link is renumbered, and no result changes.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

namespace {
using namespace models;

double total(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

std::size_t dead_rows(const World& w) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.sme.size(); ++i) n += w.sme.alive(i) ? 0 : 1;
  return n;
}

TEST(EntryExit, InsolventFirmsExitAndTheirSlotsStopCounting) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("upgrading");
  World& w = *r->w;
  std::size_t i = 0;
  while (!w.sme.alive(i)) ++i;
  const std::uint64_t key = w.sme.rng_key[i];
  w.sme.set(i, kInsolvent, true);
  r->until("entry_exit");
  // An exited firm keeps its row until the table is compacted, which this step does not do.
  const std::uint32_t j = model_test::FirmRows(w).row(key);
  ASSERT_NE(j, kNoFirm) << "step 1 compacted the table: pick a step that does not";
  EXPECT_FALSE(w.sme.alive(j));
  EXPECT_EQ(w.sme.cash_usd[j], 0.0);
  EXPECT_EQ(w.sme.debt_usd[j], 0.0);
  EXPECT_EQ(w.sme.park[j], -1);
}

TEST(EntryExit, EntrantsGetNewIdsAndArriveAtTheEntryRate) {
  auto r = model_test::make_run(model_test::scenario_text("", 20000));
  const World& w = *r->w;
  std::unordered_set<std::uint64_t> seen(w.sme.rng_key.begin(), w.sme.rng_key.end());
  double entries = 0;
  int compactions = 0;
  for (int t = 0; t < 8; ++t) {
    const std::vector<std::uint64_t> before = w.sme.rng_key;
    const std::size_t dead_before = dead_rows(w);
    r->steps(1);
    const double entered = total(w.counters.entries), exited = total(w.counters.exits);
    entries += entered;
    const auto k = static_cast<std::size_t>(entered);
    // Entrants are the last rows: alive, with keys never seen before.
    ASSERT_GE(w.sme.size(), k);
    for (std::size_t i = w.sme.size() - k; i < w.sme.size(); ++i) {
      EXPECT_TRUE(w.sme.alive(i)) << "step " << t << " row " << i;
      EXPECT_TRUE(seen.insert(w.sme.rng_key[i]).second)
          << "step " << t << ": key " << w.sme.rng_key[i] << " used before";
    }
    // The table grows by the entrants, less the rows compaction dropped: none, or every
    // exited firm's (earlier exits still in the table and this step's).
    const model_test::FirmRows rows(w);
    std::size_t dropped = 0;
    for (const std::uint64_t key : before) dropped += rows.row(key) == kNoFirm ? 1 : 0;
    EXPECT_EQ(w.sme.size(), before.size() + k - dropped) << "step " << t;
    if (dropped > 0) {
      ++compactions;
      EXPECT_EQ(dropped, dead_before + static_cast<std::size_t>(exited)) << "step " << t;
      EXPECT_EQ(dead_rows(w), 0U) << "step " << t;
    }
  }
  EXPECT_GT(compactions, 0);
  double expected = 0;
  for (const auto& e : w.econ) expected += e.entry_rate_per_year * 2.0 * e.initial_agents;
  EXPECT_NEAR(entries, expected, 0.05 * expected + 8);
}

TEST(EntryExit, LowerEntryCostThroughTheHookRaisesEntry) {
  // Twin worlds, same draws; in one, the entry-cost hook is cut just before phase 9.
  auto base = model_test::make_run(model_test::scenario_text("", 20000));
  auto cut = model_test::make_run(model_test::scenario_text("", 20000));
  base->steps(2);
  cut->steps(2);
  base->until("learning");
  cut->until("learning");
  for (auto& x : cut->w->market.entry_cost_reduction) x = 1.0;
  base->until("entry_exit");
  cut->until("entry_exit");
  double a = 0, b = 0;
  for (double x : base->w->counters.entries) a += x;
  for (double x : cut->w->counters.entries) b += x;
  ASSERT_GT(a, 10);
  // exp(elasticity x entry cost index): with indices of 0.2-0.5 entry rises by a fifth or more.
  EXPECT_GT(b, 1.15 * a);
}

}  // namespace
