"""Monthly air-temperature climatology from rasters: WorldClim 2.1, CHELSA, or any 12-band raster.

Sources are either one 12-band raster (January first; a NetCDF with a 12-step variable works too)
or 12 single-band files whose names carry the month (``wc2.1_30s_tavg_01.tif``,
``CHELSA_tas_01_1981-2010_V.2.1.tif``). GDAL scale/offset are applied (CHELSA stores kelvin × 10
as integers); kelvin is detected from the band unit and the value range and converted or refused.
"""

import glob
import os
import re
from contextlib import ExitStack

import numpy as np
from osgeo import gdal

from .. import schema
from ..raster_io import open_raster
from .strips import strip_output, strips
from .units import temperature_unit, to_celsius
from .warp import Aligner

gdal.UseExceptions()

RASTER_EXTENSIONS = (".tif", ".tiff", ".vrt", ".bil", ".nc", ".img", ".asc")
AUTO_PATTERNS = ("*tavg*", "*_tas_*", "*tmean*", "*temp*", "*t2m*", "*")
_MONTH = re.compile(r"_(\d{1,2})(?=[_.])")
BYTES_PER_PIXEL = 300
"""Working memory per pixel of a row strip: 12 months in float64, a warped month and the Float32 copy."""


def month_of(path):
    """Month number (1–12) carried in a file name as ``_MM_`` or ``_MM.``; None when there is none."""
    for m in _MONTH.findall(os.path.basename(path)):
        if 1 <= int(m) <= 12:
            return int(m)
    return None


def resolve_raster(path):
    """``path`` itself, or for a container (NetCDF/HDF) its only subdataset with 12 bands."""
    ds = open_raster(path)
    subs = [v for k, v in (ds.GetMetadata("SUBDATASETS") or {}).items() if k.endswith("_NAME")]
    if not subs:
        return path
    twelve = [s for s in subs if open_raster(s).RasterCount == 12]
    if len(twelve) != 1:
        raise ValueError(f"Climate: {path} holds {len(subs)} variables, {len(twelve)} with 12 steps; "
                         "give the variable as NETCDF:\"file\":variable")
    return twelve[0]


def monthly_sources(paths=(), folder=None, pattern=None):
    """12 (path, band) pairs, January first, from one 12-band raster, 12 month files, or a folder.

    ValueError naming what was found when that is not exactly one 12-band raster or 12 distinct months.
    """
    paths = list(paths or [])
    if folder:
        if not os.path.isdir(folder):
            raise ValueError(f"Climate folder {folder} does not exist")
        candidates = []
        for pat in ([pattern] if pattern else AUTO_PATTERNS):
            candidates = sorted(p for p in glob.glob(os.path.join(folder, pat))
                                if p.lower().endswith(RASTER_EXTENSIONS) and month_of(p))
            if len({month_of(p) for p in candidates}) == 12 and len(candidates) == 12:
                break
        paths = paths + candidates
    if len(paths) == 1:
        path = resolve_raster(paths[0])
        n = open_raster(path).RasterCount
        if n != 12:
            raise ValueError(f"Climate: {paths[0]} has {n} band(s); expected 12 monthly bands (January first) "
                             "or 12 single-band monthly files")
        return [(path, b) for b in range(1, 13)]
    months = {}
    for p in paths:
        m = month_of(p)
        if m is None:
            raise ValueError(f"Climate: no month number (_01 … _12) in the file name {os.path.basename(p)}")
        if m in months:
            raise ValueError(f"Climate: month {m:02d} given twice ({os.path.basename(months[m])}, "
                             f"{os.path.basename(p)}); use a file-name pattern to pick one set")
        months[m] = p
    if sorted(months) != list(range(1, 13)):
        missing = [f"{m:02d}" for m in range(1, 13) if m not in months]
        where = f"folder {folder}" if folder else "the inputs"
        raise ValueError(f"Climate: expected 12 monthly files in {where}; months {', '.join(missing)} missing "
                         f"({len(paths)} file(s) found)")
    for m, p in months.items():
        if open_raster(p).RasterCount != 1:
            raise ValueError(f"Climate: {os.path.basename(p)} has {open_raster(p).RasterCount} bands; a monthly "
                             "file must have one")
    return [(months[m], 1) for m in range(1, 13)]


def _assumed_crs(path):
    """EPSG:4326 for a CRS-less raster whose geotransform is plainly in degrees, else None."""
    ds = open_raster(path)
    if ds.GetProjection():
        return None
    gt = ds.GetGeoTransform()
    xs = (gt[0], gt[0] + gt[1] * ds.RasterXSize)
    ys = (gt[3], gt[3] + gt[5] * ds.RasterYSize)
    if gt != (0, 1, 0, 0, 0, 1) and all(-360 <= x <= 360 for x in xs) and all(-90 <= y <= 90 for y in ys):
        return "EPSG:4326"
    return None


def _unit_so_far(low, high, declared):
    """The unit of values within ``low`` … ``high`` ('degC'/'K'), None when undecided or in conflict (the
    whole grid's range then raises the error)."""
    try:
        return temperature_unit(np.array([low, high]), "Climate", declared)
    except ValueError:
        return None


def prepare_climate(sources, grid, mask, out_path, on_kelvin="convert", resampling="auto", progress=None,
                    is_cancelled=None):
    """Align the 12 monthly sources to the grid, convert to °C and write ``tair_01..12``, a row strip at a time.

    Returns a dict with the detected source unit ('degC'/'K'), the resampling and notes for the log.
    """
    units, notes = [], []
    with ExitStack() as stack:
        months = []
        for i, (path, band) in enumerate(sources):
            crs = _assumed_crs(path)
            if crs and not notes:
                notes.append(f"{path} has no CRS; its degree coordinates are taken as EPSG:4326")
            label = f"Climate month {i + 1:02d} ({os.path.basename(path)}, band {band})"
            months.append(stack.enter_context(Aligner(path, grid, label, resampling, bands=[band], src_crs=crs)))
            ds = open_raster(path)
            units.append(ds.GetRasterBand(band).GetUnitType())
            ds = None
        declared = {u for u in units if u}
        declared = declared.pop() if len(declared) == 1 else None
        low, high, inside = np.inf, -np.inf, False
        out = stack.enter_context(strip_output(out_path, grid, 12, list(schema.CLIMATE_BANDS), ["degC"] * 12,
                                              {"SOURCES": ";".join(sorted({p for p, _ in sources}))}))
        for yoff, rows in strips(grid, BYTES_PER_PIXEL):
            data = np.empty((12, rows, grid.cols))
            for i, month in enumerate(months):
                if is_cancelled and is_cancelled():
                    raise InterruptedError("cancelled")
                data[i] = month.read(yoff, rows)[0]
                if progress:
                    progress((yoff + rows * (i + 1) / 12) / grid.rows)
            finite = np.isfinite(data)
            low = min(low, float(np.min(data, where=finite, initial=np.inf)))
            high = max(high, float(np.max(data, where=finite, initial=-np.inf)))
            if _unit_so_far(low, high, declared) == "K":
                data = data - 273.15
            data[:, ~np.isfinite(mask[yoff:yoff + rows])] = np.nan
            inside = inside or bool(np.isfinite(data).any())
            out.write(data, yoff)
        for month in months:
            month.check()
        _, unit = to_celsius(np.array([low, high]), "Climate", on_kelvin, declared)
        if not inside:
            raise ValueError("Climate: no valid value inside the model-grid region")
        out.set_metadata("SOURCE_UNIT", unit)
    if unit == "K":
        notes.append("kelvin input detected and converted to °C (−273.15)")
    return {"unit": unit, "notes": notes}
