"""Permafrost boundary: the MAGT = 0 °C isotherm as lines, and permafrost extent (MAGT < 0 °C) as polygons.

Geometries are OGR geometries in the raster's CRS; lengths and areas are on the WGS84 ellipsoid.
"""

from dataclasses import dataclass, field

import numpy as np
from osgeo import gdal, ogr

from ..schema import NODATA
from .geodesy import geometry_area_km2, grid_cell_areas_m2, srs_from_wkt
from .vectors import line_length_km, mem_layer, mem_raster, smooth_geometry


@dataclass
class Feature:
    """An output feature: OGR geometry (raster CRS) and attributes."""

    geometry: object
    attributes: dict = field(default_factory=dict)


def zero_isotherm(data, grid, smoothing=0, level=0.0):
    """Lines of MAGT = ``level`` °C (GDAL contouring between pixel centres; NoData is not crossed).

    Returns a list of :class:`Feature` with attributes ``magt_c`` (the level) and ``length_km``
    (geodesic). ``smoothing`` is the number of Chaikin rounds applied to each line.
    """
    src = mem_raster(data, grid)
    ds, layer = mem_layer(grid, ogr.wkbLineString, [("id", ogr.OFTInteger), ("level", ogr.OFTReal)])
    gdal.ContourGenerateEx(src.GetRasterBand(1), layer,
                           options=[f"FIXED_LEVELS={level}", f"NODATA={NODATA}", "ID_FIELD=0", "ELEV_FIELD=1"])
    out = []
    for feat in layer:
        geom = smooth_geometry(feat.GetGeometryRef(), smoothing, abs(grid.geotransform[1]))
        out.append(Feature(geom, {"magt_c": float(level), "length_km": line_length_km(geom, grid.crs_wkt)}))
    return out


def polygonize(mask, grid, values=None):
    """Polygons of the 4-connected regions where ``mask`` is true; attribute ``value`` from ``values`` (int)."""
    codes = np.where(mask, values if values is not None else 1, 0).astype(np.int32)
    src = _int_raster(codes, grid)
    mask_ds = _int_raster(mask.astype(np.int32), grid)
    ds, layer = mem_layer(grid, ogr.wkbPolygon, [("value", ogr.OFTInteger)])
    gdal.Polygonize(src.GetRasterBand(1), mask_ds.GetRasterBand(1), layer, 0)
    return [(feat.GetField("value"), feat.GetGeometryRef().Clone()) for feat in layer]


def _int_raster(values, grid):
    ds = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, gdal.GDT_Int32)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    ds.GetRasterBand(1).WriteArray(values)
    return ds


def densify_step(grid):
    """Vertex spacing (CRS units) used before measuring projected polygons on the ellipsoid: a quarter pixel."""
    return abs(grid.geotransform[1]) / 4.0


def permafrost_extent(data, grid, smoothing=0, min_area_km2=0.0):
    """Polygons where MAGT < 0 °C, each with ``area_km2`` (ellipsoidal), dropping those under ``min_area_km2``.

    Returns (features, total_km2 of the kept polygons, raster_km2 = area of all MAGT < 0 pixels).
    """
    if min_area_km2 < 0:
        raise ValueError(f"minimum area must be >= 0 km², got {min_area_km2}")
    mask = np.isfinite(data) & (data < 0.0)
    srs = srs_from_wkt(grid.crs_wkt)
    raster_km2 = float(grid_cell_areas_m2(grid)[mask].sum() / 1e6)
    features, total = [], 0.0
    for _, geom in polygonize(mask, grid):
        geom = smooth_geometry(geom, smoothing, abs(grid.geotransform[1]))
        area = geometry_area_km2(geom, srs, densify_step(grid))
        if area < min_area_km2:
            continue
        total += area
        features.append(Feature(geom, {"area_km2": area}))
    return features, total, raster_km2
