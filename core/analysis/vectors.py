"""OGR helpers for analysis outputs: in-memory layers from arrays, smoothing, geodesic lengths."""

import numpy as np
from osgeo import gdal, ogr

from ..schema import NODATA
from .geodesy import inverse, lonlat_srs, srs_from_wkt, transform_points


def mem_raster(data, grid, dtype=gdal.GDT_Float64, nodata=NODATA):
    """An in-memory GDAL dataset holding ``data`` (NaN → ``nodata``) on ``grid``."""
    ds = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, dtype)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(nodata)
    values = np.where(np.isfinite(data), data, nodata) if np.issubdtype(np.asarray(data).dtype, np.floating) else data
    band.WriteArray(values)
    return ds


def mem_layer(grid, geom_type, fields=()):
    """An in-memory OGR layer in the grid's CRS with (name, ogr type) ``fields``; returns (datasource, layer)."""
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = ds.CreateLayer("out", srs_from_wkt(grid.crs_wkt), geom_type)
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    return ds, layer


def chaikin(points, iterations, closed):
    """Chaikin corner cutting of an (n, 2) vertex array; open lines keep their end points."""
    pts = np.asarray(points, dtype=np.float64)
    for _ in range(iterations):
        if closed:
            ring = pts[:-1] if np.allclose(pts[0], pts[-1]) else pts
            nxt = np.roll(ring, -1, axis=0)
            q = 0.75 * ring + 0.25 * nxt
            r = 0.25 * ring + 0.75 * nxt
            pts = np.empty((2 * len(ring), 2))
            pts[0::2], pts[1::2] = q, r
            pts = np.vstack([pts, pts[:1]])
        else:
            if len(pts) < 3:
                return pts
            a, b = pts[:-1], pts[1:]
            mid = np.empty((2 * len(a), 2))
            mid[0::2], mid[1::2] = 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b
            pts = np.vstack([pts[:1], mid[1:-1], pts[-1:]])
    return pts


def smooth_geometry(geometry, iterations, max_segment=None):
    """A smoothed copy of a (multi)line or (multi)polygon geometry (Chaikin, ``iterations`` rounds).

    ``max_segment`` (CRS units, e.g. the pixel size) first splits long edges, so each cut removes at
    most a quarter of that length from a corner instead of a quarter of a long straight edge.
    """
    if iterations <= 0:
        return geometry.Clone()
    if max_segment:
        geometry = geometry.Clone()
        geometry.Segmentize(max_segment)
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    if kind == ogr.wkbLineString:
        out = ogr.Geometry(ogr.wkbLineString)
        for x, y in chaikin(np.asarray(geometry.GetPoints())[:, :2], iterations, geometry.IsRing()):
            out.AddPoint_2D(float(x), float(y))
        return out
    if kind == ogr.wkbPolygon:
        out = ogr.Geometry(ogr.wkbPolygon)
        for k in range(geometry.GetGeometryCount()):
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in chaikin(np.asarray(geometry.GetGeometryRef(k).GetPoints())[:, :2], iterations, True):
                ring.AddPoint_2D(float(x), float(y))
            out.AddGeometry(ring)
        return out
    out = ogr.Geometry(kind)
    for k in range(geometry.GetGeometryCount()):
        out.AddGeometry(smooth_geometry(geometry.GetGeometryRef(k), iterations))
    return out


def line_length_km(geometry, srs_wkt):
    """Geodesic length (km, WGS84) of a (multi)line in the CRS ``srs_wkt``."""
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    parts = [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())] \
        if kind == ogr.wkbMultiLineString else [geometry]
    total = 0.0
    src = srs_from_wkt(srs_wkt)
    for part in parts:
        pts = np.asarray(part.GetPoints())[:, :2]
        if len(pts) < 2:
            continue
        lon, lat = transform_points(pts[:, 0], pts[:, 1], src, lonlat_srs())
        total += float(np.sum(inverse(lon[:-1], lat[:-1], lon[1:], lat[1:])[0]))
    return total / 1000.0


def polygon_parts(geometry):
    """The polygons of a polygon or multipolygon, as a list."""
    if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbMultiPolygon:
        return [geometry.GetGeometryRef(i).Clone() for i in range(geometry.GetGeometryCount())]
    return [geometry.Clone()]
