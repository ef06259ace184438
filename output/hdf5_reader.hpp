#pragma once
/// @file hdf5_reader.hpp
/// @brief Reading smesim result files back: the summary rows and a short
/// human description for `smesim info FILE`.

#include "output/errors.hpp"
#include "output/summary.hpp"

#include <string>
#include <vector>

namespace output {

/// @brief Metrics shown by describe_file when the file has them.
inline const std::vector<std::string> kHeadlineMetrics{"gvc_participation", "credit_access_rate",
                                                       "sme_exports_usd", "fiscal_cost_usd"};

/// @brief The rows of /summary, in file order. Throws OutputError if `path`
/// is not an smesim result file or has no summary.
std::vector<SummaryRow> read_summary(const std::string& path);

/// @brief A few readable lines about a result file: program version and
/// revision, creation time, seed, command line, replications, baseline,
/// each scenario's steps, years and metric count, and the headline summary
/// (kHeadlineMetrics, all economies) as differences from the baseline with
/// 95% intervals. Throws OutputError with a clear message if `path` does
/// not exist, is not HDF5, or is not an smesim result file.
std::string describe_file(const std::string& path);

}  // namespace output
