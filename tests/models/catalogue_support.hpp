#pragma once
/// @file catalogue_support.hpp
/// @brief Defaults of the instrument and shock tests (three economies, three
/// sectors, scale 1:20000, seed 11) over the shared model fixture.
#include "tests/models/model_fixture.hpp"

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

/// @brief A world for `text`, seed 11 unless told.
inline std::unique_ptr<Sim> make(const std::string& text, std::uint64_t seed = 11, std::uint64_t replication = 0) {
  return model_test::make_run(text, seed, replication);
}

}  // namespace catalogue_test
