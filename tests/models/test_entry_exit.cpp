// Phase 9 (entry_exit.cpp): insolvent firms exit and default; entry follows
// the entry rate and falls with entry cost; ids are never reused.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

namespace {
using namespace models;

TEST(EntryExit, InsolventFirmsExitAndTheirSlotsStopCounting) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("upgrading");
  World& w = *r->w;
  std::size_t i = 0;
  while (!w.sme.alive(i)) ++i;
  w.sme.set(i, kInsolvent, true);
  r->until("entry_exit");
  EXPECT_FALSE(w.sme.alive(i));
  EXPECT_EQ(w.sme.cash_usd[i], 0.0);
  EXPECT_EQ(w.sme.debt_usd[i], 0.0);
  EXPECT_EQ(w.sme.park[i], -1);
}

TEST(EntryExit, EntrantsGetNewIdsAndArriveAtTheEntryRate) {
  auto r = model_test::make_run(model_test::scenario_text("", 20000));
  const std::size_t n0 = r->w->sme.size();
  double entries = 0;
  for (int t = 0; t < 8; ++t) {
    r->steps(1);
    for (double x : r->w->counters.entries) entries += x;
  }
  EXPECT_EQ(r->w->sme.size(), n0 + static_cast<std::size_t>(entries));
  double expected = 0;
  for (const auto& e : r->w->econ) expected += e.entry_rate_per_year * 2.0 * e.initial_agents;
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
