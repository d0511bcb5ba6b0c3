"""Windows of the regional run and the per-pixel outputs shared by its exact and merged paths."""

import numpy as np

from .columns import read_block, valid_pixels

SCAN_PIXELS = 250_000
"""Raster pixels per task of the passes that read every pixel (finding and describing the valid ones)."""
MIN_BLOCK_PIXELS = 256
"""Smaller blocks than this are not made to share the load: the solver runs a batch of this size about as fast
per column as a larger one, while tiny blocks cost a raster read each."""


def scan_windows(grid, pixels=SCAN_PIXELS):
    """Row strips of about ``pixels`` raster pixels, (xoff, yoff, xsize, ysize)."""
    rows = max(1, pixels // grid.cols)
    return [(0, y, grid.cols, min(rows, grid.rows - y)) for y in range(0, grid.rows, rows)]


def block_windows(grid, row_counts, batch_columns, workers=1):
    """Row strips holding about ``batch_columns`` of the pixels counted per row in ``row_counts`` (rows,),
    fewer (down to :data:`MIN_BLOCK_PIXELS`) where that gives at least four blocks per worker, so that the
    workers share the load. Rows
    without such pixels are left out; a strip never splits a row."""
    total = int(np.sum(row_counts))
    target = max(1, min(batch_columns, max(MIN_BLOCK_PIXELS, -(-total // (4 * workers)))))
    windows, start, held = [], None, 0
    for y, count in enumerate(row_counts):
        if count and start is None:
            start, held = y, 0
        if start is None:
            continue
        held += count
        if held >= target:
            windows.append((0, start, grid.cols, y + 1 - start))
            start = None
    if start is not None:
        last = max(y for y, c in enumerate(row_counts) if c)
        windows.append((0, start, grid.cols, last + 1 - start))
    return windows


def valid_per_row(checked, settings, window, is_cancelled=None):
    """Number of valid pixels in each row of ``window``, and the inputs with data there."""
    block = read_block(checked, settings, window)
    return valid_pixels(block).sum(axis=1), block.inputs_with_data()


def per_pixel_outputs(period, alt, ttop, diagnostics, settings):
    """Output key → (bands, npix) from the per-pixel temperatures at the sorted output depths ∪ {10 m}
    ``period`` (ndepth, npix) and ALT, TTOP and diagnostics bands."""
    depths = simulated_depths(settings)
    magt = period[depths.index(10.0)]
    return {"magt": magt[None],
            "magt_depths": np.stack([period[depths.index(d)] for d in settings.output_depths_m]),
            "alt": alt, "ttop": ttop, "presence": np.where(np.isfinite(magt), magt < 0, np.nan)[None],
            "diagnostics": diagnostics}


def simulated_depths(settings):
    """The depths the solver reports: the output depths and 10 m, sorted."""
    return tuple(sorted(set(settings.output_depths_m) | {10.0}))
