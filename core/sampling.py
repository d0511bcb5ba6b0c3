"""Which pixel holds a point: one rule for every tool, and the nearest valid pixel within a distance.

Pixel (col, row) spans [col, col + 1) × [row, row + 1) in fractional pixel coordinates
((x − x0)/dx, (y − y0)/dy), so a point on an edge belongs to the pixel east / south of it, as in the
grid's own geometry. The fractional coordinates are rounded to ``EDGE_DECIMALS`` decimals before
flooring: 118.8 °E on a 0.05° grid from 112.4 °E gives 127.99999999999983 in floating point, which
is pixel 128, the pixel the prepared mask holds there.
"""

import math

import numpy as np

from .analysis.geodesy import inverse, lonlat_srs, srs_from_wkt, transform_points

EDGE_DECIMALS = 9
"""Fractional pixel coordinates are rounded to 1e-9 pixel before flooring (floating-point noise)."""
_KM_PER_DEGREE_MIN = 110.5  # shortest metre length of a degree of latitude (at the equator), km


def pixel_coordinates(grid, x, y):
    """Fractional (column, row) of points (x, y) in the grid's CRS, rounded to 1e-9 pixel."""
    x0, dx, _, y0, _, dy = grid.geotransform
    col = np.round((np.asarray(x, dtype=np.float64) - x0) / dx, EDGE_DECIMALS)
    row = np.round((np.asarray(y, dtype=np.float64) - y0) / dy, EDGE_DECIMALS)
    return col, row


def pixel_index(grid, x, y):
    """(col, row, inside) int/bool arrays of points (x, y) in the grid's CRS; col/row are meaningless outside."""
    fc, fr = pixel_coordinates(grid, x, y)
    col, row = np.floor(fc), np.floor(fr)
    inside = (col >= 0) & (col < grid.cols) & (row >= 0) & (row < grid.rows)
    col = np.where(inside, col, -1).astype(np.int64)
    row = np.where(inside, row, -1).astype(np.int64)
    return col, row, inside


def pixel_of(grid, x, y):
    """(column, row) of the pixel holding the point(s) (x, y) in the grid's CRS: ints for scalars, int
    arrays for arrays. Raises ValueError naming the first point outside the grid."""
    col, row, inside = pixel_index(grid, x, y)
    if not np.all(inside):
        k = int(np.flatnonzero(~np.atleast_1d(inside))[0])
        px, py = (float(np.broadcast_to(v, np.shape(inside)).ravel()[k]) for v in (x, y))
        xmin, ymin, xmax, ymax = grid.extent
        raise ValueError(f"Point ({px:.4f}, {py:.4f}) is outside the input rasters "
                         f"({xmin:.4f}–{xmax:.4f}, {ymin:.4f}–{ymax:.4f})")
    if np.ndim(col) == 0:
        return int(col), int(row)
    return col, row


def nearest_valid_pixel(valid, grid, x, y, max_km):
    """Nearest pixel where ``valid`` (bool, (rows, cols)) is True to the point (x, y) in the grid's CRS.

    Returns (col, row, distance_km): the point's own pixel with distance 0 when it is valid, else the
    valid pixel whose centre is nearest to the point on the WGS84 ellipsoid, with that distance, if it
    is within ``max_km``; None when there is none. Raises ValueError when the point is outside the grid
    or ``max_km`` is negative.
    """
    valid = np.asarray(valid)
    if valid.dtype != bool:
        raise ValueError(f"valid mask must be boolean (e.g. np.isfinite(data)), got {valid.dtype}")
    if valid.shape != (grid.rows, grid.cols):
        raise ValueError(f"valid mask shape {valid.shape} does not match the grid {(grid.rows, grid.cols)}")
    if not (max_km >= 0):
        raise ValueError(f"maximum distance must be >= 0 km, got {max_km}")
    col, row = pixel_of(grid, x, y)
    if valid[row, col]:
        return col, row, 0.0
    if max_km == 0:
        return None
    srs = srs_from_wkt(grid.crs_wkt)
    ncol, nrow = window_half_size(grid, srs, y, max_km)
    r0, r1 = max(row - nrow, 0), min(row + nrow + 1, grid.rows)
    c0, c1 = max(col - ncol, 0), min(col + ncol + 1, grid.cols)
    rows, cols = np.nonzero(valid[r0:r1, c0:c1])
    if rows.size == 0:
        return None
    rows += r0
    cols += c0
    x0, dx, _, y0, _, dy = grid.geotransform
    cx, cy = x0 + dx * (cols + 0.5), y0 + dy * (rows + 0.5)
    lonlat = lonlat_srs()
    (plon,), (plat,) = transform_points([x], [y], srs, lonlat)
    clon, clat = transform_points(cx, cy, srs, lonlat)
    dist_km = inverse(plon, plat, clon, clat)[0] / 1000.0
    k = int(np.argmin(dist_km))
    if dist_km[k] > max_km:
        return None
    return int(cols[k]), int(rows[k]), float(dist_km[k])


def window_half_size(grid, srs, y, max_km):
    """Half-widths (columns, rows) of a pixel window that holds every point within ``max_km`` of the point."""
    dx, dy = abs(grid.geotransform[1]), abs(grid.geotransform[5])
    if srs.IsGeographic():
        per_unit = math.radians(1.0) / srs.GetAngularUnits()  # CRS units per degree
        lat = abs(float(y)) / per_unit + max_km / _KM_PER_DEGREE_MIN
        km_x = _KM_PER_DEGREE_MIN * math.cos(math.radians(min(lat, 89.9))) * dx / per_unit
        km_y = _KM_PER_DEGREE_MIN * dy / per_unit
    else:  # projected: allow a 20 % scale error of the projection
        unit_km = srs.GetLinearUnits() / 1000.0 / 1.2
        km_x, km_y = dx * unit_km, dy * unit_km
    return int(math.ceil(max_km / km_x)) + 1, int(math.ceil(max_km / km_y)) + 1
