// Paired tests of every policy instrument of issue 4 (microfinance ...
// local_content_requirement): the same world (same seed and replication, so
// common random numbers) with and without the policy, stepped phase by phase.
// Each test asserts the direction and a plausible size of the instrument's
// first-order effect, and that its programme never spends beyond its budget.
// Also: the catalogue is complete, the inclusion metrics add up, and every
// scenario in scenarios/ that uses the new instruments and shocks runs.
#include "models/explain.hpp"
#include "models/instrument.hpp"
#include "models/model.hpp"
#include "models/phases.hpp"
#include "models/world.hpp"
#include "sim/ensemble.hpp"
#include "sim/scenario.hpp"
#include "tests/models/catalogue_support.hpp"
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

namespace {

// Small worlds over the real data files, stepped phase by phase (the same
// phases in the same order as the ensemble runner).
namespace catalogue_test {

using ::catalogue_test::make;
using ::catalogue_test::world_text;
using Sim = ::catalogue_test::Sim;

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

const std::vector<double>& metric(const models::World& w, const std::string& name) {
  return w.metric_values[models::definition().metric_index(name)];
}

// Sum over labels of a metric of the last step.
double metric_total(const models::World& w, const std::string& name) {
  return sum(metric(w, name));
}

// Sum over labels of metric x weight (labels without weight left out).
double metric_weighted(const models::World& w, const std::string& name, const std::string& weight) {
  const auto& v = metric(w, name);
  const auto& wt = metric(w, weight);
  double s = 0;
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (wt[k] > 0) s += v[k] * wt[k];
  }
  return s;
}

// Mean of a share or level metric across labels, weighted by sme_count.
double metric_mean(const models::World& w, const std::string& name) {
  return metric_weighted(w, name, "sme_count") / metric_total(w, "sme_count");
}

}  // namespace catalogue_test
}  // namespace

namespace {

using catalogue_test::make;
using catalogue_test::Sim;
using catalogue_test::world_text;
using models::World;

using ::catalogue_test::econ;
using ::catalogue_test::Pair;
using ::catalogue_test::paired;

int sector(const World& w, const std::string& name) {
  for (int s = 0; s < w.S(); ++s) {
    if (w.sect[static_cast<std::size_t>(s)].name == name) return s;
  }
  ADD_FAILURE() << "sector " << name << " not simulated";
  return 0;
}

// Sum over firms alive in both worlds (paired by rng_key) for which `pick` holds (judged in
// `a`) of `value`, in each world.
template <class Pick, class Value>
std::pair<double, double> over_common(const World& a, const World& b, Pick&& pick, Value&& value) {
  double x = 0, y = 0;
  model_test::for_each_common(a, b, [&](std::uint32_t i, std::uint32_t j) {
    if (!pick(a, i)) return;
    x += value(a, i);
    y += value(b, j);
  });
  return {x, y};
}

// ---------------------------------------------------------------- catalogue

TEST(Catalogue, EveryInstrumentOfDesignSection5IsRegistered) {
  std::set<std::string> policies, shocks;
  for (const auto& k : models::policy_kinds()) policies.insert(k.spec.type);
  for (const auto& k : models::shock_kinds()) shocks.insert(k.spec.type);
  for (const char* t : {"credit_guarantee",
                        "interest_subsidy",
                        "development_credit_line",
                        "microfinance",
                        "upgrade_grant",
                        "industrial_park",
                        "cluster_support",
                        "tariff_change",
                        "ntb_change",
                        "trade_facilitation",
                        "standards_recognition",
                        "matchmaking",
                        "digital_adoption",
                        "ecommerce_channel",
                        "training",
                        "technology_transfer",
                        "supplier_development",
                        "innovation_fund",
                        "green_requirement",
                        "carbon_price",
                        "green_finance",
                        "entry_simplification",
                        "compliance_simplification",
                        "public_procurement_setaside",
                        "local_content_requirement"}) {
    EXPECT_EQ(policies.count(t), 1U) << t;
  }
  for (const char* t : {"demand_shock", "supply_disruption", "credit_crunch", "trade_war"})
    EXPECT_EQ(shocks.count(t), 1U) << t;
  for (const auto* kinds : {&models::policy_kinds(), &models::shock_kinds()}) {
    for (const auto& k : *kinds) {
      EXPECT_GT(k.spec.doc.size(), 150U) << k.spec.type << ": explain what it does";
      EXPECT_FALSE(k.spec.enters.empty()) << k.spec.type;
      for (const auto& p : k.spec.params) {
        EXPECT_FALSE(p.meaning.empty()) << k.spec.type << "." << p.key;
        EXPECT_FALSE(p.source.empty()) << k.spec.type << "." << p.key;
      }
    }
  }
}

// Every instrument and shock, with its documented example block and a budget
// that runs out, in a five-economy world: programmes never spend beyond their
// budget (checked after every step), and instruments that pay per firm or per
// step spend all of a small budget.
TEST(Catalogue, NoProgrammeEverSpendsBeyondItsBudget) {
  std::string blocks;
  for (const auto* kinds : {&models::policy_kinds(), &models::shock_kinds()}) {
    for (const auto& k : *kinds) {
      std::string block = models::example_toml(k.spec.type);
      // Real USD 2 million: a few model units at this scale, used up within the run.
      block = std::regex_replace(block, std::regex("budget_usd = [^\\n]*"), "budget_usd = 2.0e6");
      block = std::regex_replace(block, std::regex("start_year = [^\\n]*"), "start_year = 0.25");
      block = std::regex_replace(block, std::regex("end_year = [^\\n]*"), "end_year = 3");
      // Regulatory instruments spend only on administration: give them some.
      block = std::regex_replace(block, std::regex("cost_usd_per_year = 0.0"),
                                 "cost_usd_per_year = 1.0e6");
      blocks += block + "\n";
    }
  }
  auto s = make(world_text(blocks, 2000, R"("BRA", "RUS", "IND", "CHN", "ZAF")", ""));
  for (int k = 0; k < 12; ++k) {
    s->step();
    s->check_budgets();
  }
  for (std::size_t p = 0; p < s->w->programs.size(); ++p) {
    const auto& prog = s->w->programs[p];
    const bool shock =
        std::any_of(models::shock_kinds().begin(), models::shock_kinds().end(),
                    [&](const models::InstrumentKind& k) { return k.spec.type == prog.type; });
    if (shock) {
      EXPECT_EQ(prog.spent_usd, 0.0) << prog.type << ": shocks have no budget";
      continue;
    }
    // Spending instruments use their budget up; none beyond it.
    EXPECT_LE(prog.spent_usd, prog.budget_usd) << prog.type;
    if (prog.type != "credit_guarantee" && prog.type != "interest_subsidy" &&
        prog.type != "development_credit_line" && prog.type != "green_finance" &&
        prog.type != "tariff_change" && prog.type != "upgrade_grant" &&
        prog.type != "industrial_park") {
      EXPECT_NEAR(prog.spent_usd, prog.budget_usd, 1e-9 * prog.budget_usd)
          << prog.type << " should exhaust a small budget";
    }
  }
}

// ---------------------------------------------------------------- 1. microfinance

// A tight credit market in both worlds (risk appetite 0.01 and collateral 2x the
// loan; defaults 0.03 and 0.6), so that banks turn micro firms away for risk and
// collateral, which is what microlenders relax.
const std::string kTightCredit = "[finance]\nrisk_appetite = 0.01\ncollateral_ratio = 2.0\n";

TEST(Microfinance, RaisesCreditApprovalsOfMicroFirms) {
  Pair p = paired(R"(
[[policy]]
type = "microfinance"
size_classes = ["micro"]
loan_cap_usd = 5000
rate_per_year = 0.25
cost_usd_per_firm_year = 20
)",
                  kTightCredit);
  double base = 0, pol = 0, base_medium = 0, pol_medium = 0;
  for (int k = 0; k < 8; ++k) {
    p.steps(1);
    for (int e = 0; e < 3; ++e) {
      base += p.base->w->counters.approvals_by_size[static_cast<std::size_t>(e * 3)];
      pol += p.pol->w->counters.approvals_by_size[static_cast<std::size_t>(e * 3)];
      base_medium += p.base->w->counters.approvals_by_size[static_cast<std::size_t>(e * 3 + 2)];
      pol_medium += p.pol->w->counters.approvals_by_size[static_cast<std::size_t>(e * 3 + 2)];
    }
  }
  RecordProperty("micro_approvals_ratio", std::to_string(pol / base));
  std::cout << "microfinance: micro approvals " << base << " -> " << pol << " (x" << pol / base
            << ")\n";
  EXPECT_GT(pol, 1.08 * base);
  // Credit is deliberately tight here, so few micro loans are approved without it: a
  // multiple of a few is plausible (3.7 to 5.3 over seeds 1 to 12), an order of magnitude is not.
  EXPECT_LT(pol, 8.0 * base);
  // Medium firms are not targeted.
  EXPECT_NEAR(pol_medium, base_medium, 0.1 * base_medium + 2);
  // Its fiscal cost: the outreach subsidy per targeted (micro) firm and step.
  EXPECT_GT(p.pol->w->programs[0].spent_usd, 0.0);
}

// ---------------------------------------------------------------- 2. trade facilitation

TEST(TradeFacilitation, RaisesCrossBorderLinks) {
  Pair p = paired(R"(
[[policy]]
type = "trade_facilitation"
freight_reduction = 0.5
border_time_ave_cut = 0.05
cost_usd_per_year = 1.0e8
)");
  p.steps(8);
  const double base = catalogue_test::metric_total(*p.base->w, "cross_border_links");
  const double pol = catalogue_test::metric_total(*p.pol->w, "cross_border_links");
  std::cout << "trade_facilitation: cross-border links " << base << " -> " << pol << "\n";
  EXPECT_GT(pol, 1.05 * base);
  EXPECT_LT(pol, 4.0 * base);
  // Administration at USD 100 million a year for two years, in model units.
  EXPECT_NEAR(p.pol->w->programs[0].spent_usd, 1e8 / 5000 * 2, 1e-6);
}

// ---------------------------------------------------------------- 3. digital adoption

TEST(DigitalAdoption, MoreTargetedFirmsAdoptAndTheProgrammePaysItsShare) {
  Pair p = paired(R"(
[[policy]]
type = "digital_adoption"
economies = ["IND"]
cost_share = 0.8
success_bonus = 0.2
)");
  p.steps(8);
  const int ind = econ(*p.base->w, "IND");
  auto [pol, base] = over_common(
      *p.pol->w, *p.base->w, [&](const World& w, std::size_t i) { return w.sme.economy[i] == ind; },
      [](const World& w, std::size_t i) { return w.sme.has(i, models::kDigital) ? 1.0 : 0.0; });
  auto [n, n2] = over_common(
      *p.pol->w, *p.base->w, [&](const World& w, std::size_t i) { return w.sme.economy[i] == ind; },
      [](const World&, std::size_t) { return 1.0; });
  (void)n2;
  std::cout << "digital_adoption: digital share in IND " << base / n << " -> " << pol / n << "\n";
  EXPECT_GT(pol / n, base / n + 0.02);
  EXPECT_LT(pol / n, base / n + 0.6);
  // Other economies are not targeted: their adoption does not move much.
  const int bra = econ(*p.base->w, "BRA");
  auto [pb, bb] = over_common(
      *p.pol->w, *p.base->w, [&](const World& w, std::size_t i) { return w.sme.economy[i] == bra; },
      [](const World& w, std::size_t i) { return w.sme.has(i, models::kDigital) ? 1.0 : 0.0; });
  EXPECT_NEAR(pb, bb, 0.02 * std::max(1.0, bb) + 3);
  EXPECT_GT(p.pol->w->programs[0].spent_usd, 0.0);
}

// ---------------------------------------------------------------- 4. e-commerce channel

TEST(EcommerceChannel, ListedFirmsSellMore) {
  Pair p = paired(R"(
[[policy]]
type = "ecommerce_channel"
economies = ["IND"]
sectors = ["agrifood"]
demand_bonus = 0.5
visibility_bonus = 1.0
cost_usd_per_firm_year = 100
)");
  p.steps(1);  // digital firms list during the first step
  auto is_listed = [](const World& w, std::size_t i) {
    return w.sme.alive(i) && w.sme.has(i, models::kEcommerce);
  };
  for (std::size_t i = 0; i < p.pol->w->sme.size(); ++i) {
    if (!is_listed(*p.pol->w, i)) continue;
    EXPECT_TRUE(p.pol->w->sme.has(i, models::kDigital));
    EXPECT_EQ(p.pol->w->econ[p.pol->w->sme.economy[i]].code, "IND");
  }
  const std::vector<std::uint64_t> listed = model_test::keys_where(*p.pol->w, is_listed);
  ASSERT_GT(listed.size(), 20U);
  double base = 0, pol = 0;
  for (int k = 0; k < 4; ++k) {
    p.steps(1);
    model_test::for_each_common(listed, *p.base->w, *p.pol->w,
                                [&](std::uint32_t i, std::uint32_t j) {
                                  base += p.base->w->sme.revenue_usd[i];
                                  pol += p.pol->w->sme.revenue_usd[j];
                                });
  }
  std::cout << "ecommerce_channel: revenue of listed firms " << base << " -> " << pol << " (x"
            << pol / base << ")\n";
  EXPECT_GT(pol, 1.03 * base);
  EXPECT_LT(pol, 1.5 * base);
  // Billed per targeted firm: IND agrifood firms x USD 100 / 4 per step, five steps.
  EXPECT_GT(p.pol->w->programs[0].spent_usd, 0.0);
}

// ---------------------------------------------------------------- 5. training

TEST(Training, RaisesProductivityOfTrainedFirms) {
  Pair p = paired(R"(
[[policy]]
type = "training"
economies = ["IND"]
learning_per_year = 0.05
success_bonus = 0.2
cost_usd_per_firm_year = 300
)");
  p.steps(8);
  const int ind = econ(*p.base->w, "IND");
  auto in_ind = [&](const World& w, std::size_t i) {
    return w.sme.economy[i] == ind && w.sme.age_steps[i] > 8;
  };
  auto phi = [](const World& w, std::size_t i) { return static_cast<double>(w.sme.log_phi[i]); };
  auto [pol, base] = over_common(*p.pol->w, *p.base->w, in_ind, phi);
  auto [n, n2] =
      over_common(*p.pol->w, *p.base->w, in_ind, [](const World&, std::size_t) { return 1.0; });
  (void)n2;
  const double gain = (pol - base) / n;
  std::cout << "training: mean log productivity gain of IND incumbents after 2 years " << gain
            << "\n";
  // 0.05 a year for two years, less a little mean reversion.
  EXPECT_GT(gain, 0.07);
  EXPECT_LT(gain, 0.11);
  // Untargeted economies gain nothing directly.
  const int bra = econ(*p.base->w, "BRA");
  auto [pb, bb] = over_common(
      *p.pol->w, *p.base->w,
      [&](const World& w, std::size_t i) {
        return w.sme.economy[i] == bra && w.sme.age_steps[i] > 8;
      },
      phi);
  auto [nb, nb2] = over_common(
      *p.pol->w, *p.base->w,
      [&](const World& w, std::size_t i) {
        return w.sme.economy[i] == bra && w.sme.age_steps[i] > 8;
      },
      [](const World&, std::size_t) { return 1.0; });
  (void)nb2;
  EXPECT_LT(std::abs(pb - bb) / nb, 0.01);
  std::size_t trained = 0;
  for (std::size_t i = 0; i < p.pol->w->sme.size(); ++i)
    trained += p.pol->w->sme.has(i, models::kTrained) ? 1 : 0;
  EXPECT_GT(trained, 100U);
}

// ---------------------------------------------------------------- 6. technology transfer

TEST(TechnologyTransfer, LeadSuppliersLearnFaster) {
  Pair p = paired(R"(
[[policy]]
type = "technology_transfer"
learning_multiplier = 3.0
cost_usd_per_supplier_year = 2000
)");
  // Firms supplying a lead firm at the start (the same in both worlds), and tier-3 firms.
  const auto suppliers = model_test::keys_where(
      *p.base->w, [](const World& w, std::size_t i) { return w.lead_supplier[i] != 0; });
  const auto deep = model_test::keys_where(
      *p.base->w, [](const World& w, std::size_t i) { return w.sme.tier[i] >= 3; });
  ASSERT_GT(suppliers.size(), 50U);
  p.steps(8);
  auto mean_gain = [&](const std::vector<std::uint64_t>& keys) {
    double d = 0, n = 0;
    model_test::for_each_common(keys, *p.base->w, *p.pol->w, [&](std::uint32_t i, std::uint32_t j) {
      d += p.pol->w->sme.log_phi[j] - p.base->w->sme.log_phi[i];
      n += 1;
    });
    return d / n;
  };
  const double gain = mean_gain(suppliers), gain_deep = mean_gain(deep);
  std::cout << "technology_transfer: log productivity gain of initial lead suppliers " << gain
            << ", of tier-3 firms " << gain_deep << "\n";
  // Learning by supplying 0.02 a year x 3 more, for two years, for firms that stay suppliers.
  EXPECT_GT(gain, 0.03);
  EXPECT_LT(gain, 0.13);
  EXPECT_LT(std::abs(gain_deep), 0.01);
  EXPECT_GT(p.pol->w->programs[0].spent_usd, 0.0);
}

// ---------------------------------------------------------------- 7. supplier development

TEST(SupplierDevelopment, MoreTargetedTier1FirmsSupplyLeadFirms) {
  // Women-led tier-1 firms only, so they compete with firms the programme does not reach. One
  // SME per 1000 firms: with half as many (a dozen new links of targeted firms) the share of
  // new links moved by less than the bound below at one seed in 16.
  Pair p = paired(R"(
[[policy]]
type = "supplier_development"
inclusion = "women_led"
tiers = [1]
visibility_boost = 4.0
learning_multiplier = 1.0
cost_usd_per_firm_year = 500
)",
                  "", 1000);
  // Firms supplying a lead firm at the start (the same in both worlds): the programme acts
  // on new links. The rows as they were then, to read the copy of lead_supplier by key.
  const model_test::FirmRows initial_rows(*p.base->w);
  const std::vector<std::uint8_t> initial = p.base->w->lead_supplier;
  p.steps(12);
  auto targeted = [&](const World& w, std::size_t i) {
    return w.sme.has(i, models::kWomenLed) && w.sme.tier[i] == 1;
  };
  auto others = [&](const World& w, std::size_t i) {
    return !w.sme.has(i, models::kWomenLed) && w.sme.tier[i] == 1;
  };
  auto new_supplier = [&](const World& w, std::size_t i) {
    const std::uint32_t r = initial_rows.row(w.sme.rng_key[i]);  // kNoFirm: entered since
    return w.lead_supplier[i] != 0 && (r == models::kNoFirm || initial[r] == 0) ? 1.0 : 0.0;
  };
  auto [pol, base] = over_common(*p.pol->w, *p.base->w, targeted, new_supplier);
  auto [pol_o, base_o] = over_common(*p.pol->w, *p.base->w, others, new_supplier);
  std::cout << "supplier_development: women-led tier-1 firms that became suppliers of lead firms "
            << base << " -> " << pol << "; other tier-1 firms " << base_o << " -> " << pol_o
            << "\n";
  ASSERT_GT(base, 10.0);
  // Targeted firms take a larger share of the new links, and more of them.
  const double share_base = base / (base + base_o), share_pol = pol / (pol + pol_o);
  EXPECT_GT(share_pol, share_base + 0.05);
  EXPECT_LT(share_pol, share_base + 0.5);
  EXPECT_GT(pol, base);
  EXPECT_LE(pol_o, base_o);  // the others lose slots to the firms introduced to buyers
  EXPECT_GT(p.pol->w->programs[0].spent_usd, 0.0);
}

// ---------------------------------------------------------------- 8. innovation fund

TEST(InnovationFund, FundedFirmsGainProductivityUntilTheBudgetRunsOut) {
  // IND electronics: grants of USD 1000 a firm-year; the budget pays about one year of them.
  auto probe = make(world_text("", 5000));
  const int ind = econ(*probe->w, "IND"), el = sector(*probe->w, "electronics");
  double firms = 0;
  for (std::size_t i = 0; i < probe->w->sme.size(); ++i)
    firms += probe->w->sme.economy[i] == ind && probe->w->sme.sector[i] == el ? 1 : 0;
  const double budget = firms * 1000.0 * 1.0 * 5000;  // one year of grants, real USD
  std::ostringstream policy;
  policy << "[[policy]]\ntype = \"innovation_fund\"\neconomies = [\"IND\"]\n"
         << "sectors = [\"electronics\"]\nproductivity_gain_per_year = 0.1\n"
         << "grant_usd_per_firm_year = 1000\nbudget_usd = " << budget << "\n";
  Pair p = paired(policy.str());
  p.steps(12);
  auto pick = [&](const World& w, std::size_t i) {
    return w.sme.economy[i] == ind && w.sme.sector[i] == el && w.sme.age_steps[i] > 12;
  };
  auto [pol, base] = over_common(*p.pol->w, *p.base->w, pick, [](const World& w, std::size_t i) {
    return static_cast<double>(w.sme.log_phi[i]);
  });
  auto [n, n2] =
      over_common(*p.pol->w, *p.base->w, pick, [](const World&, std::size_t) { return 1.0; });
  (void)n2;
  const double gain = (pol - base) / n;
  std::cout << "innovation_fund: log productivity gain of funded firms after 3 years " << gain
            << "\n";
  // 0.1 a year while funded; the budget lasts about a year (entrants share it), not three.
  EXPECT_GT(gain, 0.06);
  EXPECT_LT(gain, 0.13);
  const auto& prog = p.pol->w->programs[0];
  EXPECT_NEAR(prog.spent_usd, prog.budget_usd, 1e-9 * prog.budget_usd);
}

// ---------------------------------------------------------------- 9. green requirement

// Links held by buyers in economy d to suppliers whose green level is below the
// sector's requirement at their tier plus `add`.
double links_below(const World& w, int d, double add) {
  auto below = [&](std::uint32_t j) {
    return j != models::kNoFirm && w.sme.alive(j) &&
           w.sme.green[j] <
               w.sect[w.sme.sector[j]]
                       .green_requirement[static_cast<std::size_t>(w.sme.tier[j] - 1)] +
                   add;
  };
  double n = 0;
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    if (w.lead.economy[l] != d) continue;
    for (int k = 0; k < w.lead.slots; ++k)
      n += below(w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots) +
                                 static_cast<std::size_t>(k)])
               ? 1
               : 0;
  }
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i) || w.sme.economy[i] != d) continue;
    for (int k = 0; k < models::kMaxSlots; ++k)
      n += below(w.sme.supplier[i * models::kMaxSlots + static_cast<std::size_t>(k)]) ? 1 : 0;
  }
  return n;
}

// Green upgrades cost USD 3,000 here (default 10,000): at the default cost few
// SMEs find them worth it, and the response to the requirement is too small
// to test its direction reliably.
const std::string kCheapGreen = "[upgrading]\ngreen_cost_usd = 3000\n";

TEST(GreenRequirement, BuyersDropNonGreenSuppliersAndSmesGoGreen) {
  Pair p = paired(R"(
[[policy]]
type = "green_requirement"
economies = ["BRA", "IND"]
requirement_increase = 0.15
)",
                  kCheapGreen);
  const int ind = econ(*p.base->w, "IND"), zaf = econ(*p.base->w, "ZAF");
  p.steps(8);
  // Buyers in IND hold few suppliers below the raised requirement once they have reviewed
  // (rate 1 a year).
  const double base_links = links_below(*p.base->w, ind, 0.15),
               pol_links = links_below(*p.pol->w, ind, 0.15);
  std::cout << "green_requirement: IND buyers' links to suppliers below the new requirement "
            << base_links << " -> " << pol_links << "\n";
  EXPECT_LT(pol_links, 0.35 * base_links);
  // Buyers in ZAF are not bound.
  EXPECT_GT(links_below(*p.pol->w, zaf, 0.15), 0.7 * links_below(*p.base->w, zaf, 0.15));
  p.steps(4);
  auto pick = [&](const World& w, std::size_t i) { return w.sme.economy[i] != zaf; };
  auto [pol, base] = over_common(*p.pol->w, *p.base->w, pick, [](const World& w, std::size_t i) {
    return static_cast<double>(w.sme.green[i]);
  });
  auto [n, n2] =
      over_common(*p.pol->w, *p.base->w, pick, [](const World&, std::size_t) { return 1.0; });
  (void)n2;
  std::cout << "green_requirement: BRA and IND mean green level after 3 years " << base / n
            << " -> " << pol / n << "\n";
  EXPECT_GT(pol / n, base / n + 0.002);
  EXPECT_LT(pol / n, base / n + 0.2);
}

// ---------------------------------------------------------------- 10. carbon price

TEST(CarbonPrice, LowersEmissionsRaisesGreenLevelAndRaisesRevenue) {
  // Green upgrades at USD 1,000 here: the carbon saving of a green step is a
  // few hundred dollars a quarter for most SMEs, so only cheap steps respond.
  Pair p = paired(R"(
[[policy]]
type = "carbon_price"
price_usd_per_t = 400
)",
                  "[upgrading]\ngreen_cost_usd = 1000\n");
  double base_em = 0, pol_em = 0, revenue = 0;
  for (int k = 0; k < 12; ++k) {
    p.steps(1);
    if (k >= 8) {
      base_em += catalogue_test::sum(p.base->w->counters.emissions_t);
      pol_em += catalogue_test::sum(p.pol->w->counters.emissions_t);
    }
    revenue -= catalogue_test::sum(p.pol->w->counters.fiscal_cost_usd);
  }
  const double g_base = catalogue_test::metric_mean(*p.base->w, "green_level_mean");
  const double g_pol = catalogue_test::metric_mean(*p.pol->w, "green_level_mean");
  std::cout << "carbon_price: emissions in year 3 " << base_em << " -> " << pol_em << " (x"
            << pol_em / base_em << "), green level " << g_base << " -> " << g_pol << ", revenue "
            << revenue << "\n";
  EXPECT_LT(pol_em, 0.95 * base_em);
  EXPECT_GT(pol_em, 0.5 * base_em);
  EXPECT_GT(g_pol, g_base + 0.005);
  EXPECT_GT(revenue, 0.0);
  EXPECT_NEAR(p.pol->w->programs[0].fees_usd, revenue, 1e-6 * revenue);
}

// ---------------------------------------------------------------- 11. green finance

TEST(GreenFinance, BanksApproveMoreGreenInvestmentLoans) {
  // Both worlds price carbon, so firms want green upgrades; green finance lets more of them
  // borrow for it.
  const std::string carbon =
      kCheapGreen + "[[policy]]\ntype = \"carbon_price\"\nprice_usd_per_t = 400\n";
  Pair p = paired(R"(
[[policy]]
type = "green_finance"
rate_reduction_per_year = 0.05
risk_share = 0.8
)",
                  carbon, 2000);
  // Requests: firms waiting on a green investment loan when finance starts; approvals: those
  // still waiting after it.
  struct Count {
    double requests = 0, approvals = 0;
  };
  auto observe = [](const World& w, Count& c) {
    return [&w, &c](const std::string& phase) {
      const bool before = phase == "production", after = phase == "finance";
      if (!before && !after) return;
      for (std::size_t i = 0; i < w.sme.size(); ++i) {
        if (!w.sme.alive(i) ||
            w.sme.pending_upgrade[i] != static_cast<std::uint8_t>(models::Upgrade::Green))
          continue;
        if (before && w.sme.pending_invest_usd[i] > 0) c.requests += 1;
        if (after) c.approvals += 1;
      }
    };
  };
  Count base, pol;
  for (int k = 0; k < 12; ++k) {
    p.base->step_observed(observe(*p.base->w, base));
    p.pol->step_observed(observe(*p.pol->w, pol));
    p.pol->check_budgets();
  }
  const auto& prog = p.pol->w->programs[1];
  std::cout << "green_finance: green investment loans approved " << base.approvals << "/"
            << base.requests << " -> " << pol.approvals << "/" << pol.requests << ", spent "
            << prog.spent_usd << "\n";
  ASSERT_GT(base.requests, 20.0);
  // Refusals of green investment loans fall by at least a third.
  const double refused_base = 1.0 - base.approvals / base.requests,
               refused_pol = 1.0 - pol.approvals / pol.requests;
  EXPECT_LT(refused_pol, 0.67 * refused_base);
  EXPECT_GT(pol.approvals / pol.requests, base.approvals / base.requests);
  EXPECT_GT(prog.spent_usd, 0.0);
  // The concession is paid when loans are made: about reduction x term x amount / 2 per loan.
  EXPECT_GT(prog.exposure_usd, 0.0);
}

// ---------------------------------------------------------------- 12. entry simplification

TEST(EntrySimplification, MoreFirmsEnter) {
  Pair p = paired(R"(
[[policy]]
type = "entry_simplification"
economies = ["IND"]
entry_cost_reduction = 0.5
)");
  const int ind = econ(*p.base->w, "IND"), bra = econ(*p.base->w, "BRA");
  double base = 0, pol = 0, base_bra = 0, pol_bra = 0;
  for (int k = 0; k < 8; ++k) {
    p.steps(1);
    for (int s = 0; s < p.base->w->S(); ++s) {
      base += p.base->w->counters.entries[static_cast<std::size_t>(p.base->w->es(ind, s))];
      pol += p.pol->w->counters.entries[static_cast<std::size_t>(p.pol->w->es(ind, s))];
      base_bra += p.base->w->counters.entries[static_cast<std::size_t>(p.base->w->es(bra, s))];
      pol_bra += p.pol->w->counters.entries[static_cast<std::size_t>(p.pol->w->es(bra, s))];
    }
  }
  const double expected =
      std::exp(p.base->w->econ[static_cast<std::size_t>(ind)].entry_cost_index * 0.5);
  std::cout << "entry_simplification: IND entrants " << base << " -> " << pol << " (x" << pol / base
            << ", expected x" << expected << ")\n";
  EXPECT_NEAR(pol / base, expected, 0.03);
  EXPECT_EQ(pol_bra, base_bra);
}

// ---------------------------------------------------------------- 13. compliance simplification

TEST(ComplianceSimplification, TargetedFirmsPayLessComplianceCost) {
  Pair p = paired(R"(
[[policy]]
type = "compliance_simplification"
size_classes = ["micro"]
compliance_cost_reduction = 0.5
)");
  // Step 0 is identical in both worlds up to the accounts, so profit differs by exactly the saving.
  p.steps(1);
  const World& w = *p.pol->w;
  const World& b = *p.base->w;
  double saving = 0, diff = 0, other = 0;
  model_test::for_each_common(w, b, [&](std::uint32_t i, std::uint32_t j) {
    const double d = static_cast<double>(w.sme.profit_usd[i]) - b.sme.profit_usd[j];
    // The size class is updated at the end of accounts; the target was judged before.
    if (b.sme.revenue_usd[j] > 0 && std::abs(d) > 0) {
      if (d > 0) diff += d;
    }
    if (d < -1e-3) other += 1;
  });
  // Firms alive in the policy world against their baseline row, also where the baseline firm
  // exited at step 0 (one step compacts no table here, so its row is still there).
  const model_test::FirmRows base_rows(b);
  auto base_row = [&](std::size_t i) {
    const std::uint32_t j = base_rows.row(w.sme.rng_key[i]);
    EXPECT_NE(j, models::kNoFirm) << "firm " << w.sme.rng_key[i] << " is not in the baseline";
    return j;
  };
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i)) continue;
    const std::uint32_t j = base_row(i);
    if (j == models::kNoFirm) continue;
    const double d = static_cast<double>(w.sme.profit_usd[i]) - b.sme.profit_usd[j];
    if (d > 0)
      saving += w.sme.revenue_usd[i] * w.econ[w.sme.economy[i]].compliance_cost_share * 0.5;
  }
  std::cout << "compliance_simplification: profit gain at step 0 " << diff << ", expected "
            << saving << "\n";
  EXPECT_GT(diff, 0.0);
  EXPECT_NEAR(diff, saving, 1e-3 * saving);
  EXPECT_EQ(other, 0.0);
  // Medium firms are not targeted: no saving for them.
  std::size_t medium_gain = 0;
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i) || w.sme.employees[i] <= 60) continue;
    const std::uint32_t j = base_row(i);
    if (j != models::kNoFirm && w.sme.profit_usd[i] > b.sme.profit_usd[j]) ++medium_gain;
  }
  EXPECT_EQ(medium_gain, 0U);
}

// ---------------------------------------------------------------- 14. public procurement set-aside

TEST(PublicProcurementSetaside, EligibleFirmsGetMoreOfTheLocalMarket) {
  Pair p = paired(R"(
[[policy]]
type = "public_procurement_setaside"
inclusion = "women_led"
set_aside_share = 0.1
)");
  models::schedule(*p.base->w, p.base->ctx);
  models::demand(*p.base->w, p.base->ctx);
  models::schedule(*p.pol->w, p.pol->ctx);
  models::demand(*p.pol->w, p.pol->ctx);
  double elig_base = 0, elig_pol = 0, all_base = 0, all_pol = 0;
  const World& b = *p.base->w;
  const World& w = *p.pol->w;
  model_test::for_each_common(w, b, [&](std::uint32_t i, std::uint32_t j) {
    const double vb = b.sme.local_demand_units[j] * b.price(j),
                 vp = w.sme.local_demand_units[i] * w.price(i);
    all_base += vb;
    all_pol += vp;
    if (w.sme.has(i, models::kWomenLed)) {
      elig_base += vb;
      elig_pol += vp;
    }
  });
  const double share_base = elig_base / all_base, share_pol = elig_pol / all_pol;
  std::cout << "public_procurement_setaside: women-led share of local market " << share_base
            << " -> " << share_pol << "\n";
  EXPECT_NEAR(all_pol, all_base, 1e-6 * all_base);
  // Eligible firms get the set-aside plus their share of the rest: s' = 0.1 + 0.9 s.
  EXPECT_NEAR(share_pol, 0.1 + 0.9 * share_base, 0.01);
}

// ---------------------------------------------------------------- 15. local content

TEST(LocalContentRequirement, LeadFirmsTakeNoMoreForeignSuppliers) {
  // Without home bias or distance in the search (defaults 0.25 and 1), lead firms in Brazil
  // meet many foreign candidates and import about a quarter of their inputs: the rule binds.
  Pair p = paired(R"(
[[policy]]
type = "local_content_requirement"
economies = ["BRA"]
min_domestic_share = 0.9
)",
                  "[sourcing]\nborder_effect = 1.0\ndistance_elasticity = 0.0\n", 800);
  auto links = [&](const World& w, int e, bool domestic) {
    double n = 0;
    for (std::size_t l = 0; l < w.lead.size(); ++l) {
      if (w.lead.economy[l] != e) continue;
      for (int k = 0; k < w.lead.slots; ++k) {
        const auto j =
            w.lead
                .supplier[l * static_cast<std::size_t>(w.lead.slots) + static_cast<std::size_t>(k)];
        if (j != models::kNoFirm && w.sme.alive(j) && (w.sme.economy[j] == e) == domestic) n += 1;
      }
    }
    return n;
  };
  const int bra = econ(*p.base->w, "BRA");
  p.steps(12);
  for (int e = 0; e < 3; ++e) {
    std::cout << "local_content_requirement: " << p.base->w->econ[static_cast<std::size_t>(e)].code
              << " lead firms' foreign suppliers " << links(*p.base->w, e, false) << " -> "
              << links(*p.pol->w, e, false) << ", domestic " << links(*p.base->w, e, true) << " -> "
              << links(*p.pol->w, e, true) << "\n";
  }
  const double fb = links(*p.base->w, bra, false), fp = links(*p.pol->w, bra, false);
  const double db = links(*p.base->w, bra, true), dp = links(*p.pol->w, bra, true);
  ASSERT_GT(fb, 10.0);
  EXPECT_LT(db / (db + fb), 0.85);
  // Existing foreign links are not cut, so the share moves only as links turn over: in three
  // years foreign links fall by 13-28% across seeds 1-6 and 11 (threshold 10%), and the
  // domestic share rises by 2-4 points (threshold 1.5).
  EXPECT_LT(fp, 0.9 * fb);
  EXPECT_GT(dp / (dp + fp), db / (db + fb) + 0.015);
}

// ---------------------------------------------------------------- inclusion metrics

TEST(InclusionMetrics, GroupsAreDisjointAndAddUp) {
  auto s = make(world_text(""));
  s->steps(4);
  const auto& d = models::definition();
  const auto& mv = s->w->metric_values;
  const int E = s->w->E();
  const auto count = mv[d.metric_index("sme_count_by_inclusion")];
  const auto apps = mv[d.metric_index("credit_applications_by_inclusion")];
  const auto approvals = mv[d.metric_index("credit_approvals_by_inclusion")];
  const auto gvc = mv[d.metric_index("gvc_participation_by_inclusion")];
  ASSERT_EQ(count.size(), static_cast<std::size_t>(E * 4));
  EXPECT_NEAR(catalogue_test::sum(count), catalogue_test::metric_total(*s->w, "sme_count"), 1e-6);
  EXPECT_NEAR(catalogue_test::sum(apps), catalogue_test::metric_total(*s->w, "credit_applications"),
              1e-6);
  EXPECT_NEAR(catalogue_test::sum(approvals),
              catalogue_test::metric_total(*s->w, "credit_approvals"), 1e-6);
  double participating = 0;
  for (std::size_t g = 0; g < count.size(); ++g) {
    if (count[g] > 0) participating += gvc[g] * count[g];
  }
  EXPECT_NEAR(participating,
              catalogue_test::metric_weighted(*s->w, "gvc_participation", "sme_count"),
              1e-6 * participating);
  // Women-led firms make up about the economy's women_led_share: within 4 binomial standard
  // errors (at this scale ZAF has about 130 firms, so 0.17; IND about 3,000, so 0.035).
  for (int e = 0; e < E; ++e) {
    double total = 0, women = 0;
    for (int g = 0; g < 4; ++g) total += count[static_cast<std::size_t>(e * 4 + g)];
    women = count[static_cast<std::size_t>(e * 4 + 1)] + count[static_cast<std::size_t>(e * 4 + 3)];
    const double share = s->w->econ[static_cast<std::size_t>(e)].women_led_share;
    // The metric counts real firms; the sample is the simulated ones.
    const double firms = total / s->w->scale;
    EXPECT_NEAR(women / total, share, 4.0 * std::sqrt(share * (1.0 - share) / firms));
  }
}

TEST(InclusionMetrics, MicrofinanceForWomenLedFirmsRaisesTheirCreditAccess) {
  Pair p = paired(R"(
[[policy]]
type = "microfinance"
inclusion = "women_led"
loan_cap_usd = 20000
)",
                  kTightCredit);
  double base = 0, pol = 0, base_other = 0, pol_other = 0;
  for (int k = 0; k < 8; ++k) {
    p.steps(1);
    for (int e = 0; e < 3; ++e) {
      for (int g : {1, 3}) {
        base += p.base->w->counters.approvals_by_inclusion[static_cast<std::size_t>(e * 4 + g)];
        pol += p.pol->w->counters.approvals_by_inclusion[static_cast<std::size_t>(e * 4 + g)];
      }
      base_other += p.base->w->counters.approvals_by_inclusion[static_cast<std::size_t>(e * 4)];
      pol_other += p.pol->w->counters.approvals_by_inclusion[static_cast<std::size_t>(e * 4)];
    }
  }
  std::cout << "microfinance for women-led firms: their approvals " << base << " -> " << pol
            << ", others' " << base_other << " -> " << pol_other << "\n";
  EXPECT_GT(pol, 1.08 * base);
  // Others are not targeted: their approvals (about 35) move only by the noise of small counts.
  EXPECT_LT(std::abs(pol_other - base_other), 0.1 * base_other + 4);
}

// ---------------------------------------------------------------- scenarios

// Every instrument and shock appears in some scenario under scenarios/.
TEST(Scenarios, UseEveryInstrumentAndShock) {
  std::set<std::string> used;
  const std::regex type_line(R"re(^\s*type\s*=\s*"([a-z_]+)")re");
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing_support::source_dir() / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
      if (std::regex_search(line, m, type_line)) used.insert(m[1]);
    }
  }
  for (const auto* kinds : {&models::policy_kinds(), &models::shock_kinds()}) {
    for (const auto& k : *kinds)
      EXPECT_EQ(used.count(k.spec.type), 1U) << k.spec.type << " is used by no scenario";
  }
}

// The scenarios of issue 4 run with the baseline (small scale, three years,
// two replications); the shock scenario reports resilience metrics.
class ScenarioRuns : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioRuns, RunsAtSmallScale) {
  const auto dir = testing_support::source_dir() / "scenarios";
  sim::DiskFiles files;
  const sim::Overrides over{{"scale", 100000.0}, {"years", 3.0}};
  const sim::Study study =
      sim::load_study({(dir / "default" / "baseline.toml").string(), (dir / GetParam()).string()},
                      models::definition().schema, files, over);
  for (const auto& sc : study.scenarios) {
    const auto problems = models::definition().check(sc);
    EXPECT_TRUE(problems.empty()) << sc.name << ": "
                                  << (problems.empty() ? "" : problems.front().str());
  }
  sim::RunOptions opt;
  opt.replications = 2;
  opt.seed = 3;
  const sim::EnsembleResult r = sim::run_ensemble(models::definition(), study, opt);
  ASSERT_EQ(r.scenarios.size(), 2U);
  const auto& d = models::definition();
  for (const auto& sc : r.scenarios) {
    EXPECT_GT(catalogue_test::sum(sc.metrics[d.metric_index("sme_count")].values), 0.0) << sc.name;
    const auto& depth = sc.metrics[d.metric_index("resilience_depth")].values;
    const bool shocked = sc.name.rfind("resilience", 0) == 0;
    // Resilience is defined only where a shock hits.
    EXPECT_EQ(
        std::count_if(depth.begin(), depth.end(), [](double x) { return !std::isnan(x); }) > 0,
        shocked)
        << sc.name;
    if (shocked) {
      EXPECT_GT(*std::max_element(depth.begin(), depth.end()), 0.05);
    }
    if (sc.name != "resilience" && sc.name != "baseline") {
      EXPECT_NE(catalogue_test::sum(sc.metrics[d.metric_index("fiscal_cost_usd")].values), 0.0)
          << sc.name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Issue4, ScenarioRuns,
                         ::testing::Values("digital_adoption.toml", "green_transition.toml",
                                           "sme_integration.toml", "resilience.toml",
                                           "resilience_response.toml"),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           return p.param.substr(0, p.param.find('.'));
                         });

}  // namespace
