// Phase 2: final demand grows at its trend (times any demand shock); lead
// firms plan their output; the local market of each tier is shared among
// local SMEs by CES competitiveness: capacity x price^(1-sigma), where the
// price falls with productivity phi.
#include "models/phases.hpp"
#include "models/vector_math.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace models {

namespace {

// Builds the alias tables (Vose) of every group over the visibility weights the
// firm pass put in g.alias_weight, and the groups' visibility totals.
void build_alias_tables(World& w) {
  Groups& g = w.groups;
  const std::size_t G = g.start.size() - 1;
  g.visibility_total.assign(G, 0.0);
  std::vector<std::uint32_t>&small = g.alias_small, &large = g.alias_large;
  for (std::size_t k = 0; k < G; ++k) {
    const std::uint32_t a = g.start[k], b = g.start[k + 1];
    const std::uint32_t m = b - a;
    if (m == 0) continue;
    if (m >= (1U << 30U))
      throw std::length_error("a group of SMEs exceeds 2^30 firms (alias positions are 30 bits)");
    double* const p = g.alias_weight.data() + a;
    double total = 0;
    for (std::uint32_t j = 0; j < m; ++j) total += p[j];
    g.visibility_total[k] = total;
    small.clear();
    large.clear();
    for (std::uint32_t j = 0; j < m; ++j) {
      p[j] *= m / total;
      (p[j] < 1.0 ? small : large).push_back(j);
    }
    while (!small.empty() && !large.empty()) {
      const std::uint32_t s = small.back(), l = large.back();
      small.pop_back();
      g.offer[a + s].alias_prob = static_cast<float>(p[s]);
      g.offer[a + s].bits |= l;
      p[l] -= 1.0 - p[s];
      if (p[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (std::uint32_t j : large) {
      g.offer[a + j].alias_prob = 1.0F;
      g.offer[a + j].bits |= j;
    }
    for (std::uint32_t j : small) {
      g.offer[a + j].alias_prob = 1.0F;
      g.offer[a + j].bits |= j;
    }
  }
}

}  // namespace

void prepare_firms(World& w, std::uint32_t step, bool draws) {
  SmeTable& f = w.sme;
  const Config& c = w.cfg;
  const std::size_t n = f.size();
  Groups& g = w.groups;
  // Groups: count the active firms of each, so that the firm pass can put each
  // firm's id, offer and visibility at its position (ids ascending within a group).
  const std::size_t G = static_cast<std::size_t>(w.E() * w.S() * kMaxTiers);
  g.start.assign(G + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (f.alive(i))
      ++g.start[static_cast<std::size_t>(w.group(f.economy[i], f.sector[i], f.tier[i])) + 1];
  }
  for (std::size_t k = 0; k < G; ++k) g.start[k + 1] += g.start[k];
  const std::size_t active = g.start[G];
  g.ids.resize(active);
  g.offer.resize(active);
  g.alias_weight.resize(active);
  g.fill.assign(g.start.begin(), g.start.end() - 1);
  const double max_share = c.max_order_share;
  if (draws) {
    w.draw_bits.assign(n, 0);
    w.learning_shock.assign(n, laplace_argument(0.5));  // exited rows: a zero shock
  }
  // The transcendental functions run as SIMD loops over all rows (vector_math.hpp):
  // phi = exp(log phi) goes into the price column, which the firm loop then
  // overwrites with the price; the capital factor of capacity goes into work_share
  // (production's scratch, free until then). Rows of exited firms are computed
  // too and left alone by the firm loop (their capacity stays zero).
  float* const phi = f.price.data();
  std::vector<float>& capital_factor = w.work_share;
  capital_factor.resize(n);
  for (std::size_t i = 0; i < n; ++i) capital_factor[i] = w.capital_ratio(i);
  exp_into(f.log_phi.data(), phi, n);
  pow_in_place(capital_factor.data(), static_cast<float>(1.0 - c.labour_elasticity), n);
  // The step's draws: one 32-bit word per decision (kStepWords), for a chunk of
  // rows at a time so that they stay in the first-level cache.
  constexpr std::size_t kChunk = 256;
  std::array<std::uint32_t, kStepWords * kChunk> words{};
  auto word = [&words](StepWord k, std::size_t j) {
    return sim::Streams::word_to_open_unit(words[static_cast<std::size_t>(k) * kChunk + j]);
  };
  for (std::size_t base = 0; base < n; base += kChunk) {
    const std::size_t m = std::min(kChunk, n - base);
    if (draws) {
      for (std::uint32_t b = 0; b < kStepWords / 4; ++b) {
        std::uint32_t* const out = words.data() + static_cast<std::size_t>(4 * b) * kChunk;
        w.rng.blocks32(&f.rng_key[base], m, step, kDrawFirmStep, b,
                       {out, out + kChunk, out + 2 * kChunk, out + 3 * kChunk});
      }
    }
    for (std::size_t i = base; i < base + m; ++i) {
      if (!f.alive(i)) continue;
      const int e = f.economy[i], s = f.sector[i];
      const double phi_i = phi[i];
      f.price[i] = static_cast<float>(w.price_at(i, phi_i));
      f.capacity_units[i] =
          static_cast<float>(w.capacity_with(i, phi_i, capital_factor[i]) *
                             w.market.capacity_factor[static_cast<std::size_t>(w.es(e, s))]);
      const std::uint32_t pos = g.fill[static_cast<std::size_t>(w.group(e, s, f.tier[i]))]++;
      g.ids[pos] = static_cast<std::uint32_t>(i);
      Offer& o = g.offer[pos];  // its alias fields are set by build_alias_tables
      o.id = static_cast<std::uint32_t>(i);
      o.bits = (f.has(i, kCertified) ? Offer::kCertifiedBit : 0U) |
               (f.orders_units[i] < max_share * f.capacity_units[i] ? Offer::kSpareBit : 0U);
      o.price = f.price[i];
      o.quality = f.quality[i];
      o.green = f.green[i];
      g.alias_weight[pos] = visibility(w, i);
      if (!draws) continue;
      const std::size_t j = i - base;
      std::uint8_t bits = 0;
      if (word(kWordReview, j) < c.review_probability) bits |= kDrawsReview;
      if (word(kWordUpgrade, j) < c.upgrade_probability) bits |= kDrawsUpgrade;
      if (word(kWordParkTurn, j) < c.park_join_probability) bits |= kDrawsParkTurn;
      if (word(kWordExit, j) < c.exit_probability) bits |= kDrawsExit;
      w.draw_bits[i] = bits;
      w.learning_shock[i] = laplace_argument(word(kWordLearning, j));
    }
  }
  if (draws) laplace_in_place(w.learning_shock.data(), n);
  build_alias_tables(w);
}

// Bills per-firm participation costs of programmes (matchmaking, training, ...)
// for the firms they reach this step; a programme stops reaching firms once
// its budget is spent.
void bill_participation(World& w) {
  SmeTable& f = w.sme;
  for (int ch = 0; ch < kChannels; ++ch) {
    const auto channel = static_cast<Channel>(ch);
    if (!w.cells.billed(channel)) continue;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!f.alive(i)) continue;
      const int c = w.cells.cell_of(f, i);
      const CellValue& v = w.cells.get(c, channel);
      if (v.program < 0 || v.cost_usd_per_year <= 0) continue;
      const double spent =
          w.programs[static_cast<std::size_t>(v.program)].spend(v.cost_usd_per_year * w.dt);
      w.government_usd -= spent;
      w.outside_usd += spent;
      w.counters.fiscal_cost_usd[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] +=
          spent;
    }
  }
}

void demand(World& w, const sim::StepContext& ctx) {
  bill_participation(w);
  prepare_firms(w, static_cast<std::uint32_t>(ctx.step), true);
  const int E = w.E(), S = w.S();
  const double t_years = w.years();
  const double sigma1 = w.cfg.ces_elasticity - 1.0;
  Groups& g = w.groups;
  SmeTable& f = w.sme;
  g.weight_total.assign(g.visibility_total.size(), 0.0);

  // Lead firms share their economy-sector demand equally.
  std::vector<int> leads_per_es(static_cast<std::size_t>(E * S), 0);
  for (std::size_t l = 0; l < w.lead.size(); ++l)
    ++leads_per_es[static_cast<std::size_t>(w.es(w.lead.economy[l], w.lead.sector[l]))];
  for (std::size_t l = 0; l < w.lead.size(); ++l) {
    const int e = w.lead.economy[l], s = w.lead.sector[l];
    const auto k = static_cast<std::size_t>(w.es(e, s));
    const double growth =
        std::exp(std::log1p(w.econ[static_cast<std::size_t>(e)].demand_growth_per_year) * t_years);
    w.lead.planned_units[l] =
        static_cast<float>(w.lead_demand_units_per_year[k] * growth * w.market.demand_factor[k] *
                           w.dt / leads_per_es[k]);
  }

  // CES weights; targeted firms also share a procurement set-aside. The weight
  // is kept in local_demand_units until the firm's demand replaces it below.
  for (std::size_t k = 0; k + 1 < g.start.size(); ++k) {
    double total = 0;
    for (std::uint32_t j = g.start[k]; j < g.start[k + 1]; ++j) {
      const std::uint32_t i = g.ids[j];
      // CES: expenditure share of a firm goes as its capacity (varieties it can
      // supply) times its relative price to the power 1 - sigma; at equal prices
      // every firm sells the same share of its capacity. sigma = 2 (the default) needs no pow.
      const double price = g.offer[j].price;
      double wt = f.capacity_units[i] * (sigma1 == 1.0 ? 1.0 / price : std::pow(price, -sigma1));
      if (f.has(i, kEcommerce))
        wt *= 1.0 + w.cells.get(w.cells.cell_of(f, i), Channel::Ecommerce).value;
      f.local_demand_units[i] = static_cast<float>(wt);
      total += wt;
    }
    g.weight_total[k] = total;
  }
  for (std::size_t k = 0; k + 1 < g.start.size(); ++k) {
    if (g.start[k] == g.start[k + 1]) continue;
    const int e = static_cast<int>(k / kMaxTiers) / S, s = static_cast<int>(k / kMaxTiers) % S;
    const auto esk = static_cast<std::size_t>(w.es(e, s));
    const double growth =
        std::exp(std::log1p(w.econ[static_cast<std::size_t>(e)].demand_growth_per_year) * t_years);
    const double market_usd =
        w.local_demand_usd_per_year[k] * growth * w.market.demand_factor[esk] * w.dt;
    const double set_aside = w.market.procurement_share[esk];
    double tw = 0;  // weight of firms eligible for the set-aside
    if (set_aside > 0) {
      for (std::uint32_t j = g.start[k]; j < g.start[k + 1]; ++j) {
        if (w.cells.get(w.cells.cell_of(f, g.ids[j]), Channel::Procurement).value > 0)
          tw += f.local_demand_units[g.ids[j]];
      }
    }
    const double open_usd = tw > 0 ? market_usd * (1.0 - set_aside) : market_usd;
    const double per_weight = open_usd / g.weight_total[k];
    for (std::uint32_t j = g.start[k]; j < g.start[k + 1]; ++j) {
      const std::uint32_t i = g.ids[j];
      const double weight = f.local_demand_units[i];
      double usd = per_weight * weight;
      if (tw > 0 && w.cells.get(w.cells.cell_of(f, i), Channel::Procurement).value > 0)
        usd += market_usd * set_aside * weight / tw;
      f.local_demand_units[i] = static_cast<float>(usd / g.offer[j].price);
    }
  }
}

}  // namespace models
