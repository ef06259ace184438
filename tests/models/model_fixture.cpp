#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace model_test {

std::string scenario_text(const std::string& extra, double scale, const std::string& economies,
                          const std::string& sectors) {
  const std::string data = (testing_support::source_dir() / "scenarios" / "data").string();
  // One line of TOML a line:
  // clang-format off
  return "name = \"test\"\n"
         "include = [\"" + data + "/economies/brics.toml\", \"" + data + "/economies/groups.toml\", \"" + data +
         "/sectors/default.toml\", \"" + data + "/trade/brics.toml\"]\n"
         "economies = [" + economies + "]\n"
         "sectors = [" + sectors + "]\n"
         "years = 10\n"
         "scale = " + std::to_string(scale) + "\n" + extra;
  // clang-format on
}

sim::Scenario load(const std::string& text) {
  sim::DiskFiles files;
  return sim::load_scenario_text(
      text, (testing_support::source_dir() / "tests" / "models" / "test.toml").string(),
      models::definition().schema, files);
}

std::unique_ptr<Run> make_run(const std::string& text, std::uint64_t seed,
                              std::uint64_t replication) {
  auto r = std::make_unique<Run>();
  r->scenario = load(text);
  const auto problems = models::definition().check(r->scenario);
  if (!problems.empty()) throw sim::InputError(problems);
  r->owner = models::definition().build(r->scenario, sim::TaskKey{seed, replication, 0});
  r->w = static_cast<models::World*>(r->owner.get());
  r->ctx.steps_per_year = r->w->steps_per_year;
  r->ctx.dt_years = r->w->dt;
  r->ctx.rng = &r->w->rng;
  return r;
}

void Run::steps(int n) {
  for (int k = 0; k < n; ++k) {
    until("metrics");
  }
}

void Run::until(const std::string& phase) {
  const auto& phases = models::definition().phases;
  ctx.step = next_step;
  while (next_phase_ < phases.size()) {
    const auto& p = phases[next_phase_++];
    p.fn(*w, ctx);
    if (p.name == phase) break;
  }
  if (next_phase_ == phases.size()) {
    next_phase_ = 0;
    ++next_step;
  }
}

void Run::finish_step() { until("metrics"); }

void Run::check_budgets() const {
  for (const auto& p : w->programs) {
    EXPECT_LE(p.spent_usd, p.budget_usd)
        << p.name << " spent beyond its budget at step " << next_step - 1;
  }
}

FirmRows::FirmRows(const models::World& w) {
  row_.reserve(w.sme.size());
  for (std::uint32_t i = 0; i < w.sme.size(); ++i) {
    if (!row_.emplace(w.sme.rng_key[i], i).second) {
      ADD_FAILURE() << "rows " << row_.at(w.sme.rng_key[i]) << " and " << i << " share rng_key "
                    << w.sme.rng_key[i];
    }
  }
}

std::uint32_t FirmRows::row(std::uint64_t key) const {
  const auto it = row_.find(key);
  return it == row_.end() ? models::kNoFirm : it->second;
}

std::vector<std::uint64_t> slot_keys(const models::World& w,
                                     const std::vector<std::uint32_t>& slots) {
  std::vector<std::uint64_t> keys(slots.size(), kNoKey);
  for (std::size_t k = 0; k < slots.size(); ++k) {
    if (slots[k] != models::kNoFirm) keys[k] = w.sme.rng_key[slots[k]];
  }
  return keys;
}

}  // namespace model_test
