"""Solver calls shared by the regional run's paths: full simulation of some pixels, or the warm-pixel estimate."""

import warnings

import numpy as np

from ..heat import DEFAULT_DT_DAYS, simulate
from .warm_skip import warm_estimate

DIAGNOSTIC_BANDS = (("permafrost_table_m", "m"), ("permafrost_base_m", "m"), ("spinup_years", "years"),
                    ("spinup_converged", "1"), ("energy_residual", "1"), ("unconverged_steps", "steps"),
                    ("substepped_steps", "steps"), ("skipped_warm", "1"), ("interpolated", "1"),
                    ("check_error_c", "degC"))
"""Diagnostics bands. ``interpolated``: 1 where the merged run interpolated the pixel instead of simulating
it; ``check_error_c``: at the merged run's check pixels, its MAGT(10 m) minus the exact simulation's."""
BAND = {name: i for i, (name, _) in enumerate(DIAGNOSTIC_BANDS)}
COUNTS = ("substepped_steps", "substepped_pixels", "capped_steps", "capped_pixels")
"""Run totals: steps re-stepped in sub-steps (and pixels with one), steps left unconverged (and pixels)."""


def subset(args, columns):
    """Solver arguments of the selected columns."""
    out = {}
    for key, value in args.items():
        if key == "layers":
            out[key] = value.take(columns)
        elif isinstance(value, np.ndarray) and value.ndim >= 1:
            out[key] = value[columns]
        else:
            out[key] = value
    return out


def simulated(args, settings, nodes, depths, is_cancelled):
    """Per-pixel outputs (key → (bands, npix)) of a full simulation on node depths ``nodes``, and the
    largest energy residual and the :data:`COUNTS` as a dict."""
    res = simulate(**args, node_depths=nodes,
                   years=len(settings.years), spinup_years=settings.spinup_years,
                   dt_days=settings.dt_days or DEFAULT_DT_DAYS, output_depths_m=depths, is_cancelled=is_cancelled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN ALT: no permafrost in any year
        alt = np.nanmean(res.alt_m, axis=0)
    zeros = np.zeros(res.magt_c.shape)
    return {
        "period": res.period_mean_c.T, "alt": alt[None], "ttop": np.asarray(res.ttop_c)[None],
        "diagnostics": np.stack([res.permafrost_table_m, res.permafrost_base_m, res.spinup_years_used,
                                 res.spinup_converged, res.energy_residual, res.unconverged_steps,
                                 res.substepped_steps, zeros, zeros, np.full(zeros.shape, np.nan)]).astype(float),
    }, {"energy_residual": float(res.energy_residual.max()),
        "substepped_steps": int(res.substepped_steps.sum()), "substepped_pixels": int((res.substepped_steps > 0).sum()),
        "capped_steps": int(res.unconverged_steps.sum()), "capped_pixels": int((res.unconverged_steps > 0).sum())}


def estimated(args, depths):
    """Per-pixel outputs of pixels skipped by the warm rule (see ``warm_skip``)."""
    n = args["layers"].ncol
    t_top, period = warm_estimate(args["layers"], args["monthly_air_c"], args.get("n_freezing", 1.0),
                                  args.get("n_thawing", 1.0), args["geothermal_flux_w_m2"], depths)
    return {"period": period.T, "alt": np.full((1, n), np.nan), "ttop": t_top[None],
            "diagnostics": warm_diagnostics(n)}


def warm_diagnostics(n):
    """Diagnostics bands (nband, n) of pixels the warm rule estimated: no permafrost depths, flagged."""
    out = np.zeros((len(DIAGNOSTIC_BANDS), n))
    out[[BAND["permafrost_table_m"], BAND["permafrost_base_m"], BAND["check_error_c"]]] = np.nan
    out[[BAND["spinup_converged"], BAND["skipped_warm"]]] = 1.0
    return out
