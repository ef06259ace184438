// Scenario loading: extends / include, merging, strict validation with
// diagnostics naming file, line and key, studies, overrides and the resolved
// TOML round trip. Uses a small hand-made schema, not the economic model's.
#include "sim/scenario.hpp"

#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <limits>
#include <string>

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

sim::Schema schema() {
  sim::Schema s;
  s.run = {sim::integer("years", "year", 10, 1, 100, "Simulated horizon", ""),
           sim::real("scale", "share", 0.5, 0, 1, "Agents per real firm", ""),
           sim::choice("mode", "fast", {"fast", "exact"}, "Solver", ""),
           sim::boolean("verbose", false, "Chatty", ""), sim::text_list("tags", {}, "Labels", "")};
  s.sections = {{"credit",
                 "Bank lending.",
                 {sim::real("rate", "1/year", 0.05, 0, 1, "Base rate", ""),
                  sim::integer("lenders", "", 3, 1, kInf, "Banks", ""),
                  sim::real_list("weights", "share", {0.5, 0.5}, 0, 1, "Weights", "")}},
                {"network", "Supplier links.", {sim::text("algorithm", "greedy", "", "")}}};
  s.collections = {
      {"economy",
       "Members.",
       {sim::required(sim::real("wage", "USD/year", 0, 0, kInf, "Mean wage", "")),
        sim::text("label", "", "Display name", "")}},
      {"group", "Groups of economies.", {sim::ref_list("members", {"economy"}, {}, "", "")}}};
  s.arrays = {{"policy",
               "Instruments.",
               {sim::real("start_year", "year", 0, 0, kInf, "", ""),
                sim::ref_list("targets", {"economy", "group"}, {}, "", "")},
               {{"credit_guarantee",
                 "",
                 "5",
                 {sim::required(sim::real("coverage", "share", 0, 0, 1, "", "")),
                  sim::real("fee", "share", 0.01, 0, 0.2, "", "")}},
                {"training", "", "7", {sim::real("hours", "hour", 40, 0, kInf, "", "")}}}}};
  return s;
}

// A valid scenario used as a base by many tests.
const char* const kBase = R"(name = "baseline"
years = 5
[economy.BRA]
wage = 9000.0
[economy.CHN]
wage = 12000
[group.brics]
members = ["BRA", "CHN"]
[[policy]]
type = "training"
targets = ["brics"]
)";

sim::Scenario load(const std::string& text, const std::map<std::string, std::string>& others = {},
                   const sim::Overrides& overrides = {}, const std::string& path = "s.toml") {
  const sim::MemoryFiles files(others);
  return sim::load_scenario_text(text, path, schema(), files, overrides);
}

// The diagnostics of a load that must fail.
std::vector<sim::Diagnostic> errors(const std::function<void()>& f) {
  try {
    f();
  } catch (const sim::InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

std::vector<sim::Diagnostic> errors_of(const std::string& text,
                                       const std::map<std::string, std::string>& others = {},
                                       const sim::Overrides& overrides = {}) {
  return errors([&] { (void)load(text, others, overrides); });
}

std::string all(const std::vector<sim::Diagnostic>& diags) {
  std::string s;
  for (const auto& d : diags) s += d.str() + "\n";
  return s;
}

sim::Study study(const std::vector<std::string>& paths,
                 const std::map<std::string, std::string>& files,
                 const sim::Overrides& overrides = {}) {
  return sim::load_study(paths, schema(), sim::MemoryFiles(files), overrides);
}

// ---------------------------------------------------------------------------
// Loading and defaults

TEST(Scenario, LoadsValuesAndFillsDefaults) {
  const auto sc = load(kBase);
  EXPECT_EQ(sc.name, "baseline");
  EXPECT_EQ(sc.file, "s.toml");
  EXPECT_EQ(sc.run.integer("years"), 5);
  EXPECT_EQ(sc.run.real("scale"), 0.5);
  EXPECT_EQ(sc.run.text("mode"), "fast");
  EXPECT_FALSE(sc.run.boolean("verbose"));
  EXPECT_TRUE(sc.run.texts("tags").empty());
  // Sections absent from the file get every default.
  EXPECT_EQ(sc.section("credit").real("rate"), 0.05);
  EXPECT_EQ(sc.section("credit").integer("lenders"), 3);
  EXPECT_EQ(sc.section("credit").reals("weights"), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(sc.section("network").text("algorithm"), "greedy");
  // Entities ordered by id, integers read as reals, defaults filled.
  ASSERT_EQ(sc.collection("economy").size(), 2U);
  EXPECT_EQ(sc.collection("economy")[0].id, "BRA");
  EXPECT_EQ(sc.collection("economy")[1].values.real("wage"), 12000.0);
  EXPECT_EQ(std::get<double>(sc.collection("economy")[1].values.get("wage")), 12000.0);
  EXPECT_EQ(sc.collection("economy")[1].values.text("label"), "");
  ASSERT_NE(sc.entity("group", "brics"), nullptr);
  EXPECT_EQ(sc.entity("group", "brics")->values.texts("members"),
            (std::vector<std::string>{"BRA", "CHN"}));
  EXPECT_EQ(sc.entity("group", "nope"), nullptr);
  // Array items carry common and variant keys, defaults filled.
  ASSERT_EQ(sc.array("policy").size(), 1U);
  const auto& item = sc.array("policy")[0];
  EXPECT_EQ(item.type, "training");
  EXPECT_EQ(item.values.real("hours"), 40.0);
  EXPECT_EQ(item.values.real("start_year"), 0.0);
  EXPECT_EQ(item.values.texts("targets"), std::vector<std::string>{"brics"});
  EXPECT_FALSE(item.values.has("coverage"));
  EXPECT_EQ(item.values.all().size(), 3U);
}

TEST(Scenario, EveryDeclaredTableIsPresent) {
  const auto sc = load("years = 2\n");
  EXPECT_EQ(sc.sections.size(), 2U);
  EXPECT_EQ(sc.collections.size(), 2U);
  EXPECT_TRUE(sc.collection("economy").empty());
  EXPECT_TRUE(sc.array("policy").empty());
  EXPECT_EQ(sc.run.all().size(), 5U);
}

TEST(Scenario, NameDefaultsToStemAndDescriptionToEmpty) {
  const auto sc = load("years = 2\n", {}, {}, "dir/guarantee-scheme.toml");
  EXPECT_EQ(sc.name, "guarantee-scheme");
  EXPECT_EQ(sc.description, "");
  const auto named = load("name = \"x\"\ndescription = \"About x\"\n");
  EXPECT_EQ(named.name, "x");
  EXPECT_EQ(named.description, "About x");
}

TEST(Scenario, AccessorsForUnknownNames) {
  const auto sc = load(kBase);
  EXPECT_THROW((void)sc.section("nope"), sim::UndeclaredKey);
  EXPECT_TRUE(sc.collection("nope").empty());
  EXPECT_TRUE(sc.array("nope").empty());
  EXPECT_EQ(sc.entity("nope", "BRA"), nullptr);
  EXPECT_THROW((void)sc.run.real("nope"), sim::UndeclaredKey);
}

TEST(Scenario, SourcesAreKept) {
  const auto sc = load(R"([economy.BRA]
wage = 1.0
[economy.BRA.sources]
wage = "ILO 2023"
)");
  EXPECT_EQ(sc.entity("economy", "BRA")->sources.at("wage"), "ILO 2023");
}

TEST(Scenario, IntegerAcceptsWholeRealOnly) {
  EXPECT_EQ(load("years = 3.0\n").run.integer("years"), 3);
  const auto d = errors_of("years = 3.5\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_NE(d[0].message.find("expected integer"), std::string::npos) << d[0].str();
}

TEST(Scenario, RealAcceptsInteger) {
  const auto sc = load("scale = 1\n");
  EXPECT_EQ(std::get<double>(sc.run.get("scale")), 1.0);
}

// ---------------------------------------------------------------------------
// Every error path

TEST(Validation, ParseErrorNamesFileLineAndColumn) {
  const auto d = errors_of("years = 3\nscale = = 2\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "s.toml");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_GT(d[0].column, 0);
  EXPECT_NE(d[0].message.find("TOML syntax error"), std::string::npos) << d[0].str();
}

TEST(Validation, UnknownTopLevelKeySuggests) {
  const auto d = errors_of("years = 3\nyeras = 3\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "s.toml");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].column, 1);
  EXPECT_EQ(d[0].key, "yeras");
  EXPECT_EQ(d[0].suggestion, "years");
  EXPECT_NE(d[0].message.find("unknown key"), std::string::npos);
  EXPECT_EQ(d[0].str().rfind("s.toml:2:1: yeras: unknown key", 0), 0U) << d[0].str();
  EXPECT_NE(d[0].str().find("(did you mean 'years'?)"), std::string::npos);
}

TEST(Validation, UnknownSectionKeyListsAllowedKeys) {
  const auto d = errors_of("[credit]\nrat = 0.1\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "credit.rat");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].suggestion, "rate");
  EXPECT_NE(d[0].message.find("allowed: rate, lenders, weights"), std::string::npos) << d[0].str();
}

TEST(Validation, UnknownKeyWithoutSuggestion) {
  const auto d = errors_of("completely_unrelated = 1\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].suggestion, "");
}

TEST(Validation, UnknownEntityKey) {
  const auto d = errors_of("[economy.BRA]\nwage = 1.0\nwgae = 2.0\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "economy.BRA.wgae");
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].suggestion, "wage");
}

TEST(Validation, WrongTypeSaysWhatWasExpected) {
  const auto d = errors_of("years = \"ten\"\n[credit]\nrate = true\n");
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d[0].key, "years");
  EXPECT_EQ(d[0].line, 1);
  EXPECT_EQ(d[0].column, 9);
  EXPECT_EQ(d[0].message, "expected integer in [1, 100] (year), got text \"ten\"");
  EXPECT_EQ(d[1].key, "credit.rate");
  EXPECT_EQ(d[1].message, "expected real number in [0, 1] (1/year), got boolean true");
}

TEST(Validation, WrongKindOfTable) {
  const auto d = errors_of("credit = 3\neconomy = [1]\npolicy = 2\n[group]\nbrics = 1\n");
  ASSERT_EQ(d.size(), 4U) << all(d);
  EXPECT_EQ(d[0].key, "credit");
  EXPECT_EQ(d[1].key, "economy");
  EXPECT_EQ(d[2].key, "policy");
  EXPECT_EQ(d[3].key, "group.brics");
}

TEST(Validation, OutOfRange) {
  const auto d = errors_of("scale = 1.5\nyears = 0\n");
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d[0].key, "scale");
  EXPECT_EQ(d[0].message, "1.5 is out of range: expected real number in [0, 1] (share)");
  EXPECT_EQ(d[1].key, "years");
  EXPECT_NE(d[1].message.find("in [1, 100]"), std::string::npos);
}

TEST(Validation, OutOfRangeInListNamesTheElement) {
  const auto d = errors_of("[credit]\nweights = [0.5, 2.0, \"x\"]\n");
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].key, "credit.weights[1]");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].column, 17);
  EXPECT_NE(d[0].message.find("each in [0, 1]"), std::string::npos);
  EXPECT_EQ(d[1].key, "credit.weights[2]");
  EXPECT_NE(d[1].message.find("got text"), std::string::npos);
}

TEST(Validation, BadChoiceListsChoicesAndSuggests) {
  const auto d = errors_of("mode = \"fsat\"\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "mode");
  EXPECT_NE(d[0].message.find("one of: fast, exact"), std::string::npos) << d[0].str();
  EXPECT_EQ(d[0].suggestion, "fast");
}

TEST(Validation, UnknownReferenceSuggests) {
  const auto d = errors_of(std::string(kBase) + "[group.g2]\nmembers = [\"BRA\", \"CHM\"]\n");
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].key, "group.g2.members[1]");
  EXPECT_EQ(d[0].line, 13);
  EXPECT_EQ(d[0].suggestion, "CHN");
  EXPECT_NE(d[0].message.find("expected an id of economy"), std::string::npos) << d[0].str();
}

TEST(Validation, ReferencesReachEveryNamedCollection) {
  // targets may name economies or groups.
  const auto sc =
      load(std::string(kBase) + "[[policy]]\ntype = \"training\"\ntargets = [\"BRA\"]\n");
  EXPECT_EQ(sc.array("policy")[1].values.texts("targets"), std::vector<std::string>{"BRA"});
  const auto d =
      errors_of(std::string(kBase) + "[[policy]]\ntype = \"training\"\ntargets = [\"bricks\"]\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "policy[1].targets[0]");
  EXPECT_EQ(d[0].suggestion, "brics");
}

TEST(Validation, ReferencesAreCheckedAfterMerging) {
  // The extending file refers to an economy that only the base defines, and
  // the base refers to one that only the extending file adds.
  const std::map<std::string, std::string> files = {
      {"base.toml", "[economy.BRA]\nwage = 1.0\n[group.g]\nmembers = [\"IND\"]\n"}};
  const auto sc =
      load("extends = \"base.toml\"\n[economy.IND]\nwage = 2.0\n[group.h]\nmembers = [\"BRA\"]\n",
           files);
  EXPECT_EQ(sc.collection("economy").size(), 2U);
  EXPECT_EQ(sc.collection("group").size(), 2U);
}

TEST(Validation, MissingRequiredKey) {
  const auto d =
      errors_of("[economy.BRA]\nlabel = \"Brazil\"\n[[policy]]\ntype = \"credit_guarantee\"\n");
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].key, "economy.BRA.wage");
  EXPECT_EQ(d[0].line, 1);
  EXPECT_NE(d[0].message.find("required key is missing"), std::string::npos);
  EXPECT_NE(d[0].message.find("real number >= 0 (USD/year)"), std::string::npos) << d[0].str();
  EXPECT_EQ(d[1].key, "policy[0].coverage");
  EXPECT_EQ(d[1].line, 3);
}

TEST(Validation, UnknownVariantTypeSuggests) {
  const auto d = errors_of("[[policy]]\ntype = \"trainnig\"\nstart_year = -1\nhours = 3\n");
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].key, "policy[0].type");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].suggestion, "training");
  EXPECT_NE(d[0].message.find("credit_guarantee, training"), std::string::npos);
  // Common keys are still checked without a known type.
  EXPECT_EQ(d[1].key, "policy[0].start_year");
}

TEST(Validation, MissingOrWrongVariantType) {
  const auto d = errors_of("[[policy]]\nhours = 3\n[[policy]]\ntype = 7\n");
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].key, "policy[0].type");
  EXPECT_NE(d[0].message.find("required key is missing"), std::string::npos);
  EXPECT_EQ(d[1].key, "policy[1].type");
  EXPECT_NE(d[1].message.find("got integer 7"), std::string::npos);
}

TEST(Validation, KeyOfAnotherVariantIsUnknown) {
  const auto d = errors_of("[[policy]]\ntype = \"training\"\ncoverage = 0.5\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "policy[0].coverage");
  EXPECT_NE(d[0].message.find("hours"), std::string::npos);
}

TEST(Validation, UnknownKeyInSources) {
  const auto d = errors_of(R"([economy.BRA]
wage = 1.0
[economy.BRA.sources]
wage = "ILO"
lable = "me"
label = 3
)");
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].key, "economy.BRA.sources.lable");
  EXPECT_EQ(d[0].line, 5);
  EXPECT_EQ(d[0].suggestion, "label");
  EXPECT_EQ(d[1].key, "economy.BRA.sources.label");
  EXPECT_NE(d[1].message.find("expected text"), std::string::npos);
}

TEST(Validation, StudyTableInAScenario) {
  const auto d = errors_of("[study]\nname = \"x\"\nyears = 2\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "study");
}

TEST(Validation, BadScenarioName) {
  const auto d = errors_of("name = \"a/b\"\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "name");
}

TEST(Validation, CycleOfExtendsNamesTheChain) {
  const std::map<std::string, std::string> files = {
      {"b.toml", "extends = \"c.toml\"\n"}, {"c.toml", "years = 2\nextends = \"a.toml\"\n"}};
  const auto d = errors([&] { (void)load("extends = \"b.toml\"\n", files, {}, "a.toml"); });
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "c.toml");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].key, "extends");
  EXPECT_NE(d[0].message.find("cycle of extends/include: a.toml -> b.toml -> c.toml -> a.toml"),
            std::string::npos)
      << d[0].str();
}

TEST(Validation, CycleThroughIncludeAndSelfExtends) {
  const auto self = errors([&] { (void)load("extends = \"a.toml\"\n", {}, {}, "a.toml"); });
  ASSERT_EQ(self.size(), 1U);
  EXPECT_NE(self[0].message.find("a.toml -> a.toml"), std::string::npos);
  const std::map<std::string, std::string> files = {{"d.toml", "include = [\"../a.toml\"]\n"}};
  const auto inc = errors([&] {
    (void)load("include = [\"x/d.toml\"]\n", {{"x/d.toml", files.at("d.toml")}}, {}, "a.toml");
  });
  ASSERT_EQ(inc.size(), 1U) << all(inc);
  EXPECT_EQ(inc[0].file, "x/d.toml");
  EXPECT_EQ(inc[0].key, "include[0]");
  EXPECT_NE(inc[0].message.find("a.toml -> x/d.toml -> a.toml"), std::string::npos) << inc[0].str();
}

TEST(Validation, DiamondIsNotACycle) {
  const std::map<std::string, std::string> files = {
      {"common.toml", "[economy.BRA]\nwage = 1.0\n"},
      {"base.toml", "include = [\"common.toml\"]\n"},
      {"more.toml", "include = [\"common.toml\"]\n[economy.CHN]\nwage = 2.0\n"}};
  const auto sc =
      load("extends = \"base.toml\"\ninclude = [\"more.toml\", \"common.toml\"]\n", files);
  EXPECT_EQ(sc.collection("economy").size(), 2U);
}

TEST(Validation, MissingExtendedFileNamesTheReference) {
  const auto d = errors_of("years = 2\nextends = \"nope.toml\"\n");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "s.toml");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].column, 11);
  EXPECT_EQ(d[0].key, "extends");
  EXPECT_NE(d[0].message.find("'nope.toml' not found"), std::string::npos);
}

TEST(Validation, MissingIncludedFileNamesTheReference) {
  const auto d = errors_of("include = [\"data/a.toml\", \"data/b.toml\"]\n", {{"data/a.toml", ""}});
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "s.toml");
  EXPECT_EQ(d[0].line, 1);
  EXPECT_EQ(d[0].key, "include[1]");
  EXPECT_NE(d[0].message.find("'data/b.toml' not found"), std::string::npos);
}

TEST(Validation, BadExtendsAndIncludeValues) {
  const auto d = errors_of("extends = 3\ninclude = \"x.toml\"\n");
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d[0].key, "extends");
  EXPECT_EQ(d[1].key, "include");
  const auto e = errors_of("include = [3]\n");
  ASSERT_EQ(e.size(), 1U);
  EXPECT_EQ(e[0].key, "include[0]");
}

TEST(Validation, AllErrorsOfAFileInLineOrder) {
  try {
    (void)load("yeras = 3\nscale = 2.0\nmode = \"slow\"\n[credit]\nrate = \"high\"\n");
    FAIL() << "expected an InputError";
  } catch (const sim::InputError& e) {
    const auto& d = e.diagnostics();
    ASSERT_EQ(d.size(), 4U) << e.what();
    EXPECT_EQ(d[0].line, 1);
    EXPECT_EQ(d[1].line, 2);
    EXPECT_EQ(d[2].line, 3);
    EXPECT_EQ(d[3].line, 5);
    EXPECT_EQ(std::string(e.what()).rfind("4 errors in scenario input\ns.toml:1:1: yeras:", 0), 0U)
        << e.what();
  }
}

TEST(Validation, ErrorsInTwoFilesAreBothReported) {
  const std::map<std::string, std::string> files = {{"a.toml", "years = 0\n"},
                                                    {"b.toml", "\n\nscale = -1.0\n"}};
  const auto d = errors([&] { (void)study({"a.toml", "b.toml"}, files); });
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].file, "a.toml");
  EXPECT_EQ(d[0].key, "years");
  EXPECT_EQ(d[1].file, "b.toml");
  EXPECT_EQ(d[1].line, 3);
}

TEST(Validation, ParseErrorsInTwoFilesAreBothReported) {
  const std::map<std::string, std::string> files = {
      {"a.toml", "years = \n"}, {"b.toml", "[credit\n"}, {"c.toml", "yeras = 1\n"}};
  const auto d = errors([&] { (void)study({"a.toml", "b.toml", "c.toml"}, files); });
  ASSERT_EQ(d.size(), 3U) << all(d);
  EXPECT_EQ(d[0].file, "a.toml");
  EXPECT_EQ(d[1].file, "b.toml");
  EXPECT_EQ(d[2].file, "c.toml");
}

TEST(Validation, ErrorInIncludedFileNamesThatFileAndLine) {
  const std::map<std::string, std::string> files = {
      {"data/economies.toml", "[economy.BRA]\nwage = 1.0\n\n[economy.CHN]\nwage = \"lots\"\n"}};
  const auto d = errors_of("years = 2\ninclude = [\"data/economies.toml\"]\n", files);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "data/economies.toml");
  EXPECT_EQ(d[0].line, 5);
  EXPECT_EQ(d[0].column, 8);
  EXPECT_EQ(d[0].key, "economy.CHN.wage");
}

TEST(Validation, ErrorInExtendedFileNamesThatFile) {
  const std::map<std::string, std::string> files = {
      {"base.toml", "years = 2\n[credit]\nrat = 1.0\n"}};
  const auto d = errors_of("extends = \"base.toml\"\n[credit]\nrate = 0.2\n", files);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "base.toml");
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].key, "credit.rat");
}

TEST(Validation, OverridingKeyIsBlamedOnTheOverridingFile) {
  const std::map<std::string, std::string> files = {{"base.toml", "[credit]\nrate = 0.1\n"}};
  const auto d = errors_of("extends = \"base.toml\"\n\n[credit]\nrate = 2.0\n", files);
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "s.toml");
  EXPECT_EQ(d[0].line, 4);
}

TEST(Validation, ParseErrorInBaseStopsTheScenarioQuietly) {
  // Only the syntax error: no noise about keys the broken base would define.
  const std::map<std::string, std::string> files = {{"base.toml", "[economy.BRA\nwage = 1.0\n"}};
  const auto d = errors_of("extends = \"base.toml\"\n[group.g]\nmembers = [\"BRA\"]\n", files);
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "base.toml");
  EXPECT_EQ(d[0].line, 1);
}

TEST(Validation, SharedBaseErrorReportedOnce) {
  const std::map<std::string, std::string> files = {
      {"base.toml", "name = \"baseline\"\nscale = 9.0\n"},
      {"a.toml", "extends = \"base.toml\"\n"},
      {"b.toml", "extends = \"base.toml\"\n"}};
  const auto d = errors([&] { (void)study({"base.toml", "a.toml", "b.toml"}, files); });
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "base.toml");
}

TEST(Validation, MissingTopLevelFile) {
  const auto d = errors([&] { (void)study({"nope.toml"}, {}); });
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "nope.toml");
  EXPECT_NE(d[0].message.find("not found"), std::string::npos);
  EXPECT_EQ(errors([&] { (void)study({}, {}); }).size(), 1U);
}

// ---------------------------------------------------------------------------
// Merging

TEST(Merge, TablesMergeKeyByKeyLaterWins) {
  const std::map<std::string, std::string> files = {
      {"base.toml",
       "name = \"base\"\ndescription = \"Base\"\nyears = 7\nscale = 0.1\n"
       "[credit]\nrate = 0.1\nlenders = 5\n[economy.BRA]\nwage = 1.0\nlabel = \"Brazil\"\n"}};
  const auto sc = load(
      "extends = \"base.toml\"\nscale = 0.2\n[credit]\nrate = 0.3\n"
      "[economy.BRA]\nwage = 2.0\n",
      files, {}, "child.toml");
  EXPECT_EQ(sc.run.integer("years"), 7);
  EXPECT_EQ(sc.run.real("scale"), 0.2);
  EXPECT_EQ(sc.section("credit").real("rate"), 0.3);
  EXPECT_EQ(sc.section("credit").integer("lenders"), 5);
  EXPECT_EQ(sc.entity("economy", "BRA")->values.real("wage"), 2.0);
  EXPECT_EQ(sc.entity("economy", "BRA")->values.text("label"), "Brazil");
  // name and description are never inherited.
  EXPECT_EQ(sc.name, "child");
  EXPECT_EQ(sc.description, "");
}

TEST(Merge, ArraysOfTablesAppendOtherArraysAreReplaced) {
  const std::map<std::string, std::string> files = {{"base.toml", kBase}};
  const auto sc = load(R"(extends = "base.toml"
tags = ["b"]
[credit]
weights = [0.1]
[[policy]]
type = "credit_guarantee"
coverage = 0.6
)",
                       files);
  ASSERT_EQ(sc.array("policy").size(), 2U);
  EXPECT_EQ(sc.array("policy")[0].type, "training");
  EXPECT_EQ(sc.array("policy")[1].type, "credit_guarantee");
  EXPECT_EQ(sc.array("policy")[1].values.real("coverage"), 0.6);
  EXPECT_EQ(sc.section("credit").reals("weights"), std::vector<double>{0.1});
}

TEST(Merge, EmptyArrayClearsInheritedItems) {
  const std::map<std::string, std::string> files = {{"base.toml", kBase}};
  const auto sc = load("extends = \"base.toml\"\npolicy = []\n", files);
  EXPECT_TRUE(sc.array("policy").empty());
}

TEST(Merge, OrderIsBaseThenIncludesThenOwnKeys) {
  const std::map<std::string, std::string> files = {
      {"dir/base.toml", "years = 2\nscale = 0.1\nmode = \"exact\"\n"},
      {"dir/data/one.toml", "scale = 0.2\nyears = 3\n"},
      {"dir/data/two.toml", "scale = 0.3\n"}};
  // Paths are relative to the file that names them.
  const auto sc =
      load("extends = \"base.toml\"\ninclude = [\"data/one.toml\", \"data/two.toml\"]\nyears = 4\n",
           files, {}, "dir/s.toml");
  EXPECT_EQ(sc.run.integer("years"), 4);
  EXPECT_EQ(sc.run.real("scale"), 0.3);
  EXPECT_EQ(sc.run.text("mode"), "exact");
}

TEST(Merge, RelativePathsOfNestedFiles) {
  const std::map<std::string, std::string> files = {
      {"a/base.toml", "include = [\"../data/e.toml\"]\n"},
      {"data/e.toml", "[economy.BRA]\nwage = 3.0\n"}};
  const auto sc = load("extends = \"a/base.toml\"\n", files);
  EXPECT_EQ(sc.entity("economy", "BRA")->values.real("wage"), 3.0);
}

// ---------------------------------------------------------------------------
// Overrides

TEST(Overrides, ReplaceKeysBeforeValidation) {
  const auto sc = load(kBase, {}, {{"years", 2.0}, {"mode", std::string("exact")}});
  EXPECT_EQ(sc.run.integer("years"), 2);
  EXPECT_EQ(sc.run.text("mode"), "exact");
  EXPECT_NE(sc.resolved_toml.find("\nyears = 2\n"), std::string::npos) << sc.resolved_toml;
}

TEST(Overrides, DottedKeyReachesIntoASection) {
  const auto sc = load(kBase, {}, {{"credit.rate", 0.25}});
  EXPECT_EQ(sc.section("credit").real("rate"), 0.25);
}

TEST(Overrides, AreValidatedToo) {
  const auto d = errors_of(kBase, {}, {{"years", 0.0}, {"yeras", 2.0}, {"scale", 2.5}});
  ASSERT_EQ(d.size(), 3U) << all(d);
  for (const auto& x : d) EXPECT_EQ(x.file, "command line");
  EXPECT_EQ(d[0].key, "scale");
  EXPECT_EQ(d[1].key, "years");
  EXPECT_NE(d[1].message.find("out of range"), std::string::npos);
  EXPECT_EQ(d[2].key, "yeras");
  EXPECT_EQ(d[2].suggestion, "years");
  EXPECT_EQ(d[0].str().rfind("command line: scale: ", 0), 0U) << d[0].str();
}

TEST(Overrides, ApplyToEveryScenarioOfAStudy) {
  const std::map<std::string, std::string> files = {{"a.toml", "years = 5\n"}, {"b.toml", ""}};
  const auto st = study({"a.toml", "b.toml"}, files, {{"years", 3.0}});
  for (const auto& sc : st.scenarios) EXPECT_EQ(sc.run.integer("years"), 3);
}

// ---------------------------------------------------------------------------
// Resolved TOML

TEST(Resolved, IsCompleteAndWithoutExtendsOrInclude) {
  const std::map<std::string, std::string> files = {{"base.toml", kBase},
                                                    {"data.toml", "[economy.IND]\nwage = 5.0\n"}};
  const auto sc =
      load("extends = \"base.toml\"\ninclude = [\"data.toml\"]\nname = \"child\"\n", files);
  const auto& t = sc.resolved_toml;
  EXPECT_EQ(t.find("extends"), std::string::npos);
  EXPECT_EQ(t.find("include"), std::string::npos);
  EXPECT_EQ(t.rfind("name = \"child\"\n", 0), 0U) << t;
  for (const char* s :
       {"\nyears = 5\n", "\nscale = 0.5\n", "\n[credit]\n", "\nlenders = 3\n", "\n[economy.IND]\n",
        "\n[[policy]]\ntype = \"training\"\n", "\nhours = 40.0\n"})
    EXPECT_NE(t.find(s), std::string::npos) << s << "\n" << t;
  // Tables in key order.
  EXPECT_LT(t.find("[credit]"), t.find("[economy.BRA]"));
  EXPECT_LT(t.find("[economy.BRA]"), t.find("[economy.CHN]"));
  EXPECT_LT(t.find("[economy.CHN]"), t.find("[group.brics]"));
  EXPECT_LT(t.find("[group.brics]"), t.find("[network]"));
  EXPECT_LT(t.find("[network]"), t.find("[[policy]]"));
}

void expect_same(const sim::Scenario& a, const sim::Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.resolved_toml, b.resolved_toml);
  EXPECT_EQ(a.run.all(), b.run.all());
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (const auto& [name, values] : a.sections)
    EXPECT_EQ(values.all(), b.section(name).all()) << name;
  ASSERT_EQ(a.collections.size(), b.collections.size());
  for (const auto& [name, entities] : a.collections) {
    const auto& other = b.collection(name);
    ASSERT_EQ(entities.size(), other.size()) << name;
    for (std::size_t i = 0; i < entities.size(); ++i) {
      EXPECT_EQ(entities[i].id, other[i].id);
      EXPECT_EQ(entities[i].values.all(), other[i].values.all());
      EXPECT_EQ(entities[i].sources, other[i].sources);
    }
  }
  ASSERT_EQ(a.arrays.size(), b.arrays.size());
  for (const auto& [name, items] : a.arrays) {
    const auto& other = b.array(name);
    ASSERT_EQ(items.size(), other.size()) << name;
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(items[i].type, other[i].type);
      EXPECT_EQ(items[i].values.all(), other[i].values.all());
    }
  }
}

TEST(Resolved, RoundTripGivesAnIdenticalScenario) {
  const std::map<std::string, std::string> files = {{"base.toml", kBase}};
  const auto first = load(R"(extends = "base.toml"
name = "round trip"
description = "Quotes \" and \\ and a\nnewline, unicode é"
scale = 0.1
tags = ["x y", "z"]
verbose = true
[credit]
weights = [0.1, 0.3333333333333333, 1e-9]
[economy."São Tomé"]
wage = 1e15
[economy."São Tomé".sources]
wage = "estimate, \"rough\""
[[policy]]
type = "credit_guarantee"
coverage = 0.7
targets = ["São Tomé", "brics"]
)",
                          files);
  const auto second = load(first.resolved_toml, {}, {}, "elsewhere/resolved.toml");
  expect_same(first, second);
  EXPECT_EQ(second.file, "elsewhere/resolved.toml");
  // And a third time, for good measure: resolved text is a fixed point.
  expect_same(second, load(second.resolved_toml));
}

TEST(Resolved, IsDeterministic) { EXPECT_EQ(load(kBase).resolved_toml, load(kBase).resolved_toml); }

// ---------------------------------------------------------------------------
// Studies

const std::map<std::string, std::string> kStudyFiles = {
    {"default/study.toml", R"([study]
name = "brics-default"
scenarios = ["baseline.toml", "policies/guarantee.toml"]
replications = 8
)"},
    {"default/baseline.toml", kBase},
    {"default/policies/guarantee.toml", R"(name = "guarantee"
extends = "../baseline.toml"
[[policy]]
type = "credit_guarantee"
coverage = 0.5
)"}};

TEST(Study, LoadsScenariosRelativeToTheStudyFile) {
  const auto st = study({"default/study.toml"}, kStudyFiles);
  EXPECT_EQ(st.name, "brics-default");
  EXPECT_EQ(st.replications, 8);
  ASSERT_EQ(st.scenarios.size(), 2U);
  EXPECT_EQ(st.scenarios[0].name, "baseline");
  EXPECT_EQ(st.scenarios[0].file, "default/baseline.toml");
  EXPECT_EQ(st.scenarios[1].name, "guarantee");
  EXPECT_EQ(st.scenarios[1].array("policy").size(), 2U);
  EXPECT_EQ(st.baseline, "baseline");
}

TEST(Study, BaselineIsTheStudysChoiceElseBaselineElseFirst) {
  auto files = kStudyFiles;
  files["default/study.toml"] =
      "[study]\nscenarios = [\"policies/guarantee.toml\", \"baseline.toml\"]\nbaseline = "
      "\"guarantee\"\n";
  EXPECT_EQ(study({"default/study.toml"}, files).baseline, "guarantee");
  files["default/study.toml"] =
      "[study]\nscenarios = [\"policies/guarantee.toml\", \"baseline.toml\"]\n";
  const auto st = study({"default/study.toml"}, files);
  EXPECT_EQ(st.baseline, "baseline");
  EXPECT_EQ(st.name, "study");    // the study file's stem
  EXPECT_EQ(st.replications, 0);  // not set
  const std::map<std::string, std::string> plain = {{"x.toml", ""}, {"y.toml", ""}};
  const auto first = study({"y.toml", "x.toml"}, plain);
  EXPECT_EQ(first.baseline, "y");
  EXPECT_EQ(first.name, "y");
}

TEST(Study, MixOfStudyAndScenarioFiles) {
  auto files = kStudyFiles;
  files["extra.toml"] = "name = \"extra\"\nyears = 1\n";
  const auto st = study({"extra.toml", "default/study.toml"}, files);
  ASSERT_EQ(st.scenarios.size(), 3U);
  EXPECT_EQ(st.scenarios[0].name, "extra");
  EXPECT_EQ(st.name, "brics-default");
  EXPECT_EQ(st.baseline, "baseline");
}

TEST(Study, UnknownBaselineSuggests) {
  auto files = kStudyFiles;
  files["default/study.toml"] = "[study]\nscenarios = [\"baseline.toml\"]\nbaseline = \"baseln\"\n";
  const auto d = errors([&] { (void)study({"default/study.toml"}, files); });
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "default/study.toml");
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].key, "study.baseline");
  EXPECT_EQ(d[0].suggestion, "baseline");
}

TEST(Study, UnknownKeysAndWrongValues) {
  const std::map<std::string, std::string> files = {
      {"s.toml",
       "years = 2\n[study]\nscenarios = [\"a.toml\", 3]\nreplicatons = 4\nreplications = 0\n"},
      {"a.toml", ""}};
  const auto d = errors([&] { (void)study({"s.toml"}, files); });
  ASSERT_EQ(d.size(), 4U) << all(d);
  EXPECT_EQ(d[0].key, "years");  // a study file holds only [study]
  EXPECT_EQ(d[1].key, "study.scenarios[1]");
  EXPECT_EQ(d[2].key, "study.replicatons");
  EXPECT_EQ(d[2].suggestion, "replications");
  EXPECT_EQ(d[3].key, "study.replications");
}

TEST(Study, ScenariosAreRequired) {
  const auto d = errors([&] { (void)study({"s.toml"}, {{"s.toml", "[study]\nname = \"x\"\n"}}); });
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].key, "study.scenarios");
}

TEST(Study, MissingScenarioNamesTheStudyLine) {
  const auto d = errors([&] {
    (void)study({"st.toml"},
                {{"st.toml", "[study]\nscenarios = [\n  \"a.toml\",\n  \"gone.toml\",\n]\n"},
                 {"a.toml", ""}});
  });
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, "st.toml");
  EXPECT_EQ(d[0].line, 4);
  EXPECT_EQ(d[0].key, "study.scenarios[1]");
}

TEST(Study, DuplicateScenarioNames) {
  const std::map<std::string, std::string> files = {{"a.toml", "name = \"same\"\n"},
                                                    {"b.toml", "years = 3\nname = \"same\"\n"}};
  const auto d = errors([&] { (void)study({"a.toml", "b.toml"}, files); });
  ASSERT_EQ(d.size(), 1U) << all(d);
  EXPECT_EQ(d[0].file, "b.toml");
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].key, "name");
  EXPECT_NE(d[0].message.find("also used by 'a.toml'"), std::string::npos) << d[0].str();
  // The same file twice is a duplicate too.
  EXPECT_EQ(errors([&] { (void)study({"a.toml", "./a.toml"}, files); }).size(), 1U);
}

TEST(Study, ErrorsInSeveralScenariosOfAStudy) {
  auto files = kStudyFiles;
  files["default/baseline.toml"] = "yeras = 1\n" + std::string(kBase);
  files["default/policies/guarantee.toml"] += "fee = 0.9\n";
  const auto d = errors([&] { (void)study({"default/study.toml"}, files); });
  ASSERT_EQ(d.size(), 2U) << all(d);
  EXPECT_EQ(d[0].file, "default/baseline.toml");
  EXPECT_EQ(d[0].key, "yeras");
  EXPECT_EQ(d[1].file, "default/policies/guarantee.toml");
  EXPECT_EQ(d[1].key, "policy[1].fee");
}

// ---------------------------------------------------------------------------
// Files on disk

TEST(DiskFiles, ReadsFilesAndReportsMissingOnes) {
  const auto dir = testing_support::temp_dir();
  std::filesystem::create_directories(dir / "data");
  std::ofstream(dir / "base.toml") << kBase;
  std::ofstream(dir / "data" / "more.toml") << "[economy.IND]\nwage = 4.0\n";
  std::ofstream(dir / "child.toml") << "extends = \"base.toml\"\ninclude = [\"data/more.toml\"]\n";
  std::ofstream(dir / "study.toml") << "[study]\nscenarios = [\"base.toml\", \"child.toml\"]\n";

  const sim::DiskFiles disk;
  EXPECT_EQ(disk.read((dir / "data" / "more.toml").string()).value(),
            "[economy.IND]\nwage = 4.0\n");
  EXPECT_FALSE(disk.read((dir / "nope.toml").string()).has_value());
  EXPECT_FALSE(disk.read(dir.string()).has_value());  // a folder is not a file

  const auto st = sim::load_study({(dir / "study.toml").string()}, schema(), disk);
  ASSERT_EQ(st.scenarios.size(), 2U);
  EXPECT_EQ(st.scenarios[1].name, "child");
  EXPECT_EQ(st.scenarios[1].collection("economy").size(), 3U);
  EXPECT_EQ(st.baseline, "baseline");

  std::ofstream(dir / "broken.toml") << "extends = \"missing.toml\"\n";
  const auto d =
      errors([&] { (void)sim::load_study({(dir / "broken.toml").string()}, schema(), disk); });
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].file, (dir / "broken.toml").string());
  EXPECT_EQ(d[0].line, 1);
}

TEST(MemoryFiles, ServesOnlyWhatItHolds) {
  const sim::MemoryFiles files(std::map<std::string, std::string>{{"default/study.toml", "x"}});
  EXPECT_EQ(files.read("default/study.toml").value(), "x");
  EXPECT_FALSE(files.read("study.toml").has_value());
}

}  // namespace
