// Phase 5: SMEs that expect a working-capital gap (wages and inputs before
// revenue, plus debt service) or wait on an upgrade investment ask their
// bank for a loan. The bank scores default probability from what it sees
// (leverage, margin, size, age) plus opacity noise that is larger for small
// and young firms, lends where the risk it keeps after any guarantee is
// within its appetite and collateral suffices, best risks first, up to its
// capital limit. Guarantees, interest subsidies, credit lines, microfinance
// and green finance enter here through the policy cells.
#include "models/phases.hpp"
#include "models/select.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

struct Application {
  std::uint32_t firm;
  double amount;
  double retained_risk;  // PD x LGD x (1 - coverage): the bank's ordering key
  double pd;
  double coverage;
  std::int16_t guarantee_program;
  std::int16_t line_program;
  double line_rate;
  bool microfinance;
  std::int16_t green_program;  // green finance: programme, rate cut, investment part of the amount
  double green_reduction;
  double green_invest;
};

}  // namespace

void finance(World& w, const sim::StepContext& ctx) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  const auto step = static_cast<std::uint32_t>(ctx.step);
  std::vector<std::vector<Application>> per_bank(w.banks.size());
  // By (economy, inclusion group) for the inclusion metrics; this phase is their only writer.
  w.counters.applications_by_inclusion.assign(w.econ.size() * 4, 0.0);
  w.counters.approvals_by_inclusion.assign(w.econ.size() * 4, 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const Economy& ec = w.econ[f.economy[i]];
    const double service = f.debt_usd[i] * f.loan_rate_per_year[i] * w.dt + std::min(f.debt_usd[i], static_cast<double>(f.principal_per_step[i]));
    const double gap = c.working_capital_share * f.costs_usd[i] * (1.0 + ec.demand_growth_per_year * w.dt) + service - f.cash_usd[i];
    // A loss-making firm does not borrow to produce more (it would lose more); it
    // shrinks instead. Entrants without a record yet may ask.
    // Selects rather than branches (select.hpp): whether a firm has a gap, or makes a loss, is a
    // coin toss to the predictor; fewer than 1 % of firms apply, so the last test is predictable.
    const bool viable = (f.profit_usd[i] >= 0) | (f.age_steps[i] < 2);
    double amount = select((gap > 0) & viable, gap * (1.0 + c.working_capital_buffer), 0.0);
    const double invest = f.pending_invest_usd[i];
    amount += select(invest > 0, invest, 0.0);
    if (amount <= 0) continue;
    // What the bank sees, plus its scoring error.
    const double age_years = f.age_steps[i] * w.dt;
    const double assets = std::max(1.0, f.capital_usd[i] + std::max(0.0, f.cash_usd[i]));
    const double margin = f.revenue_usd[i] > 0 ? f.profit_usd[i] / f.revenue_usd[i] : -0.1;
    const double opacity = c.opacity_noise / std::sqrt(std::max(1.0F, f.employees[i]) * (1.0 + age_years));
    const double x = c.score_intercept + c.score_leverage * (f.debt_usd[i] + amount) / assets - c.score_margin * margin -
                     c.score_size * std::log(std::max(1.0F, f.employees[i])) - c.score_age * std::log1p(age_years) +
                     opacity * w.rng.normal(f.rng_key[i], step, kDrawBank);
    const double pd = 1.0 / (1.0 + std::exp(-x));
    const int cell = w.cells.cell_of(f, i);
    Application app{static_cast<std::uint32_t>(i), amount, 0, pd, 0, -1, -1, 0, false, -1, 0, 0};
    const CellValue& gv = w.cells.get(cell, Channel::Guarantee);
    if (gv.program >= 0) {
      const Program& prog = w.programs[static_cast<std::size_t>(gv.program)];
      if (prog.remaining() > 0 && prog.exposure_usd + gv.value * amount <= prog.exposure_limit_usd) {
        app.coverage = gv.value;
        app.guarantee_program = gv.program;
      }
    }
    const CellValue& lv = w.cells.get(cell, Channel::CreditLine);
    if (lv.program >= 0 && w.programs[static_cast<std::size_t>(lv.program)].exposure_usd + amount <=
                               w.programs[static_cast<std::size_t>(lv.program)].exposure_limit_usd) {
      app.line_program = lv.program;
      app.line_rate = lv.value;
    }
    const CellValue& mv = w.cells.get(cell, Channel::Microfinance);
    if (mv.program >= 0 && amount <= mv.value) app.microfinance = true;
    // Green finance shares the risk of the investment part of a loan for a green upgrade.
    if (f.pending_upgrade[i] == static_cast<std::uint8_t>(Upgrade::Green) && f.pending_invest_usd[i] > 0) {
      const CellValue& gf = w.cells.get(cell, Channel::GreenFinance);
      if (gf.program >= 0 && w.programs[static_cast<std::size_t>(gf.program)].remaining() > 0) {
        app.green_program = gf.program;
        app.green_reduction = gf.value;
        app.green_invest = f.pending_invest_usd[i];
        const double cover = gf.aux * app.green_invest / amount;
        if (cover > app.coverage) {
          app.coverage = cover;
          app.guarantee_program = gf.program;
        }
      }
    }
    app.retained_risk = pd * c.loss_given_default * (1.0 - app.coverage);
    per_bank[w.bank_of(i)].push_back(app);
    const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
    w.counters.credit_applications[k] += 1;
    w.counters.applications_by_size[static_cast<std::size_t>(f.economy[i]) * 3 + f.size_class[i]] += 1;
    w.counters.applications_by_inclusion[static_cast<std::size_t>(f.economy[i]) * 4 + static_cast<std::size_t>(cell % 4)] += 1;
  }
  for (std::size_t b = 0; b < per_bank.size(); ++b) {
    Bank& bank = w.banks[b];
    bank.lent_this_step_usd = 0;
    auto& apps = per_bank[b];
    std::sort(apps.begin(), apps.end(), [](const Application& x, const Application& y) {
      return x.retained_risk < y.retained_risk || (x.retained_risk == y.retained_risk && x.firm < y.firm);
    });
    const Economy& ec = w.econ[bank.economy];
    const double limit = std::max(0.0, bank.equity_usd) * w.market.bank_lending_factor[bank.economy] / c.capital_ratio;
    for (const Application& app : apps) {
      const std::uint32_t i = app.firm;
      double appetite = c.risk_appetite;
      double rate = ec.lending_rate_per_year + c.pd_spread * app.pd;
      bool line = false;
      if (app.microfinance) {
        // Microfinance lenders accept more risk and little collateral, at a higher rate.
        const CellValue& mv = w.cells.get(w.cells.cell_of(f, i), Channel::Microfinance);
        appetite *= 3.0;
        rate = mv.aux;
      }
      if (app.retained_risk > appetite) continue;
      const double collateral_needed = (app.microfinance ? 0.2 : 1.0) * c.collateral_ratio * app.amount * (1.0 - app.coverage);
      if (f.capital_usd[i] * c.collateral_haircut < collateral_needed) continue;
      if (app.line_program >= 0) {
        line = true;  // funded by the credit line: outside the bank's capital limit
        rate = std::min(rate, app.line_rate + c.pd_spread * app.pd);
      } else if (bank.loans_usd - bank.line_loans_usd + app.amount > limit) {
        continue;
      }
      if (app.green_program >= 0) {
        // Green finance pays the bank now the interest it gives up on the investment part over
        // the loan's life (linear repayment: (n + 1) / 2 steps of the full amount).
        const double cut = std::min(app.green_reduction, rate);
        const double want = app.green_invest * cut * w.dt * (c.loan_term_steps + 1.0) / 2.0;
        const double paid = w.programs[static_cast<std::size_t>(app.green_program)].spend(want);
        if (paid > 0) {
          rate -= cut * (paid / want) * app.green_invest / app.amount;
          w.government_usd -= paid;
          bank.cash_usd += paid;
          bank.equity_usd += paid;
          w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] += paid;
        }
      }
      // Book the loan.
      bank.cash_usd -= app.amount;
      bank.loans_usd += app.amount;
      bank.lent_this_step_usd += app.amount;
      f.cash_usd[i] += app.amount;
      const double old = f.debt_usd[i];
      const double total = old + app.amount;
      f.loan_rate_per_year[i] = static_cast<float>((old * f.loan_rate_per_year[i] + app.amount * rate) / total);
      f.principal_per_step[i] += static_cast<float>(app.amount / c.loan_term_steps);
      const double guaranteed = old * f.guarantee_share[i] + app.amount * app.coverage;
      f.guarantee_share[i] = static_cast<float>(guaranteed / total);
      if (app.guarantee_program >= 0) {
        f.guarantee_program[i] = app.guarantee_program;
        w.programs[static_cast<std::size_t>(app.guarantee_program)].exposure_usd += app.amount * app.coverage;
      }
      if (line) {
        f.credit_line_usd[i] += static_cast<float>(app.amount);
        f.line_program[i] = app.line_program;
        bank.line_loans_usd += app.amount;
        w.programs[static_cast<std::size_t>(app.line_program)].exposure_usd += app.amount;
      }
      f.debt_usd[i] = total;
      const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
      w.counters.credit_approvals[k] += 1;
      w.counters.new_loans_usd[k] += app.amount;
      w.counters.approvals_by_size[static_cast<std::size_t>(f.economy[i]) * 3 + f.size_class[i]] += 1;
      w.counters.approvals_by_inclusion[static_cast<std::size_t>(f.economy[i]) * 4 + static_cast<std::size_t>(w.cells.cell_of(f, i) % 4)] += 1;
      if (f.pending_upgrade[i] != 0) f.pending_invest_usd[i] = 0;  // funded: upgrading will carry it out
    }
  }
  // Refused investment requests lapse.
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.pending_invest_usd[i] > 0) {
      f.pending_invest_usd[i] = 0;
      f.pending_upgrade[i] = 0;
    }
  }
}

void default_on_debt(World& w, std::size_t i) {
  SmeTable& f = w.sme;
  const double debt = f.debt_usd[i];
  if (debt <= 0) return;
  const Config& c = w.cfg;
  Bank& bank = w.banks[w.bank_of(i)];
  // Collateral is sold to the outside; the guarantee covers its share of the loss.
  const double recovery = std::min(debt * (1.0 - c.loss_given_default), f.capital_usd[i] * c.collateral_haircut);
  w.outside_usd -= recovery;
  bank.cash_usd += recovery;
  f.capital_usd[i] = static_cast<float>(std::max(0.0, f.capital_usd[i] - recovery));
  const double loss = debt - recovery;
  double payout = 0;
  if (f.guarantee_program[i] >= 0) {
    Program& prog = w.programs[static_cast<std::size_t>(f.guarantee_program[i])];
    payout = prog.spend(loss * f.guarantee_share[i]);
    prog.exposure_usd = std::max(0.0, prog.exposure_usd - debt * f.guarantee_share[i]);
    w.government_usd -= payout;
    bank.cash_usd += payout;
    const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
    w.counters.guarantee_payouts_usd[k] += payout;
    w.counters.fiscal_cost_usd[k] += payout;
  }
  bank.equity_usd -= loss - payout;
  bank.losses_usd += loss - payout;
  bank.loans_usd -= debt;
  w.counters.loan_defaults[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] += 1;
  f.debt_usd[i] = 0;
  f.principal_per_step[i] = 0;
  f.guarantee_share[i] = 0;
  f.guarantee_program[i] = -1;
  if (f.line_program[i] >= 0) {
    Program& lp = w.programs[static_cast<std::size_t>(f.line_program[i])];
    lp.exposure_usd = std::max(0.0, lp.exposure_usd - f.credit_line_usd[i]);
  }
  bank.line_loans_usd = std::max(0.0, bank.line_loans_usd - f.credit_line_usd[i]);
  f.credit_line_usd[i] = 0;
  f.line_program[i] = -1;
}

}  // namespace models
