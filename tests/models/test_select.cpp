// models/select.hpp: the branch-free select gives exactly the value of `c ? a : b`.
#include "models/select.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

TEST(Select, GivesTheBitsOfTheTernary) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> values{0.0, -0.0, 1.0, -1.0, 0.5, 1e-310, -1e308, inf, -inf, nan};
  for (const double a : values) {
    for (const double b : values) {
      for (const bool c : {false, true}) {
        EXPECT_EQ(std::bit_cast<std::uint64_t>(models::select(c, a, b)),
                  std::bit_cast<std::uint64_t>(c ? a : b))
            << c << " " << a << " " << b;
      }
    }
  }
}

}  // namespace
