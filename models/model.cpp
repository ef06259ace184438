// The model's one registration point: schema (parameters and instruments),
// the ten phases in order, metrics, and the world factory.
#include "models/model.hpp"

#include "models/check.hpp"
#include "models/instrument.hpp"
#include "models/metrics.hpp"
#include "models/parameters.hpp"
#include "models/phases.hpp"

#include <cmath>

namespace models {
namespace {

template <void (*F)(World&, const sim::StepContext&)>
void phase(sim::World& w, const sim::StepContext& ctx) {
  F(static_cast<World&>(w), ctx);
}

sim::ArraySpec array_of(std::string name, std::string doc, std::vector<sim::ParamSpec> common,
                        const std::vector<InstrumentKind>& kinds) {
  sim::ArraySpec a{std::move(name), std::move(doc), std::move(common), {}};
  for (const auto& k : kinds) a.variants.push_back(k.spec);
  return a;
}

sim::ModelDefinition make_definition() {
  sim::ModelDefinition m;
  m.name = "smesim-brics";
  m.version = "0.1";
  m.schema = base_schema();
  m.schema.arrays.push_back(array_of("policy", "Policy instruments (DESIGN.md section 5).", policy_common_params(), policy_kinds()));
  m.schema.arrays.push_back(array_of("shock", "Shocks.", shock_common_params(), shock_kinds()));
  m.phase("schedule", phase<schedule>)
      .phase("demand", phase<demand>)
      .phase("sourcing", phase<sourcing>)
      .phase("production", phase<production>)
      .phase("finance", phase<finance>)
      .phase("accounts", phase<accounts>)
      .phase("upgrading", phase<upgrading>)
      .phase("learning", phase<learning>)
      .phase("entry_exit", phase<entry_exit>)
      .phase("metrics", phase<metrics>);
  m.metrics = metric_specs();
  m.build = [](const sim::Scenario& sc, const sim::TaskKey& key) -> std::unique_ptr<sim::World> {
    return build_world(sc, key);
  };
  m.coordinates = [](const sim::Scenario& sc) {
    sim::Coordinates c;
    c["economy"] = simulated_economies(sc);
    c["sector"] = simulated_sectors(sc);
    c["size_class"] = size_class_names();
    // Disjoint groups, in the order of the policy cells' index (women-led + 2 x youth-led).
    c["inclusion"] = {"other", "women_led", "youth_led", "women_and_youth_led"};
    return c;
  };
  m.steps_per_year = [](const sim::Scenario& sc) { return static_cast<int>(sc.run.integer("steps_per_year")); };
  m.steps = [](const sim::Scenario& sc) {
    return static_cast<int>(std::lround(sc.run.real("years") * static_cast<double>(sc.run.integer("steps_per_year"))));
  };
  m.record = [](const sim::World& w, const sim::StepContext& /*ctx*/, sim::MetricFrame& frame) {
    record_metrics(static_cast<const World&>(w), frame);
  };
  m.record_final = [](const sim::World& w, sim::MetricFrame& frame) {
    record_final_metrics(static_cast<const World&>(w), frame);
  };
  m.check = check_scenario;
  return m;
}

}  // namespace

const sim::ModelDefinition& definition() {
  static const sim::ModelDefinition d = make_definition();
  return d;
}

}  // namespace models
