// sim::ParamSpec helpers, Schema lookups, ParamValues getters, to_toml and
// the parameters.md renderer.
#include "sim/param.hpp"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cmath>
#include <limits>
#include <string>

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

sim::Schema schema() {
  sim::Schema s;
  s.run = {sim::integer("years", "year", 10, 1, 100, "Simulated horizon", "convention"),
           sim::real("scale", "agents per firm", 0.5, 0, 1, "Agents per real firm", "")};
  s.sections = {{"credit",
                 "Bank lending.",
                 {sim::real("rate", "1/year", 0.05, 0, 1, "Base rate", "World Bank WDI"),
                  sim::choice("scoring", "simple", {"simple", "logit"}, "Scoring model", "")}}};
  s.collections = {{"economy",
                    "Member economies.",
                    {sim::required(sim::real("wage", "USD/year", 0, 0, kInf, "Mean wage", "ILO")),
                     sim::text("label", "", "Display name with a | pipe", "")}}};
  s.arrays = {{"policy",
               "Policy instruments.",
               {sim::real("start_year", "year", 0, 0, kInf, "First year active", ""),
                sim::ref_list("targets", {"economy", "group"}, {}, "Where it applies", "")},
               {{"credit_guarantee",
                 "Covers a share of loan losses.",
                 "5 (finance)",
                 {sim::required(sim::real("coverage", "share", 0, 0, 1, "Covered share", "OECD")),
                  sim::real_list("tiers", "share", {0.5, 0.25}, 0, 1, "Tier shares", "")}},
                {"training",
                 "Vocational training.",
                 "7 (capabilities)",
                 {sim::boolean("online", true, "Delivered online", ""),
                  sim::text_list("topics", {"a", "b"}, "Topics", "")}}}}};
  return s;
}

TEST(ParamType, Names) {
  EXPECT_STREQ(sim::type_name(sim::ParamType::Real), "real number");
  EXPECT_STREQ(sim::type_name(sim::ParamType::Integer), "integer");
  EXPECT_STREQ(sim::type_name(sim::ParamType::Boolean), "boolean");
  EXPECT_STREQ(sim::type_name(sim::ParamType::Text), "text");
  EXPECT_STREQ(sim::type_name(sim::ParamType::Choice), "choice");
  EXPECT_STREQ(sim::type_name(sim::ParamType::RealList), "list of real numbers");
  EXPECT_STREQ(sim::type_name(sim::ParamType::TextList), "list of texts");
  EXPECT_STREQ(sim::type_name(sim::ParamType::RefList), "list of references");
}

TEST(ToToml, RendersEachKind) {
  EXPECT_EQ(sim::to_toml(0.5), "0.5");
  EXPECT_EQ(sim::to_toml(1.0), "1.0");
  EXPECT_EQ(sim::to_toml(-3.0), "-3.0");
  EXPECT_EQ(sim::to_toml(300000.0), "300000.0");  // not 3e+05
  EXPECT_EQ(sim::to_toml(0.0001), "0.0001");
  EXPECT_EQ(sim::to_toml(1e20), "1e+20");
  EXPECT_EQ(sim::to_toml(2.5e-7), "2.5e-07");
  EXPECT_EQ(sim::to_toml(std::int64_t{42}), "42");
  EXPECT_EQ(sim::to_toml(true), "true");
  EXPECT_EQ(sim::to_toml(false), "false");
  EXPECT_EQ(sim::to_toml(std::string("BRA")), "\"BRA\"");
  EXPECT_EQ(sim::to_toml(std::vector<double>{1, 0.25}), "[1.0, 0.25]");
  EXPECT_EQ(sim::to_toml(std::vector<double>{}), "[]");
  EXPECT_EQ(sim::to_toml(std::vector<std::string>{"a", "b"}), "[\"a\", \"b\"]");
  EXPECT_EQ(sim::to_toml(kInf), "inf");
  EXPECT_EQ(sim::to_toml(-kInf), "-inf");
  EXPECT_EQ(sim::to_toml(sim::Value{}), "");
}

TEST(ToToml, EscapesStrings) {
  EXPECT_EQ(sim::to_toml(std::string("a\"b\\c\nd\te")), R"("a\"b\\c\nd\te")");
  EXPECT_EQ(sim::to_toml(std::string("\x01")), R"("\u0001")");
}

// What to_toml writes, toml++ must read back to the very same value.
TEST(ToToml, ReadsBackExactly) {
  for (double d : {0.1, 1.0 / 3.0, 1e20, 5e-324, -2.5e-7, 123456789.125, 0.0, 9.999e15, 1e16, 2e9,
                   0.0001, 9.9e-5, -1.7976931348623157e308}) {
    auto doc = toml::parse("x = " + sim::to_toml(d));
    ASSERT_TRUE(doc["x"].is_floating_point()) << sim::to_toml(d);
    EXPECT_EQ(doc["x"].value<double>().value(), d) << sim::to_toml(d);
  }
  const std::string tricky = "quote \" backslash \\ tab \t newline \n bell \x07 unicode \xc3\xa9";
  auto doc = toml::parse("x = " + sim::to_toml(tricky));
  EXPECT_EQ(doc["x"].value<std::string>().value(), tricky);
}

TEST(Helpers, FillDeclarations) {
  const auto r = sim::real("rate", "1/year", 0.05, 0, 1, "Base rate", "WDI");
  EXPECT_EQ(r.key, "rate");
  EXPECT_EQ(r.type, sim::ParamType::Real);
  EXPECT_EQ(r.unit, "1/year");
  EXPECT_EQ(std::get<double>(r.default_value), 0.05);
  EXPECT_EQ(r.min, 0);
  EXPECT_EQ(r.max, 1);
  EXPECT_EQ(r.meaning, "Base rate");
  EXPECT_EQ(r.source, "WDI");
  EXPECT_FALSE(r.required());

  const auto i = sim::integer("years", "year", 10, 1, 100, "", "");
  EXPECT_EQ(i.type, sim::ParamType::Integer);
  EXPECT_EQ(std::get<std::int64_t>(i.default_value), 10);

  const auto c = sim::choice("mode", "fast", {"fast", "exact"}, "", "");
  EXPECT_EQ(c.type, sim::ParamType::Choice);
  EXPECT_EQ(c.choices, (std::vector<std::string>{"fast", "exact"}));

  const auto l = sim::ref_list("targets", {"economy", "group"}, {"BRA"}, "", "");
  EXPECT_EQ(l.type, sim::ParamType::RefList);
  EXPECT_EQ(l.choices, (std::vector<std::string>{"economy", "group"}));
  EXPECT_EQ(std::get<std::vector<std::string>>(l.default_value), std::vector<std::string>{"BRA"});

  EXPECT_EQ(sim::boolean("b", true, "", "").type, sim::ParamType::Boolean);
  EXPECT_EQ(sim::text("t", "x", "", "").type, sim::ParamType::Text);
  EXPECT_EQ(sim::real_list("l", "", {1}, 0, 2, "", "").type, sim::ParamType::RealList);
  EXPECT_EQ(sim::text_list("l", {}, "", "").type, sim::ParamType::TextList);
}

TEST(Helpers, RequiredClearsTheDefault) {
  const auto p = sim::required(sim::real("wage", "USD", 1.0, 0, 10, "", ""));
  EXPECT_TRUE(p.required());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p.default_value));
  EXPECT_EQ(p.max, 10);  // everything else kept
}

TEST(Schema, Lookups) {
  const auto s = schema();
  ASSERT_NE(s.section("credit"), nullptr);
  EXPECT_EQ(s.section("credit")->params.size(), 2U);
  EXPECT_EQ(s.section("nope"), nullptr);
  ASSERT_NE(s.collection("economy"), nullptr);
  EXPECT_EQ(s.collection("credit"), nullptr);
  ASSERT_NE(s.array("policy"), nullptr);
  EXPECT_EQ(s.array("economy"), nullptr);
  const auto* policy = s.array("policy");
  ASSERT_NE(policy->find("training"), nullptr);
  EXPECT_EQ(policy->find("training")->enters, "7 (capabilities)");
  EXPECT_EQ(policy->find("trainng"), nullptr);
  ASSERT_NE(sim::find_param(s.run, "scale"), nullptr);
  EXPECT_EQ(sim::find_param(s.run, "scale")->unit, "agents per firm");
  EXPECT_EQ(sim::find_param(s.run, "scal"), nullptr);
}

TEST(ParamValues, TypedGetters) {
  sim::ParamValues v;
  v.set("r", 0.5);
  v.set("i", std::int64_t{3});
  v.set("b", true);
  v.set("t", std::string("x"));
  v.set("rl", std::vector<double>{1, 2});
  v.set("tl", std::vector<std::string>{"a"});
  EXPECT_EQ(v.real("r"), 0.5);
  EXPECT_EQ(v.real("i"), 3.0);  // integers read as reals
  EXPECT_EQ(v.integer("i"), 3);
  EXPECT_TRUE(v.boolean("b"));
  EXPECT_EQ(v.text("t"), "x");
  EXPECT_EQ(v.reals("rl"), (std::vector<double>{1, 2}));
  EXPECT_EQ(v.texts("tl"), std::vector<std::string>{"a"});
  EXPECT_TRUE(v.has("r"));
  EXPECT_FALSE(v.has("nope"));
  EXPECT_EQ(v.all().size(), 6U);
  EXPECT_EQ(std::get<double>(v.get("r")), 0.5);
}

TEST(ParamValues, MissingOrWrongTypeThrowsNamingTheKey) {
  sim::ParamValues v;
  v.set("r", 0.5);
  v.set("t", std::string("x"));
  auto names = [](auto&& f, const std::string& key) {
    try {
      f();
    } catch (const sim::UndeclaredKey& e) {
      return std::string(e.what()).find("'" + key + "'") != std::string::npos;
    }
    return false;
  };
  EXPECT_TRUE(names([&] { (void)v.get("missing"); }, "missing"));
  EXPECT_TRUE(names([&] { (void)v.real("missing"); }, "missing"));
  EXPECT_TRUE(names([&] { (void)v.real("t"); }, "t"));
  EXPECT_TRUE(names([&] { (void)v.integer("r"); }, "r"));
  EXPECT_TRUE(names([&] { (void)v.boolean("r"); }, "r"));
  EXPECT_TRUE(names([&] { (void)v.text("r"); }, "r"));
  EXPECT_TRUE(names([&] { (void)v.reals("r"); }, "r"));
  EXPECT_TRUE(names([&] { (void)v.texts("t"); }, "t"));
}

TEST(ParametersMarkdown, HeaderAndNote) {
  const std::string md = sim::parameters_markdown(schema());
  EXPECT_EQ(md.rfind("# Parameters\n", 0), 0U);
  EXPECT_NE(md.find("smesim docs"), std::string::npos);
  EXPECT_NE(md.find("do not edit it by hand"), std::string::npos);
  EXPECT_EQ(md.back(), '\n');
  EXPECT_NE(md.substr(md.size() - 2), "\n\n");
}

TEST(ParametersMarkdown, EveryKeyUnitRangeAndSection) {
  const std::string md = sim::parameters_markdown(schema());
  auto has = [&](const std::string& s) { return md.find(s) != std::string::npos; };
  EXPECT_TRUE(has("| key | type | unit | default | range | meaning | source |"));
  EXPECT_TRUE(has("## Run keys"));
  EXPECT_TRUE(
      has("| `years` | integer | year | `10` | [1, 100] | Simulated horizon | convention |"));
  EXPECT_TRUE(has("| `scale` | real number | agents per firm | `0.5` | [0, 1] |"));
  EXPECT_TRUE(has("## Section `[credit]`"));
  EXPECT_TRUE(has("Bank lending."));
  EXPECT_TRUE(
      has("| `rate` | real number | 1/year | `0.05` | [0, 1] | Base rate | World Bank WDI |"));
  EXPECT_TRUE(has("| `scoring` | choice |  | `\"simple\"` | one of: simple, logit |"));
  EXPECT_TRUE(has("## Collection `[economy.<id>]`"));
  EXPECT_TRUE(has("| `wage` | real number | USD/year | required | >= 0 | Mean wage | ILO |"));
  EXPECT_TRUE(has("Display name with a \\| pipe"));  // pipes escaped in cells
  EXPECT_TRUE(has("`[economy.<id>.sources]`"));
  EXPECT_TRUE(has("## Array `[[policy]]`"));
  EXPECT_TRUE(has("`credit_guarantee`, `training`"));
  EXPECT_TRUE(has("| `targets` | list of references |  | `[]` | ids of: economy, group |"));
  EXPECT_TRUE(has("### `[[policy]]` type `credit_guarantee`"));
  EXPECT_TRUE(has("Covers a share of loan losses."));
  EXPECT_TRUE(has("Enters in step: 5 (finance)."));
  EXPECT_TRUE(
      has("| `coverage` | real number | share | required | [0, 1] | Covered share | OECD |"));
  EXPECT_TRUE(has("| `tiers` | list of real numbers | share | `[0.5, 0.25]` | [0, 1] |"));
  EXPECT_TRUE(has("### `[[policy]]` type `training`"));
  EXPECT_TRUE(has("| `online` | boolean |  | `true` |  | Delivered online |  |"));
  EXPECT_TRUE(has("| `topics` | list of texts |  | `[\"a\", \"b\"]` |"));
}

TEST(ParametersMarkdown, IsDeterministic) {
  EXPECT_EQ(sim::parameters_markdown(schema()), sim::parameters_markdown(schema()));
}

TEST(ParametersMarkdown, EmptySchema) {
  const std::string md = sim::parameters_markdown(sim::Schema{});
  EXPECT_NE(md.find("## Run keys"), std::string::npos);
  EXPECT_NE(md.find("No keys."), std::string::npos);
}

}  // namespace
