// Invariants (invariants.cpp), checked every step in this build: money is
// conserved among firms, banks, government and the outside world; no stock
// is negative; entries minus exits equals the change in the firm count.
#include "models/instrument.hpp"
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {
using namespace models;

TEST(Invariants, HoldEveryStepOfTheDefaultPoliciesTogether) {
  const std::string policies =
      "[[policy]]\ntype = \"credit_guarantee\"\nsize_classes = [\"micro\", \"small\"]\nbudget_usd = 1e9\n"
      "[[policy]]\ntype = \"industrial_park\"\neconomies = [\"IND\"]\nsectors = [\"electronics\"]\ncapacity_firms = 100000\nbudget_usd = 1e9\n"
      "[[policy]]\ntype = \"tariff_change\"\nchange_pct_points = -5.0\n"
      "[[policy]]\ntype = \"interest_subsidy\"\nbudget_usd = 1e8\n"
      "[[policy]]\ntype = \"development_credit_line\"\nfacility_usd = 1e9\nbudget_usd = 1e8\n"
      "[[policy]]\ntype = \"upgrade_grant\"\nbudget_usd = 1e8\n"
      "[[policy]]\ntype = \"cluster_support\"\nbudget_usd = 1e8\n"
      "[[policy]]\ntype = \"matchmaking\"\nbudget_usd = 1e8\n"
      "[[policy]]\ntype = \"ntb_change\"\n"
      "[[policy]]\ntype = \"standards_recognition\"\n";
  auto r = model_test::make_run(model_test::scenario_text(policies, 20000));
  EXPECT_NO_THROW(r->steps(20));
  for (const auto& p : r->w->programs) EXPECT_LE(p.spent_usd, p.budget_usd) << p.name;
}

TEST(Invariants, ACreatedDollarIsCaught) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->w->sme.cash_usd[0] += 1e6;
  EXPECT_THROW(check_invariants(*r->w, r->w->alive_count, 0, 0), std::logic_error);
}

TEST(Invariants, ANegativeStockIsCaught) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  std::size_t i = 0;
  while (!r->w->sme.alive(i)) ++i;
  r->w->sme.employees[i] = -1;
  EXPECT_THROW(check_invariants(*r->w, r->w->alive_count, 0, 0), std::logic_error);
}

TEST(Invariants, AFirmLostFromTheBooksIsCaught) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(2);
  std::size_t i = 0;
  while (!r->w->sme.alive(i)) ++i;
  r->w->sme.set(i, kAlive, false);  // gone without being counted as an exit
  EXPECT_THROW(check_invariants(*r->w, r->w->alive_count, 0, 0), std::logic_error);
}

}  // namespace
