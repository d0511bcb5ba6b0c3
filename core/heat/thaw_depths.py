"""Active-layer thickness and permafrost table/base from a year's temperature envelope.

Inputs are node-major (nnode, ncol): ``tmax`` the year's maximum temperature and ``fmax`` the year's
maximum unfrozen fraction of each node. Between two nodes the 0 °C crossing of ``tmax`` is linearly
interpolated. A free-water node whose maximum is exactly 0 °C was partly thawed (isothermal phase
change); the front then lies inside its control volume at the thawed (from above) or frozen (from
above, at the base) fraction of it.
"""

import numpy as np


def _faces(z):
    faces = 0.5 * (z[1:] + z[:-1])
    return np.r_[z[0], faces], np.r_[faces, z[-1]]


def _free_mushy(mat, tmax, idx, cols):
    """True where node ``idx`` (per column) is free water whose maximum stayed exactly 0 °C."""
    free = np.ones(tmax.shape, dtype=bool)
    free.ravel()[mat.curve_flat] = False
    free[0] = ~np.isfinite(mat.surface_a)
    return free[idx, cols] & (tmax[idx, cols] == 0.0) & (mat.latent[idx, cols] > 0.0)


def _crossing(z, tmax, upper, cols):
    """Linear 0 °C crossing of tmax between nodes ``upper`` and ``upper + 1``."""
    t_a = tmax[upper, cols]
    t_b = tmax[upper + 1, cols]
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.where(t_a != t_b, t_a / (t_a - t_b), 0.0)
    return z[upper] + np.clip(w, 0.0, 1.0) * (z[upper + 1] - z[upper])


def thaw_depth(z, tmax, fmax, mat):
    """Deepest thaw (m) per column: 0 if the surface never thaws, NaN if no node stays frozen all year."""
    cols = np.arange(tmax.shape[1])
    thawed = tmax > 0.0
    j = np.argmax(~thawed, axis=0)  # first node not thawed
    top, _ = _faces(z)
    in_cell = top[j] + fmax[j, cols] * (_faces(z)[1][j] - top[j])
    linear = _crossing(z, tmax, np.maximum(j - 1, 0), cols)
    depth = np.where(_free_mushy(mat, tmax, j, cols), in_cell, linear)
    depth = np.where(j == 0, np.where(_free_mushy(mat, tmax, j, cols), in_cell, 0.0), depth)
    return np.where(thawed.all(axis=0), np.nan, depth)


def permafrost_depths(z, tmax, fmax, mat):
    """(table, base) in m of the shallowest body with tmax < 0 °C; NaN without permafrost."""
    cols = np.arange(tmax.shape[1])
    frozen = tmax < 0.0
    exists = frozen.any(axis=0)
    p = np.argmax(frozen, axis=0)  # first permafrost node
    top, bottom = _faces(z)
    above = np.maximum(p - 1, 0)
    table_cell = top[above] + fmax[above, cols] * (bottom[above] - top[above])
    table = np.where(_free_mushy(mat, tmax, above, cols), table_cell, _crossing(z, tmax, above, cols))
    table = np.where(p == 0, 0.0, table)
    below = np.where(np.arange(z.size)[:, None] > p[None, :], ~frozen, False)
    has_base = below.any(axis=0)
    b = np.argmax(below, axis=0)
    base_cell = top[b] + (1.0 - fmax[b, cols]) * (bottom[b] - top[b])
    base = np.where(_free_mushy(mat, tmax, b, cols), base_cell, _crossing(z, tmax, np.maximum(b - 1, 0), cols))
    base = np.where(has_base, base, z[-1])
    return np.where(exists, table, np.nan), np.where(exists, base, np.nan)
