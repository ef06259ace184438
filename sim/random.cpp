#include "sim/random.hpp"

namespace sim {

void Streams::blocks32(const std::uint64_t* agent, std::size_t n, std::uint32_t step,
                       Purpose purpose, std::uint32_t index,
                       const std::array<std::uint32_t*, 4>& out) const {
  // Philox4x32-10 as Random123 defines it (tests/sim/test_random.cpp checks every
  // word against r123::Philox4x32), written as one loop over agents with the round
  // keys tabled, which GCC vectorises: the 32x32 -> 64-bit products are vpmuludq.
  constexpr std::uint32_t kM0 = 0xD2511F53U, kM1 = 0xCD9E8D57U;
  constexpr std::uint32_t kW0 = 0x9E3779B9U, kW1 = 0xBB67AE85U;
  constexpr int kRounds = 10;
  std::array<std::uint32_t, kRounds> k0{}, k1{};
  for (int r = 0; r < kRounds; ++r) {
    k0[static_cast<std::size_t>(r)] = key32_[0] + static_cast<std::uint32_t>(r) * kW0;
    k1[static_cast<std::size_t>(r)] = key32_[1] + static_cast<std::uint32_t>(r) * kW1;
  }
  const std::uint32_t word3 = (purpose << 16U) | index;
  std::uint32_t* __restrict o0 = out[0];
  std::uint32_t* __restrict o1 = out[1];
  std::uint32_t* __restrict o2 = out[2];
  std::uint32_t* __restrict o3 = out[3];
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t c0 = static_cast<std::uint32_t>(agent[i]),
                  c1 = static_cast<std::uint32_t>(agent[i] >> 32U);
    std::uint32_t c2 = step, c3 = word3;
#pragma GCC unroll 10
    for (int r = 0; r < kRounds; ++r) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(kM0) * c0;
      const std::uint64_t p1 = static_cast<std::uint64_t>(kM1) * c2;
      const auto hi0 = static_cast<std::uint32_t>(p0 >> 32U), lo0 = static_cast<std::uint32_t>(p0);
      const auto hi1 = static_cast<std::uint32_t>(p1 >> 32U), lo1 = static_cast<std::uint32_t>(p1);
      c0 = hi1 ^ c1 ^ k0[static_cast<std::size_t>(r)];
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1[static_cast<std::size_t>(r)];
      c3 = lo0;
    }
    o0[i] = c0;
    o1[i] = c1;
    o2[i] = c2;
    o3[i] = c3;
  }
}

}  // namespace sim
