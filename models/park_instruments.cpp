#include "models/park_instruments.hpp"

#include <algorithm>
#include <cmath>

namespace models {

IndustrialPark::IndustrialPark(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      capacity_firms_(item.values.real("capacity_firms")),
      service_level_(item.values.real("service_level")),
      cost_reduction_(item.values.real("cost_reduction")),
      rent_(item.values.real("rent_usd_per_year")),
      construction_per_firm_(item.values.real("construction_cost_usd_per_firm")),
      green_infra_(item.values.real("green_infrastructure")) {}

sim::VariantSpec IndustrialPark::spec() {
  using namespace sim;
  return {"industrial_park",
          "Builds a new park in every targeted economy x sector when the policy starts, with room for "
          "`capacity_firms` real firms, paid from the budget at `construction_cost_usd_per_firm` (a smaller park "
          "if the budget is short). SMEs of that economy and sector join when the unit-cost saving "
          "(`cost_reduction`) and services are worth the rent. Members are more visible to searching buyers "
          "(phase 3), pay rent to the programme (phase 6), and catch up toward the park's productivity frontier "
          "in proportion to `service_level` (phase 8); `green_infrastructure` lowers their cost of green upgrades. "
          "The park stays after the policy's end year.",
          "3 (sourcing), 6 (accounts), 8 (learning)",
          {real("capacity_firms", "firms", 1000.0, 1.0, 1e8, "real firms the park can hold", "user"),
           real("service_level", "", 1.0, 0.0, 2.0, "services (matchmaking, spillovers, shared certification); 1 = full package", "user"),
           real("cost_reduction", "share", 0.05, 0.0, 0.5, "unit labour-cost saving of members", "user"),
           real("rent_usd_per_year", "USD/year", 2000.0, 0.0, 1e7, "rent per member firm", "user"),
           real("construction_cost_usd_per_firm", "USD", 5000.0, 0.0, 1e8, "public construction cost per firm slot", "user"),
           real("green_infrastructure", "share", 0.0, 0.0, 1.0, "share of members' green upgrade cost the park covers", "user")}};
}

void IndustrialPark::start(World& w) {
  for (int e = 0; e < w.E(); ++e) {
    if (!target.economy(e)) continue;
    for (int s = 0; s < w.S(); ++s) {
      if (!target.sector(s)) continue;
      const double slots = capacity_firms_ / w.scale;
      const double wanted = slots * construction_per_firm_;
      const double built = wanted > 0 ? spend(w, wanted, e, s) : 0.0;
      const double share = wanted > 0 ? built / wanted : 1.0;
      Park p;
      p.economy = static_cast<std::uint8_t>(e);
      p.sector = static_cast<std::uint8_t>(s);
      p.capacity = static_cast<int>(std::floor(slots * share + 0.5));
      p.base_service_level = p.service_level = service_level_;
      p.cost_reduction = cost_reduction_;
      p.rent_usd_per_year = rent_;
      p.green_infrastructure = green_infra_;
      p.program = index;
      if (p.capacity >= 1) w.parks.push_back(p);
    }
  }
}

void IndustrialPark::apply(World& /*w*/, const sim::StepContext& /*ctx*/) {}

ClusterSupport::ClusterSupport(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      increase_(item.values.real("service_increase")),
      cost_per_member_(item.values.real("cost_usd_per_member_year")) {}

sim::VariantSpec ClusterSupport::spec() {
  using namespace sim;
  return {"cluster_support",
          "Raises the service level of every park or cluster in the targeted economies and sectors by "
          "`service_increase` while it runs: members become more visible to buyers (phase 3) and catch up faster "
          "toward the park frontier (phase 8). It costs `cost_usd_per_member_year` per member firm.",
          "3 (sourcing), 8 (learning)",
          {real("service_increase", "", 0.5, 0.0, 2.0, "added service level", "user"),
           real("cost_usd_per_member_year", "USD/year", 500.0, 0.0, 1e7, "cost per member firm and year", "user")}};
}

void ClusterSupport::apply(World& w, const sim::StepContext& /*ctx*/) {
  for (auto& p : w.parks) {
    if (!target.economy(p.economy) || !target.sector(p.sector) || p.members <= 0) continue;
    if (program(w).remaining() <= 0) return;
    const double spent = spend(w, p.members * cost_per_member_ * w.dt, p.economy, p.sector);
    if (spent > 0) p.service_level += increase_;
  }
}

}  // namespace models
