// Phase 10: aggregates the step into metrics per economy and sector. GVC
// participation is reachability from lead firms over the supplier network,
// found with Boost.Graph (breadth-first search from a super-source joined to
// every lead firm); chain depth is the BFS distance. Also refreshes the
// evidence SMEs use to value upgrades, and checks the invariants.
#include "models/metrics.hpp"

#include "models/instrument.hpp"
#include "models/phases.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/visitors.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

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

// 32-bit vertex and edge indices: half the memory of the default, enough for 4e9 firms.
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, std::uint32_t, std::uint32_t>;
constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();

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
  const int m = std::min(w.cfg.sme_slots, kMaxSlots);

  // Supplier network: vertex 0 is a super-source, 1..NL lead firms, then SMEs.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(NL + n);
  w.has_buyer.assign(n, 0);
  w.lead_supplier.assign(n, 0);
  std::vector<double> links(ES, 0.0), cross(ES, 0.0);
  auto add_edge = [&](std::size_t from, int from_econ, std::uint32_t j) {
    edges.emplace_back(static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(1 + NL + j));
    w.has_buyer[j] = 1;
    const auto k = static_cast<std::size_t>(w.es(f.economy[j], f.sector[j]));
    links[k] += 1;
    if (f.economy[j] != from_econ) cross[k] += 1;
  };
  for (std::size_t l = 0; l < NL; ++l) {
    edges.emplace_back(0U, static_cast<std::uint32_t>(1 + l));
    for (int k = 0; k < w.lead.slots; ++k) {
      const std::uint32_t j = w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots) + static_cast<std::size_t>(k)];
      if (j == kNoFirm || !f.alive(j)) continue;
      add_edge(1 + l, w.lead.economy[l], j);
      w.lead_supplier[j] = 1;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) continue;
    for (int k = 0; k < m; ++k) {
      const std::uint32_t j = f.supplier[i * kMaxSlots + static_cast<std::size_t>(k)];
      if (j != kNoFirm && f.alive(j)) add_edge(1 + NL + i, f.economy[i], j);
    }
  }
  const Graph g(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), static_cast<std::uint32_t>(1 + NL + n));
  std::vector<std::uint32_t> dist(1 + NL + n, kUnreached);
  dist[0] = 0;
  boost::breadth_first_search(
      g, 0, boost::visitor(boost::make_bfs_visitor(boost::record_distances(dist.data(), boost::on_tree_edge()))));
  // Cross-border chains: propagate down the tiers (edges only go from tier t to t+1).
  std::vector<std::uint8_t> cb(n, 0);
  for (std::size_t l = 0; l < NL; ++l) {
    for (int k = 0; k < w.lead.slots; ++k) {
      const std::uint32_t j = w.lead.supplier[l * static_cast<std::size_t>(w.lead.slots) + static_cast<std::size_t>(k)];
      if (j != kNoFirm && f.alive(j) && f.economy[j] != w.lead.economy[l]) cb[j] = 1;
    }
  }
  for (int t = 1; t < kMaxTiers; ++t) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!f.alive(i) || f.tier[i] != t || dist[1 + NL + i] == kUnreached) continue;
      for (int k = 0; k < m; ++k) {
        const std::uint32_t j = f.supplier[i * kMaxSlots + static_cast<std::size_t>(k)];
        if (j != kNoFirm && f.alive(j) && (cb[i] != 0 || f.economy[j] != f.economy[i])) cb[j] = 1;
      }
    }
  }

  // Aggregate by economy and sector.
  auto& mv = w.metric_values;
  mv.assign(kMetricCount, std::vector<double>(ES, 0.0));
  mv[kAppsBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  mv[kApprovalsBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  mv[kAccessBySize].assign(static_cast<std::size_t>(E * 3), 0.0);
  std::vector<double> count(ES, 0.0), depth_sum(ES, 0.0), depth_n(ES, 0.0);
  std::vector<std::vector<double>> phis(ES);
  std::int64_t alive = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) continue;
    ++alive;
    const auto k = static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]));
    count[k] += 1;
    const std::uint32_t d = dist[1 + NL + i];
    if (d != kUnreached) {
      mv[kGvc][k] += 1;
      depth_sum[k] += static_cast<double>(d - 1);
      depth_n[k] += 1;
      if (cb[i] != 0) mv[kGvcCross][k] += 1;
    }
    if (w.lead_supplier[i] != 0) mv[kGvcDirect][k] += 1;
    mv[kEmployment][k] += f.employees[i];
    const double phi = std::exp(static_cast<double>(f.log_phi[i]));
    mv[kPhiMean][k] += phi;
    phis[k].push_back(phi);
    if (f.debt_usd[i] > 0) {
      mv[kLoanVolume][k] += f.debt_usd[i];
      mv[kBorrowers][k] += 1;
    }
    if (f.has(i, kCertified)) mv[kCertifiedShare][k] += 1;
    if (f.has(i, kDigital)) mv[kDigitalShare][k] += 1;
    mv[kGreenMean][k] += f.green[i];
    if (f.park[i] >= 0) mv[kParkMembers][k] += 1;
  }
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const Counters& c = w.counters;
  for (std::size_t k = 0; k < ES; ++k) {
    const double cnt = count[k];
    auto share = [cnt](double x) { return cnt > 0 ? x / cnt : std::numeric_limits<double>::quiet_NaN(); };
    mv[kGvc][k] = share(mv[kGvc][k]);
    mv[kGvcDirect][k] = share(mv[kGvcDirect][k]);
    mv[kGvcCross][k] = share(mv[kGvcCross][k]);
    mv[kPhiMean][k] = share(mv[kPhiMean][k]);
    mv[kCertifiedShare][k] = share(mv[kCertifiedShare][k]);
    mv[kDigitalShare][k] = share(mv[kDigitalShare][k]);
    mv[kGreenMean][k] = share(mv[kGreenMean][k]);
    mv[kDepth][k] = depth_n[k] > 0 ? depth_sum[k] / depth_n[k] : nan;
    auto& v = phis[k];
    for (auto [idx, q] : {std::pair{kPhi10, 0.1}, std::pair{kPhi50, 0.5}, std::pair{kPhi90, 0.9}}) {
      if (v.empty()) { mv[idx][k] = nan; continue; }
      const auto pos = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(pos), v.end());
      mv[idx][k] = v[pos];
    }
    mv[kDefaultRate][k] = mv[kBorrowers][k] + c.loan_defaults[k] > 0 ? c.loan_defaults[k] / (mv[kBorrowers][k] + c.loan_defaults[k]) : nan;
    mv[kAccess][k] = c.credit_applications[k] > 0 ? c.credit_approvals[k] / c.credit_applications[k] : nan;
    // Counts and money in real terms.
    mv[kSmeCount][k] = cnt * scale;
    mv[kEntries][k] = c.entries[k] * scale;
    mv[kExits][k] = c.exits[k] * scale;
    mv[kExports][k] = c.exports_usd[k] * scale;
    mv[kValueAdded][k] = c.value_added_usd[k] * scale;
    mv[kEmployment][k] *= scale;
    mv[kApps][k] = c.credit_applications[k] * scale;
    mv[kApprovals][k] = c.credit_approvals[k] * scale;
    mv[kLoanVolume][k] *= scale;
    mv[kBorrowers][k] *= scale;
    mv[kDefaults][k] = c.loan_defaults[k] * scale;
    mv[kPayouts][k] = c.guarantee_payouts_usd[k] * scale;
    mv[kParkMembers][k] *= scale;
    mv[kEmissions][k] = c.emissions_t[k] * scale;
    mv[kFiscal][k] = c.fiscal_cost_usd[k] * scale;
    mv[kLinks][k] = links[k] * scale;
    mv[kCrossLinks][k] = cross[k] * scale;
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(E * 3); ++k) {
    mv[kAppsBySize][k] = c.applications_by_size[k] * scale;
    mv[kApprovalsBySize][k] = c.approvals_by_size[k] * scale;
    mv[kAccessBySize][k] = c.applications_by_size[k] > 0 ? c.approvals_by_size[k] / c.applications_by_size[k] : nan;
  }

  // By inclusion group, [e*4 + women-led + 2 x youth-led].
  const auto EI = static_cast<std::size_t>(E * 4);
  for (auto idx : {kSmeCountByIncl, kGvcByIncl, kAppsByIncl, kApprovalsByIncl, kAccessByIncl}) mv[idx].assign(EI, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) continue;
    const std::size_t gi = static_cast<std::size_t>(f.economy[i]) * 4 + (f.has(i, kWomenLed) ? 1U : 0U) + (f.has(i, kYouthLed) ? 2U : 0U);
    mv[kSmeCountByIncl][gi] += 1;
    if (dist[1 + NL + i] != kUnreached) mv[kGvcByIncl][gi] += 1;
  }
  for (std::size_t gi = 0; gi < EI; ++gi) {
    const double cnt = mv[kSmeCountByIncl][gi];
    mv[kGvcByIncl][gi] = cnt > 0 ? mv[kGvcByIncl][gi] / cnt : nan;
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

  // Evidence for upgrading: link rates with and without each capability, by (economy, sector, tier).
  const std::size_t G = static_cast<std::size_t>(E * S * kMaxTiers) * kUpgradeKinds;
  std::vector<float> wl(G, 0), wn(G, 0), ol(G, 0), on(G, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) continue;
    const auto gi = static_cast<std::size_t>(w.group(f.economy[i], f.sector[i], f.tier[i])) * kUpgradeKinds;
    const float linked = w.has_buyer[i] != 0 ? 1.0F : 0.0F;
    const Sector& sec = w.sect[f.sector[i]];
    const double green_req = sec.green_requirement[static_cast<std::size_t>(f.tier[i] - 1)] +
                             w.market.green_requirement_add[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))];
    const bool with[kUpgradeKinds] = {false, f.has(i, kCertified), f.has(i, kDigital), f.green[i] >= green_req && green_req > 0, false};
    for (int kind = 1; kind <= 3; ++kind) {
      const std::size_t x = gi + static_cast<std::size_t>(kind);
      if (with[kind]) { wl[x] += linked; wn[x] += 1; } else { ol[x] += linked; on[x] += 1; }
    }
  }
  w.link_rate_with.assign(G, 0.0F);
  w.link_rate_without.assign(G, 0.0F);
  for (std::size_t x = 0; x < G; ++x) {
    const float without = on[x] > 0 ? ol[x] / on[x] : 0.0F;
    w.link_rate_without[x] = without;
    w.link_rate_with[x] = wn[x] > 0 ? wl[x] / wn[x] : without;
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
