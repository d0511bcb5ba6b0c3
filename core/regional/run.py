"""Block-wise regional run: read a window of inputs, simulate its valid pixels, write the results.

Two paths: exact (``ModelSettings.merge_tolerance_c`` 0), every valid pixel simulated; and merged
(``merged_run``), one pixel per group of alike pixels simulated within a stated MAGT tolerance. Blocks are
cut by the number of pixels they simulate (``batch_columns``), not by raster size, so sparse masks do not
make many near-empty blocks. Memory is bounded by the block size (and, merged, by a few numbers per
pixel), whatever the region size. Blocks run in this process (1 worker), in a pool of spawned processes
or as Dask tasks (``workers.open_engine``); each pixel goes through the same solver calls whatever the
engine and the block layout, so the results do not depend on them. All outputs are written to
temporary files beside their targets and renamed only at the end.
"""

from contextlib import ExitStack

import numpy as np

from ..heat import make_grid
from ..heat.stepper import ENERGY_TOLERANCE, MAX_ITERATIONS
from ..raster_io import atomic_path, capped_gdal_cache, create_geotiff, finish_geotiff, write_block
from .blocks import block_windows, per_pixel_outputs, scan_windows, simulated_depths, valid_per_row
from .columns import read_block, solver_arguments, valid_pixels
from .inputs import LABELS, check_inputs
from .merged_run import run_merged
from .solve import COUNTS, DIAGNOSTIC_BANDS, estimated, simulated, subset
from .warm_skip import warm_pixels
from .workers import block_results, open_engine

OUTPUT_KEYS = ("magt", "magt_depths", "alt", "ttop", "presence", "diagnostics")


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


def simulate_block(checked, settings, window, is_cancelled=None):
    """Results of one window: output key → (bands, rows, cols) with NaN off the valid pixels, and stats."""
    block = read_block(checked, settings, window)
    valid = valid_pixels(block)
    depths = simulated_depths(settings)
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
        values, solver_stats = simulated(subset(args, ~skip), settings, nodes, depths, is_cancelled)
        stats.update(solver_stats)
        parts.append((~skip, values))
    if skip.any():
        parts.append((skip, estimated(subset(args, skip), depths)))
    stats["skipped"] = int(skip.sum())
    merged = {}
    for key in parts[0][1]:
        merged[key] = np.full((parts[0][1][key].shape[0], skip.size), np.nan)
        for chosen, values in parts:
            merged[key][:, chosen] = values[key]
    per_pixel = per_pixel_outputs(merged["period"], merged["alt"], merged["ttop"], merged["diagnostics"], settings)
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

    Returns a summary dict (pixels with data, blocks, largest energy residual, :data:`COUNTS`, and for a
    merged run the groups, simulated columns and check statistics of ``merged_run``). Raises ValueError
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
        stack.enter_context(capped_gdal_cache())
        engine = stack.enter_context(open_engine(settings.dask_scheduler, settings.workers))
        log(f"Grid {checked.grid.cols}×{checked.grid.rows} px on {engine.description}, {len(settings.years)} years "
            f"{settings.first_year}–{settings.last_year}, {start}")
        datasets = {}
        try:
            for key, path in outputs.items():
                tmp = stack.enter_context(atomic_path(path))
                names, units = layout[key]
                datasets[key] = create_geotiff(tmp, checked.grid, len(names), names, units,
                                               metadata={"FIRST_YEAR": settings.first_year,
                                                         "LAST_YEAR": settings.last_year,
                                                         "INITIAL_STATE": start,
                                                         "MERGE_TOLERANCE_C": settings.merge_tolerance_c})

            def write(window, results):
                for key in datasets:
                    if key in results:
                        write_block(datasets[key], results[key], window[0], window[1])

            if settings.merge_tolerance_c > 0:
                summary, with_data, metadata = run_merged(checked, settings, engine, write, progress, is_cancelled,
                                                          log)
            else:
                summary, with_data = _run_exact(checked, settings, engine, write, progress, is_cancelled)
                metadata = {}
            _check_some_data(inputs, with_data, summary["pixels"])
            for key in ("magt", "diagnostics"):
                if key in datasets:
                    for name, value in metadata.items():
                        datasets[key].SetMetadataItem(name, str(value))
            for key in datasets:
                finish_geotiff(datasets[key])
        finally:
            datasets.clear()  # closes every dataset before its temporary file is renamed or removed
    _log_summary(summary, settings, log)
    return summary


def _run_exact(checked, settings, engine, write, progress, is_cancelled):
    """Simulate every valid pixel, in blocks of about ``batch_columns`` valid pixels."""
    grid = checked.grid
    report = progress or (lambda fraction: None)
    scans = scan_windows(grid)
    counts = np.zeros(grid.rows, dtype=np.int64)
    with_data = set()
    for index, (rows, inputs) in engine.map(valid_per_row, [(checked, settings, w) for w in scans], is_cancelled):
        window = scans[index]
        counts[window[1]:window[1] + window[3]] = rows
        with_data |= inputs
    report(0.02)
    windows = block_windows(grid, counts, settings.batch_columns, engine.workers)
    summary = {"pixels": 0, "skipped": 0, "blocks": len(windows), "energy_residual": 0.0,
               **dict.fromkeys(COUNTS, 0)}
    blocks = engine.map(simulate_block, [(checked, settings, w) for w in windows], is_cancelled)
    for done, (index, (results, stats)) in enumerate(blocks, start=1):
        write(windows[index], results)
        for key in ("pixels", "skipped") + COUNTS:
            summary[key] += stats[key]
        summary["energy_residual"] = max(summary["energy_residual"], stats["energy_residual"])
        report(0.02 + 0.98 * done / len(windows))
    return summary, with_data


def _log_summary(summary, settings, log):
    log(f"{summary['pixels']} pixels with data in {summary['blocks']} blocks, {summary['skipped']} of them estimated "
        "by the warm-pixel rule")
    if "nodes" in summary:
        log(f"Merged run: {summary['simulated_columns']} pixels simulated ({summary['nodes']} interpolation nodes "
            f"and {summary['check_pixels']} check pixels) for {summary['pixels']} pixels, "
            f"{summary['pixels'] / max(summary['simulated_columns'], 1):.1f}× fewer; merge tolerance "
            f"{summary['merge_tolerance_c']:g} °C")
        log(f"Check: {summary['check_pixels']} random pixels simulated exactly; the merged MAGT(10 m) differs from "
            f"theirs by at most {summary['check_max_error_c']:.3f} °C (99th percentile "
            f"{summary['check_p99_error_c']:.3f} °C, mean {summary['check_mean_error_c']:.4f} °C), ALT by at most "
            f"{summary['check_alt_max_error_m']:.2f} m. The check pixels keep their exact values.")
        if summary["warm_checked"]:
            log(f"Warm-pixel rule: {summary['warm_checked']} of the check pixels were estimated by it; their MAGT(10 m) "
                f"differs from the exact one by at most {summary['warm_max_error_c']:.3f} °C")
        if not summary["check_passed"]:
            log(f"WARNING: the check exceeds the merge tolerance ({settings.merge_tolerance_c:g} °C, refined to "
                f"{summary['merge_tolerance_c']:g} °C); set the merge tolerance to 0 for an exact map")
    log(f"Steps: {summary['substepped_steps']} step(s) in {summary['substepped_pixels']} pixel(s) did not converge "
        f"within {MAX_ITERATIONS} Newton iterations and were re-stepped in smaller sub-steps; "
        f"{summary['capped_steps']} step(s) in {summary['capped_pixels']} pixel(s) stayed unconverged. "
        f"Energy balance: at most {summary['energy_residual']:.1e} of a step's heat exchange is missing from it "
        f"(largest relative energy residual; at most {ENERGY_TOLERANCE:.0e} when every step converged)")
