// Phase 4 (production.cpp): orders flow down, output is the least of demand,
// capacity and working capital, deliveries and payments conserve money.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {
using namespace models;

TEST(Production, OutputNeverExceedsDemandOrCapacity) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(2);
  r->until("production");
  const SmeTable& f = r->w->sme;
  std::size_t producing = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    EXPECT_LE(f.output_units[i], f.capacity_units[i] * (1 + 1e-5));
    EXPECT_LE(f.output_units[i], (f.local_demand_units[i] + f.orders_units[i]) * (1 + 1e-5));
    producing += f.output_units[i] > 0 ? 1 : 0;
  }
  EXPECT_GT(producing, f.size() / 2);
}

TEST(Production, LeadOrdersReachTierOneInProportionToInputShare) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("production");
  const World& w = *r->w;
  // Each lead firm orders input share x planned output, split over its live suppliers by
  // capacity, at most max_order_share of a supplier's capacity.
  double expected = 0, received = 0, uncapped = 0;
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    const std::uint32_t* slots = &w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots)];
    double cap = 0;
    for (int k = 0; k < w.lead.slots; ++k) {
      if (slots[k] != kNoFirm && w.sme.alive(slots[k])) cap += w.sme.capacity_units[slots[k]];
    }
    if (cap <= 0) continue;
    const double units = w.sect[w.lead.sector[l]].input_share[0] * w.lead.planned_units[l];
    uncapped += units;
    for (int k = 0; k < w.lead.slots; ++k) {
      if (slots[k] == kNoFirm || !w.sme.alive(slots[k])) continue;
      expected += std::min(units * w.sme.capacity_units[slots[k]] / cap,
                           w.cfg.max_order_share * w.sme.capacity_units[slots[k]]);
    }
  }
  EXPECT_LE(expected, uncapped * (1 + 1e-9));
  // Tier-1 orders also come from no one else: tier 1 only sells to lead firms.
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (w.sme.alive(i) && w.sme.tier[i] == 1) received += w.sme.orders_units[i];
  }
  ASSERT_GT(expected, 0.0);
  EXPECT_NEAR(received / expected, 1.0, 1e-4);
}

TEST(Production, WorkingCapitalLimitsOutput) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("demand");
  r->until("sourcing");
  // Take the cash of every firm away (to the outside, so money is still conserved).
  for (std::size_t i = 0; i < r->w->sme.size(); ++i) {
    r->w->outside_usd += r->w->sme.cash_usd[i];
    r->w->sme.cash_usd[i] = 0;
  }
  r->until("production");
  double out = 0;
  for (std::size_t i = 0; i < r->w->sme.size(); ++i) out += r->w->sme.output_units[i];
  EXPECT_EQ(out, 0.0);
  EXPECT_NEAR(r->w->money_sum(), r->w->money_total_usd, 1e-6 * std::abs(r->w->money_total_usd) + 1.0);
}

TEST(Production, MoneyIsConservedThroughPayments) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("production");
  const double gross = std::abs(r->w->outside_usd) + std::abs(r->w->government_usd);
  EXPECT_NEAR(r->w->money_sum(), r->w->money_total_usd, 1e-9 * gross);
}

}  // namespace
