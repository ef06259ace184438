#include "models/support_instruments.hpp"

#include <algorithm>
#include <vector>

namespace models {
namespace {

CellValue cell(double value, double aux, double cost, int program) {
  return {static_cast<float>(value), static_cast<float>(aux), static_cast<float>(cost), static_cast<std::int16_t>(program)};
}

sim::ParamSpec firm_cost(double def, const char* what, const char* source = "user") {
  return sim::real("cost_usd_per_firm_year", "USD/year", def, 0.0, 1e7, what, source);
}

// Pays `usd_per_firm_year` for every active SME that `counts` (a predicate on
// targeted firms), booked by economy and sector; returns what was spent.
template <class Counts>
double pay_per_firm(const Instrument& ins, World& w, double usd_per_firm_year, Counts&& counts) {
  if (usd_per_firm_year <= 0) return 0.0;
  std::vector<double> firms(static_cast<std::size_t>(w.E() * w.S()), 0.0);
  const SmeTable& f = w.sme;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.alive(i) && ins.target.firm(f, i) && counts(i)) firms[static_cast<std::size_t>(w.es(f.economy[i], f.sector[i]))] += 1;
  }
  double spent = 0;
  for (int e = 0; e < w.E(); ++e) {
    for (int s = 0; s < w.S(); ++s) {
      const double n = firms[static_cast<std::size_t>(w.es(e, s))];
      if (n > 0) spent += ins.spend(w, n * usd_per_firm_year * w.dt, e, s);
    }
  }
  return spent;
}

}  // namespace

// ---------------------------------------------------------------- microfinance

Microfinance::Microfinance(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      cap_(item.values.real("loan_cap_usd")),
      rate_(item.values.real("rate_per_year")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec Microfinance::spec() {
  using namespace sim;
  return {"microfinance",
          "Microfinance lenders serve the targeted firms (usually `size_classes = [\"micro\"]`, often women-led or "
          "rural ones). A loan request of at most `loan_cap_usd` is judged as a microloan: the lender accepts three "
          "times the risk a commercial bank accepts and asks for a fifth of the usual collateral, at the higher "
          "rate `rate_per_year`; it still refuses the worst risks, and loans count against the lending capacity of "
          "the economy's banks. Firms that were refused for opacity or lack of collateral now get working capital "
          "and small investment loans. The programme pays lenders an outreach subsidy of `cost_usd_per_firm_year` "
          "for every targeted firm while it runs and its budget lasts.",
          "5 (finance)",
          {real("loan_cap_usd", "USD", 5000.0, 0.0, 1e7, "largest loan request treated as a microloan",
                "user; typical microloans are USD 100-5,000 (MIX Market averages, order of magnitude)"),
           real("rate_per_year", "1/year", 0.25, 0.0, 1.0, "interest rate of microloans",
                "user; microfinance rates are commonly 20-35% a year (CGAP)"),
           firm_cost(20.0, "outreach subsidy to lenders per targeted firm and year")}};
}

void Microfinance::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  if (cost_ > 0) w.cells.set_billed(Channel::Microfinance);
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Microfinance);
    if (v.program < 0 || cap_ > v.value) v = cell(cap_, rate_, cost_, index);
  });
}

// ---------------------------------------------------------------- green finance

GreenFinance::GreenFinance(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      reduction_(item.values.real("rate_reduction_per_year")),
      risk_share_(item.values.real("risk_share")) {}

sim::VariantSpec GreenFinance::spec() {
  using namespace sim;
  return {"green_finance",
          "Green credit lines and green guarantees for targeted SMEs. When a firm asks its bank for a loan to pay "
          "for a green upgrade, the programme shares `risk_share` of the risk of the investment part (the bank "
          "keeps less risk and needs less collateral, so more green investments are financed) and lowers its "
          "interest rate by `rate_reduction_per_year`. The programme pays the bank the interest it gives up over "
          "the loan's life when the loan is made, and its share of the loss if the firm defaults; both stop when "
          "the budget is spent.",
          "5 (finance), 7 (upgrading: financed green upgrades are carried out)",
          {real("rate_reduction_per_year", "1/year", 0.03, 0.0, 0.5, "interest points off green investment loans",
                "user; green credit lines typically lend 1-4 points below market"),
           real("risk_share", "share", 0.5, 0.0, 0.95, "share of a green investment loan's losses borne by the programme",
                "user; partial guarantees commonly cover 50-80%")}};
}

void GreenFinance::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::GreenFinance);
    if (v.program < 0 || risk_share_ + reduction_ > v.value + v.aux) v = cell(reduction_, risk_share_, 0.0, index);
  });
}

// ---------------------------------------------------------------- digital adoption

DigitalAdoption::DigitalAdoption(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      share_(item.values.real("cost_share")),
      bonus_(item.values.real("success_bonus")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec DigitalAdoption::spec() {
  using namespace sim;
  return {"digital_adoption",
          "Digital vouchers and advisory services help targeted SMEs adopt digital tools (SME digitalisation "
          "programmes). Targeted firms that are not yet digital pay only (1 - `cost_share`) of the cost of adopting digital tools, the programme paying the rest "
          "when they adopt, and their adoption succeeds more often (`success_bonus` added to the chance). More "
          "firms adopt (phase 7); digital firms save costs and are more visible to searching buyers, at home and "
          "abroad (phase 3). Advisory services cost `cost_usd_per_firm_year` per targeted firm.",
          "3 (sourcing: visibility of adopters), 7 (upgrading)",
          {real("cost_share", "share", 0.5, 0.0, 1.0, "share of the cost of digital adoption paid by the programme",
                "user; digital voucher schemes typically pay 50-80%"),
           real("success_bonus", "share", 0.1, 0.0, 1.0, "added chance that an adoption succeeds (advice, support)", "user"),
           firm_cost(0.0, "advisory services per targeted firm and year")}};
}

void DigitalAdoption::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  if (cost_ > 0) w.cells.set_billed(Channel::DigitalAdoption);
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::DigitalAdoption);
    if (v.program < 0 || share_ > v.value) v = cell(share_, bonus_, cost_, index);
  });
}

// ---------------------------------------------------------------- e-commerce

EcommerceChannel::EcommerceChannel(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      demand_bonus_(item.values.real("demand_bonus")),
      visibility_(item.values.real("visibility_bonus")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec EcommerceChannel::spec() {
  using namespace sim;
  return {"ecommerce_channel",
          "A public or partnered e-commerce marketplace (SME online shops, cross-border e-commerce zones). Targeted "
          "firms that have adopted digital tools list on it (phase 7; others must adopt first). Listed firms reach "
          "more customers: their competitiveness weight in the local market is raised by `demand_bonus`, so they "
          "take a larger share of it (phase 2), and buyers searching for suppliers see them more "
          "(`visibility_bonus`, phase 3). The programme pays `cost_usd_per_firm_year` (onboarding, fees, "
          "logistics support) per targeted firm.",
          "2 (demand), 3 (sourcing), 7 (upgrading: listing)",
          {real("demand_bonus", "share", 0.1, 0.0, 5.0, "raise of listed firms' weight in the local market", "user"),
           real("visibility_bonus", "", 0.5, 0.0, 10.0, "added visibility of listed firms to searching buyers (base 1)", "user"),
           firm_cost(100.0, "platform onboarding and support per targeted firm and year")}};
}

void EcommerceChannel::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  if (cost_ > 0) w.cells.set_billed(Channel::Ecommerce);
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Ecommerce);
    if (v.program < 0 || demand_bonus_ + visibility_ > v.value + v.aux) v = cell(demand_bonus_, visibility_, cost_, index);
  });
}

// ---------------------------------------------------------------- training

Training::Training(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      bonus_(item.values.real("success_bonus")),
      learning_(item.values.real("learning_per_year")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec Training::spec() {
  using namespace sim;
  return {"training",
          "Vocational, technical and management training for the staff of targeted SMEs. While it runs, their "
          "upgrades (certification, digital, green) succeed more often (`success_bonus` added to the chance, phase "
          "7) and their log productivity rises by `learning_per_year` (phase 8). Trained firms keep a smaller "
          "lasting bonus (0.1) on upgrade success after the programme ends. It costs `cost_usd_per_firm_year` per "
          "targeted firm.",
          "7 (upgrading), 8 (learning)",
          {real("success_bonus", "share", 0.1, 0.0, 1.0, "added chance that an upgrade succeeds", "user"),
           real("learning_per_year", "1/year", 0.01, 0.0, 0.5, "added growth of log productivity per year",
                "user; evaluations of management training find productivity gains of a few % (Bloom et al. 2013, order of magnitude)"),
           firm_cost(300.0, "training cost per targeted firm and year")}};
}

void Training::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  if (cost_ > 0) w.cells.set_billed(Channel::Training);
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Training);
    if (v.program < 0 || bonus_ + learning_ > v.value + v.aux) v = cell(bonus_, learning_, cost_, index);
  });
}

// ---------------------------------------------------------------- technology transfer

TechnologyTransfer::TechnologyTransfer(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      multiplier_(item.values.real("learning_multiplier")),
      cost_per_supplier_(item.values.real("cost_usd_per_supplier_year")) {}

sim::VariantSpec TechnologyTransfer::spec() {
  using namespace sim;
  return {"technology_transfer",
          "Lead firms (multinationals, large domestic firms) transfer technology, designs and process know-how to "
          "their direct SME suppliers, with public support (licensing, technical assistance, technology centres). "
          "Targeted SMEs that supply a lead firm directly learn `learning_multiplier` times more from supplying it "
          "(learning by supplying, phase 8); SMEs that do not supply a lead firm gain nothing until they do. The "
          "programme pays `cost_usd_per_supplier_year` for each targeted SME that supplied a lead firm in the "
          "previous step.",
          "8 (learning)",
          {real("learning_multiplier", "", 1.0, 0.0, 20.0, "added multiple of the learning-by-supplying rate",
                "user; Javorcik (2004) finds spillovers to local suppliers of multinationals"),
           real("cost_usd_per_supplier_year", "USD/year", 2000.0, 0.0, 1e7, "cost per participating supplier and year", "user")}};
}

void TechnologyTransfer::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  pay_per_firm(*this, w, cost_per_supplier_, [&](std::size_t i) { return w.lead_supplier.size() > i && w.lead_supplier[i] != 0; });
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::SupplierLearning);
    v.value += static_cast<float>(multiplier_);
    v.program = static_cast<std::int16_t>(index);
  });
}

// ---------------------------------------------------------------- supplier development

SupplierDevelopment::SupplierDevelopment(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      multiplier_(item.values.real("learning_multiplier")),
      visibility_(item.values.real("visibility_boost")),
      cost_(item.values.real("cost_usd_per_firm_year")) {}

sim::VariantSpec SupplierDevelopment::spec() {
  using namespace sim;
  return {"supplier_development",
          "Large-small integration programmes (linkage programmes, supplier development with lead firms): targeted "
          "SMEs are scouted and introduced to buyers, so searching buyers see them more (`visibility_boost`, phase "
          "3; for tier-1 SMEs the buyers are lead firms), and once they supply a lead firm they learn "
          "`learning_multiplier` times more from it (phase 8). Target `tiers = [1]` for direct suppliers of lead "
          "firms. The programme pays `cost_usd_per_firm_year` per targeted firm.",
          "3 (sourcing), 8 (learning)",
          {real("learning_multiplier", "", 0.5, 0.0, 20.0, "added multiple of the learning-by-supplying rate", "user"),
           real("visibility_boost", "", 1.0, 0.0, 10.0, "added visibility of targeted SMEs to searching buyers (base 1)", "user"),
           firm_cost(500.0, "cost per targeted firm and year")}};
}

void SupplierDevelopment::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  pay_per_firm(*this, w, cost_, [](std::size_t /*i*/) { return true; });
  w.cells.for_each(target, [&](int c) {
    CellValue& learn = w.cells.at(c, Channel::SupplierLearning);
    learn.value += static_cast<float>(multiplier_);
    learn.program = static_cast<std::int16_t>(index);
    // Visibility adds to any matchmaking programme's without taking over its billing.
    w.cells.at(c, Channel::Matchmaking).value += static_cast<float>(visibility_);
  });
}

// ---------------------------------------------------------------- innovation fund

InnovationFund::InnovationFund(const sim::ArrayItem& item, const sim::Scenario& sc, const World& w, int idx)
    : Instrument(item, sc, w, idx),
      gain_(item.values.real("productivity_gain_per_year")),
      grant_(item.values.real("grant_usd_per_firm_year")) {}

sim::VariantSpec InnovationFund::spec() {
  using namespace sim;
  return {"innovation_fund",
          "R&D and innovation grants (an innovation fund for the New Industrial Revolution, technology vouchers): "
          "each targeted SME receives `grant_usd_per_firm_year`, spent on R&D inputs, and while it is paid the "
          "firm's log productivity grows by `productivity_gain_per_year` on top of its usual dynamics (phase 8). "
          "Grants are paid firm by firm each step until the budget is spent; firms not paid get no gain. Narrow "
          "the target (sectors, size classes, tiers) to fund few firms well.",
          "8 (learning)",
          {real("productivity_gain_per_year", "1/year", 0.03, 0.0, 0.5, "added growth of log productivity per year while funded",
                "user; R&D grant evaluations find modest productivity effects (order of a few % a year)"),
           real("grant_usd_per_firm_year", "USD/year", 5000.0, 0.0, 1e8, "grant per funded firm and year", "user")}};
}

void InnovationFund::apply(World& w, const sim::StepContext& /*ctx*/) {
  if (program(w).remaining() <= 0) return;
  w.cells.for_each(target, [&](int c) {
    CellValue& v = w.cells.at(c, Channel::Innovation);
    if (v.program < 0 || gain_ > v.value) v = cell(gain_, grant_, 0.0, index);
  });
}

}  // namespace models
