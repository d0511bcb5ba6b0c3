"""Monthly air-temperature anomalies stack from a monthly 2 m temperature NetCDF (e.g. ERA5-Land ``t2m``).

Anomaly = monthly value − mean of the same calendar month over a base period (default: every year
in the file), so kelvin and °C give the same anomalies. Bands ``tair_anomaly_YYYY_MM`` (°C) in time
order, regridded bilinearly with ``gdal.Warp`` like :mod:`.era5`.
"""

import re

import numpy as np
from osgeo import gdal, osr

from .. import schema
from .era5 import LAT_NAMES, LON_NAMES, _attr, _coordinate
from .units import temperature_unit
from .warp import Aligner, write_aligned

gdal.UseExceptions()

TIME_NAMES = ("valid_time", "time")
_SECONDS = {"second": 1, "seconds": 1, "minute": 60, "minutes": 60, "hour": 3600, "hours": 3600,
            "day": 86400, "days": 86400}


def decode_cf_time(values, units, calendar=None):
    """CF time values ('<unit> since <date>', standard calendar) → numpy datetime64[s]."""
    if calendar and calendar.lower() not in ("standard", "gregorian", "proleptic_gregorian"):
        raise ValueError(f"time calendar {calendar!r} is not supported (standard/gregorian only)")
    m = re.fullmatch(r"\s*(\w+)\s+since\s+(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?.*", units or "")
    if not m or m.group(1).lower() not in _SECONDS:
        raise ValueError(f"time units {units!r} not understood; expected '<seconds|hours|days> since YYYY-MM-DD'")
    y, mo, d = (int(v) for v in m.group(2).split("-"))
    clock = (m.group(3) or "00:00:00").split(":") + ["00"]
    ref = np.datetime64(f"{y:04d}-{mo:02d}-{d:02d}T{int(clock[0]):02d}:{clock[1]}:{clock[2]}", "s")
    seconds = np.round(np.asarray(values, float) * _SECONDS[m.group(1).lower()]).astype("int64")
    return ref + seconds.astype("timedelta64[s]")


def read_monthly_netcdf(path, variable="t2m"):
    """(lat, lon, years, months, data (time, lat, lon)) oriented north→south, lon −180…180."""
    try:
        group = gdal.OpenEx(path, gdal.OF_MULTIDIM_RASTER).GetRootGroup()
        arr = group.OpenMDArray(variable)
    except RuntimeError as err:
        raise ValueError(f"Monthly temperature: variable {variable} cannot be read from {path} ({err})") from None
    dims = [d.GetName() for d in arr.GetDimensions()]
    if len(dims) != 3 or dims[0] not in TIME_NAMES or dims[1] not in LAT_NAMES or dims[2] not in LON_NAMES:
        raise ValueError(f"Monthly temperature: {variable} in {path} has dimensions {dims}; expected "
                         "(time or valid_time, latitude, longitude)")
    t = group.OpenMDArray(dims[0])
    times = decode_cf_time(t.ReadAsArray(), str(_attr(t, "units") or ""), _attr(t, "calendar"))
    data = np.asarray(arr.ReadAsArray(), float)
    for name in ("_FillValue", "missing_value"):
        f = _attr(arr, name)
        if f is not None:
            data[data == float(np.ravel(f)[0])] = np.nan
    scale, offset = _attr(arr, "scale_factor"), _attr(arr, "add_offset")
    data = data * (float(np.ravel(scale)[0]) if scale is not None else 1.0) + (
        float(np.ravel(offset)[0]) if offset is not None else 0.0)
    temperature_unit(data, f"Monthly temperature {variable}", _attr(arr, "units"))
    lat, lon = _coordinate(group, LAT_NAMES, path), _coordinate(group, LON_NAMES, path)
    lon = np.where(lon > 180.0, lon - 360.0, lon)
    cols, rows = np.argsort(lon), np.argsort(-lat)
    data = data[:, rows][:, :, cols]
    years = times.astype("datetime64[Y]").astype(int) + 1970
    months = times.astype("datetime64[M]").astype(int) % 12 + 1
    return lat[rows], lon[cols], years, months, data


def monthly_anomalies(years, months, data, base_years=None):
    """Anomalies (time, lat, lon): data minus the mean of its calendar month over ``base_years`` (y0, y1)."""
    base = np.ones(years.size, bool) if base_years is None else (years >= base_years[0]) & (years <= base_years[1])
    out = np.empty_like(data)
    for m in range(1, 13):
        sel = months == m
        ref = sel & base
        if sel.any() and not ref.any():
            raise ValueError(f"Monthly temperature: no month {m:02d} inside the base period {base_years}")
        if sel.any():
            with np.errstate(invalid="ignore"):
                out[sel] = data[sel] - np.nanmean(data[ref], axis=0)
    return out


def prepare_anomalies(path, grid, mask, out_path, variable="t2m", base_years=None, first_year=None,
                      last_year=None):
    """Write the ``tair_anomaly_YYYY_MM`` stack (°C) on the grid, a row strip at a time; returns the band names."""
    lat, lon, years, months, data = read_monthly_netcdf(path, variable)
    order = np.lexsort((months, years))
    years, months, data = years[order], months[order], data[order]
    if len(set(zip(years.tolist(), months.tolist()))) != years.size:
        raise ValueError(f"Monthly temperature: {path} holds more than one step per month; expected monthly means")
    anomalies = monthly_anomalies(years, months, data, base_years)
    keep = np.ones(years.size, bool)
    if first_year is not None:
        keep &= years >= first_year
    if last_year is not None:
        keep &= years <= last_year
    if not keep.any():
        raise ValueError(f"Monthly temperature: no month between {first_year} and {last_year} in {path} "
                         f"(it covers {years.min()}–{years.max()})")
    dx, dy = lon[1] - lon[0], lat[0] - lat[1]
    mem = gdal.GetDriverByName("MEM").Create("", lon.size, lat.size, int(keep.sum()), gdal.GDT_Float64)
    mem.SetGeoTransform((lon[0] - dx / 2, dx, 0.0, lat[0] + dy / 2, 0.0, -dy))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    mem.SetProjection(srs.ExportToWkt())
    for i, a in enumerate(anomalies[keep]):
        band = mem.GetRasterBand(i + 1)
        band.SetNoDataValue(np.nan)
        band.WriteArray(a)
    names = [schema.ANOMALY_BAND.format(year=int(y), month=int(m)) for y, m in zip(years[keep], months[keep])]
    with Aligner(mem, grid, f"Monthly temperature ({path})", "bilinear") as source:
        write_aligned(source, mask, out_path, names, ["degC"] * len(names), metadata={"SOURCE": path})
    return names
