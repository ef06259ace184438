"""Opens an smesim result file written by tests/output/test_hdf5.cpp with
xarray (engine h5netcdf), as notebooks do, and checks names, dimensions,
coordinates, attributes and one value. Usage: check_xarray.py FILE VALUE."""
import sys

import numpy as np
import xarray as xr

path, expected = sys.argv[1], float(sys.argv[2])

ds = xr.open_dataset(path, group="scenarios/guarantee", engine="h5netcdf")
names = set(ds.data_vars)
for name in ["sme_count", "gvc_participation", "sme_exports_usd", "credit_access_rate",
             "fiscal_cost_usd", "chain_depth_final"]:
    assert name in names, (name, sorted(names))

v = ds["sme_exports_usd"]
assert v.dims == ("replication", "time", "economy", "sector"), v.dims
assert v.shape == (3, 5, 2, 3), v.shape
assert v.dtype == np.float64, v.dtype
assert v.attrs["units"] == "USD", v.attrs
assert v.attrs["long_name"] == "meaning of sme_exports_usd", v.attrs
assert v.attrs["horizon"] == "last_year_sum", v.attrs
assert ds["fiscal_cost_usd"].dims == ("replication", "time", "economy"), ds["fiscal_cost_usd"].dims
assert ds["chain_depth_final"].dims == ("replication", "sector"), ds["chain_depth_final"].dims

assert list(ds["economy"].values) == ["BRA", "IND"], ds["economy"].values
assert list(ds["sector"].values) == ["agrifood", "textiles", "ict_services"], ds["sector"].values
assert list(ds["replication"].values) == [0, 1, 2], ds["replication"].values
assert np.array_equal(ds["time"].values, [0.25, 0.5, 0.75, 1.0, 1.25]), ds["time"].values
assert ds["time"].attrs["units"] == "years", ds["time"].attrs

# Label-based selection, as an analysis would do it.
got = float(v.sel(replication=1, economy="IND", sector="agrifood").isel(time=2))
assert got == expected, (got, expected)
assert "size_class" not in ds.dims

s = xr.open_dataset(path, group="summary", engine="h5netcdf")
assert s["mean"].dims == ("row",), s["mean"].dims
assert s.sizes["row"] == len(s["scenario"]), s.sizes
for name in ["scenario", "metric", "economy", "mean", "ci_low", "ci_high", "diff_mean",
             "diff_ci_low", "diff_ci_high", "fiscal_cost_usd", "cost_per_unit"]:
    assert name in s.variables, name
row = s.where((s.scenario == "guarantee") & (s.metric == "sme_count") & (s.economy == "ALL"),
              drop=True)
assert row.sizes["row"] == 1, row
print("ok")
