// Phase 3 (sourcing.cpp): review, requirements, certification or mutual
// recognition across borders, landed-cost choice.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

namespace {
using namespace models;

struct Links {
  double domestic = 0, cross = 0;
};

Links count_links(const World& w) {
  Links l;
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i)) continue;
    for (int k = 0; k < kMaxSlots; ++k) {
      const auto j = w.sme.supplier[i * kMaxSlots + static_cast<std::size_t>(k)];
      if (j == kNoFirm) continue;
      (w.sme.economy[j] == w.sme.economy[i] ? l.domestic : l.cross) += 1;
    }
  }
  for (std::size_t b = 0; b < w.lead.size(); ++b) {
    for (int k = 0; k < w.lead.slots; ++k) {
      const auto j =
          w.lead.supplier[b * static_cast<std::size_t>(w.lead.slots) + static_cast<std::size_t>(k)];
      if (j == kNoFirm) continue;
      (w.sme.economy[j] == w.lead.economy[b] ? l.domestic : l.cross) += 1;
    }
  }
  return l;
}

TEST(Sourcing, SuppliersAreFromTheNextTierOfTheSameSectorAndMeetRequirements) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(4);
  const World& w = *r->w;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i)) continue;
    for (int k = 0; k < kMaxSlots; ++k) {
      const auto j = w.sme.supplier[i * kMaxSlots + static_cast<std::size_t>(k)];
      if (j == kNoFirm || !w.sme.alive(j)) continue;
      EXPECT_EQ(w.sme.tier[j], w.sme.tier[i] + 1);
      EXPECT_EQ(w.sme.sector[j], w.sme.sector[i]);
      const auto& sec = w.sect[w.sme.sector[i]];
      EXPECT_GE(w.sme.quality[j] + 1e-6,
                sec.quality_requirement[static_cast<std::size_t>(w.sme.tier[j] - 1)]);
      if (w.sme.economy[j] != w.sme.economy[i]) {
        EXPECT_TRUE(w.sme.has(j, kCertified));
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100U);
}

TEST(Sourcing, NoCrossBorderLinksWithoutCertificationOrRecognition) {
  auto r = model_test::make_run(model_test::scenario_text(
      "[economy.BRA]\ncertified_share = 0.0\n[economy.IND]\ncertified_share = 0.0\n"));
  r->steps(4);
  EXPECT_EQ(count_links(*r->w).cross, 0.0);
  EXPECT_GT(count_links(*r->w).domestic, 100.0);
}

TEST(Sourcing, MutualRecognitionOpensBordersToUncertifiedSuppliers) {
  const std::string uncertified =
      "[economy.BRA]\ncertified_share = 0.0\n[economy.IND]\ncertified_share = 0.0\n";
  auto r = model_test::make_run(model_test::scenario_text(
      uncertified + "[trade_pair.BRA-IND]\ndistance_km = 14000\nstandards_recognition = true\n"));
  r->steps(4);
  EXPECT_GT(count_links(*r->w).cross, 0.0);
}

TEST(Sourcing, ProhibitiveTariffsKeepBuyersAtHome) {
  // Many certified firms and near neighbours, so that foreign suppliers are often eligible.
  auto text = [](const char* tariff) {
    return model_test::scenario_text(
        std::string("[economy.CHN]\ncertified_share = 0.5\ntariff_pct = ") + tariff +
            "\n[economy.IND]\ncertified_share = 0.5\ntariff_pct = " + tariff + "\n",
        20000, "\"CHN\", \"IND\"");
  };
  auto open = model_test::make_run(text("0.0"));
  auto closed = model_test::make_run(text("100.0"));
  open->steps(6);
  closed->steps(6);
  // Warm-up draws are the same (common random numbers); landed cost decides.
  ASSERT_GT(count_links(*open->w).cross, 20.0);
  EXPECT_LT(count_links(*closed->w).cross, 0.5 * count_links(*open->w).cross);
}

TEST(Sourcing, ReviewRateZeroFreezesTheNetwork) {
  auto r =
      model_test::make_run(model_test::scenario_text("[sourcing]\nreview_rate_per_year = 0.0\n"));
  // Lead firms' suppliers by key: compaction renumbers rows and frees links to exited firms.
  const std::vector<std::uint64_t> before = model_test::slot_keys(*r->w, r->w->lead.supplier);
  r->steps(3);
  const World& w = *r->w;
  const model_test::FirmRows rows(w);
  ASSERT_EQ(w.lead.supplier.size(), before.size());
  std::size_t kept = 0;
  for (std::size_t k = 0; k < before.size(); ++k) {
    const std::uint32_t now = w.lead.supplier[k];
    if (before[k] == model_test::kNoKey) {
      EXPECT_EQ(now, kNoFirm) << "slot " << k;
    } else if (now == kNoFirm) {
      // Freed only where the supplier exited and compaction dropped its row.
      EXPECT_EQ(rows.row(before[k]), kNoFirm) << "slot " << k << " lost firm " << before[k];
    } else {
      EXPECT_EQ(w.sme.rng_key[now], before[k]) << "slot " << k;
      ++kept;
    }
  }
  EXPECT_GT(kept, 0U);
}

}  // namespace
