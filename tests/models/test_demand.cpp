// Phase 2 (demand.cpp): lead plans grow with the trend, the local market is
// shared by CES competitiveness, alias tables sample by visibility.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {
using namespace models;

TEST(Demand, LocalMarketIsSharedInFullAndCheaperFirmsSellMorePerUnitOfCapacity) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("demand");
  const World& w = *r->w;
  const Groups& g = w.groups;
  // Group of IND electronics tier 3 (many firms).
  const auto k = static_cast<std::size_t>(w.group(1, 0, 3));
  ASSERT_GT(g.start[k + 1] - g.start[k], 20U);
  double usd = 0, cheap = 0, cheap_n = 0, dear = 0, dear_n = 0;
  std::vector<double> prices;
  for (std::uint32_t p = g.start[k]; p < g.start[k + 1]; ++p) prices.push_back(w.price(g.ids[p]));
  std::vector<double> sorted = prices;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  for (std::uint32_t p = g.start[k]; p < g.start[k + 1]; ++p) {
    const std::uint32_t i = g.ids[p];
    usd += w.sme.local_demand_units[i] * w.price(i);
    const double per_cap = w.sme.local_demand_units[i] / w.sme.capacity_units[i];
    if (w.price(i) < median) { cheap += per_cap; cheap_n += 1; } else { dear += per_cap; dear_n += 1; }
  }
  const double growth = std::exp(std::log1p(w.econ[1].demand_growth_per_year) * w.years());
  EXPECT_NEAR(usd, w.local_demand_usd_per_year[k] * growth * w.dt, 1e-6 * usd);
  EXPECT_GT(cheap / cheap_n, dear / dear_n);
}

TEST(Demand, LeadPlansGrowAtTheTrend) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->until("demand");
  const double first = r->w->lead.planned_units[0];
  r->finish_step();
  r->steps(3);
  r->until("demand");
  const double g = r->w->econ[r->w->lead.economy[0]].demand_growth_per_year;
  EXPECT_NEAR(r->w->lead.planned_units[0] / first, std::pow(1.0 + g, 1.0), 1e-5);
}

TEST(Demand, AliasTablesSampleByVisibility) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->until("demand");
  const World& w = *r->w;
  const Groups& g = w.groups;
  const auto k = static_cast<std::size_t>(w.group(1, 0, 3));
  const std::uint32_t a = g.start[k], n = g.start[k + 1] - a;
  // Probability of each member under the alias table equals visibility / total.
  std::vector<double> prob(n, 0.0);
  for (std::uint32_t j = 0; j < n; ++j) {
    const Offer& o = g.offer[a + j];
    EXPECT_EQ(o.id, g.ids[a + j]);
    EXPECT_FLOAT_EQ(o.price, w.sme.price[o.id]);
    prob[j] += o.alias_prob / static_cast<double>(n);
    prob[o.alias()] += (1.0 - o.alias_prob) / static_cast<double>(n);
  }
  for (std::uint32_t j = 0; j < n; ++j) {
    EXPECT_NEAR(prob[j], visibility(w, g.ids[a + j]) / g.visibility_total[k], 1e-6);
  }
}

}  // namespace
