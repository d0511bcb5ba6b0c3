"""TTOP model (Smith & Riseborough 1996, 2002) and the equilibrium profile built on it."""

import numpy as np

from .forcing import DAYS_PER_YEAR, MONTH_DAYS


def degree_days(air_c):
    """Thawing and freezing degree-days per year (°C·day, both >= 0) of (..., 12) monthly or (..., ndays) daily values.

    Monthly means are weighted by the month lengths of a 365-day year; a daily series of any length
    is scaled to 365 days.
    """
    air = np.asarray(air_c, dtype=float)
    if air.shape[-1] == 12:
        weights = MONTH_DAYS.astype(float)
    else:
        weights = np.full(air.shape[-1], DAYS_PER_YEAR / air.shape[-1])
    return np.maximum(air, 0.0) @ weights, np.maximum(-air, 0.0) @ weights


def ttop(monthly_or_daily_air, n_freezing, n_thawing, k_frozen, k_thawed):
    """Temperature at the top of permafrost (°C).

    TTOP = (rk*nt*TDDa - nf*FDDa)/P with rk = k_thawed/k_frozen when that numerator is <= 0,
    else (nt*TDDa - nf*FDDa/rk)/P (ground thawed all year at depth); P = 365 days.
    ``monthly_or_daily_air``: (..., 12) monthly means or (..., ndays) daily air temperatures (°C).
    The other arguments are scalars or broadcast against the leading shape.
    """
    tdd, fdd = degree_days(monthly_or_daily_air)
    return ttop_from_degree_days(tdd, fdd, n_freezing, n_thawing, k_frozen, k_thawed)


def ttop_from_degree_days(tdd, fdd, n_freezing, n_thawing, k_frozen, k_thawed):
    """TTOP (°C) from annual air thawing/freezing degree-days (°C·day); see :func:`ttop`."""
    nf = np.asarray(n_freezing, dtype=float)
    nt = np.asarray(n_thawing, dtype=float)
    rk = np.asarray(k_thawed, dtype=float) / np.asarray(k_frozen, dtype=float)
    frozen = rk * nt * tdd - nf * fdd
    thawed = nt * tdd - nf * fdd / rk
    return np.where(frozen <= 0.0, frozen, thawed) / DAYS_PER_YEAR


def active_layer_conductivity(layers, depth_m=1.0):
    """Thickness-weighted harmonic mean of k_frozen and k_thawed over the top ``depth_m`` (W/m/K), each (ncol,)."""
    bottoms = np.minimum(np.cumsum(layers.thickness_m, axis=1), depth_m)
    bottoms[:, -1] = depth_m
    lengths = np.diff(np.concatenate([np.zeros((layers.ncol, 1)), bottoms], axis=1), axis=1)
    lengths = np.maximum(lengths, 0.0)
    return depth_m / (lengths / layers.k_frozen).sum(axis=1), depth_m / (lengths / layers.k_thawed).sum(axis=1)


def equilibrium_profile(layers, node_depths, ttop_c, geothermal_flux_w_m2=0.06):
    """Steady temperature (ncol, nnode): TTOP at the surface node, then the geothermal gradient q/k downwards.

    The permafrost table is placed at the surface (the active layer is not known before a run), so
    T(z) = TTOP + q * integral_0^z dz'/k(z'), with k the frozen conductivity of each layer while T < 0 and
    the thawed one where T >= 0 (below the permafrost base), piecewise linear by layer.
    """
    z = np.asarray(node_depths, dtype=float)
    ncol = layers.ncol
    q = np.broadcast_to(np.asarray(geothermal_flux_w_m2, dtype=float), (ncol,))[:, None]
    t_top = np.broadcast_to(np.asarray(ttop_c, dtype=float), (ncol,)).copy()
    depth = np.cumsum(layers.thickness_m, axis=1)
    out = np.empty((ncol, z.size))
    top = np.zeros(ncol)
    with np.errstate(divide="ignore", invalid="ignore"):
        for layer in range(layers.nlayer):
            top, t_top, out = _layer_segment(layers, layer, z, q, top, t_top, out, depth)
    return out


def _layer_segment(layers, layer, z, q, top, t_top, out, depth):
    """Fill the nodes of ``layer`` in ``out``; return the next layer's top depth and top temperature."""
    ncol = layers.ncol
    last = layer == layers.nlayer - 1
    bottom = np.full(ncol, np.inf) if last else depth[:, layer]
    kf = layers.k_frozen[:, layer][:, None]
    kt = layers.k_thawed[:, layer][:, None]
    t0 = t_top[:, None]
    # depth where this layer's frozen segment reaches 0 °C (the top itself if it starts thawed)
    cross = np.where(t0 < 0.0, top[:, None] + np.where(q > 0, -t0 * kf / q, np.inf), top[:, None])

    def temp(zz):
        frozen = t0 + q * (zz - top[:, None]) / kf
        thawed = q * (zz - cross) / kt + np.where(t0 >= 0.0, t0, 0.0)
        return np.where(zz < cross, frozen, thawed)

    inside = (z[None, :] >= top[:, None]) & (z[None, :] < bottom[:, None])
    out = np.where(inside, temp(np.broadcast_to(z, (ncol, z.size))), out)
    if last:
        return top, t_top, out
    return bottom, temp(bottom[:, None])[:, 0], out
