// Phase 10 (metrics.cpp): GVC participation as reachability from lead firms,
// direct supply, cross-border chains and chain depth, on a hand-built network.
#include "models/metrics.hpp"
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {
using namespace models;

std::size_t metric(const std::string& name) { return definition().metric_index(name); }

// Clears every link, then wires: lead(BRA) <- a (BRA, tier 1) <- b (IND, tier 2) <- c (IND, tier 3);
// d (BRA tier 1) is linked to nobody.
struct Net {
  std::uint32_t a = kNoFirm, b = kNoFirm, c = kNoFirm, d = kNoFirm;
};

std::uint32_t find_firm(const World& w, int e, int s, int t, std::uint32_t after = 0) {
  for (std::uint32_t i = after; i < w.sme.size(); ++i) {
    if (w.sme.alive(i) && w.sme.economy[i] == e && w.sme.sector[i] == s && w.sme.tier[i] == t) return i;
  }
  return kNoFirm;
}

Net wire(World& w) {
  std::fill(w.sme.supplier.begin(), w.sme.supplier.end(), kNoFirm);
  std::fill(w.lead.supplier.begin(), w.lead.supplier.end(), kNoFirm);
  Net n;
  n.a = find_firm(w, 0, 0, 1);
  n.d = find_firm(w, 0, 0, 1, n.a + 1);
  n.b = find_firm(w, 1, 0, 2);
  n.c = find_firm(w, 1, 0, 3);
  std::size_t lead = 0;
  while (!(w.lead.economy[lead] == 0 && w.lead.sector[lead] == 0)) ++lead;
  w.lead.supplier[lead * static_cast<std::size_t>(w.lead.slots)] = n.a;
  w.sme.supplier[n.a * kMaxSlots] = n.b;
  w.sme.supplier[n.b * kMaxSlots] = n.c;
  return n;
}

TEST(Metrics, ReachabilityDirectCrossBorderAndDepthOnHandBuiltNetwork) {
  auto r = model_test::make_run(model_test::scenario_text("", 50000, "\"BRA\", \"IND\"", "\"electronics\""));
  World& w = *r->w;
  const Net n = wire(w);
  ASSERT_NE(n.a, kNoFirm);
  ASSERT_NE(n.b, kNoFirm);
  ASSERT_NE(n.c, kNoFirm);
  metrics(w, r->ctx);
  EXPECT_EQ(w.lead_supplier[n.a], 1);
  EXPECT_EQ(w.lead_supplier[n.b], 0);
  EXPECT_EQ(w.has_buyer[n.c], 1);
  EXPECT_EQ(w.has_buyer[n.d], 0);
  // Counts of active firms per label, to turn shares back into firm counts.
  const auto& count = w.metric_values[metric("sme_count")];
  const auto& gvc = w.metric_values[metric("gvc_participation")];
  const auto& direct = w.metric_values[metric("gvc_direct")];
  const auto& cross = w.metric_values[metric("gvc_cross_border")];
  const auto& depth = w.metric_values[metric("chain_depth_mean")];
  const double bra = count[0] / w.scale, ind = count[1] / w.scale;
  EXPECT_NEAR(gvc[0] * bra, 1.0, 1e-9);   // a
  EXPECT_NEAR(gvc[1] * ind, 2.0, 1e-9);   // b, c
  EXPECT_NEAR(direct[0] * bra, 1.0, 1e-9);
  EXPECT_NEAR(direct[1] * ind, 0.0, 1e-9);
  EXPECT_NEAR(cross[0] * bra, 0.0, 1e-9); // a supplies a lead at home
  EXPECT_NEAR(cross[1] * ind, 2.0, 1e-9); // b's chain crosses BRA-IND, c inherits it
  EXPECT_NEAR(depth[0], 1.0, 1e-12);
  EXPECT_NEAR(depth[1], 2.5, 1e-12);      // b at depth 2, c at depth 3
  EXPECT_NEAR(w.metric_values[metric("links")][1] / w.scale, 2.0, 1e-9);
  EXPECT_NEAR(w.metric_values[metric("cross_border_links")][1] / w.scale, 1.0, 1e-9);
}

TEST(Metrics, DeadSuppliersBreakTheChain) {
  auto r = model_test::make_run(model_test::scenario_text("", 50000, "\"BRA\", \"IND\"", "\"electronics\""));
  World& w = *r->w;
  const Net n = wire(w);
  w.sme.set(n.b, kAlive, false);
  metrics(w, r->ctx);
  EXPECT_EQ(w.has_buyer[n.c], 0);  // c's only buyer exited
  const double ind = w.metric_values[metric("sme_count")][1] / w.scale;
  EXPECT_NEAR(w.metric_values[metric("gvc_participation")][1] * ind, 0.0, 1e-9);
}

TEST(Metrics, EveryMetricHasAValuePerLabel) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(2);
  const auto& specs = metric_specs();
  const auto coords = definition().coordinates(r->scenario);
  ASSERT_EQ(coords.at("economy").size(), 2U);
  ASSERT_EQ(coords.at("sector").size(), 2U);
  ASSERT_EQ(r->w->metric_values.size(), specs.size());
  for (std::size_t k = 0; k < specs.size(); ++k) {
    if (!specs[k].per_step) continue;
    std::size_t labels = 1;
    for (const auto& d : specs[k].dims) labels *= coords.at(d).size();
    EXPECT_EQ(r->w->metric_values[k].size(), labels) << specs[k].name;
  }
}

}  // namespace
