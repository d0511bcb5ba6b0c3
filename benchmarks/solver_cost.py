"""Solver cost per column-year: CPU time, Newton iterations per column-step, and results to compare.

Run from the repository root (one core; run with ``nice -n 10`` on a shared machine):
    /usr/bin/python3 benchmarks/solver_cost.py [--columns 3000] [--years 15] [--prepared DIR] [--save a.npz]
    /usr/bin/python3 benchmarks/solver_cost.py --compare a.npz b.npz
Columns are the heterogeneous Mohe-like ones of ``bench_solver.py`` or, with ``--prepared DIR``, random valid
pixels of the plugin's prepared climate.tif, soil.tif and nfactors.tif in DIR. Default grid and step,
equilibrium start. ``--save`` writes MAGT(10 m), ALT, period means and the final profiles;
``--compare`` prints the largest differences between two such files (e.g. before / after a solver change).
"""

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.bench_solver import random_columns  # noqa: E402
from core.heat import make_grid, simulate, stepper  # noqa: E402

FIELDS = ("magt_c", "alt_m", "period_mean_c", "final_temperature_c")


def prepared_columns(folder, ncol, seed=0):
    """simulate() arguments of ``ncol`` random valid pixels of the prepared rasters in ``folder``."""
    from core.raster_io import read_raster
    from core.regional.columns import Block, solver_arguments, valid_pixels
    from core.regional.inputs import ModelSettings

    block = Block(climate=read_raster(os.path.join(folder, "climate.tif")),
                  soil=read_raster(os.path.join(folder, "soil.tif")),
                  nfactors=read_raster(os.path.join(folder, "nfactors.tif")))
    valid = valid_pixels(block)
    chosen = np.random.default_rng(seed).choice(np.flatnonzero(valid), ncol, replace=False)
    pick = np.zeros(valid.size, dtype=bool)
    pick[chosen] = True
    return solver_arguments(block, pick.reshape(valid.shape), ModelSettings(), make_grid())


def count_iterations():
    """Wrap Stepper._update to count Newton iterations summed over the columns that iterate; returns the counter."""
    counter = [0]
    update = stepper.Stepper._update

    def counted(self, cols, state, it):
        counter[0] += int(state.active.sum())
        update(self, cols, state, it)

    stepper.Stepper._update = counted
    return counter


def compare(a_path, b_path):
    a, b = np.load(a_path), np.load(b_path)
    for name in FIELDS:
        x, y = a[name], b[name]
        both = np.isfinite(x) & np.isfinite(y)
        print(f"{name}: max |difference| {np.abs(x - y)[both].max():.2e}, "
              f"NaN in one only: {int((np.isnan(x) != np.isnan(y)).sum())}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=3000)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--prepared", help="folder with the prepared climate.tif, soil.tif, nfactors.tif")
    parser.add_argument("--save", help="write the results to this .npz")
    parser.add_argument("--compare", nargs=2, metavar="NPZ")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if args.prepared:
        kwargs = prepared_columns(args.prepared, args.columns)
    else:
        layers, air, nf, nt = random_columns(args.columns, seed=3)
        kwargs = dict(layers=layers, monthly_air_c=air, n_freezing=nf, n_thawing=nt)
    counter = count_iterations()
    start = time.process_time()
    result = simulate(node_depths=make_grid(), years=args.years, **kwargs)
    cpu = time.process_time() - start
    column_steps = args.columns * args.years * round(365 / result.dt_days)
    print(f"{args.columns} columns x {args.years} years: CPU {cpu:.1f} s, {args.columns * args.years / cpu:.0f} "
          f"column-years/s, {counter[0] / column_steps:.2f} Newton iterations per column-step, "
          f"{int(result.substepped_steps.sum())} re-stepped steps, {int(result.unconverged_steps.sum())} unconverged")
    if args.save:
        np.savez(args.save, **{name: getattr(result, name) for name in FIELDS})


if __name__ == "__main__":
    main()
