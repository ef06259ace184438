// Phase 8: log productivity moves by drift + a heavy-tailed (Laplace)
// shock + learning by supplying lead firms (more under supplier-development
// and technology-transfer programmes) + catch-up toward the park frontier for
// members + training and innovation programmes, with a weak pull toward the
// economy-sector mean that keeps the distribution stationary.
#include "models/phases.hpp"

#include <cmath>

namespace models {

void learning(World& w, const sim::StepContext& ctx) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  // Park frontiers (mean + 1 sd of members), from values fixed at phase start.
  std::vector<double> ps(w.parks.size(), 0.0), pss(w.parks.size(), 0.0), pn(w.parks.size(), 0.0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const double x = f.log_phi[i];
    if (f.park[i] >= 0) {
      const auto p = static_cast<std::size_t>(f.park[i]);
      ps[p] += x;
      pss[p] += x * x;
      pn[p] += 1;
    }
  }
  for (std::size_t p = 0; p < w.parks.size(); ++p) {
    if (pn[p] < 1) continue;
    const double mean = ps[p] / pn[p];
    w.parks[p].frontier_log_phi = mean + std::sqrt(std::max(0.0, pss[p] / pn[p] - mean * mean));
  }
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
    const double x = f.log_phi[i];
    // Mean reversion toward the technology level (initial mean 0 plus drift), not the
    // current population mean, so turnover cannot drag the reference down.
    double d = c.drift - c.mean_reversion * (x - c.drift * (ctx.step + 1));
    if (w.lead_supplier[i] != 0) {
      d += c.learning_by_supplying * (1.0 + w.cells.get_for(f, i, Channel::SupplierLearning).value);
    }
    if (f.park[i] >= 0) {
      const Park& pk = w.parks[static_cast<std::size_t>(f.park[i])];
      if (pk.frontier_log_phi > x) d += c.park_catchup * pk.service_level * (pk.frontier_log_phi - x);
    }
    const CellValue& tr = w.cells.get_for(f, i, Channel::Training);
    if (tr.program >= 0) {
      d += tr.aux * w.dt;
      f.set(i, kTrained, true);  // a lasting bonus on upgrade success (phase 7)
    }
    const CellValue& in = w.cells.get_for(f, i, Channel::Innovation);
    if (in.program >= 0) {
      // R&D grants: the drift applies only while the grant is paid.
      const double grant = w.programs[static_cast<std::size_t>(in.program)].spend(in.aux * w.dt);
      if (grant > 0) {
        w.government_usd -= grant;
        w.outside_usd += grant;  // spent on R&D inputs bought outside
        w.counters.fiscal_cost_usd[k] += grant;
        d += in.value * w.dt;
      }
    }
    d += c.shock_sd * w.learning_shock[i];
    f.log_phi[i] = static_cast<float>(x + d);
  }
}

}  // namespace models
