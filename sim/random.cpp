#include "sim/random.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace sim {
namespace {

// Random123's multipliers and key increments for Philox4x32.
constexpr std::uint32_t kM0 = PHILOX_M4x32_0, kM1 = PHILOX_M4x32_1;
constexpr std::uint32_t kW0 = PHILOX_W32_0, kW1 = PHILOX_W32_1;
constexpr int kRounds = 10;

#if defined(__x86_64__) && defined(__GNUC__)
// GCC 12 warns falsely inside its own shift intrinsics (their "undefined" source operand).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// 16 agents at a time in AVX-512 registers. vpmuludq multiplies the even 32-bit lanes
// into 64-bit products, so each round multiplies the even lanes and the odd lanes
// (shifted down) and blends the high and low halves back into 32-bit lanes: about
// 16 instructions a round for 16 agents, against about 40 in GCC's own vectorisation
// of the loop below. Returns how many agents it did (a multiple of 16).
__attribute__((target("avx512f"))) std::size_t blocks32_avx512(
    const std::uint64_t* agent, std::size_t n, std::uint32_t step, std::uint32_t word3,
    const std::array<std::uint32_t, kRounds>& k0, const std::array<std::uint32_t, kRounds>& k1,
    const std::array<std::uint32_t*, 4>& out) {
  const __m512i m0 = _mm512_set1_epi64(kM0), m1 = _mm512_set1_epi64(kM1);
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  constexpr __mmask16 kOdd = 0xAAAA;
  // hi and lo halves of the 32 x 32-bit products of x's lanes with m.
  auto mulhilo =
      [](__m512i x, __m512i m, __m512i & hi, __m512i & lo) __attribute__((target("avx512f"))) {
    const __m512i pe = _mm512_mul_epu32(x, m);
    const __m512i po = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);
    hi = _mm512_mask_blend_epi32(kOdd, _mm512_srli_epi64(pe, 32), po);
    lo = _mm512_mask_blend_epi32(kOdd, pe, _mm512_slli_epi64(po, 32));
  };
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512i a = _mm512_loadu_si512(agent + i), b = _mm512_loadu_si512(agent + i + 8);
    __m512i c0 = _mm512_permutex2var_epi32(a, even, b);  // low words of the agent keys
    __m512i c1 = _mm512_permutex2var_epi32(a, odd, b);   // high words
    __m512i c2 = _mm512_set1_epi32(static_cast<int>(step));
    __m512i c3 = _mm512_set1_epi32(static_cast<int>(word3));
    for (int r = 0; r < kRounds; ++r) {
      __m512i hi0, lo0, hi1, lo1;
      mulhilo(c0, m0, hi0, lo0);
      mulhilo(c2, m1, hi1, lo1);
      const __m512i key0 = _mm512_set1_epi32(static_cast<int>(k0[static_cast<std::size_t>(r)]));
      const __m512i key1 = _mm512_set1_epi32(static_cast<int>(k1[static_cast<std::size_t>(r)]));
      c0 = _mm512_ternarylogic_epi32(hi1, c1, key0, 0x96);  // three-way xor
      c1 = lo1;
      c2 = _mm512_ternarylogic_epi32(hi0, c3, key1, 0x96);
      c3 = lo0;
    }
    _mm512_storeu_si512(out[0] + i, c0);
    _mm512_storeu_si512(out[1] + i, c1);
    _mm512_storeu_si512(out[2] + i, c2);
    _mm512_storeu_si512(out[3] + i, c3);
  }
  return i;
}
#pragma GCC diagnostic pop

bool has_avx512f() {
  static const bool yes =
      __builtin_cpu_supports("avx512f");  // asked once; constant for the process
  return yes;
}
#endif

}  // namespace

void Streams::blocks32(const std::uint64_t* agent, std::size_t n, std::uint32_t step,
                       Purpose purpose, std::uint32_t index,
                       const std::array<std::uint32_t*, 4>& out) const {
  // Philox4x32-10 as Random123 defines it (tests/sim/test_random.cpp checks every
  // word against r123::Philox4x32): AVX-512 where the CPU has it, then one loop over the
  // remaining agents with the round keys tabled, which GCC vectorises where it can.
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
  std::size_t first = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  if (has_avx512f()) first = blocks32_avx512(agent, n, step, word3, k0, k1, out);
#endif
  for (std::size_t i = first; i < n; ++i) {
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
