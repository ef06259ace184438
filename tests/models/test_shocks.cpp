// Paired tests of the shocks (demand shock, supply disruption, credit crunch,
// trade war): the same world with and without the shock, with common random
// numbers, so the difference is the shock's effect. Also the resilience
// metrics (depth of the fall, quarters to recover) recorded at the end.
#include "models/instrument.hpp"
#include "models/model.hpp"
#include "models/phases.hpp"
#include "models/world.hpp"
#include "sim/scenario.hpp"
#include "tests/models/catalogue_support.hpp"
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

namespace {

// Small worlds over the real data files, stepped phase by phase (the same
// phases in the same order as the ensemble runner).
namespace catalogue_test {

using ::catalogue_test::make;
using ::catalogue_test::world_text;
using Sim = ::catalogue_test::Sim;

}  // namespace catalogue_test
}  // namespace

namespace {

using catalogue_test::make;
using catalogue_test::Sim;
using catalogue_test::world_text;
using models::World;

using ::catalogue_test::econ;
using ::catalogue_test::Pair;

// The shock's worlds: `both` goes into both, `shock` only into the shocked one.
Pair paired_shock(const std::string& shock, double scale = 5000, const std::string& both = "") {
  return ::catalogue_test::paired(shock, both, scale);
}

double value_added(const World& w, int e = -1) {
  double v = 0;
  for (int ee = 0; ee < w.E(); ++ee) {
    if (e >= 0 && ee != e) continue;
    for (int s = 0; s < w.S(); ++s)
      v += w.counters.value_added_usd[static_cast<std::size_t>(w.es(ee, s))];
  }
  return v;
}

// Resilience metrics of a world after its run, by economy.
struct Resilience {
  std::vector<double> pre, depth, quarters;
};
Resilience resilience(const Sim& s) {
  const auto& d = models::definition();
  sim::MetricFrame frame(d.metrics, d.coordinates(s.scenario));
  d.record_final(*s.w, frame);
  return {frame.values(d.metric_index("resilience_pre_shock_value_added_usd")),
          frame.values(d.metric_index("resilience_depth")),
          frame.values(d.metric_index("resilience_recovery_quarters"))};
}

// Supplier links held by buyers (lead firms and SMEs) in economy d to SMEs of economy o.
double links(const World& w, int d, int o) {
  double n = 0;
  auto count = [&](std::uint32_t j) {
    return j != models::kNoFirm && w.sme.alive(j) && w.sme.economy[j] == o ? 1.0 : 0.0;
  };
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    if (w.lead.economy[l] != d) continue;
    for (int k = 0; k < w.lead.slots; ++k)
      n += count(w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots) +
                                 static_cast<std::size_t>(k)]);
  }
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i) || w.sme.economy[i] != d) continue;
    for (int k = 0; k < models::kMaxSlots; ++k)
      n += count(w.sme.supplier[i * models::kMaxSlots + static_cast<std::size_t>(k)]);
  }
  return n;
}

TEST(Shocks, AreRegisteredWithoutBudget) {
  ASSERT_EQ(models::shock_kinds().size(), 4U);
  const auto* shock = models::definition().schema.array("shock");
  ASSERT_NE(shock, nullptr);
  EXPECT_EQ(sim::find_param(shock->common, "budget_usd"), nullptr);
  EXPECT_NO_THROW(make(world_text("[[shock]]\ntype = \"demand_shock\"\n")));
  EXPECT_THROW(make(world_text("[[shock]]\ntype = \"demand_shock\"\nbudget_usd = 1\n")),
               sim::InputError);
}

// ---------------------------------------------------------------- demand shock

TEST(DemandShock, ValueAddedFallsDuringTheShockAndRecovers) {
  Pair p = paired_shock(R"(
[[shock]]
type = "demand_shock"
demand_change = -0.3
start_year = 1
end_year = 2
)");
  std::vector<double> ratio;
  for (int k = 0; k < 20; ++k) {
    p.steps(1);
    ratio.push_back(value_added(*p.pol->w) / value_added(*p.base->w));
  }
  std::cout << "demand_shock: value added relative to the baseline by quarter:";
  for (double r : ratio) std::cout << " " << std::round(r * 1000) / 1000;
  std::cout << "\n";
  for (int k = 0; k < 4; ++k)
    EXPECT_EQ(ratio[static_cast<std::size_t>(k)], 1.0) << "before the shock, step " << k;
  double during = 0;
  for (int k = 4; k < 8; ++k) during += ratio[static_cast<std::size_t>(k)] / 4;
  // Demand falls 30%; value added falls by about as much (inputs fall with output).
  EXPECT_LT(during, 0.85);
  EXPECT_GT(during, 0.6);
  // After the shock demand is back; by the last year value added is close to the baseline's.
  double last = 0;
  for (int k = 16; k < 20; ++k) last += ratio[static_cast<std::size_t>(k)] / 4;
  EXPECT_GT(last, 0.9);
  EXPECT_GT(last, during + 0.1);

  const Resilience r = resilience(*p.pol), rb = resilience(*p.base);
  for (std::size_t e = 0; e < r.depth.size(); ++e) {
    std::cout << "demand_shock: " << p.pol->w->econ[e].code << " depth " << r.depth[e]
              << ", quarters to recover " << r.quarters[e] << "\n";
    EXPECT_GT(r.pre[e], 0.0);
    // At least the fall relative to the baseline (which itself drifts down in this calibration).
    EXPECT_GT(r.depth[e], 0.15);
    EXPECT_LT(r.depth[e], 0.7);
    // Not before demand is back (4 quarters after the start), or never.
    EXPECT_TRUE(std::isnan(r.quarters[e]) || r.quarters[e] >= 4.0);
    // Without a shock there is nothing to measure.
    EXPECT_TRUE(std::isnan(rb.pre[e]));
    EXPECT_TRUE(std::isnan(rb.depth[e]));
    EXPECT_TRUE(std::isnan(rb.quarters[e]));
  }
}

// The definitions, on a value-added history set by hand: the pre-shock level is
// the mean of the year before the first shock; depth is the largest relative
// drop below it; recovery counts quarters from the shock's start until value
// added is back at the level after its lowest point.
TEST(ResilienceMetrics, DepthAndRecoveryFollowTheirDefinitions) {
  auto s = make(world_text(R"(
[[shock]]
type = "demand_shock"
start_year = 1
end_year = 1.5
)"));
  models::World& w = *s->w;
  const int E = w.E();
  ASSERT_EQ(E, 3);
  // Economy 0 falls to 70 and is back at step 8; economy 1 never falls; economy 2 never recovers.
  const std::vector<std::vector<double>> va = {
      {100, 100, 110, 90, 80, 70, 75, 95, 100, 120},
      {100, 100, 100, 100, 101, 102, 103, 104, 105, 106},
      {100, 100, 100, 100, 60, 50, 55, 60, 65, 70},
  };
  w.value_added_history.assign(static_cast<std::size_t>(10 * E), 0.0);
  for (int t = 0; t < 10; ++t) {
    for (int e = 0; e < E; ++e) {
      w.value_added_history[static_cast<std::size_t>(t * E + e)] =
          va[static_cast<std::size_t>(e)][static_cast<std::size_t>(t)];
    }
  }
  const Resilience r = resilience(*s);
  EXPECT_DOUBLE_EQ(r.pre[0], 100.0);
  EXPECT_DOUBLE_EQ(r.depth[0], 0.3);
  EXPECT_DOUBLE_EQ(r.quarters[0], 4.0);  // shock at step 4, back to 100 at step 8
  EXPECT_DOUBLE_EQ(r.depth[1], 0.0);
  EXPECT_DOUBLE_EQ(r.quarters[1], 0.0);
  EXPECT_DOUBLE_EQ(r.depth[2], 0.5);
  EXPECT_TRUE(std::isnan(r.quarters[2]));
}

TEST(DemandShock, HitsOnlyTheTargetedEconomyAndSectorDirectly) {
  Pair p = paired_shock(R"(
[[shock]]
type = "demand_shock"
economies = ["IND"]
sectors = ["agrifood"]
demand_change = -0.5
start_year = 0
end_year = 1
)");
  p.steps(1);
  const World& b = *p.base->w;
  const World& w = *p.pol->w;
  for (int e = 0; e < w.E(); ++e) {
    for (int s = 0; s < w.S(); ++s) {
      const double f = w.market.demand_factor[static_cast<std::size_t>(w.es(e, s))];
      const bool hit = w.econ[static_cast<std::size_t>(e)].code == "IND" &&
                       w.sect[static_cast<std::size_t>(s)].name == "agrifood";
      EXPECT_EQ(f, hit ? 0.5 : 1.0);
    }
  }
  // Lead firms in IND agrifood plan half the output.
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    const bool hit =
        w.econ[w.lead.economy[l]].code == "IND" && w.sect[w.lead.sector[l]].name == "agrifood";
    EXPECT_NEAR(w.lead.planned_units[l], (hit ? 0.5 : 1.0) * b.lead.planned_units[l],
                1e-3 * b.lead.planned_units[l]);
  }
}

// ---------------------------------------------------------------- supply disruption

TEST(SupplyDisruption, HitFirmsLoseCapacityAndOutputUntilItEnds) {
  Pair p = paired_shock(R"(
[[shock]]
type = "supply_disruption"
economies = ["IND"]
sectors = ["electronics"]
capacity_loss = 0.5
start_year = 0.5
end_year = 1.5
)");
  const int ind = econ(*p.base->w, "IND");
  int el = 0;
  while (p.base->w->sect[static_cast<std::size_t>(el)].name != "electronics") ++el;
  auto hit = [&](const World& w, std::size_t i) {
    return w.sme.alive(i) && w.sme.economy[i] == ind && w.sme.sector[i] == el;
  };
  p.steps(2);
  // Step 2: everything equal up to now, capacity halved for the hit firms only.
  p.base->until("demand");
  p.pol->until("demand");
  std::size_t checked = 0;
  model_test::for_each_common(*p.pol->w, *p.base->w, [&](std::uint32_t i, std::uint32_t j) {
    const double cap_b = p.base->w->sme.capacity_units[j], cap_p = p.pol->w->sme.capacity_units[i];
    EXPECT_NEAR(cap_p, (hit(*p.pol->w, i) ? 0.5 : 1.0) * cap_b, 1e-4 * cap_b)
        << "firm " << p.pol->w->sme.rng_key[i];
    ++checked;
  });
  EXPECT_GT(checked, 0U);
  p.base->finish_step();
  p.pol->finish_step();
  // Sums of a column over the hit firms alive in both worlds, in each.
  auto hit_sum = [&](double& base, double& pol, const std::vector<float> models::SmeTable::*v) {
    model_test::for_each_common(*p.pol->w, *p.base->w, [&](std::uint32_t i, std::uint32_t j) {
      if (!hit(*p.pol->w, i)) return;
      base += (p.base->w->sme.*v)[j];
      pol += (p.pol->w->sme.*v)[i];
    });
  };
  double out_b = 0, out_p = 0, va_b = 0, va_p = 0;
  for (int k = 3; k < 6; ++k) {
    p.steps(1);
    hit_sum(out_b, out_p, &models::SmeTable::output_units);
    va_b += p.base->w->counters.value_added_usd[static_cast<std::size_t>(p.base->w->es(ind, el))];
    va_p += p.pol->w->counters.value_added_usd[static_cast<std::size_t>(p.pol->w->es(ind, el))];
  }
  std::cout << "supply_disruption: output of hit firms during the shock x" << out_p / out_b
            << ", IND electronics value added x" << va_p / va_b << "\n";
  EXPECT_LT(out_p, 0.75 * out_b);
  EXPECT_GT(out_p, 0.3 * out_b);
  EXPECT_LT(va_p, 0.85 * va_b);
  p.steps(6);  // the shock ended at step 6
  EXPECT_EQ(p.pol->w->market.capacity_factor[static_cast<std::size_t>(p.pol->w->es(ind, el))], 1.0);
  double after_b = 0, after_p = 0;
  hit_sum(after_b, after_p, &models::SmeTable::capacity_units);
  EXPECT_GT(after_p, 0.8 * after_b);
}

// ---------------------------------------------------------------- credit crunch

// Brazil's banks get little capital here (USD 3 per SME, default 20,000): at the
// default, SME loans use a tiny part of banks' lending capacity and no crunch of
// this size could bind.
TEST(CreditCrunch, BanksLoseCapitalOnceAndLendLess) {
  Pair p = paired_shock(R"(
[[shock]]
type = "credit_crunch"
economies = ["BRA"]
capital_loss = 0.6
lending_factor = 0.4
start_year = 1
end_year = 2
)",
                        750, "[economy.BRA]\nbank_capital_per_sme_usd = 3.0\n");
  const int bra = econ(*p.base->w, "BRA");
  p.steps(4);
  // Step 4: the crunch starts in phase 1, before any lending.
  auto equity = [](const World& w, int e) {
    double x = 0;
    for (const auto& b : w.banks) x += b.economy == e ? b.equity_usd : 0.0;
    return x;
  };
  p.base->until("schedule");
  p.pol->until("schedule");
  EXPECT_NEAR(equity(*p.pol->w, bra), 0.4 * equity(*p.base->w, bra),
              1e-9 * equity(*p.base->w, bra));
  for (int e = 0; e < p.pol->w->E(); ++e) {
    if (e != bra) {
      EXPECT_EQ(equity(*p.pol->w, e), equity(*p.base->w, e));
    }
  }
  EXPECT_EQ(p.pol->w->market.bank_lending_factor[static_cast<std::size_t>(bra)], 0.4);
  // Now finish step 4 and run three more (the capital loss stays applied once).
  double apps_b = 0, apps_p = 0, appr_b = 0, appr_p = 0;
  for (int k = 4; k < 8; ++k) {
    p.steps(1);
    for (int s = 0; s < p.base->w->S(); ++s) {
      const auto c = static_cast<std::size_t>(p.base->w->es(bra, s));
      apps_b += p.base->w->counters.credit_applications[c];
      apps_p += p.pol->w->counters.credit_applications[c];
      appr_b += p.base->w->counters.credit_approvals[c];
      appr_p += p.pol->w->counters.credit_approvals[c];
    }
  }
  std::cout << "credit_crunch: BRA approvals during the crunch " << appr_b << "/" << apps_b
            << " -> " << appr_p << "/" << apps_p << "\n";
  // The loss is taken once: equity neither returns to the baseline's nor shrinks by 0.4 each
  // step (0.4^5 = 0.01). Between those, it depends on the defaults during the crunch: 0.33 to
  // 0.51 of the baseline's over seeds 1 to 16 (SMESIM_TEST_SEED).
  const double equity_ratio = equity(*p.pol->w, bra) / equity(*p.base->w, bra);
  std::cout << "credit_crunch: BRA bank equity after the crunch, share of the baseline's "
            << equity_ratio << "\n";
  EXPECT_GT(equity_ratio, 0.05);
  EXPECT_LT(equity_ratio, 0.75);
  // Lending capacity falls to 0.6 x 0.4 = a quarter of what it was: refusals rise. Only part of
  // the banks' lending is capacity-bound, so approvals fall by 9-44% across seeds 1-16. (One
  // SME per 750 firms: with half as many, about 600 applications, one seed in 16 saw only a
  // 1% fall.)
  EXPECT_LT(appr_p / apps_p, 0.97 * appr_b / apps_b);
  EXPECT_GT(appr_p, 0.0);
  p.steps(1);
  EXPECT_EQ(p.pol->w->market.bank_lending_factor[static_cast<std::size_t>(bra)], 1.0);
}

// ---------------------------------------------------------------- trade war

// Without home bias or distance in the search (defaults 0.25 and 1) buyers meet
// enough foreign candidates for trade between the pair to matter.
TEST(TradeWar, RaisesTariffsBothWaysAndCutsLinksBetweenThePair) {
  Pair p = paired_shock(R"(
[[shock]]
type = "trade_war"
economies = ["BRA"]
partner_economies = ["IND"]
tariff_increase_pct_points = 50
start_year = 0
end_year = 3
)",
                        2000, "[sourcing]\nborder_effect = 1.0\ndistance_elasticity = 0.0\n");
  const World& w = *p.pol->w;
  const int bra = econ(w, "BRA"), ind = econ(w, "IND"), zaf = econ(w, "ZAF");
  p.steps(1);
  for (int s = 0; s < w.S(); ++s) {
    const auto bi = static_cast<std::size_t>(w.trade.cell(bra, ind, s)),
               ib = static_cast<std::size_t>(w.trade.cell(ind, bra, s));
    const auto bz = static_cast<std::size_t>(w.trade.cell(bra, zaf, s));
    EXPECT_EQ(w.trade.tariff_pct[bi], w.trade.base_tariff_pct[bi] + 50);
    EXPECT_EQ(w.trade.tariff_pct[ib], w.trade.base_tariff_pct[ib] + 50);
    EXPECT_EQ(w.trade.tariff_pct[bz], w.trade.base_tariff_pct[bz]);
  }
  const double before = links(*p.base->w, bra, ind) + links(*p.base->w, ind, bra);
  p.steps(11);
  const double base = links(*p.base->w, bra, ind) + links(*p.base->w, ind, bra);
  const double pol = links(*p.pol->w, bra, ind) + links(*p.pol->w, ind, bra);
  std::cout << "trade_war: BRA-IND supplier links " << base << " -> " << pol << " (at the start "
            << before << ")\n";
  ASSERT_GT(base, 20.0);
  // About 30 % fewer: pol/base was 0.63 to 0.75 over seeds 1 to 12 (SMESIM_TEST_SEED), mean 0.69.
  EXPECT_LT(pol, 0.8 * base);
  EXPECT_GT(pol, 0.45 * base);  // a cost shock, not an embargo: the cheapest pairs still trade
  const double zaf_base = links(*p.base->w, bra, zaf) + links(*p.base->w, ind, zaf),
               zaf_pol = links(*p.pol->w, bra, zaf) + links(*p.pol->w, ind, zaf);
  std::cout << "trade_war: links with ZAF " << zaf_base << " -> " << zaf_pol << "\n";
  // Buyers turn to other suppliers; links with ZAF are not cut: pol/base was 0.89 to 1.12 over
  // seeds 1 to 16, mean 1.04, on about 100 links.
  EXPECT_GE(zaf_pol, 0.85 * zaf_base);
}

}  // namespace
