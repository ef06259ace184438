// Validation against stylised facts: the upper tail of the SME size
// distribution is Pareto-like with an exponent near 1 (Axtell 2001 for the
// US; Brazil in the calibration data notes).
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {
using namespace models;

// Hill estimator of the Pareto exponent from sizes at or above x_min.
double hill(std::vector<double> sizes, double x_min) {
  double sum = 0, n = 0;
  for (double s : sizes) {
    if (s < x_min) continue;
    sum += std::log(s / x_min);
    n += 1;
  }
  return n / sum;
}

TEST(StylizedFacts, FirmSizeUpperTailIsParetoWithExponentNearOne) {
  auto r = model_test::make_run(model_test::scenario_text("", 10000, "\"BRA\", \"IND\", \"CHN\"",
                                                          "\"electronics\", \"agrifood\", \"textiles\", \"machinery\""));
  r->steps(40);  // ten years
  std::vector<double> sizes;
  for (std::size_t i = 0; i < r->w->sme.size(); ++i) {
    if (r->w->sme.alive(i)) sizes.push_back(r->w->sme.employees[i]);
  }
  ASSERT_GT(sizes.size(), 2000U);
  const double alpha = hill(sizes, 10.0);
  std::printf("Pareto exponent of employment (Hill, x_min = 10): %.3f over %zu firms\n", alpha, sizes.size());
  EXPECT_GT(alpha, 0.7);
  EXPECT_LT(alpha, 1.4);
}

}  // namespace
