// Checks that need more than one key at a time: list lengths against a
// sector's tiers, ids that must be simulated economies, trade pairs that must
// exist, and values of text lists with a fixed vocabulary.
#include "models/check.hpp"

#include "models/phases.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace models {
namespace {

void add(std::vector<sim::Diagnostic>& out, const sim::Scenario& sc, std::string key, std::string msg,
         const std::vector<std::string>& candidates = {}, const std::string& word = "") {
  sim::Diagnostic d;
  d.file = sc.file;
  d.key = std::move(key);
  d.message = std::move(msg);
  if (!word.empty()) d.suggestion = sim::closest(word, candidates);
  out.push_back(std::move(d));
}

}  // namespace

std::vector<sim::Diagnostic> check_scenario(const sim::Scenario& sc) {
  std::vector<sim::Diagnostic> out;
  const auto economies = simulated_economies(sc);
  std::set<std::string> known;
  for (const auto& e : sc.collection("economy")) known.insert(e.id);
  for (const auto& code : economies) {
    if (known.count(code) == 0) add(out, sc, "economies", "economy '" + code + "' is simulated but not defined");
  }
  if (economies.size() > 64) add(out, sc, "economies", "at most 64 economies can be simulated");
  for (std::size_t a = 0; a < economies.size(); ++a) {
    for (std::size_t b = a + 1; b < economies.size(); ++b) {
      const std::string id = economies[a] < economies[b] ? economies[a] + "-" + economies[b] : economies[b] + "-" + economies[a];
      if (sc.entity("trade_pair", id) == nullptr) {
        add(out, sc, "trade_pair." + id, "no trade costs between " + economies[a] + " and " + economies[b] +
                                             "; expected a [trade_pair.\"" + id + "\"] table with distance_km");
      }
    }
  }
  const auto sectors = simulated_sectors(sc);
  double share = 0;
  for (const auto& name : sectors) {
    const auto* s = sc.entity("sector", name);
    if (s == nullptr) continue;
    const auto tiers = static_cast<std::size_t>(s->values.integer("tiers"));
    share += s->values.real("sme_share");
    for (const char* key : {"input_share", "tier_firm_share", "quality_requirement", "green_requirement"}) {
      const auto& v = s->values.reals(key);
      const bool optional = std::string(key) == "quality_requirement" || std::string(key) == "green_requirement";
      if (v.size() != tiers && !(optional && v.empty())) {
        add(out, sc, "sector." + name + "." + key,
            "expected " + std::to_string(tiers) + " values (one per tier), got " + std::to_string(v.size()));
      }
    }
    double ts = 0;
    for (double x : s->values.reals("tier_firm_share")) ts += x;
    if (ts <= 0) add(out, sc, "sector." + name + ".tier_firm_share", "expected shares with a positive sum");
  }
  if (share <= 0) add(out, sc, "sector", "expected sectors whose sme_share add up to more than zero");
  const std::vector<std::string> sizes{"micro", "small", "medium"};
  const std::vector<std::string> kinds{"certification", "digital", "green", "capacity"};
  for (const char* array : {"policy", "shock"}) {
    const auto& items = sc.array(array);
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto& v = items[k].values;
      const std::string prefix = std::string(array) + "[" + std::to_string(k) + "].";
      if (v.has("size_classes")) {
        for (const auto& z : v.texts("size_classes")) {
          if (std::find(sizes.begin(), sizes.end(), z) == sizes.end()) {
            add(out, sc, prefix + "size_classes", "'" + z + "' is not a size class; expected micro, small or medium", sizes, z);
          }
        }
      }
      if (v.has("kinds")) {
        for (const auto& z : v.texts("kinds")) {
          if (std::find(kinds.begin(), kinds.end(), z) == kinds.end()) {
            add(out, sc, prefix + "kinds", "'" + z + "' is not an upgrade kind; expected certification, digital, green or capacity", kinds, z);
          }
        }
      }
      if (v.has("tiers")) {
        for (double t : v.reals("tiers")) {
          if (t != std::floor(t)) add(out, sc, prefix + "tiers", "tiers are whole numbers 1..6");
        }
      }
      if (v.has("end_year") && v.real("end_year") <= v.real("start_year")) {
        add(out, sc, prefix + "end_year", "expected end_year after start_year");
      }
      for (const char* key : {"economies", "partner_economies"}) {
        if (!v.has(key)) continue;
        for (const auto& id : v.texts(key)) {
          if (sc.entity("group", id) != nullptr) continue;
          if (std::find(economies.begin(), economies.end(), id) == economies.end()) {
            add(out, sc, prefix + key, "economy '" + id + "' is defined but not simulated in this scenario", economies, id);
          }
        }
      }
      if (v.has("sectors")) {
        for (const auto& id : v.texts("sectors")) {
          if (std::find(sectors.begin(), sectors.end(), id) == sectors.end()) {
            add(out, sc, prefix + "sectors", "sector '" + id + "' is not simulated in this scenario", sectors, id);
          }
        }
      }
    }
  }
  return out;
}

}  // namespace models
