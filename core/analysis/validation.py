"""Borehole validation: model MAGT sampled at measured boreholes, with bias, MAE, RMSE and Pearson r.

Each borehole is compared with the model band whose depth is closest to the measurement depth, if
within a tolerance. Boreholes outside the raster, on NoData or without a model depth are kept and
listed with their status, never dropped silently. A borehole on a NoData pixel (a lake or sea shore)
can take the nearest pixel with data within a given distance (see :func:`core.sampling.nearest_valid_pixel`);
the distance used is kept with the match.
"""

import csv
import math
import re
from dataclasses import dataclass

import numpy as np

from ..raster_io import band_info
from ..sampling import nearest_valid_pixel
from .geodesy import lonlat_srs, transform_points
from .rasters import Sampler, band_count

RMSE_TARGET_C = 0.5
"""The published NE China product's stated accuracy: RMSE < 0.5 °C."""

OK = "ok"
OUTSIDE = "outside raster"
NODATA = "model NoData"
NO_DEPTH = "no model depth"
NO_OBSERVATION = "no observed value"


@dataclass
class Borehole:
    id: str
    lon: float
    lat: float
    depth_m: float
    observed_c: float


@dataclass
class Match:
    borehole: Borehole
    status: str
    model_c: float = math.nan
    model_depth_m: float = math.nan
    distance_km: float = math.nan
    """Distance from the borehole to the pixel centre used when it is not the borehole's own pixel, else 0."""

    @property
    def residual_c(self):
        """Model − observed, °C (NaN unless matched)."""
        return self.model_c - self.borehole.observed_c if self.status == OK else math.nan


def band_depths(path, explicit=None, single_band_depth_m=10.0):
    """Depth (m) of each band: ``explicit`` list, else from descriptions ``magt_NNNNcm…``, else
    ``single_band_depth_m`` for a one-band raster. Raises ValueError when depths cannot be known."""
    n = band_count(path)
    if explicit:
        if len(explicit) != n:
            raise ValueError(f"Model raster ({path}) has {n} band(s) but {len(explicit)} band depth(s) were given")
        return [float(d) for d in explicit]
    descriptions, _ = band_info(path)
    found = [re.match(r"magt_(\d+)cm", d or "") for d in descriptions]
    if all(found):
        return [int(m.group(1)) / 100.0 for m in found]
    if n == 1:
        return [float(single_band_depth_m)]
    raise ValueError(f"Model raster ({path}): {n} bands whose depths are not in their descriptions "
                     f"(expected 'magt_1000cm'…); give one depth per band")


def parse_depths(text):
    """'10, 15, 20' → [10.0, 15.0, 20.0]; empty → []."""
    parts = [p for p in re.split(r"[,;\s]+", text or "") if p]
    try:
        return [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"band depths must be numbers in metres separated by commas, got {text!r}") from None


def match_boreholes(boreholes, model_path, depths, method="nearest", depth_tolerance_m=0.5, max_distance_km=0.0):
    """Sample the model for each borehole; returns one :class:`Match` per borehole, in input order.

    A borehole whose sample is NoData takes the value of the nearest pixel with data whose centre is
    within ``max_distance_km`` (km, WGS84 ellipsoid; 0: its own pixel only).
    """
    if not boreholes:
        raise ValueError("no boreholes given")
    if not (max_distance_km >= 0):
        raise ValueError(f"maximum distance to a valid pixel must be >= 0 km, got {max_distance_km}")
    samplers = {}
    out = []
    depths = np.asarray(depths, dtype=np.float64)
    for b in boreholes:
        if not np.isfinite(b.observed_c):
            out.append(Match(b, NO_OBSERVATION))
            continue
        k = int(np.argmin(np.abs(depths - b.depth_m)))
        if abs(depths[k] - b.depth_m) > depth_tolerance_m:
            out.append(Match(b, NO_DEPTH))
            continue
        if k not in samplers:
            samplers[k] = Sampler.open(model_path, k + 1, "Model raster", temperature=True)
        s = samplers[k]
        if not s.inside(np.array([b.lon]), np.array([b.lat]))[0]:
            out.append(Match(b, OUTSIDE, model_depth_m=float(depths[k])))
            continue
        value = float(s.sample(np.array([b.lon]), np.array([b.lat]), method)[0])
        distance = 0.0
        if not np.isfinite(value) and max_distance_km > 0:
            value, distance = _nearest_valid_value(s, b, max_distance_km)
        ok = np.isfinite(value)
        out.append(Match(b, OK if ok else NODATA, value, float(depths[k]), distance if ok else math.nan))
    return out


def _nearest_valid_value(sampler, borehole, max_km):
    """(value, distance km) of the nearest pixel with data within ``max_km`` of the borehole, else (NaN, NaN)."""
    x, y = transform_points([borehole.lon], [borehole.lat], lonlat_srs(), sampler.srs)
    found = nearest_valid_pixel(np.isfinite(sampler.data), sampler.grid, x[0], y[0], max_km)
    if found is None:
        return math.nan, math.nan
    col, row, distance = found
    return float(sampler.data[row, col]), distance


def _location(borehole):
    """Key of a borehole's location and depth (to about 0.1 m)."""
    return round(borehole.lon, 6), round(borehole.lat, 6), round(borehole.depth_m, 1)


def repeated_boreholes(boreholes):
    """Lists of boreholes given more than once at the same location and depth (each counted once)."""
    groups = {}
    for b in boreholes:
        groups.setdefault(_location(b), []).append(b)
    return [g for g in groups.values() if len(g) > 1]


def statistics(matches):
    """n, bias (mean model − observed), MAE, RMSE (°C) and Pearson r over the matched boreholes.

    Rows of one location and depth count once, with their observed values averaged.
    """
    groups = {}
    for m in matches:
        if m.status == OK:
            groups.setdefault(_location(m.borehole), []).append(m)
    n = len(groups)
    if n == 0:
        return {"n": 0, "bias": math.nan, "mae": math.nan, "rmse": math.nan, "r": math.nan}
    model = np.array([np.mean([m.model_c for m in g]) for g in groups.values()])
    obs = np.array([np.mean([m.borehole.observed_c for m in g]) for g in groups.values()])
    res = model - obs
    r = math.nan
    if n >= 2 and np.std(model) > 0 and np.std(obs) > 0:
        r = float(np.corrcoef(model, obs)[0, 1])
    return {"n": n, "bias": float(res.mean()), "mae": float(np.abs(res).mean()),
            "rmse": float(np.sqrt((res ** 2).mean())), "r": r}


def read_boreholes_csv(path, lon_field="lon", lat_field="lat", value_field="magt", depth_field="depth",
                       id_field="name", default_depth_m=10.0):
    """Boreholes from a CSV with lon/lat in WGS84 degrees. Missing depth column → ``default_depth_m``."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        sample = f.read(4096)
        f.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        rows = list(csv.DictReader(f, dialect=dialect))
    if not rows:
        raise ValueError(f"Boreholes CSV ({path}) holds no rows")
    columns = rows[0].keys()
    for name in (lon_field, lat_field, value_field):
        if name not in columns:
            raise ValueError(f"Boreholes CSV ({path}): no column {name!r}; columns are {', '.join(columns)}")
    out = []
    for i, row in enumerate(rows, start=1):
        try:
            depth = float(row[depth_field]) if depth_field in columns and row[depth_field] else default_depth_m
            value = float(row[value_field]) if row[value_field].strip() else math.nan
            out.append(Borehole(str(row.get(id_field) or i), float(row[lon_field]), float(row[lat_field]),
                                depth, value))
        except ValueError:
            raise ValueError(f"Boreholes CSV ({path}) row {i}: lon, lat, depth and MAGT must be numbers") from None
    return out
