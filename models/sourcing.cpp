// Phase 3: buyers (lead firms at tier 0, SMEs at tier t) review their
// suppliers with probability rho, drop those that exited or no longer meet
// requirements or delivered too little, then sample k candidates in O(k):
// the origin economy from a small gravity x visibility table, the firm from
// an alias table per (economy, sector, tier). They keep the eligible
// candidates with the lowest landed cost.
#include "models/phases.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace models {
namespace {

struct Candidate {
  std::uint32_t id;
  int economy;
  double cost;
};

// A candidate drawn: origin economy and position of its offer.
struct Draw {
  int origin;         ///< -1: the group was empty
  std::uint32_t a;    ///< start of the group in Groups::offer
  std::uint32_t pos;  ///< position of the offer in the group
  double alias_u;     ///< uniform for the alias step
};

// One buyer's review, as queued for a batch.
struct Buyer {
  std::uint32_t* slots;
  int nslots, d, s, supplier_tier;
  bool lead;
  std::uint64_t key;
  std::size_t first_draw, draws;  ///< its candidates in Batch::draws
};

// Reviews are processed in batches: each buyer's review depends only on its own
// slots and on the offers, which do not change during the phase, so stages can
// run across the batch. Drawing every buyer's candidates and prefetching their
// offers and current suppliers first lets the cache misses of the whole batch
// overlap. The result is the same as reviewing one buyer after another.
struct Batch {
  static constexpr std::size_t kBuyers = 16;
  std::vector<Buyer> buyers;
  std::vector<Draw> draws;
  std::vector<Candidate> cands;
  std::vector<double> cost;  ///< landed cost of the supplier in each slot (current buyer)
  std::vector<std::uint8_t> domestic;
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

// Whether a supplier of economy o with these attributes meets a buyer's requirements in economy d.
// Without branches (& and |, not && and ||): for a candidate each test is a coin toss.
bool meets(const World& w, float quality, float green, bool certified, int o, int d, const Requirements& r) {
  return !(quality < r.quality) & !(green < r.green) &
         ((o == d) | certified |
          (w.trade.recognition[static_cast<std::size_t>(w.trade.pair(d, o))] != 0));
}

// A current supplier, read from the table (it may have exited).
bool meets(const World& w, std::uint32_t j, int d, const Requirements& r) {
  const SmeTable& f = w.sme;
  return f.alive(j) && meets(w, f.quality[j], f.green[j], f.has(j, kCertified), f.economy[j], d, r);
}

// A candidate, read from its offer record (alive by construction: groups hold active firms).
bool meets(const World& w, const Offer& x, int o, int d, const Requirements& r) {
  return meets(w, x.quality, x.green, x.certified(), o, d, r);
}

// A buyer's search uniforms in (0,1): the words of its 4x32 blocks (agent, step, purpose, 0),
// (..., 1), ... in order. The first kBatchBlocks blocks of every buyer in a batch are computed
// together (Streams::blocks32, a SIMD loop over the batch); a buyer that needs more (lead
// firms search wider) computes the rest one block at a time.
constexpr std::uint32_t kBatchBlocks = 6;  // 24 words: eight candidates of three uniforms

class WordStream {
 public:
  WordStream(const sim::Streams& rng, std::uint64_t agent, std::uint32_t step, Purpose purpose,
             const std::uint32_t* first_words)
      : rng_(rng), agent_(agent), step_(step), purpose_(purpose), first_(first_words) {}
  double next() {
    std::uint32_t word = 0;
    if (k_ < 4 * kBatchBlocks) {
      word = first_[k_];
    } else {
      if (k_ % 4 == 0) block_ = rng_.block32(agent_, step_, purpose_, k_ / 4);
      word = block_[k_ % 4];
    }
    ++k_;
    return sim::Streams::word_to_open_unit(word);
  }

 private:
  const sim::Streams& rng_;
  std::uint64_t agent_;
  std::uint32_t step_;
  Purpose purpose_;
  const std::uint32_t* first_;
  std::uint32_t k_ = 0;
  r123::Philox4x32::ctr_type block_{};
};

// Stage 1: a buyer's candidate draws, O(1) each; prefetches their offers and its current suppliers.
void draw_candidates(const World& w, Buyer& b, std::uint32_t step, Purpose purpose,
                     const std::vector<double>& cum, const std::uint32_t* first_words,
                     Batch& batch) {
  const SmeTable& f = w.sme;
  for (int k = 0; k < b.nslots; ++k) {
    const std::uint32_t j = b.slots[k];
    if (j == kNoFirm) continue;
    __builtin_prefetch(&f.flags[j]);
    __builtin_prefetch(&f.quality[j]);
    __builtin_prefetch(&f.green[j]);
    __builtin_prefetch(&f.economy[j]);
    __builtin_prefetch(&f.fill_ratio[j]);
    __builtin_prefetch(&f.price[j]);
  }
  const int E = w.E();
  const std::size_t base = static_cast<std::size_t>(((b.d * w.S() + b.s) * kMaxTiers + b.supplier_tier - 1) * E);
  const double total = cum[base + static_cast<std::size_t>(E - 1)];
  b.first_draw = batch.draws.size();
  b.draws = 0;
  if (total <= 0) return;
  const Groups& g = w.groups;
  const int draws = b.lead ? w.cfg.lead_candidates : w.cfg.candidates;
  // A draw takes three 32-bit uniforms (origin, position, alias step), ample for all three; they
  // are read in turn from the words of the buyer's 4x32 blocks 0, 1, ....
  WordStream u(w.rng, b.key, step, purpose, first_words);
  for (int k = 0; k < draws; ++k) {
    const double u_origin = u.next(), u_position = u.next(), u_alias = u.next();
    const double x = u_origin * total;
    // The first origin whose cumulative weight exceeds x, without a branch per origin (cum is
    // non-decreasing, so this counts the origins before it).
    int o = 0;
    for (int q = 0; q < E - 1; ++q) o += cum[base + static_cast<std::size_t>(q)] <= x ? 1 : 0;
    const auto gk = static_cast<std::size_t>(w.group(o, b.s, b.supplier_tier));
    const std::uint32_t a = g.start[gk], n = g.start[gk + 1] - a;
    if (n == 0) continue;
    auto pos = static_cast<std::uint32_t>(u_position * n);
    if (pos >= n) pos = n - 1;
    batch.draws.push_back({o, a, pos, u_alias});
    __builtin_prefetch(&g.offer[a + pos]);
  }
  b.draws = batch.draws.size() - b.first_draw;
}

// Stage 2: the alias step of every draw; prefetches the offers it moves to.
void resolve_aliases(const World& w, Batch& batch) {
  const Groups& g = w.groups;
  for (Draw& dr : batch.draws) {
    const Offer& x = g.offer[dr.a + dr.pos];
    // Whether a draw moves to its alias is a coin toss to the branch predictor: the position is
    // selected with a mask (GCC 12 makes a ternary here a branch), and prefetched either way.
    const std::uint32_t move =
        std::uint32_t{0} - static_cast<std::uint32_t>(dr.alias_u >= x.alias_prob);
    dr.pos ^= (dr.pos ^ x.alias()) & move;
    __builtin_prefetch(&g.offer[dr.a + dr.pos]);
  }
}

// Stage 3: one buyer's decision. Drops suppliers that exited, fall short of
// requirements or under-delivered; then takes the eligible candidates with
// the lowest landed cost into free slots, or in place of a dearer supplier.
void decide(World& w, const Buyer& b, Batch& batch) {
  const Config& c = w.cfg;
  const SmeTable& f = w.sme;
  std::uint32_t* slots = b.slots;
  const int nslots = b.nslots, d = b.d, s = b.s;
  const Requirements req = requirements(w, d, s, b.supplier_tier, b.lead);
  const double local_min = b.lead ? w.market.local_content_min[static_cast<std::size_t>(w.es(d, s))] : 0.0;
  // Current suppliers are costed once (slots change below only by taking a candidate's cost).
  batch.cost.resize(static_cast<std::size_t>(nslots));
  batch.domestic.resize(static_cast<std::size_t>(nslots));
  for (int k = 0; k < nslots; ++k) {
    const std::uint32_t j = slots[k];
    if (j == kNoFirm) continue;
    if (!meets(w, j, d, req) || f.fill_ratio[j] < c.delivery_tolerance) {
      slots[k] = kNoFirm;
      continue;
    }
    const int o = f.economy[j];
    batch.cost[static_cast<std::size_t>(k)] = f.price[j] * w.trade.landed_factor(d, o, s);
    batch.domestic[static_cast<std::size_t>(k)] = o == d ? 1 : 0;
  }
  // The eligible candidates, in draw order. Each test is a coin toss to the branch predictor,
  // so they are combined without branches and every candidate is written at the end of the list,
  // which grows only when the candidate is eligible.
  std::vector<Candidate>& cands = batch.cands;
  cands.resize(b.draws);
  std::size_t nc = 0;
  const Groups& g = w.groups;
  for (std::size_t k = b.first_draw; k < b.first_draw + b.draws; ++k) {
    const Draw& dr = batch.draws[k];
    const int o = dr.origin;
    const Offer& offer = g.offer[dr.a + dr.pos];
    const std::uint32_t j = offer.id;
    // Requirements, and spare capacity for chain work: chain orders come first, so what counts
    // is how much of its capacity the firm has already committed to buyers.
    bool ok = meets(w, offer, o, d, req) & offer.spare();
    for (int q = 0; q < nslots; ++q) ok &= slots[q] != j;         // not a current supplier
    for (std::size_t q = 0; q < nc; ++q) ok &= cands[q].id != j;  // not drawn before
    cands[nc] = {j, o, offer.price * w.trade.landed_factor(d, o, s)};
    nc += ok ? 1U : 0U;
  }
  cands.resize(nc);
  std::sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
    return x.cost < y.cost || (x.cost == y.cost && x.id < y.id);
  });
  for (const Candidate& cand : cands) {
    const bool foreign = cand.economy != d;
    int filled = 0, domestic = 0, free_slot = -1, worst = -1;
    double worst_cost = -1;
    for (int k = 0; k < nslots; ++k) {
      if (slots[k] == kNoFirm) {
        if (free_slot < 0) free_slot = k;
        continue;
      }
      ++filled;
      domestic += batch.domestic[static_cast<std::size_t>(k)];
      const double cost = batch.cost[static_cast<std::size_t>(k)];
      if (cost > worst_cost) { worst_cost = cost; worst = k; }
    }
    int take = -1;
    if (free_slot >= 0) {
      if (foreign && domestic < local_min * (filled + 1)) continue;  // local content rule
      take = free_slot;
    } else if (worst >= 0 && cand.cost < worst_cost * (1.0 - c.switching_threshold)) {
      const bool worst_domestic = batch.domestic[static_cast<std::size_t>(worst)] != 0;
      if (foreign && domestic - (worst_domestic ? 1 : 0) < local_min * filled) continue;
      take = worst;
    }
    if (take < 0) continue;
    slots[take] = cand.id;
    batch.cost[static_cast<std::size_t>(take)] = cand.cost;
    batch.domestic[static_cast<std::size_t>(take)] = foreign ? 0 : 1;
  }
}

// Runs the queued reviews: draws for all, aliases for all, then each decision in queue order.
void run_batch(World& w, std::uint32_t step, Purpose purpose, const std::vector<double>& cum, Batch& batch) {
  batch.draws.clear();
  // The buyers' first search blocks, together: word k of buyer q at words[k * kBuyers + q].
  const std::size_t nb = batch.buyers.size();
  std::array<std::uint64_t, Batch::kBuyers> keys{};
  for (std::size_t q = 0; q < nb; ++q) keys[q] = batch.buyers[q].key;
  std::array<std::uint32_t, 4 * kBatchBlocks * Batch::kBuyers> words{};
  for (std::uint32_t blk = 0; blk < kBatchBlocks; ++blk) {
    std::uint32_t* out = words.data() + static_cast<std::size_t>(4 * blk) * Batch::kBuyers;
    w.rng.blocks32(keys.data(), nb, step, purpose, blk,
                   {out, out + Batch::kBuyers, out + 2 * Batch::kBuyers, out + 3 * Batch::kBuyers});
  }
  std::array<std::uint32_t, 4 * kBatchBlocks> mine{};
  for (std::size_t q = 0; q < nb; ++q) {
    for (std::size_t k = 0; k < mine.size(); ++k) mine[k] = words[k * Batch::kBuyers + q];
    draw_candidates(w, batch.buyers[q], step, purpose, cum, mine.data(), batch);
  }
  resolve_aliases(w, batch);
  for (const Buyer& b : batch.buyers) decide(w, b, batch);
  batch.buyers.clear();
}

void source_all(World& w, std::uint32_t step, bool warm) {
  const auto cum = origin_table(w);
  const Config& c = w.cfg;
  Batch batch;
  const Purpose review_purpose = warm ? kDrawWarmup : kDrawReview;
  const Purpose search_purpose = warm ? static_cast<Purpose>(kDrawWarmup + 100) : kDrawSearch;
  auto queue = [&](const Buyer& b) {
    // The buyer's slots are read first thing in its batch: fetch them while the batch fills.
    __builtin_prefetch(b.slots);
    batch.buyers.push_back(b);
    if (batch.buyers.size() == Batch::kBuyers) run_batch(w, step, search_purpose, cum, batch);
  };
  LeadFirms& L = w.lead;
  for (std::size_t l = 0; l < L.size(); ++l) {
    if (!warm && w.rng.uniform(L.rng_key[l], step, review_purpose) >= c.review_probability) continue;
    queue({&L.supplier[l * static_cast<std::size_t>(L.slots)], L.slots, L.economy[l], L.sector[l], 1, true, L.rng_key[l], 0, 0});
  }
  // SME buyers by group (reviews are independent of one another, so the order
  // does not change results); the last tier buys raw materials only and is skipped.
  SmeTable& f = w.sme;
  const int m = std::min(c.sme_slots, kMaxSlots);
  const Groups& g = w.groups;
  for (int e = 0; e < w.E(); ++e) {
    for (int s = 0; s < w.S(); ++s) {
      for (int t = 1; t < w.sect[static_cast<std::size_t>(s)].tiers; ++t) {
        const auto gk = static_cast<std::size_t>(w.group(e, s, t));
        for (std::uint32_t p = g.start[gk]; p < g.start[gk + 1]; ++p) {
          const std::uint32_t i = g.ids[p];
          if (!warm && (w.draw_bits[i] & kDrawsReview) == 0) continue;
          queue({&f.supplier[static_cast<std::size_t>(i) * kMaxSlots], m, e, s, t + 1, false, f.rng_key[i], 0, 0});
        }
      }
    }
  }
  run_batch(w, step, search_purpose, cum, batch);
}

}  // namespace

void sourcing(World& w, const sim::StepContext& ctx) { source_all(w, static_cast<std::uint32_t>(ctx.step), false); }

void warm_up(World& w, int rounds) {
  SmeTable& f = w.sme;
  std::fill(f.fill_ratio.begin(), f.fill_ratio.end(), 1.0F);
  prepare_firms(w, 0, false);
  for (int r = 0; r < rounds; ++r) source_all(w, static_cast<std::uint32_t>(r), true);
}

}  // namespace models
