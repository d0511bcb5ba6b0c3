"""Windows of the regional run and the per-pixel outputs shared by its exact and merged paths."""

import numpy as np

from .columns import Block, read_block, valid_pixels

SCAN_PIXELS = 100_000
"""Raster pixels per task of the passes that read every pixel (finding and describing the valid ones). A
task's working arrays take about 5 kB per valid pixel (15 years of monthly air temperature per pixel among
them), about 0.5 GB per worker at this size."""
READ_PIXELS = 1_000_000
"""Most raster pixels read at once for a set of scattered pixels (``read_pixels``)."""
TILE_ROWS = 256
"""Rows of a GeoTIFF tile of the prepared inputs (GDAL's default)."""
MIN_BLOCK_PIXELS = 256
"""Smaller blocks than this are not made to share the load: the solver runs a batch of this size about as fast
per column as a larger one, while tiny blocks cost a raster read each."""


def read_pixels(checked, settings, window, flat, max_pixels=READ_PIXELS):
    """A :class:`columns.Block` of the pixels with the sorted flat indices ``flat`` (row × cols + col) inside
    ``window``: each array (bands, 1, npix), pixels in the order of ``flat``.

    The window is read in bands of rows aligned with the GeoTIFF tiles (:data:`TILE_ROWS` rows, fewer when
    that exceeds ``max_pixels`` raster pixels), each from its first to its last row holding such pixels, so
    that a few pixels spread over many rows (interpolation nodes, check pixels) never load the whole window
    and every tile is decompressed once."""
    cols, (xoff, _, xsize, _) = checked.grid.cols, window
    rows = flat // cols
    band_rows = TILE_ROWS if TILE_ROWS * xsize <= max_pixels else max(1, max_pixels // xsize)
    pieces = []
    for band in np.unique(rows // band_rows):
        here = flat[rows // band_rows == band]
        first, last = int(here[0] // cols), int(here[-1] // cols)
        block = read_block(checked, settings, (xoff, first, xsize, last - first + 1))
        chosen = np.zeros((last - first + 1, xsize), dtype=bool)
        chosen[here // cols - first, here % cols - xoff] = True
        pieces.append({name: None if a is None else a[:, chosen] for name, a in vars(block).items()})
    return Block(**{name: None if pieces[0][name] is None else np.concatenate([p[name] for p in pieces], axis=1)[:, None]
                    for name in pieces[0]})


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
