// Phase 7: with some probability each step an SME weighs one upgrade:
// certification, digital adoption, green technology or capacity. It values
// each by what it can observe (last step's link rates of similar firms with
// and without the upgrade) against the cost net of grants and park services,
// pays from cash or asks for an investment loan (decided next finance phase),
// and succeeds with a probability that training raises.
#include "models/phases.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

double grant_share(const World& w, int cell, Upgrade kind) {
  const CellValue& g = w.cells.get(cell, Channel::Grant);
  double share = 0;
  if (g.program >= 0 && (static_cast<unsigned>(g.aux) & (1U << static_cast<unsigned>(kind))) != 0) share = g.value;
  if (kind == Upgrade::Digital) share = std::max(share, static_cast<double>(w.cells.get(cell, Channel::DigitalAdoption).value));
  return std::min(1.0, share);
}

std::int16_t grant_program(const World& w, int cell, Upgrade kind) {
  const CellValue& g = w.cells.get(cell, Channel::Grant);
  if (g.program >= 0 && (static_cast<unsigned>(g.aux) & (1U << static_cast<unsigned>(kind))) != 0) return g.program;
  if (kind == Upgrade::Digital) return w.cells.get(cell, Channel::DigitalAdoption).program;
  return -1;
}

double gross_cost(const World& w, std::size_t i, Upgrade kind) {
  const Config& c = w.cfg;
  const SmeTable& f = w.sme;
  const double per_emp = c.cost_per_employee * f.employees[i];
  const Park* pk = f.park[i] >= 0 ? &w.parks[static_cast<std::size_t>(f.park[i])] : nullptr;
  switch (kind) {
    case Upgrade::Certification:
      return (c.certification_cost + per_emp) * (pk != nullptr ? 1.0 - 0.3 * std::min(1.0, pk->service_level) : 1.0);
    case Upgrade::Digital: return c.digital_cost + per_emp;
    case Upgrade::Green: return (c.green_cost + per_emp) * (pk != nullptr ? 1.0 - pk->green_infrastructure : 1.0);
    case Upgrade::Capacity: return c.capacity_step * f.capital_usd[i];
    default: return 0.0;
  }
}

// Carries out an upgrade: pays (grant from the programme, rest from the firm), then draws success.
void execute(World& w, std::size_t i, Upgrade kind, std::uint32_t step) {
  SmeTable& f = w.sme;
  const int cell = w.cells.cell_of(f, i);
  const double gross = gross_cost(w, i, kind);
  double grant = 0;
  const std::int16_t prog = grant_program(w, cell, kind);
  if (prog >= 0) {
    grant = w.programs[static_cast<std::size_t>(prog)].spend(gross * grant_share(w, cell, kind));
    w.government_usd -= grant;
    w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] += grant;
  }
  f.cash_usd[i] -= gross - grant;
  w.outside_usd += gross;
  const CellValue& tr = w.cells.get(cell, Channel::Training);
  const double bonus = tr.value + ((f.flags[i] & kTrained) != 0 ? 0.1 : 0.0) + w.cells.get(cell, Channel::DigitalAdoption).aux;
  const bool success = kind == Upgrade::Capacity ||
                       w.rng.uniform(f.rng_key[i], step, kDrawUpgradeSuccess) < std::min(1.0, w.cfg.success_probability + bonus);
  if (!success) return;
  switch (kind) {
    case Upgrade::Certification:
      f.set(i, kCertified, true);
      f.quality[i] = std::min(1.0F, f.quality[i] + static_cast<float>(w.cfg.quality_gain));
      break;
    case Upgrade::Digital: f.set(i, kDigital, true); break;
    case Upgrade::Green: f.green[i] = std::min(1.0F, f.green[i] + static_cast<float>(w.cfg.green_gain)); break;
    case Upgrade::Capacity: f.capital_usd[i] += static_cast<float>(gross); break;
    default: break;
  }
}

}  // namespace

void upgrading(World& w, const sim::StepContext& ctx) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  const auto step = static_cast<std::uint32_t>(ctx.step);
  const double margin = c.markup / (1.0 + c.markup);
  const double capacity_gain = std::pow(1.0 + c.capacity_step, 1.0 - c.labour_elasticity) - 1.0;  // share of capacity
  // Without an e-commerce programme this step no firm starts listing: the loop skips the check.
  const bool ecommerce = w.cells.used(Channel::Ecommerce);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    // A digital firm reached by an e-commerce channel lists on it (read in phases 2 and 3).
    if (ecommerce && f.has(i, kDigital) &&
        w.cells.get(w.cells.cell_of(f, i), Channel::Ecommerce).program >= 0)
      f.set(i, kEcommerce, true);
    if (f.pending_upgrade[i] != 0) {  // the investment loan came through in phase 5
      execute(w, i, static_cast<Upgrade>(f.pending_upgrade[i]), step);
      f.pending_upgrade[i] = 0;
      continue;
    }
    if ((w.draw_bits[i] & kDrawsUpgrade) == 0) continue;
    const int cell = w.cells.cell_of(f, i);
    const auto g = static_cast<std::size_t>(w.group(f.economy[i], f.sector[i], f.tier[i]));
    const double price = f.price[i];  // the price set in demand for this step
    const double link_value = 0.5 * f.capacity_units[i] * price * margin * c.payback_steps;
    auto evidence = [&](Upgrade k) {
      const std::size_t x = g * kUpgradeKinds + static_cast<std::size_t>(k);
      return std::max(0.0F, w.link_rate_with[x] - w.link_rate_without[x]);
    };
    Upgrade best = Upgrade::None;
    double best_net = 0;
    auto consider = [&](Upgrade k, double benefit) {
      const double net = benefit - gross_cost(w, i, k) * (1.0 - grant_share(w, cell, k));
      if (net > best_net) { best_net = net; best = k; }
    };
    if (!f.has(i, kCertified)) consider(Upgrade::Certification, evidence(Upgrade::Certification) * link_value);
    if (!f.has(i, kDigital)) {
      consider(Upgrade::Digital, evidence(Upgrade::Digital) * link_value + c.digital_cost_saving * f.costs_usd[i] * c.payback_steps);
    }
    if (f.green[i] < 1.0F) {
      const double carbon_saving = w.market.carbon_price_usd_per_t[f.economy[i]] * f.revenue_usd[i] *
                                   w.sect[f.sector[i]].emissions_t_per_usd *
                                   w.econ[f.economy[i]].carbon_intensity_factor * c.emissions_scale * 0.6 *
                                   c.green_gain * c.payback_steps;
      consider(Upgrade::Green, evidence(Upgrade::Green) * link_value + carbon_saving);
    }
    const double demand_units = f.local_demand_units[i] + f.orders_units[i];
    if (demand_units > 0.95 * f.capacity_units[i]) {
      const double extra = f.capacity_units[i] * capacity_gain;
      consider(Upgrade::Capacity, std::min(extra, demand_units - 0.95 * f.capacity_units[i]) * price * margin * c.payback_steps);
    }
    if (best == Upgrade::None) continue;
    const double own = gross_cost(w, i, best) * (1.0 - grant_share(w, cell, best));
    if (f.cash_usd[i] >= own) {
      execute(w, i, best, step);
    } else {
      f.pending_upgrade[i] = static_cast<std::uint8_t>(best);
      f.pending_invest_usd[i] = static_cast<float>(own - std::max(0.0, f.cash_usd[i]));
    }
  }
}

}  // namespace models
