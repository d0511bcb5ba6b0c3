"""The model grid: from an extent, from polygons (with a buffer in km) or from a template raster.

A model grid is stored as a 1-band Float32 "mask" template raster: 1 inside the region, NoData
outside. Every preparation tool takes such a template and writes its output on the same grid,
NoData where the template is NoData.
"""

import math

import numpy as np
from osgeo import gdal, ogr, osr

from ..raster_io import Grid, open_raster, read_raster, write_raster

gdal.UseExceptions()
ogr.UseExceptions()

ARC_SECONDS_30 = 1.0 / 120.0
"""30″ in degrees (about 0.93 km north–south): the default model resolution."""


def _srs(crs):
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _buffered_geometries(vector_path, buffer_km, target_srs):
    """Polygon geometries of the first layer of ``vector_path`` in ``target_srs``, buffered by ``buffer_km``.

    The buffer is applied in a local azimuthal equidistant projection centred on each geometry, so
    its distance is in kilometres whatever the CRS of the layer or the grid.
    """
    path, _, options = vector_path.partition("|")
    try:
        ds = ogr.Open(path)
    except RuntimeError:
        ds = None
    if ds is None or ds.GetLayerCount() == 0:
        raise ValueError(f"Region polygons: {path} cannot be opened as a vector layer")
    name = options.split("layername=", 1)[1].split("|")[0] if "layername=" in options else None
    layer = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    src_srs = layer.GetSpatialRef()
    if src_srs is None:
        raise ValueError(f"Region polygons: {vector_path} has no CRS")
    src_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs84 = _srs("EPSG:4326")
    out = []
    for feature in layer:
        geom = feature.GetGeometryRef()
        if geom is None or geom.IsEmpty():
            continue
        if ogr.GT_Flatten(geom.GetGeometryType()) not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            raise ValueError(f"Region polygons: {vector_path} holds {geom.GetGeometryName()} features; "
                             "expected polygons")
        geom = geom.Clone()
        if buffer_km:
            geom.Transform(osr.CoordinateTransformation(src_srs, wgs84))
            c = geom.Centroid()
            local = _srs(f"+proj=aeqd +lat_0={c.GetY()} +lon_0={c.GetX()} +datum=WGS84 +units=m")
            geom.Transform(osr.CoordinateTransformation(wgs84, local))
            geom = geom.Buffer(buffer_km * 1000.0, 16)
            geom.Transform(osr.CoordinateTransformation(local, target_srs))
        else:
            geom.Transform(osr.CoordinateTransformation(src_srs, target_srs))
        out.append(geom)
    if not out:
        raise ValueError(f"Region polygons: {vector_path} holds no polygon")
    return out


def grid_from_polygons(vector_path, res=ARC_SECONDS_30, crs="EPSG:4326", buffer_km=0.0):
    """Grid covering the (buffered) polygons and its mask (rows, cols): 1 inside, NaN outside.

    Pixels whose centre falls inside a polygon are inside (``gdal.RasterizeLayer`` default rule).
    """
    target = _srs(crs)
    geoms = _buffered_geometries(vector_path, buffer_km, target)
    envs = np.array([g.GetEnvelope() for g in geoms])  # minx, maxx, miny, maxy
    grid = Grid.from_extent(envs[:, 0].min(), envs[:, 2].min(), envs[:, 1].max(), envs[:, 3].max(), res, crs)
    mem = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(grid.geotransform)
    mem.SetProjection(grid.crs_wkt)
    vds = ogr.GetDriverByName("Memory").CreateDataSource("")
    vlayer = vds.CreateLayer("region", target, ogr.wkbUnknown)
    for g in geoms:
        f = ogr.Feature(vlayer.GetLayerDefn())
        f.SetGeometry(g)
        vlayer.CreateFeature(f)
    gdal.RasterizeLayer(mem, [1], vlayer, burn_values=[1])
    inside = mem.GetRasterBand(1).ReadAsArray() == 1
    if not inside.any():
        raise ValueError("Region polygons: no pixel centre falls inside the polygons; use a finer resolution "
                         "or a buffer")
    return grid, np.where(inside, 1.0, np.nan)


def grid_from_extent(xmin, ymin, xmax, ymax, res=ARC_SECONDS_30, crs="EPSG:4326"):
    """Grid covering the extent (in ``crs`` units), snapped outward to ``res``, and an all-ones mask."""
    grid = Grid.from_extent(xmin, ymin, xmax, ymax, res, crs)
    return grid, np.ones((grid.rows, grid.cols))


def grid_from_template(path):
    """Grid of an existing raster and its mask: 1 where band 1 holds data, NaN where it is NoData."""
    ds = open_raster(path)
    if ds is None:
        raise ValueError(f"Template raster: {path} cannot be opened as a raster")
    if not ds.GetProjection():
        raise ValueError(f"Template raster: {path} has no CRS")
    gt = ds.GetGeoTransform()
    if gt[2] or gt[4] or gt[5] >= 0:
        raise ValueError(f"Template raster: {path} is not a north-up grid (geotransform {gt})")
    grid = Grid.of(ds)
    data = read_raster(path, bands=[1])[0]
    return grid, np.where(np.isfinite(data), 1.0, np.nan)


def write_template(path, grid, mask):
    """Write the model-grid template: band "mask", 1 inside the region, NoData outside."""
    if mask.shape != (grid.rows, grid.cols):
        raise ValueError(f"mask shape {mask.shape} does not match the grid {(grid.rows, grid.cols)}")
    n = int(np.isfinite(mask).sum())
    return write_raster(path, mask, grid, descriptions=["mask"], units=["1"],
                        metadata={"MODEL_GRID": "1", "INSIDE_PIXELS": n})


def pixel_size_km(grid):
    """Approximate (east–west, north–south) pixel size in km at the grid centre (for the log)."""
    srs = _srs(grid.crs_wkt)
    dx, dy = grid.geotransform[1], -grid.geotransform[5]
    if srs.IsGeographic():
        lat = 0.5 * (grid.extent[1] + grid.extent[3])
        return dx * 111.195 * math.cos(math.radians(lat)), dy * 111.195
    unit = srs.GetLinearUnits()
    return dx * unit / 1000.0, dy * unit / 1000.0
