"""Row strips: the preparation tools read, compute and write a grid a strip of full rows at a time.

A strip's height follows from a working-memory budget (:data:`STRIP_BYTES`) and each tool's bytes per pixel,
so peak memory does not grow with the region (only the grid mask the tools are given is whole-grid). The
output GeoTIFF is opened once, written strip by strip and renamed only when complete (``core.atomic``).
"""

from contextlib import contextmanager

import numpy as np

from ..raster_io import atomic_path, capped_gdal_cache, create_geotiff, finish_geotiff, write_block

STRIP_BYTES = 256 * 2 ** 20
"""Budget (bytes) of the working arrays of one strip."""

TILE_ROWS = 256
"""Rows of an output tile (GDAL's GeoTIFF default): strips are cut at whole tile rows when they can be."""



def strips(grid, bytes_per_pixel):
    """(first row, row count) of the strips covering ``grid``, each within :data:`STRIP_BYTES` (at least a row).

    A strip is a whole number of tile rows, or a power of two dividing one, so every tile is complete when it
    leaves GDAL's cache and is compressed once.
    """
    step = max(1, int(STRIP_BYTES // (bytes_per_pixel * grid.cols)))
    step = step - step % TILE_ROWS if step >= TILE_ROWS else 2 ** int(np.log2(step))
    for yoff in range(0, grid.rows, step):
        yield yoff, min(step, grid.rows - yoff)


class StripOutput:
    """An output GeoTIFF being written strip by strip (see :func:`strip_output`)."""

    def __init__(self, ds):
        self.ds = ds

    def write(self, array, yoff, first_band=1, last=True):
        """Write a (bands, rows, cols) strip from row ``yoff`` into bands ``first_band``… (NaN = NoData).

        After the ``last`` bands of a strip that completes a row of tiles, GDAL's cache is flushed (a tile holds
        every band, so it is compressed once, when all are written).
        """
        write_block(self.ds, array, 0, yoff, first_band)
        end = yoff + array.shape[1]
        if last and (end % TILE_ROWS == 0 or end == self.ds.RasterYSize):
            self.ds.FlushCache()

    def set_metadata(self, key, value):
        """Add a dataset metadata item (before the output is complete)."""
        self.ds.SetMetadataItem(key, str(value))


@contextmanager
def strip_output(path, grid, n_bands, descriptions=None, units=None, metadata=None):
    """A :class:`StripOutput` of a new Float32 GeoTIFF, renamed to ``path`` only when the block succeeds."""
    with atomic_path(path) as tmp:
        out = StripOutput(create_geotiff(tmp, grid, n_bands, descriptions, units, metadata, fill=False))
        try:
            yield out
            with capped_gdal_cache():  # reading the whole raster back for the overviews would fill it
                finish_geotiff(out.ds)
        finally:
            out.ds = None  # closes the file before it is renamed or removed


class MedianCheck:
    """Whether the median of values met strip by strip lies outside [low, high], decided by counting.

    The median of the valid values is below ``low`` when more than half of them are, above ``high`` likewise
    (a tie of the two middle values of an even count aside). :attr:`median` estimates it for a message,
    to 0.1 %, from a histogram on a log scale.
    """

    EDGES = np.geomspace(1e-3, 1e9, 27_632)  # bins of 0.1 %; values below 1e-3 (or ≤ 0) share the first

    def __init__(self, low, high):
        self.low, self.high = low, high
        self.count, self.below, self.above = 0, 0, 0
        self.histogram = np.zeros(self.EDGES.size + 1, np.int64)

    def add(self, values):
        """Count the finite ``values``."""
        values = values[np.isfinite(values)]
        self.count += values.size
        self.below += int((values < self.low).sum())
        self.above += int((values > self.high).sum())
        self.histogram += np.bincount(np.searchsorted(self.EDGES, values, side="right"),
                                      minlength=self.histogram.size)

    @property
    def outside(self):
        """True when the median lies below ``low`` or above ``high``."""
        return 2 * max(self.below, self.above) > self.count

    @property
    def median(self):
        """The median to 0.1 % (0 when below 1e-3); NaN when no value was met."""
        if not self.count:
            return np.nan
        i = int(np.searchsorted(np.cumsum(self.histogram), 0.5 * self.count))
        if i == 0:
            return 0.0
        return float(self.EDGES[-1] if i == self.EDGES.size else np.sqrt(self.EDGES[i - 1] * self.EDGES[i]))
