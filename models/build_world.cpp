// Builds one task's world from a validated scenario: economies, sectors and
// trade costs in model units, the initial SME population, lead firms, banks,
// existing parks, demand calibrated to initial capacity, and instruments.
#include "models/instrument.hpp"
#include "models/phases.hpp"
#include "models/world.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace models {
namespace {

double per_step_probability(double rate_per_year, double dt) { return 1.0 - std::exp(-rate_per_year * dt); }

Config read_config(const sim::Scenario& sc, double dt) {
  Config c{};
  const auto& d = sc.section("demand");
  c.initial_utilisation = d.real("initial_utilisation");
  c.ces_elasticity = d.real("ces_elasticity");
  c.spot_premium = d.real("spot_premium");
  c.markup = d.real("markup");
  c.raw_input_share = d.real("raw_input_share");
  const auto& so = sc.section("sourcing");
  c.review_probability = per_step_probability(so.real("review_rate_per_year"), dt);
  c.candidates = static_cast<int>(so.integer("candidates"));
  c.lead_candidates = static_cast<int>(so.integer("lead_candidates"));
  c.sme_slots = static_cast<int>(so.integer("sme_supplier_slots"));
  c.lead_slots = static_cast<int>(so.integer("lead_supplier_slots"));
  c.distance_elasticity = so.real("distance_elasticity");
  c.domestic_distance_km = so.real("domestic_distance_km");
  c.border_effect = so.real("border_effect");
  c.freight_per_1000km = so.real("freight_per_1000km");
  c.freight_lpi_elasticity = so.real("freight_lpi_elasticity");
  c.switching_threshold = so.real("switching_threshold");
  c.delivery_tolerance = so.real("delivery_tolerance");
  c.visibility_digital = so.real("visibility_digital");
  c.visibility_park = so.real("visibility_park");
  c.lead_quality_requirement = so.real("lead_quality_requirement");
  c.max_order_share = so.real("max_order_share");
  const auto& p = sc.section("production");
  c.labour_elasticity = p.real("labour_elasticity");
  c.capital_output_ratio = p.real("capital_output_ratio");
  c.hiring_capital_share = p.real("hiring_capital_share");
  c.working_capital_share = std::min(1.0, p.real("working_capital_months") / (12.0 * dt));
  const auto& f = sc.section("finance");
  c.score_intercept = f.real("score_intercept");
  c.score_leverage = f.real("score_leverage");
  c.score_margin = f.real("score_margin");
  c.score_size = f.real("score_size");
  c.score_age = f.real("score_age");
  c.opacity_noise = f.real("opacity_noise");
  c.risk_appetite = f.real("risk_appetite");
  c.collateral_ratio = f.real("collateral_ratio");
  c.collateral_haircut = f.real("collateral_haircut");
  c.loss_given_default = f.real("loss_given_default");
  c.capital_ratio = f.real("capital_ratio");
  c.loan_term_steps = std::max(1.0, std::round(f.real("loan_term_years") / dt));
  c.working_capital_buffer = f.real("working_capital_buffer");
  c.pd_spread = f.real("pd_spread");
  const auto& a = sc.section("accounts");
  c.employment_adjustment = per_step_probability(a.real("employment_adjustment_per_year"), dt);
  c.payout_share = a.real("payout_share");
  c.target_cash_steps = a.real("target_cash_quarters") * 0.25 / dt;
  c.emissions_scale = a.real("emissions_t_per_usd_m_scale");
  const auto& u = sc.section("upgrading");
  c.upgrade_probability = per_step_probability(u.real("consider_rate_per_year"), dt);
  c.certification_cost = u.real("certification_cost_usd");
  c.digital_cost = u.real("digital_cost_usd");
  c.green_cost = u.real("green_cost_usd");
  c.cost_per_employee = u.real("cost_per_employee_usd");
  c.capacity_step = u.real("capacity_step");
  c.quality_gain = u.real("quality_gain");
  c.green_gain = u.real("green_gain");
  c.success_probability = u.real("success_probability");
  c.payback_steps = u.real("payback_years") / dt;
  c.digital_cost_saving = u.real("digital_cost_saving");
  const auto& l = sc.section("learning");
  c.drift = l.real("drift_per_year") * dt;
  c.shock_sd = l.real("shock_sd_per_year") * std::sqrt(dt);
  c.learning_by_supplying = l.real("learning_by_supplying_per_year") * dt;
  c.park_catchup = per_step_probability(l.real("park_catchup_per_year"), dt);
  c.mean_reversion = per_step_probability(l.real("mean_reversion_per_year"), dt);
  c.initial_sd = l.real("initial_sd");
  const auto& x = sc.section("entry_exit");
  c.exit_probability = per_step_probability(x.real("exit_hazard_per_year"), dt);
  c.negative_equity_steps = static_cast<int>(x.integer("negative_equity_steps"));
  c.entrant_gap = x.real("entrant_productivity_gap");
  c.entry_cost_elasticity = x.real("entry_cost_elasticity");
  c.size_alpha = x.real("size_pareto_alpha");
  const auto& pk = sc.section("parks");
  c.park_cost_reduction = pk.real("existing_cost_reduction");
  c.park_rent_usd_per_year = pk.real("existing_rent_usd_per_year");
  c.park_join_probability = per_step_probability(pk.real("join_rate_per_year"), dt);
  c.park_service_value = pk.real("service_value_share");
  return c;
}

// Expands economy ids and group names into codes, keeping order, no duplicates.
std::vector<std::string> expand_economies(const std::vector<std::string>& ids, const sim::Scenario& sc) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& code) {
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  };
  for (const auto& id : ids) {
    if (const auto* g = sc.entity("group", id)) {
      for (const auto& m : g->values.texts("members")) add(m);
    } else {
      add(id);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> simulated_economies(const sim::Scenario& sc) {
  const auto& listed = sc.run.texts("economies");
  if (!listed.empty()) return expand_economies(listed, sc);
  std::vector<std::string> all;
  for (const auto& e : sc.collection("economy")) all.push_back(e.id);
  return all;
}

std::vector<std::string> simulated_sectors(const sim::Scenario& sc) {
  const auto& listed = sc.run.texts("sectors");
  if (!listed.empty()) return listed;
  std::vector<std::string> all;
  for (const auto& s : sc.collection("sector")) all.push_back(s.id);
  return all;
}

double truncated_pareto(double u, double alpha, double lo, double hi) {
  // Inverse CDF of a Pareto(alpha) on [lo, hi).
  const double a = std::pow(lo, -alpha), b = std::pow(hi, -alpha);
  return std::pow(a - u * (a - b), -1.0 / alpha);
}

void init_firm(World& w, std::uint32_t i, int e, int s, int t, std::uint64_t key, double log_phi_mean,
               double max_employees, std::uint32_t step, Purpose purpose) {
  const Config& c = w.cfg;
  const Economy& ec = w.econ[static_cast<std::size_t>(e)];
  auto& f = w.sme;
  f.economy[i] = static_cast<std::uint8_t>(e);
  f.sector[i] = static_cast<std::uint8_t>(s);
  f.tier[i] = static_cast<std::uint8_t>(t);
  f.rng_key[i] = key;
  const sim::Uniform4 u = w.rng.uniform4(key, step, purpose, 0);
  const sim::Uniform4 v = w.rng.uniform4(key, step, purpose, 1);
  f.employees[i] = std::floor(static_cast<float>(truncated_pareto(u.u[0], c.size_alpha, 1.0, max_employees)));
  f.size_class[i] = size_class_of(f.employees[i]);
  f.log_phi[i] = static_cast<float>(log_phi_mean + c.initial_sd * w.rng.normal(key, step, purpose, 2));
  std::uint8_t flags = kAlive;
  if (u.u[1] < ec.certified_share) flags |= kCertified;
  if (u.u[2] < ec.digital_share) flags |= kDigital;
  if (u.u[3] < ec.women_led_share) flags |= kWomenLed;
  if (v.u[0] < ec.youth_led_share) flags |= kYouthLed;
  f.flags[i] = flags;
  f.quality[i] = static_cast<float>((flags & kCertified) != 0 ? 0.6 + 0.4 * v.u[1] : 0.6 * v.u[1]);
  f.green[i] = static_cast<float>(std::min(1.0, 2.0 * ec.green_level_mean * v.u[2]));
  f.capital_usd[i] = static_cast<float>(w.reference_capital(i));
  const double phi = std::exp(f.log_phi[i]);  // float exp, as World::capacity() and price()
  const double capacity = w.capacity_at(i, phi), price = w.price_at(i, phi);
  f.capacity_units[i] = static_cast<float>(capacity);
  f.price[i] = static_cast<float>(price);
  // Working capital: cash for about a quarter of costs at full capacity.
  const double quarter_costs = capacity * (0.25 / w.dt) * price / (1.0 + c.markup);
  f.cash_usd[i] = quarter_costs * (0.5 + v.u[3]);
  w.outside_usd -= f.cash_usd[i];  // owners' equity comes from outside the model
}

// Sets each tier's local market so that, with the chain orders the formed
// network places when every firm runs at the initial utilisation, firms start
// at that utilisation: local = u0 x capacity - chain orders (at least 5% of it).
void calibrate_local_demand(World& w) {
  SmeTable& f = w.sme;
  const double u0 = w.cfg.initial_utilisation;
  std::fill(f.orders_units.begin(), f.orders_units.end(), 0.0F);
  auto push = [&](const std::uint32_t* slots, int n, double units) {
    double cap = 0;
    for (int j = 0; j < n; ++j) if (slots[j] != kNoFirm) cap += f.capacity_units[slots[j]];
    if (cap <= 0) return;
    for (int j = 0; j < n; ++j) {
      if (slots[j] != kNoFirm) f.orders_units[slots[j]] += static_cast<float>(w.order_to(slots[j], units, cap));
    }
  };
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    const auto k = static_cast<std::size_t>(w.es(w.lead.economy[l], w.lead.sector[l]));
    int n = 0;
    for (std::size_t x = 0; x < w.lead.size(); ++x) n += w.es(w.lead.economy[x], w.lead.sector[x]) == static_cast<int>(k) ? 1 : 0;
    push(&w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots)], w.lead.slots,
         w.sect[w.lead.sector[l]].input_share[0] * w.lead_demand_units_per_year[k] * w.dt / n);
  }
  const int m = std::min(w.cfg.sme_slots, kMaxSlots);
  for (int t = 1; t <= kMaxTiers; ++t) {
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f.tier[i] != t || t >= w.sect[f.sector[i]].tiers) continue;
      push(&f.supplier[i * kMaxSlots], m, input_share(w, i) * u0 * f.capacity_units[i]);
    }
  }
  std::vector<double> gap(w.local_demand_usd_per_year.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    const auto g = static_cast<std::size_t>(w.group(f.economy[i], f.sector[i], f.tier[i]));
    const double target = u0 * f.capacity_units[i];
    gap[g] += std::max(0.05 * target, target - f.orders_units[i]) * w.price(i) / w.dt;
  }
  w.local_demand_usd_per_year = gap;
  std::fill(f.orders_units.begin(), f.orders_units.end(), 0.0F);
}

std::unique_ptr<World> build_world(const sim::Scenario& sc, const sim::TaskKey& key) {
  auto wp = std::make_unique<World>();
  World& w = *wp;
  w.rng = sim::Streams(key.seed, key.replication);
  w.steps_per_year = static_cast<int>(sc.run.integer("steps_per_year"));
  w.dt = 1.0 / w.steps_per_year;
  w.scale = sc.run.real("scale");
  w.cfg = read_config(sc, w.dt);
  const Config& c = w.cfg;

  // Economies.
  const auto codes = simulated_economies(sc);
  if (codes.empty() || codes.size() > 64) throw std::runtime_error("between 1 and 64 economies must be simulated");
  for (const auto& code : codes) {
    const auto* ent = sc.entity("economy", code);
    if (ent == nullptr) throw std::runtime_error("economy '" + code + "' is not defined");
    const auto& v = ent->values;
    Economy e;
    e.code = code;
    e.name = v.text("name").empty() ? code : v.text("name");
    e.output_per_worker_usd_per_year = v.real("gdp_usd_bn") * 1e9 / v.real("labor_force") * v.real("productivity_level");
    e.wage_usd_per_year = v.real("wage_share") * e.output_per_worker_usd_per_year;
    e.demand_growth_per_year = v.real("demand_growth_per_year");
    e.lending_rate_per_year = v.real("lending_rate_per_year");
    e.lpi_score = v.real("lpi_score");
    e.tariff_pct = v.real("tariff_pct");
    e.ntb_ave = v.real("ntb_ave");
    e.entry_rate_per_year = v.real("entry_rate_per_year");
    e.entry_cost_index = v.real("entry_cost_index");
    e.compliance_cost_share = v.real("compliance_cost_share");
    e.women_led_share = v.real("women_led_share");
    e.youth_led_share = v.real("youth_led_share");
    e.carbon_intensity_factor = v.real("carbon_intensity_factor");
    e.digital_share = v.real("digital_share");
    e.certified_share = v.real("certified_share");
    e.green_level_mean = v.real("green_level_mean");
    e.banks = static_cast<int>(v.integer("banks"));
    w.econ.push_back(e);
  }
  // Sectors.
  for (const auto& name : simulated_sectors(sc)) {
    const auto* ent = sc.entity("sector", name);
    if (ent == nullptr) throw std::runtime_error("sector '" + name + "' is not defined");
    const auto& v = ent->values;
    Sector s;
    s.name = name;
    s.tiers = static_cast<int>(v.integer("tiers"));
    s.input_share = v.reals("input_share");
    s.tier_firm_share = v.reals("tier_firm_share");
    s.quality_requirement = v.reals("quality_requirement");
    s.green_requirement = v.reals("green_requirement");
    s.quality_requirement.resize(static_cast<std::size_t>(s.tiers), 0.0);
    s.green_requirement.resize(static_cast<std::size_t>(s.tiers), 0.0);
    s.sme_share = v.real("sme_share");
    s.lead_demand_share = v.real("lead_demand_share");
    s.tradability = v.real("tradability");
    s.tariff_factor = v.real("tariff_factor");
    s.emissions_t_per_usd = v.real("emissions_t_per_usd_m") / 1e6;
    w.sect.push_back(s);
  }
  if (w.sect.size() > 64) throw std::runtime_error("at most 64 sectors");
  const int E = w.E(), S = w.S();

  // Trade costs.
  TradeCosts& tc = w.trade;
  tc.economies = E;
  tc.sectors = S;
  tc.distance_km.assign(static_cast<std::size_t>(E * E), c.domestic_distance_km);
  tc.freight.assign(static_cast<std::size_t>(E * E), 0.0);
  tc.fta.assign(static_cast<std::size_t>(E * E), 0);
  tc.base_recognition.assign(static_cast<std::size_t>(E * E), 0);
  tc.base_tariff_pct.assign(static_cast<std::size_t>(E * E * S), 0.0);
  tc.base_ntb.assign(static_cast<std::size_t>(E * E * S), 0.0);
  const double lpi_ref = 3.5;
  for (int d = 0; d < E; ++d) {
    for (int o = 0; o < E; ++o) {
      const auto& ed = w.econ[static_cast<std::size_t>(d)];
      const auto& eo = w.econ[static_cast<std::size_t>(o)];
      double pair_ntb = -1.0;
      if (d != o) {
        const std::string id = ed.code < eo.code ? ed.code + "-" + eo.code : eo.code + "-" + ed.code;
        const auto* p = sc.entity("trade_pair", id);
        if (p == nullptr) throw std::runtime_error("trade_pair '" + id + "' is not defined");
        tc.distance_km[static_cast<std::size_t>(tc.pair(d, o))] = p->values.real("distance_km");
        tc.fta[static_cast<std::size_t>(tc.pair(d, o))] = p->values.boolean("fta") ? 1 : 0;
        tc.base_recognition[static_cast<std::size_t>(tc.pair(d, o))] = p->values.boolean("standards_recognition") ? 1 : 0;
        pair_ntb = p->values.real("ntb_ave");
      }
      const double lpi = 0.5 * (ed.lpi_score + eo.lpi_score);
      tc.freight[static_cast<std::size_t>(tc.pair(d, o))] =
          c.freight_per_1000km * tc.distance_km[static_cast<std::size_t>(tc.pair(d, o))] / 1000.0 *
          std::pow(lpi_ref / lpi, c.freight_lpi_elasticity);
      for (int s = 0; s < S; ++s) {
        const auto cell = static_cast<std::size_t>(tc.cell(d, o, s));
        if (d == o) continue;
        tc.base_tariff_pct[cell] = tc.fta[static_cast<std::size_t>(tc.pair(d, o))] != 0
                                       ? 0.0 : ed.tariff_pct * w.sect[static_cast<std::size_t>(s)].tariff_factor;
        tc.base_ntb[cell] = pair_ntb >= 0 ? pair_ntb : ed.ntb_ave;
      }
    }
  }
  reset_trade_costs(w);

  // SMEs: counts per economy, sector and tier from the data, scaled.
  std::vector<std::size_t> per_economy(static_cast<std::size_t>(E));
  std::size_t total = 0;
  double share_sum = 0;
  for (const auto& s : w.sect) share_sum += s.sme_share;
  for (int e = 0; e < E; ++e) {
    const auto* ent = sc.entity("economy", w.econ[static_cast<std::size_t>(e)].code);
    per_economy[static_cast<std::size_t>(e)] =
        static_cast<std::size_t>(std::max(1.0, std::round(ent->values.real("n_msme") / w.scale)));
    total += per_economy[static_cast<std::size_t>(e)];
  }
  w.sme.reserve(total + total / 2);
  for (int e = 0; e < E; ++e) {
    std::uint64_t local = 0;
    for (int s = 0; s < S; ++s) {
      const Sector& sec = w.sect[static_cast<std::size_t>(s)];
      const double n_sector = static_cast<double>(per_economy[static_cast<std::size_t>(e)]) * sec.sme_share / share_sum;
      double tier_sum = 0;
      for (double x : sec.tier_firm_share) tier_sum += x;
      for (int t = 1; t <= sec.tiers; ++t) {
        const auto n = static_cast<std::size_t>(std::round(n_sector * sec.tier_firm_share[static_cast<std::size_t>(t - 1)] / tier_sum));
        for (std::size_t k = 0; k < n; ++k) {
          const std::uint32_t i = w.sme.add();
          const std::uint64_t rkey = (static_cast<std::uint64_t>(e) << 40U) | local++;
          init_firm(w, i, e, s, t, rkey, 0.0, 250.0, 0, kDrawInit);
          w.sme.age_steps[i] = static_cast<std::uint16_t>(std::floor(w.rng.uniform(rkey, 0, kDrawInitFlags) * 40.0 / (w.dt * 4.0)));
        }
      }
    }
    w.econ[static_cast<std::size_t>(e)].initial_agents = static_cast<double>(local);
  }

  // Lead firms.
  w.lead.slots = c.lead_slots;
  for (int e = 0; e < E; ++e) {
    const auto* ent = sc.entity("economy", w.econ[static_cast<std::size_t>(e)].code);
    for (int s = 0; s < S; ++s) {
      const double real_large = ent->values.real("n_msme") * ent->values.real("large_firm_ratio") *
                                w.sect[static_cast<std::size_t>(s)].sme_share / share_sum;
      const int n = std::max(1, static_cast<int>(std::round(real_large / w.scale)));
      for (int k = 0; k < n; ++k) {
        w.lead.economy.push_back(static_cast<std::uint8_t>(e));
        w.lead.sector.push_back(static_cast<std::uint8_t>(s));
        w.lead.rng_key.push_back((1ULL << 62U) | (static_cast<std::uint64_t>(e) << 40U) | (static_cast<std::uint64_t>(s) << 20U) | static_cast<std::uint64_t>(k));
        w.lead.planned_units.push_back(0.0F);
        w.lead.cash_usd.push_back(0.0);
        for (int j = 0; j < c.lead_slots; ++j) w.lead.supplier.push_back(kNoFirm);
      }
    }
  }

  // Banks: capital proportional to the SME population and credit depth.
  for (int e = 0; e < E; ++e) {
    auto& ec = w.econ[static_cast<std::size_t>(e)];
    const auto* ent = sc.entity("economy", ec.code);
    ec.bank_offset = static_cast<int>(w.banks.size());
    const double capital = ent->values.real("bank_capital_per_sme_usd") * ent->values.real("credit_depth") / 0.5 * ec.initial_agents;
    for (int b = 0; b < ec.banks; ++b) {
      Bank bank;
      bank.economy = static_cast<std::uint8_t>(e);
      bank.equity_usd = capital / ec.banks;
      bank.cash_usd = bank.equity_usd;
      w.outside_usd -= bank.cash_usd;
      w.banks.push_back(bank);
    }
  }

  // Existing parks: one per economy and sector, members drawn at random.
  std::vector<int> es_count(static_cast<std::size_t>(E * S), 0);
  for (std::size_t i = 0; i < w.sme.size(); ++i) ++es_count[static_cast<std::size_t>(w.es(w.sme.economy[i], w.sme.sector[i]))];
  std::vector<int> park_of(static_cast<std::size_t>(E * S), -1);
  for (int e = 0; e < E; ++e) {
    const auto* ent = sc.entity("economy", w.econ[static_cast<std::size_t>(e)].code);
    for (int s = 0; s < S; ++s) {
      const int cap = static_cast<int>(std::round(ent->values.real("park_share") * es_count[static_cast<std::size_t>(w.es(e, s))]));
      if (cap < 1) continue;
      Park p;
      p.economy = static_cast<std::uint8_t>(e);
      p.sector = static_cast<std::uint8_t>(s);
      p.capacity = cap;
      p.service_level = ent->values.real("park_service_level");
      p.base_service_level = p.service_level;
      p.cost_reduction = c.park_cost_reduction;
      p.rent_usd_per_year = c.park_rent_usd_per_year;
      park_of[static_cast<std::size_t>(w.es(e, s))] = static_cast<int>(w.parks.size());
      w.parks.push_back(p);
    }
  }
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    const int pi = park_of[static_cast<std::size_t>(w.es(w.sme.economy[i], w.sme.sector[i]))];
    if (pi < 0) continue;
    Park& p = w.parks[static_cast<std::size_t>(pi)];
    const double share = static_cast<double>(p.capacity) / es_count[static_cast<std::size_t>(w.es(p.economy, p.sector))];
    if (p.members < p.capacity && w.rng.uniform(w.sme.rng_key[i], 0, kDrawPark, 2) < share) {
      w.sme.park[i] = static_cast<std::int16_t>(pi);
      ++p.members;
    }
  }

  // Lead demand calibrated to initial tier-1 capacity (per year); local
  // markets are calibrated after the warm-up, once the network is formed.
  w.lead_demand_units_per_year.assign(static_cast<std::size_t>(E * S), 0.0);
  w.local_demand_usd_per_year.assign(static_cast<std::size_t>(E * S * kMaxTiers), 0.0);
  std::vector<double> cap_units(static_cast<std::size_t>(E * S * kMaxTiers), 0.0);
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    const auto g = static_cast<std::size_t>(w.group(w.sme.economy[i], w.sme.sector[i], w.sme.tier[i]));
    cap_units[g] += w.capacity(i) / w.dt;
  }
  const double u0 = c.initial_utilisation;
  for (int e = 0; e < E; ++e) {
    for (int s = 0; s < S; ++s) {
      const Sector& sec = w.sect[static_cast<std::size_t>(s)];
      const auto g1 = static_cast<std::size_t>(w.group(e, s, 1));
      w.lead_demand_units_per_year[static_cast<std::size_t>(w.es(e, s))] =
          sec.input_share[0] > 0 ? sec.lead_demand_share * u0 * cap_units[g1] / sec.input_share[0] : 0.0;
    }
  }

  // Policies and shocks.
  w.cells.resize(E, S);
  w.market.resize(E, S);
  w.counters.resize(E, S);
  int index = 0;
  for (const auto* array_name : {"policy", "shock"}) {
    const auto& kinds = std::string(array_name) == "policy" ? policy_kinds() : shock_kinds();
    for (const auto& item : sc.array(array_name)) {
      const auto it = std::find_if(kinds.begin(), kinds.end(), [&](const InstrumentKind& k) { return k.spec.type == item.type; });
      if (it == kinds.end()) throw std::runtime_error("unknown instrument type '" + item.type + "'");
      Program prog;
      prog.type = item.type;
      prog.budget_usd = item.values.has("budget_usd") ? item.values.real("budget_usd") / w.scale : 0.0;
      w.programs.push_back(prog);
      w.instruments.push_back(it->make(item, sc, w, index));
      w.programs.back().name = w.instruments.back()->name;
      ++index;
    }
  }

  w.money_total_usd = w.money_sum();
  w.alive_count = static_cast<std::int64_t>(w.sme.size());
  w.reserve_scratch();
  warm_up(w, static_cast<int>(sc.run.integer("warmup_rounds")));
  calibrate_local_demand(w);
  // Network evidence (links, lead suppliers) for the first step's decisions.
  sim::StepContext ctx;
  ctx.steps_per_year = w.steps_per_year;
  ctx.dt_years = w.dt;
  ctx.rng = &w.rng;
  metrics(w, ctx);
  return wp;
}

}  // namespace models
