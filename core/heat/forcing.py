"""Surface forcing: mean-preserving monthly-to-daily interpolation, n-factors and step means."""

import numpy as np

DAYS_PER_YEAR = 365
MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _monthly_to_daily_matrix():
    """(365, 12) matrix W with daily = W @ monthly, periodic, piecewise linear, mean-preserving.

    Daily values lie on a periodic piecewise-linear curve through 12 knots at the month mid-points;
    the knot values solve the 12x12 system that makes each month's mean of its daily values equal the
    given monthly mean (exactly, to rounding).
    """
    edges = np.r_[0, np.cumsum(MONTH_DAYS)]
    mids = 0.5 * (edges[:-1] + edges[1:])
    days = np.arange(DAYS_PER_YEAR) + 0.5
    knots = np.r_[mids[-1] - DAYS_PER_YEAR, mids, mids[0] + DAYS_PER_YEAR]
    interp = np.empty((DAYS_PER_YEAR, 12))
    for m in range(12):
        unit = np.zeros(14)
        unit[m + 1] = 1.0
        if m == 0:
            unit[13] = 1.0
        if m == 11:
            unit[0] = 1.0
        interp[:, m] = np.interp(days, knots, unit)
    average = np.zeros((12, DAYS_PER_YEAR))
    for m in range(12):
        average[m, edges[m]:edges[m + 1]] = 1.0 / MONTH_DAYS[m]
    return interp @ np.linalg.inv(average @ interp)


_MONTHLY_TO_DAILY = _monthly_to_daily_matrix()


def monthly_to_daily(monthly):
    """Daily values (..., 365) of a 365-day year whose monthly means equal ``monthly`` (..., 12) exactly."""
    monthly = np.asarray(monthly, dtype=float)
    if monthly.shape[-1:] != (12,):
        raise ValueError(f"monthly values must have 12 entries on the last axis, got shape {monthly.shape}")
    return monthly @ _MONTHLY_TO_DAILY.T


def apply_n_factors(air_c, n_freezing, n_thawing):
    """Ground-surface temperature: n_freezing*T_air where T_air < 0, else n_thawing*T_air.

    ``air_c`` has shape (ncol, ndays); the n-factors are scalars or (ncol,) arrays.
    """
    nf = np.asarray(n_freezing, dtype=float).reshape(-1, 1)
    nt = np.asarray(n_thawing, dtype=float).reshape(-1, 1)
    return np.where(air_c < 0.0, nf * air_c, nt * air_c)


def step_means(daily, start_day, dt_days, nsteps):
    """Mean of a piecewise-constant daily series over each step [start + n*dt, start + (n+1)*dt).

    ``daily`` (ncol, P) repeats with period P days. Returns (nsteps, ncol).
    """
    period = daily.shape[1]
    cumulative = np.concatenate([np.zeros((daily.shape[0], 1)), np.cumsum(daily, axis=1)], axis=1)
    ends = start_day + dt_days * np.arange(nsteps + 1)
    whole, part = np.divmod(ends, period)
    day = np.minimum(np.floor(part).astype(int), period - 1)
    frac = part - day
    integral = whole * cumulative[:, -1:] + cumulative[:, day] + frac * daily[:, day]
    return (np.diff(integral, axis=1) / dt_days).T
