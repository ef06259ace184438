#include "sim/model.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim {

MetricFrame::MetricFrame(const std::vector<MetricSpec>& specs, const Coordinates& coords) {
  values_.reserve(specs.size());
  for (const auto& spec : specs) {
    std::size_t n = 1;
    for (const auto& dim : spec.dims) {
      const auto it = coords.find(dim);
      // A dimension without labels is a model bug; name it rather than
      // silently sizing the metric to zero.
      if (it == coords.end()) {
        throw std::invalid_argument("metric '" + spec.name + "': dimension '" + dim +
                                    "' has no coordinates");
      }
      n *= it->second.size();
    }
    values_.emplace_back(n, 0.0);
  }
}

void MetricFrame::clear() {
  for (auto& v : values_) std::fill(v.begin(), v.end(), 0.0);
}

std::size_t ModelDefinition::metric_index(const std::string& metric) const {
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (metrics[i].name == metric) return i;
  }
  throw std::out_of_range("unknown metric '" + metric + "' in model '" + name + "'");
}

}  // namespace sim
