"""Simulate each distinct column once: pixels are grouped by what sets their ground temperature, one pixel
per group is simulated, and the others are interpolated from the simulated ones.

The shortcut is an explicit approximation whose size is set by a MAGT tolerance ``tol`` (°C):

1. Every pixel gets the cheap steady estimate ``e(z)`` of its ground temperature (TTOP plus the
   geothermal gradient, ``warm_skip.warm_estimate``), which already follows the climate, n-factors,
   conductivity and heat flux of the pixel to first order.
2. Pixels are binned on descriptors of everything else that the steady estimate leaves out
   (:data:`FEATURES`): the surface temperature swing, the n-factors, the water, unfrozen water and
   thermal resistance of the top 2 m, the frozen/thawed conductivity ratio, the heat flux, the warming
   over the period and the initial state, with bin widths proportional to ``tol``; and, within each
   such row, on ``e(10 m)`` in bins of 2·``tol`` (5 times wider beyond ±3 °C, ``e_coordinate``). When
   the soil and n-factor inputs are classed (at most :data:`MAX_CLASSES` distinct columns), the class is
   part of the key too, so no group mixes classes.
3. The pixel of each group nearest the group's centre (in bin units) is simulated: these are the first
   nodes of each row. For any other pixel the simulated departure from the steady estimate,
   r(z) = T_sim(z) − e(z), is interpolated linearly in e(10 m) between the nodes of its row just below
   and above it: T(z) = e(z) + r(z).
4. Where r(10 m) of two neighbouring nodes differs by more than the tolerance (near 0 °C, where latent
   heat makes the ground temperature change fast with climate), the pixel nearest the middle of the
   interval becomes a node too, pass after pass (``Plan.refine``).

Every merged run simulates a random sample of pixels exactly as well and reports the sample's errors
(``merged_run``), so the tolerance is checked on the run itself, not only here. Widths (multiples of
``tol``) were chosen on the demo region at 30″, with classed (HWSD) and per-pixel perturbed soil (the soil
descriptors are correlated, all following texture and organic carbon, so their bins can be wide): there
the 99th-percentile error of 3 000 random pixels is about ``tol``/2 and the largest error about ``tol``.
"""

from dataclasses import dataclass

import numpy as np

from ..heat.ttop import active_layer_conductivity, degree_days
from .warm_skip import warm_estimate

E_WIDTH = 2.0
"""Bin width of e(10 m), in units of the tolerance."""
E_FINE_C = 3.0
"""Within ±``E_FINE_C`` °C of e(10 m) = 0 (latent heat makes MAGT change fast there) the bins of e(10 m) are
``E_WIDTH`` tolerances wide; beyond, :data:`E_FAR_FACTOR` times wider."""
E_FAR_FACTOR = 5.0
"""How much wider the e(10 m) bins are beyond ±:data:`E_FINE_C`: there the departure T − e changes by at most
about 0.035 °C per °C of e(10 m) (2 000 random pixels of the full domain, per-pixel soil), so nodes 0.5 °C
apart interpolate it within a few thousandths of a degree."""
FEATURES = (("surface_swing_c", 10.0), ("log_n_freezing", 2.0), ("log_n_thawing", 2.0),
            ("log_water_2m", 4.0), ("log_conductivity_ratio", 2.0), ("unfrozen_water_2m", 0.8),
            ("log_resistance_2m", 4.0), ("log_flux", 2.0), ("warming_c", 4.0), ("initial_offset_c", 2.0))
"""(descriptor, bin width in units of the tolerance); see :func:`describe`."""
MAX_CLASSES = 4096
"""Inputs with at most this many distinct soil + n-factor + heat-flux columns are treated as classed."""
ACTIVE_ZONE_M = 2.0
_HASH_SEED = 20240917


@dataclass
class Description:
    """Per-pixel descriptors of a set of pixels (``describe``)."""

    steady: np.ndarray  # e(z) at the output depths, (npix, ndepth) °C
    ttop: np.ndarray  # mean TTOP (°C) of the simulated years, from monthly degree-days (the solver's: daily)
    features: np.ndarray  # (npix, len(FEATURES)), unscaled
    column_hash: np.ndarray  # uint64 hash of the soil, n-factor, heat-flux and initial-state values

    def take(self, index):
        return Description(self.steady[index], self.ttop[index], self.features[index], self.column_hash[index])

    @staticmethod
    def join(parts):
        return Description(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                             ("steady", "ttop", "features", "column_hash")))


def _over_top(layers, values, bottom_m):
    """∫ values dz over [0, bottom_m] of layered ``values`` (ncol, nlayer); the last layer extends down."""
    depth = np.cumsum(layers.thickness_m, axis=1)
    top = np.concatenate([np.zeros((layers.ncol, 1)), depth[:, :-1]], axis=1)
    depth[:, -1] = np.inf
    return (np.clip(np.minimum(depth, bottom_m) - top, 0.0, None) * values).sum(axis=1)


def _row_hash(values):
    """A 64-bit hash of each row of ``values`` (npix, nvalues) (NaN rows hash alike)."""
    bits = np.ascontiguousarray(np.nan_to_num(values, nan=-1.0e300), dtype=np.float64).view(np.uint64)
    multipliers = np.random.default_rng(_HASH_SEED).integers(1, 2 ** 63, size=bits.shape[1], dtype=np.uint64) | 1
    with np.errstate(over="ignore"):
        mixed = bits * multipliers
        mixed ^= mixed >> np.uint64(29)
        return np.bitwise_xor.reduce(mixed * np.uint64(0x9E3779B97F4A7C15), axis=1)


def describe(args, depths):
    """Descriptors of the columns of solver arguments ``args`` (``columns.solver_arguments``) at ``depths`` (m)."""
    layers, air = args["layers"], args["monthly_air_c"]
    n = layers.ncol
    nf = np.broadcast_to(np.asarray(args.get("n_freezing", 1.0), dtype=float), (n,))
    nt = np.broadcast_to(np.asarray(args.get("n_thawing", 1.0), dtype=float), (n,))
    flux = np.broadcast_to(np.asarray(args["geothermal_flux_w_m2"], dtype=float), (n,))
    ttop, steady = warm_estimate(layers, air, nf, nt, flux, depths)
    tdd, fdd = degree_days(air)  # (n, nyears), of the monthly means
    k_f, k_t = active_layer_conductivity(layers)
    unfrozen = np.where(np.isfinite(layers.unfrozen_a),
                        np.minimum(np.nan_to_num(layers.unfrozen_a), layers.water_content), 0.0)
    resistance = 0.5 / layers.k_frozen + 0.5 / layers.k_thawed
    annual = air.mean(axis=2)
    third = max(1, annual.shape[1] // 3)
    initial = args.get("initial")
    offset = np.zeros(n)
    if isinstance(initial, np.ndarray):
        offset = initial.mean(axis=1) - steady[:, -1]
    features = np.stack([
        (nt[:, None] * tdd + nf[:, None] * fdd).mean(axis=1) / 365.0,
        np.log(nf), np.log(nt),
        np.log(np.maximum(_over_top(layers, layers.water_content, ACTIVE_ZONE_M), 1e-3)),
        np.log(k_t / k_f),
        _over_top(layers, unfrozen, ACTIVE_ZONE_M),
        np.log(_over_top(layers, resistance, ACTIVE_ZONE_M)),
        np.log(np.maximum(flux, 1e-3)),
        annual[:, -third:].mean(axis=1) - annual[:, :third].mean(axis=1),
        offset,
    ], axis=1)
    soil = np.concatenate([getattr(layers, f) for f in layers.__dataclass_fields__], axis=1)
    init = initial if isinstance(initial, np.ndarray) else np.zeros((n, 0))
    column = np.concatenate([soil, nf[:, None], nt[:, None], flux[:, None], init], axis=1)
    single = np.float32  # ~1e-6 °C, far below any tolerance: halves the memory of a large region's descriptors
    return Description(steady.astype(single), ttop.astype(single), features.astype(single), _row_hash(column))


@dataclass
class Plan:
    """Rows of alike pixels and the nodes simulated along e(10 m) in each row.

    row (npix,): row of each pixel; e10 (npix,): its e(10 m); nodes: sorted pixel indices of the simulated
    pixels (one per group of the first plan, then the refinements'); classed: whether the column class
    was part of the row key.
    """

    row: np.ndarray
    e10: np.ndarray
    nodes: np.ndarray
    classed: bool

    def _keys(self, index):
        """Sort keys that order pixels by row, then e(10 m)."""
        low, span = self.e10.min(), np.ptp(self.e10) + 1.0
        return self.row[index] * span + (self.e10[index] - low)

    def bracket(self, index=None):
        """(lower node, upper node, weight of the upper one in [0, 1]) of the pixels ``index`` (default all):
        the nodes of the pixel's row just below (or at) and just above its e(10 m). A pixel beyond its
        row's outermost node takes that node for both."""
        index = np.arange(self.row.size) if index is None else np.asarray(index)
        keys = self._keys(self.nodes)
        order = np.argsort(keys, kind="stable")
        nodes, keys = self.nodes[order], keys[order]
        at = np.searchsorted(keys, self._keys(index), side="right")
        lower = nodes[np.maximum(at - 1, 0)]
        upper = nodes[np.minimum(at, nodes.size - 1)]
        own_row = self.row[index]
        lower = np.where((at > 0) & (self.row[lower] == own_row), lower, upper)
        upper = np.where((at < nodes.size) & (self.row[upper] == own_row), upper, lower)
        span = self.e10[upper] - self.e10[lower]
        weight = np.where(span > 0, (self.e10[index] - self.e10[lower]) / np.where(span > 0, span, 1.0), 0.0)
        return lower, upper, np.clip(weight, 0.0, 1.0)

    def refine(self, departure, threshold_c):
        """Pixels to simulate next: in each interval between neighbouring nodes of a row whose departures
        r(10 m) = T_sim − e differ by more than ``threshold_c``, the pixel nearest the middle of the interval.

        ``departure``: r(10 m) of each node, in the order of ``nodes``. Returns sorted pixel indices."""
        keys = self._keys(self.nodes)
        order = np.argsort(keys, kind="stable")
        nodes, r = self.nodes[order], np.asarray(departure)[order]
        steep = (self.row[nodes[1:]] == self.row[nodes[:-1]]) & (np.abs(np.diff(r)) > threshold_c)
        if not steep.any():
            return np.zeros(0, dtype=np.int64)
        candidates = np.setdiff1d(np.arange(self.row.size), self.nodes)
        at = np.searchsorted(keys[order], self._keys(candidates), side="right")  # interval (at-1, at)
        inside = (at > 0) & (at < nodes.size)
        inside[inside] = steep[at[inside] - 1]
        candidates, interval = candidates[inside], at[inside] - 1
        if not candidates.size:
            return np.zeros(0, dtype=np.int64)
        middle = 0.5 * (self.e10[nodes[interval]] + self.e10[nodes[interval + 1]])
        pick = np.lexsort((candidates, np.abs(self.e10[candidates] - middle), interval))
        first = np.r_[True, interval[pick][1:] != interval[pick][:-1]]
        return np.sort(candidates[pick][first])


def _combine(ids, values, counts=False):
    """Ids (0…n−1, in sorted order of the pairs) of the distinct pairs (``ids``, ``values``), both int64;
    with ``counts``, also the number of pixels of each id."""
    values = values - values.min()
    out = np.unique(ids * (int(values.max()) + 1) + values, return_inverse=True, return_counts=counts)
    return (out[1].reshape(-1), out[2]) if counts else out[1].reshape(-1)


def e_coordinate(e10):
    """e(10 m) (°C) with the distances beyond ±:data:`E_FINE_C` shrunk :data:`E_FAR_FACTOR` times, so that
    equal bins of it are wider away from 0 °C."""
    e10 = np.asarray(e10, dtype=float)
    beyond = np.minimum(e10 + E_FINE_C, 0.0) + np.maximum(e10 - E_FINE_C, 0.0)
    return e10 - beyond * (1.0 - 1.0 / E_FAR_FACTOR)


def class_ids(column_hash):
    """Class index of each pixel when there are at most :data:`MAX_CLASSES` distinct columns, else None."""
    classes, ids = np.unique(column_hash, return_inverse=True)
    return ids.reshape(-1) if classes.size <= MAX_CLASSES else None


def plan_groups(description, tolerance_c, steady_index):
    """Rows and first nodes for a MAGT tolerance ``tolerance_c`` (°C, > 0); see the module docstring.

    ``steady_index``: column of ``description.steady`` holding e(10 m).
    """
    if not tolerance_c > 0:
        raise ValueError(f"merge tolerance must be > 0 °C, got {tolerance_c}")
    e10 = description.steady[:, steady_index]
    widths = np.array([w for _, w in FEATURES]) * tolerance_c

    def scaled(j):  # descriptor j in bin units; one column at a time keeps a large region's memory small
        return description.features[:, j].astype(float) / widths[j]

    classes = class_ids(description.column_hash)
    row = np.zeros(e10.size, dtype=np.int64) if classes is None else classes.astype(np.int64)
    for j in range(widths.size):
        row = _combine(row, np.floor(scaled(j)).astype(np.int64))
    e_scaled = e_coordinate(e10) / (E_WIDTH * tolerance_c)
    group, counts = _combine(row, np.floor(e_scaled).astype(np.int64), counts=True)
    distance = np.zeros(e10.size)  # squared distance (bin units) from the group's centre
    for j in range(-1, widths.size):
        column = (e_scaled if j < 0 else scaled(j)).astype(np.float32)
        centre = np.bincount(group, weights=column, minlength=counts.size) / counts
        distance += (column - centre[group]) ** 2
    order = np.lexsort((np.arange(group.size), distance, group))
    first = np.r_[True, group[order][1:] != group[order][:-1]]
    return Plan(row, e10, np.sort(order[first]), classes is not None)


def interpolate(lower, upper, weight, simulated, estimates):
    """Values of pixels interpolated between two simulated nodes (``Plan.bracket``).

    ``lower``, ``upper`` (npix,): indices into the rows of ``simulated`` (name → (nnode, nband) simulated
    values, e.g. "period" (temperatures at the output depths, °C), "ttop", "alt" (m) and diagnostics
    bands); ``weight`` (npix,): share of the upper node; ``estimates``: name → (estimate of the pixels
    (npix, nband), estimate of the nodes (nnode, nband)) for the bands that have a cheap estimate (e(z),
    TTOP). Such a band gets its estimate plus the nodes' simulated-minus-estimated departure interpolated
    in e(10 m); ALT is interpolated where both nodes have one; every other band, and ALT where one of
    them has none, is the nearer node's. Returns name → (npix, nband).
    """
    w = weight[:, None]
    out = {}
    for name, values in simulated.items():
        a, b = values[lower], values[upper]
        if name in estimates:
            own, nodes = estimates[name]
            out[name] = own + (1.0 - w) * (a - nodes[lower]) + w * (b - nodes[upper])
            continue
        out[name] = np.where(w < 0.5, a, b)
        if name == "alt":
            both = np.isfinite(a) & np.isfinite(b)
            out[name] = np.where(both, (1.0 - w) * a + w * b, out[name])
    return out
