#include "output/summary.hpp"

#include "output/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

namespace output {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Continued fraction of the regularized incomplete beta function,
/// evaluated with the modified Lentz method; converges fast for
/// x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-16;
  const auto guard = [](double v) { return std::fabs(v) < tiny ? tiny : v; };
  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double f = d;
  for (int m = 1; m <= 1000; ++m) {
    const double dm = m;
    // Even term, then odd term, of the fraction's coefficients.
    const double even = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
    d = 1.0 / guard(1.0 + even * d);
    c = guard(1.0 + even / c);
    f *= d * c;
    const double odd = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
    d = 1.0 / guard(1.0 + odd * d);
    c = guard(1.0 + odd / c);
    const double step = d * c;
    f *= step;
    if (std::fabs(step - 1.0) < eps) break;
  }
  return f;
}

/// Regularized incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                           b * std::log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
  return 1.0 - std::exp(log_front) * beta_continued_fraction(b, a, 1.0 - x) / b;
}

/// P(T > t) for t >= 0.
double t_upper_tail(double t, double dof) {
  return 0.5 * incomplete_beta(dof / 2.0, 0.5, dof / (dof + t * t));
}

/// Labels of one metric grouped by economy: group 0 is all labels, group
/// 1 + k the labels of economy k of the scenario's "economy" coordinate.
struct LabelGroups {
  std::vector<std::string> names;              ///< "ALL", then economy codes
  std::vector<std::size_t> economy_of_label;   ///< economy index per label (if any)
  bool by_economy = false;
};

LabelGroups label_groups(const sim::MetricSpec& spec, const sim::ScenarioResult& sc) {
  LabelGroups g;
  g.names.emplace_back(kAllEconomies);
  const auto pos = std::find(spec.dims.begin(), spec.dims.end(), "economy");
  if (pos == spec.dims.end()) return g;
  g.by_economy = true;
  // Labels are row-major over dims: the economy index of label l is
  // (l / stride) % size, stride being the product of the later dims' sizes.
  std::size_t stride = 1;
  for (auto it = pos + 1; it != spec.dims.end(); ++it) stride *= sc.coords.at(*it).size();
  const auto& codes = sc.coords.at("economy");
  g.names.insert(g.names.end(), codes.begin(), codes.end());
  std::size_t labels = 1;
  for (const auto& d : spec.dims) labels *= sc.coords.at(d).size();
  g.economy_of_label.resize(labels);
  for (std::size_t l = 0; l < labels; ++l) g.economy_of_label[l] = (l / stride) % codes.size();
  return g;
}

std::size_t spec_index(const std::vector<sim::MetricSpec>& specs, const std::string& name) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == name) return i;
  }
  throw std::invalid_argument("metric '" + name + "' is not declared");
}

/// One series read over its horizon: the first step of the window, or NaN
/// for "the last step" of a run without steps.
struct Window {
  const std::vector<double>* values = nullptr;
  std::size_t first = 0;
  bool undefined = false;
};

/// Per group (see LabelGroups) and replication, the horizon value of metric
/// `m` read with `horizon` and combined across labels with `aggregate`.
/// Weights, numerators and denominators are read over their own metric's
/// horizon: a flow over a stock (defaults in the last year / borrowers at the
/// end) is then an annual rate, as the model declares it.
std::vector<std::vector<double>> grouped_values(const std::vector<sim::MetricSpec>& specs,
                                                std::size_t m, const sim::ScenarioResult& sc,
                                                const LabelGroups& groups, sim::Horizon horizon,
                                                sim::Aggregate aggregate) {
  const auto& spec = specs[m];
  const auto R = static_cast<std::size_t>(sc.replications);
  const auto T = static_cast<std::size_t>(sc.steps);
  const std::size_t L = sc.metrics[m].labels;

  const auto window = [&](std::size_t index, sim::Horizon h) {
    Window w;
    w.values = &sc.metrics[index].values;
    if (h == sim::Horizon::Last) {
      w.first = T > 0 ? T - 1 : 0;
      w.undefined = T == 0;
    } else if (h == sim::Horizon::LastYearSum) {
      const auto year = static_cast<std::size_t>(sc.steps_per_year);
      w.first = T > year ? T - year : 0;
    }
    return w;
  };
  // Sum of one label over the window (or its single value without time axis).
  const auto window_sum = [&](const Window& w, std::size_t r, std::size_t l) {
    if (!spec.per_step) return (*w.values)[r * L + l];
    if (w.undefined) return kNaN;
    double s = 0;
    for (std::size_t t = w.first; t < T; ++t) s += (*w.values)[(r * T + t) * L + l];
    return s;
  };
  const auto companion = [&](const std::string& name) {
    const std::size_t index = spec_index(specs, name);
    return window(index, specs[index].horizon);
  };

  Window num = window(m, horizon);
  Window den;
  if (aggregate == sim::Aggregate::WeightedMean) {
    den = companion(spec.weight);
  } else if (aggregate == sim::Aggregate::Ratio) {
    num = companion(spec.weight);
    den = companion(spec.denominator);
  }

  const std::size_t G = groups.names.size();
  std::vector<std::vector<double>> out(G, std::vector<double>(R, kNaN));
  std::vector<double> top(G);
  std::vector<double> bottom(G);
  for (std::size_t r = 0; r < R; ++r) {
    std::fill(top.begin(), top.end(), 0.0);
    std::fill(bottom.begin(), bottom.end(), 0.0);
    for (std::size_t l = 0; l < L; ++l) {
      const std::size_t g = groups.by_economy ? 1 + groups.economy_of_label[l] : 0;
      double t_val = 0;
      double b_val = 0;
      switch (aggregate) {
        case sim::Aggregate::Sum:
          t_val = window_sum(num, r, l);
          break;
        case sim::Aggregate::WeightedMean:
          b_val = window_sum(den, r, l);
          // A label without weight (a share of no firms) has no defined
          // value, often NaN; it contributes nothing rather than NaN.
          t_val = b_val == 0 ? 0.0 : b_val * window_sum(num, r, l);
          break;
        case sim::Aggregate::Ratio:
          t_val = window_sum(num, r, l);
          b_val = window_sum(den, r, l);
          break;
      }
      top[0] += t_val;
      bottom[0] += b_val;
      if (g != 0) {
        top[g] += t_val;
        bottom[g] += b_val;
      }
    }
    for (std::size_t g = 0; g < G; ++g) {
      if (aggregate == sim::Aggregate::Sum) {
        out[g][r] = top[g];
      } else {
        // Zero total weight or denominator: the value is undefined, not 0.
        out[g][r] = bottom[g] != 0 ? top[g] / bottom[g] : kNaN;
      }
    }
  }
  return out;
}

/// Paired differences a[r] - b[r] over the replications both have.
std::vector<double> paired_differences(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  std::vector<double> d(n);
  for (std::size_t r = 0; r < n; ++r) d[r] = a[r] - b[r];
  return d;
}

/// Horizon values of one metric of one scenario, by economy code.
using ByEconomy = std::map<std::string, std::vector<double>>;

ByEconomy by_economy(const std::vector<sim::MetricSpec>& specs, std::size_t m,
                     const sim::ScenarioResult& sc, sim::Horizon horizon, sim::Aggregate aggregate) {
  const LabelGroups groups = label_groups(specs[m], sc);
  auto values = grouped_values(specs, m, sc, groups, horizon, aggregate);
  ByEconomy out;
  for (std::size_t g = 0; g < groups.names.size(); ++g) out[groups.names[g]] = std::move(values[g]);
  return out;
}

const std::vector<double>& lookup(const ByEconomy& values, const std::string& economy) {
  static const std::vector<double> none;
  const auto it = values.find(economy);
  return it == values.end() ? none : it->second;
}

double mean_of(const std::vector<double>& x) {
  if (x.empty()) return kNaN;
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

/// Number of characters as a terminal shows them (UTF-8 continuation bytes
/// take no column).
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string pad(const std::string& s, std::size_t width, bool right) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  const std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string interval_cell(double value, double low, double high, bool sign) {
  std::string cell = format_number(value, sign);
  if (!std::isnan(low) || !std::isnan(high)) {
    cell += " [" + format_number(low, sign) + ", " + format_number(high, sign) + "]";
  }
  return cell;
}

}  // namespace

double student_t_quantile(double p, double dof) {
  if (!(p > 0 && p < 1) || !(dof > 0)) {
    throw std::invalid_argument("student_t_quantile: need 0 < p < 1 and dof > 0");
  }
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, dof);
  const double tail = 1 - p;
  double lo = 0;
  double hi = 1;
  while (t_upper_tail(hi, dof) > tail && hi < 1e300) hi *= 2;
  // Bisection: the tail is monotone in t, and each step gains one bit.
  for (int i = 0; i < 2000 && hi - lo > 1e-15 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (t_upper_tail(mid, dof) > tail) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

MeanInterval mean_interval(const std::vector<double>& sample) {
  const std::size_t n = sample.size();
  if (n == 0) return {kNaN, kNaN, kNaN};
  const double mean = mean_of(sample);
  if (n == 1) return {mean, kNaN, kNaN};
  double ss = 0;
  for (double v : sample) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
  const double t = student_t_quantile(0.5 + kConfidenceLevel / 2, static_cast<double>(n - 1));
  return {mean, mean - t * se, mean + t * se};
}

std::vector<double> horizon_values(const std::vector<sim::MetricSpec>& specs, std::size_t metric,
                                   const sim::ScenarioResult& scenario, const std::string& economy) {
  if (metric >= specs.size()) throw std::invalid_argument("horizon_values: metric index out of range");
  const auto& spec = specs[metric];
  return lookup(by_economy(specs, metric, scenario, spec.horizon, spec.aggregate), economy);
}

std::vector<SummaryRow> compute_summary(const std::vector<sim::MetricSpec>& specs,
                                        const sim::EnsembleResult& result) {
  validate_specs(specs);
  validate_results(specs, result);
  const sim::ScenarioResult& base = result.scenarios[result.baseline];

  std::size_t fiscal = specs.size();
  for (std::size_t m = 0; m < specs.size(); ++m) {
    if (specs[m].name == kFiscalCostMetric) fiscal = m;
  }
  // Fiscal cost is spending over the whole run, whatever the metric's own
  // horizon and aggregation say.
  const auto fiscal_values = [&](const sim::ScenarioResult& sc) {
    return fiscal < specs.size()
               ? by_economy(specs, fiscal, sc, sim::Horizon::TotalSum, sim::Aggregate::Sum)
               : ByEconomy{};
  };
  const ByEconomy base_fiscal = fiscal_values(base);
  std::vector<ByEconomy> base_values;
  base_values.reserve(specs.size());
  for (std::size_t m = 0; m < specs.size(); ++m) {
    base_values.push_back(by_economy(specs, m, base, specs[m].horizon, specs[m].aggregate));
  }

  std::vector<SummaryRow> rows;
  for (std::size_t s = 0; s < result.scenarios.size(); ++s) {
    const auto& sc = result.scenarios[s];
    const ByEconomy sc_fiscal = s == result.baseline ? base_fiscal : fiscal_values(sc);
    for (std::size_t m = 0; m < specs.size(); ++m) {
      const auto& spec = specs[m];
      const ByEconomy values = s == result.baseline
                                   ? base_values[m]
                                   : by_economy(specs, m, sc, spec.horizon, spec.aggregate);
      std::vector<std::string> economies{kAllEconomies};
      if (std::find(spec.dims.begin(), spec.dims.end(), "economy") != spec.dims.end()) {
        const auto& codes = sc.coords.at("economy");
        economies.insert(economies.end(), codes.begin(), codes.end());
      }
      for (const auto& economy : economies) {
        const auto& own = lookup(values, economy);
        const MeanInterval level = mean_interval(own);
        const MeanInterval diff =
            mean_interval(paired_differences(own, lookup(base_values[m], economy)));
        SummaryRow row;
        row.scenario = sc.name;
        row.metric = spec.name;
        row.economy = economy;
        row.mean = level.mean;
        row.ci_low = level.low;
        row.ci_high = level.high;
        row.diff_mean = diff.mean;
        row.diff_ci_low = diff.low;
        row.diff_ci_high = diff.high;
        row.fiscal_cost_usd =
            mean_of(paired_differences(lookup(sc_fiscal, economy), lookup(base_fiscal, economy)));
        row.cost_per_unit = (row.diff_mean != 0 && !std::isnan(row.diff_mean))
                                ? row.fiscal_cost_usd / row.diff_mean
                                : kNaN;
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

std::string format_number(double x, bool sign) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? (sign ? "+inf" : "inf") : "-inf";
  const double ax = std::fabs(x);
  char buf[64];
  const char* plus = (sign && x > 0) ? "+" : "";
  if (ax >= 1e3) {
    static const std::pair<double, const char*> scales[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& [scale, suffix] : scales) {
      if (ax >= scale || scale == 1e3) {
        const double v = x / scale;
        const int decimals = std::fabs(v) >= 100 ? 0 : std::fabs(v) >= 10 ? 1 : 2;
        std::snprintf(buf, sizeof buf, "%s%.*f%s", plus, decimals, v, suffix);
        return buf;
      }
    }
  }
  if (ax == 0) return "0";
  if (ax < 1e-6) {
    std::snprintf(buf, sizeof buf, "%s%.2e", plus, x);
    return buf;
  }
  // Three significant digits without an exponent.
  const int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(ax))));
  std::snprintf(buf, sizeof buf, "%s%.*f", plus, decimals, x);
  return buf;
}

std::string render_summary_table(const std::vector<SummaryRow>& rows,
                                 const std::vector<sim::MetricSpec>& specs,
                                 const std::vector<std::string>& metric_names,
                                 const std::string& baseline, const std::string& economy) {
  std::vector<std::string> scenarios;
  std::map<std::pair<std::string, std::string>, const SummaryRow*> index;
  for (const auto& row : rows) {
    if (row.economy != economy) continue;
    if (std::find(scenarios.begin(), scenarios.end(), row.scenario) == scenarios.end()) {
      scenarios.push_back(row.scenario);
    }
    index[{row.scenario, row.metric}] = &row;
  }
  std::vector<std::string> metrics;
  for (const auto& name : metric_names) {
    const bool present = std::any_of(rows.begin(), rows.end(), [&](const SummaryRow& r) {
      return r.metric == name && r.economy == economy;
    });
    if (present && std::find(metrics.begin(), metrics.end(), name) == metrics.end()) {
      metrics.push_back(name);
    }
  }
  // The baseline's row comes first: it gives the levels the differences refer to.
  const auto base_it = std::find(scenarios.begin(), scenarios.end(), baseline);
  if (base_it != scenarios.end()) std::rotate(scenarios.begin(), base_it, base_it + 1);

  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header{"scenario"};
  for (const auto& name : metrics) {
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const sim::MetricSpec& s) { return s.name == name; });
    header.push_back(spec != specs.end() && !spec->unit.empty() ? name + " [" + spec->unit + "]"
                                                                : name);
  }
  table.push_back(header);
  for (const auto& sc : scenarios) {
    const bool is_base = sc == baseline;
    std::vector<std::string> line{is_base ? sc + " (level)" : sc};
    for (const auto& name : metrics) {
      const auto it = index.find({sc, name});
      if (it == index.end()) {
        line.emplace_back("n/a");
      } else if (is_base) {
        line.push_back(interval_cell(it->second->mean, it->second->ci_low, it->second->ci_high, false));
      } else {
        line.push_back(interval_cell(it->second->diff_mean, it->second->diff_ci_low,
                                     it->second->diff_ci_high, true));
      }
    }
    table.push_back(std::move(line));
  }

  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : table) {
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], display_width(line[c]));
  }
  const std::string where = economy == kAllEconomies ? "all economies" : "economy " + economy;
  std::string out = "At the horizon, " + where + ": baseline levels, then differences from '" +
                    baseline + "' (paired by replication), mean [95% CI]\n";
  for (std::size_t i = 0; i < table.size(); ++i) {
    std::string text;
    for (std::size_t c = 0; c < table[i].size(); ++c) {
      if (c > 0) text += "  ";
      text += pad(table[i][c], widths[c], c > 0);
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
    if (i == 0) {
      std::size_t total = 0;
      for (auto w : widths) total += w;
      out += std::string(total + 2 * (widths.size() - 1), '-') + "\n";
    }
  }
  return out;
}

}  // namespace output
