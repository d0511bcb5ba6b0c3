"""Time-step convergence of MAGT(10 m) and ALT on a Mohe-like column, against a dt = 0.25-day reference.

Run from the repository root: ``/usr/bin/python3 benchmarks/dt_convergence.py`` (about a minute).
Column: 0.2 m organic-rich silt (free water), silt to 3 m with an unfrozen-water curve
(theta_u = 0.05|T|^-0.45), bedrock below; MAAT -4 °C (January -28.6, July +17.4 °C); n_f 0.5, n_t 0.9;
q = 0.06 W/m2; default grid. The same column 2.5 °C warmer (MAAT -1.5 °C, near-0 °C permafrost with
a deeper active layer) is run as a robustness check. Every run starts from the same equilibrium
profile and simulates the same 10 years; the last year is compared. DEFAULT_DT_DAYS is the largest dt
with a MAGT error <= 0.05 °C and an ALT error <= 5 cm on both climates.
"""

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.heat import Layers, make_grid, simulate  # noqa: E402

MOHE_MONTHLY_C = np.array([-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5])
MOHE_MONTHLY_C = MOHE_MONTHLY_C - (MOHE_MONTHLY_C.mean() + 4.0)
YEARS = 10
MAGT_TOL_C = 0.05
ALT_TOL_M = 0.05


def mohe_column():
    nan = np.nan
    return Layers([[0.2, 2.8, 50.0]], [[0.8, 1.6, 2.5]], [[0.3, 1.3, 2.5]], [[1.9e6, 2.0e6, 2.0e6]],
                  [[3.3e6, 2.8e6, 2.1e6]], [[0.55, 0.35, 0.03]], [[nan, 0.05, nan]], [[nan, 0.45, nan]])


def run(dt_days, warming):
    start = time.perf_counter()
    res = simulate(mohe_column(), make_grid(), monthly_air_c=MOHE_MONTHLY_C[None, :] + warming, n_freezing=0.5,
                   n_thawing=0.9, years=YEARS, dt_days=dt_days)
    return res, time.perf_counter() - start


def main():
    passing = []
    for warming in (0.0, 2.5):
        ref, ref_time = run(0.25, warming)
        magt_ref, alt_ref = ref.magt_c[0], ref.alt_m[-1, 0]
        print(f"\nMAAT {-4 + warming:.1f} °C. Reference dt = 0.25 day: MAGT(10 m) = {magt_ref:.4f} °C, "
              f"ALT = {alt_ref:.4f} m ({ref_time:.1f} s)\n")
        print("| dt (days) | dt used | MAGT(10 m) °C | MAGT error °C | ALT m | ALT error m | unconverged steps "
              "| time s |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        ok = set()
        for dt in (1, 2, 5, 10, 30):
            res, elapsed = run(dt, warming)
            magt_err = abs(res.magt_c[0] - magt_ref)
            alt_err = abs(res.alt_m[-1, 0] - alt_ref)
            if magt_err <= MAGT_TOL_C and alt_err <= ALT_TOL_M:
                ok.add(dt)
            print(f"| {dt} | {res.dt_days:.4g} | {res.magt_c[0]:.4f} | {magt_err:.4f} | {res.alt_m[-1, 0]:.3f} | "
                  f"{alt_err:.3f} | {res.unconverged_steps[0]} | {elapsed:.1f} |", flush=True)
        passing.append(ok)
    both = set.intersection(*passing)
    print(f"\nLargest dt with MAGT error <= {MAGT_TOL_C} °C and ALT error <= {ALT_TOL_M} m on both: "
          f"{max(both) if both else None} days")


if __name__ == "__main__":
    main()
