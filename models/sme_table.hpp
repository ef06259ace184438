#pragma once
/// @file sme_table.hpp
/// @brief SmeTable: every SME's state as a structure of arrays.
///
/// An SME's row index is its id within a step. Exited firms stay as rows with
/// the alive flag cleared until the table is compacted (compact(), at the end
/// of entry and exit when they pass a sixteenth of the rows), which keeps the
/// survivors in order and renumbers them; rng_key is the identity that never
/// changes (random streams and the pairing of worlds use it). Supplier links
/// are a fixed-width flat array (kMaxSlots per firm). About 131 bytes per SME (bytes_per_firm()): see docs/performance.md.
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace models {

inline constexpr std::uint32_t kNoFirm = std::numeric_limits<std::uint32_t>::max();
inline constexpr int kMaxSlots = 4;  ///< supplier slots per SME buyer (fixed width)
inline constexpr int kMaxTiers = 6;
inline constexpr int kSizeClasses = 3;

/// @brief Flag bits of SmeTable::flags.
enum SmeFlag : std::uint8_t {
  kAlive = 1U << 0U,
  kCertified = 1U << 1U,
  kDigital = 1U << 2U,
  kWomenLed = 1U << 3U,
  kYouthLed = 1U << 4U,
  kEcommerce = 1U << 5U,
  kInsolvent = 1U << 6U,  ///< cash below zero after accounts this step
  kTrained = 1U << 7U,    ///< received training (raises upgrade success, learning)
};

/// @brief Upgrade kinds (SmeTable::pending_upgrade, grants).
enum class Upgrade : std::uint8_t { None = 0, Certification = 1, Digital = 2, Green = 3, Capacity = 4 };
inline constexpr int kUpgradeKinds = 5;

/// @brief Size class from employment: micro 1-9, small 10-49, medium 50+.
inline std::uint8_t size_class_of(float employees) {
  // A sum of tests rather than nested selects, which GCC 12 compiles into branches.
  return static_cast<std::uint8_t>(static_cast<int>(employees >= 10.0F) +
                                   static_cast<int>(employees >= 50.0F));
}

/// @brief The rows a compaction keeps: bit i % 64 of word i / 64 is set when row i is kept.
struct KeptRows {
  std::vector<std::uint64_t> bits;
  std::size_t rows = 0;
  [[nodiscard]] bool kept(std::size_t i) const { return ((bits[i / 64] >> (i % 64)) & 1U) != 0; }
};

namespace detail {
/// @brief Moves the kept elements of data[0, kept.rows), elements of `size` bytes (1, 2, 4 or 8),
/// to its front in order and returns how many there are. Uses AVX-512 compress (64 bytes at a
/// time) where the CPU has it, keep_elements_scalar otherwise; both give the same bytes.
std::size_t keep_elements(void* data, std::size_t size, const KeptRows& kept);
/// @brief keep_elements one element at a time (no branch per row).
std::size_t keep_elements_scalar(void* data, std::size_t size, const KeptRows& kept);
}  // namespace detail

/// @brief Keeps the kept rows of a per-firm array, in order. A kept row's new
/// position is never after its old one, so moving forward in place never
/// overwrites an entry still to be read.
template <class T>
void keep_rows(std::vector<T>& v, const KeptRows& kept) {
  static_assert(std::is_trivially_copyable_v<T> &&
                (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));
  if (v.size() != kept.rows) throw std::logic_error("keep_rows: array and mask differ in rows");
  v.resize(detail::keep_elements(v.data(), sizeof(T), kept));
}

/// @brief All SMEs, one array per attribute.
struct SmeTable {
  // Identity and structure.
  std::vector<std::uint8_t> economy, sector, tier, size_class, flags;
  std::vector<std::uint64_t> rng_key;  ///< key of the firm's random stream (stable across scenarios)
  std::vector<std::int16_t> park;      ///< park index, -1 when none
  std::vector<std::uint16_t> age_steps;
  std::vector<std::uint8_t> negative_equity_steps;
  // Stocks.
  std::vector<float> employees, capital_usd, log_phi, quality, green;
  std::vector<double> cash_usd, debt_usd;
  std::vector<float> loan_rate_per_year, principal_per_step, guarantee_share;
  std::vector<std::int16_t> guarantee_program;  ///< instrument index covering the debt, -1 none
  std::vector<float> credit_line_usd;            ///< part of the debt funded by a development credit line
  std::vector<std::int16_t> line_program;        ///< instrument funding credit_line_usd, -1 none
  // Flows of the current step (units: USD at reference prices = "units").
  std::vector<float> capacity_units, local_demand_units, orders_units, output_units;  ///< capacity 0 once exited
  std::vector<float> price;  ///< unit price this step (USD per unit, reference about 1), set in demand (phase 2)
  std::vector<float> revenue_usd, costs_usd, profit_usd;
  std::vector<float> fill_ratio;  ///< output / (local demand + orders), last production
  // Supplier slots: supplier[i * kMaxSlots + k], kNoFirm when free.
  std::vector<std::uint32_t> supplier;
  // Upgrade waiting for an investment loan.
  std::vector<std::uint8_t> pending_upgrade;
  std::vector<float> pending_invest_usd;

  [[nodiscard]] std::size_t size() const { return economy.size(); }
  [[nodiscard]] bool alive(std::size_t i) const { return (flags[i] & kAlive) != 0; }
  [[nodiscard]] bool has(std::size_t i, SmeFlag f) const { return (flags[i] & f) != 0; }
  void set(std::size_t i, SmeFlag f, bool on) {
    flags[i] = static_cast<std::uint8_t>(on ? (flags[i] | f) : (flags[i] & ~f));
  }

  /// @brief Appends a firm with zeroed state; returns its id.
  std::uint32_t add();
  /// @brief Appends `count` firms with zeroed state (one resize per column); returns the id of the
  /// first.
  std::uint32_t add(std::size_t count);
  /// @brief Reserves room for n firms (entrants come later).
  void reserve(std::size_t n);
  /// @brief Drops the rows of exited firms, keeping the others in order, and
  /// renumbers the supplier slots (links to exited firms become free). Sets
  /// new_row[old row] to the new row, kNoFirm for a dropped one, and `kept` to the kept rows
  /// (for keep_rows on per-firm arrays outside the table).
  void compact(std::vector<std::uint32_t>& new_row, KeptRows& kept);
  /// @brief Bytes held per SME by the arrays (capacity, not size).
  [[nodiscard]] std::size_t bytes_per_firm() const;
};

}  // namespace models
