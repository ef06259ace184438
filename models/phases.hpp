#pragma once
/// @file phases.hpp
/// @brief The ten step phases of DESIGN.md section 3, in order, and the
/// helpers they share. Each phase lives in its own file (schedule.cpp,
/// demand.cpp, sourcing.cpp, production.cpp, finance.cpp, accounts.cpp,
/// upgrading.cpp, learning.cpp, entry_exit.cpp, metrics.cpp).
#include "models/world.hpp"

namespace models {

void schedule(World& w, const sim::StepContext& ctx);    ///< 1: policies and shocks set parameters
void demand(World& w, const sim::StepContext& ctx);      ///< 2: final demand, lead plans, local market
void sourcing(World& w, const sim::StepContext& ctx);    ///< 3: supplier review and search
void production(World& w, const sim::StepContext& ctx);  ///< 4: orders down, output, deliveries up
void finance(World& w, const sim::StepContext& ctx);     ///< 5: bank credit
void accounts(World& w, const sim::StepContext& ctx);    ///< 6: debt service, costs, profit, employment, parks
void upgrading(World& w, const sim::StepContext& ctx);   ///< 7: certification, digital, green, capacity
void learning(World& w, const sim::StepContext& ctx);    ///< 8: productivity dynamics
void entry_exit(World& w, const sim::StepContext& ctx);  ///< 9: exits and entrants
void metrics(World& w, const sim::StepContext& ctx);     ///< 10: network analysis, evidence, invariants

// Shared helpers.
/// @brief A phase's transfers to the government and the outside world, summed in locals and
/// booked once at its end: every store to a firm's cash (a double) could alias the two accounts,
/// so adding to them directly would make each addition wait on the last through memory.
struct Transfers {
  double outside_usd = 0, government_usd = 0;
  void book(World& w) const {
    w.outside_usd += outside_usd;
    w.government_usd += government_usd;
  }
};
/// @brief Copies base trade costs into the current ones (start of schedule).
void reset_trade_costs(World& w);
/// @brief The firm pass that starts a step (demand, and warm-up without draws):
/// every active SME's price and capacity, its draws for the step (World::draw_bits,
/// learning_shock) when `draws`, and the groups with their offers
/// and alias tables (World::groups).
void prepare_firms(World& w, std::uint32_t step, bool draws);
/// @brief Sets local markets so firms start at the initial utilisation given the formed network.
void calibrate_local_demand(World& w);
/// @brief Sourcing rounds before the first step, every buyer reviewing.
void warm_up(World& w, int rounds);
/// @brief Economy codes simulated, in order (groups expanded).
std::vector<std::string> simulated_economies(const sim::Scenario& sc);
/// @brief Sector names simulated.
std::vector<std::string> simulated_sectors(const sim::Scenario& sc);
/// @brief Inverse CDF of a Pareto(alpha) on [lo, hi).
double truncated_pareto(double u, double alpha, double lo, double hi);
/// @brief Fills the state of a new SME i (initial population and entrants), its capacity and price
/// included.
void init_firm(World& w, std::uint32_t i, int e, int s, int t, std::uint64_t key, double log_phi_mean,
               double max_employees, std::uint32_t step, Purpose purpose);
/// @brief Settles SME i's whole debt as a default: recovery, guarantee payout, bank loss.
void default_on_debt(World& w, std::size_t i);

}  // namespace models
