#pragma once
/// @file world.hpp
/// @brief World: the whole state of one ensemble task (economies, sectors,
/// trade costs, SMEs, lead firms, banks, parks, policies, money accounts).
#include "models/bank.hpp"
#include "models/economy.hpp"
#include "models/lead_firm.hpp"
#include "models/park.hpp"
#include "models/policy.hpp"
#include "models/sector.hpp"
#include "models/select.hpp"
#include "models/sme_table.hpp"
#include "models/trade_costs.hpp"
#include "sim/model.hpp"
#include "sim/random.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace models {

class Instrument;

/// @brief Purposes of random draws (one stream per decision kind).
enum Purpose : sim::Purpose {
  kDrawInit = 1, kDrawInitSize, kDrawInitFlags, kDrawReview, kDrawSearch, kDrawOrigin,
  kDrawBank, kDrawFirmStep, kDrawUpgradeSuccess, kDrawEntry,
  kDrawEntrant, kDrawPark, kDrawLeadInit, kDrawWarmup,
};

/// @brief Bits of World::draw_bits: what an SME's draws for the step decided.
enum FirmDraw : std::uint8_t {
  kDrawsReview = 1U << 0U,    ///< reviews its suppliers (sourcing, probability review_probability)
  kDrawsUpgrade = 1U << 1U,   ///< weighs an upgrade (upgrading, upgrade_probability)
  kDrawsParkTurn = 1U << 2U,  ///< weighs joining a park (accounts, park_join_probability)
  kDrawsExit = 1U << 3U,      ///< exits by the exogenous hazard (entry_exit, exit_probability)
};

/// @brief Words of an SME's step blocks, Streams::block32(rng_key, step, kDrawFirmStep,
/// word / 4)[word % 4]: one uniform per decision, computed for all firms as a SIMD
/// loop at the start of the step (prepare_firms).
enum StepWord : std::uint32_t {
  kWordLearning = 0,  ///< the learning shock (Laplace, by inversion)
  kWordExit,          ///< the exogenous exit hazard
  kWordReview,        ///< whether the firm reviews its suppliers
  kWordUpgrade,       ///< whether it weighs an upgrade
  kWordParkTurn,      ///< whether it weighs joining a park
  kWordAdmission,     ///< whether an oversubscribed park admits it
  kStepWords = 8,     ///< two blocks (the last two words unused)
};

/// @brief Model parameters read once from the scenario (plain values, per-step units where noted).
struct Config {
  // demand
  double initial_utilisation, ces_elasticity, spot_premium, markup, raw_input_share;
  // sourcing
  double review_probability;  ///< per step
  int candidates, lead_candidates, sme_slots, lead_slots;
  double distance_elasticity, domestic_distance_km, border_effect, freight_per_1000km,
      freight_lpi_elasticity, switching_threshold, delivery_tolerance, visibility_digital,
      visibility_park, lead_quality_requirement, max_order_share;
  // production
  double labour_elasticity, capital_output_ratio;
  double working_capital_share;  ///< share of a step's costs paid before its revenue
  double hiring_capital_share;   ///< least capital per worker, relative to the reference, to hire
  // finance
  double score_intercept, score_leverage, score_margin, score_size, score_age, opacity_noise,
      risk_appetite, collateral_ratio, collateral_haircut, loss_given_default, capital_ratio,
      loan_term_steps, working_capital_buffer, pd_spread;
  // accounts
  double employment_adjustment, payout_share, target_cash_steps, emissions_scale;
  // upgrading
  double upgrade_probability;  ///< per step
  double certification_cost, digital_cost, green_cost, cost_per_employee, capacity_step,
      quality_gain, green_gain, success_probability, payback_steps, digital_cost_saving;
  // learning (per step)
  double drift, shock_sd, learning_by_supplying, park_catchup, mean_reversion, initial_sd;
  // entry and exit
  double exit_probability;  ///< per step
  int negative_equity_steps;
  double entrant_gap, entry_cost_elasticity, size_alpha;
  // parks
  double park_cost_reduction, park_rent_usd_per_year, park_join_probability, park_service_value;
};

/// @brief Flows counted during a step, by economy and sector unless noted.
struct Counters {
  std::vector<double> entries, exits, credit_applications, credit_approvals, new_loans_usd,
      loan_defaults, guarantee_payouts_usd, fiscal_cost_usd, exports_usd, value_added_usd,
      emissions_t;
  std::vector<double> applications_by_size, approvals_by_size;  ///< [e*3+size]
  /// [e*4+inclusion group (women-led + 2 x youth-led)]; sized and reset by the finance phase
  std::vector<double> applications_by_inclusion, approvals_by_inclusion;
  void resize(int economies, int sectors);
  void clear();
};

/// @brief A group member as a searching buyer sees it (sourcing, phase 3):
/// everything a candidate check reads, in one 24-byte record per position, so
/// that a draw costs one cache line instead of a read from ten columns of a
/// random row. Built with the groups in demand (phase 2).
struct Offer {
  static constexpr std::uint32_t kAliasMask = 0x3FFFFFFFU;  ///< alias positions are 30 bits
  static constexpr std::uint32_t kCertifiedBit = 1U << 30U, kSpareBit = 1U << 31U;
  std::uint32_t id;  ///< the firm
  /// Alias position (bits 0-29), certified (bit 30), spare (bit 31): plain bits rather than
  /// bit-fields, so that the record is written with whole-word stores.
  std::uint32_t bits;
  float alias_prob;
  float price;  ///< unit price this step
  float quality, green;
  /// @brief Vose alias: position within the group taken when u >= alias_prob.
  [[nodiscard]] std::uint32_t alias() const { return bits & kAliasMask; }
  [[nodiscard]] bool certified() const { return (bits & kCertifiedBit) != 0; }
  /// @brief Chain orders below max_order_share of capacity.
  [[nodiscard]] bool spare() const { return (bits & kSpareBit) != 0; }
};
static_assert(sizeof(Offer) == 24);

/// @brief Scratch rebuilt each step: active SMEs grouped by (economy, sector, tier)
/// with alias tables over their visibility, for O(1) candidate draws.
struct Groups {
  std::vector<std::uint32_t> start;  ///< [g..g+1) into ids; g = (e*S+s)*kMaxTiers + t-1
  std::vector<std::uint32_t> ids;    ///< [position] firm id, ascending within a group
  std::vector<Offer> offer;          ///< [position]
  std::vector<double> visibility_total;    ///< [g]
  std::vector<double> weight_total;        ///< [g] CES weight sum (local market)
  std::vector<double> alias_weight;  ///< [position] visibility, scratch of the alias-table build
  std::vector<std::uint32_t> fill;   ///< [g] scratch: next free position while grouping
  std::vector<std::uint32_t> alias_small, alias_large;  ///< scratch of the alias-table build
};

/// @brief The state of one ensemble task. Built by build_world(); owned by the engine.
class World : public sim::World {
 public:
  Config cfg;
  sim::Streams rng{0, 0};
  int steps_per_year = 4;
  double dt = 0.25;
  int step = 0;
  double scale = 1;

  std::vector<Economy> econ;
  std::vector<Sector> sect;
  TradeCosts trade;
  SmeTable sme;
  LeadFirms lead;
  std::vector<Bank> banks;
  std::vector<Park> parks;

  std::vector<std::unique_ptr<Instrument>> instruments;
  std::vector<Program> programs;  ///< one per instrument, same index
  PolicyCells cells;
  MarketPolicy market;

  // Money outside the firms and banks (double entry: every transfer has two sides).
  double government_usd = 0;
  double outside_usd = 0;   ///< households, workers, foreign buyers, spot markets
  double money_total_usd = 0;  ///< invariant: sum of all accounts

  // Demand at the start, per year, grown each step by the trend.
  std::vector<double> lead_demand_units_per_year;  ///< [e*S+s]
  std::vector<double> local_demand_usd_per_year;   ///< [(e*S+s)*kMaxTiers + t-1]

  Counters counters;
  Groups groups;
  // An SME's draws for a step, made once at the start of demand (phase 2) from
  // two Philox4x32 blocks keyed (firm, step), kStepWords: one 32-bit word per
  // decision (the park admission word is recomputed when needed).
  std::vector<std::uint8_t> draw_bits;  ///< [i] FirmDraw bits
  std::vector<float> learning_shock;    ///< [i] Laplace shock with sd 1 (learning, phase 8)
  /// [i] scratch: the capital factor of capacity in demand's firm pass; in production, the
  /// share of the step's hours the firm could finance
  std::vector<float> work_share;
  std::vector<std::uint32_t> new_row;   ///< [old row] compaction scratch: the row after compact_firms()
  KeptRows kept_rows;                   ///< compaction scratch: which rows compact_firms() kept
  std::int64_t alive_count = 0;

  // Last year's evidence for upgrading: share of firms holding a buyer link,
  // with and without each capability, by (economy, sector, tier).
  std::vector<float> link_rate_with, link_rate_without;  ///< [(g*kUpgradeKinds)+kind]
  std::vector<std::uint8_t> has_buyer;                   ///< [i] 1 if some buyer holds i (this step)
  std::vector<std::uint8_t> lead_supplier;               ///< [i] 1 if a lead firm buys from i
  std::vector<std::vector<double>> metric_values;        ///< [metric][label], filled by phase 10
  std::vector<double> value_added_history;  ///< [step*E+e] SME value added, for the resilience metrics

  [[nodiscard]] int E() const { return static_cast<int>(econ.size()); }
  [[nodiscard]] int S() const { return static_cast<int>(sect.size()); }
  [[nodiscard]] int es(int e, int s) const { return e * S() + s; }
  [[nodiscard]] int group(int e, int s, int t) const { return (e * S() + s) * kMaxTiers + (t - 1); }
  [[nodiscard]] double years() const { return step * dt; }

  /// @brief Reserves the per-firm scratch arrays for as many rows as the SME table
  /// has room for, so that none of them is reallocated during the run.
  void reserve_scratch();
  /// @brief Sum of every money account.
  [[nodiscard]] double money_sum() const;
  /// @brief Unit price of SME i at productivity phi (cost plus markup), reference unit price about 1.
  [[nodiscard]] double price_at(std::size_t i, double phi) const;
  /// @brief Capacity of SME i at productivity phi, in units per step before shocks:
  /// z phi L (K/Kref)^(1-alpha) dt.
  [[nodiscard]] double capacity_at(std::size_t i, double phi) const;
  /// @brief K/Kref of SME i (1 when Kref is 0), whose power 1-alpha scales capacity.
  [[nodiscard]] float capital_ratio(std::size_t i) const;
  /// @brief capacity_at() given the capital factor (K/Kref)^(1-alpha).
  [[nodiscard]] double capacity_with(std::size_t i, double phi, double capital_factor) const;
  /// @brief Unit price of SME i computed from its current state. Phases read
  /// sme.price, the price demand (phase 2) set for the step.
  [[nodiscard]] double price(std::size_t i) const { return price_at(i, std::exp(sme.log_phi[i])); }
  /// @brief Capacity of SME i computed from its current state, in units per step before shocks.
  [[nodiscard]] double capacity(std::size_t i) const { return capacity_at(i, std::exp(sme.log_phi[i])); }
  /// @brief Units a buyer needing `units` orders from supplier j, given the capacity of its live
  /// suppliers `cap_total`: in proportion to capacity, at most max_order_share of j's capacity.
  [[nodiscard]] double order_to(std::size_t j, double units, double cap_total) const {
    const double c = sme.capacity_units[j];
    const double share = units * c / cap_total;
    const double most = cfg.max_order_share * c;
    return share < most ? share : most;
  }
  /// @brief Capital at which SME i's capacity per worker is z*phi.
  [[nodiscard]] double reference_capital(std::size_t i) const;
  /// @brief Index in `banks` of SME i's bank, fixed for life: its economy's bank rng_key mod banks.
  [[nodiscard]] std::size_t bank_of(std::size_t i) const {
    const Economy& e = econ[sme.economy[i]];
    return static_cast<std::size_t>(e.bank_offset) +
           sme.rng_key[i] % static_cast<std::uint64_t>(e.banks);
  }

  // Metrics scratch (phase 10), reused across steps
  /// @brief What the search over the supplier network reads and writes per link, in 4 bytes so
  /// that following a link touches one cache line and the records stay compact.
  struct MetricsVertex {
    std::uint16_t label;  ///< economy*S + sector
    std::uint8_t color;   ///< boost::default_color_type of the search
    std::uint8_t flags;   ///< active, has a buyer, has a lead buyer, cross-border chain
  };
  std::vector<MetricsVertex> metrics_vertex;  ///< [v]: 0 source, 1..NL leads, 1+NL+i SME i
  std::vector<std::uint8_t> metrics_dist;     ///< [v] BFS distance (0xFF: unreached)
  std::vector<std::uint32_t> metrics_queue;   ///< BFS queue (each vertex enters once)
  std::vector<float> metrics_log_phi;         ///< log phi of active SMEs grouped by label
};

/// @brief Input share of an SME of sector s at tier t (chain inputs, or raw materials at the last
/// tier).
inline double input_share(const World& w, int s, int t) {
  const Sector& sec = w.sect[static_cast<std::size_t>(s)];
  return t < sec.tiers ? sec.input_share[static_cast<std::size_t>(t)] : w.cfg.raw_input_share;
}

/// @brief Input share of SME i.
inline double input_share(const World& w, std::size_t i) {
  return input_share(w, w.sme.sector[i], w.sme.tier[i]);
}

inline double World::price_at(std::size_t i, double phi) const {
  const Economy& e = econ[sme.economy[i]];
  double ulc = e.wage_usd_per_year / (e.output_per_worker_usd_per_year * phi);
  if (sme.park[i] >= 0) ulc *= 1.0 - parks[static_cast<std::size_t>(sme.park[i])].cost_reduction;
  // Whether a firm is digital is a coin toss to the branch predictor (x * 1.0 is x exactly).
  ulc *= select(sme.has(i, kDigital), 1.0 - cfg.digital_cost_saving, 1.0);
  // Cost plus markup, with labour cost at the target utilisation and inputs
  // valued at the spot price, so a firm at the usual utilisation that buys on
  // the spot market breaks even before the markup; chain inputs cost less.
  return (1.0 + cfg.markup) * (ulc / cfg.initial_utilisation + input_share(*this, i) * (1.0 + cfg.spot_premium));
}

inline double World::reference_capital(std::size_t i) const {
  return cfg.capital_output_ratio * econ[sme.economy[i]].output_per_worker_usd_per_year * sme.employees[i];
}

inline float World::capital_ratio(std::size_t i) const {
  const double kref = reference_capital(i);
  return kref > 0 ? static_cast<float>(sme.capital_usd[i] / kref) : 1.0F;
}

inline double World::capacity_with(std::size_t i, double phi, double capital_factor) const {
  return econ[sme.economy[i]].output_per_worker_usd_per_year * phi * sme.employees[i] * capital_factor * dt;
}

inline double World::capacity_at(std::size_t i, double phi) const {
  // Float pow: about four times faster than double, and capacity is stored as float.
  return capacity_with(i, phi, std::pow(capital_ratio(i), static_cast<float>(1.0 - cfg.labour_elasticity)));
}

/// @brief Visibility of SME i to searching buyers.
inline double visibility(const World& w, std::size_t i) {
  double v = 1.0;
  v += select(w.sme.has(i, kDigital), w.cfg.visibility_digital, 0.0);  // 1 + 0 is 1 exactly
  if (w.sme.park[i] >= 0) v += w.cfg.visibility_park * w.parks[static_cast<std::size_t>(w.sme.park[i])].service_level;
  if (w.cells.used(Channel::Matchmaking) || w.cells.used(Channel::Ecommerce)) {
    const int c = w.cells.cell_of(w.sme, i);
    v += w.cells.get(c, Channel::Matchmaking).value;
    if (w.sme.has(i, kEcommerce)) v += w.cells.get(c, Channel::Ecommerce).aux;
  }
  return v;
}

/// @brief Builds a world for one task.
std::unique_ptr<World> build_world(const sim::Scenario& scenario, const sim::TaskKey& key);

/// @brief Drops the rows of exited SMEs (SmeTable::compact) and renumbers every
/// link and per-firm array that names SMEs by row: lead firms' supplier slots,
/// has_buyer and lead_supplier. Survivors keep their order.
void compact_firms(World& w);

/// @brief Checks invariants (money conservation, no negative stocks, firm
/// count bookkeeping); throws std::logic_error naming the broken one.
void check_invariants(const World& w, std::int64_t alive_before, double entries, double exits);

}  // namespace models
