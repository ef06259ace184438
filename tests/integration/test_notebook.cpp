// The workshop notebooks end to end: a small run of the smesim program, then
// notebooks/01_quickstart.ipynb executed on its result file with Debian's
// python3 (nbconvert and ipykernel), the way a participant runs it.
//
// The kernel is pinned to /usr/bin/python3 through a kernelspec written into
// the test's own temporary JUPYTER_PATH (nothing is installed on the machine),
// and PATH is reduced to /usr/bin:/bin so that no other python3 on the PATH
// (e.g. pyenv's) takes part. The notebook prints the interpreter it runs in,
// which the test checks.
#include "tests/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using testing_support::run_command;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

const char* const kPython = "/usr/bin/python3";

// True if Debian's python3 has what the notebook and nbconvert need; else the reason in `why`.
bool notebook_tools_available(std::string* why) {
  return run_command(std::string(kPython) +
                         " -c 'import nbformat, nbconvert, ipykernel, h5py, h5netcdf, xarray, "
                         "pandas, matplotlib'",
                     why) == 0;
}

// A kernelspec that runs the kernel with /usr/bin/python3 whatever the PATH.
constexpr const char* kKernelName = "smesim-python3";
constexpr const char* kKernelSpec = R"JSON({
  "argv": ["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
           "-f", "{connection_file}"],
  "display_name": "Python 3 (/usr/bin/python3, smesim tests)",
  "language": "python",
  "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}
}
)JSON";

// Checks an executed quickstart notebook; prints what is wrong and exits 1 if anything.
// argv: executed notebook, expected interpreter.
constexpr const char* kCheckScript = R"PY(
import sys
import nbformat

path, python = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
nbformat.validate(nb)

problems, images, text, table = [], 0, [], None
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    cell_text = []
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            problems.append(f"cell {cell.get('id')}: {out.ename}: {out.evalue}")
        elif out.output_type == "stream":
            cell_text.append(out.text)
        elif "data" in out:
            images += "image/png" in out.data
            cell_text.append(out.data.get("text/plain", ""))
            cell_text.append(out.data.get("text/html", ""))
    text += cell_text
    if "effects-table" in cell.metadata.get("tags", []):
        table = "\n".join(cell_text)

if images < 2:
    problems.append(f"{images} image/png outputs, expected the 2 plots")
if table is None:
    problems.append("no cell tagged effects-table")
else:
    for part in ("gvc_participation", "credit_access_rate", "sme_exports_usd",
                 "fiscal_cost_usd", "cost_per_unit", "effect_ci_low", "effect_ci_high", "<table"):
        if part not in table:
            problems.append(f"effects table output lacks {part!r}")
if not any(python in t for t in text):
    problems.append(f"the kernel did not report running in {python}")
for p in problems:
    print("problem:", p)
print(f"{images} images, effects table {'found' if table else 'missing'}")
sys.exit(1 if problems else 0)
)PY";

TEST(Notebook, QuickstartRunsOnASmallResultFile) {
  std::string why;
  if (!notebook_tools_available(&why)) {
    GTEST_SKIP() << "/usr/bin/python3 lacks the notebook tools (python3-nbconvert, "
                    "python3-ipykernel, python3-xarray, ...): "
                 << why;
  }
  const fs::path dir = testing_support::temp_dir();
  const fs::path results = dir / "nb.h5";
  const fs::path notebook = testing_support::source_dir() / "notebooks" / "01_quickstart.ipynb";
  ASSERT_TRUE(fs::is_regular_file(notebook)) << notebook;

  std::string out;
  ASSERT_EQ(run_command(quoted(testing_support::smesim_binary()) + " run -o " + quoted(results) +
                            " --scale 50000 --years 2 -r 3 --force",
                        &out),
            0)
      << out;
  ASSERT_TRUE(fs::is_regular_file(results)) << out;

  // Jupyter's and IPython's per-user folders point into the test folder, so
  // neither a user's configuration nor kernels take part, and nothing is left behind.
  const fs::path jupyter = dir / "jupyter";
  write_file(jupyter / "kernels" / kKernelName / "kernel.json", kKernelSpec);
  const fs::path executed = dir / "out.ipynb";
  const std::string env = "env PATH=/usr/bin:/bin JUPYTER_PATH=" + quoted(jupyter) +
                          " JUPYTER_CONFIG_DIR=" + quoted(dir / "jupyter-config") +
                          " JUPYTER_DATA_DIR=" + quoted(dir / "jupyter-data") +
                          " JUPYTER_RUNTIME_DIR=" + quoted(dir / "jupyter-runtime") +
                          " IPYTHONDIR=" + quoted(dir / "ipython") +
                          " MPLCONFIGDIR=" + quoted(dir / "matplotlib") +
                          " SMESIM_RESULTS=" + quoted(results) + " ";
  const int status = run_command(
      env + kPython + " -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=" +
          kKernelName + " --ExecutePreprocessor.timeout=600 --output-dir " + quoted(dir) +
          " --output out.ipynb " + quoted(notebook),
      &out);
  ASSERT_EQ(status, 0) << out;
  ASSERT_TRUE(fs::is_regular_file(executed)) << out;

  const fs::path script = dir / "check_notebook.py";
  write_file(script, kCheckScript);
  EXPECT_EQ(run_command(std::string(kPython) + " " + quoted(script) + " " + quoted(executed) + " " +
                            kPython,
                        &out),
            0)
      << out;
}

TEST(Notebook, QuickstartMatchesItsGenerator) {
  std::string why;
  if (run_command(std::string(kPython) + " -c 'import nbformat'", &why) != 0) {
    GTEST_SKIP() << "/usr/bin/python3 lacks python3-nbformat: " << why;
  }
  const fs::path dir = testing_support::temp_dir();
  const fs::path source = testing_support::source_dir();
  const fs::path generated = dir / "01_quickstart.ipynb";
  std::string out;
  ASSERT_EQ(run_command(std::string(kPython) + " " +
                            quoted(source / "scripts" / "make_quickstart_notebook.py") +
                            " --out " + quoted(generated),
                        &out),
            0)
      << out;
  EXPECT_TRUE(read_file(generated) == read_file(source / "notebooks" / "01_quickstart.ipynb"))
      << "notebooks/01_quickstart.ipynb differs from what scripts/make_quickstart_notebook.py "
         "writes: edit the generator and run it again";
}

}  // namespace
