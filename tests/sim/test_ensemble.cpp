// The ensemble runner on a toy model: determinism across thread counts,
// common random numbers, task failures, progress.
#include "sim/ensemble.hpp"
#include "sim/model.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

// Random walkers spread over two economies. Scenario run keys:
//   agents (integer), steps (integer), unused (real, never read),
//   explode_replication (integer, -1: never) makes the walk phase throw.
constexpr sim::Purpose kWalk = 1;
constexpr int kStepsPerYear = 4;

struct WalkWorld : sim::World {
  std::vector<double> position;
  std::uint64_t replication = 0;
  std::int64_t explode_replication = -1;
};

std::int64_t run_int(const sim::Scenario& sc, const std::string& key) {
  return std::get<std::int64_t>(sc.run.all().at(key));
}

void walk(sim::World& w, const sim::StepContext& ctx) {
  auto& world = static_cast<WalkWorld&>(w);
  if (static_cast<std::int64_t>(world.replication) == world.explode_replication && ctx.step == 2) {
    throw std::runtime_error("walker fell off the map");
  }
  for (std::size_t i = 0; i < world.position.size(); ++i) {
    world.position[i] += ctx.rng->normal(i, static_cast<std::uint32_t>(ctx.step), kWalk);
  }
}

void drift(sim::World& w, const sim::StepContext& ctx) {
  auto& world = static_cast<WalkWorld&>(w);
  for (double& x : world.position) x += 0.1 * ctx.dt_years;
}

sim::ModelDefinition toy_model() {
  sim::ModelDefinition m;
  m.name = "toy";
  m.version = "1";
  m.phase("walk", walk).phase("drift", drift);
  sim::MetricSpec mean;
  mean.name = "mean_position";
  mean.dims = {"economy"};
  mean.aggregate = sim::Aggregate::WeightedMean;
  sim::MetricSpec count;
  count.name = "walkers";
  count.dims = {"economy"};
  sim::MetricSpec final_max;
  final_max.name = "max_position";
  final_max.per_step = false;
  m.metrics = {mean, count, final_max};

  m.build = [](const sim::Scenario& sc, const sim::TaskKey& key) {
    auto w = std::make_unique<WalkWorld>();
    w->position.assign(static_cast<std::size_t>(run_int(sc, "agents")), 0.0);
    w->replication = key.replication;
    w->explode_replication = run_int(sc, "explode_replication");
    return std::unique_ptr<sim::World>(std::move(w));
  };
  m.coordinates = [](const sim::Scenario&) {
    return sim::Coordinates{{"economy", {"AAA", "BBB"}}};
  };
  m.steps = [](const sim::Scenario& sc) { return static_cast<int>(run_int(sc, "steps")); };
  m.steps_per_year = [](const sim::Scenario&) { return kStepsPerYear; };
  m.record = [](const sim::World& w, const sim::StepContext&, sim::MetricFrame& f) {
    const auto& world = static_cast<const WalkWorld&>(w);
    auto& sum = f.values(0);
    auto& n = f.values(1);
    for (std::size_t i = 0; i < world.position.size(); ++i) {
      sum[i % 2] += world.position[i];
      n[i % 2] += 1.0;
    }
    for (std::size_t e = 0; e < 2; ++e) sum[e] = n[e] > 0 ? sum[e] / n[e] : 0.0;
  };
  m.record_final = [](const sim::World& w, sim::MetricFrame& f) {
    const auto& world = static_cast<const WalkWorld&>(w);
    double best = world.position.empty() ? 0.0 : world.position[0];
    for (double x : world.position) best = std::max(best, x);
    f.values(2)[0] = best;
  };
  return m;
}

sim::Scenario scenario(std::string name, std::int64_t agents = 50, std::int64_t steps = 12,
                       double unused = 0.0, std::int64_t explode = -1) {
  sim::Scenario sc;
  sc.name = std::move(name);
  sc.description = "toy " + sc.name;
  sc.resolved_toml = "name = \"" + sc.name + "\"\n";
  sc.run.set("agents", agents);
  sc.run.set("steps", steps);
  sc.run.set("unused", unused);
  sc.run.set("explode_replication", explode);
  return sc;
}

sim::Study study(std::vector<sim::Scenario> scenarios) {
  sim::Study s;
  s.name = "toy-study";
  s.scenarios = std::move(scenarios);
  return s;
}

sim::RunOptions options(int threads, int replications = 5) {
  sim::RunOptions o;
  o.replications = replications;
  o.seed = 12345;
  o.threads = threads;
  return o;
}

bool bit_identical(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(MetricFrame, SizesEachMetricByItsDimensions) {
  sim::MetricSpec a;
  a.name = "a";
  a.dims = {"economy", "sector"};
  sim::MetricSpec b;
  b.name = "b";
  sim::MetricFrame f({a, b}, {{"economy", {"X", "Y", "Z"}}, {"sector", {"s1", "s2"}}});
  ASSERT_EQ(f.size(), 2U);
  EXPECT_EQ(f.values(0).size(), 6U);
  EXPECT_EQ(f.values(1).size(), 1U);
  f.values(0)[4] = 3.0;
  f.values(1)[0] = -1.0;
  f.clear();
  for (double v : f.values(0)) EXPECT_EQ(v, 0.0);
  EXPECT_EQ(f.values(1)[0], 0.0);
}

TEST(MetricFrame, MissingDimensionIsAnError) {
  sim::MetricSpec a;
  a.name = "a";
  a.dims = {"sector"};
  EXPECT_THROW(sim::MetricFrame({a}, {{"economy", {"X"}}}), std::invalid_argument);
}

TEST(ModelDefinition, MetricIndexFindsOrNamesTheMetric) {
  const auto m = toy_model();
  EXPECT_EQ(m.metric_index("walkers"), 1U);
  try {
    (void)m.metric_index("walkerz");
    FAIL() << "expected std::out_of_range";
  } catch (const std::out_of_range& e) {
    EXPECT_NE(std::string(e.what()).find("walkerz"), std::string::npos);
  }
}

TEST(Ensemble, ShapesAndTimeAxis) {
  const auto model = toy_model();
  const auto r = sim::run_ensemble(model, study({scenario("baseline", 10, 8)}), options(1, 3));
  ASSERT_EQ(r.scenarios.size(), 1U);
  const auto& s = r.scenarios[0];
  EXPECT_EQ(s.name, "baseline");
  EXPECT_EQ(s.description, "toy baseline");
  EXPECT_EQ(s.steps, 8);
  EXPECT_EQ(s.replications, 3);
  ASSERT_EQ(s.time_years.size(), 8U);
  EXPECT_DOUBLE_EQ(s.time_years[0], 0.25);
  EXPECT_DOUBLE_EQ(s.time_years[7], 2.0);
  ASSERT_EQ(s.metrics.size(), 3U);
  EXPECT_EQ(s.metrics[0].labels, 2U);
  EXPECT_EQ(s.metrics[0].values.size(), 3U * 8U * 2U);
  EXPECT_EQ(s.metrics[2].labels, 1U);
  EXPECT_EQ(s.metrics[2].values.size(), 3U);  // end-of-run metric: one value per replication
  // Every step of every replication recorded 5 walkers per economy.
  for (double n : s.metrics[1].values) EXPECT_EQ(n, 5.0);
  EXPECT_EQ(r.seed, 12345U);
}

TEST(Ensemble, BitIdenticalForAnyThreadCount) {
  const auto model = toy_model();
  const auto st = study({scenario("baseline"), scenario("more", 80), scenario("longer", 50, 20)});
  const auto one = sim::run_ensemble(model, st, options(1));
  for (int threads : {2, 4}) {
    const auto many = sim::run_ensemble(model, st, options(threads));
    ASSERT_EQ(many.scenarios.size(), one.scenarios.size());
    for (std::size_t s = 0; s < one.scenarios.size(); ++s) {
      for (std::size_t m = 0; m < one.scenarios[s].metrics.size(); ++m) {
        EXPECT_TRUE(bit_identical(one.scenarios[s].metrics[m].values,
                                  many.scenarios[s].metrics[m].values))
            << threads << " threads, scenario " << s << ", metric " << m;
      }
    }
  }
}

TEST(Ensemble, ScenariosShareRandomNumbers) {
  const auto model = toy_model();
  const auto r = sim::run_ensemble(
      model, study({scenario("baseline", 50, 12, 0.0), scenario("other", 50, 12, 99.0)}),
      options(2));
  for (std::size_t m = 0; m < model.metrics.size(); ++m) {
    EXPECT_TRUE(bit_identical(r.scenarios[0].metrics[m].values, r.scenarios[1].metrics[m].values))
        << model.metrics[m].name;
  }
}

TEST(Ensemble, ReplicationsDiffer) {
  const auto model = toy_model();
  const auto r = sim::run_ensemble(model, study({scenario("baseline")}), options(1, 2));
  const auto& v = r.scenarios[0].metrics[0].values;
  const std::size_t per_rep = v.size() / 2;
  const std::vector<double> rep0(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(per_rep));
  const std::vector<double> rep1(v.begin() + static_cast<std::ptrdiff_t>(per_rep), v.end());
  EXPECT_FALSE(bit_identical(rep0, rep1));
  const auto& last = r.scenarios[0].metrics[2].values;
  EXPECT_NE(last[0], last[1]);
}

TEST(Ensemble, SeedChangesResults) {
  const auto model = toy_model();
  auto o = options(1, 1);
  const auto a = sim::run_ensemble(model, study({scenario("baseline")}), o);
  o.seed = 999;
  const auto b = sim::run_ensemble(model, study({scenario("baseline")}), o);
  EXPECT_FALSE(bit_identical(a.scenarios[0].metrics[0].values, b.scenarios[0].metrics[0].values));
}

TEST(Ensemble, FailingTaskBecomesRunErrorNamingScenarioAndReplication) {
  const auto model = toy_model();
  const auto st = study({scenario("baseline"), scenario("fragile", 50, 12, 0.0, 3)});
  for (int threads : {1, 4}) {
    try {
      (void)sim::run_ensemble(model, st, options(threads));
      FAIL() << "expected sim::RunError";
    } catch (const sim::RunError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("fragile"), std::string::npos) << msg;
      EXPECT_NE(msg.find("replication 3"), std::string::npos) << msg;
      EXPECT_NE(msg.find("walker fell off the map"), std::string::npos) << msg;
    }
  }
}

TEST(Ensemble, ProgressIsReportedOncePerTask) {
  const auto model = toy_model();
  auto o = options(4, 5);
  std::vector<std::pair<int, int>> calls;
  o.progress = [&](int done, int total) { calls.emplace_back(done, total); };
  (void)sim::run_ensemble(model, study({scenario("baseline"), scenario("b"), scenario("c")}), o);
  ASSERT_EQ(calls.size(), 15U);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].first, static_cast<int>(i) + 1);
    EXPECT_EQ(calls[i].second, 15);
  }
}

TEST(Ensemble, BaselineIsChosenByNameElseFirst) {
  const auto model = toy_model();
  auto st = study({scenario("a", 4, 2), scenario("baseline", 4, 2), scenario("c", 4, 2)});
  EXPECT_EQ(sim::run_ensemble(model, st, options(1, 1)).baseline, 1U);
  st.baseline = "c";
  EXPECT_EQ(sim::run_ensemble(model, st, options(1, 1)).baseline, 2U);
  st.baseline = "nope";
  EXPECT_THROW((void)sim::run_ensemble(model, st, options(1, 1)), std::invalid_argument);
  auto plain = study({scenario("x", 4, 2), scenario("y", 4, 2)});
  EXPECT_EQ(sim::run_ensemble(model, plain, options(1, 1)).baseline, 0U);
}

TEST(Ensemble, ModelThatResizesAFrameIsCaught) {
  auto model = toy_model();
  model.record = [](const sim::World&, const sim::StepContext&, sim::MetricFrame& f) {
    f.values(0).push_back(1.0);
  };
  EXPECT_THROW((void)sim::run_ensemble(model, study({scenario("baseline")}), options(1, 1)),
               sim::RunError);
}

}  // namespace
