"""`make bench-domain`: the full published domain at 30″, end to end through qgis_process, timed, then checked.

Prepares 112.75–134.94 E, 38.04–54.35 N at 30″ (the published 1 km product) from ../shared/data with the
plugin's own tools, each a `qgis_process.bin run permafrost:...` call as in `make demo`: model grid, station
climatology (WorldClim 1.4 sampled at the stations, interpolated with the DEM), HWSD topsoil soil, MODIS IGBP
n-factors, then simulates 2010–2024 (+0.3 °C/decade on the 1960–1990 climatology, as the demo) writing every
output, and draws the permafrost boundary and stability classes. The grid from an extent is all "inside";
the domain's land pixels are those with soil and n-factors: HWSD has no texture over water (sand + silt +
clay = 0) and IGBP water has no n-factors, so `simulate` skips sea and lakes. Each stage's wall time, CPU
time and peak memory (sampled sum of the proportional set size of its processes, workers included) are recorded.

Then the accuracy check: ``--check`` random pixels with a MAGT value (fixed ``--seed``) are simulated exactly
with the core solver directly (``core.regional.columns`` reads the prepared rasters at those pixels,
``core.heat.simulate`` runs them with the run's settings, no merging and no warm-pixel shortcut) and compared
with the MAGT and ALT rasters of the run: max, p99 and mean absolute error, for all checked pixels and
apart for those the warm-pixel rule estimated.

``--continuous-soil``: before soil preparation the HWSD texture rasters are resampled to the grid and perturbed
per pixel (see :func:`continuous_soil`), so that pixels do not share classed soil columns.

Results: a table on stdout and ``<out>/<variant>/bench_domain.json``; the qgis_process logs in ``logs/``.
A benchmark, not a test: it needs ../shared (not in a user's clone).

Usage: /usr/bin/python3 benchmarks/bench_domain.py [--continuous-soil] [--box W,E,S,N] [--resolution DEG]
       [--workers N] [--tolerance C] [--check N] [--seed S] [--out DIR]
"""

import argparse
import dataclasses
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "demo")]

import numpy as np  # noqa: E402
from osgeo import gdal  # noqa: E402
from core.heat import DEFAULT_DT_DAYS, make_grid, simulate  # noqa: E402
from core.prep.warp import align  # noqa: E402
from core.raster_io import Grid, band_info, read_raster, write_raster  # noqa: E402
from core.regional import ModelSettings, RegionInputs, check_inputs  # noqa: E402
from core.regional.columns import Block, read_block, solver_arguments, valid_pixels  # noqa: E402
from core.regional.workers import open_engine  # noqa: E402
from run_demo import Runner  # noqa: E402

SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
DOMAIN = (112.75, 134.94, 38.04, 54.35)  # W, E, S, N of the published NE China 1 km product
RESOLUTION = 1.0 / 120.0  # 30″
FIRST_YEAR, LAST_YEAR = 2010, 2024
TREND_C_PER_DECADE = 0.3  # as demo/run_demo.py: +0.3 °C/decade on the WorldClim 1.4 (1960–1990) climatology
CLIMATOLOGY_YEAR = 1975
CLIMATE_PREFIX = "wc14_tmean_"
STATIONS = ("stations", "station_climatology_38-58N_105-140E.csv")
DEM = ("dem", "itu_p1511_2_topo_100-140E_38-60N_1-12deg.tif")
LANDCOVER = ("landcover", "mcd12c1_2019_igbp_100-140E_38-60N_0p05.tif")
TEXTURES = ("sand", "silt", "clay", "oc")
# Per-pixel variability of --continuous-soil (assumed, see continuous_soil): SD of sand and clay in
# percentage points, coefficient of variation of organic carbon.
SAND_SD_PP, CLAY_SD_PP, OC_CV = 5.0, 3.0, 0.3
OC_MAX_PCT = 58.0  # pure organic matter (OC = OM / 1.724)
SAMPLE_SECONDS = 0.2
CHECK_CHUNK = 1000  # columns per solver call of the exact check (the solver's own chunk size)
TABLE_STAGES_WIDTH = 26


def hwsd_path(name):
    return os.path.join(SHARED, "soil_hwsd", f"hwsd_topsoil_{name}_100-140E_38-60N_0p05.tif")


# ---------------------------------------------------------------------------------------------- measuring


def _descendants(root):
    """Process ids of every descendant of ``root`` (from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [root]
    while todo:
        children = parents.get(todo.pop(), [])
        out += children
        todo += children
    return out


def _memory_kb(pid):
    """(proportional set size, peak resident set size) of a process in kB; zeros once it has gone."""
    pss = hwm = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            pss = next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        with open(f"/proc/{pid}/status") as f:
            hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
    except OSError:
        pass
    return pss, hwm


class Stage:
    """Times a stage (wall and CPU, this process and its children) and samples its memory in a thread.

    ``peak_mb``: largest sum over the stage's processes (qgis_process and its workers, or this process and its
    workers for the stages run here) of the proportional set size, so shared libraries count once;
    ``max_rss_mb``: the largest peak resident set size of any one of them.
    """

    def __init__(self, name, include_self=False):
        self.name, self.include_self = name, include_self
        self.peak_kb = self.hwm_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _sample(self):
        pids = _descendants(os.getpid()) + ([os.getpid()] if self.include_self else [])
        sizes = [_memory_kb(p) for p in pids]
        self.peak_kb = max(self.peak_kb, sum(s[0] for s in sizes))
        self.hwm_kb = max([self.hwm_kb] + [s[1] for s in sizes])

    def _watch(self):
        while not self._stop.wait(SAMPLE_SECONDS):
            self._sample()

    @staticmethod
    def _cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def __enter__(self):
        self._cpu0, self._wall0 = self._cpu(), time.perf_counter()
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._sample()
        self._stop.set()
        self._thread.join()
        self.wall_s, self.cpu_s = time.perf_counter() - self._wall0, self._cpu() - self._cpu0
        return False

    def record(self):
        return {"stage": self.name, "wall_s": round(self.wall_s, 1), "cpu_s": round(self.cpu_s, 1),
                "peak_mb": round(self.peak_kb / 1024.0), "max_rss_mb": round(self.hwm_kb / 1024.0)}


class LoggingRunner(Runner):
    """The demo's Runner, keeping each qgis_process output in ``logs`` (stage name → log file)."""

    def __init__(self, workdir, logs):
        self.logs, self._next_log = logs, None
        os.makedirs(logs, exist_ok=True)
        super().__init__(workdir)

    def _call(self, args, echo=True):
        text = super()._call(args, echo)
        if self._next_log:
            with open(os.path.join(self.logs, self._next_log), "w", encoding="utf-8") as f:
                f.write(text)
        return text

    def run(self, title, algorithm, **params):
        self._next_log = f"{self.step + 1:02d}_{algorithm}.log"
        return super().run(title, algorithm, **params)


# ------------------------------------------------------------------------------------------ continuous soil


def continuous_soil(grid_path, folder, seed):
    """HWSD sand, silt, clay and OC on the model grid, perturbed per pixel; returns {SAND: path, …}.

    Assumed variability (not measured here): sand and clay get independent normal deviations of
    ``SAND_SD_PP`` and ``CLAY_SD_PP`` percentage points, organic carbon a lognormal factor of mean 1 and
    coefficient of variation ``OC_CV``: the order of the short-range variation between neighbouring 250 m
    cells of SoilGrids250m (Hengl et al. 2017, PLoS ONE 12:e0169748; Poggio et al. 2021, SOIL 7:217) and
    well inside its prediction intervals. Spatially independent noise is the hardest case for merging
    pixels. Texture is first normalised to sand + silt + clay = 100; then sand ∈ [0, 100], clay ∈ [0, 100 −
    sand], silt = the rest, OC ∈ [0, 58] %. Pixels without texture (NoData, or 0 + 0 + 0 over water, rock
    and towns in HWSD) stay as they are.
    """
    grid = Grid.of(grid_path)
    rng = np.random.default_rng(seed)
    sand, silt, clay, oc = (align(hwsd_path(name), grid, f"HWSD {name}", "nearest", categorical=True, bands=[1])[0]
                            for name in TEXTURES)
    total = sand + silt + clay
    soil = np.isfinite(total) & (total > 0)
    safe = np.where(soil, total, 1.0)
    new_sand = np.clip(100.0 * sand / safe + rng.normal(0.0, SAND_SD_PP, sand.shape), 0.0, 100.0)
    new_clay = np.clip(100.0 * clay / safe + rng.normal(0.0, CLAY_SD_PP, clay.shape), 0.0, 100.0 - new_sand)
    sigma = np.sqrt(np.log1p(OC_CV ** 2))
    new_oc = np.clip(oc * rng.lognormal(-0.5 * sigma ** 2, sigma, oc.shape), 0.0, OC_MAX_PCT)
    values = {"sand": np.where(soil, new_sand, sand), "clay": np.where(soil, new_clay, clay),
              "silt": np.where(soil, 100.0 - new_sand - new_clay, silt), "oc": np.where(soil, new_oc, oc)}
    paths = {}
    for name in TEXTURES:
        paths[name.upper()] = write_raster(os.path.join(folder, f"continuous_{name}.tif"), values[name], grid,
                                           [f"topsoil_{name}_pct"], ["%"])
    return paths


# ------------------------------------------------------------------------------------------- exact check


def _exact_chunk(args, settings, is_cancelled=None):
    """Exact MAGT (10 m) and period-mean ALT of a chunk of columns (as ``core.regional.run`` simulates them)."""
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    res = simulate(**args, node_depths=nodes, years=len(settings.years), spinup_years=settings.spinup_years,
                   dt_days=settings.dt_days or DEFAULT_DT_DAYS, output_depths_m=(10.0,), is_cancelled=is_cancelled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN ALT: no permafrost in any year
        alt = np.nanmean(res.alt_m, axis=0)
    return res.period_mean_c[:, 0], alt


def _take(args, columns):
    return {k: (v.take(columns) if k == "layers" else v[columns] if isinstance(v, np.ndarray) and v.ndim else v)
            for k, v in args.items()}


def gather(checked, settings, rows, cols):
    """The inputs at pixels (rows, cols) as one Block of 1 row × len(rows) columns.

    Pixels are read tile by tile of the climate raster's blocks: one ``read_block`` over the bounding window
    of the pixels inside each tile (a 1×1 read would decompress a whole tile per pixel and band).
    """
    tile_x, tile_y = gdal.Open(checked.inputs.climate).GetRasterBand(1).GetBlockSize()
    tiles = (rows // tile_y) * (checked.grid.cols // tile_x + 1) + cols // tile_x
    order, parts = [], {f.name: [] for f in dataclasses.fields(Block)}
    for tile in np.unique(tiles):
        inside = np.nonzero(tiles == tile)[0]
        r, c = rows[inside], cols[inside]
        x0, y0 = int(c.min()), int(r.min())
        block = read_block(checked, settings, (x0, y0, int(c.max()) - x0 + 1, int(r.max()) - y0 + 1))
        for name, values in parts.items():
            array = getattr(block, name)
            values.append(None if array is None else array[:, r - y0, c - x0][:, None, :])
        order.append(inside)
    back = np.argsort(np.concatenate(order))
    return Block(**{name: None if values[0] is None else np.concatenate(values, axis=2)[:, :, back]
                    for name, values in parts.items()})


def _errors(fast, exact):
    err = np.abs(fast - exact)
    if err.size == 0:
        return {"n": 0}
    return {"n": int(err.size), "max": float(err.max()), "p99": float(np.percentile(err, 99)),
            "mean": float(err.mean()), "bias": float(np.mean(fast - exact))}


def exact_check(inputs, settings, outputs, n, seed, workers):
    """Errors of the run's MAGT and ALT against the exact simulation at ``n`` random pixels with a MAGT."""
    magt_all = read_raster(outputs["magt"], bands=[1])[0]
    rows, cols = np.nonzero(np.isfinite(magt_all))
    pick = np.sort(np.random.default_rng(seed).choice(rows.size, size=min(n, rows.size), replace=False))
    rows, cols = rows[pick], cols[pick]
    checked = check_inputs(inputs, settings)
    block = gather(checked, settings, rows, cols)
    valid = valid_pixels(block)[0]
    if not valid.all():
        raise SystemExit(f"{int((~valid).sum())} checked pixels have a MAGT but not every input: inconsistent run")
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    args = solver_arguments(block, valid[None], settings, nodes, checked.initial_depths_m)
    chunks = [c for c in np.array_split(np.arange(rows.size), max(workers, -(-rows.size // CHECK_CHUNK))) if c.size]
    magt, alt = np.full(rows.size, np.nan), np.full(rows.size, np.nan)
    with open_engine("", workers) as engine:
        for index, (m, a) in engine.map(_exact_chunk, [(_take(args, c), settings) for c in chunks]):
            magt[chunks[index]], alt[chunks[index]] = m, a
    fast_magt = magt_all[rows, cols]
    del magt_all
    fast_alt = read_raster(outputs["alt"], bands=[1])[0][rows, cols]
    names, _ = band_info(outputs["diagnostics"])
    warm = read_raster(outputs["diagnostics"], bands=[names.index("skipped_warm") + 1])[0][rows, cols] == 1
    both = np.isfinite(fast_alt) & np.isfinite(alt)
    columns = np.concatenate([block.soil[:, 0], block.nfactors[:, 0]]).T
    return {
        "pixels": int(rows.size), "seed": seed, "warm_estimated": int(warm.sum()),
        "distinct_soil_nfactor_columns": int(len(np.unique(np.nan_to_num(columns, nan=-1.0), axis=0))),
        "magt_c": _errors(fast_magt, magt),
        "magt_c_simulated": _errors(fast_magt[~warm], magt[~warm]),
        "magt_c_warm_estimated": _errors(fast_magt[warm], magt[warm]),
        "alt_m": _errors(fast_alt[both], alt[both]),
        "alt_presence_mismatch": int((np.isfinite(fast_alt) != np.isfinite(alt)).sum()),
    }


# --------------------------------------------------------------------------------------------------- run


def run_variant(args, out):
    """Prepare, simulate and post-process the region in ``out``; returns the summary dict."""
    west, east, south, north = args.box
    data = lambda *p: os.path.join(SHARED, *p)  # noqa: E731
    o = lambda name: os.path.join(out, name)  # noqa: E731
    stages, results = [], {}

    def stage(name, title, algorithm, **params):
        with Stage(name) as s:
            results[name] = qp.run(title, algorithm, **params)
        stages.append(s.record())
        return results[name]

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        qp = LoggingRunner(workdir, o("logs"))
        grid = stage("prepare_grid", "Model grid", "prepare_grid",
                     EXTENT=f"{west},{east},{south},{north} [EPSG:4326]", RESOLUTION=repr(args.resolution),
                     OUTPUT=o("grid.tif"))["OUTPUT"]
        climate = stage("prepare_climate_stations", "Station climatology (WorldClim 1.4) with the DEM",
                        "prepare_climate_stations", STATIONS_CSV=data(*STATIONS), PREFIX=CLIMATE_PREFIX,
                        ELEVATION_FIELD="ELEV_M", LAT_FIELD="LAT", LON_FIELD="LON", DEM=data(*DEM), TEMPLATE=grid,
                        OUTPUT=o("climate.tif"), REPORT=o("climate_cross_validation.html"))["OUTPUT"]
        textures = {name.upper(): hwsd_path(name) for name in TEXTURES}
        if args.continuous_soil:
            qp.step += 1
            print(f"[{qp.step}] Continuous soil: HWSD texture on the grid, perturbed per pixel", flush=True)
            with Stage("continuous_soil_textures", include_self=True) as s:
                textures = continuous_soil(grid, out, args.seed)
            stages.append(s.record())
        soil = stage("prepare_soil_hwsd", "Soil thermal properties", "prepare_soil_hwsd", **textures,
                     TEMPLATE=grid, OUTPUT=o("soil.tif"))["OUTPUT"]
        nfactors = stage("prepare_nfactors", "n-factors from MODIS IGBP land cover", "prepare_nfactors",
                         LANDCOVER=data(*LANDCOVER), TEMPLATE=grid, OUTPUT=o("nfactors.tif"))["OUTPUT"]
        outputs = {"magt": o("magt_10m.tif"), "magt_depths": o("magt_depths.tif"), "alt": o("alt.tif"),
                   "ttop": o("ttop.tif"), "presence": o("presence.tif"), "diagnostics": o("diagnostics.tif")}
        extra = {} if args.tolerance is None else {"MERGE_TOLERANCE_C": repr(args.tolerance)}
        sim = stage("simulate", f"Simulate {FIRST_YEAR}–{LAST_YEAR}", "simulate", CLIMATE=climate, SOIL=soil,
                    NFACTORS=nfactors, FIRST_YEAR=FIRST_YEAR, LAST_YEAR=LAST_YEAR, TREND=TREND_C_PER_DECADE,
                    CLIMATOLOGY_YEAR=CLIMATOLOGY_YEAR, WORKERS=args.workers, **extra,
                    **{f"OUTPUT_{k.upper()}": v for k, v in outputs.items()})
        stage("permafrost_boundary", "0 °C permafrost boundary and extent", "permafrost_boundary",
              INPUT=sim["OUTPUT_MAGT"], OUTPUT_LINE=o("permafrost_boundary.gpkg"),
              OUTPUT_EXTENT=o("permafrost_extent.gpkg"))
        stage("stability_classes", "Thermal-stability classes", "stability_classes", INPUT=sim["OUTPUT_MAGT"],
              OUTPUT_RASTER=o("stability_classes.tif"), OUTPUT_POLYGONS=o("stability_class_polygons.gpkg"))
    end_to_end = time.perf_counter() - started
    settings = ModelSettings(first_year=FIRST_YEAR, last_year=LAST_YEAR, trend_c_per_decade=TREND_C_PER_DECADE,
                             climatology_year=CLIMATOLOGY_YEAR, workers=args.workers)
    inputs = RegionInputs(climate=climate, soil=soil, nfactors=nfactors)
    check = None
    if args.check:
        print(f"[{qp.step + 1}] Exact simulation of {args.check} random pixels (core solver, no merging, "
              "no warm-pixel rule)", flush=True)
        with Stage("check (exact sample)", include_self=True) as s:
            check = exact_check(inputs, settings, outputs, args.check, args.seed, args.workers)
        stages.append(s.record())
    pixels = int(float(sim.get("PIXELS", 0)))
    sim_wall = next(s["wall_s"] for s in stages if s["stage"] == "simulate")
    return {
        "variant": "continuous soil" if args.continuous_soil else "HWSD soil (classed)",
        "box": [west, east, south, north], "resolution_deg": args.resolution,
        "grid": [int(float(results["prepare_grid"]["COLUMNS"])), int(float(results["prepare_grid"]["ROWS"]))],
        "pixels_simulated": pixels, "years": LAST_YEAR - FIRST_YEAR + 1, "workers": args.workers,
        "merge_tolerance_c": args.tolerance, "cpu_count": os.cpu_count(),
        "load_average_at_end": list(os.getloadavg()),
        "end_to_end_wall_s": round(end_to_end, 1),
        "simulate_pixel_years_per_s": round(pixels * (LAST_YEAR - FIRST_YEAR + 1) / max(sim_wall, 1e-9), 1),
        "stages": stages, "simulate_results": sim, "check": check,
    }


def print_summary(summary):
    print(f"\n{summary['variant']}: {summary['grid'][0]} × {summary['grid'][1]} px, "
          f"{summary['pixels_simulated']} simulated × {summary['years']} years on {summary['workers']} worker(s), "
          f"merge tolerance {summary['merge_tolerance_c'] if summary['merge_tolerance_c'] is not None else 'default'}")
    print(f"\n| {'stage':<{TABLE_STAGES_WIDTH}} | wall s | CPU s | peak MB | max RSS MB |")
    print(f"|{'-' * (TABLE_STAGES_WIDTH + 2)}|-------:|------:|--------:|-----------:|")
    for s in summary["stages"]:
        print(f"| {s['stage']:<{TABLE_STAGES_WIDTH}} | {s['wall_s']:6.1f} | {s['cpu_s']:5.0f} | {s['peak_mb']:7d} | "
              f"{s['max_rss_mb']:10d} |")
    print(f"\nEnd to end (preparation + simulation + outputs): {summary['end_to_end_wall_s']:.0f} s; simulate "
          f"{summary['simulate_pixel_years_per_s']:.0f} pixel-years/s")
    check = summary["check"]
    if not check:
        return
    print(f"\nCheck against the exact simulation at {check['pixels']} random pixels (seed {check['seed']}; "
          f"{check['warm_estimated']} estimated by the warm-pixel rule; {check['distinct_soil_nfactor_columns']} "
          "distinct soil + n-factor columns among them):")
    for key, label, unit in (("magt_c", "MAGT(10 m), all", "°C"), ("magt_c_simulated", "MAGT(10 m), simulated", "°C"),
                             ("magt_c_warm_estimated", "MAGT(10 m), warm-estimated", "°C"),
                             ("alt_m", "ALT (both with permafrost)", "m")):
        e = check[key]
        if e["n"]:
            print(f"    {label:<28} n={e['n']:5d}  max {e['max']:.3g} {unit}  p99 {e['p99']:.3g} {unit}  "
                  f"mean {e['mean']:.3g} {unit}  bias {e['bias']:+.3g} {unit}")
    print(f"    ALT with/without permafrost differs at {check['alt_presence_mismatch']} pixel(s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--continuous-soil", action="store_true", help="per-pixel perturbed soil texture")
    parser.add_argument("--box", default=",".join(f"{v:g}" for v in DOMAIN), help="W,E,S,N in degrees")
    parser.add_argument("--resolution", type=float, default=RESOLUTION, help="grid cell size, degrees")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--tolerance", type=float, default=None,
                        help="MERGE_TOLERANCE_C of permafrost:simulate (°C of MAGT); default: not passed")
    parser.add_argument("--check", type=int, default=2000, help="random pixels checked exactly (0: none)")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench_domain_output"))
    args = parser.parse_args()
    args.box = tuple(float(v) for v in args.box.split(","))
    if not os.path.exists(hwsd_path("sand")):
        raise SystemExit(f"{SHARED} not found: make bench-domain needs ../shared beside the project")
    out = os.path.join(os.path.abspath(args.out), "continuous_soil" if args.continuous_soil else "hwsd_soil")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    print(f"Region {args.box[0]}–{args.box[1]} E, {args.box[2]}–{args.box[3]} N at {args.resolution * 3600:.0f}″, "
          f"{'continuous' if args.continuous_soil else 'HWSD'} soil; outputs in {out}", flush=True)
    summary = run_variant(args, out)
    with open(os.path.join(out, "bench_domain.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
    print_summary(summary)
    print(f"\nWritten: {os.path.join(out, 'bench_domain.json')}")


if __name__ == "__main__":
    main()
