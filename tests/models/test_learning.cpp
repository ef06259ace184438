// Phase 8 (learning.cpp): learning by supplying lead firms, heavy tails.
#include "models/vector_math.hpp"
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

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
  // The shocks as the firm pass makes them: the argument per uniform, then the SIMD transform.
  const int n = 200000;
  std::vector<float> x(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k)
    x[static_cast<std::size_t>(k)] = models::laplace_argument((k + 0.5) / n);
  models::laplace_in_place(x.data(), x.size());
  double s2 = 0, s4 = 0, sum = 0;
  for (const float v : x) {
    sum += v;
    s2 += static_cast<double>(v) * v / n;
    s4 += static_cast<double>(v) * v * v * v / n;
  }
  EXPECT_NEAR(sum / n, 0.0, 1e-4);  // symmetric: the two tails are mirror images
  EXPECT_NEAR(s2, 1.0, 0.01);
  EXPECT_NEAR(s4 / (s2 * s2), 6.0, 0.2);  // kurtosis 6: tent-shaped growth rates
}

}  // namespace
