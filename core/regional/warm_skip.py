"""The documented shortcut for pixels that can hold no permafrost.

Rule: a pixel that starts from its TTOP equilibrium (no initial-state raster) and whose TTOP
(Smith & Riseborough) exceeds ``threshold_c`` in every simulated year is not simulated. Such a
column has no frozen ground at the depth of zero annual amplitude in any year and starts without
permafrost, so its 10 m temperature cannot fall below 0 °C. Its outputs come from the steady
conduction profile instead: MAGT(z) = TTOP_mean + q·∫dz/k (``core.heat.equilibrium_profile``),
ALT is NoData (no permafrost), and the diagnostics flag the pixel. The accuracy cost against full
simulation is measured in ``benchmarks/warm_skip_accuracy.py`` and tested in
``tests/core/test_regional_warm_skip.py``.
"""

import numpy as np

from ..heat import equilibrium_profile
from ..heat.ttop import active_layer_conductivity, degree_days, ttop_from_degree_days


def yearly_ttop(layers, monthly_air_c, n_freezing, n_thawing):
    """TTOP (°C) of each simulated year, (ncol, nyears), from (ncol, nyears, 12) monthly air temperature."""
    k_f, k_t = active_layer_conductivity(layers)
    tdd, fdd = degree_days(monthly_air_c)
    shape = (layers.ncol, 1)
    nf = np.broadcast_to(np.asarray(n_freezing, dtype=float).reshape(-1, 1), shape)
    nt = np.broadcast_to(np.asarray(n_thawing, dtype=float).reshape(-1, 1), shape)
    return ttop_from_degree_days(tdd, fdd, nf, nt, k_f[:, None], k_t[:, None])


def warm_pixels(layers, monthly_air_c, n_freezing, n_thawing, threshold_c):
    """Boolean (ncol,): pixels whose TTOP exceeds ``threshold_c`` in every year (the rule above)."""
    return yearly_ttop(layers, monthly_air_c, n_freezing, n_thawing).min(axis=1) > threshold_c


def warm_estimate(layers, monthly_air_c, n_freezing, n_thawing, flux_w_m2, depths_m):
    """(mean TTOP (ncol,), steady temperature at ``depths_m`` (ncol, ndepth)) for skipped pixels, °C."""
    t_top = yearly_ttop(layers, monthly_air_c, n_freezing, n_thawing).mean(axis=1)
    return t_top, equilibrium_profile(layers, np.asarray(depths_m, dtype=float), t_top, flux_w_m2)
