#include "models/finance_instruments.hpp"

#include "models/parameters.hpp"

namespace models {

CreditGuarantee::CreditGuarantee(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      coverage_(item.values.real("coverage")),
      fee_(item.values.real("fee_per_year")),
      leverage_(item.values.real("leverage")) {}

sim::VariantSpec CreditGuarantee::spec() {
  using namespace sim;
  return {"credit_guarantee",
          "A guarantee fund covers `coverage` of each new loan to targeted SMEs. The bank's retained expected "
          "loss falls to PD x LGD x (1 - coverage) and the collateral it asks for falls in proportion, so "
          "opaque small firms that were just outside the bank's appetite get credit. The firm pays `fee_per_year` "
          "on the covered amount. When a covered loan defaults, the fund pays its share of the loss to the bank. "
          "Guaranteed exposure may reach `leverage` x budget; payouts never exceed the budget.",
          "5 (finance)",
          {real("coverage", "share", 0.5, 0.0, 0.95, "share of each new loan covered",
                "typical partial guarantee schemes cover 50-80% (OECD SME Scoreboard)"),
           real("fee_per_year", "1/year", 0.01, 0.0, 0.2, "fee on the covered amount, per year", "typical 0.5-2% (OECD Scoreboard)"),
           real("leverage", "", 5.0, 1.0, 50.0, "largest covered exposure per dollar of budget",
                "guarantee funds commonly leverage capital 5-10 times")}};
}

void CreditGuarantee::start(World& w) {
  Program& p = program(w);
  p.exposure_limit_usd = p.budget_usd * leverage_;
  p.fee_rate_per_year = fee_;
}

void CreditGuarantee::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Guarantee);
    if (coverage_ > v.value) v = {static_cast<float>(coverage_), static_cast<float>(fee_), 0.0F, static_cast<std::int16_t>(index)};
  });
}

InterestSubsidy::InterestSubsidy(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx), reduction_(item.values.real("rate_reduction_per_year")) {}

sim::VariantSpec InterestSubsidy::spec() {
  using namespace sim;
  return {"interest_subsidy",
          "The government pays `rate_reduction_per_year` of the interest on targeted SMEs' outstanding loans "
          "(never more than the loan rate) while the policy runs and the budget lasts. Lower debt service "
          "improves cash flow and survival; it does not change the bank's lending decision.",
          "5 (finance), 6 (accounts)",
          {real("rate_reduction_per_year", "1/year", 0.03, 0.0, 0.5, "interest points paid by the government",
                "user; typical programmes 2-5 points")}};
}

void InterestSubsidy::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::InterestSubsidy);
    if (reduction_ > v.value) v = {static_cast<float>(reduction_), 0.0F, 0.0F, static_cast<std::int16_t>(index)};
  });
}

DevelopmentCreditLine::DevelopmentCreditLine(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      facility_usd_(item.values.real("facility_usd")),
      rate_(item.values.real("rate_per_year")) {}

sim::VariantSpec DevelopmentCreditLine::spec() {
  using namespace sim;
  return {"development_credit_line",
          "A development bank (NDB-like) funds loans that commercial banks on-lend to targeted SMEs. Such loans "
          "do not count against the banks' capital limit (up to `facility_usd` outstanding) and carry "
          "`rate_per_year` plus the bank's risk spread. The bank still screens risk and collateral. The "
          "fiscal cost is the concession: the gap to the market lending rate on line-funded loans, paid to banks "
          "from the budget.",
          "5 (finance)",
          {real("facility_usd", "USD", 1e9, 0.0, 1e13, "most line-funded loans outstanding (real USD)", "user"),
           real("rate_per_year", "1/year", 0.05, 0.0, 1.0, "funding rate of the line", "user; NDB lends near its cost of funds")}};
}

void DevelopmentCreditLine::start(World& w) { program(w).exposure_limit_usd = facility_usd_ / w.scale; }

void DevelopmentCreditLine::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    w.cells.at(c, Channel::CreditLine) = {static_cast<float>(rate_), 0.0F, 0.0F, static_cast<std::int16_t>(index)};
  });
}

}  // namespace models
