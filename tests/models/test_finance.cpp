// Phase 5 (finance.cpp): bank screening, capital limit, guarantees.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

namespace {
using namespace models;

TEST(Finance, BanksNeverLendBeyondTheirCapitalLimit) {
  auto r = model_test::make_run(model_test::scenario_text("[economy.BRA]\nbank_capital_per_sme_usd = 300.0\n[economy.IND]\nbank_capital_per_sme_usd = 300.0\n"));
  for (int t = 0; t < 8; ++t) {
    r->until("finance");
    for (const Bank& b : r->w->banks) {
      EXPECT_LE(b.loans_usd, b.equity_usd / r->w->cfg.capital_ratio * (1 + 1e-9) + 1e-6);
    }
    r->finish_step();
  }
}

TEST(Finance, NoAppetiteNoLoans) {
  auto r = model_test::make_run(model_test::scenario_text("[finance]\nrisk_appetite = 0.0\n"));
  r->steps(4);
  double loans = 0;
  for (const Bank& b : r->w->banks) loans += b.loans_usd;
  EXPECT_EQ(loans, 0.0);
}

}  // namespace
