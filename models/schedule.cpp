// Phase 1: policies and shocks active this step write their parameters into
// the model's hooks. Everything they set is reset first, so an instrument
// that ends simply stops writing.
#include "models/instrument.hpp"
#include "models/phases.hpp"

namespace models {

void reset_trade_costs(World& w) {
  TradeCosts& t = w.trade;
  t.tariff_pct = t.base_tariff_pct;
  t.ntb_ave = t.base_ntb;
  t.recognition = t.base_recognition;
  t.freight_factor.assign(static_cast<std::size_t>(t.economies), 1.0);
  t.tariff_program.assign(t.base_tariff_pct.size(), -1);
}

void schedule(World& w, const sim::StepContext& ctx) {
  w.step = ctx.step;
  w.counters.clear();
  reset_trade_costs(w);
  w.cells.clear();
  w.market.clear();
  for (auto& p : w.parks) p.service_level = p.base_service_level;
  const double now = w.years();
  for (auto& ins : w.instruments) {
    if (!ins->active(now)) continue;
    if (!ins->started) {
      ins->start(w);
      ins->started = true;
    }
    ins->apply(w, ctx);
  }
}

}  // namespace models
