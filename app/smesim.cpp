// smesim: the command line of the engine (sim/cli) bound to the economic
// model (models/) and the HDF5 output (output/).
#include "models/explain.hpp"
#include "models/model.hpp"
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/summary.hpp"
#include "sim/cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
  sim::CliHooks hooks;
  hooks.check_output = [](const std::string& path, bool force) {
    output::check_output_path(path, force);
  };
  hooks.write_results = [](const std::string& path, const std::vector<sim::MetricSpec>& metrics,
                           const sim::EnsembleResult& result, const sim::Provenance& p,
                           bool force) {
    output::write_results(path, metrics, result, p, force);
  };
  hooks.closing_table = [](const std::vector<sim::MetricSpec>& metrics,
                           const sim::EnsembleResult& result) {
    // The headline metrics of DESIGN.md section 6; absent ones are skipped.
    static const std::vector<std::string> columns{"sme_count", "gvc_participation",
                                                  "sme_exports_usd", "credit_access_rate",
                                                  "fiscal_cost_usd"};
    return output::render_summary_table(output::compute_summary(metrics, result), metrics,
                                        columns, result.scenarios[result.baseline].name);
  };
  hooks.describe_file = [](const std::string& path) { return output::describe_file(path); };
  hooks.explain = [](const std::string& instrument) {
    return models::explain_command(instrument, std::cout, std::cerr);
  };
  hooks.docs = [](const sim::ModelDefinition& /*model*/) {
    return std::map<std::string, std::string>{{"instruments.md", models::instruments_markdown()}};
  };
  return sim::run_cli(argc, argv, models::definition(), hooks);
}
