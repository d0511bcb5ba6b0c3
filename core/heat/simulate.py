"""Time loop of the column model: forcing, spin-up, annual outputs, ALT and permafrost depths."""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .forcing import DAYS_PER_YEAR, apply_n_factors, monthly_to_daily, step_means
from .grid import check_grid
from .layers import Layers
from .properties import enthalpy, node_material
from .stepper import Stepper
from .thaw_depths import permafrost_depths, thaw_depth
from .ttop import active_layer_conductivity, degree_days, equilibrium_profile, ttop_from_degree_days

SECONDS_PER_DAY = 86400.0
# Largest step of 1, 2, 5, 10, 30 days whose MAGT(10 m) error is <= 0.05 °C and ALT error <= 5 cm
# against a 0.25-day reference on a Mohe-like column and a 2.5 °C warmer one (30 days fails the ALT
# of the warm one): see benchmarks/dt_convergence.py and benchmarks/RESULTS_solver.md. Rounded to
# 365/36 = 10.14 days so that a year holds whole steps.
DEFAULT_DT_DAYS = 10.0
_CHECK_EVERY_STEPS = 10
CHUNK_COLUMNS = 1000  # larger batches run in chunks of this many columns (their arrays then stay in cache)


class Cancelled(Exception):
    """Raised by :func:`simulate` when ``is_cancelled()`` returns True."""


@dataclass
class SimulationResult:
    """Outputs of :func:`simulate`; temperatures in °C, depths in m (positive down).

    annual_mean_c (nyears, ncol, ndepth): mean over each full simulated 365-day year at output_depths_m.
    alt_m (nyears, ncol): active-layer thickness = deepest thaw (0 °C crossing of the year's maximum-
        temperature envelope, interpolated between nodes; within a free-water node from its maximum
        liquid fraction); 0 when the surface never thaws; NaN when no ground stays frozen all year.
    magt_c (ncol,): annual mean at 10 m over the last full simulated year (NaN if the grid is shallower).
    period_mean_c (ncol, ndepth): mean over all simulated (not spin-up) time at output_depths_m.
    permafrost_table_m, permafrost_base_m (ncol,): top and bottom of the shallowest body of ground whose
        maximum temperature over the last full year is < 0 °C; NaN without permafrost; the base equals
        the grid bottom when permafrost reaches it.
    ttop_c (ncol,): TTOP of the mean degree-days of the simulated years (see :func:`core.heat.ttop`).
    energy_residual (ncol,): largest relative per-step energy residual: the share of a step's heat
        exchange missing from its energy balance (see Stepper.step); below 1e-9 when every step converged.
    substepped_steps (ncol,): steps whose Newton iteration did not converge within its cap and that were
        re-stepped from their start (exact Jacobian, then halved sub-steps until each converged);
    unconverged_steps (ncol,): steps still unconverged after every halving (accepted as they were);
    unconverged_residual_c (ncol,): the largest nodal residual left in those steps, as a temperature
        error (K; residual*dt/(V*C)); 0 when every step converged (to 1e-4 K).
    spinup_years_used (ncol,), spinup_converged (ncol,): spin-up years run, and whether the annual-mean
        profile changed by less than spinup_tol_c in the last of them.
    times_days (ntime,), series_c (ntime, ncol, ndepth): time series (step-end times, days from the
        start of the run after spin-up) when output_every_days is set, else None.
    final_temperature_c (ncol, nnode): temperature profile at the end of the run.
    dt_days: the step actually used (365/round(365/dt_days)).
    """

    annual_mean_c: np.ndarray
    alt_m: np.ndarray
    magt_c: np.ndarray
    period_mean_c: np.ndarray
    permafrost_table_m: np.ndarray
    permafrost_base_m: np.ndarray
    ttop_c: np.ndarray
    energy_residual: np.ndarray
    substepped_steps: np.ndarray
    unconverged_steps: np.ndarray
    unconverged_residual_c: np.ndarray
    spinup_years_used: np.ndarray
    spinup_converged: np.ndarray
    times_days: Optional[np.ndarray]
    series_c: Optional[np.ndarray]
    final_temperature_c: np.ndarray
    node_depths_m: np.ndarray
    output_depths_m: np.ndarray
    dt_days: float


def simulate(layers, node_depths, monthly_air_c=None, daily_air_c=None, surface_c=None,
             n_freezing=1.0, n_thawing=1.0, geothermal_flux_w_m2=0.06, initial="equilibrium",
             years=1, spinup_years=0, spinup_tol_c=0.01, dt_days=DEFAULT_DT_DAYS, output_depths_m=(10.0,),
             output_every_days=None, progress=None, is_cancelled=None, days=None):
    """Run the implicit enthalpy model for a batch of columns; see :class:`SimulationResult`.

    Exactly one forcing: ``monthly_air_c`` (ncol, 12) climatology or (ncol, nyears, 12) per simulated
    year (cycled), interpolated to days mean-preservingly; ``daily_air_c`` (ncol, ndays) air
    temperature; or ``surface_c`` (ncol, ndays) ground-surface temperature (n-factors not applied).
    Daily series repeat when shorter than the run. Years have 365 days. Air temperatures become surface
    temperatures through the n-factors (scalars or (ncol,)); a step's surface temperature is the mean
    of its days. ``initial``: "equilibrium" (:func:`equilibrium_profile` from the TTOP of the first
    forcing year; the surface node is then overwritten by the forcing at the first step), a scalar °C
    or an (ncol, nnode) array. Spin-up repeats the first forcing year up to ``spinup_years`` times,
    each column until its annual-mean profile changes by less than ``spinup_tol_c``. The run then lasts
    ``years`` years, or ``days`` days when given (a multiple of the step). ``dt_days`` is rounded so
    that a year holds a whole number of steps. ``progress(fraction)`` and ``is_cancelled()`` are called
    every few steps; cancelling raises :class:`Cancelled`. Batches larger than ``CHUNK_COLUMNS`` run
    chunk by chunk (same results; memory of the internal arrays stays bounded by the chunk).
    """
    if not isinstance(layers, Layers):
        raise ValueError("layers must be a core.heat.Layers")
    z = check_grid(node_depths)
    ncol = layers.ncol
    if ncol > CHUNK_COLUMNS:
        args = dict(monthly_air_c=monthly_air_c, daily_air_c=daily_air_c, surface_c=surface_c, n_freezing=n_freezing,
                    n_thawing=n_thawing, geothermal_flux_w_m2=geothermal_flux_w_m2, initial=initial, years=years,
                    spinup_years=spinup_years, spinup_tol_c=spinup_tol_c, dt_days=dt_days,
                    output_depths_m=output_depths_m, output_every_days=output_every_days, days=days)
        return _simulate_in_chunks(layers, z, args, progress, is_cancelled)
    dt = _check_dt(dt_days)
    steps_per_year = int(round(DAYS_PER_YEAR / dt))
    total_steps, nyears = _run_length(years, days, dt, steps_per_year)
    spinup_years = _nonnegative_int(spinup_years, "spinup_years")
    if not np.isfinite(spinup_tol_c) or spinup_tol_c <= 0:
        raise ValueError("spinup_tol_c must be > 0")
    nf = _per_column(n_freezing, ncol, "n_freezing", positive=True)
    nt = _per_column(n_thawing, ncol, "n_thawing", positive=True)
    q = _per_column(geothermal_flux_w_m2, ncol, "geothermal_flux_w_m2")
    forcing = _Forcing(ncol, monthly_air_c, daily_air_c, surface_c, nf, nt)
    depths = _output_depths(output_depths_m, z)
    every = _output_every(output_every_days, dt)
    k_f, k_t = active_layer_conductivity(layers)

    t0 = _initial_profile(initial, layers, z, forcing, q, k_f, k_t)
    mat = node_material(layers, z)
    t = np.ascontiguousarray(t0.T)
    h = enthalpy(mat, t)
    stepper = Stepper(mat, dt * SECONDS_PER_DAY, q, t, h)
    clock = _Clock(spinup_years * steps_per_year + total_steps, progress, is_cancelled)
    tracked = _Interpolator(z, np.r_[depths, 10.0] if z[-1] >= 10.0 else depths)

    used, converged = _spin_up(stepper, forcing, spinup_years, spinup_tol_c, dt, steps_per_year, clock)
    clock.skip_to(spinup_years * steps_per_year)

    energy = np.zeros(ncol)
    ndepth = depths.size
    annual = np.full((nyears, ncol, tracked.depths.size), np.nan)
    alt = np.full((nyears, ncol), np.nan)
    period_sum = np.zeros((ncol, tracked.depths.size))
    nseries = total_steps // every if every else 0
    series = np.empty((nseries, ncol, ndepth)) if every else None
    tmax = np.full_like(t, -np.inf)
    fmax = np.zeros_like(t)
    year_sum = np.zeros((tracked.depths.size, ncol))
    tdd = np.zeros(ncol)
    fdd = np.zeros(ncol)
    table = base = np.full(ncol, np.nan)
    step = 0
    for year in range((total_steps + steps_per_year - 1) // steps_per_year):
        nsteps = min(steps_per_year, total_steps - step)
        air, surface = forcing.year(year)
        year_tdd, year_fdd = degree_days(air)
        tdd += year_tdd * nsteps / steps_per_year
        fdd += year_fdd * nsteps / steps_per_year
        ts = step_means(surface, 0.0, dt, nsteps)
        year_sum[:] = 0.0
        tmax.fill(-np.inf)
        fmax.fill(0.0)
        for n in range(nsteps):
            np.maximum(energy, stepper.step(ts[n]), out=energy)
            values = tracked(t)
            year_sum += values
            np.maximum(tmax, t, out=tmax)
            np.maximum(fmax, stepper.fraction, out=fmax)
            step += 1
            if every and step % every == 0 and step // every <= nseries:
                series[step // every - 1] = values[:ndepth].T
            clock.tick()
        period_sum += year_sum.T * dt
        if nsteps == steps_per_year:
            annual[year] = year_sum.T / steps_per_year
            alt[year] = thaw_depth(z, tmax, fmax, mat)
            table, base = permafrost_depths(z, tmax, fmax, mat)
    clock.finish()

    tot_days = total_steps * dt
    magt = annual[-1, :, -1] if (z[-1] >= 10.0 and nyears) else np.full(ncol, np.nan)
    return SimulationResult(
        annual_mean_c=annual[:, :, :ndepth],
        alt_m=alt,
        magt_c=magt.copy(),
        period_mean_c=period_sum[:, :ndepth] / tot_days,
        permafrost_table_m=table,
        permafrost_base_m=base,
        ttop_c=ttop_from_degree_days(tdd * steps_per_year / total_steps, fdd * steps_per_year / total_steps,
                                     forcing.nf, forcing.nt, k_f, k_t),
        energy_residual=energy,
        substepped_steps=stepper.substepped.copy(),
        unconverged_steps=stepper.unconverged.copy(),
        unconverged_residual_c=stepper.unconverged_residual_c.copy(),
        spinup_years_used=used,
        spinup_converged=converged,
        times_days=(np.arange(1, nseries + 1) * every * dt) if every else None,
        series_c=series,
        final_temperature_c=t.T.copy(),
        node_depths_m=z,
        output_depths_m=depths,
        dt_days=dt,
    )


def _simulate_in_chunks(layers, z, args, progress, is_cancelled):
    """Run :func:`simulate` on consecutive column chunks and join the results (columns are independent)."""
    ncol = layers.ncol
    per_column = ("monthly_air_c", "daily_air_c", "surface_c", "n_freezing", "n_thawing", "geothermal_flux_w_m2",
                  "initial")
    parts = []
    starts = range(0, ncol, CHUNK_COLUMNS)
    for n, start in enumerate(starts):
        cols = slice(start, min(start + CHUNK_COLUMNS, ncol))
        chunk = dict(args)
        for name in per_column:
            value = args[name]
            if value is None or isinstance(value, str):
                continue
            arr = np.asarray(value, dtype=float)
            if arr.ndim >= 1 and arr.shape[0] == ncol:
                chunk[name] = arr[cols]
            elif arr.ndim >= 1 and name != "initial":
                raise ValueError(f"{name} must have one row per column ({ncol}), got shape {arr.shape}")
        report = None if progress is None else (lambda f, n=n: progress((n + f) / len(starts)))
        parts.append(simulate(layers.take(cols), z, progress=report, is_cancelled=is_cancelled, **chunk))
    axis1 = ("annual_mean_c", "alt_m", "series_c")
    shared = ("times_days", "node_depths_m", "output_depths_m", "dt_days")
    joined = {}
    for name in SimulationResult.__dataclass_fields__:
        values = [getattr(p, name) for p in parts]
        if name in shared or values[0] is None:
            joined[name] = values[0]
        else:
            joined[name] = np.concatenate(values, axis=1 if name in axis1 else 0)
    return SimulationResult(**joined)


def _spin_up(stepper, forcing, max_years, tol, dt, steps_per_year, clock):
    """Repeat forcing year 0; freeze each column at the first year its annual-mean profile changed < tol."""
    t, h = stepper.t, stepper.h
    ncol = t.shape[1]
    used = np.full(ncol, max_years, dtype=np.int64)
    converged = np.zeros(ncol, dtype=bool)
    if max_years == 0:
        return used, converged
    _, surface = forcing.year(0)
    ts = step_means(surface, 0.0, dt, steps_per_year)
    saved_t, saved_h = t.copy(), h.copy()
    previous = None
    mean = np.empty_like(t)
    for year in range(1, max_years + 1):
        mean.fill(0.0)
        for n in range(steps_per_year):
            stepper.step(ts[n])
            mean += t
            clock.tick()
        mean /= steps_per_year
        if previous is not None:
            newly = ~converged & (np.abs(mean - previous).max(axis=0) < tol)
            saved_t[:, newly] = t[:, newly]
            saved_h[:, newly] = h[:, newly]
            used[newly] = year
            converged |= newly
            if converged.all():
                break
        previous = mean.copy()
    t[:, converged] = saved_t[:, converged]
    h[:, converged] = saved_h[:, converged]
    return used, converged


class _Forcing:
    """Daily air and surface temperatures (ncol, 365) of each simulated year."""

    def __init__(self, ncol, monthly, daily, surface, nf, nt):
        given = [name for name, v in (("monthly_air_c", monthly), ("daily_air_c", daily), ("surface_c", surface))
                 if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of monthly_air_c, daily_air_c, surface_c")
        self.name = given[0]
        values = np.asarray({"monthly_air_c": monthly, "daily_air_c": daily, "surface_c": surface}[self.name],
                            dtype=float)
        if values.ndim == 1:
            values = values[None, :]
        if values.shape[0] != ncol:
            raise ValueError(f"{self.name} must have one row per column ({ncol}), got shape {values.shape}")
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{self.name} contains NaN or infinite values")
        if self.name == "monthly_air_c":
            if values.shape[-1] != 12 or values.ndim not in (2, 3):
                raise ValueError(f"monthly_air_c must have shape (ncol, 12) or (ncol, nyears, 12), got {values.shape}")
            if values.ndim == 2:
                values = values[:, None, :]
        elif values.ndim != 2 or values.shape[1] < 1:
            raise ValueError(f"{self.name} must have shape (ncol, ndays)")
        self.values = values
        surface_given = self.name == "surface_c"
        self.nf = np.ones(ncol) if surface_given else nf
        self.nt = np.ones(ncol) if surface_given else nt

    def year(self, year):
        """(air, surface) daily temperatures of simulated year ``year`` (air = surface for surface_c)."""
        if self.name == "monthly_air_c":
            air = monthly_to_daily(self.values[:, year % self.values.shape[1], :])
        else:
            days = (year * DAYS_PER_YEAR + np.arange(DAYS_PER_YEAR)) % self.values.shape[1]
            air = self.values[:, days]
        if self.name == "surface_c":
            return air, air
        return air, apply_n_factors(air, self.nf, self.nt)


class _Interpolator:
    """Linear interpolation of node-major profiles (nnode, ncol) to fixed depths -> (ndepth, ncol)."""

    def __init__(self, z, depths):
        self.depths = np.asarray(depths, dtype=float)
        j = np.clip(np.searchsorted(z, self.depths, side="right") - 1, 0, z.size - 2)
        self.j = j
        self.w = ((self.depths - z[j]) / (z[j + 1] - z[j]))[:, None]

    def __call__(self, t):
        lo = t[self.j]
        return lo + self.w * (t[self.j + 1] - lo)


class _Clock:
    """Progress reports (monotonic, ending at 1.0) and cancellation checks every few steps."""

    def __init__(self, total, progress, is_cancelled):
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress
        self.is_cancelled = is_cancelled
        self._check()

    def tick(self):
        self.done += 1
        if self.done % _CHECK_EVERY_STEPS == 0:
            self._check()
            if self.progress is not None:
                self.progress(min(self.done / self.total, 1.0))

    def skip_to(self, done):
        self.done = max(self.done, done)

    def finish(self):
        self._check()
        if self.progress is not None:
            self.progress(1.0)

    def _check(self):
        if self.is_cancelled is not None and self.is_cancelled():
            raise Cancelled("simulation cancelled")


def _check_dt(dt_days):
    dt = float(dt_days)
    if not np.isfinite(dt) or dt <= 0:
        raise ValueError(f"dt_days must be > 0, got {dt_days!r}")
    if dt > DAYS_PER_YEAR:
        raise ValueError("dt_days must be <= 365")
    return DAYS_PER_YEAR / round(DAYS_PER_YEAR / dt)


def _run_length(years, days, dt, steps_per_year):
    if days is None:
        nyears = _nonnegative_int(years, "years")
        if nyears < 1:
            raise ValueError("years must be >= 1")
        return nyears * steps_per_year, nyears
    if not np.isfinite(days) or days <= 0:
        raise ValueError(f"days must be > 0, got {days!r}")
    steps = int(round(days / dt))
    if steps < 1 or abs(steps * dt - days) > 1e-6 * max(days, 1.0):
        raise ValueError(f"days ({days}) must be a whole number of steps of {dt} days")
    return steps, steps // steps_per_year


def _nonnegative_int(value, name):
    if isinstance(value, bool) or int(value) != value or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def _per_column(value, ncol, name, positive=False):
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        arr = np.full(ncol, float(arr))
    if arr.shape != (ncol,):
        raise ValueError(f"{name} must be a scalar or have shape ({ncol},), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name} must be > 0")
    return arr


def _output_depths(output_depths_m, z):
    depths = np.atleast_1d(np.asarray(output_depths_m, dtype=float))
    if depths.ndim != 1 or depths.size == 0:
        raise ValueError("output_depths_m must be a non-empty list of depths")
    for i, d in enumerate(depths):
        if not np.isfinite(d) or d < 0:
            raise ValueError(f"output_depths_m[{i}] must be >= 0, got {d!r}")
        if d > z[-1]:
            raise ValueError(f"output_depths_m[{i}] = {d} m is below the grid bottom ({z[-1]} m)")
    return depths


def _output_every(output_every_days, dt):
    if output_every_days is None:
        return 0
    every = float(output_every_days)
    steps = int(round(every / dt))
    if not np.isfinite(every) or every <= 0 or steps < 1 or abs(steps * dt - every) > 1e-6 * every:
        raise ValueError(f"output_every_days must be a positive multiple of the step ({dt} days)")
    return steps


def _initial_profile(initial, layers, z, forcing, q, k_f, k_t):
    """Initial temperatures (ncol, nnode)."""
    ncol = layers.ncol
    if isinstance(initial, str):
        if initial != "equilibrium":
            raise ValueError(f"initial must be 'equilibrium', a number or an (ncol, nnode) array, got {initial!r}")
        air, _ = forcing.year(0)
        tdd, fdd = degree_days(air)
        return equilibrium_profile(layers, z, ttop_from_degree_days(tdd, fdd, forcing.nf, forcing.nt, k_f, k_t), q)
    values = np.asarray(initial, dtype=float)
    if values.ndim == 0:
        values = np.full((ncol, z.size), float(values))
    if values.shape != (ncol, z.size):
        raise ValueError(f"initial must have shape (ncol, nnode) = {(ncol, z.size)}, got {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("initial contains NaN or infinite values")
    return values
