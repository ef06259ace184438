// smesim_bench: throughput and memory of the model on a BRICS world.
//
// Single-world mode (the default) builds one world from the baseline scenario
// (embedded in the binary, or --scenario FILE), runs every phase of every
// step with a per-phase stopwatch, and prints SME-steps per second, the phase
// breakdown, bytes per SME and the memory projected for 10^8 SMEs.
//
// Ensemble mode (--threads LIST) runs independent replications with
// sim::run_ensemble, one per thread unless --replications says otherwise,
// and prints the aggregate SME-steps per second for each thread count.
//
// docs/performance.md reports the figures and how to reproduce them.
#include "models/model.hpp"
#include "models/world.hpp"
#include "sim/cli.hpp"
#include "sim/diagnostics.hpp"
#include "sim/ensemble.hpp"
#include "sim/scenario.hpp"

#include <malloc.h>
#include <omp.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

/// CPU time of the calling thread in seconds: unlike wall time, it does not
/// count the time other processes hold this core, so it stays meaningful on
/// a shared machine. The single-world run is single-threaded.
double cpu_s(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
double thread_cpu_s() { return cpu_s(CLOCK_THREAD_CPUTIME_ID); }
/// CPU time of all threads of the process (ensemble mode).
double process_cpu_s() { return cpu_s(CLOCK_PROCESS_CPUTIME_ID); }

constexpr double kGoalStepsPerSecond = 5e6;  // SME-steps per second per core
constexpr double kGoalSmes = 1e8;            // the BRICS MSME population at 1:1
constexpr double kGoalBytes = 24e9;          // in 24 GB
constexpr const char* kEmbeddedBaseline = "default/baseline.toml";

struct Options {
  std::string scenario;  // empty: the embedded baseline
  double scale = 100;
  double years = 2;
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  std::vector<int> threads;  // empty: single-world mode
  int replications = 0;      // ensemble mode; 0: one per thread
};

const char* const kUsage =
    "Usage: smesim_bench [options]\n"
    "\n"
    "Builds a BRICS world and measures SME-steps per second and bytes per SME.\n"
    "\n"
    "Options:\n"
    "  --scenario FILE      scenario file to run (default: the embedded default/baseline.toml)\n"
    "  --scale X            real firms per simulated SME (default 100)\n"
    "  --years Y            years simulated (default 2)\n"
    "  --seed S             random seed (default 1)\n"
    "  --replication R      replication of the single world (default 0)\n"
    "  --threads LIST       ensemble mode: thread counts, e.g. 1,2,4 (default: single world)\n"
    "  --replications N     ensemble mode: replications per thread count (default: one per "
    "thread)\n"
    "  -h, --help           this text\n";

[[noreturn]] void usage_error(const std::string& msg) {
  std::cerr << "smesim_bench: " << msg << "\n\n" << kUsage;
  std::exit(1);
}

double parse_real(const std::string& opt, const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v > 0) return v;
  } catch (const std::exception&) {
  }
  usage_error(opt + " needs a positive number, got '" + text + "'");
}

long long parse_int(const std::string& opt, const std::string& text, long long min) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used == text.size() && v >= min) return v;
  } catch (const std::exception&) {
  }
  usage_error(opt + " needs a whole number of at least " + std::to_string(min) + ", got '" + text +
              "'");
}

Options parse(int argc, char** argv) {
  Options o;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (a + 1 >= argc) usage_error("unknown option or missing value: " + arg);
    const std::string val = argv[++a];
    if (arg == "--scenario") {
      o.scenario = val;
    } else if (arg == "--scale") {
      o.scale = parse_real(arg, val);
    } else if (arg == "--years") {
      o.years = parse_real(arg, val);
    } else if (arg == "--seed") {
      o.seed = static_cast<std::uint64_t>(parse_int(arg, val, 0));
    } else if (arg == "--replication") {
      o.replication = static_cast<std::uint64_t>(parse_int(arg, val, 0));
    } else if (arg == "--replications") {
      o.replications = static_cast<int>(parse_int(arg, val, 1));
    } else if (arg == "--threads") {
      std::stringstream ss(val);
      std::string item;
      while (std::getline(ss, item, ','))
        o.threads.push_back(static_cast<int>(parse_int(arg, item, 1)));
      if (o.threads.empty()) usage_error("--threads needs at least one thread count");
    } else {
      usage_error("unknown option: " + arg);
    }
  }
  return o;
}

// ---------------------------------------------------------------- reporting

/// 1234567 -> "1,234,567".
std::string grouped(double x) {
  const auto v = static_cast<long long>(x + (x < 0 ? -0.5 : 0.5));
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

/// "  label ......... value" with the value starting at a fixed column.
void line(const std::string& label, const std::string& value) {
  std::string l = "  " + label + " ";
  while (l.size() < 38) l += '.';
  std::cout << l << ' ' << value << '\n';
}

std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}
std::string pad_right(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string build_description() {
  std::string d;
#ifdef NDEBUG
  d += "optimised (NDEBUG)";
#else
  d += "assertions on (not a release build)";
#endif
  d += SMESIM_INVARIANTS ? ", invariant checks ON (slower; use the bench preset)"
                         : ", invariant checks off";
#if defined(__AVX512F__)
  d += ", AVX-512";
#elif defined(__AVX2__)
  d += ", AVX2";
#endif
  return d;
}

std::string compiler() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("GCC ") + __VERSION__;
#else
  return "unknown";
#endif
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string l;
  while (std::getline(in, l)) {
    if (l.rfind("model name", 0) == 0) {
      const auto colon = l.find(':');
      if (colon != std::string::npos) return l.substr(colon + 2);
    }
  }
  return "unknown";
}

/// A field of /proc/self/status in bytes (VmRSS, VmHWM), 0 when unreadable.
double proc_status_bytes(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string l;
  while (std::getline(in, l)) {
    if (l.rfind(field + ":", 0) == 0) {
      std::istringstream ss(l.substr(field.size() + 1));
      double kb = 0;
      ss >> kb;
      return kb * 1024.0;
    }
  }
  return 0.0;
}

/// Resident set after giving freed heap pages back to the system, so that it
/// counts what is held, not what malloc keeps cached.
double live_rss_bytes() {
  malloc_trim(0);
  return proc_status_bytes("VmRSS");
}

std::string gb(double bytes) { return fixed(bytes / 1e9, 1) + " GB"; }

std::string versus_goal(double value, double goal, bool higher_is_better) {
  if (higher_is_better) {
    if (value >= goal) return "goal met (" + fixed(value / goal, 2) + "x the goal)";
    return "goal NOT met (" + fixed(100.0 * value / goal, 0) + "% of it; " +
           fixed(goal / value, 1) + "x short)";
  }
  if (value <= goal) return "goal met (" + fixed(100.0 * value / goal, 0) + "% of the budget)";
  return "goal NOT met (" + fixed(100.0 * value / goal, 0) + "% of the budget)";
}

// ---------------------------------------------------------------- scenario

sim::Scenario load(const Options& o, const sim::ModelDefinition& model, std::string& source) {
  sim::Overrides overrides;
  overrides["scale"] = o.scale;
  overrides["years"] = o.years;
  sim::Study study;
  if (o.scenario.empty()) {
    const sim::MemoryFiles embedded(sim::embedded_scenario_files());
    study = sim::load_study({kEmbeddedBaseline}, model.schema, embedded, overrides);
    source = std::string(kEmbeddedBaseline) + " (embedded)";
  } else {
    study = sim::load_study({o.scenario}, model.schema, sim::DiskFiles{}, overrides);
    source = o.scenario;
  }
  if (study.scenarios.size() != 1) throw std::runtime_error("expected one scenario, got a study");
  sim::Scenario sc = study.scenarios.front();
  if (model.check) {
    const auto problems = model.check(sc);
    if (!problems.empty()) throw sim::InputError(problems);
  }
  return sc;
}

std::int64_t active_smes(const models::World& w) {
  std::int64_t n = 0;
  for (const std::uint8_t fl : w.sme.flags) n += (fl & models::kAlive) != 0 ? 1 : 0;
  return n;
}

// ---------------------------------------------------------------- single world

int single_world(const Options& o, const sim::ModelDefinition& model, const sim::Scenario& sc,
                 const std::string& source) {
  const int steps = model.steps(sc);
  const int spy = model.steps_per_year(sc);
  if (steps < 1) throw std::runtime_error("--years gives no step to run");

  std::cout << "smesim_bench: one world, every phase timed\n";
  line("scenario", source + ", '" + sc.name + "'");
  line("scale", "1:" + grouped(o.scale) + " (real firms per simulated SME)");
  line("years x steps per year",
       fixed(o.years, 2) + " x " + std::to_string(spy) + " = " + std::to_string(steps) + " steps");
  line("seed, replication", std::to_string(o.seed) + ", " + std::to_string(o.replication));
  line("build", build_description());
  line("compiler", compiler());
  line("processor", cpu_model());
  std::cout << '\n';

  // Build, timed on its own; resident memory before and after.
  const double rss_before = live_rss_bytes();
  const auto b0 = Clock::now();
  const double bc0 = thread_cpu_s();
  std::unique_ptr<sim::World> base = model.build(sc, sim::TaskKey{o.seed, o.replication, 0});
  const double build_cpu = thread_cpu_s() - bc0;
  const double build_s = std::chrono::duration<double>(Clock::now() - b0).count();
  auto& w = static_cast<models::World&>(*base);
  const double rss_built = live_rss_bytes();
  const std::int64_t smes0 = active_smes(w);

  std::cout << "World\n";
  line("SMEs at start", grouped(static_cast<double>(smes0)));
  line("lead firms, banks, parks", grouped(static_cast<double>(w.lead.size())) + ", " +
                                       std::to_string(w.banks.size()) + ", " +
                                       std::to_string(w.parks.size()));
  line("economies x sectors", std::to_string(w.E()) + " x " + std::to_string(w.S()));
  line("build time (with warm-up sourcing)",
       fixed(build_cpu, 2) + " s CPU, " + fixed(build_s, 2) + " s wall");
  std::cout << '\n';

  // Run: every phase of every step, as run_ensemble does, each timed.
  const auto& phases = model.phases;
  // Per phase, CPU and wall seconds; the last entry is the copy into the metric frame.
  std::vector<double> phase_s(phases.size() + 1, 0.0), phase_w(phases.size() + 1, 0.0);
  sim::MetricFrame frame(model.metrics, model.coordinates(sc));
  const sim::Streams rng(o.seed, o.replication);
  sim::StepContext ctx;
  ctx.steps_per_year = spy;
  ctx.dt_years = 1.0 / spy;
  ctx.rng = &rng;
  double sme_steps = 0;
  const auto r0 = Clock::now();
  for (int t = 0; t < steps; ++t) {
    ctx.step = t;
    for (std::size_t p = 0; p < phases.size(); ++p) {
      const auto p0 = Clock::now();
      const double c0 = thread_cpu_s();
      phases[p].fn(w, ctx);
      phase_s[p] += thread_cpu_s() - c0;
      phase_w[p] += std::chrono::duration<double>(Clock::now() - p0).count();
    }
    const auto q0 = Clock::now();
    const double c0 = thread_cpu_s();
    frame.clear();
    model.record(w, ctx, frame);
    phase_s.back() += thread_cpu_s() - c0;
    phase_w.back() += std::chrono::duration<double>(Clock::now() - q0).count();
    // Not timed: active SMEs after the step (what the sme_count metric reports).
    sme_steps += static_cast<double>(active_smes(w));
  }
  double timed_s = 0, timed_w = 0;
  for (double s : phase_s) timed_s += s;
  for (double s : phase_w) timed_w += s;
  const double wall_s = std::chrono::duration<double>(Clock::now() - r0).count();
  const double rss_peak = proc_status_bytes("VmHWM");
  const double rss_end = live_rss_bytes();
  const std::int64_t smes_end = active_smes(w);
  const double rate = sme_steps / timed_s;

  std::cout << "Run\n";
  line("steps", std::to_string(steps));
  line("SMEs at end (active)", grouped(static_cast<double>(smes_end)));
  line("table rows at end (incl. exited)", grouped(static_cast<double>(w.sme.size())));
  line("SME-steps (active SMEs summed)", grouped(sme_steps));
  line("time in phases", fixed(timed_s, 2) + " s CPU, " + fixed(timed_w, 2) + " s wall (loop " +
                             fixed(wall_s, 2) + " s)");
  line("SME-steps per CPU second (per core)", fixed(rate / 1e6, 3) + " million");
  line("SME-steps per wall second",
       fixed(sme_steps / timed_w / 1e6, 3) + " million" +
           (timed_w > 1.1 * timed_s ? "  (the core was shared: see CPU)" : ""));
  line("vs 5 million per core", versus_goal(rate, kGoalStepsPerSecond, true));
  line("CPU time per step", fixed(timed_s / steps, 3) + " s");
  std::cout << '\n';

  std::cout << "Phases (summed over steps; share and ns per SME-step from CPU time)\n";
  std::cout << "  " << pad_right("phase", 14) << pad_left("CPU s", 10) << pad_left("wall s", 10)
            << pad_left("share", 9) << pad_left("ns/SME-step", 14) << '\n';
  for (std::size_t p = 0; p <= phases.size(); ++p) {
    const std::string name = p < phases.size() ? phases[p].name : "record";
    std::cout << "  " << pad_right(name, 14) << pad_left(fixed(phase_s[p], 3), 10)
              << pad_left(fixed(phase_w[p], 3), 10)
              << pad_left(fixed(100.0 * phase_s[p] / timed_s, 1) + " %", 9)
              << pad_left(fixed(1e9 * phase_s[p] / sme_steps, 1), 14) << '\n';
  }
  std::cout << "  " << pad_right("total", 14) << pad_left(fixed(timed_s, 3), 10)
            << pad_left(fixed(timed_w, 3), 10) << pad_left("100.0 %", 9)
            << pad_left(fixed(1e9 * timed_s / sme_steps, 1), 14) << '\n';
  std::cout << '\n';

  // Memory: the table's own columns, and what the process really holds.
  const double table_b = static_cast<double>(w.sme.bytes_per_firm());
  const double built_b = (rss_built - rss_before) / static_cast<double>(smes0);
  const double end_b = (rss_end - rss_before) / static_cast<double>(smes_end);
  const double peak_b = (rss_peak - rss_before) / static_cast<double>(smes_end);
  std::cout
      << "Memory (per SME at start after the build, per active SME at the end after the run)\n";
  std::cout << "  " << pad_right("measure", 40) << pad_left("B/SME", 8) << pad_left("10^8 SMEs", 12)
            << '\n';
  auto mem_row = [](const std::string& what, double b) {
    std::cout << "  " << pad_right(what, 40) << pad_left(fixed(b, 0), 8)
              << pad_left(gb(b * kGoalSmes), 12) << '\n';
  };
  mem_row("SmeTable columns (bytes_per_firm)", table_b);
  mem_row("process, resident after build", built_b);
  mem_row("process, resident after run", end_b);
  mem_row("process, peak during build and run", peak_b);
  std::cout << "  (resident = VmRSS growth from before the build, after malloc_trim; peak = VmHWM "
               "growth;\n"
               "   before the build: "
            << fixed(rss_before / 1e6, 0) << " MB, peak " << fixed(rss_peak / 1e6, 0) << " MB)\n";
  line("table rows per active SME, end",
       fixed(static_cast<double>(w.sme.size()) / static_cast<double>(smes_end), 2) +
           " (exited rows are dropped when they pass 1/16)");
  line("this run at 1:1 (peak x scale)", gb((rss_peak - rss_before) * o.scale) + " for " +
                                             fixed(static_cast<double>(smes0) * o.scale / 1e6, 0) +
                                             " million SMEs at start");
  line("vs 10^8 SMEs in 24 GB (peak)", versus_goal(peak_b * kGoalSmes, kGoalBytes, false));
  return 0;
}

// ---------------------------------------------------------------- ensemble

int ensemble(const Options& o, const sim::ModelDefinition& model, const sim::Scenario& sc,
             const std::string& source) {
  const int steps = model.steps(sc);
  if (steps < 1) throw std::runtime_error("--years gives no step to run");
  std::cout
      << "smesim_bench: ensemble throughput (sim::run_ensemble, one independent world per task)\n";
  line("scenario", source + ", '" + sc.name + "'");
  line("scale", "1:" + grouped(o.scale));
  line("years, steps", fixed(o.years, 2) + ", " + std::to_string(steps));
  line("build", build_description());
  line("processor", cpu_model() + ", " + std::to_string(omp_get_num_procs()) + " logical CPUs");
  std::cout
      << "  Wall and CPU time include building each world; SME-steps = sum over tasks and steps\n"
         "  of active SMEs (the sme_count metric / scale). M/CPU-s divides by the CPU time of all\n"
         "  threads: it stays flat when threads scale, whatever else runs on the machine.\n\n";

  sim::Study study;
  study.name = "bench";
  study.scenarios.push_back(sc);
  study.baseline = sc.name;
  const std::size_t count_metric = model.metric_index("sme_count");

  std::cout << "  " << pad_left("threads", 7) << pad_left("tasks", 7) << pad_left("wall s", 9)
            << pad_left("CPU s", 9) << pad_left("SME-steps", 14) << pad_left("M/s total", 11)
            << pad_left("M/s/thread", 12) << pad_left("M/CPU-s", 9) << pad_left("speed-up", 10)
            << pad_left("efficiency", 12) << '\n';
  double base_rate_per_thread = 0;
  for (const int threads : o.threads) {
    sim::RunOptions opt;
    opt.threads = threads;
    opt.replications = o.replications > 0 ? o.replications : threads;
    opt.seed = o.seed;
    const auto t0 = Clock::now();
    const double c0 = process_cpu_s();
    const sim::EnsembleResult res = sim::run_ensemble(model, study, opt);
    const double cpu = process_cpu_s() - c0;
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    double sme_steps = 0;
    for (double v : res.scenarios.front().metrics[count_metric].values) sme_steps += v;
    sme_steps /= o.scale;
    const double rate = sme_steps / wall;
    const double per_thread = rate / std::min(threads, opt.replications);
    if (base_rate_per_thread == 0)
      base_rate_per_thread = rate / std::min(threads, opt.replications);
    const double speedup = rate / base_rate_per_thread;
    std::cout << "  " << pad_left(std::to_string(threads), 7)
              << pad_left(std::to_string(opt.replications), 7) << pad_left(fixed(wall, 2), 9)
              << pad_left(fixed(cpu, 2), 9) << pad_left(grouped(sme_steps), 14)
              << pad_left(fixed(rate / 1e6, 3), 11) << pad_left(fixed(per_thread / 1e6, 3), 12)
              << pad_left(fixed(sme_steps / cpu / 1e6, 3), 9) << pad_left(fixed(speedup, 2), 10)
              << pad_left(fixed(100.0 * speedup / std::min(threads, opt.replications), 0) + " %",
                          12)
              << '\n';
    std::cout.flush();
  }
  std::cout << "  (speed-up: aggregate rate / the first row's rate per busy thread; peak resident "
            << fixed(proc_status_bytes("VmHWM") / 1e9, 2) << " GB)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  try {
    const sim::ModelDefinition& model = models::definition();
    std::string source;
    const sim::Scenario sc = load(o, model, source);
    return o.threads.empty() ? single_world(o, model, sc, source) : ensemble(o, model, sc, source);
  } catch (const sim::InputError& e) {
    std::cerr << "smesim_bench: the scenario does not validate:\n";
    for (const auto& d : e.diagnostics()) std::cerr << "  " << d.str() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "smesim_bench: error: " << e.what() << '\n';
    return 2;
  }
}
