// Phase 1 (schedule.cpp): instruments act only while active, through the
// hooks, which are reset every step.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

namespace {
using namespace models;

TEST(Schedule, TariffChangeActsOnlyInItsWindow) {
  const std::string cut =
      "[[policy]]\ntype = \"tariff_change\"\neconomies = [\"IND\"]\npartner_economies = [\"BRA\"]\n"
      "change_pct_points = -5.0\nreciprocal = false\nstart_year = 0.5\nend_year = 1.0\n";
  auto r = model_test::make_run(model_test::scenario_text(cut));
  const World& w = *r->w;
  const auto c = static_cast<std::size_t>(w.trade.cell(1, 0, 0));   // IND imports from BRA
  const auto back = static_cast<std::size_t>(w.trade.cell(0, 1, 0));  // BRA imports from IND
  const double base = w.trade.base_tariff_pct[c];
  ASSERT_GT(base, 5.0);
  for (int t = 0; t < 6; ++t) {
    r->until("schedule");
    const bool active = w.years() >= 0.5 && w.years() < 1.0;
    EXPECT_NEAR(w.trade.tariff_pct[c], active ? base - 5.0 : base, 1e-12) << "step " << t;
    EXPECT_NEAR(w.trade.tariff_pct[back], w.trade.base_tariff_pct[back], 1e-12);
    r->finish_step();
  }
}

TEST(Schedule, GuaranteeWritesOnlyTargetedCells) {
  const std::string g = "[[policy]]\ntype = \"credit_guarantee\"\nsize_classes = [\"micro\"]\ncoverage = 0.5\nbudget_usd = 1e9\n";
  auto r = model_test::make_run(model_test::scenario_text(g));
  r->until("schedule");
  const World& w = *r->w;
  int hit = 0, miss = 0;
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    const CellValue& v = w.cells.get(w.cells.cell_of(w.sme, i), Channel::Guarantee);
    if (w.sme.size_class[i] == 0) {
      EXPECT_EQ(v.value, 0.5F);
      ++hit;
    } else {
      EXPECT_EQ(v.program, -1);
      ++miss;
    }
  }
  EXPECT_GT(hit, 0);
  EXPECT_GT(miss, 0);
}

}  // namespace
