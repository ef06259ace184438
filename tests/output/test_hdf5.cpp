// The HDF5 writer and reader: round trip through the C API, refusal to
// overwrite, no partial file after failures, `smesim info`'s description,
// and the file as xarray (h5netcdf) sees it.
#include "output/hdf5_reader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/summary.hpp"
#include "tests/test_support.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <sys/resource.h>

#include <csignal>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kEconomies{"BRA", "IND"};
const std::vector<std::string> kSectors{"agrifood", "textiles", "ict_services"};

sim::MetricSpec spec(std::string name, std::string unit, std::vector<std::string> dims,
                     sim::Horizon h, sim::Aggregate a, std::string weight = "",
                     std::string denominator = "", bool per_step = true) {
  sim::MetricSpec s;
  s.name = std::move(name);
  s.unit = std::move(unit);
  s.meaning = "meaning of " + s.name;
  s.dims = std::move(dims);
  s.horizon = h;
  s.aggregate = a;
  s.weight = std::move(weight);
  s.denominator = std::move(denominator);
  s.per_step = per_step;
  return s;
}

std::vector<sim::MetricSpec> test_specs() {
  using sim::Aggregate;
  using sim::Horizon;
  const std::vector<std::string> es{"economy", "sector"};
  return {
      spec("sme_count", "firms", es, Horizon::Last, Aggregate::Sum),
      spec("gvc_participation", "share", es, Horizon::Last, Aggregate::WeightedMean, "sme_count"),
      spec("sme_exports_usd", "USD", es, Horizon::LastYearSum, Aggregate::Sum),
      spec("credit_applications", "loans", es, Horizon::LastYearSum, Aggregate::Sum),
      spec("credit_approvals", "loans", es, Horizon::LastYearSum, Aggregate::Sum),
      spec("credit_access_rate", "share", es, Horizon::LastYearSum, Aggregate::Ratio,
           "credit_approvals", "credit_applications"),
      spec("fiscal_cost_usd", "USD", {"economy"}, Horizon::TotalSum, Aggregate::Sum),
      spec("chain_depth_final", "tiers", {"sector"}, Horizon::Last, Aggregate::Sum, "", "", false),
  };
}

/// A non-round value per (scenario, metric, replication, step, label), so
/// that a bit-identical round trip means something.
double value(std::size_t s, std::size_t m, std::size_t r, std::size_t t, std::size_t l) {
  return 1000.0 * static_cast<double>(m + 1) + 10.0 * static_cast<double>(r) +
         std::sin(static_cast<double>(1 + s * 7 + m * 13 + r * 5 + t * 3 + l)) / 3.0 +
         0.5 * static_cast<double>(s);
}

sim::EnsembleResult test_ensemble(int steps = 5, int reps = 3) {
  const auto specs = test_specs();
  sim::EnsembleResult res;
  res.seed = 42;
  const std::vector<std::string> names{"baseline", "guarantee"};
  for (std::size_t s = 0; s < names.size(); ++s) {
    sim::ScenarioResult sc;
    sc.name = names[s];
    sc.description = "synthetic " + names[s] + " scenario";
    sc.resolved_toml = "name = \"" + names[s] + "\"\n[run]\nsteps = " + std::to_string(steps) + "\n";
    sc.coords["economy"] = kEconomies;
    sc.coords["sector"] = kSectors;
    sc.coords["size_class"] = {"micro", "small", "medium"};  // declared but unused by metrics
    sc.replications = reps;
    sc.steps = steps;
    sc.steps_per_year = 4;
    for (int t = 0; t < steps; ++t) sc.time_years.push_back((t + 1) / 4.0);
    for (std::size_t m = 0; m < specs.size(); ++m) {
      sim::MetricSeries series;
      series.labels = 1;
      for (const auto& d : specs[m].dims) series.labels *= sc.coords.at(d).size();
      const std::size_t times = specs[m].per_step ? static_cast<std::size_t>(steps) : 1;
      for (std::size_t r = 0; r < static_cast<std::size_t>(reps); ++r) {
        for (std::size_t t = 0; t < times; ++t) {
          for (std::size_t l = 0; l < series.labels; ++l) series.values.push_back(value(s, m, r, t, l));
        }
      }
      sc.metrics.push_back(std::move(series));
    }
    res.scenarios.push_back(std::move(sc));
  }
  res.baseline = 0;
  return res;
}

output::Provenance test_provenance(std::uint64_t seed = 42) {
  output::Provenance p;
  p.program_version = "0.1.0-test";
  p.git_revision = "abcdef123456";
  p.model_name = "test-model";
  p.model_version = "7";
  p.study = "test-study";
  p.command_line = "smesim run --replications 3 'a b'";
  p.seed = seed;
  p.created_utc = "2026-11-22T17:39:13Z";
  p.replications = 3;
  p.threads = 2;
  return p;
}

/// Every file in `dir` whose name contains ".tmp-".
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (name.find(".tmp-") != std::string::npos) out.push_back(name);
  }
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Minimal owning handle for the test's own reads through the C API.
struct H {
  hid_t id;
  herr_t (*close)(hid_t);
  ~H() {
    if (id >= 0) close(id);
  }
};

std::string read_str_attr(hid_t obj, const char* name) {
  H attr{H5Aopen(obj, name, H5P_DEFAULT), H5Aclose};
  EXPECT_GE(attr.id, 0) << name;
  H type{H5Aget_type(attr.id), H5Tclose};
  EXPECT_TRUE(H5Tis_variable_str(type.id) > 0) << name;
  EXPECT_EQ(H5Tget_cset(type.id), H5T_CSET_UTF8) << name;
  char* p = nullptr;
  EXPECT_GE(H5Aread(attr.id, type.id, &p), 0);
  std::string s = p != nullptr ? p : "";
  H5free_memory(p);
  return s;
}

std::vector<std::string> read_str_array(hid_t space, hid_t type,
                                        const std::function<herr_t(hid_t, void*)>& read) {
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  std::vector<char*> ptrs(n);
  H mem{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(mem.id, H5T_VARIABLE);
  H5Tset_cset(mem.id, H5Tget_cset(type));
  EXPECT_GE(read(mem.id, ptrs.data()), 0);
  std::vector<std::string> out(ptrs.begin(), ptrs.end());
  H5Dvlen_reclaim(mem.id, space, H5P_DEFAULT, ptrs.data());
  return out;
}

std::vector<std::string> read_str_array_attr(hid_t obj, const char* name) {
  H attr{H5Aopen(obj, name, H5P_DEFAULT), H5Aclose};
  H type{H5Aget_type(attr.id), H5Tclose};
  H space{H5Aget_space(attr.id), H5Sclose};
  return read_str_array(space.id, type.id,
                        [&](hid_t mem, void* buf) { return H5Aread(attr.id, mem, buf); });
}

std::vector<std::string> read_str_dataset(hid_t loc, const std::string& name) {
  H ds{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  EXPECT_GE(ds.id, 0) << name;
  H type{H5Dget_type(ds.id), H5Tclose};
  H space{H5Dget_space(ds.id), H5Sclose};
  return read_str_array(space.id, type.id, [&](hid_t mem, void* buf) {
    return H5Dread(ds.id, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  });
}

template <class T>
std::vector<T> read_numbers(hid_t loc, const std::string& name, hid_t mem_type,
                            std::vector<hsize_t>* dims = nullptr) {
  H ds{H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose};
  EXPECT_GE(ds.id, 0) << name;
  H space{H5Dget_space(ds.id), H5Sclose};
  if (dims != nullptr) {
    dims->assign(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.id)), 0);
    H5Sget_simple_extent_dims(space.id, dims->data(), nullptr);
  }
  std::vector<T> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id)));
  if (!v.empty()) {
    EXPECT_GE(H5Dread(ds.id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), 0) << name;
  }
  return v;
}

template <class T>
T read_num_attr(hid_t obj, const char* name, hid_t mem_type) {
  H attr{H5Aopen(obj, name, H5P_DEFAULT), H5Aclose};
  T v{};
  EXPECT_GE(H5Aread(attr.id, mem_type, &v), 0) << name;
  return v;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST(Hdf5Writer, RoundTripIsBitIdentical) {
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  const auto specs = test_specs();
  const auto res = test_ensemble();
  output::write_results(path, specs, res, test_provenance(), false);
  ASSERT_TRUE(fs::exists(path));
  EXPECT_TRUE(temporaries(dir).empty());

  H file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  ASSERT_GE(file.id, 0);
  EXPECT_EQ(read_str_attr(file.id, "format"), "smesim-results");
  EXPECT_EQ(read_num_attr<std::int64_t>(file.id, "format_version", H5T_NATIVE_INT64), 1);
  EXPECT_EQ(read_str_attr(file.id, "program_version"), "0.1.0-test");
  EXPECT_EQ(read_str_attr(file.id, "git_revision"), "abcdef123456");
  EXPECT_EQ(read_str_attr(file.id, "command_line"), "smesim run --replications 3 'a b'");
  EXPECT_EQ(read_str_attr(file.id, "created_utc"), "2026-11-22T17:39:13Z");
  EXPECT_EQ(read_str_attr(file.id, "model_name"), "test-model");
  EXPECT_EQ(read_str_attr(file.id, "model_version"), "7");
  EXPECT_EQ(read_str_attr(file.id, "study"), "test-study");
  EXPECT_EQ(read_str_attr(file.id, "baseline"), "baseline");
  EXPECT_EQ(read_num_attr<std::uint64_t>(file.id, "seed", H5T_NATIVE_UINT64), 42u);
  EXPECT_EQ(read_num_attr<std::int64_t>(file.id, "replications", H5T_NATIVE_INT64), 3);
  EXPECT_EQ(read_num_attr<std::int64_t>(file.id, "threads", H5T_NATIVE_INT64), 2);
  EXPECT_EQ(read_str_array_attr(file.id, "scenario_names"),
            (std::vector<std::string>{"baseline", "guarantee"}));
  EXPECT_EQ(read_str_array_attr(file.id, "scenario_texts"),
            (std::vector<std::string>{res.scenarios[0].resolved_toml, res.scenarios[1].resolved_toml}));

  for (const auto& sc : res.scenarios) {
    SCOPED_TRACE(sc.name);
    H g{H5Gopen2(file.id, ("scenarios/" + sc.name).c_str(), H5P_DEFAULT), H5Gclose};
    ASSERT_GE(g.id, 0);
    EXPECT_EQ(read_str_attr(g.id, "scenario_toml"), sc.resolved_toml);
    EXPECT_EQ(read_str_attr(g.id, "description"), sc.description);
    EXPECT_EQ(read_num_attr<std::int64_t>(g.id, "steps", H5T_NATIVE_INT64), 5);
    EXPECT_EQ(read_num_attr<std::int64_t>(g.id, "steps_per_year", H5T_NATIVE_INT64), 4);
    EXPECT_EQ(read_str_array_attr(g.id, "metric_names").size(), specs.size());

    EXPECT_EQ(read_numbers<std::int64_t>(g.id, "replication", H5T_NATIVE_INT64),
              (std::vector<std::int64_t>{0, 1, 2}));
    EXPECT_TRUE(same_bits(read_numbers<double>(g.id, "time", H5T_NATIVE_DOUBLE), sc.time_years));
    EXPECT_EQ(read_str_dataset(g.id, "economy"), kEconomies);
    EXPECT_EQ(read_str_dataset(g.id, "sector"), kSectors);
    EXPECT_EQ(H5Lexists(g.id, "size_class", H5P_DEFAULT), 0) << "unused dimensions are not written";

    for (std::size_t m = 0; m < specs.size(); ++m) {
      const auto& sp = specs[m];
      SCOPED_TRACE(sp.name);
      std::vector<hsize_t> dims;
      const auto values = read_numbers<double>(g.id, sp.name, H5T_NATIVE_DOUBLE, &dims);
      EXPECT_TRUE(same_bits(values, sc.metrics[m].values));
      std::vector<hsize_t> expected{3};
      if (sp.per_step) expected.push_back(5);
      for (const auto& d : sp.dims) expected.push_back(sc.coords.at(d).size());
      EXPECT_EQ(dims, expected);

      H ds{H5Dopen2(g.id, sp.name.c_str(), H5P_DEFAULT), H5Dclose};
      EXPECT_EQ(read_str_attr(ds.id, "units"), sp.unit);
      EXPECT_EQ(read_str_attr(ds.id, "long_name"), sp.meaning);
      // Chunked and gzip-compressed.
      H dcpl{H5Dget_create_plist(ds.id), H5Pclose};
      EXPECT_EQ(H5Pget_layout(dcpl.id), H5D_CHUNKED);
      EXPECT_GT(H5Pget_filter_by_id2(dcpl.id, H5Z_FILTER_DEFLATE, nullptr, nullptr, nullptr, 0,
                                     nullptr, nullptr),
                -1);
      // Every axis has its coordinate attached as a dimension scale.
      std::vector<std::string> axes{"replication"};
      if (sp.per_step) axes.emplace_back("time");
      axes.insert(axes.end(), sp.dims.begin(), sp.dims.end());
      for (std::size_t a = 0; a < axes.size(); ++a) {
        H scale{H5Dopen2(g.id, axes[a].c_str(), H5P_DEFAULT), H5Dclose};
        EXPECT_GT(H5DSis_attached(ds.id, scale.id, static_cast<unsigned>(a)), 0) << axes[a];
      }
    }
    {
      H ds{H5Dopen2(g.id, "credit_access_rate", H5P_DEFAULT), H5Dclose};
      EXPECT_EQ(read_str_attr(ds.id, "horizon"), "last_year_sum");
      EXPECT_EQ(read_str_attr(ds.id, "aggregate"), "ratio");
      EXPECT_EQ(read_str_attr(ds.id, "numerator"), "credit_approvals");
      EXPECT_EQ(read_str_attr(ds.id, "denominator"), "credit_applications");
    }
  }

  // The summary, column by column.
  const auto rows = output::compute_summary(specs, res);
  H summary{H5Gopen2(file.id, "summary", H5P_DEFAULT), H5Gclose};
  ASSERT_GE(summary.id, 0);
  const auto scen = read_str_dataset(summary.id, "scenario");
  const auto metric = read_str_dataset(summary.id, "metric");
  const auto econ = read_str_dataset(summary.id, "economy");
  ASSERT_EQ(scen.size(), rows.size());
  const auto column = [&](double output::SummaryRow::*f) {
    std::vector<double> v;
    for (const auto& r : rows) v.push_back(r.*f);
    return v;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(scen[i], rows[i].scenario);
    EXPECT_EQ(metric[i], rows[i].metric);
    EXPECT_EQ(econ[i], rows[i].economy);
  }
  EXPECT_TRUE(same_bits(read_numbers<double>(summary.id, "mean", H5T_NATIVE_DOUBLE),
                        column(&output::SummaryRow::mean)));
  EXPECT_TRUE(same_bits(read_numbers<double>(summary.id, "diff_ci_high", H5T_NATIVE_DOUBLE),
                        column(&output::SummaryRow::diff_ci_high)));
  EXPECT_TRUE(same_bits(read_numbers<double>(summary.id, "cost_per_unit", H5T_NATIVE_DOUBLE),
                        column(&output::SummaryRow::cost_per_unit)));

  // The reader gives the same rows back.
  const auto back = output::read_summary(path);
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(back[i].metric, rows[i].metric);
    EXPECT_TRUE(same_bits({back[i].mean, back[i].ci_low, back[i].diff_mean, back[i].fiscal_cost_usd},
                          {rows[i].mean, rows[i].ci_low, rows[i].diff_mean, rows[i].fiscal_cost_usd}));
  }
}

TEST(Hdf5Writer, RefusesToOverwriteWithoutForce) {
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  const auto specs = test_specs();
  const auto res = test_ensemble();
  output::write_results(path, specs, res, test_provenance(1), false);
  const std::string before = slurp(path);

  EXPECT_THROW(output::check_output_path(path, false), output::OutputExistsError);
  EXPECT_NO_THROW(output::check_output_path(path, true));
  try {
    output::write_results(path, specs, res, test_provenance(2), false);
    FAIL() << "overwrote without force";
  } catch (const output::OutputExistsError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(path), before);
  EXPECT_TRUE(temporaries(dir).empty());

  output::write_results(path, specs, res, test_provenance(2), true);
  EXPECT_NE(slurp(path), before);
  H file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  EXPECT_EQ(read_num_attr<std::uint64_t>(file.id, "seed", H5T_NATIVE_UINT64), 2u);
  EXPECT_TRUE(temporaries(dir).empty());
}

TEST(Hdf5Writer, BadInputLeavesNoFileAndKeepsTheOldOne) {
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  const auto specs = test_specs();
  auto bad = test_ensemble();
  bad.scenarios[1].metrics[2].values.pop_back();  // one value short

  try {
    output::write_results(path, specs, bad, test_provenance(), false);
    FAIL() << "wrote a bad result";
  } catch (const output::OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("sme_exports_usd"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("guarantee"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(temporaries(dir).empty());

  output::write_results(path, specs, test_ensemble(), test_provenance(), false);
  const std::string before = slurp(path);
  EXPECT_THROW(output::write_results(path, specs, bad, test_provenance(), true), output::OutputError);
  EXPECT_EQ(slurp(path), before);
  EXPECT_TRUE(temporaries(dir).empty());
}

TEST(Hdf5Writer, FailureWhileWritingLeavesNoPartialFile) {
  // A file size limit makes writing the temporary file fail part way
  // through, as a full disk would: the writer must report it, remove the
  // partial temporary file and leave the existing file alone.
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  const auto specs = test_specs();
  output::write_results(path, specs, test_ensemble(), test_provenance(), false);
  const std::string before = slurp(path);
  const auto big = test_ensemble(400, 8);  // about 2 MB of incompressible doubles

  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // get EFBIG instead of dying
  rlimit limited = saved;
  limited.rlim_cur = 64 * 1024;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
  std::string message;
  try {
    output::write_results(path, specs, big, test_provenance(), true);
  } catch (const output::OutputError& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(message.empty()) << "the write should have failed";
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("File too large"), std::string::npos) << "HDF5's reason is kept: " << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(slurp(path), before);
  EXPECT_TRUE(temporaries(dir).empty());
}

TEST(Hdf5Writer, UnusablePathIsRefusedUpFront) {
  const auto dir = testing_support::temp_dir();
  const auto file = dir / "not_a_folder";
  std::ofstream(file) << "x";
  const auto path = (file / "run.h5").string();
  EXPECT_THROW(output::check_output_path(path, false), output::OutputError);
  EXPECT_THROW(output::write_results(path, test_specs(), test_ensemble(), test_provenance(), true),
               output::OutputError);
  EXPECT_THROW(output::check_output_path((dir / "missing" / "run.h5").string(), true),
               output::OutputError);
  EXPECT_THROW(output::check_output_path(dir.string(), true), output::OutputError);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(Hdf5Writer, TemporaryPathIsBesideTheTarget) {
  EXPECT_EQ(output::temporary_path("a/b.h5").rfind("a/b.h5.tmp-", 0), 0u);
}

TEST(Hdf5Reader, DescribeFile) {
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  output::write_results(path, test_specs(), test_ensemble(), test_provenance(), false);
  const std::string text = output::describe_file(path);
  for (const char* expected :
       {"smesim 0.1.0-test, revision abcdef123456", "test-model 7", "test-study", "2026-11-22T17:39:13Z",
        "smesim run --replications 3 'a b'", "seed          42", "replications  3 (threads 2)",
        "baseline      baseline", "guarantee  5 steps (1.25 years), 8 metrics",
        "gvc_participation [share]", "credit_access_rate [share]", "sme_exports_usd [USD]",
        "fiscal_cost_usd [USD]", "baseline (level)"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in\n" << text;
  }
}

TEST(Hdf5Reader, RejectsOtherFiles) {
  const auto dir = testing_support::temp_dir();
  const auto expect_error = [](const std::string& path, const std::string& words) {
    try {
      (void)output::describe_file(path);
      ADD_FAILURE() << "accepted " << path;
    } catch (const output::OutputError& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  };
  expect_error((dir / "missing.h5").string(), "no such file");
  std::ofstream(dir / "text.h5") << "not hdf5\n";
  expect_error((dir / "text.h5").string(), "not an HDF5 file");
  {
    H f{H5Fcreate((dir / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
  }
  expect_error((dir / "other.h5").string(), "not an smesim result file");
}

TEST(Hdf5Xarray, OpensScenarioAndSummaryGroups) {
  std::string probe;
  if (testing_support::run_command("/usr/bin/python3 -c 'import xarray, h5netcdf'", &probe) != 0) {
    GTEST_SKIP() << "/usr/bin/python3 with xarray and h5netcdf is not available: " << probe;
  }
  const auto dir = testing_support::temp_dir();
  const auto path = (dir / "run.h5").string();
  const auto res = test_ensemble();
  output::write_results(path, test_specs(), res, test_provenance(), false);
  // sme_exports_usd (metric 2) of scenario guarantee, replication 1, step 2,
  // economy IND, sector agrifood: label 1 * 3 + 0.
  char expected[64];
  std::snprintf(expected, sizeof expected, "%.17g", value(1, 2, 1, 2, 3));
  const auto script = testing_support::source_dir() / "tests" / "output" / "check_xarray.py";
  std::string out;
  const int rc = testing_support::run_command(
      "/usr/bin/python3 '" + script.string() + "' '" + path + "' " + expected, &out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("ok"), std::string::npos) << out;
}
