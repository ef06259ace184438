// Phase 6: debt service (with interest subsidies, credit-line concessions
// and guarantee fees), park rent, compliance and carbon costs, profit,
// payouts, solvency and equity; employment moves toward what demand needs,
// with friction, and the size class follows; SMEs join parks with free slots
// when the saving and services are worth the rent.
#include "models/phases.hpp"
#include "models/select.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace models {
namespace {

// Pays interest, principal and guarantee fees; returns the finance costs the firm itself paid.
double service_debt(World& w, Transfers& flows, std::size_t i) {
  SmeTable& f = w.sme;
  const double debt = f.debt_usd[i];
  if (debt <= 0) return 0.0;
  Bank& bank = w.banks[w.bank_of(i)];
  const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
  const double interest = debt * f.loan_rate_per_year[i] * w.dt;
  double subsidy = 0, fees = 0;
  const CellValue& sv = w.cells.get_for(f, i, Channel::InterestSubsidy);
  if (sv.program >= 0) {
    subsidy = w.programs[static_cast<std::size_t>(sv.program)].spend(debt * std::min(static_cast<double>(f.loan_rate_per_year[i]), static_cast<double>(sv.value)) * w.dt);
    flows.government_usd -= subsidy;
    w.counters.fiscal_cost_usd[k] += subsidy;
  }
  if (f.line_program[i] >= 0 && f.credit_line_usd[i] > 0) {
    // The development bank's concession: the gap to the market rate, paid to the on-lending bank.
    const double gap = std::max(0.0, w.econ[f.economy[i]].lending_rate_per_year - f.loan_rate_per_year[i]);
    const double conc = w.programs[static_cast<std::size_t>(f.line_program[i])].spend(f.credit_line_usd[i] * gap * w.dt);
    flows.government_usd -= conc;
    bank.cash_usd += conc;
    bank.equity_usd += conc;
    w.counters.fiscal_cost_usd[k] += conc;
  }
  const double principal = std::min(debt, static_cast<double>(f.principal_per_step[i]));
  const double firm_pays = interest - subsidy + principal;
  f.cash_usd[i] -= firm_pays;
  bank.cash_usd += firm_pays + subsidy;
  bank.equity_usd += interest;
  bank.loans_usd -= principal;
  if (f.guarantee_program[i] >= 0) {
    Program& gp = w.programs[static_cast<std::size_t>(f.guarantee_program[i])];
    gp.exposure_usd = std::max(0.0, gp.exposure_usd - principal * f.guarantee_share[i]);
    const double fee = debt * f.guarantee_share[i] * gp.fee_rate_per_year * w.dt;
    f.cash_usd[i] -= fee;
    flows.government_usd += fee;
    gp.fees_usd += fee;
    w.counters.fiscal_cost_usd[k] -= fee;
    fees = fee;
  }
  if (f.credit_line_usd[i] > 0) {
    const double part = principal * f.credit_line_usd[i] / debt;
    f.credit_line_usd[i] = static_cast<float>(std::max(0.0, f.credit_line_usd[i] - part));
    bank.line_loans_usd = std::max(0.0, bank.line_loans_usd - part);
    if (f.line_program[i] >= 0) {
      Program& lp = w.programs[static_cast<std::size_t>(f.line_program[i])];
      lp.exposure_usd = std::max(0.0, lp.exposure_usd - part);
    }
  }
  f.debt_usd[i] = debt - principal;
  if (f.debt_usd[i] <= 1e-9) {
    f.debt_usd[i] = 0;
    f.principal_per_step[i] = 0;
    f.guarantee_share[i] = 0;
    f.guarantee_program[i] = -1;
    bank.line_loans_usd = std::max(0.0, bank.line_loans_usd - f.credit_line_usd[i]);
    f.credit_line_usd[i] = 0;
    f.line_program[i] = -1;
  }
  return interest - subsidy + fees;
}

void join_parks(World& w, std::uint32_t step) {
  SmeTable& f = w.sme;
  std::vector<int> wanting(w.parks.size(), 0);
  std::vector<std::pair<std::uint32_t, int>> choice;  // (firm, park) of the firms that want to join
  // One open park with free slots per (economy, sector) is enough to consider; take the best service.
  std::vector<int> best(static_cast<std::size_t>(w.E() * w.S()), -1);
  bool any = false;
  for (std::size_t p = 0; p < w.parks.size(); ++p) {
    const Park& pk = w.parks[p];
    if (!pk.open || pk.members >= pk.capacity) continue;
    int& b = best[static_cast<std::size_t>(w.es(pk.economy, pk.sector))];
    if (b < 0 || pk.service_level > w.parks[static_cast<std::size_t>(b)].service_level) b = static_cast<int>(p);
    any = true;
  }
  if (!any) return;
  for (std::size_t i = 0; i < f.size(); ++i) {
    // One branch for the three conditions (whether a firm has its turn is a coin toss to the
    // predictor).
    const bool turn = f.alive(i) & (f.park[i] < 0) & ((w.draw_bits[i] & kDrawsParkTurn) != 0);
    if (!turn) continue;
    const int p = best[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))];
    if (p < 0) continue;
    const Park& pk = w.parks[static_cast<std::size_t>(p)];
    const double gain = pk.cost_reduction * f.costs_usd[i] + w.cfg.park_service_value * pk.service_level * f.revenue_usd[i];
    if (gain <= pk.rent_usd_per_year * w.dt) continue;
    choice.emplace_back(static_cast<std::uint32_t>(i), p);
    ++wanting[static_cast<std::size_t>(p)];
  }
  for (const auto& [i, p] : choice) {
    Park& pk = w.parks[static_cast<std::size_t>(p)];
    if (pk.members >= pk.capacity) continue;  // full: no draw needed (a draw changes no state)
    const double accept = static_cast<double>(pk.capacity - pk.members) / wanting[static_cast<std::size_t>(p)];
    // Admission: the firm's admission word of its step blocks (see prepare_firms).
    const double u = sim::Streams::word_to_open_unit(
        w.rng.block32(f.rng_key[i], step, kDrawFirmStep, kWordAdmission / 4)[kWordAdmission % 4]);
    if (static_cast<float>(u) < accept) {
      f.park[i] = static_cast<std::int16_t>(p);
      ++pk.members;
    }
  }
}

}  // namespace

void accounts(World& w, const sim::StepContext& ctx) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  Transfers flows;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const int e = f.economy[i], s = f.sector[i];
    const Economy& ec = w.econ[static_cast<std::size_t>(e)];
    const double interest = service_debt(w, flows, i);
    // The firm's cash in a local from here on, stored once: every store to the column would
    // otherwise make the next step of the sum wait for it.
    double cash = f.cash_usd[i];
    double rent = 0;
    if (f.park[i] >= 0) {
      const Park& pk = w.parks[static_cast<std::size_t>(f.park[i])];
      rent = pk.rent_usd_per_year * w.dt;
      cash -= rent;
      if (pk.program >= 0) {
        flows.government_usd += rent;  // policy parks: rent is a fee of the programme
        w.programs[static_cast<std::size_t>(pk.program)].fees_usd += rent;
        w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(e, s))] -= rent;
      } else {
        flows.outside_usd += rent;
      }
    }
    const double compliance = f.revenue_usd[i] * ec.compliance_cost_share * (1.0 - w.cells.get_for(f, i, Channel::Compliance).value);
    cash -= compliance;
    flows.outside_usd += compliance;
    double carbon = 0;
    const double price_t = w.market.carbon_price_usd_per_t[static_cast<std::size_t>(e)];
    if (price_t > 0) {
      const double emissions = f.revenue_usd[i] * w.sect[static_cast<std::size_t>(s)].emissions_t_per_usd *
                               ec.carbon_intensity_factor * c.emissions_scale * (1.0 - 0.6 * f.green[i]);
      carbon = emissions * price_t;
      cash -= carbon;
      flows.government_usd += carbon;
      const auto prog = w.market.carbon_program[static_cast<std::size_t>(e)];
      if (prog >= 0) w.programs[static_cast<std::size_t>(prog)].fees_usd += carbon;
      w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(e, s))] -= carbon;
    }
    const double profit = f.revenue_usd[i] - f.costs_usd[i] - interest - rent - compliance - carbon;
    f.profit_usd[i] = static_cast<float>(profit);
    // Owners take a share of profit and any cash beyond the target buffer.
    const double target = c.target_cash_steps * f.costs_usd[i];
    double payout = select(profit > 0, c.payout_share * profit, 0.0);  // a coin toss: no branch
    const double excess = cash - payout - target;
    payout += excess > 0 ? excess : 0.0;  // a select, not a branch (adding 0 changes nothing)
    payout = std::min(payout, std::max(0.0, cash));
    cash -= payout;
    flows.outside_usd += payout;
    f.cash_usd[i] = cash;
    f.set(i, kInsolvent, cash < 0);
    const double equity = cash + f.capital_usd[i] - f.debt_usd[i];
    f.negative_equity_steps[i] = static_cast<std::uint8_t>(
        static_cast<int>(equity < 0) * std::min(255, f.negative_equity_steps[i] + 1));
    // Employment toward what demand needs at the target utilisation.
    const double per_worker = f.capacity_units[i] / std::max(1.0F, f.employees[i]);
    if (per_worker > 0) {
      const double need = (f.local_demand_units[i] + f.orders_units[i]) / (per_worker * c.initial_utilisation);
      double emp = std::max(1.0, f.employees[i] + c.employment_adjustment * (need - f.employees[i]));
      // Hiring stops where the firm's capital no longer equips workers (at hiring_capital_share
      // of the reference capital per worker); growing further takes a capacity investment (phase 7).
      const double equipped = f.capital_usd[i] / (c.hiring_capital_share * c.capital_output_ratio *
                                                  w.econ[static_cast<std::size_t>(e)].output_per_worker_usd_per_year);
      // Selects rather than branches: whether a firm hires is a coin toss to the branch predictor.
      const double employed = f.employees[i];
      const double capped = std::max(employed, std::min(emp, equipped));
      emp = emp > employed ? capped : emp;
      const auto emp_float = static_cast<float>(emp);
      f.employees[i] = emp_float;
      f.size_class[i] = size_class_of(emp_float);
    }
    if (f.age_steps[i] < 65535) ++f.age_steps[i];
  }
  flows.book(w);
  join_parks(w, static_cast<std::uint32_t>(ctx.step));
}

}  // namespace models
