"""Peak resident memory of the preparation tools on the full published domain at 30″.

Run from the plugin folder:  nice -n 10 /usr/bin/python3 benchmarks/bench_prep_memory.py [--res 120] [--tools station hwsd]
Each tool runs in a child process over 112.75–134.94 E, 38.04–54.35 N at 1/``res`` degree (2 663 × 1 957
pixels at 1/120°, every pixel inside the region) from the real files in ../shared/data (or $PERMAFROST_DATA): the station
climatology (``chelsa11_temp_`` columns) with the 100–140 E DEM, and the 100–140 E HWSD topsoil rasters. It
prints each child's peak resident memory (``ru_maxrss``), the same after imports only, and the CPU time.
"""

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DATA = os.environ.get("PERMAFROST_DATA", os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "data"))
EXTENT = (112.75, 38.04, 134.94, 54.35)
STATIONS = os.path.join(DATA, "stations", "station_climatology_38-58N_105-140E.csv")
DEM = os.path.join(DATA, "dem", "itu_p1511_2_topo_100-140E_38-60N_1-12deg.tif")
HWSD = [os.path.join(DATA, "soil_hwsd", f"hwsd_topsoil_{p}_100-140E_38-60N_0p05.tif")
        for p in ("sand", "silt", "clay", "oc")]


def _run(tool, res, folder, queue):
    import numpy as np

    from core.prep.grid import grid_from_extent
    from core.prep.soil_rasters import prepare_hwsd_soil
    from core.prep.stations import prepare_station_climate, read_station_csv

    grid, mask = grid_from_extent(*EXTENT, res=1.0 / res)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    out = os.path.join(folder, f"{tool}.tif")
    if tool == "station":
        prepare_station_climate(read_station_csv(STATIONS, "chelsa11_temp_"), DEM, grid, mask, out,
                                report_path=os.path.join(folder, "cv.html"))
    else:
        prepare_hwsd_soil(*HWSD, grid, mask, out)
    queue.put((grid.cols, grid.rows, int(np.isfinite(mask).sum()), base,
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time() - t0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--res", type=float, default=120.0, help="pixels per degree (120 = 30″)")
    parser.add_argument("--tools", nargs="+", default=["station", "hwsd"], choices=["station", "hwsd"])
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        for tool in args.tools:
            queue = ctx.Queue()
            p = ctx.Process(target=_run, args=(tool, args.res, folder, queue))
            p.start()
            p.join()
            if p.exitcode:
                sys.exit(f"{tool}: the child process failed (exit code {p.exitcode})")
            cols, rows, n, base, peak, cpu = queue.get()
            print(f"{tool:8s} {cols} × {rows} grid ({n / 1e6:.2f} M pixels in the mask): peak RSS "
                  f"{peak / 1024:.0f} MiB (after imports and the grid mask: {base / 1024:.0f} MiB), "
                  f"CPU {cpu:.1f} s", flush=True)


if __name__ == "__main__":
    main()
