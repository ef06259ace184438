// Phase 3: buyers (lead firms at tier 0, SMEs at tier t) review their
// suppliers with probability rho, drop those that exited or no longer meet
// requirements or delivered too little, then sample k candidates in O(k):
// the origin economy from a small gravity x visibility table, the firm from
// an alias table per (economy, sector, tier). They keep the eligible
// candidates with the lowest landed cost.
#include "models/phases.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

struct Candidate {
  std::uint32_t id;
  double cost;
};

// Cumulative origin weights per (destination, sector, supplier tier): [((d*S+s)*kMaxTiers + t-1)*E + o].
std::vector<double> origin_table(const World& w) {
  const int E = w.E(), S = w.S();
  std::vector<double> cum(static_cast<std::size_t>(E * S * kMaxTiers * E), 0.0);
  const Config& c = w.cfg;
  for (int d = 0; d < E; ++d) {
    for (int s = 0; s < S; ++s) {
      const Sector& sec = w.sect[static_cast<std::size_t>(s)];
      for (int t = 1; t <= sec.tiers; ++t) {
        double acc = 0;
        for (int o = 0; o < E; ++o) {
          const double vis = w.groups.visibility_total[static_cast<std::size_t>(w.group(o, s, t))];
          double grav = std::pow(w.trade.distance_km[static_cast<std::size_t>(w.trade.pair(d, o))] / c.domestic_distance_km,
                                 -c.distance_elasticity);
          if (o != d) grav *= c.border_effect * sec.tradability;
          acc += vis * grav;
          cum[static_cast<std::size_t>(((d * S + s) * kMaxTiers + t - 1) * E + o)] = acc;
        }
      }
    }
  }
  return cum;
}

struct Requirements {
  double quality, green;
};

Requirements requirements(const World& w, int d, int s, int supplier_tier, bool lead_buyer) {
  const Sector& sec = w.sect[static_cast<std::size_t>(s)];
  double q = sec.quality_requirement[static_cast<std::size_t>(supplier_tier - 1)];
  if (lead_buyer) q = std::max(q, w.cfg.lead_quality_requirement);
  const double g = sec.green_requirement[static_cast<std::size_t>(supplier_tier - 1)] +
                   w.market.green_requirement_add[static_cast<std::size_t>(w.es(d, s))];
  return {q, g};
}

bool meets(const World& w, std::uint32_t j, int d, const Requirements& r) {
  const SmeTable& f = w.sme;
  if (!f.alive(j) || f.quality[j] < r.quality || f.green[j] < r.green) return false;
  const int o = f.economy[j];
  return o == d || f.has(j, kCertified) || w.trade.recognition[static_cast<std::size_t>(w.trade.pair(d, o))] != 0;
}

double landed_cost(const World& w, std::uint32_t j, int d, int s) {
  return w.price(j) * w.trade.landed_factor(d, w.sme.economy[j], s);
}

// One buyer's review: `slots` points at its supplier slots.
void review(World& w, std::uint32_t* slots, int nslots, int d, int s, int supplier_tier, bool lead_buyer,
            std::uint64_t key, std::uint32_t step, Purpose purpose, const std::vector<double>& cum,
            std::vector<Candidate>& cands) {
  const Config& c = w.cfg;
  const SmeTable& f = w.sme;
  const Requirements req = requirements(w, d, s, supplier_tier, lead_buyer);
  const double local_min = lead_buyer ? w.market.local_content_min[static_cast<std::size_t>(w.es(d, s))] : 0.0;
  // Drop suppliers that exited, fall short of requirements, or under-delivered.
  for (int k = 0; k < nslots; ++k) {
    const std::uint32_t j = slots[k];
    if (j == kNoFirm) continue;
    if (!meets(w, j, d, req) || f.fill_ratio[j] < c.delivery_tolerance) slots[k] = kNoFirm;
  }
  // Search: k candidates, O(1) each.
  const int E = w.E();
  const std::size_t base = static_cast<std::size_t>(((d * w.S() + s) * kMaxTiers + supplier_tier - 1) * E);
  const double total = cum[base + static_cast<std::size_t>(E - 1)];
  if (total <= 0) return;
  cands.clear();
  const int draws = lead_buyer ? c.lead_candidates : c.candidates;
  for (int k = 0; k < draws; ++k) {
    const sim::Uniform4 u = w.rng.uniform4(key, step, purpose, static_cast<std::uint32_t>(k));
    const double x = u.u[0] * total;
    int o = 0;
    while (o < E - 1 && cum[base + static_cast<std::size_t>(o)] <= x) ++o;
    const auto gk = static_cast<std::size_t>(w.group(o, s, supplier_tier));
    const std::uint32_t a = w.groups.start[gk], n = w.groups.start[gk + 1] - a;
    if (n == 0) continue;
    auto pos = static_cast<std::uint32_t>(u.u[1] * n);
    if (pos >= n) pos = n - 1;
    if (u.u[2] >= w.groups.alias_prob[a + pos]) pos = w.groups.alias_other[a + pos];
    const std::uint32_t j = w.groups.ids[a + pos];
    if (!meets(w, j, d, req)) continue;
    // Spare capacity for chain work: chain orders come first, so what counts is
    // how much of its capacity the firm has already committed to buyers.
    if (f.orders_units[j] >= c.max_order_share * f.capacity_units[j]) continue;
    if (std::find(slots, slots + nslots, j) != slots + nslots) continue;
    if (std::any_of(cands.begin(), cands.end(), [j](const Candidate& x2) { return x2.id == j; })) continue;
    cands.push_back({j, landed_cost(w, j, d, s)});
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    return a.cost < b.cost || (a.cost == b.cost && a.id < b.id);
  });
  for (const Candidate& cand : cands) {
    const bool foreign = f.economy[cand.id] != d;
    int filled = 0, domestic = 0, free_slot = -1, worst = -1;
    double worst_cost = -1;
    for (int k = 0; k < nslots; ++k) {
      const std::uint32_t j = slots[k];
      if (j == kNoFirm) {
        if (free_slot < 0) free_slot = k;
        continue;
      }
      ++filled;
      if (f.economy[j] == d) ++domestic;
      const double cost = landed_cost(w, j, d, s);
      if (cost > worst_cost) { worst_cost = cost; worst = k; }
    }
    if (free_slot >= 0) {
      if (foreign && domestic < local_min * (filled + 1)) continue;  // local content rule
      slots[free_slot] = cand.id;
    } else if (worst >= 0 && cand.cost < worst_cost * (1.0 - c.switching_threshold)) {
      const bool worst_domestic = f.economy[slots[worst]] == d;
      if (foreign && domestic - (worst_domestic ? 1 : 0) < local_min * filled) continue;
      slots[worst] = cand.id;
    }
  }
}

void source_all(World& w, std::uint32_t step, bool warm) {
  const auto cum = origin_table(w);
  const Config& c = w.cfg;
  std::vector<Candidate> cands;
  cands.reserve(static_cast<std::size_t>(std::max(c.candidates, c.lead_candidates)));
  const Purpose review_purpose = warm ? kDrawWarmup : kDrawReview;
  const Purpose search_purpose = warm ? static_cast<Purpose>(kDrawWarmup + 100) : kDrawSearch;
  LeadFirms& L = w.lead;
  for (std::size_t l = 0; l < L.size(); ++l) {
    if (!warm && w.rng.uniform(L.rng_key[l], step, review_purpose) >= c.review_probability) continue;
    review(w, &L.supplier[l * static_cast<std::size_t>(L.slots)], L.slots, L.economy[l], L.sector[l], 1, true,
           L.rng_key[l], step, search_purpose, cum, cands);
  }
  SmeTable& f = w.sme;
  const int m = std::min(c.sme_slots, kMaxSlots);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!f.alive(i)) continue;
    const int t = f.tier[i];
    if (t >= w.sect[f.sector[i]].tiers) continue;  // the last tier buys raw materials only
    if (!warm && w.rng.uniform(f.rng_key[i], step, review_purpose) >= c.review_probability) continue;
    review(w, &f.supplier[i * kMaxSlots], m, f.economy[i], f.sector[i], t + 1, false, f.rng_key[i], step,
           search_purpose, cum, cands);
  }
}

}  // namespace

void sourcing(World& w, const sim::StepContext& ctx) { source_all(w, static_cast<std::uint32_t>(ctx.step), false); }

void warm_up(World& w, int rounds) {
  SmeTable& f = w.sme;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.capacity_units[i] = static_cast<float>(w.capacity(i));
    f.fill_ratio[i] = 1.0F;
  }
  build_groups(w);
  for (int r = 0; r < rounds; ++r) source_all(w, static_cast<std::uint32_t>(r), true);
}

}  // namespace models
