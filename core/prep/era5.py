"""Initial ground temperature from ERA5-Land soil temperature (``stl1``…``stl4``, kelvin).

The NetCDF is read with GDAL's multidimensional API (GRIB through GDAL's GRIB driver): any
``time``/``valid_time`` (and ``number``/``expver``) dimension is averaged, latitudes may run either
way and longitudes 0–360 are shifted to −180–180. The field is placed in an in-memory EPSG:4326
raster and regridded with ``gdal.Warp`` (bilinear). Bands ``tsoil_NNNNcm`` hold °C at the layer
mid-depths 3.5, 17.5, 64 and 194.5 cm, named with the depth rounded half up (4, 18, 64, 195 cm).
"""

import math

import numpy as np
from osgeo import gdal, osr

from .. import schema
from .units import temperature_unit
from .warp import Aligner, write_aligned

gdal.UseExceptions()

ERA5_LAYERS_CM = {"stl1": (0.0, 7.0), "stl2": (7.0, 28.0), "stl3": (28.0, 100.0), "stl4": (100.0, 289.0)}
LAT_NAMES = ("latitude", "lat")
LON_NAMES = ("longitude", "lon")


def mid_depths_cm():
    """Mid-depths (cm) of the four ERA5-Land soil layers: 3.5, 17.5, 64, 194.5."""
    return [0.5 * (a + b) for a, b in ERA5_LAYERS_CM.values()]


def band_names():
    """``tsoil_NNNNcm`` band descriptions of the initial-state raster (depth rounded half up)."""
    return [schema.INITIAL_BAND.format(depth_cm=int(math.floor(d + 0.5))) for d in mid_depths_cm()]


def _attr(array, name):
    try:
        a = array.GetAttribute(name)
    except RuntimeError:  # missing attribute, with gdal.UseExceptions()
        return None
    return None if a is None else a.Read()


def _coordinate(group, names, path):
    for n in names:
        try:
            arr = group.OpenMDArray(n)
        except RuntimeError:
            arr = None
        if arr is not None:
            return np.asarray(arr.ReadAsArray(), float)
    raise ValueError(f"ERA5-Land: {path} has no coordinate variable {' or '.join(names)}")


def _read_netcdf(path, variables):
    ds = gdal.OpenEx(path, gdal.OF_MULTIDIM_RASTER)
    group = ds.GetRootGroup()
    lat, lon = _coordinate(group, LAT_NAMES, path), _coordinate(group, LON_NAMES, path)
    fields = {}
    for var in variables:
        try:
            arr = group.OpenMDArray(var)
        except RuntimeError:
            arr = None
        if arr is None:
            names = group.GetMDArrayNames()
            raise ValueError(f"ERA5-Land: variable {var} missing from {path} (found {', '.join(names)}); "
                             "expected stl1, stl2, stl3 and stl4")
        dims = [d.GetName() for d in arr.GetDimensions()]
        if len(dims) < 2 or dims[-2] not in LAT_NAMES or dims[-1] not in LON_NAMES:
            raise ValueError(f"ERA5-Land: {var} in {path} has dimensions {dims}; expected (…, latitude, longitude)")
        raw = np.asarray(arr.ReadAsArray(), float)
        fill = [_attr(arr, n) for n in ("_FillValue", "missing_value")]
        for f in fill:
            if f is not None:
                raw[raw == float(np.ravel(f)[0])] = np.nan
        scale, offset = _attr(arr, "scale_factor"), _attr(arr, "add_offset")
        raw = raw * (float(np.ravel(scale)[0]) if scale is not None else 1.0) + (
            float(np.ravel(offset)[0]) if offset is not None else 0.0)
        with np.errstate(invalid="ignore"):
            mean = np.nanmean(raw.reshape(-1, *raw.shape[-2:]), axis=0) if raw.ndim > 2 else raw
        fields[var] = (mean, _attr(arr, "units"))
    return lat, lon, fields


def _read_grib(path, variables):
    """Fields from a GRIB file: bands whose GRIB_ELEMENT is the variable (e.g. STL1), averaged."""
    ds = gdal.Open(path)
    gt = ds.GetGeoTransform()
    lon = gt[0] + gt[1] * (np.arange(ds.RasterXSize) + 0.5)
    lat = gt[3] + gt[5] * (np.arange(ds.RasterYSize) + 0.5)
    fields = {}
    for var in variables:
        bands = [ds.GetRasterBand(i + 1) for i in range(ds.RasterCount)]
        sel = [b for b in bands if (b.GetMetadataItem("GRIB_ELEMENT") or "").lower() == var]
        if not sel:
            raise ValueError(f"ERA5-Land: no GRIB message {var.upper()} in {path}")
        stack = []
        for b in sel:
            a = b.ReadAsArray().astype(float)
            nd = b.GetNoDataValue()
            if nd is not None:
                a[a == nd] = np.nan
            stack.append(a)
        unit = sel[0].GetMetadataItem("GRIB_UNIT") or ""
        fields[var] = (np.nanmean(stack, axis=0), "K" if "[K]" in unit else "degC" if "[C]" in unit else None)
    return lat, lon, fields


def read_era5_soil(path):
    """(lat, lon, {var: (rows, cols) time-mean kelvin}) oriented north→south, lon in −180…180."""
    grib = path.lower().endswith((".grib", ".grb", ".grib2", ".grb2"))
    try:
        lat, lon, fields = (_read_grib if grib else _read_netcdf)(path, ERA5_LAYERS_CM)
    except RuntimeError as err:
        raise ValueError(f"ERA5-Land: {path} cannot be read as {'GRIB' if grib else 'NetCDF'} ({err})") from None
    lon = np.where(lon > 180.0, lon - 360.0, lon)
    col_order = np.argsort(lon)
    row_order = np.argsort(-lat)
    lat, lon = lat[row_order], lon[col_order]
    out = {}
    for var, (field, unit) in fields.items():
        field = field[np.ix_(row_order, col_order)]
        unit = temperature_unit(field, f"ERA5-Land {var}", unit)
        out[var] = field if unit == "K" else field + 273.15
    for name, c in (("latitude", lat), ("longitude", lon)):
        step = np.diff(c)
        if c.size < 2 or not np.allclose(step, step[0], rtol=1e-3, atol=1e-6):
            raise ValueError(f"ERA5-Land: {path} {name} is not a regular grid of at least 2 points")
    return lat, lon, out


def era5_dataset(lat, lon, fields):
    """In-memory EPSG:4326 raster (°C, NaN NoData) with one band per ERA5-Land layer, cells centred on nodes."""
    dx, dy = lon[1] - lon[0], lat[0] - lat[1]
    mem = gdal.GetDriverByName("MEM").Create("", lon.size, lat.size, len(fields), gdal.GDT_Float64)
    mem.SetGeoTransform((lon[0] - dx / 2, dx, 0.0, lat[0] + dy / 2, 0.0, -dy))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    mem.SetProjection(srs.ExportToWkt())
    for i, var in enumerate(ERA5_LAYERS_CM):
        band = mem.GetRasterBand(i + 1)
        band.SetNoDataValue(np.nan)
        band.WriteArray(fields[var] - 273.15)
    return mem


def prepare_initial_state(path, grid, mask, out_path, resampling="bilinear"):
    """Regrid ERA5-Land stl1–4 (time mean) to the grid as °C ``tsoil_NNNNcm`` bands; returns the band names."""
    lat, lon, fields = read_era5_soil(path)
    mem = era5_dataset(lat, lon, fields)
    names = band_names()
    with Aligner(mem, grid, f"ERA5-Land ({path})", resampling) as source:
        write_aligned(source, mask, out_path, names, ["degC"] * 4,
                      metadata={"DEPTHS_CM": ",".join(f"{d:g}" for d in mid_depths_cm()), "SOURCE": path})
    return names
