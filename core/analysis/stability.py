"""Thermal-stability classes: a classified Int16 raster and one dissolved (multi)polygon per class with area."""

import numpy as np
from osgeo import gdal, ogr

from ..raster_io import CREATION_OPTIONS, atomic_path
from .boundary import Feature, densify_step, polygonize
from .geodesy import geometry_area_km2, grid_cell_areas_m2, srs_from_wkt
from .schemes import CLASS_NODATA, classify
from .vectors import smooth_geometry


def write_class_raster(path, codes, grid, classes):
    """Write class codes as a tiled Int16 GeoTIFF (NoData −9999) with the class table in metadata, atomically."""
    with atomic_path(path) as tmp:
        ds = gdal.GetDriverByName("GTiff").Create(tmp, grid.cols, grid.rows, 1, gdal.GDT_Int16, CREATION_OPTIONS)
        ds.SetGeoTransform(grid.geotransform)
        ds.SetProjection(grid.crs_wkt)
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(CLASS_NODATA)
        band.SetDescription("stability_class")
        band.WriteArray(codes)
        ds.SetMetadata({f"class_{c.code}": c.label for c in classes})
        ds.FlushCache()
        ds = None
    return path


def class_summary(codes, grid, classes):
    """Pixel count and ellipsoidal area (km²) per class code from the raster, as a dict code → (pixels, km²)."""
    areas = grid_cell_areas_m2(grid)
    return {c.code: (int((codes == c.code).sum()), float(areas[codes == c.code].sum() / 1e6)) for c in classes}


def class_polygons(codes, grid, classes, smoothing=0, progress=None):
    """One feature per class present: a MultiPolygon of all its regions with code, names, interval and area_km2."""
    srs = srs_from_wkt(grid.crs_wkt)
    valid = codes != CLASS_NODATA
    parts = {}
    for code, geom in polygonize(valid, grid, codes):
        parts.setdefault(code, []).append(geom)
    out = []
    for i, c in enumerate(classes):
        if c.code not in parts:
            continue
        multi = ogr.Geometry(ogr.wkbMultiPolygon)
        for geom in parts[c.code]:
            multi.AddGeometry(geom)
        if smoothing:
            multi = smooth_geometry(multi, smoothing, abs(grid.geotransform[1]))
        area = geometry_area_km2(multi, srs, densify_step(grid))
        out.append(Feature(multi, {"code": c.code, "name_en": c.name_en, "name_zh": c.name_zh,
                                   "magt_lower_c": c.lower if np.isfinite(c.lower) else None,
                                   "magt_upper_c": c.upper if np.isfinite(c.upper) else None,
                                   "area_km2": area}))
        if progress:
            progress((i + 1) / len(classes))
    return out


def classify_magt(data, classes):
    """Class codes of a MAGT array; returns (codes Int16, number of valid pixels no class covers)."""
    codes = classify(data, classes)
    uncovered = int((np.isfinite(data) & (codes == CLASS_NODATA)).sum())
    return codes, uncovered
