#pragma once
/// @file scenario.hpp
/// @brief Scenario files (TOML): loading, `extends`, `include`, strict
/// validation against a Schema, and the immutable resolved Scenario.
///
/// File format (keys other than these four come from the model's Schema):
///   name = "baseline"            # optional; default is the file's stem
///   description = "..."          # optional
///   extends = "other.toml"       # optional; path relative to this file
///   include = ["data/x.toml"]    # optional; data tables merged in, relative paths
/// Merge order: the extended scenario, then includes (in order), then this
/// file's own keys; tables merge key by key, arrays of tables append (an
/// empty array, e.g. `policy = []`, clears inherited items), other values are
/// replaced. `name` and `description` are never inherited.
///
/// Validation notes: an Integer key accepts a whole real (3.0, not 3.5), so
/// that overrides given as reals work. Diagnostic keys are dotted paths with
/// 0-based indices, e.g. `policy[0].coverage`, `economy.BRA.wage`.
///
/// A study file has a `[study]` table instead:
///   [study]
///   name = "brics-default"
///   scenarios = ["baseline.toml", "guarantee.toml"]
///   baseline = "baseline"        # optional
///   replications = 8             # optional

#include "sim/diagnostics.hpp"
#include "sim/param.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sim {

/// @brief One entity of a collection, e.g. economy BRA.
struct Entity {
  std::string id;
  ParamValues values;
  std::map<std::string, std::string> sources;  ///< key -> source note
};

/// @brief One item of an array of tables, e.g. a policy.
struct ArrayItem {
  std::string type;
  ParamValues values;  ///< common keys and the variant's keys, defaults filled
};

/// @brief A validated, resolved scenario. Immutable once built.
struct Scenario {
  std::string name;
  std::string description;
  std::string file;           ///< where it was loaded from ("<embedded>/..." for built-ins)
  std::string resolved_toml;  ///< the fully merged, default-filled scenario as TOML
  ParamValues run;
  std::map<std::string, ParamValues> sections;
  std::map<std::string, std::vector<Entity>> collections;  ///< ordered by id
  std::map<std::string, std::vector<ArrayItem>> arrays;    ///< in file order

  /// @brief Values of a section; throws UndeclaredKey for an undeclared section.
  [[nodiscard]] const ParamValues& section(const std::string& name) const;
  /// @brief Entities of a collection (empty when it has none or is undeclared).
  [[nodiscard]] const std::vector<Entity>& collection(const std::string& name) const;
  /// @brief One entity by id, or nullptr.
  [[nodiscard]] const Entity* entity(const std::string& collection, const std::string& id) const;
  /// @brief Items of an array of tables (empty when it has none or is undeclared).
  [[nodiscard]] const std::vector<ArrayItem>& array(const std::string& name) const;
};

/// @brief A set of scenarios run together.
struct Study {
  std::string name;
  std::vector<Scenario> scenarios;
  std::string baseline;    ///< name of the baseline scenario
  int replications = 0;    ///< 0: not set by the study file
};

/// @brief Where files come from: disk, or files embedded in the binary.
class FileSource {
 public:
  virtual ~FileSource() = default;
  /// @brief Contents of `path`, or nullopt when it does not exist.
  [[nodiscard]] virtual std::optional<std::string> read(const std::string& path) const = 0;
};

/// @brief Reads from the file system.
class DiskFiles : public FileSource {
 public:
  [[nodiscard]] std::optional<std::string> read(const std::string& path) const override;
};

/// @brief Serves files from memory (the default study embedded in the binary).
class MemoryFiles : public FileSource {
 public:
  explicit MemoryFiles(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  [[nodiscard]] std::optional<std::string> read(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// @brief Values that replace keys of every scenario before validation,
/// e.g. {"years", 2.0} from `--years 2`. Keys are top-level run keys (a
/// dotted key such as "sourcing.share" reaches into a section). Errors in
/// them are reported with file "command line".
using Overrides = std::map<std::string, Value>;

/// @brief Loads scenario files and study files. Every error of every file is
/// collected; throws InputError listing all of them. Scenario names must be
/// unique. Nothing is returned unless the whole set validates.
/// Study::name is the first study file's name (or its stem), else the first
/// path's stem; baseline and replications come from the first study file
/// that sets them.
Study load_study(const std::vector<std::string>& paths, const Schema& schema,
                 const FileSource& files, const Overrides& overrides = {});

/// @brief Loads one scenario from text (for tests and tools); `path` names it in errors
/// and is the base for relative `extends` / `include` paths.
Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const Schema& schema, const FileSource& files,
                            const Overrides& overrides = {});

}  // namespace sim
