"""Ellipsoidal (WGS84) areas and geodesics, in NumPy.

Areas use the authalic function: the area between the equator and latitude φ per radian of longitude
is a²·q(φ)/2. A ring whose edges run straight in (lon, lat) then has the exact area
|∮ a²·q(φ)/2 dλ|, integrated per edge with Gauss–Legendre quadrature; for edges along meridians and
parallels (raster cells) this is exact. Geodesic distances and points use Vincenty's inverse and
direct formulae (sub-millimetre for all but nearly antipodal points).
"""

import numpy as np
from osgeo import ogr, osr

A = 6378137.0
F = 1.0 / 298.257223563
B = A * (1.0 - F)
E2 = F * (2.0 - F)
E = np.sqrt(E2)
_GL_X, _GL_W = np.polynomial.legendre.leggauss(6)
_GL_T = (_GL_X + 1.0) / 2.0
_GL_W = _GL_W / 2.0


def authalic_q(lat_deg):
    """q(φ) of the WGS84 ellipsoid (dimensionless); a²·q/2 is the area (m²) from the equator per radian."""
    s = np.sin(np.radians(lat_deg))
    return (1.0 - E2) * (s / (1.0 - E2 * s * s) - np.log((1.0 - E * s) / (1.0 + E * s)) / (2.0 * E))


def zone_area_m2(lat1_deg, lat2_deg, dlon_deg):
    """Exact area (m²) of the lat/lon rectangle between two parallels spanning ``dlon_deg`` of longitude."""
    return abs(A * A / 2.0 * (authalic_q(lat2_deg) - authalic_q(lat1_deg)) * np.radians(dlon_deg))


def edge_integrals(lon0, lat0, lon1, lat1):
    """∫ −a²q(φ)/2 dλ along straight (lon, lat) edges from (lon0, lat0) to (lon1, lat1), degrees → m²."""
    lon0, lat0, lon1, lat1 = (np.asarray(v, dtype=np.float64) for v in (lon0, lat0, lon1, lat1))
    dlon = np.radians(lon1 - lon0)
    lat = lat0[..., None] + (lat1 - lat0)[..., None] * _GL_T
    mean_q = (authalic_q(lat) * _GL_W).sum(axis=-1)
    return -A * A / 2.0 * mean_q * dlon


def ring_area_m2(lon, lat):
    """Area (m², positive) of a closed or open ring of lon/lat vertices (degrees), edges straight in lon/lat."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if len(lon) < 3:
        return 0.0
    lon2, lat2 = np.roll(lon, -1), np.roll(lat, -1)
    return float(abs(edge_integrals(lon, lat, lon2, lat2).sum()))


def cell_areas_m2(corner_lon, corner_lat):
    """Area (m²) of each cell of a grid given its (rows+1, cols+1) corner lon/lat arrays (degrees)."""
    x, y = corner_lon, corner_lat
    top = edge_integrals(x[:-1, :-1], y[:-1, :-1], x[:-1, 1:], y[:-1, 1:])
    right = edge_integrals(x[:-1, 1:], y[:-1, 1:], x[1:, 1:], y[1:, 1:])
    bottom = edge_integrals(x[1:, 1:], y[1:, 1:], x[1:, :-1], y[1:, :-1])
    left = edge_integrals(x[1:, :-1], y[1:, :-1], x[:-1, :-1], y[:-1, :-1])
    return np.abs(top + right + bottom + left)


def lonlat_srs():
    """WGS84 geographic SRS with (lon, lat) axis order."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def srs_from_wkt(wkt):
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def transform_points(x, y, src, dst):
    """Transform coordinate arrays between two osr SRSs (traditional x/y order); returns (x, y) arrays."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if src.IsSame(dst):
        return x.copy(), y.copy()
    ct = osr.CoordinateTransformation(src, dst)
    pts = np.asarray(ct.TransformPoints(np.column_stack([x.ravel(), y.ravel()])))
    return pts[:, 0].reshape(x.shape), pts[:, 1].reshape(y.shape)


def grid_cell_areas_m2(grid):
    """Ellipsoidal area (m²) of every pixel of a :class:`~core.raster_io.Grid`, in any CRS."""
    x0, dx, _, y0, _, dy = grid.geotransform
    cx = x0 + dx * np.arange(grid.cols + 1)
    cy = y0 + dy * np.arange(grid.rows + 1)
    src = srs_from_wkt(grid.crs_wkt)
    if src.IsGeographic():
        # Cells of a lat/lon grid are exact zones: area depends on the row only.
        lon_span = abs(dx) * _degrees_per_unit(src)
        lat = cy * _degrees_per_unit(src)
        rows = zone_area_m2(lat[:-1], lat[1:], lon_span)
        return np.repeat(rows[:, None], grid.cols, axis=1)
    gx, gy = np.meshgrid(cx, cy)
    lon, lat = transform_points(gx, gy, src, lonlat_srs())
    return cell_areas_m2(lon, lat)


def _degrees_per_unit(srs):
    return np.degrees(srs.GetAngularUnits())


def geometry_area_m2(geometry):
    """Ellipsoidal area (m²) of an OGR (multi)polygon in lon/lat degrees: outer rings minus holes."""
    total = 0.0
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    parts = [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())] \
        if kind == ogr.wkbMultiPolygon else [geometry]
    for poly in parts:
        for k in range(poly.GetGeometryCount()):
            pts = np.asarray(poly.GetGeometryRef(k).GetPoints())[:, :2]
            area = ring_area_m2(pts[:-1, 0], pts[:-1, 1])
            total += area if k == 0 else -area
    return total


def geometry_area_km2(geometry, srs, densify=None):
    """Ellipsoidal area (km²) of an OGR (multi)polygon in ``srs``; ``densify`` (CRS units) first adds vertices
    so that straight edges in a projected CRS stay close to their lon/lat image."""
    g = geometry.Clone()
    if srs is not None and not srs.IsGeographic():
        if densify:
            g.Segmentize(densify)
        g.AssignSpatialReference(srs)
        g.TransformTo(lonlat_srs())
    return geometry_area_m2(g) / 1e6


def inverse(lon1, lat1, lon2, lat2, tol=1e-12, max_iter=200):
    """Geodesic distance (m) and forward azimuth at point 1 (degrees clockwise from north), Vincenty."""
    lon1, lat1, lon2, lat2 = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)))
    L = np.radians(lon2 - lon1)
    u1 = np.arctan((1 - F) * np.tan(np.radians(lat1)))
    u2 = np.arctan((1 - F) * np.tan(np.radians(lat2)))
    su1, cu1, su2, cu2 = np.sin(u1), np.cos(u1), np.sin(u2), np.cos(u2)
    lam = L.copy()
    for _ in range(max_iter):
        sl, cl = np.sin(lam), np.cos(lam)
        sin_s = np.hypot(cu2 * sl, cu1 * su2 - su1 * cu2 * cl)
        cos_s = su1 * su2 + cu1 * cu2 * cl
        sigma = np.arctan2(sin_s, cos_s)
        with np.errstate(invalid="ignore", divide="ignore"):
            sin_a = np.where(sin_s == 0, 0.0, cu1 * cu2 * sl / np.where(sin_s == 0, 1.0, sin_s))
            cos2a = 1 - sin_a ** 2
            cos2sm = np.where(cos2a == 0, 0.0, cos_s - 2 * su1 * su2 / np.where(cos2a == 0, 1.0, cos2a))
        c = F / 16 * cos2a * (4 + F * (4 - 3 * cos2a))
        new = L + (1 - c) * F * sin_a * (sigma + c * sin_s * (cos2sm + c * cos_s * (-1 + 2 * cos2sm ** 2)))
        done = np.all(np.abs(new - lam) < tol)
        lam = new
        if done:
            break
    u_sq = cos2a * (A * A - B * B) / (B * B)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    d_sigma = big_b * sin_s * (cos2sm + big_b / 4 * (cos_s * (-1 + 2 * cos2sm ** 2)
                                                     - big_b / 6 * cos2sm * (-3 + 4 * sin_s ** 2)
                                                     * (-3 + 4 * cos2sm ** 2)))
    dist = B * big_a * (sigma - d_sigma)
    azimuth = np.degrees(np.arctan2(cu2 * np.sin(lam), cu1 * su2 - su1 * cu2 * np.cos(lam)))
    return dist, azimuth


def direct(lon1, lat1, azimuth_deg, dist_m, tol=1e-12, max_iter=200):
    """Point (lon, lat degrees) at geodesic distance ``dist_m`` (m) from point 1 along ``azimuth_deg``, Vincenty."""
    lon1, lat1, az, s = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64)
                                              for v in (lon1, lat1, azimuth_deg, dist_m)))
    a1 = np.radians(az)
    sa1, ca1 = np.sin(a1), np.cos(a1)
    tu1 = (1 - F) * np.tan(np.radians(lat1))
    cu1 = 1 / np.sqrt(1 + tu1 ** 2)
    su1 = tu1 * cu1
    sigma1 = np.arctan2(tu1, ca1)
    sin_a = cu1 * sa1
    cos2a = 1 - sin_a ** 2
    u_sq = cos2a * (A * A - B * B) / (B * B)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    sigma = s / (B * big_a)
    for _ in range(max_iter):
        cos2sm = np.cos(2 * sigma1 + sigma)
        sin_s, cos_s = np.sin(sigma), np.cos(sigma)
        d_sigma = big_b * sin_s * (cos2sm + big_b / 4 * (cos_s * (-1 + 2 * cos2sm ** 2)
                                                         - big_b / 6 * cos2sm * (-3 + 4 * sin_s ** 2)
                                                         * (-3 + 4 * cos2sm ** 2)))
        new = s / (B * big_a) + d_sigma
        done = np.all(np.abs(new - sigma) < tol)
        sigma = new
        if done:
            break
    cos2sm = np.cos(2 * sigma1 + sigma)
    sin_s, cos_s = np.sin(sigma), np.cos(sigma)
    tmp = su1 * sin_s - cu1 * cos_s * ca1
    lat2 = np.arctan2(su1 * cos_s + cu1 * sin_s * ca1, (1 - F) * np.hypot(sin_a, tmp))
    lam = np.arctan2(sin_s * sa1, cu1 * cos_s - su1 * sin_s * ca1)
    c = F / 16 * cos2a * (4 + F * (4 - 3 * cos2a))
    L = lam - (1 - c) * F * sin_a * (sigma + c * sin_s * (cos2sm + c * cos_s * (-1 + 2 * cos2sm ** 2)))
    return lon1 + np.degrees(L), np.degrees(lat2)
