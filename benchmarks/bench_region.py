"""Regional-run benchmark: pixel-years per second on a synthetic but realistic NE China region.

Run from the plugin folder:  /usr/bin/python3 benchmarks/bench_region.py [--size 500] [--years 1] [--dask local:2]
``--dask`` also times the run on Dask schedulers (``local:N`` or ``tcp://host:port``) and, for ``local:N``,
gives its wall time relative to the process pool of N workers: the engine's overhead on one machine.
The region spans 49.5–53.5 N at 30″ cells; its climate follows a Mohe-like annual cycle whose mean
air temperature falls from −1 °C in the south to −5 °C in the north with terrain-like noise; soil
is an organic mat over silt over weathered bedrock; n-factors vary like forest and wetland.
``--memory`` instead runs a 2 000 × 2 000 grid (4 M output pixels, every 20th row land, the rest NoData
as over sea) for one year at a 30-day step with one worker (in-process, so the process's peak resident
memory is the whole run's) and reports it; the inputs are written by a separate process first. It shows
that memory depends on the block size, not on the region.
"""

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core import schema  # noqa: E402
from core.raster_io import Grid, write_raster  # noqa: E402
from core.regional import ModelSettings, RegionInputs, run_region  # noqa: E402

CYCLE = np.array([-24.0, -18.5, -8.0, 4.0, 13.0, 19.5, 22.0, 19.0, 11.5, 1.5, -12.0, -21.5])
CYCLE = CYCLE - CYCLE.mean()
FULL_DOMAIN_PIXELS = 5.2e6  # 112.75–134.94 E, 38.04–54.35 N at 30″


def synthetic_region(folder, size, land_every=1):
    """Write climate, soil and n-factor rasters for a size × size region; returns RegionInputs.

    Only every ``land_every``-th row holds data; the others are NoData (sea).
    """
    rng = np.random.default_rng(42)
    res = 1.0 / 120.0
    grid = Grid.from_extent(122.0, 53.5 - size * res, 122.0 + size * res, 53.5, res)
    lat = np.linspace(53.5, 53.5 - size * res, size)[:, None]
    maat = -5.0 + 4.0 * (53.5 - lat) / 4.0 + rng.normal(0.0, 0.7, (size, size))
    climate = maat[None] + CYCLE[:, None, None]
    climate[:, np.arange(size) % land_every != 0, :] = np.nan
    layers = [
        dict(thickness_m=0.2, k_frozen=0.6, k_thawed=0.25, c_frozen=1.9e6, c_thawed=3.2e6, water_content=0.6,
             unfrozen_a=0.0, unfrozen_b=0.0),
        dict(thickness_m=2.8, k_frozen=1.9, k_thawed=1.3, c_frozen=1.9e6, c_thawed=2.6e6, water_content=0.32,
             unfrozen_a=0.06, unfrozen_b=0.45),
        dict(thickness_m=1.0, k_frozen=2.6, k_thawed=2.5, c_frozen=2.0e6, c_thawed=2.1e6, water_content=0.05,
             unfrozen_a=0.0, unfrozen_b=0.0),
    ]
    soil = np.stack([np.full((size, size), layer[f]) for layer in layers for f, _ in schema.SOIL_FIELDS])
    soil[0] = rng.uniform(0.05, 0.4, (size, size))  # organic mat thickness
    nfactors = np.stack([rng.uniform(0.4, 0.7, (size, size)), rng.uniform(0.8, 1.0, (size, size))])
    return RegionInputs(
        climate=write_raster(os.path.join(folder, "climate.tif"), climate, grid, list(schema.CLIMATE_BANDS)),
        soil=write_raster(os.path.join(folder, "soil.tif"), soil, grid, schema.soil_band_names(3)),
        nfactors=write_raster(os.path.join(folder, "nfactors.tif"), nfactors, grid, list(schema.NFACTOR_BANDS)),
    )


def timed_run(inputs, folder, years, workers, dt_days=None, dask_scheduler=""):
    settings = ModelSettings(first_year=2010, last_year=2009 + years, workers=workers, dt_days=dt_days,
                             dask_scheduler=dask_scheduler)
    name = dask_scheduler.replace(":", "") or workers
    outputs = {"magt": os.path.join(folder, f"magt_{name}.tif"), "alt": os.path.join(folder, f"alt_{name}.tif")}
    start = time.perf_counter()
    summary = run_region(inputs, settings, outputs, log=lambda *_: None)
    return summary["pixels"], time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500, help="region is size × size pixels")
    parser.add_argument("--years", type=int, default=1, help="simulated years")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--memory", action="store_true", help="2 000 × 2 000 run (dt 30 d) for peak memory")
    parser.add_argument("--dask", nargs="*", default=[], metavar="SCHEDULER",
                        help="also time these Dask schedulers (e.g. local:2) against the process pool")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.memory:
            writer = multiprocessing.get_context("spawn").Process(target=synthetic_region, args=(folder, 2000, 20))
            writer.start()
            writer.join()
            inputs = RegionInputs(*(os.path.join(folder, f"{n}.tif") for n in ("climate", "soil", "nfactors")))
            pixels, seconds = timed_run(inputs, folder, 1, 1, dt_days=30.0)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"2000 × 2000 grid, {pixels} land pixels, 1 year at dt 30 d, 1 worker: {seconds:.0f} s; "
                  f"peak resident memory {peak:.0f} MiB")
            return
        inputs = synthetic_region(folder, args.size)
        print("| workers | pixels | years | wall time (s) | pixel-years/s | full domain (5.2 M px × 15 yr) |")
        print("|---|---|---|---|---|---|")
        pool_seconds = {}
        for workers in args.workers:
            pixels, pool_seconds[workers] = timed_run(inputs, folder, args.years, workers)
            print(row(workers, pixels, args.years, pool_seconds[workers]))
        for scheduler in args.dask:
            pixels, seconds = timed_run(inputs, folder, args.years, 1, dask_scheduler=scheduler)
            print(row(f"Dask {scheduler}", pixels, args.years, seconds))
            same = _pool_of(scheduler, pool_seconds)
            if same:
                print(f"\nDask {scheduler} / process pool of {same} workers, wall time: "
                      f"{seconds / pool_seconds[same]:.2f}")


def row(label, pixels, years, seconds):
    rate = pixels * years / seconds
    full_hours = FULL_DOMAIN_PIXELS * 15 / rate / 3600
    return f"| {label} | {pixels} | {years} | {seconds:.1f} | {rate:.0f} | {full_hours:.1f} h |"


def _pool_of(scheduler, pool_seconds):
    """The process-pool run with as many workers as a ``local:N`` scheduler, if it was timed."""
    n = int(scheduler.split(":")[1]) if scheduler.startswith("local:") else None
    return n if n in pool_seconds else None


if __name__ == "__main__":
    main()
