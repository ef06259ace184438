#pragma once
/// @file policy.hpp
/// @brief The model's named policy hooks: targets, programs (budget and
/// fiscal cost), and the per-step parameter cells that instruments write in
/// phase 1 and the other phases read. Instruments never touch agents.
#include "models/sme_table.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace models {

/// @brief Who a policy reaches: bit masks over economies, sectors, size
/// classes, tiers and inclusion groups (women-led x youth-led).
struct Target {
  std::uint64_t economies = ~0ULL;
  std::uint64_t partners = ~0ULL;  ///< trade instruments: the exporter side
  std::uint64_t sectors = ~0ULL;
  std::uint8_t sizes = 0x7;
  std::uint8_t tiers = 0x3F;      ///< bit t-1 for tier t
  std::uint8_t inclusion = 0xF;   ///< bit (women + 2*youth)

  [[nodiscard]] bool economy(int e) const { return ((economies >> e) & 1ULL) != 0; }
  [[nodiscard]] bool partner(int e) const { return ((partners >> e) & 1ULL) != 0; }
  [[nodiscard]] bool sector(int s) const { return ((sectors >> s) & 1ULL) != 0; }
  /// @brief Whether SME i is targeted.
  [[nodiscard]] bool firm(const SmeTable& t, std::size_t i) const;
};

/// @brief Spending account of one policy: budget, spending, fees, fiscal cost.
/// Money is in model units (real USD / scale).
struct Program {
  std::string name, type;
  double budget_usd = 0;
  double spent_usd = 0;       ///< gross spending so far; never exceeds budget
  double fees_usd = 0;        ///< fees received (guarantee fees)
  double exposure_usd = 0;    ///< guarantees: amount currently covered
  double exposure_limit_usd = 0;
  double fee_rate_per_year = 0;  ///< guarantees: fee on the covered amount

  [[nodiscard]] double remaining() const { return budget_usd - spent_usd; }
  /// @brief Spends up to `want`, never beyond the budget; returns what was spent.
  double spend(double want) {
    const double granted = want < remaining() ? want : (remaining() > 0 ? remaining() : 0.0);
    spent_usd += granted;
    return granted;
  }
};

/// @brief Channels through which firm-level policies act (one value, aux and program per cell).
enum class Channel : int {
  Guarantee = 0,    ///< value: coverage, aux: fee per year
  InterestSubsidy,  ///< value: rate reduction per year
  CreditLine,       ///< value: on-lending rate per year
  Microfinance,     ///< value: loan cap USD, aux: rate per year
  Grant,            ///< value: cost share, aux: bit mask of Upgrade kinds
  Matchmaking,      ///< value: visibility bonus
  Training,         ///< value: upgrade success bonus, aux: learning per year
  SupplierLearning, ///< value: multiplier on learning by supplying (tech transfer, supplier development)
  Innovation,       ///< value: productivity drift per year, aux: grant USD per firm-year
  GreenFinance,     ///< value: rate reduction for green investment
  Compliance,       ///< value: share of compliance cost removed
  Ecommerce,        ///< value: local market demand bonus share, aux: visibility bonus
  DigitalAdoption,  ///< value: cost share of digital adoption, aux: training-like success bonus
  Procurement,      ///< value: 1 when the firm may bid for the public procurement set-aside
  Count
};
inline constexpr int kChannels = static_cast<int>(Channel::Count);

/// @brief What a cell holds for one channel.
struct CellValue {
  float value = 0, aux = 0;
  float cost_usd_per_year = 0;  ///< participation cost per firm, billed to `program` in phase 2
  std::int16_t program = -1;
};

/// @brief Per-step policy parameters by (economy, sector, size, tier, inclusion).
class PolicyCells {
 public:
  void resize(int economies, int sectors);
  void clear();
  [[nodiscard]] int cell(int e, int s, int size, int tier, int incl) const {
    return ((((e * sectors_ + s) * kSizeClasses + size) * kMaxTiers + (tier - 1)) * 4) + incl;
  }
  /// @brief The cell of SME i.
  [[nodiscard]] int cell_of(const SmeTable& t, std::size_t i) const {
    const int incl = ((t.flags[i] & kWomenLed) != 0 ? 1 : 0) + ((t.flags[i] & kYouthLed) != 0 ? 2 : 0);
    return cell(t.economy[i], t.sector[i], t.size_class[i], t.tier[i], incl);
  }
  [[nodiscard]] const CellValue& get(int cell, Channel ch) const {
    return v_[static_cast<std::size_t>(cell) * kChannels + static_cast<int>(ch)];
  }
  /// @brief The value of SME i's cell for a channel; when no instrument wrote the
  /// channel this step, the value of a cell no instrument reaches, without computing the cell.
  [[nodiscard]] const CellValue& get_for(const SmeTable& t, std::size_t i, Channel ch) const {
    return used(ch) ? get(cell_of(t, i), ch) : kUnset;
  }
  /// @brief Writable cell value; marks the channel as used this step.
  CellValue& at(int cell, Channel ch) {
    used_[static_cast<int>(ch)] = true;
    return v_[static_cast<std::size_t>(cell) * kChannels + static_cast<int>(ch)];
  }
  /// @brief Whether any instrument wrote a cell of the channel this step: the
  /// phases skip the per-firm lookups of channels nobody uses.
  [[nodiscard]] bool used(Channel ch) const { return used_[static_cast<int>(ch)]; }
  /// @brief Whether any cell of a channel carries a participation cost this step.
  [[nodiscard]] bool billed(Channel ch) const { return billed_[static_cast<int>(ch)]; }
  void set_billed(Channel ch) { billed_[static_cast<int>(ch)] = true; }
  /// @brief Calls f(cell) for every cell the target covers.
  template <class F>
  void for_each(const Target& tg, F&& f) const {
    for (int e = 0; e < economies_; ++e) {
      if (!tg.economy(e)) continue;
      for (int s = 0; s < sectors_; ++s) {
        if (!tg.sector(s)) continue;
        for (int z = 0; z < kSizeClasses; ++z) {
          if (((tg.sizes >> z) & 1U) == 0) continue;
          for (int t = 1; t <= kMaxTiers; ++t) {
            if (((tg.tiers >> (t - 1)) & 1U) == 0) continue;
            for (int in = 0; in < 4; ++in) {
              if (((tg.inclusion >> in) & 1U) != 0) f(cell(e, s, z, t, in));
            }
          }
        }
      }
    }
  }

 private:
  int economies_ = 0, sectors_ = 0;
  std::vector<CellValue> v_;
  bool billed_[kChannels] = {};
  bool used_[kChannels] = {};
  static constexpr CellValue kUnset{};
};

/// @brief Per-step policy parameters by economy and sector (and economy alone).
struct MarketPolicy {
  std::vector<double> demand_factor;       ///< [e*S+s] demand shock multiplier
  std::vector<double> capacity_factor;     ///< [e*S+s] supply disruption multiplier
  std::vector<double> green_requirement_add;  ///< [e*S+s] added green requirement of buyers in e
  std::vector<double> local_content_min;   ///< [e*S+s] share of lead sourcing that must be domestic
  std::vector<double> procurement_share;   ///< [e*S+s] share of local demand reserved for targeted SMEs (B2G)
  std::vector<std::int16_t> procurement_program;  ///< [e*S+s]
  std::vector<double> carbon_price_usd_per_t;  ///< [e]
  std::vector<std::int16_t> carbon_program;    ///< [e] program that books carbon revenue
  std::vector<double> entry_cost_reduction;    ///< [e] share of the entry cost index removed
  std::vector<double> bank_lending_factor;     ///< [e] credit crunch: multiplier on lending capacity

  void resize(int economies, int sectors);
  void clear();
};

}  // namespace models
