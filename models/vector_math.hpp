#pragma once
/// @file vector_math.hpp
/// @brief Element-wise exp, pow and the Laplace transform over per-firm float
/// arrays, compiled so that they run as SIMD loops (glibc's vector math library).
///
/// The firm pass at the start of each step needs exp(log phi), the capital
/// factor of capacity and the learning shock for every firm; as scalar libm
/// calls they were about 7 % of the run time. vector_math.cpp is the one file
/// compiled with -ffast-math, which lets GCC call glibc's libmvec variants
/// (4 lanes in a generic x86-64 build, 16 with AVX-512). Their results may
/// differ from the scalar functions in the last bit (glibc documents errors of
/// at most a few ulp); a given build on a given machine is still deterministic.
#include "models/select.hpp"

#include <cstddef>

namespace models {

/// @brief y[i] = exp(x[i]) for i < n (x and y must not overlap).
void exp_into(const float* x, float* y, std::size_t n);

/// @brief x[i] = pow(x[i], b) for i < n, in place (x[i] > 0).
void pow_in_place(float* x, float b, std::size_t n);

/// @brief Sum of exp(x[i]) for i < n, the terms in single precision, added in
/// order in double precision.
double sum_exp(const float* x, std::size_t n);

/// @brief The argument laplace_in_place() takes for a uniform u in (0,1):
/// 2u below one half, -2(1-u) from one half on (the sign picks the tail).
inline float laplace_argument(double u) {
  // 2u - 2 is -2(1-u) exactly (both are exact for u in [1/2, 1)); which half u falls in is a
  // coin toss to the branch predictor, so the constant is selected without a branch.
  return static_cast<float>(2.0 * u - select(u >= 0.5, 2.0, 0.0));
}

/// @brief x[i] = Laplace draw with standard deviation 1, in place, from
/// x[i] = laplace_argument(u): the inverse CDF of a Laplace with scale
/// 1/sqrt(2), b log(2u) below one half and -b log(2(1-u)) above.
void laplace_in_place(float* x, std::size_t n);

}  // namespace models
