// Policy effects measured with common random numbers against the baseline:
// the same seed and replication, the only difference is the policy.
#include "models/instrument.hpp"
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {
using namespace models;

struct Credit {
  double apps = 0, ok = 0;
  [[nodiscard]] double rate() const { return apps > 0 ? ok / apps : 0.0; }
};

// Approvals and applications in economy 1 (IND, targeted) and economy 0 (BRA, not) over `steps`.
std::pair<Credit, Credit> credit_by_economy(model_test::Run& r, int steps) {
  Credit targeted, other;
  for (int t = 0; t < steps; ++t) {
    r.steps(1);
    const auto& c = r.w->counters;
    for (int e = 0; e < r.w->E(); ++e) {
      Credit& x = e == 1 ? targeted : other;
      for (int z = 0; z < 3; ++z) {
        x.apps += c.applications_by_size[static_cast<std::size_t>(e * 3 + z)];
        x.ok += c.approvals_by_size[static_cast<std::size_t>(e * 3 + z)];
      }
    }
  }
  return {targeted, other};
}

TEST(Policies, GuaranteeRaisesCreditAccessOfTargetedFirmsOnly) {
  const std::string guarantee =
      "[[policy]]\ntype = \"credit_guarantee\"\neconomies = [\"IND\"]\ncoverage = 0.7\n"
      "fee_per_year = 0.01\nleverage = 5\nbudget_usd = 5e9\n";
  double gain_targeted = 0, gain_other = 0;
  const int reps = 4;
  for (std::uint64_t rep = 0; rep < reps; ++rep) {
    auto base = model_test::make_run(model_test::scenario_text("", 10000), 11, rep);
    auto pol = model_test::make_run(model_test::scenario_text(guarantee, 10000), 11, rep);
    const auto [bt, bo] = credit_by_economy(*base, 16);
    const auto [pt, po] = credit_by_economy(*pol, 16);
    gain_targeted += (pt.rate() - bt.rate()) / reps;
    gain_other += (po.rate() - bo.rate()) / reps;
    EXPECT_LE(pol->w->programs[0].spent_usd, pol->w->programs[0].budget_usd);
    EXPECT_GT(pol->w->programs[0].exposure_usd, 0.0);
  }
  std::printf("guarantee: credit access of targeted firms %+.3f, of others %+.3f\n", gain_targeted,
              gain_other);
  // A 70% guarantee cuts the risk banks keep to 30%: approvals of targeted firms rise by points.
  EXPECT_GT(gain_targeted, 0.02);
  EXPECT_LT(gain_targeted, 0.6);
  EXPECT_LT(std::abs(gain_other), gain_targeted / 2);
}

TEST(Policies, ParksRaiseMembersProductivityGrowth) {
  const std::string park =
      "[[policy]]\ntype = \"industrial_park\"\neconomies = [\"IND\"]\nsectors = [\"electronics\"]\n"
      "capacity_firms = 5000000\nservice_level = 1.5\ncost_reduction = 0.05\n"
      "rent_usd_per_year = 100\nconstruction_cost_usd_per_firm = 1000\n";
  double growth_members = 0, growth_others = 0;
  for (std::uint64_t rep = 0; rep < 2; ++rep) {
    auto base = model_test::make_run(model_test::scenario_text("", 20000), 5, rep);
    auto pol = model_test::make_run(model_test::scenario_text(park, 20000), 5, rep);
    // Firms at the start, by key.
    const auto start =
        model_test::keys_where(*pol->w, [](const World&, std::size_t) { return true; });
    base->steps(16);
    pol->steps(16);
    // Members of the new park vs the same firms in the baseline (common random numbers).
    double dm = 0, nm = 0, dn = 0, nn = 0;
    model_test::for_each_common(start, *pol->w, *base->w, [&](std::uint32_t i, std::uint32_t j) {
      const double diff = pol->w->sme.log_phi[i] - base->w->sme.log_phi[j];
      const int p = pol->w->sme.park[i];
      if (p >= 0 && pol->w->parks[static_cast<std::size_t>(p)].program >= 0) {
        dm += diff;
        nm += 1;
      } else if (pol->w->sme.economy[i] != 0 || pol->w->sme.sector[i] != 0) {
        dn += diff;
        nn += 1;
      }
    });
    ASSERT_GT(nm, 20);
    growth_members += dm / nm / 2;
    growth_others += dn / nn / 2;
  }
  // Catch-up toward the frontier: members gain a few percent over four years.
  EXPECT_GT(growth_members, 0.01);
  EXPECT_LT(growth_members, 0.5);
  EXPECT_LT(std::abs(growth_others), growth_members / 2);
}

TEST(Policies, TariffCutRaisesCrossBorderLinksBetweenThePairMost) {
  // Many certified firms, so that cross-border links are common enough to measure.
  const std::string economies = "\"IND\", \"RUS\", \"CHN\"";
  const std::string certified =
      "[economy.IND]\ncertified_share = 0.5\n[economy.RUS]\ncertified_share = 0.5\n"
      "[economy.CHN]\ncertified_share = 0.5\n";
  const std::string cut =
      certified +
      "[[policy]]\ntype = \"tariff_change\"\neconomies = [\"IND\"]\npartner_economies = [\"CHN\"]\n"
      "change_pct_points = -15.0\nreciprocal = true\n";
  auto pair_links = [](const World& w, int a, int b) {
    double n = 0;
    for (std::size_t i = 0; i < w.sme.size(); ++i) {
      if (!w.sme.alive(i)) continue;
      for (int k = 0; k < kMaxSlots; ++k) {
        const auto j = w.sme.supplier[i * kMaxSlots + static_cast<std::size_t>(k)];
        if (j == kNoFirm || !w.sme.alive(j)) continue;
        const int x = w.sme.economy[i], y = w.sme.economy[j];
        if ((x == a && y == b) || (x == b && y == a)) n += 1;
      }
    }
    for (std::size_t l = 0; l < w.lead.size(); ++l) {
      for (int k = 0; k < w.lead.slots; ++k) {
        const auto j =
            w.lead
                .supplier[l * static_cast<std::size_t>(w.lead.slots) + static_cast<std::size_t>(k)];
        if (j == kNoFirm || !w.sme.alive(j)) continue;
        const int x = w.lead.economy[l], y = w.sme.economy[j];
        if ((x == a && y == b) || (x == b && y == a)) n += 1;
      }
    }
    return n;
  };
  double pair_gain = 0, other_gain = 0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    auto base =
        model_test::make_run(model_test::scenario_text(certified, 20000, economies), 3, rep);
    auto pol = model_test::make_run(model_test::scenario_text(cut, 20000, economies), 3, rep);
    base->steps(16);
    pol->steps(16);
    // Economies are ordered as listed: IND 0, RUS 1, CHN 2.
    pair_gain += pair_links(*pol->w, 0, 2) - pair_links(*base->w, 0, 2);
    other_gain += pair_links(*pol->w, 1, 2) - pair_links(*base->w, 1, 2);
  }
  std::printf(
      "tariff cut IND-CHN: +%.1f links between the pair, %+.1f between RUS and CHN (3 "
      "replications)\n",
      pair_gain, other_gain);
  EXPECT_GT(pair_gain, 3.0);
  EXPECT_GT(pair_gain, other_gain);
}

}  // namespace
