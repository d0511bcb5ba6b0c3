"""Reading analysis inputs (MAGT, ALT, class rasters) with checks, and sampling them at lon/lat points."""

import numpy as np

from ..raster_io import Grid, open_raster, read_raster
from ..sampling import pixel_coordinates
from .geodesy import lonlat_srs, srs_from_wkt, transform_points

KELVIN_THRESHOLD = 150.0
"""A median above this (°C) means the raster is in kelvin: ground temperatures are never that warm."""


def band_count(path):
    return open_raster(path).RasterCount


def load_band(path, band=1, label="MAGT raster", temperature=True):
    """One band as (rows, cols) float64 with NaN for NoData, and its :class:`Grid`.

    Raises ValueError naming ``label`` when the band does not exist, is all NoData, has no CRS, or
    (``temperature``) holds kelvin instead of °C.
    """
    n = band_count(path)
    if not 1 <= band <= n:
        raise ValueError(f"{label} ({path}): band {band} requested but the raster has {n} band(s)")
    grid = Grid.of(path)
    if not grid.crs_wkt:
        raise ValueError(f"{label} ({path}): the raster has no coordinate reference system")
    data = read_raster(path, [band])[0]
    finite = data[np.isfinite(data)]
    if finite.size == 0:
        raise ValueError(f"{label} ({path}): band {band} holds only NoData")
    if temperature and np.median(finite) > KELVIN_THRESHOLD:
        raise ValueError(f"{label} ({path}): median value {np.median(finite):.1f} looks like kelvin; "
                         f"expected ground temperature in °C (subtract 273.15 first)")
    return data, grid


class Sampler:
    """Values of one raster band at lon/lat points (WGS84 degrees), nearest pixel or bilinear.

    Points outside the raster or on NoData give NaN (bilinear: NaN if any of the four pixels around the
    point is NoData; within half a pixel of the edge the edge pixels are used).
    """

    def __init__(self, data, grid):
        self.data = data
        self.grid = grid
        self.srs = srs_from_wkt(grid.crs_wkt)

    @classmethod
    def open(cls, path, band=1, label="raster", temperature=False):
        return cls(*load_band(path, band, label, temperature))

    def pixel_coordinates(self, lon, lat):
        """Fractional (column, row) of lon/lat points; pixel (0, 0) spans [0, 1) × [0, 1) (see core.sampling)."""
        x, y = transform_points(lon, lat, lonlat_srs(), self.srs)
        return pixel_coordinates(self.grid, x, y)

    def inside(self, lon, lat):
        col, row = self.pixel_coordinates(lon, lat)
        return (col >= 0) & (col < self.grid.cols) & (row >= 0) & (row < self.grid.rows)

    def sample(self, lon, lat, method="nearest"):
        """Values (NaN outside/NoData) at points; ``method`` "nearest" or "bilinear"."""
        col, row = self.pixel_coordinates(lon, lat)
        col, row = np.atleast_1d(col), np.atleast_1d(row)
        out = np.full(col.shape, np.nan)
        inside = (col >= 0) & (col < self.grid.cols) & (row >= 0) & (row < self.grid.rows)
        if method == "nearest":
            c = np.floor(col[inside]).astype(int)
            r = np.floor(row[inside]).astype(int)
            out[inside] = self.data[r, c]
        elif method == "bilinear":
            fc = np.clip(col[inside] - 0.5, 0, self.grid.cols - 1)
            fr = np.clip(row[inside] - 0.5, 0, self.grid.rows - 1)
            c0 = np.minimum(np.floor(fc).astype(int), max(self.grid.cols - 2, 0))
            r0 = np.minimum(np.floor(fr).astype(int), max(self.grid.rows - 2, 0))
            c1 = np.minimum(c0 + 1, self.grid.cols - 1)
            r1 = np.minimum(r0 + 1, self.grid.rows - 1)
            tc, tr = fc - c0, fr - r0
            d = self.data
            out[inside] = ((d[r0, c0] * (1 - tc) + d[r0, c1] * tc) * (1 - tr)
                           + (d[r1, c0] * (1 - tc) + d[r1, c1] * tc) * tr)
        else:
            raise ValueError(f"sampling method must be 'nearest' or 'bilinear', got {method!r}")
        return out
