#include "models/sme_table.hpp"

#include <algorithm>

namespace models {
namespace {
// Applies f to every column, so add/reserve/bytes cannot forget one.
template <class T, class F>
void each_column(T& t, F&& f) {
  f(t.economy); f(t.sector); f(t.tier); f(t.size_class); f(t.flags); f(t.rng_key); f(t.park);
  f(t.age_steps); f(t.negative_equity_steps); f(t.employees); f(t.capital_usd); f(t.log_phi);
  f(t.quality); f(t.green); f(t.cash_usd); f(t.debt_usd); f(t.loan_rate_per_year);
  f(t.principal_per_step); f(t.guarantee_share); f(t.guarantee_program); f(t.credit_line_usd); f(t.line_program);
  f(t.capacity_units); f(t.price); f(t.local_demand_units); f(t.orders_units); f(t.output_units);
  f(t.revenue_usd); f(t.fill_ratio); f(t.costs_usd); f(t.profit_usd); f(t.pending_upgrade);
  f(t.pending_invest_usd);
}
}  // namespace

std::uint32_t SmeTable::add() { return add(1); }

std::uint32_t SmeTable::add(std::size_t count) {
  const std::size_t first = size(), n = first + count;
  each_column(*this, [n](auto& v) { v.resize(n); });
  const auto from = static_cast<std::ptrdiff_t>(first);
  std::fill(park.begin() + from, park.end(), std::int16_t{-1});
  std::fill(guarantee_program.begin() + from, guarantee_program.end(), std::int16_t{-1});
  std::fill(line_program.begin() + from, line_program.end(), std::int16_t{-1});
  std::fill(fill_ratio.begin() + from, fill_ratio.end(), 1.0F);
  supplier.resize(n * kMaxSlots, kNoFirm);
  return static_cast<std::uint32_t>(first);
}

void SmeTable::reserve(std::size_t n) {
  each_column(*this, [n](auto& v) { v.reserve(n); });
  supplier.reserve(n * kMaxSlots);
}

void SmeTable::compact(std::vector<std::uint32_t>& new_row) {
  const std::size_t n = size();
  new_row.resize(n);
  std::uint32_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) new_row[i] = alive(i) ? kept++ : kNoFirm;
  each_column(*this, [&new_row](auto& v) { keep_rows(v, new_row); });
  for (std::size_t i = 0; i < n; ++i) {
    if (new_row[i] == kNoFirm) continue;
    for (int k = 0; k < kMaxSlots; ++k) {
      const std::uint32_t j = supplier[i * kMaxSlots + k];
      supplier[static_cast<std::size_t>(new_row[i]) * kMaxSlots + k] = j == kNoFirm ? kNoFirm : new_row[j];
    }
  }
  supplier.resize(static_cast<std::size_t>(kept) * kMaxSlots);
}

std::size_t SmeTable::bytes_per_firm() const {
  std::size_t bytes = 0;
  each_column(*this, [&bytes](const auto& v) { bytes += sizeof(typename std::decay_t<decltype(v)>::value_type); });
  return bytes + kMaxSlots * sizeof(std::uint32_t);
}

}  // namespace models
