"""Block-wise regional run: read a window of inputs, simulate its valid pixels, write the results.

Memory is bounded by the block size (``ModelSettings.batch_columns`` pixels), whatever the region
size. Blocks run in this process (1 worker), in a pool of spawned processes or as Dask tasks
(``workers.open_engine``); each pixel goes through the same solver calls whatever the engine and
the block layout, so the results do not depend on them. Results are written as blocks complete.
All outputs are written to temporary files beside their targets and renamed only at the end.
"""

import warnings
from contextlib import ExitStack

import numpy as np

from ..heat import DEFAULT_DT_DAYS, make_grid, simulate
from ..heat.stepper import ENERGY_TOLERANCE, MAX_ITERATIONS
from ..raster_io import atomic_path, create_geotiff, finish_geotiff, write_block
from .columns import read_block, solver_arguments, valid_pixels
from .inputs import LABELS, check_inputs
from .warm_skip import warm_estimate, warm_pixels
from .workers import block_results, open_engine

OUTPUT_KEYS = ("magt", "magt_depths", "alt", "ttop", "presence", "diagnostics")
DIAGNOSTIC_BANDS = (("permafrost_table_m", "m"), ("permafrost_base_m", "m"), ("spinup_years", "years"),
                    ("spinup_converged", "1"), ("energy_residual", "1"), ("unconverged_steps", "steps"),
                    ("substepped_steps", "steps"), ("skipped_warm", "1"))
COUNTS = ("substepped_steps", "substepped_pixels", "capped_steps", "capped_pixels")
"""Run totals: steps re-stepped in sub-steps (and pixels with one), steps left unconverged (and pixels)."""


def depth_label(depth_m):
    return f"magt_{int(round(depth_m * 100)):04d}cm"


def output_layout(settings):
    """Band descriptions and units of each output."""
    depths = settings.output_depths_m
    return {
        "magt": ([f"magt_1000cm_mean_{settings.first_year}_{settings.last_year}"], ["degC"]),
        "magt_depths": ([depth_label(d) for d in depths], ["degC"] * len(depths)),
        "alt": (["active_layer_thickness_mean"], ["m"]),
        "ttop": (["ttop_mean"], ["degC"]),
        "presence": (["permafrost_presence"], ["1"]),
        "diagnostics": ([n for n, _ in DIAGNOSTIC_BANDS], [u for _, u in DIAGNOSTIC_BANDS]),
    }


def block_windows(grid, batch_columns, workers=1):
    """Row strips of at most about ``batch_columns`` pixels, (xoff, yoff, xsize, ysize), cut into at
    least four blocks per worker where the grid has the rows, so that the workers share the load."""
    rows = max(1, min(batch_columns // grid.cols, -(-grid.rows // (4 * workers))))
    return [(0, y, grid.cols, min(rows, grid.rows - y)) for y in range(0, grid.rows, rows)]


def _subset(args, columns):
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


def _simulated(args, settings, nodes, depths, is_cancelled):
    """Per-pixel outputs (key → (bands, npix)) of a full simulation on node depths ``nodes``, and the
    largest energy residual and the :data:`COUNTS` as a dict."""
    res = simulate(**args, node_depths=nodes,
                   years=len(settings.years), spinup_years=settings.spinup_years,
                   dt_days=settings.dt_days or DEFAULT_DT_DAYS, output_depths_m=depths, is_cancelled=is_cancelled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN ALT: no permafrost in any year
        alt = np.nanmean(res.alt_m, axis=0)
    return {
        "period": res.period_mean_c.T, "alt": alt[None], "ttop": np.asarray(res.ttop_c)[None],
        "diagnostics": np.stack([res.permafrost_table_m, res.permafrost_base_m, res.spinup_years_used,
                                 res.spinup_converged, res.energy_residual, res.unconverged_steps,
                                 res.substepped_steps, np.zeros(res.magt_c.shape)]).astype(float),
    }, {"energy_residual": float(res.energy_residual.max()),
        "substepped_steps": int(res.substepped_steps.sum()), "substepped_pixels": int((res.substepped_steps > 0).sum()),
        "capped_steps": int(res.unconverged_steps.sum()), "capped_pixels": int((res.unconverged_steps > 0).sum())}


def _estimated(args, depths):
    """Per-pixel outputs of pixels skipped by the warm rule (see ``warm_skip``)."""
    n = args["layers"].ncol
    t_top, period = warm_estimate(args["layers"], args["monthly_air_c"], args.get("n_freezing", 1.0),
                                  args.get("n_thawing", 1.0), args["geothermal_flux_w_m2"], depths)
    nan = np.full(n, np.nan)
    return {"period": period.T, "alt": nan[None], "ttop": t_top[None],
            "diagnostics": np.stack([nan, nan, np.zeros(n), np.ones(n), np.zeros(n), np.zeros(n), np.zeros(n),
                                     np.ones(n)])}


def simulate_block(checked, settings, window, is_cancelled=None):
    """Results of one window: output key → (bands, rows, cols) with NaN off the valid pixels, and stats."""
    block = read_block(checked, settings, window)
    valid = valid_pixels(block)
    depths = tuple(sorted(set(settings.output_depths_m) | {10.0}))
    stats = {"pixels": int(valid.sum()), "skipped": 0, "energy_residual": 0.0, "with_data": block.inputs_with_data(),
             **dict.fromkeys(COUNTS, 0)}
    if not valid.any():
        return {}, stats
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    args = solver_arguments(block, valid, settings, nodes, checked.initial_depths_m)
    skip = np.zeros(int(valid.sum()), dtype=bool)
    if settings.skip_warm_ttop_c is not None and isinstance(args["initial"], str):
        skip = warm_pixels(args["layers"], args["monthly_air_c"], args.get("n_freezing", 1.0),
                           args.get("n_thawing", 1.0), settings.skip_warm_ttop_c)
    parts = []
    if (~skip).any():
        values, solver_stats = _simulated(_subset(args, ~skip), settings, nodes, depths, is_cancelled)
        stats.update(solver_stats)
        parts.append((~skip, values))
    if skip.any():
        parts.append((skip, _estimated(_subset(args, skip), depths)))
    stats["skipped"] = int(skip.sum())
    merged = {}
    for key in parts[0][1]:
        merged[key] = np.full((parts[0][1][key].shape[0], skip.size), np.nan)
        for chosen, values in parts:
            merged[key][:, chosen] = values[key]
    magt = merged["period"][depths.index(10.0)]
    per_pixel = {
        "magt": magt[None],
        "magt_depths": np.stack([merged["period"][depths.index(d)] for d in settings.output_depths_m]),
        "alt": merged["alt"], "ttop": merged["ttop"],
        "presence": (magt < 0).astype(float)[None],
        "diagnostics": merged["diagnostics"],
    }
    return {key: block_results(values, valid) for key, values in per_pixel.items()}, stats


def _check_some_data(inputs, with_data, pixels):
    """Refuse a run whose map would be all NoData, naming an input that holds only NoData."""
    for key, label in LABELS.items():
        path = getattr(inputs, key)
        if path and key not in with_data:
            raise ValueError(f"{label} ({path}): holds only NoData (no pixel has data in all its bands)")
    if pixels == 0:
        raise ValueError("No pixel has data in every input (" + ", ".join(
            f"{label}: {getattr(inputs, key)}" for key, label in LABELS.items() if getattr(inputs, key))
            + "): their data do not overlap")


def run_region(inputs, settings, outputs, progress=None, is_cancelled=None, log=print):
    """Run the model over the whole grid and write ``outputs`` (output key → path; missing keys are skipped).

    Returns a summary dict (pixels simulated, blocks, largest energy residual, :data:`COUNTS`). Raises ValueError
    for bad inputs before anything is written, and ``Cancelled`` when ``is_cancelled()`` turns true.
    """
    checked = check_inputs(inputs, settings)
    unknown = set(outputs) - set(OUTPUT_KEYS)
    if unknown:
        raise ValueError(f"unknown outputs {sorted(unknown)}; expected some of {OUTPUT_KEYS}")
    if "magt" not in outputs:
        raise ValueError("the MAGT (10 m) output is required")
    layout = output_layout(settings)
    start = "ERA5-Land initial state" if inputs.initial else "TTOP equilibrium start (no initial-state raster)"
    with ExitStack() as stack:
        engine = stack.enter_context(open_engine(settings.dask_scheduler, settings.workers))
        windows = block_windows(checked.grid, settings.batch_columns, engine.workers)
        log(f"Grid {checked.grid.cols}×{checked.grid.rows} px, {len(windows)} blocks on {engine.description}, "
            f"{len(settings.years)} years {settings.first_year}–{settings.last_year}, {start}")
        summary = {"pixels": 0, "skipped": 0, "blocks": len(windows), "energy_residual": 0.0,
                   **dict.fromkeys(COUNTS, 0)}
        with_data = set()
        datasets = {}
        try:
            for key, path in outputs.items():
                tmp = stack.enter_context(atomic_path(path))
                names, units = layout[key]
                datasets[key] = create_geotiff(tmp, checked.grid, len(names), names, units,
                                               metadata={"FIRST_YEAR": settings.first_year,
                                                         "LAST_YEAR": settings.last_year,
                                                         "INITIAL_STATE": start})
            blocks = engine.map(simulate_block, [(checked, settings, w) for w in windows], is_cancelled)
            for done, (index, (results, stats)) in enumerate(blocks, start=1):
                window = windows[index]
                for key in datasets:
                    if key in results:
                        write_block(datasets[key], results[key], window[0], window[1])
                for key in ("pixels", "skipped") + COUNTS:
                    summary[key] += stats[key]
                summary["energy_residual"] = max(summary["energy_residual"], stats["energy_residual"])
                with_data |= stats["with_data"]
                if progress:
                    progress(done / len(windows))
            _check_some_data(inputs, with_data, summary["pixels"])
            for key in datasets:
                finish_geotiff(datasets[key])
        finally:
            datasets.clear()  # closes every dataset before its temporary file is renamed or removed
    log(f"{summary['pixels']} pixels with data, {summary['skipped']} of them estimated by the warm-pixel rule")
    log(f"Steps: {summary['substepped_steps']} step(s) in {summary['substepped_pixels']} pixel(s) did not converge "
        f"within {MAX_ITERATIONS} Newton iterations and were re-stepped in smaller sub-steps; "
        f"{summary['capped_steps']} step(s) in {summary['capped_pixels']} pixel(s) stayed unconverged. "
        f"Energy balance: at most {summary['energy_residual']:.1e} of a step's heat exchange is missing from it "
        f"(largest relative energy residual; at most {ENERGY_TOLERANCE:.0e} when every step converged)")
    return summary
