#include "output/validate.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace output {

namespace {

const sim::MetricSpec* find_spec(const std::vector<sim::MetricSpec>& specs, const std::string& name) {
  const auto it = std::find_if(specs.begin(), specs.end(),
                               [&](const sim::MetricSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

/// A weight, numerator or denominator is read label by label and step by
/// step alongside the metric, so it must have the same shape.
void check_companion(const std::vector<sim::MetricSpec>& specs, const sim::MetricSpec& spec,
                     const std::string& role, const std::string& name) {
  const std::string where = "metric '" + spec.name + "': ";
  if (name.empty()) throw std::invalid_argument(where + role + " metric is not named");
  const sim::MetricSpec* other = find_spec(specs, name);
  if (other == nullptr) {
    throw std::invalid_argument(where + role + " metric '" + name + "' is not declared");
  }
  if (other->dims != spec.dims || other->per_step != spec.per_step) {
    throw std::invalid_argument(where + role + " metric '" + name +
                                "' must have the same dims and per_step as the metric");
  }
}

}  // namespace

bool valid_hdf5_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

void validate_specs(const std::vector<sim::MetricSpec>& specs) {
  std::set<std::string> names;
  std::set<std::string> dims;
  for (const auto& spec : specs) {
    for (const auto& d : spec.dims) dims.insert(d);
  }
  for (const auto& spec : specs) {
    const std::string where = "metric '" + spec.name + "': ";
    if (!valid_hdf5_name(spec.name)) {
      throw std::invalid_argument(where + "name must be non-empty and contain no '/'");
    }
    if (!names.insert(spec.name).second) throw std::invalid_argument(where + "declared twice");
    if (spec.name == "replication" || spec.name == "time" || dims.count(spec.name) != 0) {
      throw std::invalid_argument(where + "name is taken by a coordinate");
    }
    std::set<std::string> own;
    for (const auto& d : spec.dims) {
      if (!valid_hdf5_name(d) || d == "replication" || d == "time") {
        throw std::invalid_argument(where + "invalid dimension name '" + d + "'");
      }
      if (!own.insert(d).second) throw std::invalid_argument(where + "dimension '" + d + "' repeated");
    }
    if (spec.aggregate == sim::Aggregate::WeightedMean) {
      check_companion(specs, spec, "weight", spec.weight);
    } else if (spec.aggregate == sim::Aggregate::Ratio) {
      check_companion(specs, spec, "numerator (weight)", spec.weight);
      check_companion(specs, spec, "denominator", spec.denominator);
    }
  }
}

void validate_results(const std::vector<sim::MetricSpec>& specs, const sim::EnsembleResult& result) {
  if (result.scenarios.empty()) throw std::invalid_argument("the ensemble result has no scenarios");
  if (result.baseline >= result.scenarios.size()) {
    throw std::invalid_argument("baseline index " + std::to_string(result.baseline) +
                                " is out of range");
  }
  std::set<std::string> names;
  for (const auto& sc : result.scenarios) {
    const std::string where = "scenario '" + sc.name + "': ";
    if (!valid_hdf5_name(sc.name)) {
      throw std::invalid_argument(where + "name must be non-empty and contain no '/'");
    }
    if (!names.insert(sc.name).second) throw std::invalid_argument(where + "appears twice");
    if (sc.replications < 0 || sc.steps < 0 || sc.steps_per_year <= 0) {
      throw std::invalid_argument(where + "negative replications or steps, or steps_per_year <= 0");
    }
    if (sc.time_years.size() != static_cast<std::size_t>(sc.steps)) {
      throw std::invalid_argument(where + "time_years has " + std::to_string(sc.time_years.size()) +
                                  " entries for " + std::to_string(sc.steps) + " steps");
    }
    if (sc.metrics.size() != specs.size()) {
      throw std::invalid_argument(where + std::to_string(sc.metrics.size()) + " metric series for " +
                                  std::to_string(specs.size()) + " declared metrics");
    }
    for (std::size_t m = 0; m < specs.size(); ++m) {
      const auto& spec = specs[m];
      const auto& series = sc.metrics[m];
      const std::string at = where + "metric '" + spec.name + "': ";
      std::size_t labels = 1;
      for (const auto& d : spec.dims) {
        const auto it = sc.coords.find(d);
        if (it == sc.coords.end()) throw std::invalid_argument(at + "no coordinates for '" + d + "'");
        labels *= it->second.size();
      }
      if (series.labels != labels) {
        throw std::invalid_argument(at + "series has " + std::to_string(series.labels) +
                                    " labels, its dims give " + std::to_string(labels));
      }
      const std::size_t times = spec.per_step ? static_cast<std::size_t>(sc.steps) : 1;
      const std::size_t expected = static_cast<std::size_t>(sc.replications) * times * labels;
      if (series.values.size() != expected) {
        throw std::invalid_argument(at + std::to_string(series.values.size()) +
                                    " values, expected " + std::to_string(expected) +
                                    " (replications x steps x labels)");
      }
    }
  }
}

}  // namespace output
