#pragma once
/// @file model_fixture.hpp
/// @brief Small worlds for model tests: a scenario text over the real data
/// files, built into a World and stepped phase by phase.
#include "models/model.hpp"
#include "models/phases.hpp"
#include "models/world.hpp"
#include "sim/scenario.hpp"
#include "tests/test_support.hpp"

#include <memory>
#include <string>

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

}  // namespace model_test
