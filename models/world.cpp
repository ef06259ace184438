#include "models/world.hpp"


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

void World::reserve_scratch() {
  // As many rows as the table has room for: growing one of these mid-run would copy it and
  // fault in fresh pages, with both copies resident at once.
  const std::size_t n = sme.economy.capacity();
  const std::size_t vertices = 1 + lead.size() + n;
  draw_bits.reserve(n);
  learning_shock.reserve(n);
  work_share.reserve(n);
  new_row.reserve(n);
  has_buyer.reserve(n);
  lead_supplier.reserve(n);
  groups.ids.reserve(n);
  groups.offer.reserve(n);
  groups.alias_weight.reserve(n);
  metrics_vertex.reserve(vertices);
  metrics_dist.reserve(vertices);
  metrics_queue.reserve(vertices);
  metrics_log_phi.reserve(n);
}

double World::money_sum() const {
  double total = government_usd + outside_usd;
  for (double c : sme.cash_usd) total += c;
  for (double c : lead.cash_usd) total += c;
  for (const auto& b : banks) total += b.cash_usd;
  return total;
}

}  // namespace models
