// Compiled with -ffast-math (CMakeLists.txt) so that GCC vectorises these loops
// with glibc's libmvec; keep anything else out of this file. The inputs are
// finite by construction (log phi, capital ratios, uniforms in (0,1)).
//
// Every element must take the same path, or a firm's result would depend on
// its row (the SIMD body and a scalar remainder can differ in the last bit):
// so the arrays are processed in blocks of kBlock through an aligned buffer,
// a trip count that is a whole number of vectors for every target, with no
// remainder loop and no peeling for alignment.
#include "models/vector_math.hpp"

#include <algorithm>
#include <cmath>

namespace models {
namespace {

constexpr std::size_t kBlock = 16;  // floats: one AVX-512 vector, two AVX2, four SSE

// Runs `kernel` (a loop over exactly kBlock aligned floats) over x[0..n), padding
// the last block with `pad`, and hands each block's results to use(first, out, count).
template <class Kernel, class Use>
void by_blocks(const float* x, std::size_t n, float pad, Kernel&& kernel, Use&& use) {
  alignas(64) float in[kBlock];
  alignas(64) float out[kBlock];
  for (std::size_t a = 0; a < n; a += kBlock) {
    const std::size_t m = std::min(kBlock, n - a);
    std::fill(in + m, in + kBlock, pad);
    std::copy(x + a, x + a + m, in);
    kernel(in, out);
    use(a, out, m);
  }
}

// A `use` for by_blocks that stores the results into y.
auto store_into(float* y) {
  return [y](std::size_t a, const float* out, std::size_t m) { std::copy(out, out + m, y + a); };
}

void exp_block(const float* __restrict in, float* __restrict out) {
#pragma GCC unroll 1
  for (std::size_t i = 0; i < kBlock; ++i) out[i] = std::exp(in[i]);
}

}  // namespace

void exp_into(const float* x, float* y, std::size_t n) {
  by_blocks(x, n, 0.0F, exp_block, store_into(y));
}

double sum_exp(const float* x, std::size_t n) {
  double sum = 0;
  by_blocks(x, n, 0.0F, exp_block, [&sum](std::size_t /*a*/, const float* out, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) sum += static_cast<double>(out[i]);
  });
  return sum;
}

void pow_in_place(float* x, float b, std::size_t n) {
  by_blocks(
      x, n, 1.0F,
      [b](const float* __restrict in, float* __restrict out) {
#pragma GCC unroll 1
        for (std::size_t i = 0; i < kBlock; ++i) out[i] = std::pow(in[i], b);
      },
      store_into(x));
}

void laplace_in_place(float* x, std::size_t n) {
  constexpr float kScale = 0.70710678F;  // 1/sqrt(2): scale of a Laplace with standard deviation 1
  by_blocks(
      x, n, 1.0F,
      [](const float* __restrict in, float* __restrict out) {
#pragma GCC unroll 1
        for (std::size_t i = 0; i < kBlock; ++i) {
          const float v = in[i];
          out[i] = (v > 0.0F ? kScale : -kScale) * std::log(std::fabs(v));
        }
      },
      store_into(x));
}

}  // namespace models
