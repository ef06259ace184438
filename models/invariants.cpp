// Invariant checks, run every step unless built for benchmarks
// (SMESIM_INVARIANTS=0): money is conserved among firms, banks, government
// and the outside world; no stock is negative; entries minus exits equals
// the change in the number of active firms.
#include "models/world.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace models {

void check_invariants(const World& w, std::int64_t alive_before, double entries, double exits) {
  const double total = w.money_sum();
  // Tolerance relative to the gross size of the accounts (rounding of many additions).
  double gross = std::abs(w.government_usd) + std::abs(w.outside_usd);
  for (double c : w.sme.cash_usd) gross += std::abs(c);
  for (const auto& b : w.banks) gross += std::abs(b.cash_usd);
  if (std::abs(total - w.money_total_usd) > 1e-9 * std::max(1.0, gross)) {
    std::ostringstream os;
    os << "invariant broken at step " << w.step << ": money not conserved (sum " << total << ", expected "
       << w.money_total_usd << ")";
    throw std::logic_error(os.str());
  }
  const SmeTable& f = w.sme;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const bool bad = !(f.employees[i] >= 0) || !(f.capital_usd[i] >= 0) || !(f.debt_usd[i] >= 0) ||
                     !(f.quality[i] >= 0 && f.quality[i] <= 1) || !(f.green[i] >= 0 && f.green[i] <= 1) ||
                     !std::isfinite(f.log_phi[i]) || !std::isfinite(f.cash_usd[i]) || !(f.output_units[i] >= 0);
    if (bad) {
      std::ostringstream os;
      os << "invariant broken at step " << w.step << ": SME " << i << " has a negative or invalid stock (employees "
         << f.employees[i] << ", capital " << f.capital_usd[i] << ", debt " << f.debt_usd[i] << ", q " << f.quality[i]
         << ", g " << f.green[i] << ", output " << f.output_units[i] << ")";
      throw std::logic_error(os.str());
    }
  }
  std::int64_t alive = 0;
  for (std::size_t i = 0; i < f.size(); ++i) alive += f.alive(i) ? 1 : 0;
  if (w.step > 0 && alive - alive_before != static_cast<std::int64_t>(entries) - static_cast<std::int64_t>(exits)) {
    std::ostringstream os;
    os << "invariant broken at step " << w.step << ": active firms went from " << alive_before << " to " << alive
       << " but entries - exits = " << entries - exits;
    throw std::logic_error(os.str());
  }
  for (const auto& b : w.banks) {
    if (b.loans_usd < -1e-6 * std::max(1.0, b.equity_usd)) throw std::logic_error("invariant broken: negative bank loans");
  }
}

}  // namespace models
