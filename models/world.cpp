#include "models/world.hpp"

#include "models/phases.hpp"

#include <cmath>

namespace models {

void Counters::resize(int economies, int sectors) {
  const auto es = static_cast<std::size_t>(economies) * sectors;
  for (auto* v : {&entries, &exits, &credit_applications, &credit_approvals, &new_loans_usd, &loan_defaults,
                  &guarantee_payouts_usd, &fiscal_cost_usd, &exports_usd, &value_added_usd, &emissions_t}) {
    v->assign(es, 0.0);
  }
  applications_by_size.assign(static_cast<std::size_t>(economies) * 3, 0.0);
  approvals_by_size.assign(static_cast<std::size_t>(economies) * 3, 0.0);
}

void Counters::clear() {
  for (auto* v : {&entries, &exits, &credit_applications, &credit_approvals, &new_loans_usd, &loan_defaults,
                  &guarantee_payouts_usd, &fiscal_cost_usd, &exports_usd, &value_added_usd, &emissions_t,
                  &applications_by_size, &approvals_by_size}) {
    std::fill(v->begin(), v->end(), 0.0);
  }
}

double World::money_sum() const {
  double total = government_usd + outside_usd;
  for (double c : sme.cash_usd) total += c;
  for (double c : lead.cash_usd) total += c;
  for (const auto& b : banks) total += b.cash_usd;
  return total;
}

double World::reference_capital(std::size_t i) const {
  return cfg.capital_output_ratio * econ[sme.economy[i]].output_per_worker_usd_per_year * sme.employees[i];
}

double World::capacity(std::size_t i) const {
  const double z = econ[sme.economy[i]].output_per_worker_usd_per_year;
  const double kref = reference_capital(i);
  const double kfactor = kref > 0 ? std::pow(sme.capital_usd[i] / kref, 1.0 - cfg.labour_elasticity) : 1.0;
  return z * std::exp(static_cast<double>(sme.log_phi[i])) * sme.employees[i] * kfactor * dt;
}

double World::price(std::size_t i) const {
  const Economy& e = econ[sme.economy[i]];
  double ulc = e.wage_usd_per_year / (e.output_per_worker_usd_per_year * std::exp(static_cast<double>(sme.log_phi[i])));
  if (sme.park[i] >= 0) ulc *= 1.0 - parks[static_cast<std::size_t>(sme.park[i])].cost_reduction;
  if (sme.has(i, kDigital)) ulc *= 1.0 - cfg.digital_cost_saving;
  // Cost plus markup, with labour cost at the target utilisation and inputs
  // valued at the spot price, so a firm at the usual utilisation that buys on
  // the spot market breaks even before the markup; chain inputs cost less.
  return (1.0 + cfg.markup) * (ulc / cfg.initial_utilisation + input_share(*this, i) * (1.0 + cfg.spot_premium));
}

double input_share(const World& w, std::size_t i) {
  const Sector& s = w.sect[w.sme.sector[i]];
  const int t = w.sme.tier[i];
  return t < s.tiers ? s.input_share[static_cast<std::size_t>(t)] : w.cfg.raw_input_share;
}

double visibility(const World& w, std::size_t i) {
  double v = 1.0;
  if (w.sme.has(i, kDigital)) v += w.cfg.visibility_digital;
  if (w.sme.park[i] >= 0) v += w.cfg.visibility_park * w.parks[static_cast<std::size_t>(w.sme.park[i])].service_level;
  const int c = w.cells.cell_of(w.sme, i);
  v += w.cells.get(c, Channel::Matchmaking).value;
  if (w.sme.has(i, kEcommerce)) v += w.cells.get(c, Channel::Ecommerce).aux;
  return v;
}

double laplace(double u) {
  // Inverse CDF of a Laplace with scale 1/sqrt(2), i.e. standard deviation 1.
  const double b = 0.7071067811865476;
  return u < 0.5 ? b * std::log(2.0 * u) : -b * std::log(2.0 * (1.0 - u));
}

}  // namespace models
