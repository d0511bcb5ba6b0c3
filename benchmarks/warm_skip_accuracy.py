"""Accuracy of the warm-pixel shortcut: steady-profile estimate vs full simulation of MAGT(10 m).

Run from the plugin folder:  /usr/bin/python3 benchmarks/warm_skip_accuracy.py
80 columns (organic mat over silt with an unfrozen-water curve over bedrock) with MAAT from −2 to
+10 °C, random annual amplitude and n-factors, 2010–2024 with a 0.3 °C/decade trend, default grid
and time step. Prints, for the columns the rule skips (TTOP > threshold in every year), the error
of the estimate and the coldest full-simulation MAGT among them.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.heat import DEFAULT_DT_DAYS, Layers, make_grid, simulate  # noqa: E402
from core.regional.columns import yearly_air  # noqa: E402
from core.regional.warm_skip import warm_estimate, warm_pixels  # noqa: E402

CYCLE = np.array([-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5])
CYCLE = CYCLE - CYCLE.mean()


def main(n=80, thresholds=(1.0, 2.0, 3.0)):
    rng = np.random.default_rng(1)

    def tile(values):
        return np.tile(values, (n, 1)).astype(float)

    layers = Layers(thickness_m=tile([0.2, 2.8, 1.0]), k_frozen=tile([0.6, 1.9, 2.6]), k_thawed=tile([0.25, 1.3, 2.5]),
                    c_frozen=tile([1.9e6, 1.9e6, 2.0e6]), c_thawed=tile([3.2e6, 2.6e6, 2.1e6]),
                    water_content=tile([0.6, 0.32, 0.05]), unfrozen_a=tile([np.nan, 0.06, np.nan]),
                    unfrozen_b=tile([np.nan, 0.45, np.nan]))
    maat = np.linspace(-2.0, 10.0, n)
    air = yearly_air(maat[:, None] + rng.uniform(0.7, 1.1, n)[:, None] * CYCLE[None], range(2010, 2025), 0.3)
    nf, nt = rng.uniform(0.3, 0.9, n), rng.uniform(0.8, 1.2, n)
    full = simulate(layers, make_grid(), monthly_air_c=air, n_freezing=nf, n_thawing=nt, years=15,
                    dt_days=DEFAULT_DT_DAYS).period_mean_c[:, 0]
    _, estimate = warm_estimate(layers, air, nf, nt, 0.06, [10.0])
    print(f"dt = {DEFAULT_DT_DAYS} d, {n} columns, MAAT −2…+10 °C, 2010–2024 at +0.3 °C/decade\n")
    print("| TTOP threshold (°C) | columns skipped | max error (°C) | mean error (°C) | coldest skipped MAGT (°C) |")
    print("|---|---|---|---|---|")
    for threshold in thresholds:
        warm = warm_pixels(layers, air, nf, nt, threshold)
        err = estimate[warm, 0] - full[warm]
        print(f"| {threshold:g} | {warm.sum()} | {np.abs(err).max():.2f} | {err.mean():+.2f} | {full[warm].min():.2f} |")


if __name__ == "__main__":
    main()
