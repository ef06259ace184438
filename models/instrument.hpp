#pragma once
/// @file instrument.hpp
/// @brief Instrument: base of every policy instrument and shock, and the
/// catalogue through which each registers (one line each, instruments.cpp).
///
/// An instrument acts only in phase 1 (schedule): while active it writes
/// parameters into the model's named hooks (PolicyCells, MarketPolicy,
/// TradeCosts, parks). The phases read those hooks; spending is booked on the
/// instrument's Program, which never exceeds its budget.
#include "models/world.hpp"
#include "sim/param.hpp"
#include "sim/scenario.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace models {

/// @brief Base of policy instruments and shocks.
class Instrument {
 public:
  /// @brief Reads target, timing and budget; `index` is its Program's index.
  Instrument(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int index);
  virtual ~Instrument() = default;
  Instrument(const Instrument&) = delete;
  Instrument& operator=(const Instrument&) = delete;

  /// @brief Phase 1, every step while active: write parameters into the hooks.
  virtual void apply(World& w, const sim::StepContext& ctx) = 0;
  /// @brief Phase 1, the first active step, before apply (e.g. build parks).
  virtual void start(World& /*w*/) {}

  [[nodiscard]] bool active(double years) const { return years >= start_year && years < end_year; }
  Program& program(World& w) const { return w.programs[static_cast<std::size_t>(index)]; }
  /// @brief Spends up to `usd` (model units) from the budget: government pays the outside
  /// world; booked as fiscal cost of economy e, sector s (the first targeted ones if -1).
  double spend(World& w, double usd, int e = -1, int s = -1) const;

  std::string name, type;
  Target target;
  double start_year = 0, end_year = 0;
  int index = 0;
  bool started = false;
};

/// @brief A registered instrument kind: its declaration and factory.
struct InstrumentKind {
  sim::VariantSpec spec;
  std::function<std::unique_ptr<Instrument>(const sim::ArrayItem&, const sim::Scenario&,
                                            const World&, int)>
      make;
};

/// @brief Registers instrument T (which has `static sim::VariantSpec spec()`).
template <class T>
InstrumentKind kind() {
  return {T::spec(), [](const sim::ArrayItem& item, const sim::Scenario& sc, const World& w,
                        int index) { return std::make_unique<T>(item, sc, w, index); }};
}

/// @brief Every policy instrument, in catalogue order (DESIGN.md section 5).
const std::vector<InstrumentKind>& policy_kinds();
/// @brief Every shock kind.
const std::vector<InstrumentKind>& shock_kinds();

/// @brief Bit mask of economies named by ids (economy codes or group names); 0 bits for
/// economies not simulated. An empty list means every economy.
std::uint64_t economy_mask(const std::vector<std::string>& ids, const sim::Scenario& sc,
                           const World& w);
/// @brief Bit mask of sectors named; empty = all.
std::uint64_t sector_mask(const std::vector<std::string>& ids, const World& w);

}  // namespace models
