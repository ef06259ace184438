#include "models/policy.hpp"

#include <algorithm>
#include <iterator>

namespace models {

bool Target::firm(const SmeTable& t, std::size_t i) const {
  const int incl = ((t.flags[i] & kWomenLed) != 0 ? 1 : 0) + ((t.flags[i] & kYouthLed) != 0 ? 2 : 0);
  return economy(t.economy[i]) && sector(t.sector[i]) && ((sizes >> t.size_class[i]) & 1U) != 0 &&
         ((tiers >> (t.tier[i] - 1)) & 1U) != 0 && ((inclusion >> incl) & 1U) != 0;
}

void PolicyCells::resize(int economies, int sectors) {
  economies_ = economies;
  sectors_ = sectors;
  v_.assign(static_cast<std::size_t>(economies) * sectors * kSizeClasses * kMaxTiers * 4 * kChannels, {});
}

void PolicyCells::clear() {
  std::fill(v_.begin(), v_.end(), CellValue{});
  std::fill(std::begin(billed_), std::end(billed_), false);
  std::fill(std::begin(used_), std::end(used_), false);
}

void MarketPolicy::resize(int economies, int sectors) {
  const auto es = static_cast<std::size_t>(economies) * sectors;
  demand_factor.assign(es, 1.0);
  capacity_factor.assign(es, 1.0);
  green_requirement_add.assign(es, 0.0);
  local_content_min.assign(es, 0.0);
  procurement_share.assign(es, 0.0);
  procurement_program.assign(es, -1);
  carbon_price_usd_per_t.assign(economies, 0.0);
  carbon_program.assign(economies, -1);
  entry_cost_reduction.assign(economies, 0.0);
  bank_lending_factor.assign(economies, 1.0);
}

void MarketPolicy::clear() {
  const int e = static_cast<int>(carbon_price_usd_per_t.size());
  const int s = e == 0 ? 0 : static_cast<int>(demand_factor.size()) / e;
  resize(e, s);
}

}  // namespace models
