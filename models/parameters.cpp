#include "models/parameters.hpp"

#include <limits>

namespace models {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Sources used repeatedly.
const char* kAssume = "ASSUMPTION (documented in docs/model.md)";
const char* kAxtell = "Axtell (2001), Science 293: US firm sizes Zipf, exponent near 1";
const char* kHeadMayer = "Head & Mayer (2014), gravity meta-analysis: distance elasticity about -1";
const char* kGibrat = "Stanley et al. (1996), Nature 379: tent-shaped (Laplace) firm growth rates";
}  // namespace

std::vector<sim::ParamSpec> policy_common_params() {
  using namespace sim;
  return {
      text("name", "", "label of this policy in outputs and tables; default: its type and position", "user"),
      ref_list("economies", {"economy", "group"}, {},
               "economies (or groups) where the policy applies; empty = every economy", "user"),
      ref_list("partner_economies", {"economy", "group"}, {},
               "trade instruments: the partner side of the pair (exporters); empty = every economy", "user"),
      ref_list("sectors", {"sector"}, {}, "sectors targeted; empty = every sector", "user"),
      text_list("size_classes", {}, "size classes targeted (micro, small, medium); empty = all", "user"),
      real_list("tiers", "", {}, 1, 6, "chain tiers targeted (1 = direct supplier of lead firms); empty = all", "user"),
      choice("inclusion", "any", {"any", "women_led", "youth_led", "women_or_youth"},
             "targets only women-led and/or youth-led firms", "user"),
      real("start_year", "year", 0.0, 0.0, 200.0, "time the policy starts, in years since the start of the run", "user"),
      real("end_year", "year", 1e6, 0.0, 1e6, "time the policy ends (exclusive); default: never", "user"),
      real("budget_usd", "USD", kInf, 0.0, kInf,
           "most the policy may spend over its life (net of fees); spending stops when it is used up; "
           "default: unlimited",
           "user"),
  };
}

std::vector<sim::ParamSpec> shock_common_params() {
  using namespace sim;
  return {
      text("name", "", "label of this shock in outputs", "user"),
      ref_list("economies", {"economy", "group"}, {}, "economies hit; empty = every economy", "user"),
      ref_list("partner_economies", {"economy", "group"}, {},
               "trade_war: the other side; empty = every other economy", "user"),
      ref_list("sectors", {"sector"}, {}, "sectors hit; empty = every sector", "user"),
      real("start_year", "year", 1.0, 0.0, 200.0, "time the shock starts, years since the start", "user"),
      real("end_year", "year", 2.0, 0.0, 1e6, "time the shock ends (exclusive)", "user"),
  };
}

sim::Schema base_schema() {
  using namespace sim;
  Schema s;
  s.run = {
      real("years", "year", 10.0, 0.25, 100.0, "length of the run", "design default (DESIGN.md 3)"),
      integer("steps_per_year", "1/year", 4, 1, 12, "steps per year (4 = quarterly)", "DESIGN.md 1"),
      real("scale", "firms/agent", 1000.0, 1.0, 1e7,
           "real firms represented by one simulated SME (1 = one agent per firm)", "DESIGN.md 2"),
      ref_list("economies", {"economy", "group"}, {},
               "economies simulated, in this order; empty = every economy defined", "user"),
      ref_list("sectors", {"sector"}, {}, "sectors simulated; empty = every sector defined", "user"),
      integer("warmup_rounds", "", 6, 0, 50,
              "sourcing rounds run before the first step so the run starts from a formed network",
              kAssume),
  };

  s.sections.push_back({"demand", "Final demand and the local market (phase 2).",
      {
          real("initial_utilisation", "share", 0.85, 0.1, 1.0,
               "demand is calibrated so SMEs start at this share of their capacity", kAssume),
          real("ces_elasticity", "", 2.0, 1.1, 20.0,
               "sigma: elasticity of substitution among local SMEs; shares go as phi^(sigma-1)",
               "Broda & Weinstein (2006): elasticities of about 3 for differentiated goods; SMEs in local markets face less substitution (assumption: 2)"),
          real("spot_premium", "share", 0.15, 0.0, 2.0,
               "extra cost of inputs bought on the spot market instead of from chain suppliers", kAssume),
          real("markup", "share", 0.10, 0.0, 1.0, "price over unit cost (labour + inputs)", kAssume),
          real("raw_input_share", "share", 0.3, 0.0, 0.95,
               "share of output value the last tier buys as raw materials from outside the model", kAssume),
      }});
  s.sections.push_back({"sourcing", "Supplier search and selection (phase 3).",
      {
          real("review_rate_per_year", "1/year", 1.0, 0.0, 12.0,
               "rate at which a buyer reviews its suppliers; per step probability 1-exp(-rate*dt)", kAssume),
          integer("candidates", "", 8, 1, 64, "k: candidates an SME buyer samples per search", kAssume),
          integer("lead_candidates", "", 40, 1, 1000,
                  "candidates a lead firm samples per search (procurement departments search wider)", kAssume),
          integer("sme_supplier_slots", "", 3, 1, 4, "m: supplier slots of an SME buyer", kAssume),
          integer("lead_supplier_slots", "", 40, 1, 1000, "supplier slots of a lead firm", kAssume),
          real("distance_elasticity", "", 1.0, 0.0, 3.0,
               "theta in gravity = distance^-theta used to weight origin economies", kHeadMayer),
          real("domestic_distance_km", "km", 1000.0, 1.0, 5000.0,
               "distance used for suppliers in the buyer's own economy", kAssume),
          real("border_effect", "", 0.5, 0.0, 1.0,
               "multiplier on the gravity weight of foreign origins (home bias)",
               "McCallum (1995) and later border-effect estimates; value an assumption"),
          real("freight_per_1000km", "share", 0.01, 0.0, 0.2,
               "ad valorem freight cost per 1000 km at the reference logistics score", kAssume),
          real("freight_lpi_elasticity", "", 1.0, 0.0, 5.0,
               "freight cost scales with (reference LPI / mean LPI of the pair)^this", kAssume),
          real("max_order_share", "share", 0.5, 0.01, 1.0,
               "largest share of a supplier's capacity that one buyer orders; the rest of its needs go to the spot market",
               kAssume),
          real("switching_threshold", "share", 0.05, 0.0, 1.0,
               "landed-cost gain needed to replace an incumbent supplier", kAssume),
          real("delivery_tolerance", "share", 0.8, 0.0, 1.0,
               "a supplier delivering less than this share of what was ordered is dropped at review", kAssume),
          real("visibility_digital", "", 1.0, 0.0, 10.0,
               "extra visibility of a digitally adopting SME (base visibility is 1)", kAssume),
          real("visibility_park", "", 0.5, 0.0, 10.0,
               "extra visibility from a park's matchmaking services (times the park's service level)", kAssume),
          real("lead_quality_requirement", "", 0.5, 0.0, 1.0,
               "least capability q a lead firm requires of tier-1 suppliers (the sector's requirement applies when higher)",
               kAssume),
      }});
  s.sections.push_back({"production", "Orders, capacity and production (phase 4).",
      {
          real("labour_elasticity", "", 0.7, 0.1, 1.0,
               "alpha: output elasticity of labour in capacity = z*phi*L^alpha*K^(1-alpha)",
               "standard labour share in value added, about 0.6-0.7"),
          real("capital_output_ratio", "year", 0.8, 0.05, 5.0,
               "SME capital per unit of annual output at the start", kAssume),
          real("hiring_capital_share", "share", 0.6, 0.05, 1.0,
               "firms hire only while their capital per worker stays above this share of the reference; beyond, growth takes a capacity investment",
               kAssume),
          real("working_capital_months", "month", 1.0, 0.0, 12.0,
               "months of wages and inputs a firm pays before the revenue of its output comes in", kAssume),
      }});
  s.sections.push_back({"finance", "Bank credit (phase 5).",
      {
          real("score_intercept", "", -2.5, -10.0, 10.0, "bank scoring: logit of default probability, intercept", kAssume),
          real("score_leverage", "", 2.0, 0.0, 10.0, "bank scoring: weight on debt/(capital+cash)", kAssume),
          real("score_margin", "", 8.0, 0.0, 30.0, "bank scoring: weight on minus the profit margin", kAssume),
          real("score_size", "", 0.3, 0.0, 5.0, "bank scoring: weight on minus log employees", kAssume),
          real("score_age", "", 0.3, 0.0, 5.0, "bank scoring: weight on minus log(1+age in years)", kAssume),
          real("opacity_noise", "", 1.0, 0.0, 5.0,
               "sd of the bank's scoring error for a one-person start-up; falls with size and age",
               "Berger & Udell (1998): informational opacity of small firms"),
          real("risk_appetite", "share", 0.03, 0.0, 1.0,
               "largest expected loss rate (PD x LGD x retained share) a bank accepts", kAssume),
          real("collateral_ratio", "share", 0.6, 0.0, 3.0,
               "collateral value required per dollar of uncovered loan",
               "World Bank Enterprise Surveys: collateral often above 100% of loan value; value an assumption"),
          real("collateral_haircut", "share", 0.5, 0.0, 1.0, "share of capital a bank counts as collateral", kAssume),
          real("loss_given_default", "share", 0.6, 0.0, 1.0, "share of a defaulted loan that is lost", "Basel foundation IRB senior unsecured LGD 45%; SMEs higher"),
          real("capital_ratio", "share", 0.12, 0.01, 1.0, "bank capital per dollar of loans (capital limit)", "Basel III minimum total capital plus buffers, about 10.5-13%"),
          real("loan_term_years", "year", 2.0, 0.25, 20.0, "term of working-capital and investment loans", kAssume),
          real("working_capital_buffer", "share", 0.25, 0.0, 2.0,
               "firms ask for this much more than the gap they expect", kAssume),
          real("pd_spread", "1/year", 0.5, 0.0, 5.0, "rate spread added per unit of scored default probability", kAssume),
      }});
  s.sections.push_back({"accounts", "Accounts and employment (phase 6).",
      {
          real("employment_adjustment_per_year", "1/year", 2.0, 0.0, 12.0,
               "speed at which employment moves toward what demand needs", kAssume),
          real("payout_share", "share", 0.5, 0.0, 1.0,
               "share of positive profit paid out to owners (leaves the firm)", kAssume),
          real("target_cash_quarters", "", 0.5, 0.0, 8.0,
               "cash held beyond this many quarters of costs is paid out", kAssume),
          real("emissions_t_per_usd_m_scale", "", 1.0, 0.0, 10.0,
               "multiplier on sector emission intensities (sensitivity)", kAssume),
      }});
  s.sections.push_back({"upgrading", "Upgrading decisions (phase 7).",
      {
          real("consider_rate_per_year", "1/year", 0.5, 0.0, 12.0, "rate at which an SME weighs upgrades", kAssume),
          real("certification_cost_usd", "USD", 8000.0, 0.0, 1e7,
               "fixed cost of international certification (ISO 9001 type)", "ISO certification costs for SMEs commonly USD 5k-20k; assumption"),
          real("digital_cost_usd", "USD", 3000.0, 0.0, 1e7, "fixed cost of digital adoption", kAssume),
          real("green_cost_usd", "USD", 10000.0, 0.0, 1e7, "fixed cost of a green upgrade step", kAssume),
          real("cost_per_employee_usd", "USD", 300.0, 0.0, 1e6, "variable upgrade cost per employee", kAssume),
          real("capacity_step", "share", 0.25, 0.0, 2.0, "capital added by a capacity upgrade, share of capital", kAssume),
          real("quality_gain", "", 0.25, 0.0, 1.0, "rise in capability q from certification", kAssume),
          real("green_gain", "", 0.25, 0.0, 1.0, "rise in green level g from a green upgrade", kAssume),
          real("success_probability", "share", 0.7, 0.0, 1.0, "chance an attempted upgrade succeeds", kAssume),
          real("payback_years", "year", 3.0, 0.25, 20.0, "horizon over which an SME values an upgrade", kAssume),
          real("digital_cost_saving", "share", 0.02, 0.0, 0.5, "unit cost saving of digital adopters", kAssume),
      }});
  s.sections.push_back({"learning", "Productivity dynamics (phase 8).",
      {
          real("drift_per_year", "1/year", 0.0, -0.5, 0.5, "trend of log productivity", kAssume),
          real("shock_sd_per_year", "", 0.12, 0.0, 2.0,
               "sd of the annual log productivity shock (Laplace: tent-shaped growth rates)", kGibrat),
          real("learning_by_supplying_per_year", "1/year", 0.02, 0.0, 0.5,
               "log productivity gain per year of direct supply to a lead firm",
               "Javorcik (2004) AER: productivity spillovers to local suppliers of multinationals"),
          real("park_catchup_per_year", "1/year", 0.05, 0.0, 1.0,
               "share of the gap to the park frontier closed per year by park members, per unit of service", kAssume),
          real("mean_reversion_per_year", "1/year", 0.02, 0.0, 1.0,
               "pull of log productivity toward the economy-sector mean (bounds the variance)", kAssume),
          real("initial_sd", "", 0.3, 0.0, 3.0, "sd of initial log productivity", "Syverson (2011): 90/10 TFP ratio about 2 within US industries, i.e. sd of log TFP about 0.27"),
      }});
  s.sections.push_back({"entry_exit", "Entry and exit (phase 9).",
      {
          real("exit_hazard_per_year", "1/year", 0.05, 0.0, 1.0, "exogenous exit rate (insolvency exits come on top)", "OECD business demography: SME death rates about 5-10% a year in all"),
          integer("negative_equity_steps", "", 4, 1, 40, "steps of negative equity before a firm exits", kAssume),
          real("entrant_productivity_gap", "", 0.2, 0.0, 2.0, "entrants' mean log productivity below incumbents'",
               "Foster, Haltiwanger & Syverson (2008): entrants less productive than incumbents"),
          real("entry_cost_elasticity", "", 1.0, 0.0, 5.0, "entry rate falls as exp(-this x entry cost index)", kAssume),
          real("size_pareto_alpha", "", 1.0, 0.3, 3.0, "Pareto exponent of initial and entrant employment", kAxtell),
      }});

  s.sections.push_back({"parks", "Existing industrial parks and clusters (phases 3, 6, 8).",
      {
          real("existing_cost_reduction", "share", 0.03, 0.0, 0.5,
               "unit cost saving of members of existing parks (shared infrastructure)", kAssume),
          real("existing_rent_usd_per_year", "USD/year", 1500.0, 0.0, 1e7, "rent per member firm of existing parks", kAssume),
          real("join_rate_per_year", "1/year", 0.5, 0.0, 12.0,
               "rate at which a non-member weighs joining a park with free slots", kAssume),
          real("service_value_share", "share", 0.02, 0.0, 0.5,
               "value of park services (matchmaking, spillovers) as a share of revenue, per unit of service level, "
               "in the joining decision", kAssume),
      }});
  s.collections.push_back({"economy", "A member economy; ids are ISO 3166 alpha-3 codes.",
      {
          text("name", "", "display name", "data"),
          required(real("n_msme", "firms", 0, 1.0, 1e9, "number of MSMEs (real firms)", "data")),
          required(real("gdp_usd_bn", "USD bn", 0, 0.1, 1e6, "GDP, current US dollars", "data")),
          required(real("labor_force", "persons", 0, 1e4, 2e9, "labour force", "data")),
          real("wage_share", "share", 0.5, 0.05, 0.95, "SME wage per worker as a share of GDP per worker", kAssume),
          real("demand_growth_per_year", "1/year", 0.03, -0.2, 0.3, "trend growth of final demand", kAssume),
          real("lending_rate_per_year", "1/year", 0.10, 0.0, 1.0, "banks' base lending rate to SMEs", kAssume),
          real("credit_depth", "share", 0.5, 0.0, 5.0, "domestic credit to the private sector, share of GDP; scales bank capital", "data"),
          real("bank_capital_per_sme_usd", "USD", 20000.0, 0.0, 1e9,
               "bank capital available for SME lending per real SME, before scaling by credit depth", kAssume),
          integer("banks", "", 4, 1, 100, "commercial banks simulated", kAssume),
          real("lpi_score", "", 3.0, 1.0, 5.0, "World Bank Logistics Performance Index", "data"),
          real("tariff_pct", "%", 8.0, 0.0, 100.0, "applied tariff, simple mean, on imports", "data"),
          real("ntb_ave", "share", 0.1, 0.0, 2.0, "non-tariff barriers, ad valorem equivalent, on imports", kAssume),
          real("digital_share", "share", 0.3, 0.0, 1.0, "share of SMEs that have adopted digital tools at the start", kAssume),
          real("certified_share", "share", 0.1, 0.0, 1.0, "share of SMEs with an international quality certificate at the start", kAssume),
          real("green_level_mean", "", 0.15, 0.0, 1.0, "mean green level g at the start", kAssume),
          real("entry_rate_per_year", "1/year", 0.08, 0.0, 1.0, "entrants per year per incumbent SME", kAssume),
          real("entry_cost_index", "", 0.3, 0.0, 1.0, "regulatory cost of entry, 0 (none) to 1 (prohibitive)", kAssume),
          real("compliance_cost_share", "share", 0.01, 0.0, 0.3, "regulatory compliance cost, share of revenue", kAssume),
          real("large_firm_ratio", "", 0.003, 0.0, 0.1, "large (lead) firms per MSME", kAssume),
          real("park_share", "share", 0.03, 0.0, 1.0, "share of SMEs that existing parks and clusters can hold", kAssume),
          real("park_service_level", "", 0.5, 0.0, 2.0, "service level of existing parks (1 = full package)", kAssume),
          real("women_led_share", "share", 0.2, 0.0, 1.0, "share of SMEs led by women", kAssume),
          real("youth_led_share", "share", 0.15, 0.0, 1.0, "share of SMEs led by people under 35", kAssume),
          real("productivity_level", "", 1.0, 0.1, 10.0, "multiplier on GDP per worker as SME output per worker", kAssume),
          real("carbon_intensity_factor", "", 1.0, 0.1, 5.0, "multiplier on sector emission intensities (energy mix)", kAssume),
      }});
  s.collections.push_back({"sector", "A sector and its value-chain template.",
      {
          text("name", "", "display name", "data"),
          required(integer("tiers", "", 3, 1, 6, "supplier tiers below the lead firm", "data")),
          required(real_list("input_share", "share", {}, 0.0, 0.95,
                             "share of output value bought from the next tier down, for the lead firm then each tier (length tiers)", "data")),
          required(real_list("tier_firm_share", "share", {}, 0.0, 1.0,
                             "share of the sector's SMEs at each tier 1..T (length tiers, sums to 1)", "data")),
          real_list("quality_requirement", "", {}, 0.0, 1.0,
                    "capability q required of suppliers at each tier 1..T (length tiers)", "data"),
          real_list("green_requirement", "", {}, 0.0, 1.0,
                    "green level g required of suppliers at each tier 1..T (length tiers)", "data"),
          required(real("sme_share", "share", 0, 0.0, 1.0, "share of an economy's SMEs in this sector", "data")),
          real("lead_demand_share", "share", 0.4, 0.0, 0.95, "share of tier-1 capacity initially sold to lead firms", kAssume),
          real("tradability", "", 1.0, 0.0, 1.0, "multiplier on the gravity weight of foreign suppliers", kAssume),
          real("tariff_factor", "", 1.0, 0.0, 5.0, "sector tariff relative to the importer's mean tariff", kAssume),
          real("emissions_t_per_usd_m", "t/USD m", 200.0, 0.0, 5000.0, "CO2 per million USD of output", kAssume),
      }});
  s.collections.push_back({"trade_pair", "Bilateral trade costs; id 'AAA-BBB' with codes in alphabetical order (symmetric).",
      {
          required(real("distance_km", "km", 0, 1.0, 25000.0, "distance between economic centres", "data")),
          boolean("fta", false, "a free trade agreement removes tariffs between the pair", "data"),
          boolean("standards_recognition", false, "the pair recognises each other's standards", "data"),
          real("ntb_ave", "share", -1.0, -1.0, 2.0, "pair-specific non-tariff barrier (AVE); -1 = use the importer's", "data"),
      }});
  s.collections.push_back({"group", "A named group of economies, usable wherever economies are listed.",
      {
          required(ref_list("members", {"economy"}, {}, "member economies", "data")),
      }});
  return s;
}

}  // namespace models
