#include "output/hdf5_reader.hpp"

#include "output/hdf5_support.hpp"
#include "output/hdf5_writer.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace output {

using h5::Id;

namespace {

bool link_exists(hid_t loc, const std::string& name) {
  return h5::check_tri(H5Lexists(loc, name.c_str(), H5P_DEFAULT), "H5Lexists", "'" + name + "'");
}

/// Opens `path` read-only after checking that it is an smesim result file.
Id open_result_file(const std::string& path) {
  if (!std::filesystem::exists(path)) throw OutputError("no such file: '" + path + "'");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw OutputError("'" + path + "' is not an HDF5 file, so not an smesim result file");
  }
  Id file(h5::check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen",
                       "file '" + path + "'"),
          H5Fclose);
  const bool marked = h5::has_attr(file.get(), "format") &&
                      h5::read_string_attr(file.get(), "format") == kFormatName;
  if (!marked) {
    throw OutputError("'" + path + "' is an HDF5 file but not an smesim result file (no root attribute "
                      "format = \"" + std::string(kFormatName) + "\")");
  }
  const std::int64_t version = h5::read_int_attr(file.get(), "format_version");
  if (version > kFormatVersion) {
    throw OutputError("'" + path + "' has format version " + std::to_string(version) +
                      "; this smesim reads up to version " + std::to_string(kFormatVersion) +
                      ": use a newer smesim");
  }
  return file;
}

std::vector<SummaryRow> read_summary_from(hid_t file, const std::string& path) {
  if (!link_exists(file, "summary")) throw OutputError("'" + path + "' has no /summary group");
  Id g = h5::open_group(file, "summary");
  const auto scenario = h5::read_strings(g.get(), "scenario");
  const auto metric = h5::read_strings(g.get(), "metric");
  const auto economy = h5::read_strings(g.get(), "economy");
  const std::size_t n = scenario.size();
  std::vector<SummaryRow> rows(n);
  const auto column = [&](const char* name, double SummaryRow::*field) {
    const auto values = h5::read_doubles(g.get(), name);
    if (values.size() != n) {
      throw OutputError("'" + path + "': /summary/" + name + " has " + std::to_string(values.size()) +
                        " rows, /summary/scenario has " + std::to_string(n));
    }
    for (std::size_t i = 0; i < n; ++i) rows[i].*field = values[i];
  };
  if (metric.size() != n || economy.size() != n) {
    throw OutputError("'" + path + "': /summary columns differ in length");
  }
  for (std::size_t i = 0; i < n; ++i) {
    rows[i].scenario = scenario[i];
    rows[i].metric = metric[i];
    rows[i].economy = economy[i];
  }
  column("mean", &SummaryRow::mean);
  column("ci_low", &SummaryRow::ci_low);
  column("ci_high", &SummaryRow::ci_high);
  column("diff_mean", &SummaryRow::diff_mean);
  column("diff_ci_low", &SummaryRow::diff_ci_low);
  column("diff_ci_high", &SummaryRow::diff_ci_high);
  column("fiscal_cost_usd", &SummaryRow::fiscal_cost_usd);
  column("cost_per_unit", &SummaryRow::cost_per_unit);
  return rows;
}

std::string years_text(std::int64_t steps, std::int64_t steps_per_year) {
  if (steps_per_year <= 0) return "?";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", static_cast<double>(steps) / static_cast<double>(steps_per_year));
  return buf;
}

std::string pad_right(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

std::vector<SummaryRow> read_summary(const std::string& path) {
  const h5::QuietErrors quiet;
  try {
    Id file = open_result_file(path);
    return read_summary_from(file.get(), path);
  } catch (const OutputError& e) {
    // HDF5-level failures name the call, not the file; add the file.
    const std::string msg = e.what();
    if (msg.find(path) != std::string::npos) throw;
    throw OutputError("reading '" + path + "': " + msg);
  }
}

std::string describe_file(const std::string& path) {
  const h5::QuietErrors quiet;
  try {
    Id file = open_result_file(path);
    const hid_t f = file.get();
    const auto names = h5::read_strings_attr(f, "scenario_names");
    const std::string baseline = h5::read_string_attr(f, "baseline");

    std::string out = "smesim result file '" + path + "'\n";
    const auto line = [&](const std::string& key, const std::string& value) {
      out += "  " + pad_right(key, 14) + value + "\n";
    };
    line("program", "smesim " + h5::read_string_attr(f, "program_version") + ", revision " +
                        h5::read_string_attr(f, "git_revision"));
    const std::string model = h5::read_string_attr(f, "model_name");
    if (!model.empty()) line("model", model + " " + h5::read_string_attr(f, "model_version"));
    const std::string study = h5::read_string_attr(f, "study");
    if (!study.empty()) line("study", study);
    line("created", h5::read_string_attr(f, "created_utc"));
    line("command", h5::read_string_attr(f, "command_line"));
    line("seed", std::to_string(h5::read_uint_attr(f, "seed")));
    line("replications", std::to_string(h5::read_int_attr(f, "replications")) + " (threads " +
                             std::to_string(h5::read_int_attr(f, "threads")) + ")");
    line("baseline", baseline);
    line("scenarios", std::to_string(names.size()));

    std::vector<sim::MetricSpec> units;  // names and units, for the table's headers
    std::size_t width = 0;
    for (const auto& name : names) width = std::max(width, name.size());
    Id scenarios = h5::open_group(f, "scenarios");
    for (const auto& name : names) {
      Id g = h5::open_group(scenarios.get(), name);
      const std::int64_t steps = h5::read_int_attr(g.get(), "steps");
      const std::int64_t per_year = h5::read_int_attr(g.get(), "steps_per_year");
      const auto metrics = h5::read_strings_attr(g.get(), "metric_names");
      out += "    " + pad_right(name, width) + "  " + std::to_string(steps) + " steps (" +
             years_text(steps, per_year) + " years), " + std::to_string(metrics.size()) +
             " metrics\n";
      if (units.empty()) {
        for (const auto& metric : kHeadlineMetrics) {
          if (!link_exists(g.get(), metric)) continue;
          Id ds = h5::open_dataset(g.get(), metric);
          sim::MetricSpec spec;
          spec.name = metric;
          spec.unit = h5::read_string_attr(ds.get(), "units");
          units.push_back(spec);
        }
      }
    }

    if (!link_exists(f, "summary")) {
      out += "  (no summary in this file)\n";
      return out;
    }
    const auto rows = read_summary_from(f, path);
    const bool any = std::any_of(rows.begin(), rows.end(), [](const SummaryRow& r) {
      return std::find(kHeadlineMetrics.begin(), kHeadlineMetrics.end(), r.metric) !=
             kHeadlineMetrics.end();
    });
    if (!any) {
      out += "  (none of the headline metrics is in the summary)\n";
      return out;
    }
    out += "\n" + render_summary_table(rows, units, kHeadlineMetrics, baseline);
    return out;
  } catch (const OutputError& e) {
    const std::string msg = e.what();
    if (msg.find(path) != std::string::npos) throw;
    throw OutputError("reading '" + path + "': " + msg);
  }
}

}  // namespace output
