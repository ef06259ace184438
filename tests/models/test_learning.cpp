// Phase 8 (learning.cpp): learning by supplying lead firms, heavy tails.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {
using namespace models;

TEST(Learning, DirectSuppliersOfLeadFirmsLearnFaster) {
  // Same world and draws with and without learning by supplying: only lead suppliers differ.
  auto with = model_test::make_run(
      model_test::scenario_text("[learning]\nlearning_by_supplying_per_year = 0.2\n"));
  auto without = model_test::make_run(
      model_test::scenario_text("[learning]\nlearning_by_supplying_per_year = 0.0\n"));
  with->until("learning");
  without->until("learning");
  double gain_sup = 0, n_sup = 0, gain_other = 0;
  model_test::for_each_common(*with->w, *without->w, [&](std::uint32_t i, std::uint32_t j) {
    const double d = with->w->sme.log_phi[i] - without->w->sme.log_phi[j];
    if (with->w->lead_supplier[i] != 0) {
      gain_sup += d;
      n_sup += 1;
    } else {
      gain_other += std::abs(d);
    }
  });
  ASSERT_GT(n_sup, 5);
  EXPECT_NEAR(gain_sup / n_sup, 0.2 * with->w->dt, 1e-5);
  EXPECT_EQ(gain_other, 0.0);
}

TEST(Learning, LaplaceDrawsHaveUnitVarianceAndFatTails) {
  double s2 = 0, s4 = 0;
  const int n = 200000;
  for (int k = 0; k < n; ++k) {
    const double x = laplace((k + 0.5) / n);
    s2 += x * x / n;
    s4 += x * x * x * x / n;
  }
  EXPECT_NEAR(s2, 1.0, 0.01);
  EXPECT_NEAR(s4 / (s2 * s2), 6.0, 0.2);  // kurtosis 6: tent-shaped growth rates
}

}  // namespace
