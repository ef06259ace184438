#include "sim/ensemble.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace sim {

namespace {

/// Product of the sizes of a metric's label dimensions.
std::size_t label_count(const MetricSpec& spec, const Coordinates& coords) {
  std::size_t n = 1;
  for (const auto& dim : spec.dims) {
    const auto it = coords.find(dim);
    if (it == coords.end()) {
      throw std::invalid_argument("metric '" + spec.name + "': dimension '" + dim +
                                  "' has no coordinates");
    }
    n *= it->second.size();
  }
  return n;
}

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("run_ensemble: model lacks ") + what);
}

std::size_t find_baseline(const Study& study) {
  const auto by_name = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < study.scenarios.size(); ++i) {
      if (study.scenarios[i].name == name) return i;
    }
    return std::nullopt;
  };
  if (!study.baseline.empty()) {
    if (auto i = by_name(study.baseline)) return *i;
    throw std::invalid_argument("baseline scenario '" + study.baseline + "' is not in the study");
  }
  // DESIGN.md section 7: the one named "baseline", else the first.
  return by_name("baseline").value_or(0);
}

/// Copies the frame's values of metric `m` into `dest`, checking the model
/// kept the frame's size (values() hands out a mutable vector).
void copy_metric(const MetricFrame& frame, std::size_t m, const MetricSpec& spec,
                 std::size_t labels, double* dest) {
  const auto& v = frame.values(m);
  if (v.size() != labels) {
    throw std::logic_error("metric '" + spec.name + "' was resized by the model from " +
                           std::to_string(labels) + " to " + std::to_string(v.size()) +
                           " values");
  }
  std::copy(v.begin(), v.end(), dest);
}

/// Runs one (scenario, replication) task into its own slice of `out`.
void run_task(const ModelDefinition& model, const Scenario& scenario, std::size_t scenario_index,
              int rep, std::uint64_t seed, ScenarioResult& out) {
  const auto replication = static_cast<std::uint64_t>(rep);
  // The key leaves out the scenario on purpose: scenarios share draws
  // (common random numbers), so effects are paired differences.
  const Streams rng(seed, replication);
  const std::unique_ptr<World> world = model.build(scenario, TaskKey{seed, replication, scenario_index});
  if (!world) throw std::logic_error("model.build returned no world");

  MetricFrame frame(model.metrics, out.coords);
  StepContext ctx;
  ctx.steps_per_year = out.steps_per_year;
  ctx.dt_years = 1.0 / static_cast<double>(out.steps_per_year);
  ctx.rng = &rng;

  const auto T = static_cast<std::size_t>(out.steps);
  const auto r = static_cast<std::size_t>(rep);
  for (int t = 0; t < out.steps; ++t) {
    ctx.step = t;
    for (const auto& phase : model.phases) phase.fn(*world, ctx);
    frame.clear();
    model.record(*world, ctx, frame);
    for (std::size_t m = 0; m < model.metrics.size(); ++m) {
      const auto& spec = model.metrics[m];
      if (!spec.per_step) continue;
      auto& series = out.metrics[m];
      copy_metric(frame, m, spec, series.labels,
                  series.values.data() + (r * T + static_cast<std::size_t>(t)) * series.labels);
    }
  }

  if (model.record_final) {
    frame.clear();
    model.record_final(*world, frame);
    for (std::size_t m = 0; m < model.metrics.size(); ++m) {
      const auto& spec = model.metrics[m];
      if (spec.per_step) continue;
      auto& series = out.metrics[m];
      copy_metric(frame, m, spec, series.labels, series.values.data() + r * series.labels);
    }
  }
}

}  // namespace

EnsembleResult run_ensemble(const ModelDefinition& model, const Study& study,
                            const RunOptions& options) {
  require(static_cast<bool>(model.build), "build");
  require(static_cast<bool>(model.coordinates), "coordinates");
  require(static_cast<bool>(model.steps), "steps");
  require(static_cast<bool>(model.steps_per_year), "steps_per_year");
  require(static_cast<bool>(model.record), "record");
  for (const auto& phase : model.phases) {
    if (phase.fn == nullptr) {
      throw std::invalid_argument("run_ensemble: phase '" + phase.name + "' has no function");
    }
  }
  const bool has_final = std::any_of(model.metrics.begin(), model.metrics.end(),
                                     [](const MetricSpec& m) { return !m.per_step; });
  require(!has_final || static_cast<bool>(model.record_final),
          "record_final (it declares end-of-run metrics)");
  if (options.replications <= 0) {
    throw std::invalid_argument("run_ensemble: replications must be positive, got " +
                                std::to_string(options.replications));
  }
  if (study.scenarios.empty()) throw std::invalid_argument("run_ensemble: the study has no scenarios");

  EnsembleResult result;
  result.seed = options.seed;
  result.baseline = find_baseline(study);

  // Everything is sized here, before the parallel region, so that each task
  // writes only its own disjoint slice and nothing reallocates under it.
  const int reps = options.replications;
  result.scenarios.resize(study.scenarios.size());
  for (std::size_t s = 0; s < study.scenarios.size(); ++s) {
    const Scenario& sc = study.scenarios[s];
    ScenarioResult& out = result.scenarios[s];
    try {
      out.name = sc.name;
      out.description = sc.description;
      out.resolved_toml = sc.resolved_toml;
      out.coords = model.coordinates(sc);
      out.replications = reps;
      out.steps = model.steps(sc);
      out.steps_per_year = model.steps_per_year(sc);
      if (out.steps < 0) throw std::invalid_argument("negative number of steps");
      if (out.steps_per_year <= 0) throw std::invalid_argument("steps per year must be positive");
      out.time_years.resize(static_cast<std::size_t>(out.steps));
      for (int t = 0; t < out.steps; ++t) {
        out.time_years[static_cast<std::size_t>(t)] =
            static_cast<double>(t + 1) / static_cast<double>(out.steps_per_year);
      }
      out.metrics.resize(model.metrics.size());
      for (std::size_t m = 0; m < model.metrics.size(); ++m) {
        const auto& spec = model.metrics[m];
        auto& series = out.metrics[m];
        series.labels = label_count(spec, out.coords);
        const std::size_t times = spec.per_step ? static_cast<std::size_t>(out.steps) : 1;
        series.values.assign(static_cast<std::size_t>(reps) * times * series.labels, 0.0);
      }
    } catch (const std::exception& e) {
      throw RunError("scenario '" + sc.name + "': " + e.what());
    }
  }

  const int total = static_cast<int>(study.scenarios.size()) * reps;
  std::vector<std::string> errors(static_cast<std::size_t>(total));
  std::vector<char> failed(static_cast<std::size_t>(total), 0);
  // After the first failure the remaining tasks are skipped: their results
  // would be thrown away anyway.
  std::atomic<bool> stop{false};
  int done = 0;
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int task = 0; task < total; ++task) {
    if (stop.load(std::memory_order_relaxed)) continue;
    const auto s = static_cast<std::size_t>(task / reps);
    const int rep = task % reps;
    const auto k = static_cast<std::size_t>(task);
    // No exception may leave an OpenMP region: record it and rethrow later.
    try {
      run_task(model, study.scenarios[s], s, rep, options.seed, result.scenarios[s]);
    } catch (const std::exception& e) {
      errors[k] = e.what();
      failed[k] = 1;
      stop.store(true, std::memory_order_relaxed);
    } catch (...) {
      errors[k] = "unknown exception";
      failed[k] = 1;
      stop.store(true, std::memory_order_relaxed);
    }
    if (options.progress && failed[k] == 0) {
#pragma omp critical(smesim_ensemble_progress)
      {
        ++done;
        try {
          options.progress(done, total);
        } catch (...) {
          // A broken progress display must not abort the run.
        }
      }
    }
  }

  // Report the failing task that comes first in task order, so the message
  // does not depend on scheduling when several tasks fail.
  for (int task = 0; task < total; ++task) {
    const auto k = static_cast<std::size_t>(task);
    if (failed[k] == 0) continue;
    const auto failures = std::count(failed.begin(), failed.end(), 1);
    std::string msg = "scenario '" + study.scenarios[static_cast<std::size_t>(task / reps)].name +
                      "', replication " + std::to_string(task % reps) + ": " + errors[k];
    if (failures > 1) msg += " (and " + std::to_string(failures - 1) + " other failed tasks)";
    throw RunError(msg);
  }
  return result;
}

}  // namespace sim
