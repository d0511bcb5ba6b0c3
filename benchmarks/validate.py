"""`make validate`: the model against measured ground temperatures at real sites, through the algorithms.

Prepares inputs over the sites' region from ../shared/data with the plugin's own tools (station climatology
CHELSA 1.1 interpolated with the DEM, HWSD topsoil, MODIS IGBP land cover), then runs `permafrost:calibrate`
with leave-one-site-out cross-validation, all through `qgis_process.bin`. The prior model is the plugin's
default; the cross-validated model is what calibration gives at a site it has not seen. Prints N, bias, RMSE
and r per source and per depth range. A benchmark, not a test: it needs ../shared (not in a user's clone).

Usage: /usr/bin/python3 benchmarks/validate.py [--sites CSV] [--out DIR] [--max-km 10]
"""

import argparse
import csv
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "demo")]

import numpy as np  # noqa: E402
from core.calibration import statistics  # noqa: E402
from run_demo import Runner  # noqa: E402

SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
SITES = os.path.join(SHARED, "validation", "ground_temperature_sites_dev.csv")
BOX = (104.0, 138.0, 48.0, 59.0)  # W, E, S, N around the sites
# CHELSA 1.1 is the 1979–2013 mean; the measurements span 1980–2016 (mostly 1980–2012): a steady climate
# centred on 1996, each site's measurements averaged over their years.
CLIMATOLOGY_YEAR = 1996
DEPTH_RANGES = ((0.0, 1.0, "0–1 m"), (1.0, 3.5, "1–3.2 m"), (3.5, 100.0, "≥ 4 m"))
PUBLISHED_RMSE_C = 0.5
ESA_CCI_RMSE_C = 2.44


def table(rows, sources):
    """Markdown table of the statistics per group, for the prior (default) and cross-validated model."""
    groups = [("all", lambda r: True)]
    groups += [(f"source {s}", lambda r, s=s: sources[r["site"]] == s) for s in sorted(set(sources.values()))]
    groups += [(f"depth {label}", lambda r, lo=lo, hi=hi: lo <= float(r["depth_m"]) < hi)
               for lo, hi, label in DEPTH_RANGES]
    lines = ["| group | N | default bias | default RMSE | default r | calibrated (CV) bias | calibrated (CV) RMSE "
             "| calibrated (CV) r |", "|---|---|---|---|---|---|---|---|"]
    for name, keep in groups:
        sel = [r for r in rows if keep(r)]
        obs = np.array([float(r["observed_c"]) for r in sel])
        d = statistics(np.array([float(r["model_before_c"]) for r in sel]), obs)
        c = statistics(np.array([float(r["model_cv_c"]) for r in sel]), obs)
        lines.append(f"| {name} | {d['n']} | {d['bias']:+.2f} | {d['rmse']:.2f} | {d['r']:.2f} | {c['bias']:+.2f} | "
                     f"{c['rmse']:.2f} | {c['r']:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", default=SITES, help="CSV site,source,lat,lon,year,depth_m,"
                        "mean_annual_temperature_c")
    parser.add_argument("--out", default=os.path.join(ROOT, "validation_output"))
    parser.add_argument("--max-km", type=float, default=10.0, help="search distance for a valid pixel (km)")
    args = parser.parse_args()
    if not os.path.exists(args.sites):
        raise SystemExit(f"{args.sites} not found: make validate needs ../shared beside the project")
    os.makedirs(args.out, exist_ok=True)
    data = lambda *p: os.path.join(SHARED, *p)  # noqa: E731
    out = lambda name: os.path.join(args.out, name)  # noqa: E731
    w, e, s, n = BOX
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        qp = Runner(work)
        grid = qp.run("Model grid around the sites", "prepare_grid", EXTENT=f"{w},{e},{s},{n} [EPSG:4326]",
                      RESOLUTION=0.05, OUTPUT=out("grid.tif"))["OUTPUT"]
        climate = qp.run("Station climatology (CHELSA 1.1) with the DEM", "prepare_climate_stations",
                         STATIONS_CSV=data("stations", "station_climatology_38-58N_105-140E.csv"),
                         PREFIX="chelsa11_temp_", ELEVATION_FIELD="ELEV_M", LAT_FIELD="LAT", LON_FIELD="LON",
                         DEM=data("dem", "itu_p1511_2_topo_100-140E_38-60N_1-12deg.tif"), TEMPLATE=grid,
                         OUTPUT=out("climate.tif"))["OUTPUT"]
        hwsd = {k.upper(): data("soil_hwsd", f"hwsd_topsoil_{k}_100-140E_38-60N_0p05.tif")
                for k in ("sand", "silt", "clay", "oc")}
        soil = qp.run("HWSD soil", "prepare_soil_hwsd", **hwsd, TEMPLATE=grid, OUTPUT=out("soil.tif"))["OUTPUT"]
        landcover = qp.run("MODIS IGBP land cover on the grid", "prepare_clip_align",
                           INPUT=data("landcover", "mcd12c1_2019_igbp_100-140E_38-60N_0p05.tif"), TEMPLATE=grid,
                           KIND=1, OUTPUT=out("landcover.tif"))["OUTPUT"]
        result = qp.run("Calibrate with leave-one-site-out cross-validation", "calibrate", OBSERVATIONS=args.sites,
                        SITE_FIELD="site", CLIMATE=climate, SOIL=soil, LANDCOVER=landcover, FIRST_YEAR=CLIMATOLOGY_YEAR,
                        LAST_YEAR=CLIMATOLOGY_YEAR, CLIMATOLOGY_YEAR=CLIMATOLOGY_YEAR, TREND=0, SPINUP_YEARS=30,
                        MAX_DISTANCE_KM=args.max_km, CROSS_VALIDATE=True, OUTPUT_TABLE=out("calibrated_nfactors.csv"),
                        OUTPUT_RESIDUALS=out("residuals.csv"), OUTPUT_REPORT=out("calibration_report.html"))
    with open(args.sites, newline="", encoding="utf-8-sig") as f:
        sources = {r["site"]: r["source"] for r in csv.DictReader(f)}
    with open(result["OUTPUT_RESIDUALS"], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"\nValidation on {len({r['site'] for r in rows})} sites ({len(rows)} site-depth means) of {args.sites}; "
          f"{time.perf_counter() - started:.0f} s")
    print(f"RMSE default {float(result['RMSE_BEFORE']):.2f} °C, calibrated (in-sample) "
          f"{float(result['RMSE_AFTER']):.2f} °C, leave-one-site-out {float(result['CV_RMSE']):.2f} °C; published "
          f"product's claim < {PUBLISHED_RMSE_C} °C; ESA Permafrost_cci on the held-back sites {ESA_CCI_RMSE_C} °C\n")
    print(table(rows, sources))
    print(f"\nReport: {result['OUTPUT_REPORT']}")


if __name__ == "__main__":
    main()
