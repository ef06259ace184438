// Phase 4: orders flow down the tiers (lead firms, then tier 1, 2, ...) as
// input share x output; each SME produces the least of demand, capacity and
// what its working capital allows; deliveries flow back up, rationed pro
// rata, and buyers buy any shortfall on the spot market at a premium.
// Every payment is a transfer between two accounts.
#include "models/phases.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

// Capacity of a buyer's live suppliers: orders are split in proportion to it,
// so a micro supplier is not asked for as much as a medium one. A supplier that
// exited has no capacity (entry_exit), so it adds nothing and gets no orders.
double supplier_capacity(const World& w, const std::uint32_t* slots, int n) {
  double cap = 0;
  for (int j = 0; j < n; ++j) {
    if (slots[j] != kNoFirm) cap += w.sme.capacity_units[slots[j]];
  }
  return cap;
}

// Deliveries and payments: a buyer's chain and spot purchases, with the phase's transfers
// to the government and the outside world summed in `flows`.
struct Payments {
  World& w;
  SmeTable& f;
  const double spot_factor;    // 1 + spot premium
  std::vector<double> landed;  // [cell(d, o, s)] landed-cost factor this step
  Transfers flows;

  explicit Payments(World& world)
      : w(world), f(world.sme), spot_factor(1.0 + world.cfg.spot_premium) {
    const int E = w.E(), S = w.S();
    landed.resize(static_cast<std::size_t>(E * E * S));
    for (int d = 0; d < E; ++d)
      for (int o = 0; o < E; ++o)
        for (int s = 0; s < S; ++s)
          landed[static_cast<std::size_t>(w.trade.cell(d, o, s))] = w.trade.landed_factor(d, o, s);
  }

  // A buyer in economy d, sector s pays for `units` of inputs ordered from its
  // suppliers; returns the landed cost it paid (chain plus spot).
  double buy_inputs(double& buyer_cash, const std::uint32_t* slots, int n, int d, int s,
                    double units) {
    const double cap = supplier_capacity(w, slots, n);
    double paid = 0, delivered_total = 0;
    if (cap > 0) {
      for (int j = 0; j < n; ++j) {
        const std::uint32_t sup = slots[j];
        if (sup == kNoFirm) continue;
        const double q = w.order_to(sup, units, cap) * f.fill_ratio[sup];
        if (q <= 0) continue;
        delivered_total += q;
        const int o = f.economy[sup];
        const double base = q * f.price[sup];
        f.revenue_usd[sup] += static_cast<float>(base);
        f.cash_usd[sup] += base;
        double landed_usd = base;
        const auto cell = static_cast<std::size_t>(w.trade.cell(d, o, s));
        if (o != d) {
          const double tariff = base * w.trade.tariff_pct[cell] / 100.0;
          flows.government_usd += tariff;
          const double other = base * landed[cell] - base - tariff;  // NTB and freight
          flows.outside_usd += other;
          landed_usd += tariff + other;
          w.counters.exports_usd[static_cast<std::size_t>(w.es(o, f.sector[sup]))] += base;
          const short prog = w.trade.tariff_program[cell];
          const double forgone =
              base * (w.trade.base_tariff_pct[cell] - w.trade.tariff_pct[cell]) / 100.0;
          if (prog >= 0 && forgone > 0) {
            const double booked = w.programs[static_cast<std::size_t>(prog)].spend(forgone);
            w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(d, s))] += booked;
          }
        } else {
          const double other = base * (landed[cell] - 1.0);
          flows.outside_usd += other;
          landed_usd += other;
        }
        paid += landed_usd;
      }
    }
    const double spot = std::max(0.0, units - delivered_total) * spot_factor;
    flows.outside_usd += spot;
    paid += spot;
    buyer_cash -= paid;
    return paid;
  }
};

}  // namespace

void production(World& w, const sim::StepContext& /*ctx*/) {
  SmeTable& f = w.sme;
  const std::size_t n = f.size();
  for (std::size_t i = 0; i < n; ++i) {
    f.orders_units[i] = 0;
    f.output_units[i] = 0;
    f.revenue_usd[i] = 0;
    f.costs_usd[i] = 0;
  }
  // Orders from lead firms to tier 1.
  LeadFirms& L = w.lead;
  for (std::size_t l = 0; l < L.size(); ++l) {
    const std::uint32_t* slots = &L.supplier[l * static_cast<std::size_t>(L.slots)];
    const double cap = supplier_capacity(w, slots, L.slots);
    if (cap <= 0) continue;
    const double units = w.sect[L.sector[l]].input_share[0] * L.planned_units[l];
    for (int j = 0; j < L.slots; ++j) {
      if (slots[j] != kNoFirm) f.orders_units[slots[j]] += static_cast<float>(w.order_to(slots[j], units, cap));
    }
  }
  std::vector<float>& work_share = w.work_share;  // share of the step's hours a firm can finance
  work_share.assign(n, 1.0F);
  // Tier by tier: plan, produce, order from the next tier.
  const Groups& g = w.groups;
  const int E = w.E(), S = w.S();
  const int m = std::min(w.cfg.sme_slots, kMaxSlots);
  for (int t = 1; t <= kMaxTiers; ++t) {
    for (int e = 0; e < E; ++e) {
      const Economy& ec = w.econ[static_cast<std::size_t>(e)];
      for (int s = 0; s < S; ++s) {
        const Sector& sec = w.sect[static_cast<std::size_t>(s)];
        if (t > sec.tiers) continue;
        const auto gk = static_cast<std::size_t>(w.group(e, s, t));
        // The group's constants: its input share, with the spot premium.
        const double a = input_share(w, s, t);
        const double a_spot = a * (1.0 + w.cfg.spot_premium);
        const double wage = ec.wage_usd_per_year, dt = w.dt, wc_share = w.cfg.working_capital_share;
        for (std::uint32_t p = g.start[gk]; p < g.start[gk + 1]; ++p) {
          const std::uint32_t i = g.ids[p];
          const float orders = f.orders_units[i];
          const double planned = f.local_demand_units[i] + orders;  // summed in float
          const double wages = wage * f.employees[i] * dt;
          const double possible = std::min(planned, static_cast<double>(f.capacity_units[i]));
          // Working capital: the part of wages and inputs paid before revenue comes in must be
          // in cash; a firm short of it scales down, cutting hours with output (short-time work).
          // Written as selects, though GCC 12 compiles them into branches; forcing selects
          // (select.hpp) was slower here (docs/performance.md section 6).
          const double upfront = wc_share * (wages + a_spot * possible);
          const double ratio = std::clamp(f.cash_usd[i] / (upfront > 0 ? upfront : 1.0), 0.0, 1.0);
          const double fin = upfront > 0 ? ratio : 1.0;
          work_share[i] = static_cast<float>(fin);
          const double out = std::max(0.0, possible * fin);
          f.output_units[i] = static_cast<float>(out);
          // Chain orders are contracts and are served first; the local market takes the rest.
          const auto filled = static_cast<float>(std::min(1.0, out / (orders > 0 ? orders : 1.0F)));
          f.fill_ratio[i] = orders > 0 ? filled : 1.0F;
          if (t < sec.tiers) {
            const std::uint32_t* slots = &f.supplier[i * kMaxSlots];
            const double cap = supplier_capacity(w, slots, m);
            if (cap > 0) {
              for (int j = 0; j < m; ++j) {
                if (slots[j] != kNoFirm) f.orders_units[slots[j]] += static_cast<float>(w.order_to(slots[j], a * out, cap));
              }
            }
          }
        }
      }
    }
  }
  // Deliveries and payments. Fill ratios are final now, so the order of buyers does not matter.
  Payments pay(w);
  for (std::size_t l = 0; l < L.size(); ++l) {
    const double revenue = L.planned_units[l];  // lead output sells at 1 USD per unit
    pay.flows.outside_usd -= revenue;
    L.cash_usd[l] += revenue;
    pay.buy_inputs(L.cash_usd[l], &L.supplier[l * static_cast<std::size_t>(L.slots)], L.slots,
                   L.economy[l], L.sector[l],
                   w.sect[L.sector[l]].input_share[0] * L.planned_units[l]);
    // Value added and profits of lead firms leave the model.
    pay.flows.outside_usd += L.cash_usd[l];
    L.cash_usd[l] = 0;
  }
  const double dt = w.dt, emissions_scale = w.cfg.emissions_scale;
  // input_share() and whether the tier buys from SMEs, by (sector, tier), for the row-order loop.
  std::vector<double> share_st(static_cast<std::size_t>(S * kMaxTiers), 0.0);
  std::vector<std::uint8_t> buys_st(share_st.size(), 0);
  for (int s = 0; s < S; ++s) {
    const Sector& sec = w.sect[static_cast<std::size_t>(s)];
    for (int t = 1; t <= kMaxTiers; ++t) {
      const auto st = static_cast<std::size_t>(s * kMaxTiers + t - 1);
      buys_st[st] = t < sec.tiers ? 1 : 0;
      share_st[st] = input_share(w, s, t);
    }
  }
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < n; ++i) {
    // The suppliers of the buyer kAhead rows on are fetched now: each link reads six columns
    // of a random row, and the misses would otherwise come one buyer at a time.
    if (i + kAhead < n) {
      const std::uint32_t* ahead = &f.supplier[(i + kAhead) * kMaxSlots];
      for (int j = 0; j < m; ++j) {
        if (ahead[j] == kNoFirm) continue;
        __builtin_prefetch(&f.capacity_units[ahead[j]]);
        __builtin_prefetch(&f.cash_usd[ahead[j]]);
        __builtin_prefetch(&f.fill_ratio[ahead[j]]);
        __builtin_prefetch(&f.price[ahead[j]]);
        __builtin_prefetch(&f.revenue_usd[ahead[j]]);
        __builtin_prefetch(&f.economy[ahead[j]]);
      }
    }
    if (!f.alive(i)) continue;
    const int e = f.economy[i], s = f.sector[i];
    const auto st = static_cast<std::size_t>(s * kMaxTiers + f.tier[i] - 1);
    const double out = f.output_units[i];
    const double p = f.price[i];
    // Local sales: what is left after chain orders.
    const double local = std::min(static_cast<double>(f.local_demand_units[i]), std::max(0.0, out - f.orders_units[i])) * p;
    pay.flows.outside_usd -= local;
    f.cash_usd[i] += local;
    f.revenue_usd[i] += static_cast<float>(local);
    const Economy& ec = w.econ[static_cast<std::size_t>(e)];
    const double wages = ec.wage_usd_per_year * f.employees[i] * dt * work_share[i];
    f.cash_usd[i] -= wages;
    pay.flows.outside_usd += wages;
    const double a = share_st[st];
    double inputs = 0;
    if (buys_st[st] != 0) {
      inputs = pay.buy_inputs(f.cash_usd[i], &f.supplier[i * kMaxSlots], m, e, s, a * out);
    } else {
      inputs = a * out;  // raw materials from outside at reference prices
      f.cash_usd[i] -= inputs;
      pay.flows.outside_usd += inputs;
    }
    f.costs_usd[i] = static_cast<float>(wages + inputs);
    const auto k = static_cast<std::size_t>(w.es(e, s));
    w.counters.value_added_usd[k] += out * p - inputs;
    w.counters.emissions_t[k] += out * p * w.sect[static_cast<std::size_t>(s)].emissions_t_per_usd *
                                 ec.carbon_intensity_factor * emissions_scale *
                                 (1.0 - 0.6 * f.green[i]);
  }
  pay.flows.book(w);
}

}  // namespace models
