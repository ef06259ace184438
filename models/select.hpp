#pragma once
/// @file select.hpp
/// @brief Branch-free selection between two doubles, for per-firm loops whose
/// conditions are coin tosses to the branch predictor.
///
/// GCC 12 compiles `c ? a : b`, std::min and std::max on doubles in the hot
/// loops into compare-and-branch when it judges the branch cheap; where the
/// condition differs at random from one firm to the next (which half of (0,1)
/// a uniform falls in, whether a firm is digital or profitable) a large share
/// of those branches is mispredicted, each costing a pipeline flush. A select
/// through a bit mask is kept as integer operations. The result is exactly
/// `c ? a : b`. Use it only where measured: where the branch is predicted
/// well, the select is slower, since it waits for both inputs
/// (docs/performance.md section 6).
#include <bit>
#include <cstdint>

namespace models {

/// @brief `c ? a : b`, computed without a branch.
inline double select(bool c, double a, double b) {
  const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(c);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) |
                               (std::bit_cast<std::uint64_t>(b) & ~mask));
}

}  // namespace models
