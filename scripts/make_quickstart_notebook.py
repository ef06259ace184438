#!/usr/bin/python3
"""Writes notebooks/01_quickstart.ipynb, the workshop's first notebook.

Usage (from the repository root, with Debian's python3 and python3-nbformat):

    /usr/bin/python3 scripts/make_quickstart_notebook.py [--out PATH]

PATH defaults to notebooks/01_quickstart.ipynb. The notebook is written
without outputs and with fixed cell ids, so running this script again gives
the same file byte for byte: edit the notebook here, not in Jupyter.

The notebook reads a result file (layout: output/SCHEMA.md) whose path is the
environment variable SMESIM_RESULTS, by default ../results/default.h5 relative
to the notebook (what `smesim run -o results/default.h5` writes from the
repository root). It prints the provenance, plots GVC participation over time
per scenario with its ensemble band and per economy for the baseline, and
tabulates the effects at the horizon from /summary.
"""

import argparse
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

INTRO = """\
# Quickstart: reading an smesim result file

`smesim run` writes everything about a run into one HDF5 file: where it came
from, the scenarios, every metric's time series for every replication, and a
summary of the effects at the horizon. This notebook walks through one such
file:

1. what is in the file (provenance),
2. GVC participation over time in each scenario, with the spread across
   replications,
3. the baseline economy by economy,
4. the effects of each policy scenario at the horizon, with 95% confidence
   intervals and their fiscal cost.

**Before you start.** You need a result file. From the repository root:

```sh
smesim run -o results/default.h5
```

This notebook opens `../results/default.h5` (relative to this folder) unless
the environment variable `SMESIM_RESULTS` names another file, e.g.
`SMESIM_RESULTS=/path/to/my-run.h5 jupyter notebook`. The file's layout is
described in `output/SCHEMA.md`, the metrics in `docs/metrics.md`.

Run the cells from top to bottom (*Run → Run All Cells*)."""

SETUP = """\
import os
import sys
from pathlib import Path

import h5py
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import xarray as xr
from IPython.display import display
from matplotlib.ticker import PercentFormatter

# Figures are drawn by the non-interactive inline backend and stored in the notebook.
%matplotlib inline

RESULTS = Path(os.environ.get("SMESIM_RESULTS", "../results/default.h5"))
if not RESULTS.is_file():
    raise FileNotFoundError(
        f"no result file at {RESULTS.resolve()}: run `smesim run -o results/default.h5` "
        "from the repository root, or set SMESIM_RESULTS to a result file"
    )
print(f"result file: {RESULTS.resolve()}")
print(f"python:      {sys.executable} {sys.version.split()[0]}")"""

PROVENANCE_MD = """\
## 1. What is in the file

The root of the file says which program wrote it (version and source
revision), how it was run, and with which random seed. The seed and the
scenario texts stored in the file reproduce every number bit for bit.
Each scenario was run several times (*replications*) with different random
draws; replication *r* of every scenario shares its draws with replication *r*
of the baseline, so differences between scenarios are paired."""

PROVENANCE = """\
def text(value):
    \"\"\"An HDF5 string attribute as a Python str.\"\"\"
    return value.decode() if isinstance(value, bytes) else str(value)

with h5py.File(RESULTS, "r") as f:
    root = f.attrs
    if text(root.get("format", "")) != "smesim-results":
        raise ValueError(f"{RESULTS} is not an smesim result file")
    BASELINE = text(root["baseline"])
    SCENARIOS = [text(s) for s in root["scenario_names"]]
    print(f"program       smesim {text(root['program_version'])}, revision {text(root['git_revision'])}")
    model = f"{text(root['model_name'])} {text(root['model_version'])}".strip()
    if model:
        print(f"model         {model}")
    print(f"created       {text(root['created_utc'])}")
    print(f"command       {text(root['command_line'])}")
    print(f"seed          {int(root['seed'])}")
    print(f"replications  {int(root['replications'])} per scenario")
    print(f"baseline      {BASELINE}")
    print(f"scenarios     {len(SCENARIOS)}")
    for name in SCENARIOS:
        group = f["scenarios"][name]
        years = int(group.attrs["steps"]) / int(group.attrs["steps_per_year"])
        print(f"  {name:<20} {years:g} years  {text(group.attrs['description'])}")"""

READ_MD = """\
## 2. Reading a scenario

Each scenario is a group `scenarios/<name>` that xarray opens as a dataset of
labelled arrays. A metric such as `gvc_participation` has the dimensions
`(replication, time, economy, sector)`; `time` is in years.

To get one number per replication and step, the labels are combined the way
the metric's attributes say (the same rule the summary uses): `sum` adds them
up; `weighted_mean` weights them, here by the number of SMEs (`sme_count`), so
a large sector counts more than a small one; `ratio` divides the sums of two
other metrics."""

READ = """\
def open_scenario(name):
    \"\"\"The time series of one scenario, loaded into memory.\"\"\"
    with xr.open_dataset(RESULTS, group=f"scenarios/{name}", engine="h5netcdf") as ds:
        return ds.load()


def combine(ds, metric, dims):
    \"\"\"Combines `metric` over the label dimensions `dims` as its attributes say.\"\"\"
    da = ds[metric]
    dims = [d for d in dims if d in da.dims]
    how = da.attrs.get("aggregate", "sum")
    if how == "weighted_mean":
        weight = ds[da.attrs["weight"]]
        valid = da.notnull() & weight.notnull()  # a share is undefined (NaN) where there are no SMEs
        total = weight.where(valid, 0).sum(dims)
        return (da.where(valid, 0) * weight.where(valid, 0)).sum(dims) / total.where(total > 0)
    if how == "ratio":
        denominator = ds[da.attrs["denominator"]].sum(dims)
        return ds[da.attrs["numerator"]].sum(dims) / denominator.where(denominator > 0)
    return da.sum(dims)


def ensemble(series, low=0.05, high=0.95):
    \"\"\"Mean across replications and the band between two quantiles.\"\"\"
    band = series.quantile([low, high], dim="replication")
    return series.mean("replication"), band.isel(quantile=0), band.isel(quantile=1)


data = {name: open_scenario(name) for name in SCENARIOS}
baseline = data[BASELINE]
print(dict(baseline.sizes))
print("economies:", ", ".join(baseline.economy.values))
print("sectors:  ", ", ".join(baseline.sector.values))
print("gvc_participation:", baseline["gvc_participation"].attrs)"""

OVER_TIME_MD = """\
## 3. GVC participation over time, by scenario

GVC participation is the share of active SMEs whose chain of buyers reaches a
lead firm of a global value chain. Each line is the mean across replications
of the SME-weighted participation over all economies and sectors; the shaded
band spans the 5th to the 95th percentile across replications (with few
replications, close to their minimum and maximum). The baseline is black.

*Try it:* set `METRIC` to another metric, e.g. `"credit_access_rate"` or
`"sme_exports_usd"` (the list is in `docs/metrics.md`)."""

OVER_TIME = """\
METRIC = "gvc_participation"


def style_axis(ax, da):
    \"\"\"Axis labels from the metric's own attributes.\"\"\"
    ax.set_xlabel("years since start")
    ax.set_ylabel(da.attrs.get("units", ""))
    if da.attrs.get("units") == "share":
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.grid(alpha=0.3)


fig, ax = plt.subplots(figsize=(9, 5))
for name, ds in data.items():
    mean, low, high = ensemble(combine(ds, METRIC, ["economy", "sector"]))
    # The baseline in black, drawn on top of the scenarios.
    color, order = ("black", 3) if name == BASELINE else (None, 2)
    (line,) = ax.plot(ds.time, mean, label=name, color=color, zorder=order)
    ax.fill_between(ds.time, low, high, color=line.get_color(), alpha=0.15, linewidth=0)
style_axis(ax, baseline[METRIC])
ax.set_title(f"{METRIC}, all economies and sectors\\n"
             f"mean and 5-95% band across {baseline.sizes['replication']} replications")
ax.legend(title="scenario")
plt.show()"""

BY_ECONOMY_MD = """\
## 4. The baseline, economy by economy

The same metric in the baseline, now combined over sectors only: one line per
economy, again with the band across replications."""

BY_ECONOMY = """\
fig, ax = plt.subplots(figsize=(9, 5))
per_economy = combine(baseline, METRIC, ["sector"])
for economy in baseline.economy.values:
    mean, low, high = ensemble(per_economy.sel(economy=economy))
    (line,) = ax.plot(baseline.time, mean, label=economy)
    ax.fill_between(baseline.time, low, high, color=line.get_color(), alpha=0.15, linewidth=0)
style_axis(ax, baseline[METRIC])
ax.set_title(f"{METRIC} in '{BASELINE}', by economy\\n"
             f"mean and 5-95% band across {baseline.sizes['replication']} replications")
ax.legend(title="economy")
plt.show()"""

EFFECTS_MD = """\
## 5. Effects at the horizon

The group `/summary` holds, for every scenario, metric and economy (`ALL` for
all economies together), the value at the horizon (the last step for stocks
and shares, the last year for flows) averaged over replications, and the
**paired difference from the baseline** with its 95% confidence interval.
`fiscal_cost_usd` is the extra fiscal cost of the scenario over the whole run
and `cost_per_unit` that cost divided by the effect, in US dollars per unit of
the metric: per dollar of exports, or, for a share, per 1.0 (100 percentage
points; divide by 100 for the cost of one point).

An effect is `significant` when its confidence interval excludes zero; a cost
per unit means little when it is not."""

EFFECTS = """\
EFFECT_METRICS = ["gvc_participation", "credit_access_rate", "sme_exports_usd", "fiscal_cost_usd"]
ECONOMY = "ALL"  # or an economy code, e.g. "IND"

with xr.open_dataset(RESULTS, group="summary", engine="h5netcdf") as s:
    summary = s.load().to_dataframe()
    level = float(s.attrs.get("confidence_level", 0.95))

rows = summary[(summary.economy == ECONOMY) & summary.metric.isin(EFFECT_METRICS)]
baseline_level = rows[rows.scenario == BASELINE].set_index("metric")["mean"]
effects = rows[rows.scenario != BASELINE].copy()
effects["units"] = effects.metric.map(lambda m: baseline[m].attrs.get("units", ""))
effects["baseline_level"] = effects.metric.map(baseline_level)
effects["significant"] = (effects.diff_ci_low > 0) | (effects.diff_ci_high < 0)
effects["metric"] = pd.Categorical(effects.metric, categories=EFFECT_METRICS, ordered=True)
effects = (
    effects.rename(columns={"mean": "scenario_level", "diff_mean": "effect",
                            "diff_ci_low": "effect_ci_low", "diff_ci_high": "effect_ci_high"})
    .sort_values(["metric", "scenario"])
    .set_index(["metric", "scenario"])
    [["units", "baseline_level", "scenario_level", "effect", "effect_ci_low", "effect_ci_high",
      "significant", "fiscal_cost_usd", "cost_per_unit"]]
)
print(f"Effects at the horizon, economy {ECONOMY}: differences from '{BASELINE}' "
      f"(paired by replication) with {level:.0%} confidence intervals")
with pd.option_context("display.float_format", "{:,.4g}".format, "display.width", 200,
                       "display.max_columns", 20):
    display(effects)"""

NEXT_MD = """\
## Where next

* Set `ECONOMY` above to an economy code (e.g. `"BRA"`) for one economy's
  effects, or add metrics to `EFFECT_METRICS`.
* `summary` holds every metric; `summary.query("metric == 'employment'")`
  shows one.
* `data[name]` is each scenario's full dataset: select with `.sel(economy="IND",
  sector="textiles")`, or `.isel(replication=0)` for one replication.
* `smesim info <file>` prints the same provenance and headline table in a
  terminal."""


def build() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell(INTRO),
        new_code_cell(SETUP),
        new_markdown_cell(PROVENANCE_MD),
        new_code_cell(PROVENANCE),
        new_markdown_cell(READ_MD),
        new_code_cell(READ),
        new_markdown_cell(OVER_TIME_MD),
        new_code_cell(OVER_TIME),
        new_markdown_cell(BY_ECONOMY_MD),
        new_code_cell(BY_ECONOMY),
        new_markdown_cell(EFFECTS_MD),
        new_code_cell(EFFECTS, metadata={"tags": ["effects-table"]}),
        new_markdown_cell(NEXT_MD),
    ]
    # Fixed ids keep the file identical from one generation to the next.
    for i, cell in enumerate(cells, start=1):
        cell["id"] = f"quickstart-{i:02d}"
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                           "language": "python"},
            "language_info": {"name": "python", "file_extension": ".py",
                              "mimetype": "text/x-python"},
        },
    )
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=root / "notebooks" / "01_quickstart.ipynb")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        nbformat.write(build(), out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
