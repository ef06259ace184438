// Phase 6 (accounts.cpp): debt service, employment toward demand, size class.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

namespace {
using namespace models;

TEST(Accounts, DebtServiceRepaysPrincipalToTheBank) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("finance");
  World& w = *r->w;
  std::size_t i = 0;
  while (!(w.sme.alive(i) && w.sme.debt_usd[i] == 0)) ++i;
  // Give firm i a loan by hand, booked like the finance phase does.
  Bank& bank = w.banks[static_cast<std::size_t>(w.econ[w.sme.economy[i]].bank_offset +
                                                static_cast<int>(w.sme.rng_key[i] % static_cast<std::uint64_t>(w.econ[w.sme.economy[i]].banks)))];
  bank.cash_usd -= 8000;
  bank.loans_usd += 8000;
  w.sme.cash_usd[i] += 8000;
  w.sme.debt_usd[i] = 8000;
  w.sme.principal_per_step[i] = 1000;
  w.sme.loan_rate_per_year[i] = 0.1F;
  const double loans = bank.loans_usd;
  r->until("accounts");
  ASSERT_TRUE(w.sme.alive(i));
  EXPECT_NEAR(w.sme.debt_usd[i], 7000, 1e-6);
  EXPECT_LE(bank.loans_usd, loans - 1000 + 1e-6);  // other borrowers of the bank repay too
}

TEST(Accounts, EmploymentMovesTowardDemandAndSizeClassFollows) {
  auto r = model_test::make_run(model_test::scenario_text());
  r->steps(1);
  r->until("upgrading");  // demand and capacity of this step are set; accounts ran
  const World& w = *r->w;
  for (std::size_t i = 0; i < w.sme.size(); ++i) {
    if (!w.sme.alive(i)) continue;
    EXPECT_EQ(w.sme.size_class[i], size_class_of(w.sme.employees[i]));
    EXPECT_GE(w.sme.employees[i], 1.0F);
  }
  // Firms whose demand exceeds what their workforce makes at the target utilisation grow.
  auto r2 = model_test::make_run(model_test::scenario_text());
  r2->steps(1);
  r2->until("production");
  World& w2 = *r2->w;
  std::vector<float> before = w2.sme.employees;
  std::vector<double> need(w2.sme.size(), 0.0);
  for (std::size_t i = 0; i < w2.sme.size(); ++i) {
    if (!w2.sme.alive(i) || w2.sme.capacity_units[i] <= 0) continue;
    const double per_worker = w2.sme.capacity_units[i] / w2.sme.employees[i];
    need[i] = (w2.sme.local_demand_units[i] + w2.sme.orders_units[i]) / (per_worker * w2.cfg.initial_utilisation);
  }
  r2->until("accounts");
  int toward = 0, away = 0;
  for (std::size_t i = 0; i < w2.sme.size(); ++i) {
    if (!w2.sme.alive(i) || need[i] <= 1.0) continue;
    const double d0 = std::abs(need[i] - before[i]), d1 = std::abs(need[i] - w2.sme.employees[i]);
    (d1 <= d0 + 1e-4 ? toward : away) += 1;
  }
  EXPECT_GT(toward, 100);
  EXPECT_EQ(away, 0);
}

}  // namespace
