#pragma once
/// @file catalogue_support.hpp
/// @brief Defaults of the instrument and shock tests (three economies, three
/// sectors, scale 1:20000, seed 11) over the shared model fixture.
#include "tests/models/model_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace catalogue_test {

using Sim = model_test::Run;

/// @brief Scenario text over the real data files: BRA, IND, ZAF x electronics, agrifood, automotive.
inline std::string world_text(const std::string& extra, double scale = 20000,
                              const std::string& economies = R"("BRA", "IND", "ZAF")",
                              const std::string& sectors = R"("electronics", "agrifood", "automotive")") {
  return model_test::scenario_text(extra, scale, economies, sectors);
}

/// @brief A world for `text`, seed 11 unless told. The environment variable SMESIM_TEST_SEED
/// overrides the seed, to check how a threshold holds across seeds.
inline std::unique_ptr<Sim> make(const std::string& text, std::uint64_t seed = 11, std::uint64_t replication = 0) {
  if (const char* e = std::getenv("SMESIM_TEST_SEED")) seed = std::stoull(e);
  return model_test::make_run(text, seed, replication);
}

/// @brief Paired worlds with common random numbers: the baseline (`base_extra` only) and the
/// policy world (`base_extra` + `policy`); budgets are checked after every step.
struct Pair {
  std::unique_ptr<Sim> base, pol;
  void steps(int n) {
    for (int k = 0; k < n; ++k) {
      base->step();
      pol->step();
      pol->check_budgets();
    }
  }
};

inline Pair paired(const std::string& policy, const std::string& base_extra = "", double scale = 5000,
                   const std::string& economies = R"("BRA", "IND", "ZAF")",
                   const std::string& sectors = R"("electronics", "agrifood", "automotive")") {
  Pair p;
  p.base = make(world_text(base_extra, scale, economies, sectors));
  p.pol = make(world_text(base_extra + policy, scale, economies, sectors));
  return p;
}

/// @brief Index of an economy by code (fails the test if it is not simulated).
inline int econ(const models::World& w, const std::string& code) {
  for (int e = 0; e < w.E(); ++e) {
    if (w.econ[static_cast<std::size_t>(e)].code == code) return e;
  }
  ADD_FAILURE() << "economy " << code << " not simulated";
  return 0;
}

}  // namespace catalogue_test
