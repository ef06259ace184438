#include "sim/param.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace sim {

const char* type_name(ParamType t) {
  switch (t) {
    case ParamType::Real:
      return "real number";
    case ParamType::Integer:
      return "integer";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::Text:
      return "text";
    case ParamType::Choice:
      return "choice";
    case ParamType::RealList:
      return "list of real numbers";
    case ParamType::TextList:
      return "list of texts";
    case ParamType::RefList:
      return "list of references";
  }
  return "unknown";
}

namespace {

// Shortest round-trip text either way; fixed notation for ordinary magnitudes
// so that 300000.0 does not print as 3e+05.
std::chars_format readable_format(double d) {
  const double a = std::fabs(d);
  return a == 0 || (a >= 1e-4 && a < 1e16) ? std::chars_format::fixed : std::chars_format::general;
}

// Shortest text that reads back to the same double; always looks like a TOML
// float (a "." or exponent), so that it is not read back as an integer.
std::string toml_float(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, readable_format(d));
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

// A number as people write it in docs: no trailing ".0" on whole numbers.
std::string plain_number(double d) {
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, readable_format(d));
  return {buf, res.ptr};
}

std::string range_text(double min, double max) {
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max) return "[" + plain_number(min) + ", " + plain_number(max) + "]";
  if (has_min) return ">= " + plain_number(min);
  if (has_max) return "<= " + plain_number(max);
  return "";
}

ParamSpec base(std::string key, ParamType type, std::string unit, Value def, std::string meaning,
               std::string source) {
  ParamSpec p;
  p.key = std::move(key);
  p.type = type;
  p.unit = std::move(unit);
  p.default_value = std::move(def);
  p.meaning = std::move(meaning);
  p.source = std::move(source);
  return p;
}

[[noreturn]] void undeclared(const std::string& key, const char* what) {
  throw UndeclaredKey("parameter '" + key + "' " + what);
}

template <class T>
const T& typed(const std::map<std::string, Value>& values, const std::string& key,
               const char* wanted) {
  auto it = values.find(key);
  if (it == values.end()) undeclared(key, "is not declared or has no value");
  const T* v = std::get_if<T>(&it->second);
  if (v == nullptr) undeclared(key, wanted);
  return *v;
}

// Markdown table cells: no pipes or newlines may leak into the layout.
std::string cell(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string spec_range(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::Real:
    case ParamType::Integer:
    case ParamType::RealList:
      return range_text(p.min, p.max);
    case ParamType::Choice:
      return "one of: " + join(p.choices, ", ");
    case ParamType::RefList:
      return "ids of: " + join(p.choices, ", ");
    default:
      return "";
  }
}

void param_table(std::ostringstream& out, const std::vector<ParamSpec>& params) {
  if (params.empty()) {
    out << "No keys.\n\n";
    return;
  }
  out << "| key | type | unit | default | range | meaning | source |\n";
  out << "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& p : params) {
    const std::string def = p.required() ? "required" : "`" + to_toml(p.default_value) + "`";
    out << "| `" << cell(p.key) << "` | " << type_name(p.type) << " | " << cell(p.unit) << " | "
        << cell(def) << " | " << cell(spec_range(p)) << " | " << cell(p.meaning) << " | "
        << cell(p.source) << " |\n";
  }
  out << "\n";
}

void paragraph(std::ostringstream& out, const std::string& text) {
  if (!text.empty()) out << text << "\n\n";
}

}  // namespace

std::string to_toml(const Value& v) {
  struct Render {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(double d) const { return toml_float(d); }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return toml_string(s); }
    std::string operator()(const std::vector<double>& xs) const {
      std::string out = "[";
      for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + toml_float(xs[i]);
      return out + "]";
    }
    std::string operator()(const std::vector<std::string>& xs) const {
      std::string out = "[";
      for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + toml_string(xs[i]);
      return out + "]";
    }
  };
  return std::visit(Render{}, v);
}

ParamSpec real(std::string key, std::string unit, double def, double min, double max,
               std::string meaning, std::string source) {
  ParamSpec p = base(std::move(key), ParamType::Real, std::move(unit), def, std::move(meaning),
                     std::move(source));
  p.min = min;
  p.max = max;
  return p;
}

ParamSpec integer(std::string key, std::string unit, std::int64_t def, double min, double max,
                  std::string meaning, std::string source) {
  ParamSpec p = base(std::move(key), ParamType::Integer, std::move(unit), def, std::move(meaning),
                     std::move(source));
  p.min = min;
  p.max = max;
  return p;
}

ParamSpec boolean(std::string key, bool def, std::string meaning, std::string source) {
  return base(std::move(key), ParamType::Boolean, "", def, std::move(meaning), std::move(source));
}

ParamSpec text(std::string key, std::string def, std::string meaning, std::string source) {
  return base(std::move(key), ParamType::Text, "", std::move(def), std::move(meaning),
              std::move(source));
}

ParamSpec choice(std::string key, std::string def, std::vector<std::string> choices,
                 std::string meaning, std::string source) {
  ParamSpec p = base(std::move(key), ParamType::Choice, "", std::move(def), std::move(meaning),
                     std::move(source));
  p.choices = std::move(choices);
  return p;
}

ParamSpec real_list(std::string key, std::string unit, std::vector<double> def, double min,
                    double max, std::string meaning, std::string source) {
  ParamSpec p = base(std::move(key), ParamType::RealList, std::move(unit), std::move(def),
                     std::move(meaning), std::move(source));
  p.min = min;
  p.max = max;
  return p;
}

ParamSpec text_list(std::string key, std::vector<std::string> def, std::string meaning,
                    std::string source) {
  return base(std::move(key), ParamType::TextList, "", std::move(def), std::move(meaning),
              std::move(source));
}

ParamSpec ref_list(std::string key, std::vector<std::string> collections,
                   std::vector<std::string> def, std::string meaning, std::string source) {
  ParamSpec p = base(std::move(key), ParamType::RefList, "", std::move(def), std::move(meaning),
                     std::move(source));
  p.choices = std::move(collections);
  return p;
}

ParamSpec required(ParamSpec p) {
  p.default_value = std::monostate{};
  return p;
}

const VariantSpec* ArraySpec::find(const std::string& type) const {
  for (const auto& v : variants)
    if (v.type == type) return &v;
  return nullptr;
}

const SectionSpec* Schema::section(const std::string& name) const {
  for (const auto& s : sections)
    if (s.name == name) return &s;
  return nullptr;
}

const CollectionSpec* Schema::collection(const std::string& name) const {
  for (const auto& c : collections)
    if (c.name == name) return &c;
  return nullptr;
}

const ArraySpec* Schema::array(const std::string& name) const {
  for (const auto& a : arrays)
    if (a.name == name) return &a;
  return nullptr;
}

const ParamSpec* find_param(const std::vector<ParamSpec>& params, const std::string& key) {
  for (const auto& p : params)
    if (p.key == key) return &p;
  return nullptr;
}

const Value& ParamValues::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) undeclared(key, "is not declared or has no value");
  return it->second;
}

double ParamValues::real(const std::string& key) const {
  const Value& v = get(key);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  undeclared(key, "is not a real number");
}

std::int64_t ParamValues::integer(const std::string& key) const {
  return typed<std::int64_t>(values_, key, "is not an integer");
}

bool ParamValues::boolean(const std::string& key) const {
  return typed<bool>(values_, key, "is not a boolean");
}

const std::string& ParamValues::text(const std::string& key) const {
  return typed<std::string>(values_, key, "is not a text");
}

const std::vector<double>& ParamValues::reals(const std::string& key) const {
  return typed<std::vector<double>>(values_, key, "is not a list of real numbers");
}

const std::vector<std::string>& ParamValues::texts(const std::string& key) const {
  return typed<std::vector<std::string>>(values_, key, "is not a list of texts");
}

std::string parameters_markdown(const Schema& schema) {
  std::ostringstream out;
  out << "# Parameters\n\n";
  out << "<!-- Generated by `smesim docs` from the model's parameter declarations. "
         "Do not edit by hand. -->\n\n";
  out << "This file is generated by `smesim docs` from the parameter declarations in the "
         "model; do not edit it by hand: change the declarations and regenerate it.\n\n";
  out << "A scenario file may also hold `name`, `description`, `extends` (another scenario, "
         "path relative to this file) and `include` (data tables, paths relative to this "
         "file).\n\n";

  out << "## Run keys\n\nTop-level keys of a scenario file.\n\n";
  param_table(out, schema.run);

  for (const auto& s : schema.sections) {
    out << "## Section `[" << s.name << "]`\n\n";
    paragraph(out, s.doc);
    param_table(out, s.params);
  }

  for (const auto& c : schema.collections) {
    out << "## Collection `[" << c.name << ".<id>]`\n\n";
    paragraph(out, c.doc);
    out << "Each entity may carry a `[" << c.name
        << ".<id>.sources]` table mapping any key below to where its value comes from.\n\n";
    param_table(out, c.params);
  }

  for (const auto& a : schema.arrays) {
    out << "## Array `[[" << a.name << "]]`\n\n";
    paragraph(out, a.doc);
    std::vector<std::string> types;
    for (const auto& v : a.variants) types.push_back("`" + v.type + "`");
    out << "Each item has a `type`, one of: " << join(types, ", ") << ".\n\n";
    out << "Keys allowed in every item:\n\n";
    param_table(out, a.common);
    for (const auto& v : a.variants) {
      out << "### `[[" << a.name << "]]` type `" << v.type << "`\n\n";
      paragraph(out, v.doc);
      if (!v.enters.empty()) out << "Enters in step: " << v.enters << ".\n\n";
      param_table(out, v.params);
    }
  }
  std::string text = out.str();
  // Exactly one newline at the end, so that the file is stable under editors.
  while (text.size() > 1 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n')
    text.pop_back();
  return text;
}

}  // namespace sim
