"""Builders of small input files in the exact formats of the real products (for the prep tests)."""

import os

import numpy as np
from osgeo import gdal, osr
from scipy.io import netcdf_file

gdal.UseExceptions()

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEST_DATA = os.path.join(ROOT, "tests", "data")  # real files kept for the tests (tests/data/README.md)
DEMO_DATA = os.path.join(ROOT, "demo", "data")  # clips of real data bundled with the demo (demo/data/README.md)
IGH = "+proj=igh +lat_0=0 +lon_0=0 +datum=WGS84 +units=m +no_defs"


def geotiff(path, array, geotransform, crs="EPSG:4326", dtype=gdal.GDT_Float32, nodata=None, scale=None,
            offset=None, unit=None, descriptions=None):
    """Write a (bands, rows, cols) or (rows, cols) array as a plain GeoTIFF with the given metadata."""
    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    ds = gdal.GetDriverByName("GTiff").Create(path, array.shape[2], array.shape[1], array.shape[0], dtype)
    ds.SetGeoTransform(geotransform)
    if crs:
        srs = osr.SpatialReference()
        srs.SetFromUserInput(crs)
        ds.SetProjection(srs.ExportToWkt())
    for i in range(array.shape[0]):
        b = ds.GetRasterBand(i + 1)
        if nodata is not None:
            b.SetNoDataValue(nodata)
        if scale is not None:
            b.SetScale(scale)
        if offset is not None:
            b.SetOffset(offset)
        if unit:
            b.SetUnitType(unit)
        if descriptions:
            b.SetDescription(descriptions[i])
        b.WriteArray(array[i])
    ds = None
    return path


def era5_land_netcdf(path, lat, lon, stl_kelvin, time_name="valid_time", scale=0.002, offset=260.0):
    """ERA5-Land style NetCDF: int16 stl1..4 (time, latitude, longitude) packed with scale/offset, kelvin.

    ``stl_kelvin`` is (4, ntime, nlat, nlon); NaN becomes the _FillValue.
    """
    f = netcdf_file(path, "w")
    nt = stl_kelvin.shape[1]
    f.createDimension(time_name, nt)
    f.createDimension("latitude", len(lat))
    f.createDimension("longitude", len(lon))
    t = f.createVariable(time_name, "i4", (time_name,))
    t[:] = np.arange(nt) * 24
    t.units = "hours since 2010-01-01"
    la = f.createVariable("latitude", "f4", ("latitude",))
    la[:] = lat
    la.units = "degrees_north"
    lo = f.createVariable("longitude", "f4", ("longitude",))
    lo[:] = lon
    lo.units = "degrees_east"
    for i in range(4):
        v = f.createVariable(f"stl{i + 1}", "i2", (time_name, "latitude", "longitude"))
        packed = np.round((stl_kelvin[i] - offset) / scale)
        v[:] = np.where(np.isfinite(packed), packed, -32767).astype(np.int16)
        v.scale_factor = scale
        v.add_offset = offset
        v._FillValue = np.int16(-32767)
        v.missing_value = np.int16(-32767)
        v.units = "K"
    f.close()
    return path


def igh_geotransform(lon, lat, size_m=250.0, ncols=40, nrows=40):
    """Geotransform of an IGH tile of ``ncols``×``nrows`` 250 m pixels whose top-left is at (lon, lat)."""
    src = osr.SpatialReference()
    src.ImportFromEPSG(4326)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromProj4(IGH)
    x, y, _ = osr.CoordinateTransformation(src, dst).TransformPoint(lon, lat)
    x0, y0 = np.floor(x / size_m) * size_m, np.ceil(y / size_m) * size_m
    return (x0, size_m, 0.0, y0, 0.0, -size_m)


def soilgrids_folder(folder, values, geotransform, shape=(40, 40), skip=()):
    """SoilGrids ``<prop>_<depth>_mean.tif`` Int16 IGH tiles, NoData −32768, constant per (prop) from ``values``
    (already in SoilGrids units: g/kg, cg/cm³, dg/kg, 10⁻³ cm³/cm³)."""
    os.makedirs(folder, exist_ok=True)
    depths = ("0-5cm", "5-15cm", "15-30cm", "30-60cm", "60-100cm", "100-200cm")
    for prop, value in values.items():
        for depth in depths:
            name = f"{prop}_{depth}_mean.tif"
            if name in skip:
                continue
            a = np.full(shape, value, dtype=np.int16)
            geotiff(os.path.join(folder, name), a, geotransform, crs=IGH, dtype=gdal.GDT_Int16, nodata=-32768)
    return folder
