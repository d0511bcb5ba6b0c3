"""Route corridors: MAGT, ALT and stability class along pipeline/road/rail routes, with per-route summaries.

Routes are given in WGS84 lon/lat. Each route is cut into pieces of ``spacing_m`` metres of geodesic
length (the last piece of a part is shorter); piece ends are placed by geodesic interpolation along
each route segment. Each piece takes the value sampled at its midpoint, or, with a buffer, the worst
(warmest MAGT, deepest ALT) value among the midpoint and points offset perpendicular to the route on
either side up to the buffer width. Lengths are geodesic on the WGS84 ellipsoid.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .geodesy import direct, inverse
from .schemes import CLASS_NODATA, classify


@dataclass
class Route:
    """A route: a name and one or more parts, each an (n, 2) array of lon/lat vertices (degrees)."""

    name: str
    parts: list


@dataclass
class Piece:
    route: str
    part: int
    chainage_from_km: float
    chainage_to_km: float
    coords: np.ndarray                 # (n, 2) lon/lat vertices of the piece
    mid: tuple                         # lon/lat of the midpoint
    magt_c: float = math.nan           # value used (worst across the buffer if a buffer is given)
    magt_centre_c: float = math.nan
    alt_m: float = math.nan
    class_code: int = CLASS_NODATA
    class_name: str = ""

    @property
    def length_km(self):
        return self.chainage_to_km - self.chainage_from_km


@dataclass
class RouteSummary:
    name: str
    length_km: float
    permafrost_km: float
    warm_km: float
    nodata_km: float
    class_km: dict = field(default_factory=dict)     # class code → km
    coldest: tuple = (math.nan, math.nan, math.nan)  # (MAGT °C, from km, to km)
    warmest: tuple = (math.nan, math.nan, math.nan)


def _points_at(lon, lat, cum, az, s):
    """Lon/lat arrays at distances ``s`` (m) along a polyline with cumulative vertex distances ``cum``,
    by geodesic interpolation along the segment holding each distance; also returns the segment indices."""
    i = np.clip(np.searchsorted(cum, s, side="right") - 1, 0, len(cum) - 2)
    plon, plat = direct(lon[i], lat[i], az[i], s - cum[i])
    return np.atleast_1d(plon), np.atleast_1d(plat), i


def cut_part(lon, lat, spacing_m):
    """Pieces of one part: list of (from_m, to_m, coords (n, 2), mid lon/lat, azimuth at the mid, degrees)."""
    lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    dist, _ = inverse(lon[:-1], lat[:-1], lon[1:], lat[1:])
    keep = np.concatenate([[True], np.atleast_1d(dist) > 0])          # drop repeated vertices
    lon, lat = lon[keep], lat[keep]
    if len(lon) < 2:
        return []
    dist, az = inverse(lon[:-1], lat[:-1], lon[1:], lat[1:])
    dist, az = np.atleast_1d(dist), np.atleast_1d(az)
    cum = np.concatenate([[0.0], np.cumsum(dist)])
    total = float(cum[-1])
    n = max(1, int(math.ceil(total / spacing_m - 1e-9)))
    edges = np.minimum(np.arange(n + 1) * spacing_m, total)
    edges[-1] = total
    elon, elat, _ = _points_at(lon, lat, cum, az, edges)
    mids = (edges[:-1] + edges[1:]) / 2.0
    mlon, mlat, im = _points_at(lon, lat, cum, az, mids)
    # Azimuth at each midpoint: toward the end of its segment (or onward from its start if it sits there).
    d_end, az_mid = inverse(mlon, mlat, lon[im + 1], lat[im + 1])
    _, back = inverse(mlon, mlat, lon[im], lat[im])
    az_mid = np.where(np.atleast_1d(d_end) < 1e-3, np.atleast_1d(back) + 180.0, np.atleast_1d(az_mid))
    first_inner = np.searchsorted(cum, edges[:-1], side="right")
    last_inner = np.searchsorted(cum, edges[1:], side="left")
    pieces = []
    for k in range(n):
        inner = np.column_stack([lon[first_inner[k]:last_inner[k]], lat[first_inner[k]:last_inner[k]]])
        coords = np.vstack([[elon[k], elat[k]], inner, [elon[k + 1], elat[k + 1]]])
        pieces.append((float(edges[k]), float(edges[k + 1]), coords, (float(mlon[k]), float(mlat[k])),
                       float(az_mid[k])))
    return pieces


def offsets(buffer_m, spacing_m):
    """Perpendicular offsets (m) sampled on each side: evenly up to ``buffer_m``, at most half a spacing apart."""
    if buffer_m <= 0:
        return np.zeros(0)
    n = max(1, int(math.ceil(buffer_m / (spacing_m / 2.0))))
    return buffer_m * np.arange(1, n + 1) / n


def sample_pieces(routes, magt, spacing_m, buffer_m=0.0, method="nearest", alt=None, class_raster=None,
                  classes=None, progress=None, is_cancelled=None):
    """Cut every route into pieces and sample the rasters; returns the list of :class:`Piece`.

    ``magt``, ``alt`` and ``class_raster`` are :class:`~core.analysis.rasters.Sampler`. Without a
    class raster the class comes from the MAGT value used and ``classes``.
    """
    if spacing_m <= 0:
        raise ValueError(f"sampling spacing must be > 0 m, got {spacing_m}")
    if buffer_m < 0:
        raise ValueError(f"buffer width must be >= 0 m, got {buffer_m}")
    names = {c.code: c.name_en for c in classes or ()}
    offs = offsets(buffer_m, spacing_m)
    out = []
    for r, route in enumerate(routes):
        chain = 0.0
        for p, part in enumerate(route.parts):
            part = np.asarray(part, dtype=np.float64)
            cut = cut_part(part[:, 0], part[:, 1], spacing_m)
            if not cut:
                continue
            mid = np.array([c[3] for c in cut])
            az = np.array([c[4] for c in cut])
            centre = magt.sample(mid[:, 0], mid[:, 1], method)
            worst = centre.copy()
            alt_v = alt.sample(mid[:, 0], mid[:, 1], method) if alt is not None else np.full(len(cut), np.nan)
            for side in (90.0, -90.0):
                for d in offs:
                    olon, olat = direct(mid[:, 0], mid[:, 1], az + side, np.full(len(cut), d))
                    worst = np.fmax(worst, magt.sample(olon, olat, method))
                    if alt is not None:
                        alt_v = np.fmax(alt_v, alt.sample(olon, olat, method))
            if class_raster is not None:
                codes = class_raster.sample(mid[:, 0], mid[:, 1], "nearest")
                codes = np.where(np.isfinite(codes), codes, CLASS_NODATA).astype(int)
            elif classes:
                codes = classify(worst, classes).astype(int)
            else:
                codes = np.full(len(cut), CLASS_NODATA)
            for k, (a, b, coords, m, _) in enumerate(cut):
                out.append(Piece(route.name, p + 1, float(chain + a) / 1000.0, float(chain + b) / 1000.0, coords, m,
                                 float(worst[k]), float(centre[k]), float(alt_v[k]), int(codes[k]),
                                 names.get(int(codes[k]), "")))
            chain += float(cut[-1][1])
            if is_cancelled is not None and is_cancelled():
                return out
        if progress is not None:
            progress((r + 1) / len(routes))
    if not out:
        raise ValueError(f"Routes: zero length ({', '.join(r.name for r in routes[:10])}): every vertex of a route "
                         "lies at one point, so there is nothing to sample")
    return out


def summarize(pieces, route_names, warm_threshold_c=-1.0):
    """Per-route :class:`RouteSummary` (in ``route_names`` order): km on permafrost (MAGT < 0 °C), on warm
    permafrost (``warm_threshold_c`` <= MAGT < 0), without data, per class, and the coldest/warmest piece."""
    if warm_threshold_c >= 0:
        raise ValueError(f"warm-permafrost threshold must be below 0 °C, got {warm_threshold_c}")
    out = []
    for name in route_names:
        mine = [p for p in pieces if p.route == name]
        length = sum(p.length_km for p in mine)
        valid = [p for p in mine if np.isfinite(p.magt_c)]
        s = RouteSummary(name, length,
                         sum(p.length_km for p in valid if p.magt_c < 0),
                         sum(p.length_km for p in valid if warm_threshold_c <= p.magt_c < 0),
                         sum(p.length_km for p in mine if not np.isfinite(p.magt_c)))
        for p in mine:
            if p.class_code != CLASS_NODATA:
                s.class_km[p.class_code] = s.class_km.get(p.class_code, 0.0) + p.length_km
        if valid:
            cold = min(valid, key=lambda p: p.magt_c)
            warm = max(valid, key=lambda p: p.magt_c)
            s.coldest = (cold.magt_c, cold.chainage_from_km, cold.chainage_to_km)
            s.warmest = (warm.magt_c, warm.chainage_from_km, warm.chainage_to_km)
        out.append(s)
    return out
