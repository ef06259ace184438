#include "models/capability_instruments.hpp"

#include <stdexcept>

namespace models {

unsigned upgrade_mask(const std::vector<std::string>& kinds, const std::string& policy) {
  unsigned mask = 0;
  for (const auto& k : kinds) {
    if (k == "certification") mask |= 1U << static_cast<unsigned>(Upgrade::Certification);
    else if (k == "digital") mask |= 1U << static_cast<unsigned>(Upgrade::Digital);
    else if (k == "green") mask |= 1U << static_cast<unsigned>(Upgrade::Green);
    else if (k == "capacity") mask |= 1U << static_cast<unsigned>(Upgrade::Capacity);
    else throw std::invalid_argument("policy '" + policy + "': upgrade kind '" + k + "' is not certification, digital, green or capacity");
  }
  return mask;
}

UpgradeGrant::UpgradeGrant(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), share_(item.values.real("cost_share")),
      kinds_(upgrade_mask(item.values.texts("kinds"), name)) {}

sim::VariantSpec UpgradeGrant::spec() {
  using namespace sim;
  return {"upgrade_grant",
          "Pays `cost_share` of the cost of the upgrade `kinds` (certification, digital, green, capacity) for "
          "targeted SMEs. A firm weighs an upgrade against its cost net of the grant, so more firms upgrade, and "
          "fewer need an investment loan. The grant is paid when the upgrade is carried out; it stops when the "
          "budget is spent.",
          "7 (upgrading)",
          {text_list("kinds", {"certification", "digital", "green"}, "upgrade kinds covered: certification, digital, green, capacity", "user"),
           real("cost_share", "share", 0.5, 0.0, 1.0, "share of the upgrade cost paid by the grant", "user")}};
}

void UpgradeGrant::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Grant);
    if (share_ > v.value) v = {static_cast<float>(share_), static_cast<float>(kinds_), 0.0F, static_cast<std::int16_t>(index)};
  });
}

Matchmaking::Matchmaking(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), boost_(item.values.real("visibility_boost")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec Matchmaking::spec() {
  using namespace sim;
  return {"matchmaking",
          "A B2B platform, trade fair or SME marketplace: targeted SMEs gain `visibility_boost` (base visibility "
          "is 1, digital adopters have 2), so searching buyers sample them more often, at home and across "
          "borders. It costs `cost_usd_per_firm_year` per targeted firm while it runs and the budget lasts.",
          "3 (sourcing)",
          {real("visibility_boost", "", 1.0, 0.0, 10.0, "added visibility of targeted SMEs", "user"),
           real("cost_usd_per_firm_year", "USD/year", 200.0, 0.0, 1e6, "cost per targeted firm and year", "user")}};
}

void Matchmaking::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.set_billed(Channel::Matchmaking);
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Matchmaking);
    v = {v.value + static_cast<float>(boost_), 0.0F, static_cast<float>(cost_), static_cast<std::int16_t>(index)};
  });
}

}  // namespace models
