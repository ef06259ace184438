// Phase 8 (learning.cpp): learning by supplying lead firms, heavy tails.
#include "models/vector_math.hpp"
#include "sim/random.hpp"
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
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

TEST(Learning, LaplaceArgumentIsTwoUOrMinusTwoOneMinusU) {
  // The branch-free form (2u - 2 above one half) must give the bits of the plain formula.
  const auto plain = [](double u) {
    return static_cast<float>(u < 0.5 ? 2.0 * u : -2.0 * (1.0 - u));
  };
  std::vector<double> us{0.5,
                         std::nextafter(0.5, 0.0),
                         std::nextafter(0.5, 1.0),
                         std::nextafter(1.0, 0.0),
                         std::nextafter(0.0, 1.0),
                         0.25,
                         0.75,
                         1.0 / 3.0,
                         2.0 / 3.0};
  for (int k = 0; k < 100000; ++k) us.push_back((k + 0.5) / 100000.0);
  for (std::uint32_t word : {0U, 1U, 0x7fffffffU, 0x80000000U, 0xfffffffeU, 0xffffffffU})
    us.push_back(sim::Streams::word_to_open_unit(word));
  for (const double u : us) {
    EXPECT_EQ(std::bit_cast<std::uint32_t>(models::laplace_argument(u)),
              std::bit_cast<std::uint32_t>(plain(u)))
        << u;
  }
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
