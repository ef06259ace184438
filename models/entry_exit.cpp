// Phase 9: firms exit when insolvent after credit was refused, after
// persistent negative equity, or by a small exogenous hazard; their debt is
// settled as a default and their slots and park places are freed. Entrants
// arrive at the economy's entry rate, lowered by entry cost (regulation),
// with productivity drawn below incumbents and a micro-heavy size. When the
// rows of exited firms pass a sixteenth of the table, it is compacted, so
// every per-firm loop runs over about one row per active firm; survivors keep
// their order, so results do not depend on when compaction happens.
#include "models/phases.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

// Picks an index by cumulative shares (u in (0,1)).
int pick(const std::vector<double>& shares, double u) {
  double total = 0;
  for (double s : shares) total += s;
  double acc = 0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    acc += shares[k] / total;
    if (u < acc) return static_cast<int>(k);
  }
  return static_cast<int>(shares.size()) - 1;
}

// Rows of exited firms allowed before compaction, as a share 1/kCompactDivisor of all rows:
// compacting moves every column once, so it pays when done every few steps.
constexpr std::size_t kCompactDivisor = 16;

}  // namespace

void compact_firms(World& w) {
  std::vector<std::uint32_t>& new_row = w.new_row;
  const std::size_t n = w.sme.size();
  KeptRows& kept = w.kept_rows;
  w.sme.compact(new_row, kept);
  for (std::uint32_t& j : w.lead.supplier) {
    if (j != kNoFirm) j = new_row[j];
  }
  // Per-firm results of the last metrics phase, read before the next one recomputes
  // them (empty before the first metrics phase).
  for (auto* v : {&w.has_buyer, &w.lead_supplier}) {
    if (v->size() == n) keep_rows(*v, kept);
  }
}

void entry_exit(World& w, const sim::StepContext& ctx) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  const auto step = static_cast<std::uint32_t>(ctx.step);
  const std::size_t n = f.size();
  std::size_t dead = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) {
      ++dead;
      continue;
    }
    const bool exit = f.has(i, kInsolvent) || f.negative_equity_steps[i] >= c.negative_equity_steps ||
                      (w.draw_bits[i] & kDrawsExit) != 0;
    if (!exit) continue;
    // A firm that closes repays what it can from its cash; only the rest is a default.
    if (f.debt_usd[i] > 0 && f.cash_usd[i] > 0) {
      const double paid = std::min(f.debt_usd[i], f.cash_usd[i]);
      Bank& bank = w.banks[w.bank_of(i)];
      f.cash_usd[i] -= paid;
      bank.cash_usd += paid;
      bank.loans_usd -= paid;
      const double remaining = f.debt_usd[i] - paid;
      if (f.guarantee_program[i] >= 0) {
        Program& gp = w.programs[static_cast<std::size_t>(f.guarantee_program[i])];
        gp.exposure_usd = std::max(0.0, gp.exposure_usd - paid * f.guarantee_share[i]);
      }
      if (f.line_program[i] >= 0 && f.credit_line_usd[i] > 0) {
        const double part = paid * f.credit_line_usd[i] / f.debt_usd[i];
        Program& lp = w.programs[static_cast<std::size_t>(f.line_program[i])];
        lp.exposure_usd = std::max(0.0, lp.exposure_usd - part);
        f.credit_line_usd[i] = static_cast<float>(std::max(0.0, f.credit_line_usd[i] - part));
        bank.line_loans_usd = std::max(0.0, bank.line_loans_usd - part);
      }
      f.debt_usd[i] = remaining;
      if (remaining <= 0) {
        f.principal_per_step[i] = 0;
        f.guarantee_program[i] = -1;
        f.guarantee_share[i] = 0;
        f.line_program[i] = -1;
      }
    }
    default_on_debt(w, i);
    // Remaining cash goes to the owners; a negative balance is borne by unpaid creditors outside.
    w.outside_usd += f.cash_usd[i];
    f.cash_usd[i] = 0;
    if (f.park[i] >= 0) {
      --w.parks[static_cast<std::size_t>(f.park[i])].members;
      f.park[i] = -1;
    }
    f.set(i, kAlive, false);
    // Buyers keep a link to the firm until they review it or the table is compacted;
    // with no capacity it gets no orders, so production need not check that it is alive.
    f.capacity_units[i] = 0;
    ++dead;
    w.counters.exits[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] += 1;
  }
  std::vector<double> sector_shares;
  for (const auto& s : w.sect) sector_shares.push_back(s.sme_share);
  for (int e = 0; e < w.E(); ++e) {
    const Economy& ec = w.econ[static_cast<std::size_t>(e)];
    const double cost_now = ec.entry_cost_index * (1.0 - w.market.entry_cost_reduction[static_cast<std::size_t>(e)]);
    const double expected = ec.entry_rate_per_year * w.dt * ec.initial_agents *
                            std::exp(-c.entry_cost_elasticity * (cost_now - ec.entry_cost_index));
    const std::uint64_t ekey = (3ULL << 62U) | (static_cast<std::uint64_t>(e) << 40U);
    const auto count = static_cast<std::uint64_t>(std::floor(expected + w.rng.uniform(ekey, step, kDrawEntry)));
    const std::uint32_t first = f.add(count);
    for (std::uint64_t k = 0; k < count; ++k) {
      const std::uint64_t key = (1ULL << 63U) | (static_cast<std::uint64_t>(e) << 48U) |
                                (static_cast<std::uint64_t>(step) << 24U) | k;
      const sim::Uniform4 u = w.rng.uniform4(key, step, kDrawEntry);
      const int s = pick(sector_shares, u.u[0]);
      const Sector& sec = w.sect[static_cast<std::size_t>(s)];
      const int t = 1 + pick(sec.tier_firm_share, u.u[1]);
      const auto ks = static_cast<std::size_t>(w.es(e, s));
      const double mean = c.drift * (ctx.step + 1);  // the technology level, as in learning
      const auto i = static_cast<std::uint32_t>(first + k);
      init_firm(w, i, e, s, t, key, mean - c.entrant_gap, 50.0, step, kDrawEntrant);
      w.counters.entries[ks] += 1;
    }
  }
  if (dead * kCompactDivisor > f.size()) compact_firms(w);
}

}  // namespace models
