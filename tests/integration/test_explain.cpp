// `smesim explain` end to end: the list names every instrument and shock; the
// explanation of each shows its parameters and an example block, and that
// example, pasted into a scenario that extends the default baseline,
// validates against the model's schema and runs; docs/instruments.md is what
// `smesim docs` generates, and its examples validate too.
#include "models/instrument.hpp"
#include "models/model.hpp"
#include "sim/model.hpp"
#include "sim/scenario.hpp"
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using testing_support::run_command;

std::string smesim(const std::string& args) {
  return "'" + testing_support::smesim_binary().string() + "' " + args;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<const sim::VariantSpec*> all_kinds() {
  std::vector<const sim::VariantSpec*> out;
  for (const auto& k : models::policy_kinds()) out.push_back(&k.spec);
  for (const auto& k : models::shock_kinds()) out.push_back(&k.spec);
  return out;
}

// The example block: from its [[policy]] or [[shock]] line to the end of the text.
std::string example_of(const std::string& text) {
  auto pos = text.find("\n[[policy]]\n");
  if (pos == std::string::npos) pos = text.find("\n[[shock]]\n");
  return pos == std::string::npos ? std::string() : text.substr(pos + 1);
}

// Validates `block` in a scenario extending the default baseline, builds the
// world (at a small scale) and runs it for two years; returns problems found.
std::string validate_and_run(const std::string& block) {
  const fs::path base = testing_support::source_dir() / "scenarios" / "default" / "baseline.toml";
  const std::string text = "name = \"example\"\nextends = \"" + base.string() + "\"\n" + block;
  sim::DiskFiles files;
  try {
    const sim::Scenario sc = sim::load_scenario_text(
        text, (testing_support::source_dir() / "scenarios" / "example.toml").string(), models::definition().schema, files,
        {{"scale", 200000.0}});
    const auto problems = models::definition().check(sc);
    if (!problems.empty()) return problems.front().str();
    const auto& d = models::definition();
    auto world = d.build(sc, sim::TaskKey{5, 0, 0});
    sim::StepContext ctx;
    ctx.steps_per_year = d.steps_per_year(sc);
    ctx.dt_years = 1.0 / ctx.steps_per_year;
    for (int t = 0; t < 2 * ctx.steps_per_year; ++t) {
      ctx.step = t;
      for (const auto& p : d.phases) p.fn(*world, ctx);
    }
  } catch (const sim::InputError& e) {
    return e.diagnostics().empty() ? e.what() : e.diagnostics().front().str();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(Explain, ListsEveryInstrumentAndShockOnALineEach) {
  std::string out;
  ASSERT_EQ(run_command(smesim("explain"), &out), 0) << out;
  for (const auto* k : all_kinds()) EXPECT_TRUE(contains(out, "\n  " + k->type + " ")) << k->type << "\n" << out;
  EXPECT_TRUE(contains(out, "Shocks"));
}

TEST(Explain, EachShowsItsParametersAndAnExampleThatValidatesAndRuns) {
  for (const auto* k : all_kinds()) {
    SCOPED_TRACE(k->type);
    std::string out;
    ASSERT_EQ(run_command(smesim("explain " + k->type), &out), 0) << out;
    EXPECT_TRUE(contains(out, k->enters)) << out;
    for (const auto& p : k->params) {
      EXPECT_TRUE(contains(out, "  " + p.key + "  (")) << p.key;
      if (!p.unit.empty()) {
        EXPECT_TRUE(contains(out, p.unit)) << p.key;
      }
      EXPECT_TRUE(contains(out, "default ")) << p.key;
    }
    const std::string block = example_of(out);
    ASSERT_FALSE(block.empty()) << out;
    EXPECT_TRUE(contains(block, "type = \"" + k->type + "\"")) << block;
    const std::string problem = validate_and_run(block);
    EXPECT_EQ(problem, "") << block;
  }
}

TEST(Explain, UnknownNamesFailWithASuggestion) {
  std::string out;
  EXPECT_EQ(run_command(smesim("explain carbon_prise"), &out), 1) << out;
  EXPECT_TRUE(contains(out, "carbon_prise")) << out;
  EXPECT_TRUE(contains(out, "did you mean 'carbon_price'")) << out;
}

TEST(Explain, DocsInstrumentsIsGeneratedAndItsExamplesValidate) {
  const fs::path dir = testing_support::temp_dir();
  std::string out;
  ASSERT_EQ(run_command(smesim("docs -o '" + dir.string() + "'"), &out), 0) << out;
  std::ifstream generated(dir / "instruments.md"), committed(testing_support::source_dir() / "docs" / "instruments.md");
  ASSERT_TRUE(generated.good());
  std::stringstream g, c;
  g << generated.rdbuf();
  c << committed.rdbuf();
  EXPECT_EQ(g.str(), c.str()) << "docs/instruments.md is stale: run `smesim docs -o docs` and commit docs/instruments.md";
  // Every example block in it.
  std::size_t blocks = 0;
  const std::string md = g.str();
  for (std::size_t pos = md.find("```toml\n"); pos != std::string::npos; pos = md.find("```toml\n", pos)) {
    const std::size_t start = pos + 8, end = md.find("```", start);
    ASSERT_NE(end, std::string::npos);
    const std::string block = md.substr(start, end - start);
    ++blocks;
    sim::DiskFiles files;
    const fs::path base = testing_support::source_dir() / "scenarios" / "default" / "baseline.toml";
    EXPECT_NO_THROW(sim::load_scenario_text("name = \"example\"\nextends = \"" + base.string() + "\"\n" + block,
                                            (testing_support::source_dir() / "scenarios" / "example.toml").string(),
                                            models::definition().schema, files))
        << block;
    pos = end + 3;
  }
  EXPECT_EQ(blocks, all_kinds().size());
}

}  // namespace
