#pragma once
/// @file model_fixture.hpp
/// @brief Small worlds for model tests: a scenario text over the real data
/// files, built into a World and stepped phase by phase.
#include "models/model.hpp"
#include "models/phases.hpp"
#include "models/world.hpp"
#include "sim/scenario.hpp"
#include "tests/test_support.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace model_test {

/// @brief Scenario text: BRA and IND (or `economies`), `sectors`, at `scale`, plus `extra` TOML.
std::string scenario_text(const std::string& extra = "", double scale = 50000,
                          const std::string& economies = "\"BRA\", \"IND\"",
                          const std::string& sectors = "\"electronics\", \"agrifood\"");

/// @brief Loads and validates a scenario text (throws sim::InputError on bad input).
sim::Scenario load(const std::string& text);

/// @brief A world and the context to step it.
struct Run {
  sim::Scenario scenario;
  std::unique_ptr<sim::World> owner;
  models::World* w = nullptr;
  sim::StepContext ctx;
  int next_step = 0;

  /// @brief Runs whole steps (all ten phases).
  void steps(int n);
  /// @brief Runs one whole step.
  void step() { steps(1); }
  /// @brief Runs one whole step, calling after(phase name) after each phase.
  template <class After>
  void step_observed(After&& after) {
    ctx.step = next_step;
    for (const auto& p : models::definition().phases) {
      p.fn(*w, ctx);
      after(p.name);
    }
    ++next_step;
  }
  /// @brief Fails the current test if any programme spent beyond its budget.
  void check_budgets() const;
  /// @brief Runs phases up to and including `phase` (by name) of the next step, then stops.
  void until(const std::string& phase);
  /// @brief Runs the remaining phases of a step started with until().
  void finish_step();

 private:
  std::size_t next_phase_ = 0;
};

/// @brief Builds a world for `text` with a seed and replication.
std::unique_ptr<Run> make_run(const std::string& text, std::uint64_t seed = 7,
                              std::uint64_t replication = 0);

// ---------------------------------------------------------------- firms by key
//
// A row of models::World::sme names a firm only within a step: at the end of
// entry and exit (phase 9) the table may be compacted, which drops the rows of
// exited firms and renumbers the survivors (in order), so a row index or a
// per-row vector kept from before a step names other firms after it, and the
// same row of two paired worlds (common random numbers) is the same firm only
// until either of them compacts. A firm's rng_key never changes, and it is the
// same in worlds built from the same seed and replication: tests that follow
// firms across steps or compare them across worlds pair them by key.

/// @brief Key of no firm: what slot_keys() gives for a free slot.
inline constexpr std::uint64_t kNoKey = std::numeric_limits<std::uint64_t>::max();

/// @brief Rows of a world's SMEs by rng_key, as the table is when built: build
/// another after the world steps. Read with data copied at the same time (a
/// per-row vector), it tells what that data said of a firm.
class FirmRows {
 public:
  explicit FirmRows(const models::World& w);
  /// @brief Row of the firm with rng_key `key`; models::kNoFirm when it is not in
  /// the table (it had not entered, or exited and compaction dropped its row).
  [[nodiscard]] std::uint32_t row(std::uint64_t key) const;

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> row_;
};

/// @brief Keys of the firms (rows, alive or not) of `w` for which pick(w, row)
/// holds, in row order: a list of firms that stays valid across steps.
template <class Pick>
std::vector<std::uint64_t> keys_where(const models::World& w, Pick&& pick) {
  std::vector<std::uint64_t> keys;
  for (std::uint32_t i = 0; i < w.sme.size(); ++i) {
    if (pick(w, i)) keys.push_back(w.sme.rng_key[i]);
  }
  return keys;
}

/// @brief Keys of the firms named by supplier slots (rows of `w`), kNoKey for a free slot.
std::vector<std::uint64_t> slot_keys(const models::World& w,
                                     const std::vector<std::uint32_t>& slots);

/// @brief Calls f(i, j) for each firm of `keys`, in that order, that is alive in
/// both worlds: i is its row in `a`, j its row in `b`.
template <class F>
void for_each_common(const std::vector<std::uint64_t>& keys, const models::World& a,
                     const models::World& b, F&& f) {
  const FirmRows rows_a(a), rows_b(b);
  for (const std::uint64_t key : keys) {
    const std::uint32_t i = rows_a.row(key), j = rows_b.row(key);
    if (i != models::kNoFirm && j != models::kNoFirm && a.sme.alive(i) && b.sme.alive(j)) f(i, j);
  }
}

/// @brief Calls f(i, j) for every firm alive in both worlds, in the row order of
/// `a` (firms in both come in the same order in each): i is its row in `a`, j in `b`.
template <class F>
void for_each_common(const models::World& a, const models::World& b, F&& f) {
  const FirmRows rows_b(b);
  for (std::uint32_t i = 0; i < a.sme.size(); ++i) {
    if (!a.sme.alive(i)) continue;
    const std::uint32_t j = rows_b.row(a.sme.rng_key[i]);
    if (j != models::kNoFirm && b.sme.alive(j)) f(i, j);
  }
}

}  // namespace model_test
