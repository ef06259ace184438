#include "sim/scenario.hpp"

// toml++ stays in this file only: it is heavy to compile.
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace sim {

// ---------------------------------------------------------------------------
// File sources and Scenario accessors

std::optional<std::string> DiskFiles::read(const std::string& path) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::string> MemoryFiles::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

const ParamValues& Scenario::section(const std::string& section_name) const {
  auto it = sections.find(section_name);
  if (it == sections.end()) throw UndeclaredKey("section '" + section_name + "' is not declared");
  return it->second;
}

const std::vector<Entity>& Scenario::collection(const std::string& collection_name) const {
  static const std::vector<Entity> none;
  auto it = collections.find(collection_name);
  return it == collections.end() ? none : it->second;
}

const Entity* Scenario::entity(const std::string& collection_name, const std::string& id) const {
  for (const auto& e : collection(collection_name))
    if (e.id == id) return &e;
  return nullptr;
}

const std::vector<ArrayItem>& Scenario::array(const std::string& array_name) const {
  static const std::vector<ArrayItem> none;
  auto it = arrays.find(array_name);
  return it == arrays.end() ? none : it->second;
}

namespace {

namespace fs = std::filesystem;

const char* const kCommandLine = "command line";

// ---------------------------------------------------------------------------
// Our own tree. toml++ does not copy source regions when nodes are copied,
// and merging copies; so each file is converted once into this tree, whose
// nodes keep the file, line and column where they were written.

struct Loc {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Kind { Table, Array, Text, Integer, Real, Boolean, Other };

struct Node {
  Kind kind = Kind::Table;
  Loc loc;           ///< where the value is written
  Loc key_loc;       ///< where the key naming it is written
  std::string text;  ///< Text; for Other, the TOML type ("date", ...)
  std::int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::map<std::string, Node> table;
  std::vector<Node> items;
};

// Best location to point at a value (implicit tables have no position).
const Loc& value_loc(const Node& n) {
  return n.loc.line > 0 || n.key_loc.line == 0 ? n.loc : n.key_loc;
}
const Loc& key_loc(const Node& n) {
  return n.key_loc.line > 0 || n.loc.line == 0 ? n.key_loc : n.loc;
}

Loc to_loc(const toml::source_region& r, const std::string& file) {
  return {file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

Node convert(const toml::node& n, const std::string& file) {
  Node out;
  out.loc = to_loc(n.source(), file);
  if (const auto* t = n.as_table()) {
    out.kind = Kind::Table;
    for (const auto& [k, v] : *t) {
      Node child = convert(v, file);
      child.key_loc = to_loc(k.source(), file);
      out.table.emplace(std::string(k.str()), std::move(child));
    }
  } else if (const auto* a = n.as_array()) {
    out.kind = Kind::Array;
    for (const auto& v : *a) {
      Node child = convert(v, file);
      child.key_loc = child.loc;
      out.items.push_back(std::move(child));
    }
  } else if (const auto* s = n.as_string()) {
    out.kind = Kind::Text;
    out.text = s->get();
  } else if (const auto* i = n.as_integer()) {
    out.kind = Kind::Integer;
    out.integer = i->get();
  } else if (const auto* d = n.as_floating_point()) {
    out.kind = Kind::Real;
    out.real = d->get();
  } else if (const auto* b = n.as_boolean()) {
    out.kind = Kind::Boolean;
    out.boolean = b->get();
  } else {
    out.kind = Kind::Other;
    out.text = n.is_date() ? "date" : n.is_time() ? "time" : "date-time";
  }
  return out;
}

Node from_value(const Value& v, const Loc& loc) {
  Node n;
  n.loc = loc;
  n.key_loc = loc;
  struct Fill {
    Node& n;
    const Loc& loc;
    void operator()(std::monostate) const {}
    void operator()(double d) const { n.kind = Kind::Real, n.real = d; }
    void operator()(std::int64_t i) const { n.kind = Kind::Integer, n.integer = i; }
    void operator()(bool b) const { n.kind = Kind::Boolean, n.boolean = b; }
    void operator()(const std::string& s) const { n.kind = Kind::Text, n.text = s; }
    void operator()(const std::vector<double>& xs) const {
      n.kind = Kind::Array;
      for (double x : xs) n.items.push_back(from_value(x, loc));
    }
    void operator()(const std::vector<std::string>& xs) const {
      n.kind = Kind::Array;
      for (const auto& x : xs) n.items.push_back(from_value(x, loc));
    }
  };
  std::visit(Fill{n, loc}, v);
  return n;
}

bool all_tables(const Node& n) {
  return std::all_of(n.items.begin(), n.items.end(),
                     [](const Node& i) { return i.kind == Kind::Table; });
}

// Later wins; tables merge key by key; a non-empty array of tables appends
// to an array of tables (so `policy = []` clears inherited items).
void merge_into(Node& dst, Node&& src) {
  if (src.loc.line > 0) dst.loc = src.loc;
  for (auto& [k, v] : src.table) {
    auto it = dst.table.find(k);
    if (it == dst.table.end()) {
      dst.table.emplace(k, std::move(v));
      continue;
    }
    Node& d = it->second;
    if (d.kind == Kind::Table && v.kind == Kind::Table) {
      merge_into(d, std::move(v));
    } else if (d.kind == Kind::Array && v.kind == Kind::Array && !v.items.empty() &&
               all_tables(v) && all_tables(d)) {
      for (auto& item : v.items) d.items.push_back(std::move(item));
    } else {
      d = std::move(v);
    }
  }
}

// ---------------------------------------------------------------------------
// Text helpers for messages

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string toml_quote(const std::string& s) { return to_toml(Value{s}); }

// Shortest round-trip text; fixed notation for ordinary magnitudes.
std::chars_format readable_format(double d) {
  const double a = std::fabs(d);
  return a == 0 || (a >= 1e-4 && a < 1e16) ? std::chars_format::fixed : std::chars_format::general;
}

// Shortest text that reads back to the same number.
std::string number(double d) {
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, readable_format(d));
  return {buf, res.ptr};
}

std::string describe(const Node& n) {
  switch (n.kind) {
    case Kind::Table:
      return "a table";
    case Kind::Array:
      return "a list";
    case Kind::Text:
      return "text " + toml_quote(n.text);
    case Kind::Integer:
      return "integer " + std::to_string(n.integer);
    case Kind::Real:
      return "real number " + number(n.real);
    case Kind::Boolean:
      return std::string("boolean ") + (n.boolean ? "true" : "false");
    case Kind::Other:
      return "a " + n.text;
  }
  return "?";
}

std::string range_text(double min, double max) {
  const bool lo = std::isfinite(min);
  const bool hi = std::isfinite(max);
  if (lo && hi) return " in [" + number(min) + ", " + number(max) + "]";
  if (lo) return " >= " + number(min);
  if (hi) return " <= " + number(max);
  return "";
}

std::string expectation(const ParamSpec& p) {
  std::string e;
  switch (p.type) {
    case ParamType::Real:
    case ParamType::Integer:
      e = type_name(p.type) + range_text(p.min, p.max);
      break;
    case ParamType::RealList:
      e = type_name(p.type);
      if (const auto r = range_text(p.min, p.max); !r.empty()) e += ", each" + r;
      break;
    case ParamType::Choice:
      e = "one of: " + join(p.choices, ", ");
      break;
    case ParamType::RefList:
      e = "list of ids of " + join(p.choices, " or ");
      break;
    default:
      e = type_name(p.type);
  }
  if (!p.unit.empty()) e += " (" + p.unit + ")";
  return e;
}

bool in_range(double v, const ParamSpec& p) { return v >= p.min && v <= p.max; }

std::vector<std::string> keys_of(const std::vector<ParamSpec>& params) {
  std::vector<std::string> out;
  out.reserve(params.size());
  for (const auto& p : params) out.push_back(p.key);
  return out;
}

std::string path_join(const std::string& from_file, const std::string& rel) {
  return (fs::path(from_file).parent_path() / rel).lexically_normal().generic_string();
}

std::string normal(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

bool bare_key(const std::string& k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string toml_key(const std::string& k) { return bare_key(k) ? k : toml_quote(k); }

Value normalized_default(const ParamSpec& p) {
  if (p.type == ParamType::Real)
    if (const auto* i = std::get_if<std::int64_t>(&p.default_value)) return static_cast<double>(*i);
  return p.default_value;
}

// ---------------------------------------------------------------------------
// Resolved TOML

void write_values(std::ostringstream& out, const ParamValues& values) {
  for (const auto& [k, v] : values.all()) out << toml_key(k) << " = " << to_toml(v) << "\n";
}

std::string render(const Scenario& sc) {
  std::ostringstream out;
  out << "name = " << toml_quote(sc.name) << "\n";
  if (!sc.description.empty()) out << "description = " << toml_quote(sc.description) << "\n";
  write_values(out, sc.run);
  // Every table in top-level key order, whatever its kind.
  std::set<std::string> names;
  for (const auto& [n, _] : sc.sections) names.insert(n);
  for (const auto& [n, _] : sc.collections) names.insert(n);
  for (const auto& [n, _] : sc.arrays) names.insert(n);
  for (const auto& name : names) {
    const std::string key = toml_key(name);
    if (auto s = sc.sections.find(name); s != sc.sections.end() && !s->second.all().empty()) {
      out << "\n[" << key << "]\n";
      write_values(out, s->second);
    }
    if (auto c = sc.collections.find(name); c != sc.collections.end()) {
      for (const auto& e : c->second) {
        out << "\n[" << key << "." << toml_key(e.id) << "]\n";
        write_values(out, e.values);
        if (!e.sources.empty()) {
          out << "\n[" << key << "." << toml_key(e.id) << ".sources]\n";
          for (const auto& [k, v] : e.sources) out << toml_key(k) << " = " << toml_quote(v) << "\n";
        }
      }
    }
    if (auto a = sc.arrays.find(name); a != sc.arrays.end()) {
      for (const auto& item : a->second) {
        out << "\n[[" << key << "]]\n";
        out << "type = " << toml_quote(item.type) << "\n";
        write_values(out, item.values);
      }
    }
  }
  return out.str();
}

// ---------------------------------------------------------------------------
// The loader: reads, merges and validates, collecting every diagnostic.

struct PendingRef {
  const ParamSpec* spec;
  Loc loc;
  std::string key;
  std::string id;
};

struct Loaded {
  Scenario scenario;
  Loc name_loc;
};

class Loader {
 public:
  Loader(const Schema& schema, const FileSource& files, const Overrides& overrides)
      : schema_(schema), files_(files), overrides_(overrides) {}

  std::vector<Diagnostic> diags;

  void error(const Loc& at, std::string key, std::string message, std::string suggestion = {}) {
    diags.push_back(
        {at.file, at.line, at.column, std::move(key), std::move(message), std::move(suggestion)});
  }

  /// Text given directly for `path` (load_scenario_text), read before any file source.
  void preset(const std::string& path, std::string text) { presets_[path] = std::move(text); }

  const Node* parse(const std::string& path, const Loc* ref, const std::string& ref_key) {
    if (auto it = cache_.find(path); it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::optional<std::string> text;
    if (auto p = presets_.find(path); p != presets_.end())
      text = p->second;
    else
      text = files_.read(path);
    if (!text) {
      // Not cached: each file that refers to a missing one gets its own error.
      if (ref != nullptr)
        error(*ref, ref_key, "file '" + path + "' not found");
      else
        error(Loc{path}, "", "file not found");
      return nullptr;
    }
    auto& slot = cache_[path];
    try {
      const toml::table doc = toml::parse(std::string_view{*text}, std::string_view{path});
      slot = convert(doc, path);
      slot->loc = Loc{path};
      return &*slot;
    } catch (const toml::parse_error& e) {
      error(to_loc(e.source(), path), "", "TOML syntax error: " + std::string(e.description()));
      slot.reset();
      return nullptr;
    }
  }

  std::optional<Loaded> load_scenario(const std::string& path, const Loc* ref,
                                      const std::string& ref_key) {
    const std::size_t before = diags.size();
    std::vector<std::string> stack;
    bool complete = true;
    auto root = resolve(path, stack, ref, ref_key, complete);
    if (!root) return std::nullopt;
    apply_overrides(*root);
    Loaded out;
    out.scenario.file = path;
    validate(*root, path, complete, out);
    if (!complete || diags.size() != before) return std::nullopt;
    out.scenario.resolved_toml = render(out.scenario);
    return out;
  }

 private:
  const Schema& schema_;
  const FileSource& files_;
  const Overrides& overrides_;
  std::map<std::string, std::string> presets_;
  std::map<std::string, std::optional<Node>> cache_;
  std::vector<PendingRef> refs_;

  // The file merged with what it extends and includes. `complete` turns
  // false when a part could not be read, so that checks of the whole
  // (required keys, references) do not report noise.
  std::optional<Node> resolve(const std::string& path, std::vector<std::string>& stack,
                              const Loc* ref, const std::string& ref_key, bool& complete) {
    if (auto it = std::find(stack.begin(), stack.end(), path); it != stack.end()) {
      std::vector<std::string> chain(it, stack.end());
      chain.push_back(path);
      error(*ref, ref_key, "cycle of extends/include: " + join(chain, " -> "));
      complete = false;
      return std::nullopt;
    }
    const Node* parsed = parse(path, ref, ref_key);
    if (parsed == nullptr) {
      complete = false;
      return std::nullopt;
    }
    Node own = *parsed;
    Node merged;
    merged.loc = Loc{path};
    stack.push_back(path);
    // name and description belong to the file that says them, never inherited.
    auto add_base = [&](std::optional<Node> base) {
      if (!base) return;
      base->table.erase("name");
      base->table.erase("description");
      merge_into(merged, std::move(*base));
    };
    if (auto it = own.table.find("extends"); it != own.table.end()) {
      const Node& e = it->second;
      if (e.kind != Kind::Text) {
        error(value_loc(e), "extends",
              "expected the path of a scenario file (text), got " + describe(e));
      } else {
        add_base(resolve(path_join(path, e.text), stack, &value_loc(e), "extends", complete));
      }
    }
    if (auto it = own.table.find("include"); it != own.table.end()) {
      const Node& inc = it->second;
      if (inc.kind != Kind::Array) {
        error(value_loc(inc), "include", "expected a list of paths (texts), got " + describe(inc));
      } else {
        for (std::size_t i = 0; i < inc.items.size(); ++i) {
          const Node& p = inc.items[i];
          const std::string key = "include[" + std::to_string(i) + "]";
          if (p.kind != Kind::Text) {
            error(value_loc(p), key, "expected a path (text), got " + describe(p));
            continue;
          }
          add_base(resolve(path_join(path, p.text), stack, &value_loc(p), key, complete));
        }
      }
    }
    stack.pop_back();
    own.table.erase("extends");
    own.table.erase("include");
    merge_into(merged, std::move(own));
    merged.loc = Loc{path};
    return merged;
  }

  void apply_overrides(Node& root) {
    const Loc at{kCommandLine};
    for (const auto& [key, value] : overrides_) {
      if (std::holds_alternative<std::monostate>(value)) continue;
      // Dotted keys reach into tables, e.g. "sourcing.share".
      Node* table = &root;
      std::string rest = key;
      for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
        Node& next = table->table[rest.substr(0, dot)];
        if (next.kind != Kind::Table) {
          error(at, key, "cannot override: '" + rest.substr(0, dot) + "' is not a table");
          table = nullptr;
          break;
        }
        if (next.loc.file.empty()) next.loc = at;
        table = &next;
        rest = rest.substr(dot + 1);
      }
      if (table != nullptr) table->table[rest] = from_value(value, at);
    }
  }

  // -- values ---------------------------------------------------------------

  bool type_error(const ParamSpec& p, const Node& n, const std::string& key) {
    error(value_loc(n), key, "expected " + expectation(p) + ", got " + describe(n));
    return false;
  }

  bool range_error(const ParamSpec& p, const Node& n, double v, const std::string& key) {
    error(value_loc(n), key, number(v) + " is out of range: expected " + expectation(p));
    return false;
  }

  std::optional<double> as_number(const Node& n) {
    if (n.kind == Kind::Real) return n.real;
    if (n.kind == Kind::Integer) return static_cast<double>(n.integer);
    return std::nullopt;
  }

  std::optional<Value> check(const ParamSpec& p, const Node& n, const std::string& key) {
    switch (p.type) {
      case ParamType::Real: {
        const auto d = as_number(n);
        if (!d) return type_error(p, n, key), std::nullopt;
        if (!in_range(*d, p)) return range_error(p, n, *d, key), std::nullopt;
        return *d;
      }
      case ParamType::Integer: {
        std::int64_t i = 0;
        if (n.kind == Kind::Integer) {
          i = n.integer;
        } else if (n.kind == Kind::Real && std::isfinite(n.real) && std::floor(n.real) == n.real &&
                   std::fabs(n.real) < 9.0e18) {
          // A whole real (3.0) is accepted: overrides from the command line
          // arrive as reals, and 3.0 means 3 to any reader.
          i = static_cast<std::int64_t>(n.real);
        } else {
          return type_error(p, n, key), std::nullopt;
        }
        if (!in_range(static_cast<double>(i), p))
          return range_error(p, n, static_cast<double>(i), key), std::nullopt;
        return i;
      }
      case ParamType::Boolean:
        if (n.kind != Kind::Boolean) return type_error(p, n, key), std::nullopt;
        return n.boolean;
      case ParamType::Text:
        if (n.kind != Kind::Text) return type_error(p, n, key), std::nullopt;
        return n.text;
      case ParamType::Choice:
        if (n.kind != Kind::Text) return type_error(p, n, key), std::nullopt;
        if (std::find(p.choices.begin(), p.choices.end(), n.text) == p.choices.end()) {
          error(value_loc(n), key,
                toml_quote(n.text) + " is not a valid choice: expected " + expectation(p),
                closest(n.text, p.choices));
          return std::nullopt;
        }
        return n.text;
      case ParamType::RealList: {
        if (n.kind != Kind::Array) return type_error(p, n, key), std::nullopt;
        std::vector<double> xs;
        bool ok = true;
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          const Node& item = n.items[i];
          const std::string ikey = key + "[" + std::to_string(i) + "]";
          const auto d = as_number(item);
          if (!d)
            ok = type_error(p, item, ikey);
          else if (!in_range(*d, p))
            ok = range_error(p, item, *d, ikey);
          else
            xs.push_back(*d);
        }
        if (!ok) return std::nullopt;
        return xs;
      }
      case ParamType::TextList:
      case ParamType::RefList: {
        if (n.kind != Kind::Array) return type_error(p, n, key), std::nullopt;
        std::vector<std::string> xs;
        bool ok = true;
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          const Node& item = n.items[i];
          const std::string ikey = key + "[" + std::to_string(i) + "]";
          if (item.kind != Kind::Text) {
            ok = type_error(p, item, ikey);
            continue;
          }
          if (p.type == ParamType::RefList) refs_.push_back({&p, value_loc(item), ikey, item.text});
          xs.push_back(item.text);
        }
        if (!ok) return std::nullopt;
        return xs;
      }
    }
    return std::nullopt;
  }

  void unknown_key(const Node& n, const std::string& key, const std::string& name,
                   const std::string& where, const std::vector<std::string>& allowed) {
    error(key_loc(n), key,
          "unknown key in " + where +
              "; allowed: " + (allowed.empty() ? "none" : join(allowed, ", ")),
          closest(name, allowed));
  }

  /// Fills `values` from the keys of `table` declared in `params` (first match wins).
  /// Keys in `skip` are handled by the caller.
  void check_table(const Node& table, const std::vector<const std::vector<ParamSpec>*>& params,
                   const std::string& prefix, const std::string& where,
                   const std::set<std::string>& skip, ParamValues& values, bool complete) {
    std::vector<std::string> allowed(skip.begin(), skip.end());
    for (const auto* list : params)
      for (const auto& p : *list) allowed.push_back(p.key);
    for (const auto& [k, v] : table.table) {
      if (skip.count(k)) continue;
      const ParamSpec* spec = nullptr;
      for (const auto* list : params)
        if ((spec = find_param(*list, k)) != nullptr) break;
      const std::string key = prefix + k;
      if (spec == nullptr) {
        unknown_key(v, key, k, where, allowed);
        continue;
      }
      if (auto value = check(*spec, v, key)) values.set(k, std::move(*value));
    }
    fill_defaults(table, params, prefix, values, complete);
  }

  void fill_defaults(const Node& table, const std::vector<const std::vector<ParamSpec>*>& params,
                     const std::string& prefix, ParamValues& values, bool complete) {
    for (const auto* list : params) {
      for (const auto& p : *list) {
        if (values.has(p.key) || table.table.count(p.key)) continue;
        if (!p.required()) {
          values.set(p.key, normalized_default(p));
        } else if (complete) {
          error(value_loc(table), prefix + p.key,
                "required key is missing: expected " + expectation(p));
        }
      }
    }
  }

  // -- structure ------------------------------------------------------------

  void validate(const Node& root, const std::string& path, bool complete, Loaded& out) {
    Scenario& sc = out.scenario;
    refs_.clear();
    std::vector<std::string> allowed = {"name", "description", "extends", "include"};
    for (const auto& p : schema_.run) allowed.push_back(p.key);
    for (const auto& s : schema_.sections) allowed.push_back(s.name);
    for (const auto& c : schema_.collections) allowed.push_back(c.name);
    for (const auto& a : schema_.arrays) allowed.push_back(a.name);

    sc.name = fs::path(path).stem().string();
    out.name_loc = Loc{path};
    for (const auto& [k, v] : root.table) {
      if (k == "name" || k == "description") {
        if (v.kind != Kind::Text) {
          error(value_loc(v), k, "expected text, got " + describe(v));
        } else if (k == "name") {
          sc.name = v.text;
          out.name_loc = value_loc(v);
          // Names become HDF5 group names.
          if (v.text.empty() || v.text.find('/') != std::string::npos || v.text == "." ||
              v.text == "..")
            error(value_loc(v), k, "a scenario name must be non-empty and contain no '/'");
        } else {
          sc.description = v.text;
        }
      } else if (const ParamSpec* p = find_param(schema_.run, k)) {
        if (auto value = check(*p, v, k)) sc.run.set(k, std::move(*value));
      } else if (const SectionSpec* s = schema_.section(k)) {
        if (v.kind != Kind::Table) {
          error(value_loc(v), k, "expected a table [" + k + "], got " + describe(v));
          continue;
        }
        check_table(v, {&s->params}, k + ".", "[" + k + "]", {}, sc.sections[k], complete);
      } else if (const CollectionSpec* c = schema_.collection(k)) {
        validate_collection(*c, v, complete, sc.collections[k]);
      } else if (const ArraySpec* a = schema_.array(k)) {
        validate_array(*a, v, complete, sc.arrays[k]);
      } else if (k == "study") {
        error(key_loc(v), k,
              "a [study] table belongs in a study file, which holds nothing else and cannot be "
              "extended, included or listed by another study");
      } else {
        unknown_key(v, k, k, "a scenario", allowed);
      }
    }
    fill_defaults(root, {&schema_.run}, "", sc.run, complete);
    for (const auto& s : schema_.sections) {
      if (root.table.count(s.name)) continue;
      Node at;
      at.loc = root.loc;
      fill_defaults(at, {&s.params}, s.name + ".", sc.sections[s.name], complete);
    }
    for (const auto& c : schema_.collections) sc.collections[c.name];
    for (const auto& a : schema_.arrays) sc.arrays[a.name];
    if (complete) check_refs(root);
  }

  void validate_collection(const CollectionSpec& c, const Node& v, bool complete,
                           std::vector<Entity>& out) {
    if (v.kind != Kind::Table) {
      error(value_loc(v), c.name,
            "expected a table of entities [" + c.name + ".<id>], got " + describe(v));
      return;
    }
    for (const auto& [id, ent] : v.table) {
      const std::string prefix = c.name + "." + id;
      if (ent.kind != Kind::Table) {
        error(value_loc(ent), prefix,
              "expected a table [" + prefix + "] of keys, got " + describe(ent));
        continue;
      }
      Entity e;
      e.id = id;
      check_table(ent, {&c.params}, prefix + ".", "[" + c.name + ".<id>]", {"sources"}, e.values,
                  complete);
      if (auto s = ent.table.find("sources"); s != ent.table.end()) {
        const Node& src = s->second;
        const std::string skey = prefix + ".sources";
        if (src.kind != Kind::Table) {
          error(value_loc(src), skey,
                "expected a table of key = \"where the value comes from\", got " + describe(src));
        } else {
          const auto allowed = keys_of(c.params);
          for (const auto& [k, note] : src.table) {
            if (find_param(c.params, k) == nullptr) {
              unknown_key(note, skey + "." + k, k, "[" + c.name + ".<id>.sources]", allowed);
            } else if (note.kind != Kind::Text) {
              error(value_loc(note), skey + "." + k,
                    "expected text (where the value comes from), got " + describe(note));
            } else {
              e.sources[k] = note.text;
            }
          }
        }
      }
      out.push_back(std::move(e));
    }
  }

  void validate_array(const ArraySpec& a, const Node& v, bool complete,
                      std::vector<ArrayItem>& out) {
    if (v.kind != Kind::Array || !all_tables(v)) {
      error(value_loc(v), a.name,
            "expected an array of tables [[" + a.name + "]], got " + describe(v));
      return;
    }
    std::vector<std::string> types;
    for (const auto& variant : a.variants) types.push_back(variant.type);
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      const Node& item = v.items[i];
      const std::string prefix = a.name + "[" + std::to_string(i) + "]";
      const std::string expected = "expected one of: " + join(types, ", ");
      ArrayItem result;
      const VariantSpec* variant = nullptr;
      if (auto t = item.table.find("type"); t == item.table.end()) {
        error(value_loc(item), prefix + ".type", "required key is missing: " + expected);
      } else if (t->second.kind != Kind::Text) {
        error(value_loc(t->second), prefix + ".type", expected + ", got " + describe(t->second));
      } else if ((variant = a.find(t->second.text)) == nullptr) {
        error(value_loc(t->second), prefix + ".type",
              "unknown type " + toml_quote(t->second.text) + " of [[" + a.name + "]]: " + expected,
              closest(t->second.text, types));
      } else {
        result.type = variant->type;
      }
      if (variant != nullptr) {
        check_table(item, {&variant->params, &a.common}, prefix + ".",
                    "[[" + a.name + "]] of type " + toml_quote(variant->type), {"type"},
                    result.values, complete);
      } else {
        // Without a known type only the common keys can be checked.
        Node common_only = item;
        std::erase_if(common_only.table,
                      [&](const auto& kv) { return find_param(a.common, kv.first) == nullptr; });
        check_table(common_only, {&a.common}, prefix + ".", "[[" + a.name + "]]", {"type"},
                    result.values, complete);
      }
      out.push_back(std::move(result));
    }
  }

  void check_refs(const Node& root) {
    for (const auto& r : refs_) {
      std::vector<std::string> ids;
      for (const auto& cname : r.spec->choices) {
        auto c = root.table.find(cname);
        if (c == root.table.end() || c->second.kind != Kind::Table) continue;
        for (const auto& [id, _] : c->second.table) ids.push_back(id);
      }
      if (std::find(ids.begin(), ids.end(), r.id) != ids.end()) continue;
      // A long list of ids would drown the message: show the first few.
      constexpr std::size_t kShown = 20;
      std::vector<std::string> shown(ids.begin(), ids.begin() + std::min(ids.size(), kShown));
      if (ids.size() > kShown)
        shown.push_back("and " + std::to_string(ids.size() - kShown) + " more");
      error(r.loc, r.key,
            "unknown id " + toml_quote(r.id) + ": expected an id of " +
                join(r.spec->choices, " or ") +
                (ids.empty() ? " (none defined)" : " (" + join(shown, ", ") + ")"),
            closest(r.id, ids));
    }
    refs_.clear();
  }
};

// Every diagnostic once, grouped by file in order of first appearance, then by position.
std::vector<Diagnostic> tidy(std::vector<Diagnostic> diags) {
  std::vector<Diagnostic> unique;
  for (auto& d : diags) {
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Diagnostic& u) {
      return std::tie(u.file, u.line, u.column, u.key, u.message) ==
             std::tie(d.file, d.line, d.column, d.key, d.message);
    });
    if (!seen) unique.push_back(std::move(d));
  }
  std::map<std::string, std::size_t> rank;
  for (const auto& d : unique) rank.emplace(d.file, rank.size());
  std::stable_sort(unique.begin(), unique.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(rank[a.file], a.line, a.column) < std::tuple(rank[b.file], b.line, b.column);
  });
  return unique;
}

struct StudyInfo {
  std::string name;
  std::string baseline;
  Loc baseline_loc;
  int replications = 0;
};

// Reads a [study] table and loads the scenarios it lists.
StudyInfo load_study_file(Loader& L, const std::string& path, const Node& root,
                          std::vector<Loaded>& loaded) {
  StudyInfo info;
  info.name = fs::path(path).stem().string();
  for (const auto& [k, v] : root.table) {
    if (k != "study")
      L.error(key_loc(v), k,
              "a study file holds only the [study] table; put scenario keys in a scenario file");
  }
  const Node& study = root.table.at("study");
  if (study.kind != Kind::Table) {
    L.error(value_loc(study), "study", "expected a table [study], got " + describe(study));
    return info;
  }
  const std::vector<std::string> allowed = {"name", "scenarios", "baseline", "replications"};
  for (const auto& [k, v] : study.table) {
    const std::string key = "study." + k;
    if (k == "name" || k == "baseline") {
      if (v.kind != Kind::Text) {
        L.error(value_loc(v), key, "expected text, got " + describe(v));
      } else if (k == "name") {
        info.name = v.text;
      } else {
        info.baseline = v.text;
        info.baseline_loc = value_loc(v);
      }
    } else if (k == "replications") {
      if (v.kind != Kind::Integer || v.integer < 1 || v.integer > 1000000)
        L.error(value_loc(v), key, "expected integer in [1, 1000000], got " + describe(v));
      else
        info.replications = static_cast<int>(v.integer);
    } else if (k == "scenarios") {
      if (v.kind != Kind::Array || v.items.empty()) {
        L.error(value_loc(v), key,
                "expected a non-empty list of scenario file paths, got " + describe(v));
        continue;
      }
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        const Node& p = v.items[i];
        const std::string ikey = key + "[" + std::to_string(i) + "]";
        if (p.kind != Kind::Text) {
          L.error(value_loc(p), ikey, "expected a path (text), got " + describe(p));
          continue;
        }
        if (auto s = L.load_scenario(path_join(path, p.text), &value_loc(p), ikey))
          loaded.push_back(std::move(*s));
      }
    } else {
      L.error(key_loc(v), key, "unknown key in [study]; allowed: " + join(allowed, ", "),
              closest(k, allowed));
    }
  }
  if (!study.table.count("scenarios"))
    L.error(value_loc(study), "study.scenarios",
            "required key is missing: expected a non-empty list of scenario file paths");
  return info;
}

}  // namespace

Study load_study(const std::vector<std::string>& paths, const Schema& schema,
                 const FileSource& files, const Overrides& overrides) {
  Loader L(schema, files, overrides);
  std::vector<Loaded> loaded;
  std::vector<StudyInfo> studies;
  if (paths.empty()) L.error({}, "", "no scenario or study file given");
  for (const auto& raw : paths) {
    const std::string path = normal(raw);
    const Node* root = L.parse(path, nullptr, "");
    if (root == nullptr) continue;
    if (root->table.count("study")) {
      studies.push_back(load_study_file(L, path, *root, loaded));
    } else if (auto s = L.load_scenario(path, nullptr, "")) {
      loaded.push_back(std::move(*s));
    }
  }

  Study study;
  study.name = !studies.empty() ? studies.front().name
               : paths.empty()  ? ""
                                : fs::path(paths.front()).stem().string();
  std::map<std::string, std::string> seen;  // name -> file
  for (auto& l : loaded) {
    auto [it, fresh] = seen.emplace(l.scenario.name, l.scenario.file);
    if (!fresh) {
      L.error(l.name_loc, "name",
              "scenario name " + toml_quote(l.scenario.name) + " is also used by '" + it->second +
                  "'; names must be unique in a study");
      continue;
    }
    study.scenarios.push_back(std::move(l.scenario));
  }
  std::vector<std::string> names;
  for (const auto& s : study.scenarios) names.push_back(s.name);

  for (const auto& info : studies) {
    if (study.replications == 0) study.replications = info.replications;
    if (!study.baseline.empty() || info.baseline.empty()) continue;
    if (std::find(names.begin(), names.end(), info.baseline) == names.end()) {
      L.error(info.baseline_loc, "study.baseline",
              "no scenario named " + toml_quote(info.baseline) +
                  " in the study; expected one of: " + join(names, ", "),
              closest(info.baseline, names));
    }
    study.baseline = info.baseline;
  }
  if (study.baseline.empty() && !names.empty()) {
    study.baseline = std::find(names.begin(), names.end(), "baseline") != names.end()
                         ? "baseline"
                         : names.front();
  }
  if (!L.diags.empty()) throw InputError(tidy(std::move(L.diags)));
  return study;
}

Scenario load_scenario_text(const std::string& text, const std::string& path, const Schema& schema,
                            const FileSource& files, const Overrides& overrides) {
  Loader L(schema, files, overrides);
  const std::string p = normal(path);
  L.preset(p, text);
  auto loaded = L.load_scenario(p, nullptr, "");
  if (!L.diags.empty() || !loaded) throw InputError(tidy(std::move(L.diags)));
  return std::move(loaded->scenario);
}

}  // namespace sim
