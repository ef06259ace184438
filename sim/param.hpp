#pragma once
/// @file param.hpp
/// @brief Declarations of parameters: the single place where every scenario
/// key is given its type, unit, default, range, meaning and source.
///
/// The engine knows nothing of economics: a model hands the engine a Schema
/// built from these declarations; the scenario loader validates files against
/// it and docs/parameters.md is generated from it.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace sim {

/// @brief Type of a scenario value.
enum class ParamType {
  Real,      ///< floating point number (integers accepted)
  Integer,   ///< whole number
  Boolean,   ///< true / false
  Text,      ///< free string
  Choice,    ///< one string of `choices`
  RealList,  ///< array of numbers
  TextList,  ///< array of strings
  RefList,   ///< array of ids of entities of the collections named in `choices`
};

/// @brief Human name of a type, as used in error messages and docs.
const char* type_name(ParamType t);

/// @brief A resolved value. monostate means "no default: required".
using Value = std::variant<std::monostate, double, std::int64_t, bool, std::string,
                           std::vector<double>, std::vector<std::string>>;

/// @brief Renders a value as TOML text (used in docs and resolved scenarios).
std::string to_toml(const Value& v);

/// @brief Declaration of one parameter.
struct ParamSpec {
  std::string key;
  ParamType type = ParamType::Real;
  std::string unit;  ///< e.g. "USD", "1/year", "share", "" for dimensionless
  Value default_value;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  /// Allowed strings (Choice) or referenced collection names (RefList).
  std::vector<std::string> choices;
  std::string meaning;
  std::string source;

  [[nodiscard]] bool required() const { return std::holds_alternative<std::monostate>(default_value); }
};

/// @brief Fluent helpers so that one declaration is one line.
ParamSpec real(std::string key, std::string unit, double def, double min, double max,
               std::string meaning, std::string source);
ParamSpec integer(std::string key, std::string unit, std::int64_t def, double min, double max,
                  std::string meaning, std::string source);
ParamSpec boolean(std::string key, bool def, std::string meaning, std::string source);
ParamSpec text(std::string key, std::string def, std::string meaning, std::string source);
ParamSpec choice(std::string key, std::string def, std::vector<std::string> choices,
                 std::string meaning, std::string source);
ParamSpec real_list(std::string key, std::string unit, std::vector<double> def, double min,
                    double max, std::string meaning, std::string source);
ParamSpec text_list(std::string key, std::vector<std::string> def, std::string meaning,
                    std::string source);
ParamSpec ref_list(std::string key, std::vector<std::string> collections,
                   std::vector<std::string> def, std::string meaning, std::string source);
/// @brief Marks a declaration as required (no default).
ParamSpec required(ParamSpec p);

/// @brief A fixed table, e.g. `[sourcing]`.
struct SectionSpec {
  std::string name;
  std::string doc;
  std::vector<ParamSpec> params;
};

/// @brief A table of entities keyed by id, e.g. `[economy.BRA]`.
/// Each entity may carry a `sources` sub-table: key -> where the value comes from.
struct CollectionSpec {
  std::string name;
  std::string doc;
  std::vector<ParamSpec> params;
};

/// @brief One kind of item in an array of tables, chosen by its `type` key.
struct VariantSpec {
  std::string type;
  std::string doc;    ///< what it does in the model, a paragraph
  std::string enters; ///< the step phases it enters, e.g. "5 (finance)"
  std::vector<ParamSpec> params;
};

/// @brief An array of tables with a `type` discriminator, e.g. `[[policy]]`.
/// `common` keys are allowed in every item in addition to its variant's keys.
struct ArraySpec {
  std::string name;
  std::string doc;
  std::vector<ParamSpec> common;
  std::vector<VariantSpec> variants;

  [[nodiscard]] const VariantSpec* find(const std::string& type) const;
};

/// @brief Everything a scenario file may contain.
struct Schema {
  std::vector<ParamSpec> run;  ///< top-level keys
  std::vector<SectionSpec> sections;
  std::vector<CollectionSpec> collections;
  std::vector<ArraySpec> arrays;

  [[nodiscard]] const SectionSpec* section(const std::string& name) const;
  [[nodiscard]] const CollectionSpec* collection(const std::string& name) const;
  [[nodiscard]] const ArraySpec* array(const std::string& name) const;
};

/// @brief Finds a declaration by key in a list, or nullptr.
const ParamSpec* find_param(const std::vector<ParamSpec>& params, const std::string& key);

/// @brief Resolved values of one table: every declared key present (defaults filled).
class ParamValues {
 public:
  void set(const std::string& key, Value v) { values_[key] = std::move(v); }
  [[nodiscard]] bool has(const std::string& key) const { return values_.count(key) != 0; }
  [[nodiscard]] const Value& get(const std::string& key) const;
  [[nodiscard]] double real(const std::string& key) const;
  [[nodiscard]] std::int64_t integer(const std::string& key) const;
  [[nodiscard]] bool boolean(const std::string& key) const;
  [[nodiscard]] const std::string& text(const std::string& key) const;
  [[nodiscard]] const std::vector<double>& reals(const std::string& key) const;
  [[nodiscard]] const std::vector<std::string>& texts(const std::string& key) const;
  [[nodiscard]] const std::map<std::string, Value>& all() const { return values_; }

 private:
  std::map<std::string, Value> values_;
};

/// @brief Thrown when a model asks for a key that was never declared: a
/// programming error, never a user error (those are caught by validation).
class UndeclaredKey : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// @brief Renders docs/parameters.md from a schema.
std::string parameters_markdown(const Schema& schema);

}  // namespace sim
