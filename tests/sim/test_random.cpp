// sim::Streams: reproducible, independent, correctly distributed draws.
#include "sim/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

namespace {

constexpr int kDraws = 100000;

struct Moments {
  double mean = 0.0;
  double var = 0.0;
};

Moments moments(const std::vector<double>& x) {
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, ss / static_cast<double>(x.size() - 1)};
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const Moments ma = moments(a);
  const Moments mb = moments(b);
  double cov = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) cov += (a[i] - ma.mean) * (b[i] - mb.mean);
  cov /= static_cast<double>(a.size() - 1);
  return cov / std::sqrt(ma.var * mb.var);
}

TEST(Streams, SameKeyAndCounterGiveSameValue) {
  const sim::Streams a(42, 3);
  const sim::Streams b(42, 3);
  for (std::uint64_t agent = 0; agent < 100; ++agent) {
    EXPECT_EQ(a.uniform(agent, 7, 2, 1), b.uniform(agent, 7, 2, 1));
    EXPECT_EQ(a.normal(agent, 7, 2, 1), b.normal(agent, 7, 2, 1));
    const auto ba = a.block(agent, 7, 2, 1);
    const auto bb = b.block(agent, 7, 2, 1);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(ba[i], bb[i]);
  }
  // Pure function: asking again, in another order, changes nothing.
  EXPECT_EQ(a.uniform(5, 1, 1), a.uniform(5, 1, 1));
  EXPECT_EQ(a.seed(), 42U);
  EXPECT_EQ(a.replication(), 3U);
}

TEST(Streams, EveryCounterComponentSelectsADifferentStream) {
  const sim::Streams s(42, 3);
  const double base = s.uniform(10, 5, 1, 0);
  EXPECT_NE(base, s.uniform(11, 5, 1, 0)) << "agent";
  EXPECT_NE(base, s.uniform(10, 6, 1, 0)) << "step";
  EXPECT_NE(base, s.uniform(10, 5, 2, 0)) << "purpose";
  EXPECT_NE(base, s.uniform(10, 5, 1, 1)) << "index";
  EXPECT_NE(base, sim::Streams(42, 4).uniform(10, 5, 1, 0)) << "replication";
  EXPECT_NE(base, sim::Streams(43, 3).uniform(10, 5, 1, 0)) << "seed";

  // Step and purpose share one 64-bit counter word: they must not alias.
  std::set<double> seen;
  for (std::uint32_t step = 0; step < 50; ++step) {
    for (sim::Purpose p = 0; p < 50; ++p) seen.insert(s.uniform(0, step, p));
  }
  EXPECT_EQ(seen.size(), 50U * 50U);
}

TEST(Streams, UniformMeanAndVariance) {
  const sim::Streams s(2024, 0);
  std::vector<double> x;
  x.reserve(kDraws);
  for (int i = 0; i < kDraws; ++i) x.push_back(s.uniform(static_cast<std::uint64_t>(i), 3, 9));
  const Moments m = moments(x);
  // Standard errors: mean 0.0009, variance 0.00024; about 4 of them.
  EXPECT_NEAR(m.mean, 0.5, 0.004);
  EXPECT_NEAR(m.var, 1.0 / 12.0, 0.001);
}

TEST(Streams, UniformsStrictlyInsideUnitInterval) {
  EXPECT_GT(sim::Streams::to_open_unit(0), 0.0);
  // (2^53 - 1 + 0.5) / 2^53 is not representable and rounds to 1.0; keeping
  // 52 bits ((bits >> 12) + 0.5) * 2^-52 stays below 1.
  EXPECT_LT(sim::Streams::to_open_unit(std::numeric_limits<std::uint64_t>::max()), 1.0)
      << "to_open_unit rounds the largest input up to 1.0 (log(1 - u) = -inf)";
  const sim::Streams s(1, 1);
  for (int i = 0; i < kDraws; ++i) {
    const auto u = s.uniform4(static_cast<std::uint64_t>(i), 0, 0);
    for (double v : u.u) {
      ASSERT_GT(v, 0.0);
      ASSERT_LT(v, 1.0);
    }
  }
}

TEST(Streams, ConsecutiveAgentsAreUncorrelated) {
  const sim::Streams s(77, 1);
  std::vector<double> a;
  std::vector<double> b;
  for (int i = 0; i < kDraws; ++i) {
    a.push_back(s.uniform(static_cast<std::uint64_t>(i), 4, 1));
    b.push_back(s.uniform(static_cast<std::uint64_t>(i) + 1, 4, 1));
  }
  // Standard error of a correlation over n draws is 1/sqrt(n) = 0.003.
  EXPECT_NEAR(correlation(a, b), 0.0, 0.015);
}

TEST(Streams, LanesOfOneBlockAndNeighbouringStepsAreUncorrelated) {
  const sim::Streams s(77, 1);
  std::vector<double> lane0;
  std::vector<double> lane1;
  std::vector<double> next_step;
  for (int i = 0; i < kDraws; ++i) {
    const auto u = s.uniform4(static_cast<std::uint64_t>(i), 4, 1);
    lane0.push_back(u.u[0]);
    lane1.push_back(u.u[1]);
    next_step.push_back(s.uniform(static_cast<std::uint64_t>(i), 5, 1));
  }
  EXPECT_NEAR(correlation(lane0, lane1), 0.0, 0.015);
  EXPECT_NEAR(correlation(lane0, next_step), 0.0, 0.015);
}

TEST(Streams, ReplicationsAreUncorrelated) {
  const sim::Streams r0(5, 0);
  const sim::Streams r1(5, 1);
  std::vector<double> a;
  std::vector<double> b;
  for (int i = 0; i < kDraws; ++i) {
    a.push_back(r0.uniform(static_cast<std::uint64_t>(i), 0, 0));
    b.push_back(r1.uniform(static_cast<std::uint64_t>(i), 0, 0));
  }
  EXPECT_NEAR(correlation(a, b), 0.0, 0.015);
}

TEST(Streams, NormalHasMeanZeroAndUnitSd) {
  const sim::Streams s(99, 2);
  std::vector<double> x;
  x.reserve(kDraws);
  for (int i = 0; i < kDraws; ++i) x.push_back(s.normal(static_cast<std::uint64_t>(i), 0, 5));
  const Moments m = moments(x);
  // Standard errors: mean 0.0032, sd 0.0022.
  EXPECT_NEAR(m.mean, 0.0, 0.015);
  EXPECT_NEAR(std::sqrt(m.var), 1.0, 0.01);
  for (double v : x) ASSERT_TRUE(std::isfinite(v));
}

// The batch of 4x32 blocks is Random123's Philox4x32-10, word for word, for any
// agent key (high words included), purpose, index and batch length (the vector
// loop's remainder included).
TEST(Streams, Blocks32MatchTheScalarPhilox4x32) {
  const sim::Streams s(2026, 7);
  for (const std::size_t n : {std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{67}}) {
    std::vector<std::uint64_t> agents(n);
    for (std::size_t i = 0; i < n; ++i)
      agents[i] = (i * 0x9E3779B97F4A7C15ULL) ^ (std::uint64_t{i} << 60U);
    std::vector<std::uint32_t> w0(n), w1(n), w2(n), w3(n);
    for (const std::uint32_t index : {0U, 1U}) {
      s.blocks32(agents.data(), n, 41, 9, index, {w0.data(), w1.data(), w2.data(), w3.data()});
      for (std::size_t i = 0; i < n; ++i) {
        const auto b = s.block32(agents[i], 41, 9, index);
        ASSERT_EQ(w0[i], b[0]) << i;
        ASSERT_EQ(w1[i], b[1]) << i;
        ASSERT_EQ(w2[i], b[2]) << i;
        ASSERT_EQ(w3[i], b[3]) << i;
      }
    }
  }
  // Random123's known answer for a zero counter and key, to pin the generator itself.
  const auto kat = r123::Philox4x32{}({{0, 0, 0, 0}}, {{0, 0}});
  EXPECT_EQ(kat[0], 0x6627e8d5U);
  EXPECT_EQ(kat[3], 0x9b00dbd8U);
}

TEST(Streams, Blocks32SelectStreamsAndAreUniform) {
  const sim::Streams s(42, 3);
  const auto base = s.block32(10, 5, 1, 0);
  EXPECT_NE(base[0], s.block32(10ULL | (1ULL << 40U), 5, 1, 0)[0]) << "agent's high word";
  EXPECT_NE(base[0], s.block32(10, 6, 1, 0)[0]) << "step";
  EXPECT_NE(base[0], s.block32(10, 5, 2, 0)[0]) << "purpose";
  EXPECT_NE(base[0], s.block32(10, 5, 1, 1)[0]) << "index";
  EXPECT_NE(base[0], sim::Streams(43, 3).block32(10, 5, 1, 0)[0]) << "seed";
  EXPECT_NE(base[0], sim::Streams(42, 4).block32(10, 5, 1, 0)[0]) << "replication";
  std::vector<double> lane0, lane3, other;
  for (int i = 0; i < kDraws; ++i) {
    const auto b = s.block32(static_cast<std::uint64_t>(i), 3, 1);
    lane0.push_back(sim::Streams::word_to_open_unit(b[0]));
    lane3.push_back(sim::Streams::word_to_open_unit(b[3]));
    other.push_back(sim::Streams(42, 4).word_to_open_unit(
        sim::Streams(42, 4).block32(static_cast<std::uint64_t>(i), 3, 1)[0]));
  }
  const Moments m = moments(lane3);
  EXPECT_NEAR(m.mean, 0.5, 0.005);
  EXPECT_NEAR(m.var, 1.0 / 12.0, 0.002);
  EXPECT_NEAR(correlation(lane0, lane3), 0.0, 0.015);
  EXPECT_NEAR(correlation(lane0, other), 0.0, 0.015) << "replications";
  EXPECT_GT(sim::Streams::word_to_open_unit(0), 0.0);
  EXPECT_LT(sim::Streams::word_to_open_unit(0xFFFFFFFFU), 1.0);
}

}  // namespace
