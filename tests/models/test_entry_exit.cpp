// Phase 9 (entry_exit.cpp): insolvent firms exit and default; entry follows
// the entry rate and falls with entry cost; entrants get keys never used
// before. When exited rows pass a sixteenth of the table it is compacted:
// survivors keep their order, every link is renumbered, and no result changes.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <type_traits>
#include <unordered_set>
#include <utility>

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

// ---------------------------------------------------------------- compaction

// Calls f(name, column) for every per-firm column of SmeTable but the supplier slots.
template <class F>
void each_column(F&& f) {
  using T = SmeTable;
  f("economy", &T::economy);
  f("sector", &T::sector);
  f("tier", &T::tier);
  f("size_class", &T::size_class);
  f("flags", &T::flags);
  f("rng_key", &T::rng_key);
  f("park", &T::park);
  f("age_steps", &T::age_steps);
  f("negative_equity_steps", &T::negative_equity_steps);
  f("employees", &T::employees);
  f("capital_usd", &T::capital_usd);
  f("log_phi", &T::log_phi);
  f("quality", &T::quality);
  f("green", &T::green);
  f("cash_usd", &T::cash_usd);
  f("debt_usd", &T::debt_usd);
  f("loan_rate_per_year", &T::loan_rate_per_year);
  f("principal_per_step", &T::principal_per_step);
  f("guarantee_share", &T::guarantee_share);
  f("guarantee_program", &T::guarantee_program);
  f("credit_line_usd", &T::credit_line_usd);
  f("line_program", &T::line_program);
  f("capacity_units", &T::capacity_units);
  f("local_demand_units", &T::local_demand_units);
  f("orders_units", &T::orders_units);
  f("output_units", &T::output_units);
  f("price", &T::price);
  f("revenue_usd", &T::revenue_usd);
  f("costs_usd", &T::costs_usd);
  f("profit_usd", &T::profit_usd);
  f("fill_ratio", &T::fill_ratio);
  f("pending_upgrade", &T::pending_upgrade);
  f("pending_invest_usd", &T::pending_invest_usd);
}

template <class T>
bool same_bits(const T& x, const T& y) {
  return std::memcmp(&x, &y, sizeof(T)) == 0;
}

bool same_bits(const std::vector<double>& x, const std::vector<double>& y) {
  return x.size() == y.size() &&
         (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
}

// Key of the firm a slot links to, kNoKey when it is free or the firm exited (compaction frees it).
std::uint64_t live_key(const World& w, std::uint32_t slot) {
  return slot != kNoFirm && w.sme.alive(slot) ? w.sme.rng_key[slot] : model_test::kNoKey;
}

// Every firm alive in `a` is alive in `b`, in the same order, with the same state to the bit:
// every column, its suppliers and buyers (by key), and the same lead firms' suppliers.
void expect_same_firms(const World& a, const World& b, int step) {
  const model_test::FirmRows rows_b(b);
  std::size_t alive = 0, differences = 0;
  std::uint32_t last = 0;
  for (std::uint32_t i = 0; i < a.sme.size(); ++i) {
    if (!a.sme.alive(i)) continue;
    ++alive;
    const std::uint32_t j = rows_b.row(a.sme.rng_key[i]);
    ASSERT_NE(j, kNoFirm) << "step " << step << ": firm " << a.sme.rng_key[i] << " missing";
    ASSERT_TRUE(b.sme.alive(j));
    ASSERT_TRUE(alive == 1 || j > last) << "step " << step << ": order differs at row " << i;
    last = j;
    each_column([&](const char* name, auto column) {
      if (same_bits((a.sme.*column)[i], (b.sme.*column)[j])) return;
      if (++differences <= 5)
        ADD_FAILURE() << "step " << step << ": firm " << a.sme.rng_key[i] << " differs in " << name;
    });
    for (int k = 0; k < kMaxSlots; ++k) {
      const std::size_t si = std::size_t{i} * kMaxSlots + static_cast<std::size_t>(k);
      const std::size_t sj = std::size_t{j} * kMaxSlots + static_cast<std::size_t>(k);
      if (live_key(a, a.sme.supplier[si]) != live_key(b, b.sme.supplier[sj]) &&
          ++differences <= 5) {
        ADD_FAILURE() << "step " << step << ": firm " << a.sme.rng_key[i] << " supplier slot " << k
                      << " differs";
      }
    }
    if ((a.has_buyer[i] != b.has_buyer[j] || a.lead_supplier[i] != b.lead_supplier[j]) &&
        ++differences <= 5) {
      ADD_FAILURE() << "step " << step << ": firm " << a.sme.rng_key[i] << " buyers differ";
    }
  }
  EXPECT_EQ(alive, b.sme.size() - dead_rows(b)) << "step " << step;
  ASSERT_EQ(a.lead.supplier.size(), b.lead.supplier.size());
  for (std::size_t s = 0; s < a.lead.supplier.size(); ++s) {
    if (live_key(a, a.lead.supplier[s]) != live_key(b, b.lead.supplier[s]) && ++differences <= 5) {
      ADD_FAILURE() << "step " << step << ": lead slot " << s << " differs";
    }
  }
  EXPECT_EQ(differences, 0U) << "step " << step;
}

// Right after a compaction: no exited rows, and every link is free or names a live firm.
void expect_compacted(const World& w, int step) {
  EXPECT_EQ(dead_rows(w), 0U) << "step " << step;
  for (const auto* slots : {&w.sme.supplier, &w.lead.supplier}) {
    for (const std::uint32_t j : *slots) {
      if (j == kNoFirm) continue;
      ASSERT_LT(j, w.sme.size()) << "step " << step;
      EXPECT_TRUE(w.sme.alive(j)) << "step " << step << ": a link to exited row " << j;
    }
  }
}

TEST(EntryExit, CompactionKeepsSurvivorsInOrderAndChangesNoResult) {
  // Twin worlds: `model` compacts when phase 9 decides to, `every` also compacts after every step.
  auto model = model_test::make_run(model_test::scenario_text("", 20000));
  auto every = model_test::make_run(model_test::scenario_text("", 20000));
  // Every column is compared: one the list misses would show in bytes_per_firm().
  std::size_t bytes = kMaxSlots * sizeof(std::uint32_t);
  each_column([&bytes](const char*, auto column) {
    bytes += sizeof(typename std::decay_t<decltype(std::declval<SmeTable&>().*column)>::value_type);
  });
  ASSERT_EQ(bytes, model->w->sme.bytes_per_firm());
  int compactions = 0;
  for (int t = 0; t < 12; ++t) {
    const std::vector<std::uint64_t> before = model->w->sme.rng_key;
    const std::size_t dead_before = dead_rows(*model->w);
    model->step();
    every->step();
    compact_firms(*every->w);
    expect_compacted(*every->w, t);
    const World& w = *model->w;
    const auto entered = static_cast<std::size_t>(total(w.counters.entries));
    if (w.sme.size() < before.size() + entered) {
      ++compactions;
      expect_compacted(w, t);
      // Survivors keep their order: the rows before the entrants are the firms of the step
      // before that are still in the table, in the same order.
      const model_test::FirmRows rows(w);
      std::vector<std::uint64_t> survivors;
      for (const std::uint64_t key : before) {
        if (rows.row(key) != kNoFirm) survivors.push_back(key);
      }
      const std::vector<std::uint64_t> kept(
          w.sme.rng_key.begin(), w.sme.rng_key.end() - static_cast<std::ptrdiff_t>(entered));
      EXPECT_EQ(kept, survivors) << "step " << t;
      // Only exited firms were dropped: earlier exits and this step's.
      EXPECT_EQ(before.size() - survivors.size(),
                dead_before + static_cast<std::size_t>(total(w.counters.exits)))
          << "step " << t;
    }
    expect_same_firms(w, *every->w, t);
    EXPECT_TRUE(same_bits(w.outside_usd, every->w->outside_usd)) << "step " << t;
    EXPECT_TRUE(same_bits(w.government_usd, every->w->government_usd)) << "step " << t;
    EXPECT_EQ(w.alive_count, every->w->alive_count) << "step " << t;
    for (std::size_t m = 0; m < w.metric_values.size(); ++m) {
      EXPECT_TRUE(same_bits(w.metric_values[m], every->w->metric_values[m]))
          << "step " << t << ": metric " << m;
    }
  }
  EXPECT_GE(compactions, 2);
}

}  // namespace
