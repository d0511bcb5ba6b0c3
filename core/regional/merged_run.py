"""The merged regional run (``ModelSettings.merge_tolerance_c`` > 0): one simulated pixel per group of
alike pixels, the others interpolated (``merge``), checked on a random sample simulated exactly.

1. Scan: the descriptors of every valid pixel (``merge.describe``) and the warm-pixel rule, block by block.
2. Plan the groups (``merge.plan_groups``) of the pixels the warm rule leaves, and draw the check sample:
   ``check_pixels`` random valid pixels (fixed seed, so a rerun draws the same ones).
3. Simulate the check pixels and the groups' representatives exactly, in blocks of about
   ``batch_columns`` simulated pixels, and refine the nodes where the ground temperature changes fast.
4. Check: the merged value of each check pixel against its exact one. When their 99th-percentile error
   exceeds the tolerance or their largest error twice the tolerance, the tolerance is halved and the plan
   made again (at most :data:`REFINEMENTS` times; pixels already simulated are not simulated again).
5. Write block by block: simulated pixels (representatives and check pixels) get their exact values,
   warm pixels the warm-rule estimate, every other pixel the interpolated value.
"""

import numpy as np

from ..heat import make_grid
from .blocks import block_windows, per_pixel_outputs, read_pixels, scan_windows, simulated_depths
from .columns import read_block, solver_arguments, valid_pixels
from .merge import Description, describe, interpolate, plan_groups
from .solve import BAND, COUNTS, simulated, warm_diagnostics
from .warm_skip import warm_pixels
from .workers import block_results

CHECK_SEED = 20100
REFINEMENTS = 2
NODE_PASSES = 6
_SCAN_SHARE, _SIMULATE_SHARE = 0.1, 0.8  # progress shares of the scan and the simulations (the rest: writing)
_FIRST_SHARE = 0.75
"""Share of the simulations' progress given to the first plan (and of a plan's to its first nodes): most of the
work; the refinement passes and any regrouping after a failed check share the rest."""


def _flat_indices(grid, window, mask):
    """Flat raster indices (row * cols + col) of the True pixels of a window's ``mask``, row-major."""
    rows, cols = np.nonzero(mask)
    return (rows + window[1]).astype(np.int64) * grid.cols + cols + window[0]


def scan_block(checked, settings, window, is_cancelled=None):
    """(flat indices, :class:`merge.Description`, warm-rule flags, inputs with data) of a window's valid pixels."""
    block = read_block(checked, settings, window)
    valid = valid_pixels(block)
    flat = _flat_indices(checked.grid, window, valid)
    if not flat.size:
        return flat, None, np.zeros(0, dtype=bool), block.inputs_with_data()
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    args = solver_arguments(block, valid, settings, nodes, checked.initial_depths_m)
    description = describe(args, simulated_depths(settings))
    warm = np.zeros(flat.size, dtype=bool)
    if settings.skip_warm_ttop_c is not None and isinstance(args["initial"], str):
        warm = warm_pixels(args["layers"], args["monthly_air_c"], args.get("n_freezing", 1.0),
                           args.get("n_thawing", 1.0), settings.skip_warm_ttop_c)
    return flat, description, warm, block.inputs_with_data()


def simulate_pixels(checked, settings, window, flat, is_cancelled=None):
    """Exact outputs (name → (npix, nband)) of the valid pixels with the sorted flat indices ``flat``, and stats."""
    block = read_pixels(checked, settings, window, flat)
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    args = solver_arguments(block, np.ones((1, flat.size), dtype=bool), settings, nodes, checked.initial_depths_m)
    values, stats = simulated(args, settings, nodes, simulated_depths(settings), is_cancelled)
    return {name: v.T for name, v in values.items()}, stats


class _Simulated:
    """Exact outputs of the pixels simulated so far, by position in the run's list of valid pixels."""

    def __init__(self):
        self.positions = np.zeros(0, dtype=np.int64)
        self.values = {}

    def missing(self, positions):
        return np.setdiff1d(positions, self.positions)

    def add(self, positions, values):
        merged = np.concatenate([self.positions, positions])
        order = np.argsort(merged, kind="stable")
        self.positions = merged[order]
        for name, v in values.items():
            old = self.values.get(name, np.zeros((0, v.shape[1])))
            self.values[name] = np.concatenate([old, v])[order]

    def rows(self, positions):
        return np.searchsorted(self.positions, positions)

    def has(self, positions):
        """Boolean (npix,): which of the sorted ``positions`` were simulated."""
        if not self.positions.size:
            return np.zeros(len(positions), dtype=bool)
        return self.positions[np.minimum(self.rows(positions), self.positions.size - 1)] == positions


def _stage_share(stage, later_stages, fraction):
    """Progress (0…1) at ``fraction`` of stage ``stage`` (0 = first) of 1 + ``later_stages`` stages: the first
    takes :data:`_FIRST_SHARE`, the later ones share the rest equally."""
    if stage == 0:
        return _FIRST_SHARE * fraction
    return _FIRST_SHARE + (1.0 - _FIRST_SHARE) * (stage - 1 + fraction) / later_stages


def _simulate(checked, settings, engine, store, flat, positions, stats, progress, is_cancelled):
    """Simulate the pixels at ``positions`` (not yet in ``store``), in blocks of about ``batch_columns``."""
    positions = store.missing(positions)
    if not positions.size:
        return
    grid = checked.grid
    counts = np.bincount(flat[positions] // grid.cols, minlength=grid.rows)
    windows = block_windows(grid, counts, settings.batch_columns, engine.workers)
    tasks, owned = [], []
    for window in windows:
        first, end = window[1] * grid.cols, (window[1] + window[3]) * grid.cols
        mine = positions[(flat[positions] >= first) & (flat[positions] < end)]
        tasks.append((checked, settings, window, flat[mine]))
        owned.append(mine)
    for done, (index, (values, block_stats)) in enumerate(engine.map(simulate_pixels, tasks, is_cancelled), 1):
        store.add(owned[index], values)
        for key in COUNTS:
            stats[key] += block_stats[key]
        stats["energy_residual"] = max(stats["energy_residual"], block_stats["energy_residual"])
        if progress:
            progress(done / len(tasks))


def _merged_values(plan, candidates, description, positions, plan_index, store, warm):
    """Merged-run values (name → (npix, nband)) of the pixels at ``positions``, as if none had been
    simulated: interpolated between the nodes of their row (``candidates`` maps the plan's pixels to
    positions), or the warm-rule estimate."""
    merged = ~warm[positions]
    out = {name: np.full((positions.size, v.shape[1]), np.nan) for name, v in store.values.items()}
    if merged.any():
        here = positions[merged]
        lower, upper, weight = plan.bracket(plan_index[here])
        estimates = {"period": description.steady, "ttop": description.ttop[:, None]}
        values = interpolate(store.rows(candidates[lower]), store.rows(candidates[upper]), weight, store.values,
                             {name: (e[here], e[store.positions]) for name, e in estimates.items()})
        for name, v in values.items():
            out[name][merged] = v
        out["diagnostics"][merged, BAND["interpolated"]] = 1.0
    if (~merged).any():  # the warm-pixel rule's estimate (``solve.estimated``)
        warm_here = positions[~merged]
        out["period"][~merged] = description.steady[warm_here]
        out["ttop"][~merged] = description.ttop[warm_here, None]
        out["alt"][~merged] = np.nan
        out["diagnostics"][~merged] = warm_diagnostics(warm_here.size).T
    out["diagnostics"][:, BAND["check_error_c"]] = np.nan
    return out


def _nodes(checked, settings, engine, store, flat, plan, candidates, description, depth_index, tolerance, stats,
           report, is_cancelled):
    """Simulate the plan's nodes, then refine them pass after pass (``merge.Plan.refine``)."""
    for npass in range(NODE_PASSES + 1):
        _simulate(checked, settings, engine, store, flat, candidates[plan.nodes], stats,
                  lambda f, n=npass: report(_stage_share(n, NODE_PASSES, f)), is_cancelled)
        if npass == NODE_PASSES:
            break
        nodes = candidates[plan.nodes]
        departure = store.values["period"][store.rows(nodes), depth_index] - description.steady[nodes, depth_index]
        extra = plan.refine(departure, tolerance)
        if not extra.size:
            break
        plan.nodes = np.union1d(plan.nodes, extra)
    report(1.0)


def _check(values, exact, tolerance_c, depth_index):
    """Errors of the merged MAGT(10 m) (and ALT) at the check pixels: dict of statistics."""
    error = values["period"][:, depth_index] - exact["period"][:, depth_index]
    magnitude = np.abs(error)
    alt = np.abs(values["alt"][:, 0] - exact["alt"][:, 0])
    alt = alt[np.isfinite(alt)]
    return {"max": float(magnitude.max()), "p99": float(np.percentile(magnitude, 99)),
            "mean": float(magnitude.mean()), "alt_max": float(alt.max()) if alt.size else 0.0,
            "passed": bool(np.percentile(magnitude, 99) <= tolerance_c and magnitude.max() <= 2 * tolerance_c)}


def run_merged(checked, settings, engine, write, progress=None, is_cancelled=None, log=print):
    """Run the merged path; ``write(window, results)`` receives each block's outputs (key → (bands, rows,
    cols), see ``blocks.per_pixel_outputs``). Returns (summary dict, inputs with data, metadata dict)."""
    grid = checked.grid
    report = progress or (lambda fraction: None)
    scans = scan_windows(grid)
    parts = [None] * len(scans)
    with_data = set()
    for done, (index, part) in enumerate(engine.map(scan_block, [(checked, settings, w) for w in scans],
                                                    is_cancelled), 1):
        parts[index] = part
        with_data |= part[3]
        report(_SCAN_SHARE * done / len(scans))
    flat = np.concatenate([p[0] for p in parts])
    summary = {"pixels": int(flat.size), "skipped": 0, "blocks": 0, "energy_residual": 0.0,
               **dict.fromkeys(COUNTS, 0)}
    if not flat.size:
        return summary, with_data, {}
    description = Description.join([p[1] for p in parts if p[1] is not None])
    warm = np.concatenate([p[2] for p in parts])
    parts = None
    depth_index = simulated_depths(settings).index(10.0)
    sample = np.sort(np.random.default_rng(CHECK_SEED).choice(flat.size, min(settings.check_pixels, flat.size),
                                                              replace=False))
    candidates = np.flatnonzero(~warm)
    plan_index = np.full(flat.size, -1, dtype=np.int64)
    plan_index[candidates] = np.arange(candidates.size)
    store = _Simulated()
    tolerance = settings.merge_tolerance_c
    plan = None
    for attempt in range(REFINEMENTS + 1):
        def stage(fraction, a=attempt):
            report(_SCAN_SHARE + _SIMULATE_SHARE * _stage_share(a, REFINEMENTS, fraction))

        _simulate(checked, settings, engine, store, flat, sample, summary, lambda f: stage(0.2 * f), is_cancelled)
        if candidates.size:
            subset = description if candidates.size == flat.size else description.take(candidates)
            plan = plan_groups(subset, tolerance, depth_index)
            subset = None
            _nodes(checked, settings, engine, store, flat, plan, candidates, description, depth_index, tolerance,
                   summary, lambda f: stage(0.2 + 0.8 * f), is_cancelled)
        fast = _merged_values(plan, candidates, description, sample, plan_index, store, warm)
        exact = {name: v[store.rows(sample)] for name, v in store.values.items()}
        merged_sample = ~warm[sample]
        check = _check({k: v[merged_sample] for k, v in fast.items()},
                       {k: v[merged_sample] for k, v in exact.items()}, tolerance, depth_index) \
            if merged_sample.any() else None
        if check is None or check["passed"] or attempt == REFINEMENTS:
            break
        log(f"Check failed at a merge tolerance of {tolerance:g} °C (99th percentile {check['p99']:.3f} °C, largest "
            f"{check['max']:.3f} °C): grouping again at {tolerance / 2:g} °C")
        tolerance /= 2
    sample_error = fast["period"][:, depth_index] - exact["period"][:, depth_index]
    warm_errors = np.abs(sample_error[~merged_sample])
    summary.update(nodes=int(plan.nodes.size) if plan else 0, simulated_columns=int(store.positions.size),
                   check_pixels=int(sample.size), skipped=int(warm.sum()), merge_tolerance_c=float(tolerance),
                   check_max_error_c=check["max"] if check else 0.0, check_p99_error_c=check["p99"] if check else 0.0,
                   check_mean_error_c=check["mean"] if check else 0.0,
                   check_alt_max_error_m=check["alt_max"] if check else 0.0, check_passed=bool(check is None or
                                                                                             check["passed"]),
                   warm_checked=int(warm_errors.size),
                   warm_max_error_c=float(warm_errors.max()) if warm_errors.size else 0.0)
    blocks = scan_windows(grid)
    summary["blocks"] = len(blocks)
    for done, window in enumerate(blocks, 1):
        first, end = window[1] * grid.cols, (window[1] + window[3]) * grid.cols
        lo, hi = np.searchsorted(flat, [first, end])
        if hi > lo:
            positions = np.arange(lo, hi)
            values = _merged_values(plan, candidates, description, positions, plan_index, store, warm)
            exact_here = store.has(positions)
            rows = store.rows(positions[exact_here])
            for name, v in store.values.items():
                values[name][exact_here] = v[rows]
            in_sample = np.isin(positions, sample)
            values["diagnostics"][in_sample, BAND["check_error_c"]] = sample_error[np.searchsorted(sample, positions[in_sample])]
            mask = np.zeros((window[3], window[2]), dtype=bool)
            local = flat[lo:hi] - first
            mask[local // grid.cols, local % grid.cols] = True
            outputs = per_pixel_outputs(values["period"].T, values["alt"].T, values["ttop"].T,
                                        values["diagnostics"].T, settings)
            write(window, {key: block_results(v, mask) for key, v in outputs.items()})
        report(_SCAN_SHARE + _SIMULATE_SHARE + (1 - _SCAN_SHARE - _SIMULATE_SHARE) * done / len(blocks))
    metadata = {"MERGE_TOLERANCE_C": f"{tolerance:g}", "CHECK_PIXELS": sample.size,
                "CHECK_MAX_ERROR_C": f"{summary['check_max_error_c']:.4f}",
                "CHECK_P99_ERROR_C": f"{summary['check_p99_error_c']:.4f}",
                "SIMULATED_COLUMNS": summary["simulated_columns"]}
    return summary, with_data, metadata
