#include "output/hdf5_writer.hpp"

#include "output/hdf5_support.hpp"
#include "output/summary.hpp"
#include "output/validate.hpp"
#include "sim/version.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <numeric>

namespace output {

namespace fs = std::filesystem;
using h5::check;
using h5::check_id;
using h5::Id;

namespace {

/// Chunks of at most this many values (512 KiB of float64): large enough
/// for gzip to work well, small enough to read one metric cheaply.
constexpr hsize_t kMaxChunkValues = hsize_t{1} << 16;
constexpr unsigned kGzipLevel = 4;

const char* horizon_name(sim::Horizon h) {
  switch (h) {
    case sim::Horizon::Last: return "last";
    case sim::Horizon::LastYearSum: return "last_year_sum";
    case sim::Horizon::TotalSum: return "total_sum";
  }
  return "unknown";
}

const char* aggregate_name(sim::Aggregate a) {
  switch (a) {
    case sim::Aggregate::Sum: return "sum";
    case sim::Aggregate::WeightedMean: return "weighted_mean";
    case sim::Aggregate::Ratio: return "ratio";
  }
  return "unknown";
}

/// Groups track link creation order, so that h5py and xarray list metrics
/// in declaration order rather than alphabetically.
Id create_group(hid_t loc, const std::string& name) {
  const std::string what = "group '" + name + "'";
  Id gcpl(check_id(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate", what), H5Pclose);
  check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order", what);
  return {check_id(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), "H5Gcreate2",
                   what),
          H5Gclose};
}

/// Start from one chunk for the whole dataset and halve its largest side
/// until the chunk is small enough.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> chunk = dims;
  const auto product = [&] {
    return std::accumulate(chunk.begin(), chunk.end(), hsize_t{1}, std::multiplies<>());
  };
  while (product() > kMaxChunkValues) {
    auto largest = std::max_element(chunk.begin(), chunk.end());
    *largest = (*largest + 1) / 2;
  }
  return chunk;
}

/// A float64 dataset, chunked and gzip-compressed (with byte shuffling,
/// which helps gzip on floating point) unless it is empty: HDF5 cannot
/// chunk a dataset with a zero-length side.
Id write_doubles(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims,
                 const double* data, const std::string& what) {
  Id dcpl(check_id(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", what), H5Pclose);
  const bool empty = std::find(dims.begin(), dims.end(), hsize_t{0}) != dims.end();
  if (!empty && !dims.empty()) {
    const auto chunk = chunk_shape(dims);
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "H5Pset_chunk", what);
    check(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", what);
    check(H5Pset_deflate(dcpl.get(), kGzipLevel), "H5Pset_deflate", what);
  }
  Id space = h5::dataspace(dims);
  Id ds(check_id(H5Dcreate2(loc, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(),
                            H5P_DEFAULT),
                 "H5Dcreate2", what),
        H5Dclose);
  if (!empty) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "H5Dwrite", what);
  }
  return ds;
}

Id write_int64s(hid_t loc, const std::string& name, const std::vector<std::int64_t>& values,
                const std::string& what) {
  Id space = h5::dataspace({static_cast<hsize_t>(values.size())});
  Id ds(check_id(H5Dcreate2(loc, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 "H5Dcreate2", what),
        H5Dclose);
  if (!values.empty()) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "H5Dwrite", what);
  }
  return ds;
}

Id write_strings(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                 const std::string& what) {
  Id type = h5::vlen_string_type();
  Id space = h5::dataspace({static_cast<hsize_t>(values.size())});
  Id ds(check_id(H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                            H5P_DEFAULT),
                 "H5Dcreate2", what),
        H5Dclose);
  if (!values.empty()) {
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const auto& v : values) ptrs.push_back(v.c_str());
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "H5Dwrite", what);
  }
  return ds;
}

std::vector<std::int64_t> iota64(std::size_t n) {
  std::vector<std::int64_t> v(n);
  std::iota(v.begin(), v.end(), std::int64_t{0});
  return v;
}

void make_scale(hid_t ds, const std::string& name, const std::string& what) {
  check(H5DSset_scale(ds, name.c_str()), "H5DSset_scale", what);
}

void attach_scale(hid_t ds, hid_t scale, unsigned idx, const std::string& what) {
  check(H5DSattach_scale(ds, scale, idx), "H5DSattach_scale", what);
}

void write_scenario(hid_t parent, const sim::ScenarioResult& sc,
                    const std::vector<sim::MetricSpec>& specs) {
  const std::string where = "/scenarios/" + sc.name;
  Id group = create_group(parent, sc.name);
  const hid_t g = group.get();
  h5::write_attr(g, "scenario_toml", sc.resolved_toml);
  h5::write_attr(g, "description", sc.description);
  h5::write_attr(g, "replications", std::int64_t{sc.replications});
  h5::write_attr(g, "steps", std::int64_t{sc.steps});
  h5::write_attr(g, "steps_per_year", std::int64_t{sc.steps_per_year});
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.name);
  h5::write_attr(g, "metric_names", names);

  // Coordinates first: every metric dataset attaches them as dimension scales.
  const auto R = static_cast<hsize_t>(sc.replications);
  const auto T = static_cast<hsize_t>(sc.steps);
  Id replication = write_int64s(g, "replication", iota64(R), where + "/replication");
  h5::write_attr(replication.get(), "long_name",
                 std::string("replication index; the same index shares random draws across "
                             "scenarios"));
  make_scale(replication.get(), "replication", where + "/replication");
  Id time = write_doubles(g, "time", {T}, sc.time_years.data(), where + "/time");
  h5::write_attr(time.get(), "units", std::string("years"));
  h5::write_attr(time.get(), "long_name", std::string("end of step, in years since the start"));
  make_scale(time.get(), "time", where + "/time");

  std::map<std::string, Id> label_scales;
  for (const auto& spec : specs) {
    for (const auto& dim : spec.dims) {
      if (label_scales.count(dim) != 0) continue;
      const std::string what = where + "/" + dim;
      Id ds = write_strings(g, dim, sc.coords.at(dim), what);
      make_scale(ds.get(), dim, what);
      label_scales.emplace(dim, std::move(ds));
    }
  }

  for (std::size_t m = 0; m < specs.size(); ++m) {
    const auto& spec = specs[m];
    const std::string what = where + "/" + spec.name;
    std::vector<hsize_t> dims{R};
    if (spec.per_step) dims.push_back(T);
    for (const auto& dim : spec.dims) dims.push_back(sc.coords.at(dim).size());
    Id ds = write_doubles(g, spec.name, dims, sc.metrics[m].values.data(), what);
    h5::write_attr(ds.get(), "units", spec.unit);
    h5::write_attr(ds.get(), "long_name", spec.meaning);
    h5::write_attr(ds.get(), "horizon", std::string(horizon_name(spec.horizon)));
    h5::write_attr(ds.get(), "aggregate", std::string(aggregate_name(spec.aggregate)));
    if (spec.aggregate == sim::Aggregate::WeightedMean) h5::write_attr(ds.get(), "weight", spec.weight);
    if (spec.aggregate == sim::Aggregate::Ratio) {
      h5::write_attr(ds.get(), "numerator", spec.weight);
      h5::write_attr(ds.get(), "denominator", spec.denominator);
    }
    unsigned axis = 0;
    attach_scale(ds.get(), replication.get(), axis++, what);
    if (spec.per_step) attach_scale(ds.get(), time.get(), axis++, what);
    for (const auto& dim : spec.dims) attach_scale(ds.get(), label_scales.at(dim).get(), axis++, what);
  }
}

void write_summary(hid_t file, const std::vector<SummaryRow>& rows, const std::string& baseline) {
  Id group = create_group(file, "summary");
  const hid_t g = group.get();
  h5::write_attr(g, "confidence_level", kConfidenceLevel);
  h5::write_attr(g, "baseline", baseline);
  h5::write_attr(g, "description",
                 std::string("one row per scenario, metric and economy (ALL: all economies): "
                             "ensemble mean at the horizon with its Student t interval, paired "
                             "difference from the baseline with its interval, fiscal cost "
                             "difference and fiscal cost per unit of effect"));

  Id row = write_int64s(g, "row", iota64(rows.size()), "/summary/row");
  make_scale(row.get(), "row", "/summary/row");

  const auto strings = [&](const std::string& name, const std::string& meaning, auto field) {
    std::vector<std::string> values;
    values.reserve(rows.size());
    for (const auto& r : rows) values.push_back(r.*field);
    Id ds = write_strings(g, name, values, "/summary/" + name);
    h5::write_attr(ds.get(), "long_name", meaning);
    attach_scale(ds.get(), row.get(), 0, "/summary/" + name);
  };
  strings("scenario", "scenario name", &SummaryRow::scenario);
  strings("metric", "metric name", &SummaryRow::metric);
  strings("economy", "economy code, or ALL for all economies together", &SummaryRow::economy);

  const auto numbers = [&](const std::string& name, const std::string& units,
                           const std::string& meaning, double SummaryRow::*field) {
    std::vector<double> values;
    values.reserve(rows.size());
    for (const auto& r : rows) values.push_back(r.*field);
    Id ds = write_doubles(g, name, {static_cast<hsize_t>(values.size())}, values.data(),
                          "/summary/" + name);
    h5::write_attr(ds.get(), "units", units);
    h5::write_attr(ds.get(), "long_name", meaning);
    attach_scale(ds.get(), row.get(), 0, "/summary/" + name);
  };
  const std::string metric_units = "units of the row's metric";
  numbers("mean", metric_units, "ensemble mean of the horizon value", &SummaryRow::mean);
  numbers("ci_low", metric_units, "lower bound of the 95% Student t interval of the mean",
          &SummaryRow::ci_low);
  numbers("ci_high", metric_units, "upper bound of the 95% Student t interval of the mean",
          &SummaryRow::ci_high);
  numbers("diff_mean", metric_units, "mean paired difference from the baseline",
          &SummaryRow::diff_mean);
  numbers("diff_ci_low", metric_units, "lower bound of the 95% interval of the paired difference",
          &SummaryRow::diff_ci_low);
  numbers("diff_ci_high", metric_units, "upper bound of the 95% interval of the paired difference",
          &SummaryRow::diff_ci_high);
  numbers("fiscal_cost_usd", "USD",
          "mean paired difference from the baseline of total fiscal cost over the run",
          &SummaryRow::fiscal_cost_usd);
  numbers("cost_per_unit", "USD per unit of the row's metric",
          "fiscal_cost_usd / diff_mean", &SummaryRow::cost_per_unit);
}

/// Builds the whole file in memory (HDF5's core driver, no backing store)
/// and returns its bytes. HDF5 then never writes to disk itself: when its
/// own write fails (disk full), HDF5 1.10 can neither close the file nor
/// shut down cleanly at exit, whereas a failed write() of ours is an
/// ordinary error. The image is the compressed file, small next to the
/// simulation's memory.
std::vector<char> build_image(const std::string& name, const std::vector<sim::MetricSpec>& specs,
                              const sim::EnsembleResult& result, const std::vector<SummaryRow>& rows,
                              const Provenance& prov) {
  const std::string what = "in-memory file for '" + name + "'";
  Id fcpl(check_id(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", what), H5Pclose);
  check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order", what);
  Id fapl(check_id(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", what), H5Pclose);
  check(H5Pset_fapl_core(fapl.get(), std::size_t{1} << 22, 0), "H5Pset_fapl_core", what);
  // Strong close: closing the file also closes anything left open on an
  // error path.
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "H5Pset_fclose_degree", what);
  Id file(check_id(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "H5Fcreate", what),
          H5Fclose);
  const hid_t f = file.get();

  std::vector<std::string> names;
  std::vector<std::string> texts;
  for (const auto& sc : result.scenarios) {
    names.push_back(sc.name);
    texts.push_back(sc.resolved_toml);
  }
  const std::string& baseline = result.scenarios[result.baseline].name;
  h5::write_attr(f, "format", std::string(kFormatName));
  h5::write_attr(f, "format_version", kFormatVersion);
  h5::write_attr(f, "program_version", prov.program_version);
  h5::write_attr(f, "git_revision", prov.git_revision);
  h5::write_attr(f, "model_name", prov.model_name);
  h5::write_attr(f, "model_version", prov.model_version);
  h5::write_attr(f, "study", prov.study);
  h5::write_attr(f, "command_line", prov.command_line);
  h5::write_attr(f, "seed", prov.seed);
  h5::write_attr(f, "created_utc", prov.created_utc);
  h5::write_attr(f, "replications", std::int64_t{prov.replications});
  h5::write_attr(f, "threads", std::int64_t{prov.threads});
  h5::write_attr(f, "baseline", baseline);
  h5::write_attr(f, "scenario_names", names);
  h5::write_attr(f, "scenario_texts", texts);

  {
    Id scenarios = create_group(f, "scenarios");
    for (const auto& sc : result.scenarios) write_scenario(scenarios.get(), sc, specs);
  }
  write_summary(f, rows, baseline);

  check(H5Fflush(f, H5F_SCOPE_GLOBAL), "H5Fflush", what);
  const ssize_t size = H5Fget_file_image(f, nullptr, 0);
  check(size < 0 ? -1 : 0, "H5Fget_file_image", what);
  std::vector<char> image(static_cast<std::size_t>(size));
  check(H5Fget_file_image(f, image.data(), image.size()) < 0 ? -1 : 0, "H5Fget_file_image", what);
  file.close(what);
  return image;
}

/// Writes `bytes` to a new file and forces them to disk before the rename
/// makes them visible, so that a crash cannot leave a complete-looking but
/// empty file at the final path.
void write_to_disk(const std::string& file_path, const std::vector<char>& bytes) {
  const auto fail = [&](const char* call) {
    throw OutputError(std::string(call) + " of '" + file_path + "' failed: " + std::strerror(errno));
  };
  const int fd = ::open(file_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail("open");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      fail("write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    fail("fsync");
  }
  if (::close(fd) != 0) fail("close");
}

}  // namespace


std::string temporary_path(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid());
}

void check_output_path(const std::string& path, bool force) {
  if (path.empty()) throw OutputError("no output file given");
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    throw OutputError("output path '" + path + "' is a directory; give a file name");
  }
  if (fs::exists(status) && !force) throw OutputExistsError(path);
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec)) {
    throw OutputError("cannot write '" + path + "': folder '" + folder.string() +
                      "' does not exist");
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw OutputError("cannot write '" + path + "': folder '" + folder.string() +
                      "' is not writable");
  }
}

void write_results(const std::string& path, const std::vector<sim::MetricSpec>& specs,
                   const sim::EnsembleResult& result, const Provenance& provenance, bool force) {
  check_output_path(path, force);
  std::vector<SummaryRow> rows;
  try {
    rows = compute_summary(specs, result);  // validates specs and result first
  } catch (const std::invalid_argument& e) {
    throw OutputError("cannot write '" + path + "': " + e.what());
  }

  const std::string tmp = temporary_path(path);
  const auto discard = [&] {
    std::error_code ec;
    fs::remove(tmp, ec);
  };
  try {
    std::vector<char> image;
    {
      const h5::QuietErrors quiet;
      image = build_image(tmp, specs, result, rows, provenance);
    }
    write_to_disk(tmp, image);
    // A file may have appeared at `path` while the ensemble ran.
    if (!force && fs::exists(path)) throw OutputExistsError(path);
    fs::rename(tmp, path);
  } catch (const OutputExistsError&) {
    discard();
    throw;
  } catch (const std::exception& e) {
    discard();
    throw OutputError("writing '" + path + "' failed: " + e.what());
  } catch (...) {
    discard();
    throw;
  }
}

}  // namespace output
