#include "sim/cli.hpp"

#include "sim/diagnostics.hpp"
#include "sim/scenario.hpp"
#include "sim/version.hpp"

#include <CLI/CLI.hpp>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace sim {

namespace {

namespace fs = std::filesystem;

/// A problem with what the user asked for: exit status 1.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Results or documents could not be written: exit status 2.
class WriteFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr const char* kExitCodesText =
    "Exit codes:\n"
    "  0  success\n"
    "  1  bad input: invalid scenario file, bad option, output file exists (see --force)\n"
    "  2  run failure: a simulation task failed, or results could not be written";

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// Writes through a temporary file and a rename, so a reader never sees a
/// half-written document.
void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw WriteFailure("cannot write '" + tmp.string() + "'");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw WriteFailure("cannot write '" + path.string() + "': " + ec.message());
  }
}

void print_diagnostics(const InputError& e) {
  for (const auto& d : e.diagnostics()) std::cerr << d.str() << '\n';
}

/// Refuses to overwrite results, or to run for minutes towards a folder that
/// does not exist.
void check_output_path(const std::string& path, bool force) {
  const fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) throw BadInput("output '" + path + "' is a folder, not a file");
  if (fs::exists(p, ec) && !force) {
    throw BadInput("output file '" + path +
                   "' already exists; use --force to overwrite it, or -o to choose another file");
  }
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::is_directory(parent, ec)) {
    throw BadInput("folder '" + parent.string() + "' of the output file does not exist");
  }
  if (::access(parent.c_str(), W_OK) != 0) {
    throw BadInput("folder '" + parent.string() + "' of the output file is not writable");
  }
}

/// Runs the model's own checks (what the schema cannot express) over every
/// scenario; throws InputError listing every problem.
void check_study(const ModelDefinition& model, const Study& study) {
  if (!model.check) return;
  std::vector<Diagnostic> problems;
  for (const auto& sc : study.scenarios) {
    for (auto& d : model.check(sc)) problems.push_back(std::move(d));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

/// A file is a study file when it has a [study] table.
bool is_study_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 7, "[study]") == 0) return true;
  }
  return false;
}

std::string format_duration(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  std::ostringstream out;
  if (s < 60) {
    out << s << "s";
  } else if (s < 3600) {
    out << s / 60 << "m" << (s % 60 < 10 ? "0" : "") << s % 60 << "s";
  } else {
    out << s / 3600 << "h" << (s % 3600 / 60 < 10 ? "0" : "") << s % 3600 / 60 << "m";
  }
  return out.str();
}

/// The one-line progress display on a terminal: "[12/40] tasks  30%  eta 5s".
/// Called under the runner's critical section, so the mutable state is safe.
class ProgressLine {
 public:
  ProgressLine() : start_(std::chrono::steady_clock::now()) {}
  void operator()(int done, int total) const {
    const auto now = std::chrono::steady_clock::now();
    // Redrawing for each of thousands of short tasks would flood the terminal.
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = done > 0 ? elapsed / done * (total - done) : 0.0;
    std::fprintf(stderr, "\r[%d/%d] tasks  %d%%  eta %-8s", done, total,
                 total > 0 ? 100 * done / total : 100, format_duration(eta).c_str());
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_;
  mutable std::chrono::steady_clock::time_point last_{};
};

struct RunArgs {
  std::vector<std::string> scenarios;
  std::string output = "results.h5";
  int replications = 0;
  std::uint64_t seed = 1;
  int threads = 0;
  double scale = 0.0;
  double years = 0.0;
  std::string baseline;
  bool force = false;
  CLI::Option* replications_opt = nullptr;
  CLI::Option* scale_opt = nullptr;
  CLI::Option* years_opt = nullptr;
};

int cmd_run(const RunArgs& args, const std::string& command_line, const ModelDefinition& model,
            const CliHooks& hooks) {
  if (!hooks.write_results) throw std::logic_error("this program cannot write results");
  // Refuse before running, so nobody waits for a run whose results are dropped.
  check_output_path(args.output, args.force);
  if (hooks.check_output) {
    try {
      hooks.check_output(args.output, args.force);
    } catch (const std::exception& e) {
      throw BadInput(e.what());
    }
  }

  Overrides overrides;
  if (args.scale_opt->count() > 0) overrides["scale"] = args.scale;
  if (args.years_opt->count() > 0) overrides["years"] = args.years;

  Study study;
  if (args.scenarios.empty()) {
    const auto& files = embedded_scenario_files();
    if (files.count(kDefaultStudy) == 0) {
      throw BadInput(std::string("this build has no default study (scenarios/") + kDefaultStudy +
                     "); name scenario files to run");
    }
    const MemoryFiles embedded(files);
    study = load_study({kDefaultStudy}, model.schema, embedded, overrides);
  } else {
    study = load_study(args.scenarios, model.schema, DiskFiles{}, overrides);
  }
  check_study(model, study);

  if (!args.baseline.empty()) {
    std::vector<std::string> names;
    for (const auto& sc : study.scenarios) names.push_back(sc.name);
    if (std::find(names.begin(), names.end(), args.baseline) == names.end()) {
      std::string msg = "--baseline '" + args.baseline + "' is not a scenario of this run";
      const std::string near = closest(args.baseline, names);
      if (!near.empty()) msg += " (did you mean '" + near + "'?)";
      throw BadInput(msg);
    }
    study.baseline = args.baseline;
  }

  RunOptions options;
  options.replications = args.replications_opt->count() > 0 ? args.replications
                         : study.replications > 0           ? study.replications
                                                            : 8;
  options.seed = args.seed;
  options.threads = args.threads;
  if (::isatty(STDERR_FILENO) != 0) options.progress = ProgressLine{};

  const EnsembleResult result = [&] {
    try {
      return run_ensemble(model, study, options);
    } catch (...) {
      // End the unfinished progress line before the error is printed.
      if (options.progress) std::fputc('\n', stderr);
      throw;
    }
  }();

  Provenance prov;
  prov.program_version = kVersion;
  prov.git_revision = kGitRevision;
  prov.model_name = model.name;
  prov.model_version = model.version;
  prov.command_line = command_line;
  prov.created_utc = utc_timestamp();
  prov.study = study.name;
  prov.seed = options.seed;
  prov.threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  prov.replications = options.replications;
  try {
    hooks.write_results(args.output, model.metrics, result, prov, args.force);
  } catch (const std::exception& e) {
    throw WriteFailure("cannot write results to '" + args.output + "': " + e.what());
  }

  if (hooks.closing_table) {
    try {
      std::cout << hooks.closing_table(model.metrics, result);
    } catch (const std::exception& e) {
      // The results are safe on disk; say where before reporting the failure.
      std::cout << "Results: " << args.output << '\n';
      throw std::runtime_error(std::string("cannot render the closing table: ") + e.what());
    }
  } else {
    std::cout << "Ran " << plural(result.scenarios.size(), "scenario", "scenarios") << " x "
              << plural(static_cast<std::size_t>(options.replications), "replication",
                        "replications")
              << ".\n";
  }
  std::cout << "Results: " << args.output << '\n';
  return kExitOk;
}

int cmd_validate(const std::vector<std::string>& files, const ModelDefinition& model) {
  std::size_t scenarios = 0;
  std::size_t studies = 0;
  std::size_t errors = 0;
  std::size_t bad_files = 0;
  // Each file on its own, as `smesim run FILE` would load it: study files
  // and the scenario files they list may be given together.
  for (const auto& file : files) {
    try {
      const Study study = load_study({file}, model.schema, DiskFiles{});
      check_study(model, study);
      scenarios += study.scenarios.size();
      if (is_study_file(file)) ++studies;
    } catch (const InputError& e) {
      print_diagnostics(e);
      errors += e.diagnostics().size();
      ++bad_files;
    }
  }
  if (errors > 0) {
    std::cerr << "smesim: error: " << plural(errors, "error", "errors") << " in "
              << bad_files << " of " << plural(files.size(), "file", "files") << '\n';
    return kExitBadInput;
  }
  const std::size_t scenario_files = files.size() - studies;
  std::cout << "OK: " << plural(scenarios, "scenario", "scenarios") << " in ";
  if (studies > 0) std::cout << plural(studies, "study", "studies");
  if (studies > 0 && scenario_files > 0) std::cout << " and ";
  if (scenario_files > 0) std::cout << plural(scenario_files, "scenario file", "scenario files");
  std::cout << '\n';
  return kExitOk;
}

int cmd_info(const std::string& path, const CliHooks& hooks) {
  if (!hooks.describe_file) throw std::logic_error("this program cannot read results files");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw BadInput("no such file: '" + path + "'");
  try {
    std::cout << hooks.describe_file(path);
  } catch (const std::exception& e) {
    throw BadInput("cannot read '" + path + "': " + e.what());
  }
  return kExitOk;
}

int cmd_docs(const std::string& out_dir, const ModelDefinition& model, const CliHooks& hooks) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir)) {
    throw WriteFailure("cannot create folder '" + out_dir + "'" +
                       (ec ? ": " + ec.message() : std::string()));
  }
  std::map<std::string, std::string> docs;
  docs["parameters.md"] = parameters_markdown(model.schema);
  docs["metrics.md"] = metrics_markdown(model);
  if (hooks.docs) {
    for (auto& [name, text] : hooks.docs(model)) docs[name] = std::move(text);
  }
  for (const auto& [name, text] : docs) {
    const fs::path path = fs::path(out_dir) / name;
    write_atomically(path, text);
    std::cout << "wrote " << path.string() << '\n';
  }
  return kExitOk;
}

void add_run_command(CLI::App& app, RunArgs& args) {
  auto* run = app.add_subcommand(
      "run", "Run scenarios (default: the built-in study) and write an HDF5 results file");
  run->add_option("scenarios", args.scenarios,
                  "Scenario or study files (TOML). None: the default study built into smesim")
      ->type_name("SCENARIO");
  run->add_option("-o,--output", args.output,
                  "HDF5 results file to write; refused if it exists, unless --force")
      ->type_name("FILE")
      ->capture_default_str();
  args.replications_opt =
      run->add_option("-r,--replications", args.replications,
                      "Replications per scenario (default: the study's, else 8)")
          ->type_name("N")
          ->check(CLI::Range(1, 1000000));
  run->add_option("--seed", args.seed,
                  "Random seed; the same seed gives the same results on any number of threads")
      ->type_name("S")
      ->capture_default_str();
  run->add_option("--threads", args.threads,
                  "Worker threads (0: all cores, or OMP_NUM_THREADS); does not change results")
      ->type_name("T")
      ->check(CLI::Range(0, 4096))
      ->capture_default_str();
  args.scale_opt = run->add_option(
      "--scale", args.scale,
      "Override the scenarios' `scale` (real firms per simulated SME); larger is faster, "
      "noisier");
  args.scale_opt->type_name("X");
  args.years_opt =
      run->add_option("--years", args.years, "Override the scenarios' `years` simulated");
  args.years_opt->type_name("Y");
  run->add_option("--baseline", args.baseline,
                  "Scenario the others are compared with (default: the one named 'baseline', "
                  "else the first)")
      ->type_name("NAME");
  run->add_flag("-f,--force", args.force, "Overwrite the output file if it exists");
  run->footer(
      "Examples:\n"
      "  smesim run -o results/default.h5                 the built-in default study\n"
      "  smesim run baseline.toml guarantee.toml -r 16 -o pilot.h5\n"
      "  smesim run study.toml --years 2 --scale 100000 -o quick.h5   a quick, small run\n"
      "\n" +
      std::string(kExitCodesText));
}

}  // namespace

std::string metrics_markdown(const ModelDefinition& model) {
  const auto horizon = [](Horizon h) {
    switch (h) {
      case Horizon::Last: return "value at the last step";
      case Horizon::LastYearSum: return "sum over the last year";
      case Horizon::TotalSum: return "sum over the whole run";
    }
    return "";
  };
  const auto aggregate = [](const MetricSpec& m) -> std::string {
    switch (m.aggregate) {
      case Aggregate::Sum: return "sum";
      case Aggregate::WeightedMean: return "mean weighted by `" + m.weight + "`";
      case Aggregate::Ratio: return "`" + m.weight + "` / `" + m.denominator + "`";
    }
    return "";
  };
  // Pipes would end a table cell early.
  const auto cell = [](std::string text) {
    std::string out;
    for (char c : text) out += (c == '|') ? std::string("\\|") : std::string(1, c);
    return out;
  };
  std::ostringstream md;
  md << "# Metrics\n\n"
     << "Generated by `smesim docs` from the declarations of model `" << model.name << "` "
     << model.version << ". Do not edit by hand.\n\n"
     << "Each metric is stored per scenario with dimensions (replication, time, *dimensions*); "
        "metrics recorded once at the end of a run have no time dimension. The summary and the "
        "closing table reduce a metric over time (*horizon*), then across labels.\n\n"
     << "| name | unit | dimensions | recorded | horizon | across labels | meaning |\n"
     << "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& m : model.metrics) {
    std::string dims;
    for (const auto& d : m.dims) dims += (dims.empty() ? "" : ", ") + d;
    md << "| `" << m.name << "` | " << (m.unit.empty() ? "-" : cell(m.unit)) << " | " << (dims.empty() ? "-" : dims)
       << " | " << (m.per_step ? "every step" : "end of run") << " | " << horizon(m.horizon)
       << " | " << aggregate(m) << " | " << cell(m.meaning) << " |\n";
  }
  return md.str();
}

int run_cli(int argc, char** argv, const ModelDefinition& model, const CliHooks& hooks) {
  CLI::App app(std::string("smesim ") + kVersion +
                   ": agent-based simulation of SMEs in regional and global value chains"
                   " (model " +
                   model.name + " " + model.version + ")",
               "smesim");
  app.set_version_flag("--version", std::string("smesim ") + kVersion + " (revision " +
                                        kGitRevision + ", model " + model.name + " " +
                                        model.version + ")");
  app.require_subcommand(1);
  app.get_formatter()->column_width(34);

  RunArgs run_args;
  add_run_command(app, run_args);

  std::vector<std::string> validate_files;
  auto* validate = app.add_subcommand(
      "validate", "Check scenario and study files without running them; lists every problem");
  validate->add_option("files", validate_files, "Scenario or study files (TOML)")
      ->type_name("FILE")
      ->required();

  std::string info_file;
  auto* info = app.add_subcommand(
      "info", "Describe a results file: scenarios, replications, metrics, provenance");
  info->add_option("file", info_file, "HDF5 results file written by `smesim run`")
      ->type_name("FILE")
      ->required();

  std::string docs_dir;
  auto* docs = app.add_subcommand(
      "docs", "Write the reference documentation (parameters.md, metrics.md, ...) to a folder");
  docs->add_option("-o,--out", docs_dir, "Folder to write into (created if missing)")
      ->type_name("DIR")
      ->required();

  std::string instrument;
  CLI::App* explain = nullptr;
  if (hooks.explain) {
    explain = app.add_subcommand(
        "explain", "Explain a policy instrument: what it does and which step phases it enters");
    explain->add_option("instrument", instrument, "Instrument type (none: list them all)")
        ->type_name("INSTRUMENT");
  }

  app.footer(std::string("Examples:\n"
                         "  smesim run -o results/default.h5     run the built-in default study\n"
                         "  smesim validate my-scenario.toml     check a scenario file\n"
                         "  smesim info results/default.h5       what a results file contains\n") +
             (explain != nullptr
                  ? "  smesim explain                       the policy instruments, one line each\n"
                  : "") +
             "  smesim run --help                    all options of a subcommand\n"
             "\n" +
             kExitCodesText);

  // CLI11 reports a mistyped subcommand as "a subcommand is required"; say
  // what was wrong instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::vector<std::string> names;
    for (const auto* sub : {app.get_subcommand("run"), validate, info, docs, explain}) {
      if (sub != nullptr) names.push_back(sub->get_name());
    }
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      std::cerr << "smesim: error: unknown subcommand '" << word << "'";
      const std::string near = closest(word, names);
      if (!near.empty()) std::cerr << " (did you mean '" << near << "'?)";
      std::cerr << "\nRun 'smesim --help' for usage.\n";
      return kExitBadInput;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "smesim: error: " << e.what() << "\nRun 'smesim --help' for usage.\n";
    return kExitBadInput;
  }

  try {
    if (app.got_subcommand("run")) return cmd_run(run_args, quote_command_line(argc, argv), model, hooks);
    if (validate->parsed()) return cmd_validate(validate_files, model);
    if (info->parsed()) return cmd_info(info_file, hooks);
    if (docs->parsed()) return cmd_docs(docs_dir, model, hooks);
    if (explain != nullptr && explain->parsed()) return hooks.explain(instrument);
    std::cerr << "smesim: error: no subcommand\n";
    return kExitBadInput;
  } catch (const InputError& e) {
    print_diagnostics(e);
    std::cerr << "smesim: error: " << plural(e.diagnostics().size(), "problem", "problems")
              << " in the input; nothing was run\n";
    return kExitBadInput;
  } catch (const BadInput& e) {
    std::cerr << "smesim: error: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const RunError& e) {
    std::cerr << "smesim: error: run failed: " << e.what() << '\n';
    return kExitRunFailure;
  } catch (const WriteFailure& e) {
    std::cerr << "smesim: error: " << e.what() << '\n';
    return kExitRunFailure;
  } catch (const std::exception& e) {
    std::cerr << "smesim: error: " << e.what() << '\n';
    return kExitRunFailure;
  }
}

}  // namespace sim
