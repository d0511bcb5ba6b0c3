"""Small MAGT rasters with known answers, shared by the analysis tests (core and QGIS)."""

import numpy as np
from scipy.integrate import quad

from core.raster_io import Grid, write_raster

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)


def ramp_grid(x0=120.0, y_top=52.0, res=0.1, cols=40, rows=20, crs="EPSG:4326"):
    return Grid.from_extent(x0, y_top - rows * res, x0 + cols * res, y_top, res, crs)


def lon_ramp(grid, zero_x, slope=1.0):
    """MAGT (°C) = slope · (x of pixel centre − zero_x): the 0 °C line is the vertical line x = zero_x."""
    xs, ys = grid.centres()
    return np.repeat(((xs - zero_x) * slope)[None, :], grid.rows, axis=0)


def lat_ramp(grid, zero_y, slope=1.0):
    """MAGT (°C) = slope · (zero_y − y of pixel centre): colder to the north, 0 °C along y = zero_y."""
    xs, ys = grid.centres()
    return np.repeat(((zero_y - ys) * slope)[:, None], grid.cols, axis=1)


def write_magt(path, data, grid):
    write_raster(str(path), data, grid, descriptions=["magt_1000cm"], units=["degC"])
    return str(path)


def rectangle_area_km2(lat1, lat2, dlon):
    """Independent ellipsoidal area of a lat/lon rectangle: ∫ M(φ) N(φ) cos φ dφ · Δλ (numerical quadrature)."""
    def element(phi):
        s2 = np.sin(phi) ** 2
        m = A * (1 - E2) / (1 - E2 * s2) ** 1.5
        n = A / np.sqrt(1 - E2 * s2)
        return m * n * np.cos(phi)
    value, _ = quad(element, np.radians(lat1), np.radians(lat2), epsabs=0, epsrel=1e-13)
    return value * np.radians(dlon) / 1e6


def meridian_arc_km(lat1, lat2):
    """Independent meridian arc length (km) between two latitudes: ∫ M(φ) dφ."""
    value, _ = quad(lambda p: A * (1 - E2) / (1 - E2 * np.sin(p) ** 2) ** 1.5, np.radians(lat1), np.radians(lat2),
                    epsabs=0, epsrel=1e-13)
    return value / 1000.0
