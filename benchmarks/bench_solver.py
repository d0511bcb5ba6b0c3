"""Solver throughput: column-years/s and node-steps/s on the default grid with daily steps.

Run from the repository root: ``/usr/bin/python3 benchmarks/bench_solver.py`` (about 4 minutes).
The last row uses DEFAULT_DT_DAYS instead of daily steps.
Columns are Mohe-like (see benchmarks/dt_convergence.py) with random per-column perturbations of
climate (MAAT -4 +- 3 °C), organic-layer thickness, water content, unfrozen-water curve and n-factors,
so the batch is as heterogeneous as a real region. Each case simulates one year from the equilibrium
start; the 1-column case runs several independent calls and averages them.
"""

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.heat import DEFAULT_DT_DAYS, Layers, make_grid, simulate  # noqa: E402

MOHE_MONTHLY_C = np.array([-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5])
MOHE_MONTHLY_C = MOHE_MONTHLY_C - (MOHE_MONTHLY_C.mean() + 4.0)  # MAAT -4 °C


def random_columns(ncol, seed=0):
    """Layers, monthly air temperature (ncol, 12) and n-factors of ``ncol`` perturbed Mohe-like columns."""
    rng = np.random.default_rng(seed)

    def per_layer(*values):
        return np.tile(np.array(values, dtype=float), (ncol, 1))

    organic = rng.uniform(0.1, 0.4, ncol)
    thickness = per_layer(0.2, 2.8, 50.0)
    thickness[:, 0] = organic
    water = per_layer(0.55, 0.35, 0.03)
    water[:, 1] = rng.uniform(0.25, 0.45, ncol)
    curve_a = per_layer(np.nan, 0.05, np.nan)
    curve_a[:, 1] = rng.uniform(0.02, 0.08, ncol)
    layers = Layers(thickness, per_layer(0.8, 1.6, 2.5), per_layer(0.3, 1.3, 2.5), per_layer(1.9e6, 2.0e6, 2.0e6),
                    per_layer(3.3e6, 2.8e6, 2.1e6), water, curve_a, per_layer(np.nan, 0.45, np.nan))
    air = MOHE_MONTHLY_C[None, :] + rng.uniform(-3.0, 3.0, (ncol, 1))
    return layers, air, rng.uniform(0.4, 0.7, ncol), rng.uniform(0.8, 1.0, ncol)


def run(ncol, seed=0, dt_days=1.0):
    """Simulate one year of ``ncol`` columns; returns the wall time (s)."""
    layers, air, nf, nt = random_columns(ncol, seed)
    start = time.perf_counter()
    simulate(layers, make_grid(), monthly_air_c=air, n_freezing=nf, n_thawing=nt, years=1, dt_days=dt_days)
    return time.perf_counter() - start


def measure(ncol, processes, repeats=1, dt_days=1.0):
    """(column-years/s, node-steps/s) for ``ncol`` columns split over ``processes`` worker processes."""
    nnode = make_grid().size
    steps = round(365 / dt_days)
    start = time.perf_counter()
    for r in range(repeats):
        if processes == 1:
            run(ncol, r, dt_days)
        else:
            with ProcessPoolExecutor(processes) as pool:
                list(pool.map(run, [ncol // processes] * processes, range(processes), [dt_days] * processes))
    elapsed = time.perf_counter() - start
    col_years = ncol * repeats / elapsed
    return col_years, col_years * steps * nnode


def main():
    nnode = make_grid().size
    print(f"Default grid: {nnode} nodes to {make_grid()[-1]:.0f} m; 1 simulated year per run\n")
    print("| columns | processes | dt (days) | column-years/s | node-steps/s |")
    print("|---:|---:|---:|---:|---:|")
    cases = ((1, 1, 5, 1.0), (1000, 1, 1, 1.0), (1000, 2, 1, 1.0), (20000, 1, 1, 1.0), (20000, 2, 1, 1.0),
             (20000, 2, 1, DEFAULT_DT_DAYS))
    for ncol, processes, repeats, dt in cases:
        col_years, node_steps = measure(ncol, processes, repeats, dt)
        note = f" ({repeats} runs)" if repeats > 1 else ""
        print(f"| {ncol}{note} | {processes} | {dt:g} | {col_years:.1f} | {node_steps:.3g} |", flush=True)


if __name__ == "__main__":
    main()
