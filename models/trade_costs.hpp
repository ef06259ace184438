#pragma once
/// @file trade_costs.hpp
/// @brief TradeCosts: bilateral costs per ordered pair (importer d, exporter o) and sector.
#include <vector>

namespace models {

/// @brief Trade costs. Base values come from data; `tariff_pct`, `ntb_ave`,
/// `recognition` and `freight_factor` are the current values, reset from the
/// base each step and then changed by active policies and shocks.
struct TradeCosts {
  int economies = 0, sectors = 0;
  std::vector<double> distance_km;     ///< [d*E+o]
  std::vector<double> freight;         ///< [d*E+o] ad valorem freight at base logistics
  std::vector<char> fta;               ///< [d*E+o]
  std::vector<char> base_recognition;  ///< [d*E+o]
  std::vector<double> base_tariff_pct; ///< [(d*E+o)*S+s]
  std::vector<double> base_ntb;        ///< [(d*E+o)*S+s]
  // Current values (this step).
  std::vector<double> tariff_pct, ntb_ave;
  std::vector<char> recognition;
  std::vector<double> freight_factor;  ///< [e] multiplier on freight of flows into and out of e
  std::vector<short> tariff_program;   ///< [(d*E+o)*S+s] instrument that cut this tariff (books forgone revenue), -1

  [[nodiscard]] int pair(int d, int o) const { return d * economies + o; }
  [[nodiscard]] int cell(int d, int o, int s) const { return (d * economies + o) * sectors + s; }
  /// @brief Landed-cost factor of goods from o to d in sector s (1 at home).
  [[nodiscard]] double landed_factor(int d, int o, int s) const {
    if (d == o) return 1.0 + freight[pair(d, o)] * freight_factor[d];
    const int c = cell(d, o, s);
    const double f = freight[pair(d, o)] * 0.5 * (freight_factor[d] + freight_factor[o]);
    return (1.0 + tariff_pct[c] / 100.0) * (1.0 + ntb_ave[c]) * (1.0 + f);
  }
};

}  // namespace models
