#pragma once
/// @file summary.hpp
/// @brief Ensemble summary statistics: per scenario, metric and economy, the
/// mean at the horizon with its confidence interval, the paired difference
/// from the baseline (common random numbers) with its interval, and the
/// fiscal cost per unit of effect. Also the closing table for the terminal.

#include "sim/ensemble.hpp"
#include "sim/model.hpp"

#include <string>
#include <vector>

namespace output {

/// @brief Confidence level of every interval in the summary.
inline constexpr double kConfidenceLevel = 0.95;

/// @brief The economy label of rows aggregated over all economies.
inline constexpr const char* kAllEconomies = "ALL";

/// @brief Name of the metric whose total gives a scenario's fiscal cost.
inline constexpr const char* kFiscalCostMetric = "fiscal_cost_usd";

/// @brief One line of the summary: a scenario, a metric, an economy (or ALL).
struct SummaryRow {
  std::string scenario;
  std::string metric;
  std::string economy;  ///< economy code, or "ALL"
  double mean = 0;      ///< ensemble mean of the horizon value, in the metric's unit
  double ci_low = 0;    ///< 95% Student t interval of the mean (NaN with one replication)
  double ci_high = 0;
  double diff_mean = 0;     ///< mean paired difference from the baseline (same replication)
  double diff_ci_low = 0;   ///< 95% Student t interval of the paired difference
  double diff_ci_high = 0;
  double fiscal_cost_usd = 0;  ///< mean paired difference of total fiscal cost (NaN without the metric)
  double cost_per_unit = 0;    ///< fiscal_cost_usd / diff_mean (NaN when diff_mean is 0)
};

/// @brief Mean and two-sided confidence interval of a sample.
struct MeanInterval {
  double mean = 0;
  double low = 0;
  double high = 0;
};

/// @brief Quantile of Student's t distribution with `dof` degrees of freedom
/// (dof > 0, 0 < p < 1), to about 1e-12 relative accuracy.
double student_t_quantile(double p, double dof);

/// @brief Mean and Student t interval (level kConfidenceLevel, n - 1 degrees
/// of freedom). Empty sample: all NaN; one value: the value and NaN bounds.
MeanInterval mean_interval(const std::vector<double>& sample);

/// @brief The horizon value of metric `metric` for each replication of
/// `scenario`, restricted to labels whose economy is `economy` (or all
/// labels for "ALL"), aggregated as the metric declares. Returns an empty
/// vector when the metric has no such economy label.
std::vector<double> horizon_values(const std::vector<sim::MetricSpec>& specs, std::size_t metric,
                                   const sim::ScenarioResult& scenario, const std::string& economy);

/// @brief Every summary row: scenarios in order, then metrics in declaration
/// order, then "ALL" followed by the economies in coordinate order (only
/// "ALL" for metrics without an economy dimension). Validates first
/// (throws std::invalid_argument on inconsistent input).
///
/// Horizon values: a metric's horizon picks a window of steps (Last: the
/// last step; LastYearSum: the last steps_per_year steps; TotalSum: all
/// steps) and each label's values are summed over it; per_step = false
/// metrics have one value. Labels are then combined by the metric's
/// aggregate: Sum adds them; WeightedMean is sum(w x) / sum(w) with w the
/// weight metric (labels with w = 0 left out, their x being undefined); Ratio is sum(numerator) / sum(denominator), the ratio
/// metric's own series being unused. Weights, numerators and denominators
/// are read over their own metric's horizon (so defaults over the last year
/// / borrowers at the end is an annual rate). Paired differences use the
/// replications present in both the scenario and the baseline, matched by
/// index, and economies matched by code.
std::vector<SummaryRow> compute_summary(const std::vector<sim::MetricSpec>& specs,
                                        const sim::EnsembleResult& result);

/// @brief Renders the closing table: one row per scenario, one column per
/// metric of `metric_names` (unknown names are skipped), for one economy
/// ("ALL" by default). The baseline row shows levels, mean [95% CI]; the
/// other rows show paired differences from it, diff [95% CI]. Units are in
/// the column headers (taken from `specs`).
std::string render_summary_table(const std::vector<SummaryRow>& rows,
                                 const std::vector<sim::MetricSpec>& specs,
                                 const std::vector<std::string>& metric_names,
                                 const std::string& baseline,
                                 const std::string& economy = kAllEconomies);

/// @brief Compact number for tables: 3 significant digits, k/M/B/T
/// suffixes from a thousand up, "n/a" for NaN; `sign` adds '+' to positives.
std::string format_number(double x, bool sign = false);

}  // namespace output
