// Explanations of instruments and shocks for `smesim explain` and
// docs/instruments.md. Everything comes from the declarations in each
// instrument's spec(); only the example targets are chosen here.
#include "models/explain.hpp"

#include "models/instrument.hpp"
#include "models/parameters.hpp"
#include "sim/diagnostics.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace models {
namespace {

struct Found {
  const sim::VariantSpec* spec = nullptr;
  bool shock = false;
};

Found find_kind(const std::string& type) {
  for (const auto& k : policy_kinds()) {
    if (k.spec.type == type) return {&k.spec, false};
  }
  for (const auto& k : shock_kinds()) {
    if (k.spec.type == type) return {&k.spec, true};
  }
  return {};
}

std::vector<std::string> all_types() {
  std::vector<std::string> out;
  for (const auto& k : policy_kinds()) out.push_back(k.spec.type);
  for (const auto& k : shock_kinds()) out.push_back(k.spec.type);
  return out;
}

std::string number(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  if (x == std::floor(x) && std::fabs(x) < 1e7) {
    std::snprintf(buf, sizeof buf, "%.0f", x);
  } else {
    std::snprintf(buf, sizeof buf, "%g", x);
  }
  return buf;
}

std::string range(const sim::ParamSpec& p) {
  switch (p.type) {
    case sim::ParamType::Real:
    case sim::ParamType::Integer:
    case sim::ParamType::RealList: {
      const bool lo = std::isfinite(p.min), hi = std::isfinite(p.max);
      if (lo && hi) return "[" + number(p.min) + ", " + number(p.max) + "]";
      if (lo) return ">= " + number(p.min);
      if (hi) return "<= " + number(p.max);
      return "";
    }
    case sim::ParamType::Choice: {
      std::string out = "one of:";
      for (const auto& c : p.choices) out += " " + c;
      return out;
    }
    default: return "";
  }
}

std::string default_text(const sim::ParamSpec& p) {
  if (p.required()) return "required";
  const std::string v = sim::to_toml(p.default_value);
  return v.empty() ? "\"\"" : v;
}

// The first sentence of a paragraph, for one-line lists.
std::string first_sentence(const std::string& doc) {
  const auto end = doc.find(". ");
  std::string s = end == std::string::npos ? doc : doc.substr(0, end + 1);
  if (s.size() > 110) {
    const auto cut = s.rfind(' ', 106);
    s = s.substr(0, cut == std::string::npos ? 106 : cut) + " ...";
  }
  return s;
}

std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
  std::istringstream words(text);
  std::string word, line, out;
  while (words >> word) {
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c == '\n' ? ' ' : c);
  return out;
}

// Example targets, chosen to validate against scenarios/default/baseline.toml
// (BRICS5, all eight sectors) and to read as a plausible use of each kind.
std::vector<std::string> example_target(const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> targets = {
      {"credit_guarantee", {"economies = [\"IND\", \"ZAF\"]", "size_classes = [\"micro\", \"small\"]"}},
      {"interest_subsidy", {"economies = [\"BRA\"]", "size_classes = [\"small\", \"medium\"]"}},
      {"development_credit_line", {"economies = [\"ZAF\"]", "sectors = [\"green_energy_equipment\"]"}},
      {"microfinance", {"economies = [\"IND\"]", "size_classes = [\"micro\"]", "inclusion = \"women_led\""}},
      {"upgrade_grant", {"economies = [\"IND\"]", "sectors = [\"textiles\"]"}},
      {"industrial_park", {"economies = [\"IND\"]", "sectors = [\"electronics\"]"}},
      {"cluster_support", {"economies = [\"BRA\"]", "sectors = [\"agrifood\"]"}},
      {"tariff_change", {"economies = [\"BRA\"]", "partner_economies = [\"ZAF\"]"}},
      {"ntb_change", {"economies = [\"BRA\"]", "partner_economies = [\"ZAF\"]"}},
      {"trade_facilitation", {"economies = [\"ZAF\"]"}},
      {"standards_recognition", {"economies = [\"IND\"]", "partner_economies = [\"BRA\"]"}},
      {"matchmaking", {"economies = [\"ZAF\"]", "sectors = [\"automotive\"]"}},
      {"digital_adoption", {"economies = [\"IND\"]", "size_classes = [\"micro\", \"small\"]"}},
      {"ecommerce_channel", {"economies = [\"IND\"]", "sectors = [\"textiles\", \"agrifood\"]"}},
      {"training", {"economies = [\"ZAF\"]", "inclusion = \"youth_led\""}},
      {"technology_transfer", {"economies = [\"IND\"]", "sectors = [\"automotive\"]", "tiers = [1]"}},
      {"supplier_development", {"economies = [\"BRA\"]", "sectors = [\"machinery\"]", "tiers = [1]"}},
      {"innovation_fund", {"economies = [\"CHN\"]", "sectors = [\"green_energy_equipment\"]", "size_classes = [\"small\", \"medium\"]"}},
      {"green_requirement", {"economies = [\"CHN\"]", "sectors = [\"electronics\"]"}},
      {"carbon_price", {"economies = [\"ZAF\"]"}},
      {"green_finance", {"economies = [\"BRA\"]"}},
      {"entry_simplification", {"economies = [\"BRA\"]"}},
      {"compliance_simplification", {"economies = [\"IND\"]", "size_classes = [\"micro\"]"}},
      {"public_procurement_setaside", {"economies = [\"ZAF\"]", "inclusion = \"women_or_youth\""}},
      {"local_content_requirement", {"economies = [\"BRA\"]", "sectors = [\"automotive\"]"}},
      {"demand_shock", {"economies = [\"CHN\"]", "sectors = [\"electronics\"]"}},
      {"supply_disruption", {"economies = [\"CHN\"]", "sectors = [\"automotive\"]"}},
      {"credit_crunch", {"economies = [\"ZAF\"]"}},
      {"trade_war", {"economies = [\"CHN\"]", "partner_economies = [\"IND\"]"}},
  };
  const auto it = targets.find(type);
  return it == targets.end() ? std::vector<std::string>{"economies = [\"IND\"]"} : it->second;
}

const std::string kCommonNote =
    "name, economies, partner_economies, sectors, size_classes, tiers, inclusion, start_year, end_year, budget_usd";
const std::string kShockNote = "name, economies, partner_economies, sectors, start_year, end_year";

}  // namespace

std::string example_toml(const std::string& type) {
  const Found k = find_kind(type);
  if (k.spec == nullptr) throw std::invalid_argument("unknown instrument '" + type + "'");
  std::ostringstream t;
  t << (k.shock ? "[[shock]]\n" : "[[policy]]\n");
  t << "type = \"" << type << "\"\n";
  t << "name = \"Example " << type << "\"\n";
  for (const auto& line : example_target(type)) t << line << "\n";
  if (k.shock) {
    t << "start_year = 2\nend_year = 3\n";
  } else {
    t << "start_year = 1\nend_year = 6\n";
    t << "budget_usd = 1.0e8  # most it may spend over its life (real USD)\n";
  }
  for (const auto& p : k.spec->params) {
    if (p.required()) continue;
    t << p.key << " = " << sim::to_toml(p.default_value) << (p.unit.empty() ? "" : "  # " + p.unit) << "\n";
  }
  return t.str();
}

std::string explain_list() {
  std::ostringstream out;
  const auto section = [&](const char* title, const std::vector<InstrumentKind>& kinds) {
    out << title << "\n";
    for (const auto& k : kinds) {
      std::string name = k.spec.type;
      if (name.size() < 28) name += std::string(28 - name.size(), ' ');
      out << "  " << name << " " << first_sentence(k.spec.doc) << "\n";
    }
  };
  section("Policy instruments ([[policy]] in a scenario):", policy_kinds());
  out << "\n";
  section("Shocks ([[shock]] in a scenario):", shock_kinds());
  out << "\nRun 'smesim explain NAME' for what one does, its parameters and an example.\n";
  return out.str();
}

std::string explain_kind(const std::string& type) {
  const Found k = find_kind(type);
  if (k.spec == nullptr) {
    const std::string near = sim::closest(type, all_types());
    throw std::invalid_argument("unknown instrument or shock '" + type + "'" +
                                (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
  }
  const sim::VariantSpec& s = *k.spec;
  std::ostringstream out;
  out << s.type << (k.shock ? " (shock)" : " (policy instrument)") << "\n\n";
  out << wrap(s.doc, 78, "") << "\n";
  out << "Enters step: " << s.enters << "\n\n";
  out << "Parameters:\n";
  for (const auto& p : s.params) {
    out << "  " << p.key << "  (" << sim::type_name(p.type) << (p.unit.empty() ? "" : ", " + p.unit)
        << "; default " << default_text(p);
    const std::string r = range(p);
    if (!r.empty()) out << "; range " << r;
    out << ")\n";
    out << wrap(p.meaning, 78, "      ");
    if (!p.source.empty()) out << wrap("source: " + p.source, 78, "      ");
  }
  out << "\n"
      << wrap(std::string("Also accepts the keys every ") + (k.shock ? "shock" : "policy") + " accepts: " +
                  (k.shock ? kShockNote : kCommonNote) + " (see docs/instruments.md).",
              78, "")
      << "\n";
  out << "Example (in a scenario that extends default/baseline.toml):\n\n" << example_toml(type);
  return out.str();
}

std::string instruments_markdown() {
  std::ostringstream md;
  md << "# Policy instruments and shocks\n\n"
     << "Generated by `smesim docs` from the instruments' declarations (`smesim explain NAME` prints the same). "
        "Do not edit by hand.\n\n"
     << "Each instrument is a `[[policy]]` item of a scenario, each shock a `[[shock]]` item, chosen by `type`. "
        "Instruments act in phase 1 of a step while `start_year <= t < end_year`: they set parameters that the "
        "later phases read (DESIGN.md section 3). Money is in real US dollars; the model divides budgets by "
        "`scale`. Every instrument books its spending on its own programme, which never spends beyond "
        "`budget_usd`; fees and revenue (guarantee fees, park rents, carbon revenue) are booked against it, and "
        "`fiscal_cost_usd` reports spending net of them.\n\n";
  const auto table = [&](const std::vector<InstrumentKind>& kinds) {
    md << "| type | enters step | what it does |\n| --- | --- | --- |\n";
    for (const auto& k : kinds) {
      md << "| [`" << k.spec.type << "`](#" << k.spec.type << ") | " << md_cell(k.spec.enters) << " | "
         << md_cell(first_sentence(k.spec.doc)) << " |\n";
    }
    md << "\n";
  };
  const auto params = [&](const std::vector<sim::ParamSpec>& ps) {
    md << "| key | type | unit | default | range | meaning | source |\n| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& p : ps) {
      md << "| `" << p.key << "` | " << sim::type_name(p.type) << " | " << md_cell(p.unit.empty() ? "-" : p.unit) << " | `"
         << md_cell(default_text(p)) << "` | " << md_cell(range(p)) << " | " << md_cell(p.meaning) << " | "
         << md_cell(p.source) << " |\n";
    }
    md << "\n";
  };
  md << "## Policy instruments\n\n";
  table(policy_kinds());
  md << "## Shocks\n\n";
  table(shock_kinds());
  md << "## Keys every policy accepts\n\n"
     << "Targets are combined: a firm is reached when it matches every list given. `inclusion` reaches women-led "
        "and/or youth-led firms only.\n\n";
  params(policy_common_params());
  md << "## Keys every shock accepts\n\n";
  params(shock_common_params());
  md << "## Resilience metrics\n\n"
     << "Scenarios with shocks report, per economy and once at the end of a run, `resilience_depth`: the largest "
        "relative drop of SME value added per step below its pre-shock level (its mean over the year before the "
        "first shock of the scenario starts), and `resilience_recovery_quarters`: the quarters from the shock's "
        "start until value added is back at that level after its lowest point (0 if it never fell; NaN if it had "
        "not recovered when the run ended). Both are NaN in scenarios without a shock, or when the first shock "
        "starts at time 0 (no pre-shock year) or after the run. Across economies they are averaged with the "
        "pre-shock value added as weight.\n\n";
  const auto details = [&](const std::vector<InstrumentKind>& kinds, bool shock) {
    for (const auto& k : kinds) {
      const auto& s = k.spec;
      md << "### " << s.type << "\n\n" << s.doc << "\n\n**Enters step:** " << s.enters << "\n\n";
      params(s.params);
      md << "Also accepts the keys every " << (shock ? "shock" : "policy") << " accepts.\n\n"
         << "```toml\n" << example_toml(s.type) << "```\n\n";
    }
  };
  md << "## Policy instruments in detail\n\n";
  details(policy_kinds(), false);
  md << "## Shocks in detail\n\n";
  details(shock_kinds(), true);
  return md.str();
}

int explain_command(const std::string& type, std::ostream& out, std::ostream& err) {
  if (type.empty()) {
    out << explain_list();
    return 0;
  }
  try {
    out << explain_kind(type);
    return 0;
  } catch (const std::invalid_argument& e) {
    err << "smesim: error: " << e.what() << "\nRun 'smesim explain' for the list.\n";
    return 1;
  }
}

}  // namespace models
