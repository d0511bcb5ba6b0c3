"""Monthly air-temperature climatology from weather stations and a DEM ("observational interpolation").

Method: per month, station temperatures are reduced to sea level with a lapse rate Γ (°C/km, fitted
per month by least squares of T on elevation together with a planar trend in x and y, or given by
the user; −6.5 °C/km standard atmosphere by default); the residuals T − Γ·z are interpolated in a
local azimuthal-equidistant plane in km (spherical Earth, centred on the stations) with a thin-plate
spline (``scipy.interpolate.RBFInterpolator``, with smoothing) or by inverse distance weighting;
Γ·z is then added back with the DEM height of each pixel.

Leave-one-out cross-validation refits the lapse rate without the left-out station and, for the
thin-plate spline, uses Rippa's (1999) closed form e_i = c_i / (M⁻¹)_ii of the augmented spline
system M, which holds with smoothing too, so all stations are checked with one matrix inverse.
"""

import csv
import html
from dataclasses import dataclass

import numpy as np
from scipy.interpolate import RBFInterpolator
from scipy.spatial import cKDTree

from .. import schema
from ..atomic import write_text
from ..report_text import translator
from .strips import strip_output, strips
from .warp import Aligner

EARTH_RADIUS_KM = 6371.0088
STANDARD_LAPSE_C_PER_KM = -6.5
METHODS = ("thin_plate", "idw")
CONFLICT_C = 2.0
"""Largest difference (°C) of a monthly mean between rows of one location that are averaged silently."""
BYTES_PER_PIXEL = 400
"""Working memory per pixel of a row strip: DEM, coordinates, 12 months and their Float32 copy."""


@dataclass
class Stations:
    """Station coordinates (degrees), elevation (m) and 12 monthly mean air temperatures (°C)."""

    ids: list
    names: list
    lat: np.ndarray
    lon: np.ndarray
    elev_m: np.ndarray
    temps_c: np.ndarray  # (n, 12)

    def __post_init__(self):
        n = len(self.lat)
        for name in ("lon", "elev_m"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"Stations: {name} has {len(getattr(self, name))} values for {n} stations")
        if self.temps_c.shape != (n, 12):
            raise ValueError(f"Stations: expected 12 monthly temperatures per station, got {self.temps_c.shape}")
        if n < 5:
            raise ValueError(f"Stations: {n} station(s) with complete data; at least 5 are needed")
        if np.any(np.abs(self.lat) > 90) or np.any(np.abs(self.lon) > 360):
            raise ValueError("Stations: latitude/longitude out of range; expected decimal degrees")

    def merged(self, decimals=3):
        """Stations sharing a location (to ``decimals`` degrees) averaged into one (an exact spline needs
        distinct points); ids and names joined with '+'. Co-located stations whose monthly means differ
        by more than ``CONFLICT_C`` are refused, naming them with their values."""
        key = np.round(np.column_stack([self.lat, self.lon]), decimals)
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        if first.size == len(self.lat):
            return self
        inverse = inverse.ravel()
        count = np.bincount(inverse)
        self._check_conflicts(inverse, count)

        def mean(v):
            return (np.stack([np.bincount(inverse, weights=c) for c in np.atleast_2d(v.T)]) / count).T

        groups = [np.flatnonzero(inverse == g) for g in range(first.size)]
        return Stations(["+".join(self.ids[i] for i in g) for g in groups],
                        ["+".join(self.names[i] for i in g) for g in groups],
                        mean(self.lat).ravel(), mean(self.lon).ravel(), mean(self.elev_m).ravel(), mean(self.temps_c))


    def _check_conflicts(self, inverse, count):
        conflicts = []
        for g in np.flatnonzero(count > 1):
            rows = np.flatnonzero(inverse == g)
            spread = np.ptp(self.temps_c[rows], axis=0)
            if spread.max() > CONFLICT_C:
                month = int(np.argmax(spread))
                values = ", ".join(f"{self.ids[i]}{' ' + self.names[i] if self.names[i] else ''}: "
                                   f"{self.temps_c[i, month]:.1f} °C" for i in rows)
                conflicts.append(f"at lat {self.lat[rows[0]]:.4f}, lon {self.lon[rows[0]]:.4f} month {month + 1:02d} "
                                 f"({values})")
        if conflicts:
            raise ValueError(f"Stations: {len(conflicts)} location(s) listed more than once with monthly means more "
                             f"than {CONFLICT_C:g} °C apart: " + "; ".join(conflicts[:10])
                             + ". Remove or correct the duplicate rows.")


def _column(header, wanted, label):
    lower = {h.strip().lower(): h for h in header}
    if wanted.lower() not in lower:
        raise ValueError(f"{label}: column {wanted!r} not found; columns are {', '.join(header)}")
    return lower[wanted.lower()]


def stations_from_table(rows, header, prefix, lat="LAT", lon="LON", elevation="ELEV_M", id_field="STNID",
                        name_field="NAME", label="Stations"):
    """Stations from table rows (dicts keyed by ``header``); monthly columns are ``prefix`` + 01…12.

    Rows with a missing or non-numeric value are skipped. Kelvin values are refused.
    """
    cols = [_column(header, f"{prefix}{m:02d}", label) for m in range(1, 13)]
    c_lat, c_lon, c_z = (_column(header, c, label) for c in (lat, lon, elevation))
    c_id = _column(header, id_field, label) if id_field else None
    c_name = _column(header, name_field, label) if name_field and name_field.lower() in (
        h.lower() for h in header) else None
    ids, names, values = [], [], []
    for i, row in enumerate(rows):
        try:
            v = [float(row[c]) for c in (c_lat, c_lon, c_z, *cols)]
        except (TypeError, ValueError):
            continue
        if not np.all(np.isfinite(v)):
            continue
        values.append(v)
        ids.append(str(row[c_id]) if c_id else str(i + 1))
        names.append(str(row[c_name]) if c_name else "")
    if not values:
        raise ValueError(f"{label}: no row has numeric latitude, longitude, elevation and 12 values "
                         f"{prefix}01…{prefix}12")
    v = np.array(values)
    temps = v[:, 3:]
    if np.median(temps) > 150:
        raise ValueError(f"{label}: columns {prefix}MM look like kelvin (median {np.median(temps):.1f}); "
                         "expected °C")
    return Stations(ids, names, v[:, 0], v[:, 1], v[:, 2], temps)


def read_station_csv(path, prefix, **columns):
    """Stations from a CSV file (see :func:`stations_from_table` for the column arguments)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = reader.fieldnames or []
    return stations_from_table(rows, header, prefix, label=f"Stations ({path})", **columns)


def local_km(lat, lon, lat0, lon0):
    """Azimuthal equidistant x (east), y (north) in km on a sphere, centred on (lat0, lon0)."""
    phi, lam = np.radians(lat), np.radians(lon)
    phi0, lam0 = np.radians(lat0), np.radians(lon0)
    cos_c = np.clip(np.sin(phi0) * np.sin(phi) + np.cos(phi0) * np.cos(phi) * np.cos(lam - lam0), -1, 1)
    c = np.arccos(cos_c)
    k = np.where(c > 1e-12, c / np.where(np.sin(c) > 0, np.sin(c), 1.0), 1.0)
    x = EARTH_RADIUS_KM * k * np.cos(phi) * np.sin(lam - lam0)
    y = EARTH_RADIUS_KM * k * (np.cos(phi0) * np.sin(phi) - np.sin(phi0) * np.cos(phi) * np.cos(lam - lam0))
    return x, y


def _design(x, y, z_km):
    return np.column_stack([np.ones_like(x), x, y, z_km])


def fit_lapse_rates(x, y, z_km, temps):
    """Per-month lapse rate (°C/km): coefficient of z in T = a + b·x + c·y + Γ·z (least squares)."""
    coef, *_ = np.linalg.lstsq(_design(x, y, z_km), temps, rcond=None)
    return coef[3]


def _tps(r):
    return np.where(r > 0, r * r * np.log(np.where(r > 0, r, 1.0)), 0.0)


@dataclass
class CrossValidation:
    """Leave-one-out result: predictions (n, 12) °C and RMSE/bias per month and of the annual mean."""

    predicted_c: np.ndarray
    observed_c: np.ndarray
    rmse_c: np.ndarray
    bias_c: np.ndarray
    annual_rmse_c: float


class StationInterpolator:
    """Lapse-rate detrending + residual interpolation; see the module docstring."""

    def __init__(self, stations, method="thin_plate", lapse_c_per_km=None, smoothing=1.0, power=2.0,
                 neighbours=12):
        if method not in METHODS:
            raise ValueError(f"unknown interpolation method {method!r}; expected one of {METHODS}")
        if smoothing < 0 or power <= 0 or neighbours < 1:
            raise ValueError("smoothing must be >= 0, IDW power > 0 and neighbours >= 1")
        self.stations, self.method = stations.merged(), method
        stations = self.stations
        self.smoothing, self.power, self.neighbours = float(smoothing), float(power), int(neighbours)
        self.lat0, self.lon0 = float(np.mean(stations.lat)), float(np.mean(stations.lon))
        self.x, self.y = local_km(stations.lat, stations.lon, self.lat0, self.lon0)
        self.z_km = stations.elev_m / 1000.0
        self.fitted_lapse = lapse_c_per_km is None
        self.lapse = (fit_lapse_rates(self.x, self.y, self.z_km, stations.temps_c) if self.fitted_lapse
                      else np.full(12, float(lapse_c_per_km)))
        xy = np.column_stack([self.x, self.y])
        residual = stations.temps_c - np.outer(self.z_km, self.lapse)
        if method == "thin_plate":
            self._rbf = RBFInterpolator(xy, residual, kernel="thin_plate_spline", smoothing=self.smoothing)
        else:
            self._tree, self._residual = cKDTree(xy), residual

    def _idw(self, xy, residual, tree, k, skip_self=False):
        k = min(k + skip_self, tree.n)
        d, idx = tree.query(xy, k=k)
        d, idx = np.atleast_2d(d), np.atleast_2d(idx)
        if skip_self:
            d, idx = d[:, 1:], idx[:, 1:]
        exact = d[:, 0] == 0
        w = 1.0 / np.where(d > 0, d, 1.0) ** self.power
        w[exact] = 0.0
        w[exact, 0] = 1.0
        w /= w.sum(axis=1, keepdims=True)
        return np.einsum("mk,mkt->mt", w, residual[idx])

    def predict(self, lat, lon, elev_m):
        """Monthly temperatures (m, 12) °C at points (degrees, m)."""
        x, y = local_km(np.asarray(lat, float), np.asarray(lon, float), self.lat0, self.lon0)
        xy = np.column_stack([x, y])
        if self.method == "thin_plate":
            res = self._rbf(xy)
        else:
            res = self._idw(xy, self._residual, self._tree, self.neighbours)
        return res + np.outer(np.asarray(elev_m, float) / 1000.0, self.lapse)

    def _loo_lapse(self):
        """Lapse rates (n, 12) fitted without each station in turn (the given rate when fixed)."""
        n = len(self.x)
        if not self.fitted_lapse:
            return np.tile(self.lapse, (n, 1))
        a = _design(self.x, self.y, self.z_km)
        out = np.empty((n, 12))
        keep = np.ones(n, bool)
        for i in range(n):
            keep[i] = False
            out[i] = np.linalg.lstsq(a[keep], self.stations.temps_c[keep], rcond=None)[0][3]
            keep[i] = True
        return out

    def cross_validate(self):
        """Leave-one-out predictions at every station and their RMSE per month (°C)."""
        t, z = self.stations.temps_c, self.z_km
        lapse = self._loo_lapse()
        if self.method == "thin_plate":
            n = len(self.x)
            r = np.hypot(self.x[:, None] - self.x[None], self.y[:, None] - self.y[None])
            p = np.column_stack([np.ones(n), self.x, self.y])
            m = np.zeros((n + 3, n + 3))
            m[:n, :n] = _tps(r) + self.smoothing * np.eye(n)
            m[:n, n:], m[n:, :n] = p, p.T
            inv = np.linalg.inv(m)
            diag = np.diag(inv)[:n]
            rhs = np.zeros((n + 3, 13))
            rhs[:n, :12], rhs[:n, 12] = t, z
            c = (inv @ rhs)[:n]
            err = c / diag[:, None]  # e_i = v_i - LOO prediction of v at i
            pred = t - err[:, :12] + lapse * err[:, 12:13]
        else:
            xy = np.column_stack([self.x, self.y])
            tree = cKDTree(xy)
            k = min(self.neighbours + 1, tree.n)
            d, idx = tree.query(xy, k=k)
            d, idx = d[:, 1:], idx[:, 1:]
            w = 1.0 / np.maximum(d, 1e-9) ** self.power
            w /= w.sum(axis=1, keepdims=True)
            resid = t[idx] - z[idx][:, :, None] * lapse[:, None, :]
            pred = np.einsum("nk,nkt->nt", w, resid) + z[:, None] * lapse
        err = pred - t
        return CrossValidation(pred, t, np.sqrt(np.mean(err ** 2, axis=0)), err.mean(axis=0),
                               float(np.sqrt(np.mean((pred.mean(axis=1) - t.mean(axis=1)) ** 2))))


def grid_lonlat(grid, yoff=0, rows=None):
    """Longitude and latitude (degrees) of the pixel centres of grid rows ``yoff`` … ``yoff + rows − 1``
    (default all), each (rows, cols)."""
    from osgeo import osr

    xs, ys = grid.centres()
    xx, yy = np.meshgrid(xs, ys[yoff:None if rows is None else yoff + rows])
    srs = osr.SpatialReference(wkt=grid.crs_wkt)
    if srs.IsGeographic():
        return xx, yy
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pts = np.array(osr.CoordinateTransformation(srs, wgs84).TransformPoints(
        np.column_stack([xx.ravel(), yy.ravel()]).tolist()))
    return pts[:, 0].reshape(xx.shape), pts[:, 1].reshape(xx.shape)


def interpolate_to_grid(interp, grid, dem_m, chunk=20000, progress=None, is_cancelled=None, yoff=0):
    """Monthly climatology (12, rows, cols) °C at the DEM heights (m; NaN = skip) ``dem_m`` of grid rows
    ``yoff`` … ``yoff + rows − 1``."""
    lon, lat = grid_lonlat(grid, yoff, dem_m.shape[0])
    valid = np.flatnonzero(np.isfinite(dem_m))
    out = np.full((12, dem_m.size), np.nan)
    for start in range(0, valid.size, chunk):
        if is_cancelled and is_cancelled():
            raise InterruptedError("cancelled")
        sel = valid[start:start + chunk]
        out[:, sel] = interp.predict(lat.ravel()[sel], lon.ravel()[sel], dem_m.ravel()[sel]).T
        if progress:
            progress(min(1.0, (start + chunk) / max(valid.size, 1)))
    return out.reshape(12, *dem_m.shape)


def cross_validation_html(interp, cv, worst=15, locale=None):
    """A small self-contained HTML report of the cross-validation; ``locale`` (e.g. "zh_CN") sets its language."""
    t = translator(locale)
    title = t("Station interpolation: leave-one-out cross-validation")
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    s = interp.stations
    head = "".join(f"<th>{t(m)}</th>" for m in months)
    rows = [("RMSE (°C)", cv.rmse_c), (t("Bias, predicted − observed (°C)"), cv.bias_c),
            (t("Lapse rate (°C/km)"), interp.lapse)]
    body = "".join(f"<tr><th>{html.escape(n)}</th>" + "".join(f"<td>{v:.2f}</td>" for v in vals) + "</tr>"
                   for n, vals in rows)
    err = cv.predicted_c.mean(axis=1) - cv.observed_c.mean(axis=1)
    order = np.argsort(-np.abs(err))[:worst]
    worst_rows = "".join(
        f"<tr><td>{html.escape(s.ids[i])}</td><td>{html.escape(s.names[i])}</td><td>{s.lat[i]:.3f}</td>"
        f"<td>{s.lon[i]:.3f}</td><td>{s.elev_m[i]:.0f}</td><td>{cv.observed_c[i].mean():.2f}</td>"
        f"<td>{cv.predicted_c[i].mean():.2f}</td><td>{err[i]:+.2f}</td></tr>" for i in order)
    method = (t("thin-plate spline (smoothing {s:g})").format(s=interp.smoothing) if interp.method == "thin_plate"
              else t("inverse distance (power {p:g}, {n} neighbours)").format(p=interp.power, n=interp.neighbours))
    lapse = t("fitted per month") if interp.fitted_lapse else t("fixed")
    summary = t("{n} stations; residual interpolation: {method}; lapse rate {lapse}. Annual-mean RMSE: "
                "<b>{rmse:.2f} °C</b>.").format(n=len(s.lat), method=method, lapse=lapse, rmse=cv.annual_rmse_c)
    headers = "".join(f"<th>{t(h)}</th>" for h in ("id", "name", "lat", "lon", "elevation (m)", "observed (°C)",
                                                     "predicted (°C)", "error (°C)"))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif}}td,th{{padding:2px 6px;text-align:right}}table{{border-collapse:collapse}}
tr:nth-child(even){{background:#eee}}</style></head><body><h1>{html.escape(title)}</h1>
<p>{summary}</p>
<table><tr><th></th>{head}</tr>{body}</table>
<h2>{t("Stations with the largest annual-mean error")}</h2>
<table><tr>{headers}</tr>{worst_rows}</table></body></html>
"""


def prepare_station_climate(stations, dem_path, grid, mask, out_path, method="thin_plate", lapse_c_per_km=None,
                            smoothing=10.0, power=2.0, neighbours=12, report_path=None, progress=None,
                            is_cancelled=None, locale=None):
    """Interpolate the stations onto the grid with the DEM and write ``tair_01..12`` (°C).

    The DEM (m) is warped to the grid (bilinear, or average when it is much finer) and the output written a row
    strip at a time (:mod:`.strips`). Returns
    (interpolator, cross-validation); the HTML report is written when ``report_path`` is given, in the
    language of ``locale`` (default English).
    """
    inside = False
    with Aligner(dem_path, grid, "DEM", "auto", bands=[1]) as dem_source:
        interp = StationInterpolator(stations, method, lapse_c_per_km, smoothing, power, neighbours)
        cv = interp.cross_validate()
        lapse = ",".join(f"{v:.3f}" for v in interp.lapse)
        metadata = {"METHOD": method, "LAPSE_RATE_C_PER_KM": lapse, "STATIONS": len(interp.stations.lat),
                    "LOO_RMSE_C": ",".join(f"{v:.3f}" for v in cv.rmse_c)}
        with strip_output(out_path, grid, 12, list(schema.CLIMATE_BANDS), ["degC"] * 12, metadata) as out:
            for yoff, rows in strips(grid, BYTES_PER_PIXEL):
                dem = dem_source.read(yoff, rows)[0]
                dem[~np.isfinite(mask[yoff:yoff + rows])] = np.nan
                inside = inside or bool(np.isfinite(dem).any())
                step = (lambda f, a=yoff / grid.rows, b=rows / grid.rows: progress(a + b * f)) if progress else None
                out.write(interpolate_to_grid(interp, grid, dem, progress=step, is_cancelled=is_cancelled,
                                                    yoff=yoff), yoff)
            dem_source.check()
            if not inside:
                raise ValueError("DEM: no valid height inside the model-grid region")
    if report_path:
        write_text(report_path, cross_validation_html(interp, cv, locale=locale))
    return interp, cv
