#pragma once
/// @file hdf5_writer.hpp
/// @brief The one writer through which all results go: an ensemble's time
/// series, coordinates, provenance and summary into one self-describing HDF5
/// file (layout in output/SCHEMA.md), written atomically.

#include "output/errors.hpp"
#include "sim/provenance.hpp"
#include "sim/ensemble.hpp"
#include "sim/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace output {

/// @brief Value of the root attribute `format` that marks an smesim result file.
inline constexpr const char* kFormatName = "smesim-results";
/// @brief Version of the layout described in output/SCHEMA.md (root attribute `format_version`).
inline constexpr std::int64_t kFormatVersion = 1;

/// @brief The run's provenance (declared by the engine, sim/provenance.hpp).
using Provenance = sim::Provenance;

/// @brief Checks, before a run starts, that its results could be written to
/// `path`: throws OutputExistsError when the file exists and `force` is
/// false, OutputError when the path is a directory or its folder does not
/// exist. Lets the command line refuse up front instead of after a long run.
void check_output_path(const std::string& path, bool force);

/// @brief Name of the temporary file the writer uses for `path`:
/// `<path>.tmp-<pid>`, in the same folder so that the final rename is atomic.
std::string temporary_path(const std::string& path);

/// @brief Writes `result` (with its summary, see compute_summary) to `path`.
///
/// Checks the path (as check_output_path) and the input (validate_specs,
/// validate_results) before writing anything; builds the file in memory,
/// writes it to temporary_path(path), forces it to disk and renames it onto
/// `path`, so that readers see either the old file or the complete new one. On any failure the temporary file
/// is removed, an existing `path` is left as it was, and OutputError (or
/// OutputExistsError) says what failed, with HDF5's message where HDF5 failed.
void write_results(const std::string& path, const std::vector<sim::MetricSpec>& specs,
                   const sim::EnsembleResult& result, const Provenance& provenance, bool force);

}  // namespace output
