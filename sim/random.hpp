#pragma once
/// @file random.hpp
/// @brief Counter-based random streams (Random123 Philox 4x64-10).
///
/// Every draw is a pure function of (seed, replication, agent id, step,
/// purpose, index). Nothing is stateful, so results do not depend on thread
/// count or on the order agents are visited, and two scenarios that share a
/// seed and replication see the same draws wherever their agents coincide
/// (common random numbers).

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace sim {

/// @brief Named purposes keep the streams of different decisions independent.
/// Models define their own values; the engine only forwards the number.
using Purpose = std::uint32_t;

/// @brief Four independent uniform draws in (0,1), from one Philox block.
struct Uniform4 {
  double u[4];
};

/// @brief A random stream family for one ensemble task.
class Streams {
 public:
  Streams(std::uint64_t seed, std::uint64_t replication) : key_{{seed, replication}} {}

  /// @brief Raw 4x64-bit block for (agent, step, purpose, index).
  [[nodiscard]] r123::Philox4x64::ctr_type block(std::uint64_t agent, std::uint32_t step,
                                                 Purpose purpose,
                                                 std::uint32_t index = 0) const {
    const r123::Philox4x64::ctr_type ctr = {
        {agent, (static_cast<std::uint64_t>(step) << 32U) | purpose, index, 0x5EED5EEDULL}};
    return r123::Philox4x64{}(ctr, key_);
  }

  /// @brief Four uniforms in the open interval (0,1).
  [[nodiscard]] Uniform4 uniform4(std::uint64_t agent, std::uint32_t step, Purpose purpose,
                                  std::uint32_t index = 0) const {
    const auto b = block(agent, step, purpose, index);
    return {{to_open_unit(b[0]), to_open_unit(b[1]), to_open_unit(b[2]), to_open_unit(b[3])}};
  }

  /// @brief One uniform in (0,1).
  [[nodiscard]] double uniform(std::uint64_t agent, std::uint32_t step, Purpose purpose,
                               std::uint32_t index = 0) const {
    return to_open_unit(block(agent, step, purpose, index)[0]);
  }

  /// @brief Standard normal by Box-Muller from one block.
  [[nodiscard]] double normal(std::uint64_t agent, std::uint32_t step, Purpose purpose,
                              std::uint32_t index = 0) const {
    const auto b = block(agent, step, purpose, index);
    const double u1 = to_open_unit(b[0]);
    const double u2 = to_open_unit(b[1]);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  /// @brief Maps one 32-bit half of a 64-bit lane to (0,1): two coarser uniforms from one lane,
  /// ample for yes/no draws against a probability.
  static double half_to_open_unit(std::uint64_t bits, bool high) {
    return (static_cast<double>(high ? bits >> 32U : bits & 0xFFFFFFFFULL) + 0.5) * (1.0 / 4294967296.0);
  }

  [[nodiscard]] std::uint64_t seed() const { return key_[0]; }
  [[nodiscard]] std::uint64_t replication() const { return key_[1]; }

  /// @brief Maps 64 random bits to (0,1), never 0 or 1 (safe for log).
  static double to_open_unit(std::uint64_t bits) {
    // 52 bits: (2^52 - 1 + 0.5) / 2^52 is still below 1 in double precision.
    return (static_cast<double>(bits >> 12U) + 0.5) * (1.0 / 4503599627370496.0);
  }

 private:
  r123::Philox4x64::key_type key_;
};

}  // namespace sim
