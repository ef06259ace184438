// Summary statistics against hand-computed values: Student t quantiles and
// intervals, horizons (Last, LastYearSum, TotalSum, no time axis),
// aggregations (Sum, WeightedMean, Ratio), paired differences and fiscal cost.
#include "output/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace {

using sim::Aggregate;
using sim::Horizon;

sim::MetricSpec spec(std::string name, std::string unit, std::vector<std::string> dims, Horizon h,
                     Aggregate a, std::string weight = "", std::string denominator = "",
                     bool per_step = true) {
  sim::MetricSpec s;
  s.name = std::move(name);
  s.unit = std::move(unit);
  s.meaning = "test metric " + s.name;
  s.dims = std::move(dims);
  s.horizon = h;
  s.aggregate = a;
  s.weight = std::move(weight);
  s.denominator = std::move(denominator);
  s.per_step = per_step;
  return s;
}

// Economies A and B, 5 steps of half a year (so the last year is the last
// two steps), 3 replications.
constexpr int kReps = 3;
constexpr int kSteps = 5;

enum Metric : std::size_t { kFlow, kCount, kShare, kNum, kDen, kRate, kFiscal, kFinal, kMetrics };

std::vector<sim::MetricSpec> specs() {
  const std::vector<std::string> econ{"economy"};
  return {
      spec("flow", "USD", econ, Horizon::LastYearSum, Aggregate::Sum),
      spec("count", "firms", econ, Horizon::Last, Aggregate::Sum),
      spec("share", "share", econ, Horizon::Last, Aggregate::WeightedMean, "count"),
      spec("num", "loans", econ, Horizon::LastYearSum, Aggregate::Sum),
      spec("den", "firms", econ, Horizon::Last, Aggregate::Sum),
      // The ratio's own horizon is not used: num and den have their own.
      spec("rate", "share", econ, Horizon::TotalSum, Aggregate::Ratio, "num", "den"),
      spec("fiscal_cost_usd", "USD", econ, Horizon::TotalSum, Aggregate::Sum),
      spec("final", "links", {}, Horizon::Last, Aggregate::Sum, "", "", false),
  };
}

/// value(metric, rep, step, economy) fills every per-step series; the final
/// metric gets 2 * rep.
template <class F>
sim::ScenarioResult scenario(const std::string& name, F value) {
  sim::ScenarioResult sc;
  sc.name = name;
  sc.coords["economy"] = {"A", "B"};
  sc.replications = kReps;
  sc.steps = kSteps;
  sc.steps_per_year = 2;
  for (int t = 0; t < kSteps; ++t) sc.time_years.push_back((t + 1) / 2.0);
  sc.metrics.resize(kMetrics);
  for (std::size_t m = 0; m < kMetrics; ++m) {
    auto& series = sc.metrics[m];
    if (m == kFinal) {
      series.labels = 1;
      for (int r = 0; r < kReps; ++r) series.values.push_back(2.0 * r);
      continue;
    }
    series.labels = 2;
    for (int r = 0; r < kReps; ++r) {
      for (int t = 0; t < kSteps; ++t) {
        for (int e = 0; e < 2; ++e) series.values.push_back(value(m, r, t, e));
      }
    }
  }
  return sc;
}

double baseline_value(std::size_t m, int r, int t, int e) {
  switch (m) {
    case kFlow: return 10.0 * r + t + 100.0 * e;
    case kCount: return e == 0 ? 1.0 : 3.0;
    case kShare: return e == 0 ? 0.2 : 0.6 + 0.1 * r;
    case kNum: return 1.0;
    case kDen: return e == 0 ? 2.0 : 6.0;
    case kRate: return 99.0;  // must be ignored: Ratio uses num and den
    case kFiscal: return 0.0;
    default: return 0.0;
  }
}

double pilot_value(std::size_t m, int r, int t, int e) {
  if (m == kFlow) return baseline_value(m, r, t, e) + (r + 1);
  if (m == kFiscal) return e == 0 ? 100.0 : 0.0;
  return baseline_value(m, r, t, e);
}

sim::EnsembleResult ensemble() {
  sim::EnsembleResult res;
  res.scenarios.push_back(scenario("baseline", baseline_value));
  res.scenarios.push_back(scenario("pilot", pilot_value));
  res.baseline = 0;
  return res;
}

const output::SummaryRow& find(const std::vector<output::SummaryRow>& rows, const std::string& sc,
                               const std::string& metric, const std::string& economy) {
  for (const auto& r : rows) {
    if (r.scenario == sc && r.metric == metric && r.economy == economy) return r;
  }
  throw std::runtime_error("no row " + sc + "/" + metric + "/" + economy);
}

const double t2 = 4.302652729749464;  // t quantile 0.975, 2 dof: 0.95 / sqrt(2 * 0.975 * 0.025)

}  // namespace

TEST(StudentT, MatchesClosedFormsAndReferenceValues) {
  // One and two degrees of freedom have closed forms.
  EXPECT_NEAR(output::student_t_quantile(0.975, 1), std::tan(std::numbers::pi * 0.475), 1e-11);
  EXPECT_NEAR(output::student_t_quantile(0.975, 2), 0.95 / std::sqrt(2 * 0.975 * 0.025), 1e-12);
  // Others against scipy.stats.t.ppf.
  EXPECT_NEAR(output::student_t_quantile(0.975, 4), 2.7764451051977987, 1e-10);
  EXPECT_NEAR(output::student_t_quantile(0.975, 9), 2.2621571627409915, 1e-9);
  EXPECT_NEAR(output::student_t_quantile(0.975, 30), 2.0422724563012373, 1e-10);
  EXPECT_NEAR(output::student_t_quantile(0.975, 1000), 1.9623390808264074, 1e-10);
  // Three degrees of freedom: the CDF has a closed form; the quantile must invert it.
  const double t3 = output::student_t_quantile(0.9, 3);
  const double cdf3 = 0.5 + (t3 / std::sqrt(3.0) / (1 + t3 * t3 / 3) + std::atan(t3 / std::sqrt(3.0))) /
                                std::numbers::pi;
  EXPECT_NEAR(cdf3, 0.9, 1e-15);
  EXPECT_NEAR(output::student_t_quantile(0.025, 5), -2.57058183661474, 1e-9);
  EXPECT_EQ(output::student_t_quantile(0.5, 7), 0.0);
  EXPECT_THROW(output::student_t_quantile(1.0, 3), std::invalid_argument);
  EXPECT_THROW(output::student_t_quantile(0.9, 0), std::invalid_argument);
}

TEST(StudentT, MeanInterval) {
  const auto ci = output::mean_interval({1, 2, 3});
  EXPECT_DOUBLE_EQ(ci.mean, 2.0);
  EXPECT_NEAR(ci.low, 2.0 - t2 / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(ci.high, 2.0 + t2 / std::sqrt(3.0), 1e-12);

  const auto one = output::mean_interval({5});
  EXPECT_EQ(one.mean, 5.0);
  EXPECT_TRUE(std::isnan(one.low));
  EXPECT_TRUE(std::isnan(one.high));
  EXPECT_TRUE(std::isnan(output::mean_interval({}).mean));
}

TEST(Summary, RowsInOrder) {
  const auto rows = output::compute_summary(specs(), ensemble());
  // 7 metrics x (ALL, A, B) + 1 metric without economy, for each of 2 scenarios.
  ASSERT_EQ(rows.size(), 2u * (7u * 3u + 1u));
  EXPECT_EQ(rows[0].scenario, "baseline");
  EXPECT_EQ(rows[0].metric, "flow");
  EXPECT_EQ(rows[0].economy, "ALL");
  EXPECT_EQ(rows[1].economy, "A");
  EXPECT_EQ(rows[2].economy, "B");
  EXPECT_EQ(rows[21].metric, "final");
  EXPECT_EQ(rows[22].scenario, "pilot");
}

TEST(Summary, LastYearSumAndPairedDifference) {
  const auto rows = output::compute_summary(specs(), ensemble());
  // Last year = steps 3 and 4. Per economy e: (10r+3+100e) + (10r+4+100e);
  // all economies: 40r + 214 -> 214, 254, 294: mean 254, sd 40.
  const auto& all = find(rows, "baseline", "flow", "ALL");
  EXPECT_DOUBLE_EQ(all.mean, 254.0);
  EXPECT_NEAR(all.ci_low, 254.0 - t2 * 40.0 / std::sqrt(3.0), 1e-9);
  EXPECT_NEAR(all.ci_high, 254.0 + t2 * 40.0 / std::sqrt(3.0), 1e-9);
  // Economy B alone: 20r + 207 -> mean 227.
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "flow", "B").mean, 227.0);

  // The pilot adds r+1 per label and step: 4(r+1) over the last year and
  // both economies -> paired differences 4, 8, 12: mean 8, sd 4.
  const auto& diff = find(rows, "pilot", "flow", "ALL");
  EXPECT_DOUBLE_EQ(diff.mean, 262.0);
  EXPECT_DOUBLE_EQ(diff.diff_mean, 8.0);
  EXPECT_NEAR(diff.diff_ci_low, 8.0 - t2 * 4.0 / std::sqrt(3.0), 1e-9);
  EXPECT_NEAR(diff.diff_ci_high, 8.0 + t2 * 4.0 / std::sqrt(3.0), 1e-9);
  EXPECT_DOUBLE_EQ(find(rows, "pilot", "flow", "A").diff_mean, 4.0);

  // The baseline's difference from itself is exactly zero.
  EXPECT_EQ(all.diff_mean, 0.0);
  EXPECT_EQ(all.diff_ci_low, 0.0);
  EXPECT_EQ(all.diff_ci_high, 0.0);
}

TEST(Summary, WeightedMeanAndRatio) {
  const auto rows = output::compute_summary(specs(), ensemble());
  // share: weights 1 (A) and 3 (B) at the last step: (0.2 + 3 (0.6 + 0.1 r)) / 4.
  const auto& share = find(rows, "baseline", "share", "ALL");
  EXPECT_NEAR(share.mean, 0.575, 1e-15);
  EXPECT_NEAR(share.ci_high - share.mean, t2 * 0.075 / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(find(rows, "baseline", "share", "B").mean, 0.7, 1e-15);
  // rate = num over the last year (1 per step: 2 per economy) / den at the
  // last step (2 and 6), each by its own horizon; its own series (99) is unused.
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "rate", "ALL").mean, 4.0 / 8.0);
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "rate", "A").mean, 2.0 / 2.0);
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "rate", "B").mean, 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "count", "ALL").mean, 4.0);
  // No time axis: one value per replication, 2r.
  EXPECT_DOUBLE_EQ(find(rows, "baseline", "final", "ALL").mean, 2.0);
}

TEST(Summary, FiscalCostPerUnit) {
  const auto rows = output::compute_summary(specs(), ensemble());
  // The pilot spends 100 per step in A over 5 steps: 500 more than the baseline.
  const auto& all = find(rows, "pilot", "flow", "ALL");
  EXPECT_DOUBLE_EQ(all.fiscal_cost_usd, 500.0);
  EXPECT_DOUBLE_EQ(all.cost_per_unit, 500.0 / 8.0);
  EXPECT_DOUBLE_EQ(find(rows, "pilot", "flow", "A").cost_per_unit, 500.0 / 4.0);
  EXPECT_DOUBLE_EQ(find(rows, "pilot", "flow", "B").fiscal_cost_usd, 0.0);
  // Zero effect: cost per unit is undefined.
  EXPECT_TRUE(std::isnan(find(rows, "pilot", "count", "ALL").cost_per_unit));
  EXPECT_TRUE(std::isnan(find(rows, "baseline", "flow", "ALL").cost_per_unit));
  // fiscal_cost_usd has an economy axis here; "final" has none, so its row
  // (ALL) gets the total.
  EXPECT_DOUBLE_EQ(find(rows, "pilot", "final", "ALL").fiscal_cost_usd, 500.0);
}

TEST(Summary, WithoutFiscalMetricCostIsNaN) {
  auto s = specs();
  auto res = ensemble();
  s[kFiscal].name = "spending";
  const auto rows = output::compute_summary(s, res);
  EXPECT_TRUE(std::isnan(find(rows, "pilot", "flow", "ALL").fiscal_cost_usd));
  EXPECT_TRUE(std::isnan(find(rows, "pilot", "flow", "ALL").cost_per_unit));
}

TEST(Summary, HorizonsLastAndTotalSum) {
  auto s = specs();
  auto res = ensemble();
  s[kFlow].horizon = Horizon::Last;  // step 4: 10r + 4 + 100e -> ALL 20r + 108
  EXPECT_DOUBLE_EQ(output::compute_summary(s, res)[0].mean, 128.0);
  s[kFlow].horizon = Horizon::TotalSum;  // sum t = 10 -> per e 50r + 10 + 500e -> ALL 100r + 520
  EXPECT_DOUBLE_EQ(output::compute_summary(s, res)[0].mean, 620.0);
  EXPECT_EQ(output::horizon_values(s, kFlow, res.scenarios[0], "ALL"),
            (std::vector<double>{520.0, 620.0, 720.0}));
  EXPECT_TRUE(output::horizon_values(s, kFinal, res.scenarios[0], "A").empty());
}

TEST(Summary, ZeroWeightGivesNaNAndOneReplicationNoInterval) {
  auto res = ensemble();
  for (auto& sc : res.scenarios) {
    std::fill(sc.metrics[kCount].values.begin(), sc.metrics[kCount].values.end(), 0.0);
  }
  EXPECT_TRUE(std::isnan(find(output::compute_summary(specs(), res), "baseline", "share", "ALL").mean));

  // A label without weight is left out, even when its value is NaN (a share of no firms).
  res = ensemble();
  for (auto& sc : res.scenarios) {
    for (std::size_t i = 0; i < sc.metrics[kCount].values.size(); i += 2) {
      sc.metrics[kCount].values[i] = 0.0;  // economy A
      sc.metrics[kShare].values[i] = std::nan("");
    }
  }
  const auto weighted = output::compute_summary(specs(), res);
  EXPECT_NEAR(find(weighted, "baseline", "share", "ALL").mean, 0.7, 1e-15);
  EXPECT_TRUE(std::isnan(find(weighted, "baseline", "share", "A").mean));

  auto one = ensemble();
  for (auto& sc : one.scenarios) {
    sc.replications = 1;
    for (std::size_t m = 0; m < kMetrics; ++m) {
      auto& v = sc.metrics[m].values;
      v.resize(m == kFinal ? 1 : static_cast<std::size_t>(kSteps) * 2);
    }
  }
  const auto rows = output::compute_summary(specs(), one);
  const auto& row = find(rows, "pilot", "flow", "ALL");
  EXPECT_DOUBLE_EQ(row.diff_mean, 4.0);
  EXPECT_TRUE(std::isnan(row.ci_low));
  EXPECT_TRUE(std::isnan(row.diff_ci_high));
}

TEST(Summary, RejectsInconsistentInput) {
  auto s = specs();
  s[kShare].weight = "nonexistent";
  EXPECT_THROW(output::compute_summary(s, ensemble()), std::invalid_argument);
  auto res = ensemble();
  res.scenarios[1].metrics[kFlow].values.pop_back();
  EXPECT_THROW(output::compute_summary(specs(), res), std::invalid_argument);
  res = ensemble();
  res.scenarios[1].name = "baseline";
  EXPECT_THROW(output::compute_summary(specs(), res), std::invalid_argument);
  res = ensemble();
  res.baseline = 2;
  EXPECT_THROW(output::compute_summary(specs(), res), std::invalid_argument);
}

TEST(Summary, FormatNumber) {
  EXPECT_EQ(output::format_number(1234567.0), "1.23M");
  EXPECT_EQ(output::format_number(-2500.0), "-2.50k");
  EXPECT_EQ(output::format_number(3.2e9, true), "+3.20B");
  EXPECT_EQ(output::format_number(0.012345), "0.0123");
  EXPECT_EQ(output::format_number(12.345), "12.3");
  EXPECT_EQ(output::format_number(5.0, true), "+5.00");
  EXPECT_EQ(output::format_number(0.0, true), "0");
  EXPECT_EQ(output::format_number(std::nan("")), "n/a");
}

TEST(Summary, RenderTable) {
  const auto s = specs();
  const auto rows = output::compute_summary(s, ensemble());
  const std::string table =
      output::render_summary_table(rows, s, {"flow", "rate", "not_a_metric"}, "baseline");
  // Header with units; unknown metrics are left out.
  EXPECT_NE(table.find("flow [USD]"), std::string::npos) << table;
  EXPECT_NE(table.find("rate [share]"), std::string::npos) << table;
  EXPECT_NE(table.find("0.500"), std::string::npos) << table;
  EXPECT_EQ(table.find("not_a_metric"), std::string::npos) << table;
  // Baseline levels, then the pilot's differences with intervals.
  EXPECT_NE(table.find("baseline (level)"), std::string::npos) << table;
  EXPECT_NE(table.find("254 ["), std::string::npos) << table;
  EXPECT_NE(table.find("+8.00 [-1.94, +17.9]"), std::string::npos) << table;
  // Title, header, a rule as wide as the header, then the rows.
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; (end = table.find('\n', at)) != std::string::npos; at = end + 1) {
    lines.push_back(table.substr(at, end - at));
  }
  ASSERT_EQ(lines.size(), 5u) << table;
  EXPECT_EQ(lines[2].find_first_not_of('-'), std::string::npos) << table;
  EXPECT_EQ(lines[2].size(), lines[1].size()) << table;
  EXPECT_EQ(lines[3].rfind("baseline (level)", 0), 0u) << table;
  EXPECT_EQ(lines[4].rfind("pilot", 0), 0u) << table;

  const std::string econ_b = output::render_summary_table(rows, s, {"flow"}, "baseline", "B");
  EXPECT_NE(econ_b.find("economy B"), std::string::npos) << econ_b;
  EXPECT_NE(econ_b.find("227 ["), std::string::npos) << econ_b;
}
