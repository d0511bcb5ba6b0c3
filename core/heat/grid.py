"""Node grid of the 1-D column model: depths of the finite-volume nodes (m, positive down)."""

import numpy as np


def make_grid(bottom_m=100.0, top_dz_m=0.02, growth=1.15, max_dz_m=10.0):
    """Node depths (m) from 0 at the surface down to exactly ``bottom_m``.

    Spacing starts at ``top_dz_m`` and grows geometrically by ``growth`` per cell up to
    ``max_dz_m``; the last cell is merged or stretched so the grid ends at ``bottom_m``.
    The default (2 cm at the top, x1.15, 100 m) has 49 nodes, about 0.16 m spacing at 1 m depth and
    1.3 m at 10 m depth, 10 m near the bottom.
    """
    if not np.isfinite(bottom_m) or bottom_m <= 0:
        raise ValueError("grid.bottom_m must be > 0")
    if not np.isfinite(top_dz_m) or top_dz_m <= 0:
        raise ValueError("grid.top_dz_m must be > 0")
    if top_dz_m > bottom_m:
        raise ValueError("grid.top_dz_m must be <= grid.bottom_m")
    if not np.isfinite(growth) or growth < 1.0:
        raise ValueError("grid.growth must be >= 1")
    if not np.isfinite(max_dz_m) or max_dz_m < top_dz_m:
        raise ValueError("grid.max_dz_m must be >= grid.top_dz_m")
    depths = [0.0]
    dz = top_dz_m
    while depths[-1] + dz < bottom_m:
        depths.append(depths[-1] + dz)
        dz = min(dz * growth, max_dz_m)
    last_dz = depths[-1] - depths[-2] if len(depths) > 1 else bottom_m
    if len(depths) > 1 and bottom_m - depths[-1] < 0.5 * last_dz:
        depths[-1] = bottom_m  # merge a sliver into the last cell
    else:
        depths.append(bottom_m)
    return np.asarray(depths, dtype=float)


def check_grid(node_depths):
    """Validate node depths: 1-D, at least 3 nodes, starting at 0, strictly increasing. Returns float array."""
    z = np.asarray(node_depths, dtype=float)
    if z.ndim != 1 or z.size < 3:
        raise ValueError("node_depths must be a 1-D array of at least 3 depths")
    if not np.all(np.isfinite(z)):
        raise ValueError("node_depths must be finite")
    if z[0] != 0.0:
        raise ValueError("node_depths[0] must be 0 (the ground surface)")
    if np.any(np.diff(z) <= 0):
        raise ValueError("node_depths must be strictly increasing")
    return z
