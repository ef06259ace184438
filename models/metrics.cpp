// Phase 10: aggregates the step into metrics per economy and sector. GVC
// participation is reachability from lead firms over the supplier network,
// found with Boost.Graph: breadth-first search from a super-source joined to
// every lead firm, over an implicit graph whose out-edges are read straight
// from the supplier slot arrays, so nothing is built per step. Chain depth is
// the BFS distance. As the search examines each link it marks the supplier (has
// a buyer, a lead-firm buyer, a cross-border chain) and counts the link; a pass
// over the buyers it did not reach counts theirs. One pass over the firms then
// aggregates by label and by inclusion group, refreshes the evidence SMEs use
// to value upgrades, and gathers log phi by label, on which the quantiles of
// phi are selected. Also checks the invariants. Scratch arrays live in the
// World and are reused across steps.
#include "models/metrics.hpp"

#include "models/instrument.hpp"
#include "models/phases.hpp"
#include "models/vector_math.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace models {
namespace {

using sim::Aggregate;
using sim::Horizon;
const std::vector<std::string> kES{"economy", "sector"};
const std::vector<std::string> kEZ{"economy", "size_class"};
const std::vector<std::string> kEI{"economy", "inclusion"};
const std::vector<std::string> kE{"economy"};

sim::MetricSpec sum(std::string name, std::string unit, std::string meaning, Horizon h, std::vector<std::string> dims = kES) {
  return {std::move(name), std::move(unit), std::move(meaning), std::move(dims), h, Aggregate::Sum, "", "", true};
}
sim::MetricSpec mean(std::string name, std::string unit, std::string meaning, std::string weight = "sme_count") {
  return {std::move(name), std::move(unit), std::move(meaning), kES, Horizon::Last, Aggregate::WeightedMean, std::move(weight), "", true};
}
sim::MetricSpec ratio(std::string name, std::string meaning, std::string num, std::string den, std::vector<std::string> dims = kES) {
  return {std::move(name), "share", std::move(meaning), std::move(dims), Horizon::LastYearSum, Aggregate::Ratio, std::move(num), std::move(den), true};
}

enum M : std::size_t {
  kSmeCount, kEntries, kExits, kGvc, kGvcDirect, kGvcCross, kExports, kValueAdded, kEmployment, kPhiMean,
  kPhi10, kPhi50, kPhi90, kApps, kApprovals, kAccess, kLoanVolume, kBorrowers, kDefaults, kDefaultRate,
  kPayouts, kCertifiedShare, kDigitalShare, kGreenMean, kParkMembers, kEmissions, kFiscal, kLinks, kCrossLinks,
  kDepth, kAppsBySize, kApprovalsBySize, kAccessBySize,
  kSmeCountByIncl, kGvcByIncl, kAppsByIncl, kApprovalsByIncl, kAccessByIncl,
  kResPreValueAdded, kResDepth, kResRecovery, kMetricCount
};

// The supplier network as an implicit Boost.Graph: vertex 0 is a super-source
// linked to every lead firm, 1..NL are the lead firms, 1+NL+i is SME i. Out-edges
// run from a buyer to its suppliers, read straight from the supplier slot arrays,
// so nothing is built per step; free slots and suppliers that exited are skipped,
// and an SME that exited has no out-edges.
using Vertex = World::MetricsVertex;
constexpr std::uint8_t kActive = 1U << 0U;       // active SME, lead firm or super-source
constexpr std::uint8_t kHasBuyer = 1U << 1U;     // some buyer holds the SME
constexpr std::uint8_t kLeadBuyer = 1U << 2U;    // a lead firm holds the SME
constexpr std::uint8_t kCrossBorder = 1U << 3U;  // its buyer chain to a lead firm crosses a border
constexpr std::uint8_t kUnreached = std::numeric_limits<std::uint8_t>::max();  // distance

struct SupplierEdge {
  std::uint32_t source = 0, target = 0;
  bool operator==(const SupplierEdge&) const = default;
};

class SupplierNetwork;

// Walks one buyer's slots (or, from the super-source, the lead firms), skipping unusable slots.
class OutEdgeIterator : public boost::iterator_facade<OutEdgeIterator, SupplierEdge,
                                                      boost::forward_traversal_tag, SupplierEdge> {
 public:
  OutEdgeIterator() = default;
  OutEdgeIterator(const SupplierNetwork* g, std::uint32_t source, const std::uint32_t* slots,
                  std::uint32_t pos, std::uint32_t end)
      : g_(g), slots_(slots), source_(source), pos_(pos), end_(end) {
    skip();
  }

 private:
  friend class boost::iterator_core_access;
  [[nodiscard]] SupplierEdge dereference() const;
  void increment() {
    ++pos_;
    skip();
  }
  [[nodiscard]] bool equal(const OutEdgeIterator& o) const { return pos_ == o.pos_; }
  void skip();

  const SupplierNetwork* g_ = nullptr;
  const std::uint32_t* slots_ = nullptr;  // null: the super-source, whose targets are 1..NL
  std::uint32_t source_ = 0, pos_ = 0, end_ = 0;
};

class SupplierNetwork {
 public:
  using vertex_descriptor = std::uint32_t;
  using edge_descriptor = SupplierEdge;
  using directed_category = boost::directed_tag;
  using edge_parallel_category = boost::allow_parallel_edge_tag;
  struct traversal_category : boost::incidence_graph_tag, boost::vertex_list_graph_tag {};
  using out_edge_iterator = OutEdgeIterator;
  using vertex_iterator = boost::counting_iterator<std::uint32_t>;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint32_t;
  using degree_size_type = std::uint32_t;
  static vertex_descriptor null_vertex() { return kNoFirm; }

  SupplierNetwork() = default;  // Boost's concept checks default-construct graphs
  // `vertex` gives which SMEs are active (kActive), read through the search.
  SupplierNetwork(const World& w, const Vertex* vertex)
      : lead_slots_(w.lead.supplier.data()),
        sme_slots_(w.sme.supplier.data()),
        vertex_(vertex),
        leads_(static_cast<std::uint32_t>(w.lead.size())),
        smes_(static_cast<std::uint32_t>(w.sme.size())),
        lead_width_(static_cast<std::uint32_t>(w.lead.slots)),
        sme_width_(static_cast<std::uint32_t>(std::min(w.cfg.sme_slots, kMaxSlots))) {}

  [[nodiscard]] std::uint32_t vertex_count() const { return 1 + leads_ + smes_; }
  [[nodiscard]] std::uint32_t sme_vertex(std::uint32_t i) const { return 1 + leads_ + i; }
  [[nodiscard]] bool usable(std::uint32_t j) const {
    return j != kNoFirm && (vertex_[sme_vertex(j)].flags & kActive) != 0;
  }
  // Slots of buyer u > 0 (a lead firm or an SME) and how many of them are in use.
  [[nodiscard]] const std::uint32_t* slots(std::uint32_t u) const {
    return u <= leads_ ? lead_slots_ + static_cast<std::size_t>(u - 1) * lead_width_
                       : sme_slots_ + static_cast<std::size_t>(u - 1 - leads_) * kMaxSlots;
  }
  [[nodiscard]] std::uint32_t width(std::uint32_t u) const {
    return u <= leads_ ? lead_width_ : sme_width_;
  }
  [[nodiscard]] const Vertex* record(std::uint32_t u) const { return vertex_ + u; }
  [[nodiscard]] std::pair<OutEdgeIterator, OutEdgeIterator> out_edges(std::uint32_t u) const {
    if (u == 0) {
      return {OutEdgeIterator(this, 0, nullptr, 0, leads_),
              OutEdgeIterator(this, 0, nullptr, leads_, leads_)};
    }
    const std::uint32_t n = (vertex_[u].flags & kActive) != 0 ? width(u) : 0;
    return {OutEdgeIterator(this, u, slots(u), 0, n), OutEdgeIterator(this, u, slots(u), n, n)};
  }

 private:
  const std::uint32_t* lead_slots_ = nullptr;
  const std::uint32_t* sme_slots_ = nullptr;
  const Vertex* vertex_ = nullptr;
  std::uint32_t leads_ = 0, smes_ = 0, lead_width_ = 0, sme_width_ = 0;
};

inline SupplierEdge OutEdgeIterator::dereference() const {
  return {source_, slots_ != nullptr ? g_->sme_vertex(slots_[pos_]) : 1 + pos_};
}
inline void OutEdgeIterator::skip() {
  if (slots_ == nullptr) return;
  while (pos_ < end_ && !g_->usable(slots_[pos_])) ++pos_;
}

// Boost.Graph's free functions (IncidenceGraph, VertexListGraph), found by argument-dependent
// lookup.
std::pair<OutEdgeIterator, OutEdgeIterator> out_edges(std::uint32_t u, const SupplierNetwork& g) {
  return g.out_edges(u);
}
std::uint32_t out_degree(std::uint32_t u, const SupplierNetwork& g) {
  const auto [b, e] = g.out_edges(u);
  return static_cast<std::uint32_t>(std::distance(b, e));
}
std::uint32_t source(const SupplierEdge& e, const SupplierNetwork& /*g*/) { return e.source; }
std::uint32_t target(const SupplierEdge& e, const SupplierNetwork& /*g*/) { return e.target; }
std::pair<boost::counting_iterator<std::uint32_t>, boost::counting_iterator<std::uint32_t>>
vertices(const SupplierNetwork& g) {
  return {boost::counting_iterator<std::uint32_t>(0),
          boost::counting_iterator<std::uint32_t>(g.vertex_count())};
}
std::uint32_t num_vertices(const SupplierNetwork& g) { return g.vertex_count(); }

BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<SupplierNetwork>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<SupplierNetwork>));

// The search's colours, a byte in each vertex record.
struct ColorMap {
  using key_type = std::uint32_t;
  using value_type = boost::default_color_type;
  using reference = value_type;
  using category = boost::read_write_property_map_tag;
  Vertex* vertex = nullptr;
};
boost::default_color_type get(const ColorMap& m, std::uint32_t v) {
  return static_cast<boost::default_color_type>(m.vertex[v].color);
}
void put(const ColorMap& m, std::uint32_t v, boost::default_color_type c) {
  m.vertex[v].color = static_cast<std::uint8_t>(c);
}

// The search's FIFO over a reused array: each vertex is queued at most once, so the array never
// wraps. The search pops vertices in an order unrelated to where they lie in memory, so each pop
// fetches ahead: the slots of the vertex 2 x kAhead places further on, and the supplier records of
// the one kAhead places further on (whose slots are in cache by then).
struct VertexQueue {
  static constexpr std::size_t kAhead = 8;
  const SupplierNetwork* g = nullptr;
  std::uint32_t* data = nullptr;
  std::size_t head = 0, tail = 0;
  void push(std::uint32_t v) { data[tail++] = v; }
  [[nodiscard]] std::uint32_t top() const { return data[head]; }
  void pop() {
    ++head;
    // Here rather than in a helper: GCC drops calls to a function that does nothing but prefetch.
    if (head + 2 * kAhead < tail) {
      const std::uint32_t u = data[head + 2 * kAhead];
      __builtin_prefetch(g->record(u));
      // All of an SME's slots; a lead firm's first ones.
      if (u != 0) __builtin_prefetch(g->slots(u));
    }
    if (head + kAhead < tail && data[head + kAhead] != 0) {
      const std::uint32_t u = data[head + kAhead];
      const std::uint32_t* slots = g->slots(u);
      for (std::uint32_t k = 0; k < g->width(u); ++k) {
        if (slots[k] != kNoFirm) __builtin_prefetch(g->record(g->sme_vertex(slots[k])), 1);
      }
    }
  }
  [[nodiscard]] bool empty() const { return head == tail; }
};

// Records what the search finds: per link from a buyer it reaches, the supplier's flags and the
// link counts by the supplier's label; per vertex it reaches, the distance.
class ChainVisitor : public boost::default_bfs_visitor {
 public:
  ChainVisitor(Vertex* vertex, std::uint8_t* dist, const std::uint8_t* economy_of,
               std::uint32_t leads, std::uint64_t* links, std::uint64_t* cross,
               const std::uint8_t* tier)
      : vertex_(vertex),
        dist_(dist),
        economy_of_(economy_of),
        leads_(leads),
        links_(links),
        cross_(cross),
        tier_(tier) {}

  // Links only go from tier t to tier t+1 (lead firms buy from tier 1), so the search pops every
  // SME of tier t before any of tier t+1: a buyer's cross-border flag is final before its own
  // links are examined. Buyers the search does not reach pass nothing on.
  void examine_edge(const SupplierEdge& e, const SupplierNetwork& /*g*/) const {
    if (e.source == 0) return;
    const Vertex& b = vertex_[e.source];
    Vertex& s = vertex_[e.target];
    const bool border = economy_of_[s.label] != economy_of_[b.label];
    s.flags |= kHasBuyer;
    if (e.source <= leads_) s.flags |= kLeadBuyer;
    if (border || (b.flags & kCrossBorder) != 0) s.flags |= kCrossBorder;
    ++links_[s.label];
    if (border) ++cross_[s.label];
#if SMESIM_INVARIANTS
    const std::uint32_t buyer_tier = e.source <= leads_ ? 0U : tier_[e.source - 1 - leads_];
    if (tier_[e.target - 1 - leads_] != buyer_tier + 1) {
      throw std::logic_error(
          "invariant broken: a supplier link skips or repeats a tier (buyer vertex " +
          std::to_string(e.source) + ", supplier vertex " + std::to_string(e.target) + ")");
    }
#endif
  }
  void tree_edge(const SupplierEdge& e, const SupplierNetwork& /*g*/) const {
    dist_[e.target] = static_cast<std::uint8_t>(dist_[e.source] + 1);
  }

 private:
  Vertex* vertex_;
  std::uint8_t* dist_;
  const std::uint8_t* economy_of_;  // [label]
  std::uint32_t leads_;
  std::uint64_t* links_;
  std::uint64_t* cross_;
  [[maybe_unused]] const std::uint8_t* tier_;
};

// Sums over the active SMEs of one (economy, sector). Counts are integers (exact, and cheaper
// than adding 1.0 under a branch); the sums of values are added in ascending row order.
struct LabelSums {
  std::uint64_t count = 0, gvc = 0, gvc_direct = 0, gvc_cross = 0, depth_sum = 0, borrowers = 0,
                certified = 0, digital = 0, park = 0;
  double employment = 0, phi = 0, loan_volume = 0, green = 0;
};

// Upgrade evidence of one (economy, sector, tier, upgrade kind): firms [with the capability]
// [holding a buyer link].
using Evidence = std::array<std::array<std::uint64_t, 2>, 2>;

// The bits of x as an unsigned integer that sorts as x does (negative values flipped below the
// positive ones; -0 just below +0).
std::uint32_t order_key(float x) {
  const auto b = std::bit_cast<std::uint32_t>(x);
  return (b & 0x80000000U) != 0 ? ~b : (b | 0x80000000U);
}

// The values at ranks r[0] <= r[1] <= r[2] of v[0..m), m > 0, as a full sort would place them
// (v is reordered). A histogram over the range of the values narrows each rank to one bucket,
// so nth_element only has to order the values of those buckets, moved to the front of v.
std::array<float, 3> select_ranks(float* v, std::size_t m, const std::array<std::size_t, 3>& r) {
  constexpr std::uint32_t kBuckets = 2048;
  std::uint32_t lo = std::numeric_limits<std::uint32_t>::max(), hi = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t k = order_key(v[i]);
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  int shift = 0;
  while (((hi - lo) >> shift) >= kBuckets) ++shift;
  std::array<std::uint32_t, kBuckets> count{};
  for (std::size_t i = 0; i < m; ++i) ++count[(order_key(v[i]) - lo) >> shift];
  // The bucket of each rank, and how many values lie in lower buckets.
  std::array<std::uint32_t, 3> bucket{};
  std::array<std::size_t, 3> below{};
  std::size_t cum = 0;
  for (std::uint32_t b = 0, j = 0; j < 3; ++b) {
    for (; j < 3 && r[j] < cum + count[b]; ++j) {
      bucket[j] = b;
      below[j] = cum;
    }
    cum += count[b];
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t b = (order_key(v[i]) - lo) >> shift;
    v[kept] = v[i];
    kept += b == bucket[0] || b == bucket[1] || b == bucket[2] ? 1 : 0;
  }
  // Ranks among the kept values: those of lower kept buckets come first.
  std::array<std::size_t, 3> k{};
  for (std::size_t j = 0; j < 3; ++j) {
    k[j] = r[j] - below[j];
    for (std::size_t x = 0; x < j; ++x) {
      if (bucket[x] < bucket[j] && (x == 0 || bucket[x] != bucket[x - 1])) k[j] += count[bucket[x]];
    }
  }
  // The middle rank first; the others then lie on either side of it.
  float* const end = v + kept;
  std::nth_element(v, v + k[1], end);
  if (k[0] < k[1]) std::nth_element(v, v + k[0], v + k[1]);
  if (k[2] > k[1]) std::nth_element(v + k[1] + 1, v + k[2], end);
  return {v[k[0]], v[k[1]], v[k[2]]};
}

}  // namespace

const std::vector<sim::MetricSpec>& metric_specs() {
  static const std::vector<sim::MetricSpec> specs = [] {
    std::vector<sim::MetricSpec> m(kMetricCount);
    m[kSmeCount] = sum("sme_count", "firms", "active SMEs (real firms represented: agents x scale)", Horizon::Last);
    m[kEntries] = sum("entries", "firms", "SMEs that entered in the step", Horizon::LastYearSum);
    m[kExits] = sum("exits", "firms", "SMEs that exited in the step", Horizon::LastYearSum);
    m[kGvc] = mean("gvc_participation", "share", "share of active SMEs whose buyer chain reaches a lead firm");
    m[kGvcDirect] = mean("gvc_direct", "share", "share of active SMEs supplying a lead firm directly");
    m[kGvcCross] = mean("gvc_cross_border", "share", "share of active SMEs whose buyer chain to a lead firm crosses a border");
    m[kExports] = sum("sme_exports_usd", "USD", "SME sales to buyers in other economies in the step", Horizon::LastYearSum);
    m[kValueAdded] = sum("sme_value_added_usd", "USD", "SME value added (sales minus inputs) in the step", Horizon::LastYearSum);
    m[kEmployment] = sum("employment", "persons", "SME employees", Horizon::Last);
    m[kPhiMean] = mean("productivity_mean", "", "mean productivity phi across active SMEs");
    m[kPhi10] = mean("productivity_p10", "", "10th percentile of phi (summary: SME-weighted mean across labels)");
    m[kPhi50] = mean("productivity_p50", "", "median of phi (summary: SME-weighted mean across labels)");
    m[kPhi90] = mean("productivity_p90", "", "90th percentile of phi (summary: SME-weighted mean across labels)");
    m[kApps] = sum("credit_applications", "loans", "loan requests in the step", Horizon::LastYearSum);
    m[kApprovals] = sum("credit_approvals", "loans", "loan approvals in the step", Horizon::LastYearSum);
    m[kAccess] = ratio("credit_access_rate", "approvals / applications (summary: over the last year)", "credit_approvals", "credit_applications");
    m[kLoanVolume] = sum("loan_volume_usd", "USD", "outstanding SME bank loans", Horizon::Last);
    m[kBorrowers] = sum("borrowers", "firms", "SMEs with an outstanding loan", Horizon::Last);
    m[kDefaults] = sum("loan_defaults", "loans", "loans defaulted in the step", Horizon::LastYearSum);
    m[kDefaultRate] = {"default_rate", "share", "defaults in the step / borrowers (summary: annual, last-year defaults / borrowers)",
                       kES, Horizon::Last, Aggregate::Ratio, "loan_defaults", "borrowers", true};
    m[kPayouts] = sum("guarantee_payouts_usd", "USD", "guarantee payouts to banks in the step", Horizon::TotalSum);
    m[kCertifiedShare] = mean("certified_share", "share", "share of active SMEs with an international certificate");
    m[kDigitalShare] = mean("digital_share", "share", "share of active SMEs that adopted digital tools");
    m[kGreenMean] = mean("green_level_mean", "", "mean green level g of active SMEs");
    m[kParkMembers] = sum("park_members", "firms", "SMEs in industrial parks and clusters", Horizon::Last);
    m[kEmissions] = sum("emissions_t", "t CO2", "SME emissions in the step", Horizon::LastYearSum);
    m[kFiscal] = sum("fiscal_cost_usd", "USD", "policy spending net of fees in the step (incl. forgone tariff revenue)", Horizon::TotalSum);
    m[kLinks] = sum("links", "links", "supplier links held by buyers, by supplier's economy and sector", Horizon::Last);
    m[kCrossLinks] = sum("cross_border_links", "links", "supplier links that cross a border, by supplier", Horizon::Last);
    m[kDepth] = {"chain_depth_mean", "tiers", "mean number of links from a participating SME up to a lead firm",
                 kES, Horizon::Last, Aggregate::WeightedMean, "sme_count", "", true};
    m[kAppsBySize] = sum("credit_applications_by_size", "loans", "loan requests by size class", Horizon::LastYearSum, kEZ);
    m[kApprovalsBySize] = sum("credit_approvals_by_size", "loans", "loan approvals by size class", Horizon::LastYearSum, kEZ);
    m[kAccessBySize] = ratio("credit_access_rate_by_size", "approvals / applications by size class", "credit_approvals_by_size",
                             "credit_applications_by_size", kEZ);
    // Inclusion groups are disjoint (women-led + 2 x youth-led), so counts add up across them.
    const std::string groups = " by inclusion group (other, women_led, youth_led, women_and_youth_led: disjoint, so "
                               "women_led means women-led and not youth-led)";
    m[kSmeCountByIncl] = sum("sme_count_by_inclusion", "firms", "active SMEs" + groups, Horizon::Last, kEI);
    m[kGvcByIncl] = {"gvc_participation_by_inclusion", "share", "share of active SMEs whose buyer chain reaches a lead firm" + groups,
                     kEI, Horizon::Last, Aggregate::WeightedMean, "sme_count_by_inclusion", "", true};
    m[kAppsByIncl] = sum("credit_applications_by_inclusion", "loans", "loan requests" + groups, Horizon::LastYearSum, kEI);
    m[kApprovalsByIncl] = sum("credit_approvals_by_inclusion", "loans", "loan approvals" + groups, Horizon::LastYearSum, kEI);
    m[kAccessByIncl] = ratio("credit_access_rate_by_inclusion", "approvals / applications" + groups,
                             "credit_approvals_by_inclusion", "credit_applications_by_inclusion", kEI);
    // Resilience (docs/instruments.md): measured on SME value added per step of each economy against its
    // mean over the year before the first shock of the scenario starts; NaN without a shock.
    m[kResPreValueAdded] = {"resilience_pre_shock_value_added_usd", "USD",
                            "SME value added per step, mean over the year before the first shock starts (NaN: no shock, "
                            "or it starts at time 0 or after the run)", kE, Horizon::Last, Aggregate::Sum, "", "", false};
    m[kResDepth] = {"resilience_depth", "share",
                    "depth of the fall: largest relative drop of SME value added per step below its pre-shock level, from "
                    "the shock's start to the end of the run (0 if it never fell below)",
                    kE, Horizon::Last, Aggregate::WeightedMean, "resilience_pre_shock_value_added_usd", "", false};
    m[kResRecovery] = {"resilience_recovery_quarters", "quarters",
                       "quarters from the shock's start until SME value added per step is back at its pre-shock level "
                       "after its lowest point (0 if it never fell below; NaN if it had not recovered by the end)",
                       kE, Horizon::Last, Aggregate::WeightedMean, "resilience_pre_shock_value_added_usd", "", false};
    return m;
  }();
  return specs;
}

void metrics(World& w, const sim::StepContext& /*ctx*/) {
  SmeTable& f = w.sme;
  const std::size_t n = f.size();
  const std::size_t NL = w.lead.size();
  const int E = w.E(), S = w.S();
  const std::size_t ES = static_cast<std::size_t>(E * S);
  const double scale = w.scale;

  // Vertex records (a lead firm's label carries its economy), and active SMEs per label (to group
  // their log phi for the quantiles).
  auto& vx = w.metrics_vertex;
  vx.resize(1 + NL + n);
  const auto white = static_cast<std::uint8_t>(boost::white_color);
  vx[0] = {0, white, kActive};
  for (std::size_t l = 0; l < NL; ++l) {
    vx[1 + l] = {static_cast<std::uint16_t>(w.lead.economy[l] * S + w.lead.sector[l]), white,
                 kActive};
  }
  std::vector<std::size_t> phi_start(ES + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool active = f.alive(i);
    const auto k = static_cast<std::uint16_t>(f.economy[i] * S + f.sector[i]);
    vx[1 + NL + i] = {k, white, active ? kActive : std::uint8_t{0}};
    phi_start[k + 1U] += active ? 1U : 0U;
  }
  for (std::size_t k = 0; k < ES; ++k) phi_start[k + 1] += phi_start[k];
  std::vector<std::uint8_t> economy_of(ES);
  for (std::size_t k = 0; k < ES; ++k) {
    economy_of[k] = static_cast<std::uint8_t>(k / static_cast<std::size_t>(S));
  }
  auto& dist = w.metrics_dist;
  dist.assign(1 + NL + n, kUnreached);
  dist[0] = 0;

  // Reachability from the lead firms (every SME reached is at distance tier + 1); the links of the
  // buyers reached are counted on the way.
  const SupplierNetwork g(w, vx.data());
  std::vector<std::uint64_t> links(ES, 0), cross(ES, 0);
  w.metrics_queue.resize(1 + NL + n);
  VertexQueue queue{&g, w.metrics_queue.data()};
  const ChainVisitor vis(vx.data(), dist.data(), economy_of.data(), static_cast<std::uint32_t>(NL),
                         links.data(), cross.data(), f.tier.data());
  boost::breadth_first_visit(g, 0U, queue, vis, ColorMap{vx.data()});
  // Links of the active buyers it did not reach (as out_edges would give them).
  {
    const std::uint32_t* const slots = f.supplier.data();
    const std::size_t width = static_cast<std::size_t>(std::min(w.cfg.sme_slots, kMaxSlots));
    Vertex* const sv = vx.data() + 1 + NL;
    const std::uint8_t* const sd = dist.data() + 1 + NL;
    for (std::size_t i = 0; i < n; ++i) {
      if ((sv[i].flags & kActive) == 0 || sd[i] != kUnreached) continue;
      const std::uint8_t e = f.economy[i];
      for (std::size_t k = 0; k < width; ++k) {
        const std::uint32_t j = slots[i * kMaxSlots + k];
        if (j == kNoFirm) continue;
        Vertex& s = sv[j];
        if ((s.flags & kActive) == 0) continue;
        s.flags |= kHasBuyer;
        ++links[s.label];
        if (economy_of[s.label] != e) ++cross[s.label];
      }
    }
  }

  // One pass over the firms: aggregates by label and by inclusion group, the evidence for
  // upgrading (by (economy, sector, tier)), and log phi grouped by label, in row order.
  std::vector<LabelSums> sums(ES);
  const auto EI = static_cast<std::size_t>(E * 4);
  std::vector<std::uint64_t> incl_count(EI, 0), incl_gvc(EI, 0);
  const std::size_t G = static_cast<std::size_t>(E * S * kMaxTiers) * kUpgradeKinds;
  std::vector<Evidence> evidence(G, Evidence{});
  // The yes/no attributes are counted as one histogram entry per firm, keyed by the pattern of
  // its answers, and the counts of each attribute are summed from the histograms after the pass:
  // three increments per firm instead of fourteen. Integer counts, so nothing depends on order.
  // By label: reached, reached on a cross-border chain, lead-firm supplier, borrower, park
  // member. By (label, tier): certified, digital, meets the green requirement, has a buyer. By
  // inclusion group: reached.
  constexpr std::uint32_t kLabelCodes = 32, kTierCodes = 16;
  std::vector<std::uint32_t> label_hist(ES * kLabelCodes, 0),
      tier_hist(ES * kMaxTiers * kTierCodes, 0), incl_hist(EI * 2, 0);
  // Green level required of a supplier by (label, tier), as upgrading sees it.
  std::vector<double> green_req(ES * kMaxTiers, 0.0);
  for (std::size_t k = 0; k < ES; ++k) {
    const Sector& sec = w.sect[k % static_cast<std::size_t>(S)];
    const auto& add = w.market.green_requirement_add;
    const std::size_t tiers =
        std::min(sec.green_requirement.size(), static_cast<std::size_t>(kMaxTiers));
    for (std::size_t t = 0; t < tiers; ++t) {
      green_req[k * kMaxTiers + t] = sec.green_requirement[t] + (k < add.size() ? add[k] : 0.0);
    }
  }
  w.metrics_log_phi.resize(phi_start[ES]);
  std::vector<std::size_t> phi_fill(phi_start.begin(), phi_start.end() - 1);
  w.has_buyer.resize(n);
  w.lead_supplier.resize(n);
  // Plain pointers: the byte stores below could otherwise alias the vectors and force reloads.
  const Vertex* const sme_vx = vx.data() + 1 + NL;
  const std::uint8_t* const sme_dist = dist.data() + 1 + NL;
  std::uint8_t* const has_buyer = w.has_buyer.data();
  std::uint8_t* const lead_supplier = w.lead_supplier.data();
  float* const log_phi = w.metrics_log_phi.data();
  const std::uint8_t* const flags = f.flags.data();
  const std::uint8_t* const economy = f.economy.data();
  const std::uint8_t* const tier = f.tier.data();
  const std::int16_t* const park = f.park.data();
  const float* const employees = f.employees.data();
  const float* const phi_log = f.log_phi.data();
  const float* const green = f.green.data();
  const double* const debt = f.debt_usd.data();
  std::int64_t alive = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Vertex v = sme_vx[i];
    const std::uint8_t d = sme_dist[i];
    const bool linked = (v.flags & kHasBuyer) != 0, direct = (v.flags & kLeadBuyer) != 0;
    has_buyer[i] = linked ? 1 : 0;
    lead_supplier[i] = direct ? 1 : 0;
    if ((v.flags & kActive) == 0) continue;
    ++alive;
    const std::size_t k = v.label;
    LabelSums& a = sums[k];
    const bool reached = d != kUnreached;
    const bool certified = (flags[i] & kCertified) != 0, digital = (flags[i] & kDigital) != 0;
    const bool cross_chain = reached & ((v.flags & kCrossBorder) != 0);  // & and not &&: no branch
    a.depth_sum += reached ? d - 1U : 0U;
    a.employment += employees[i];
    log_phi[phi_fill[k]++] = phi_log[i];
    a.loan_volume += std::max(0.0, debt[i]);  // debt[i] if positive, else nothing
    a.green += green[i];
    ++label_hist[k * kLabelCodes + (reached ? 1U : 0U) + (cross_chain ? 2U : 0U) +
                 (direct ? 4U : 0U) + (debt[i] > 0 ? 8U : 0U) + (park[i] >= 0 ? 16U : 0U)];
    // Inclusion groups, [e*4 + women-led + 2 x youth-led].
    const std::size_t gi = static_cast<std::size_t>(economy[i]) * 4 +
                           ((flags[i] & kWomenLed) != 0 ? 1U : 0U) +
                           ((flags[i] & kYouthLed) != 0 ? 2U : 0U);
    ++incl_hist[gi * 2 + (reached ? 1U : 0U)];
    // Upgrade evidence for certification, digital tools and green upgrading.
    const std::size_t kt = k * kMaxTiers + static_cast<std::size_t>(tier[i] - 1);
    const double greq = green_req[kt];
    const bool green_ok = (green[i] >= greq) & (greq > 0);
    ++tier_hist[kt * kTierCodes + (certified ? 1U : 0U) + (digital ? 2U : 0U) +
                (green_ok ? 4U : 0U) + (linked ? 8U : 0U)];
  }
  for (std::size_t k = 0; k < ES; ++k) {
    LabelSums& a = sums[k];
    for (std::uint32_t code = 0; code < kLabelCodes; ++code) {
      const std::uint64_t m = label_hist[k * kLabelCodes + code];
      a.count += m;
      a.gvc += (code & 1U) != 0 ? m : 0;
      a.gvc_cross += (code & 2U) != 0 ? m : 0;
      a.gvc_direct += (code & 4U) != 0 ? m : 0;
      a.borrowers += (code & 8U) != 0 ? m : 0;
      a.park += (code & 16U) != 0 ? m : 0;
    }
    for (std::size_t kt = k * kMaxTiers; kt < (k + 1) * kMaxTiers; ++kt) {
      Evidence* const ev = &evidence[kt * kUpgradeKinds];
      for (std::uint32_t code = 0; code < kTierCodes; ++code) {
        const std::uint64_t m = tier_hist[kt * kTierCodes + code];
        const bool certified = (code & 1U) != 0, digital = (code & 2U) != 0,
                   green_ok = (code & 4U) != 0, linked = (code & 8U) != 0;
        a.certified += certified ? m : 0;
        a.digital += digital ? m : 0;
        ev[1][certified][linked] += m;
        ev[2][digital][linked] += m;
        ev[3][green_ok][linked] += m;
      }
    }
  }
  for (std::size_t gi = 0; gi < EI; ++gi) {
    incl_count[gi] = std::uint64_t{incl_hist[gi * 2]} + incl_hist[gi * 2 + 1];
    incl_gvc[gi] = incl_hist[gi * 2 + 1];
  }
  // Mean phi needs phi itself: the log phi gathered above are still in row order within each label.
  for (std::size_t k = 0; k < ES; ++k) {
    sums[k].phi = sum_exp(log_phi + phi_start[k], phi_start[k + 1] - phi_start[k]);  // SIMD exp (vector_math.hpp)
  }

  auto& mv = w.metric_values;
  mv.assign(kMetricCount, std::vector<double>(ES, 0.0));
  mv[kAppsBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  mv[kApprovalsBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  mv[kAccessBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const Counters& c = w.counters;
  for (std::size_t k = 0; k < ES; ++k) {
    const LabelSums& a = sums[k];
    const auto cnt = static_cast<double>(a.count), borrowers = static_cast<double>(a.borrowers);
    auto share = [cnt](double x) { return cnt > 0 ? x / cnt : std::numeric_limits<double>::quiet_NaN(); };
    mv[kGvc][k] = share(static_cast<double>(a.gvc));
    mv[kGvcDirect][k] = share(static_cast<double>(a.gvc_direct));
    mv[kGvcCross][k] = share(static_cast<double>(a.gvc_cross));
    mv[kPhiMean][k] = share(a.phi);
    mv[kCertifiedShare][k] = share(static_cast<double>(a.certified));
    mv[kDigitalShare][k] = share(static_cast<double>(a.digital));
    mv[kGreenMean][k] = share(a.green);
    mv[kDepth][k] = a.gvc > 0 ? static_cast<double>(a.depth_sum) / static_cast<double>(a.gvc) : nan;
    // Quantiles of phi, selected on log phi: exp is monotone, so the value at each rank is the
    // same (and -0 and +0 both give phi 1).
    const std::size_t m = phi_start[k + 1] - phi_start[k];
    if (m == 0) {
      mv[kPhi10][k] = mv[kPhi50][k] = mv[kPhi90][k] = nan;
    } else {
      auto rank = [m](double q) { return static_cast<std::size_t>(q * static_cast<double>(m - 1)); };
      const auto q = select_ranks(log_phi + phi_start[k], m, {rank(0.1), rank(0.5), rank(0.9)});
      mv[kPhi10][k] = std::exp(static_cast<double>(q[0]));
      mv[kPhi50][k] = std::exp(static_cast<double>(q[1]));
      mv[kPhi90][k] = std::exp(static_cast<double>(q[2]));
    }
    mv[kDefaultRate][k] = borrowers + c.loan_defaults[k] > 0 ? c.loan_defaults[k] / (borrowers + c.loan_defaults[k]) : nan;
    mv[kAccess][k] = c.credit_applications[k] > 0 ? c.credit_approvals[k] / c.credit_applications[k] : nan;
    // Counts and money in real terms.
    mv[kSmeCount][k] = cnt * scale;
    mv[kEntries][k] = c.entries[k] * scale;
    mv[kExits][k] = c.exits[k] * scale;
    mv[kExports][k] = c.exports_usd[k] * scale;
    mv[kValueAdded][k] = c.value_added_usd[k] * scale;
    mv[kEmployment][k] = a.employment * scale;
    mv[kApps][k] = c.credit_applications[k] * scale;
    mv[kApprovals][k] = c.credit_approvals[k] * scale;
    mv[kLoanVolume][k] = a.loan_volume * scale;
    mv[kBorrowers][k] = borrowers * scale;
    mv[kDefaults][k] = c.loan_defaults[k] * scale;
    mv[kPayouts][k] = c.guarantee_payouts_usd[k] * scale;
    mv[kParkMembers][k] = static_cast<double>(a.park) * scale;
    mv[kEmissions][k] = c.emissions_t[k] * scale;
    mv[kFiscal][k] = c.fiscal_cost_usd[k] * scale;
    mv[kLinks][k] = static_cast<double>(links[k]) * scale;
    mv[kCrossLinks][k] = static_cast<double>(cross[k]) * scale;
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(E * 3); ++k) {
    mv[kAppsBySize][k] = c.applications_by_size[k] * scale;
    mv[kApprovalsBySize][k] = c.approvals_by_size[k] * scale;
    mv[kAccessBySize][k] = c.applications_by_size[k] > 0 ? c.approvals_by_size[k] / c.applications_by_size[k] : nan;
  }

  // By inclusion group, [e*4 + women-led + 2 x youth-led].
  for (auto idx : {kSmeCountByIncl, kGvcByIncl, kAppsByIncl, kApprovalsByIncl, kAccessByIncl}) mv[idx].assign(EI, 0.0);
  for (std::size_t gi = 0; gi < EI; ++gi) {
    const auto cnt = static_cast<double>(incl_count[gi]);
    mv[kGvcByIncl][gi] = cnt > 0 ? static_cast<double>(incl_gvc[gi]) / cnt : nan;
    mv[kSmeCountByIncl][gi] = cnt * scale;
    // Finance fills these; before the first step they are still empty.
    const double apps = gi < c.applications_by_inclusion.size() ? c.applications_by_inclusion[gi] : 0.0;
    const double approvals = gi < c.approvals_by_inclusion.size() ? c.approvals_by_inclusion[gi] : 0.0;
    mv[kAppsByIncl][gi] = apps * scale;
    mv[kApprovalsByIncl][gi] = approvals * scale;
    mv[kAccessByIncl][gi] = apps > 0 ? approvals / apps : nan;
  }
  // Resilience metrics are written at the end of the run; here only their sizes and the history.
  for (auto idx : {kResPreValueAdded, kResDepth, kResRecovery}) mv[idx].assign(static_cast<std::size_t>(E), 0.0);
  const auto row = static_cast<std::size_t>(w.step) * static_cast<std::size_t>(E);
  if (w.value_added_history.size() < row + static_cast<std::size_t>(E)) w.value_added_history.resize(row + static_cast<std::size_t>(E), 0.0);
  for (int e = 0; e < E; ++e) {
    double va = 0;
    for (int s = 0; s < S; ++s) va += c.value_added_usd[static_cast<std::size_t>(w.es(e, s))];
    w.value_added_history[row + static_cast<std::size_t>(e)] = va * scale;
  }

  // Evidence for upgrading: link rates with and without each capability.
  w.link_rate_with.assign(G, 0.0F);
  w.link_rate_without.assign(G, 0.0F);
  for (std::size_t x = 0; x < G; ++x) {
    const Evidence& ev = evidence[x];
    // Rates from exact integer counts (a float sum of ones would stop counting at 2^24 firms).
    auto rate = [](std::uint64_t linked, std::uint64_t all) {
      return static_cast<float>(static_cast<double>(linked) / static_cast<double>(all));
    };
    const std::uint64_t with_n = ev[1][0] + ev[1][1], without_n = ev[0][0] + ev[0][1];
    const float without = without_n > 0 ? rate(ev[0][1], without_n) : 0.0F;
    w.link_rate_without[x] = without;
    w.link_rate_with[x] = with_n > 0 ? rate(ev[1][1], with_n) : without;
  }

#if SMESIM_INVARIANTS
  double entered = 0, exited = 0;
  for (std::size_t k = 0; k < ES; ++k) {
    entered += c.entries[k];
    exited += c.exits[k];
  }
  check_invariants(w, w.alive_count, entered, exited);
#endif
  w.alive_count = alive;
}

void record_metrics(const World& w, sim::MetricFrame& frame) {
  for (std::size_t k = 0; k < w.metric_values.size(); ++k) frame.values(k) = w.metric_values[k];
}

}  // namespace models

namespace models {

// Depth of the fall and quarters to recover, per economy, from the history of
// SME value added per step. The reference is the first step at which any
// shock of the scenario is active (the same for every economy, so economies
// hit only through trade are measured against the same date).
void record_final_metrics(const World& w, sim::MetricFrame& frame) {
  const int E = w.E();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  auto& pre = frame.values(kResPreValueAdded);
  auto& depth = frame.values(kResDepth);
  auto& recovery = frame.values(kResRecovery);
  std::fill(pre.begin(), pre.end(), nan);
  std::fill(depth.begin(), depth.end(), nan);
  std::fill(recovery.begin(), recovery.end(), nan);
  if (E == 0) return;
  const auto& h = w.value_added_history;
  const int steps = static_cast<int>(h.size()) / E;
  int t0 = -1;
  for (const auto& ins : w.instruments) {
    const auto& shocks = shock_kinds();
    const bool shock = std::any_of(shocks.begin(), shocks.end(), [&](const InstrumentKind& k) { return k.spec.type == ins->type; });
    if (!shock) continue;
    const int first = static_cast<int>(std::ceil(ins->start_year / w.dt - 1e-9));
    if (first < ins->end_year / w.dt && (t0 < 0 || first < t0)) t0 = first;
  }
  if (t0 <= 0 || t0 >= steps) return;
  auto va = [&](int t, int e) { return h[static_cast<std::size_t>(t) * static_cast<std::size_t>(E) + static_cast<std::size_t>(e)]; };
  const int from = std::max(0, t0 - w.steps_per_year);
  const double quarters_per_step = 4.0 / w.steps_per_year;
  for (int e = 0; e < E; ++e) {
    double level = 0;
    for (int t = from; t < t0; ++t) level += va(t, e);
    level /= t0 - from;
    const auto k = static_cast<std::size_t>(e);
    pre[k] = level;
    if (level <= 0) continue;
    int trough = t0;
    for (int t = t0; t < steps; ++t) {
      if (va(t, e) < va(trough, e)) trough = t;
    }
    depth[k] = std::max(0.0, (level - va(trough, e)) / level);
    if (va(trough, e) >= level) {
      recovery[k] = 0.0;
      continue;
    }
    for (int t = trough + 1; t < steps; ++t) {
      if (va(t, e) >= level) {
        recovery[k] = (t - t0) * quarters_per_step;
        break;
      }
    }
  }
}

}  // namespace models
