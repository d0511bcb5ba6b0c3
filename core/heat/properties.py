"""Per-node material properties, enthalpy H(T) and its inverse, unfrozen fraction and conductivity.

Enthalpy (J/m3) is zero for fully frozen ground at 0 °C:
    H(T) = C_f*min(T, 0) + C_t*max(T, 0) + Lv*s(T)
with Lv = L*rho_w*theta the volumetric latent heat of all water (J/m3) and s the unfrozen (liquid)
fraction of the water: free water: s jumps from 0 to 1 at 0 °C (H in [0, Lv] is isothermal at 0 °C);
power-law curve: s = min(a/theta*|T|^(-b), 1) for T < 0, 1 for T >= 0 (so H is continuous).
The sensible capacity is C_f below 0 °C and C_t above; the unfrozen water of the curve enters through
its latent heat only.

Control volumes: node i owns [z_{i-1/2}, z_{i+1/2}] (faces at mid-points; the surface node owns
[0, z_{1/2}], the bottom node [z_{N-3/2}, z_{N-1}]). Heat capacities and water content are volume
averages over the layers the control volume overlaps (exact for these linear quantities); the freezing
curve (free water or a, b) is that of the layer containing the node. Each half cell (node to face) has
a thermal resistance summed layer by layer (series, so thin layers and interfaces between nodes are
kept); it mixes frozen and thawed values geometrically, R(f) = R_f^(1-f)*R_t^f, which is the geometric
conductivity mean k_f^(1-f)*k_t^f of the brief within one layer, with f the node's unfrozen fraction.
"""

from dataclasses import dataclass, fields

import numpy as np

LATENT_HEAT_J_KG = 3.34e5
WATER_DENSITY_KG_M3 = 1000.0
_TINY = 1e-300


@dataclass
class NodeMaterial:
    """Node properties, arrays of shape (nnode, ncol) unless noted (node-major for the solver)."""

    volume: np.ndarray  # control-volume thickness (m), (nnode, 1)
    c_frozen: np.ndarray  # J/m3/K
    c_thawed: np.ndarray
    latent: np.ndarray  # Lv = L*rho_w*theta, J/m3
    inv_c_frozen: np.ndarray
    inv_c_thawed: np.ndarray
    inv_latent: np.ndarray  # 1/Lv (huge where Lv = 0)
    c_min: np.ndarray  # min(C_f, C_t), to express enthalpy errors in kelvin
    r_lower_frozen: np.ndarray  # resistance of the half cell below the node (m2 K/W), frozen; (nnode-1, ncol)
    r_lower_log_ratio: np.ndarray  # ln(R_t/R_f) of that half cell
    r_upper_frozen: np.ndarray  # same for the half cell above nodes 1..nnode-1; (nnode-1, ncol)
    r_upper_log_ratio: np.ndarray
    curve_a_rel: np.ndarray  # a/theta of the node's layer curve; NaN for free water or dry nodes
    curve_b_all: np.ndarray  # b of that curve (NaN likewise)

    def __post_init__(self):
        has_curve = np.isfinite(self.curve_a_rel)
        has_curve[0] = False
        self.curve_flat = np.flatnonzero(has_curve)  # flat indices (into (nnode, ncol)) of power-law nodes 1..
        self.curve_a = self.curve_a_rel.ravel()[self.curve_flat]
        self.curve_b = self.curve_b_all.ravel()[self.curve_flat]
        self.curve_t_star = -(self.curve_a ** (1.0 / self.curve_b))  # T below which s < 1 (°C)
        self.surface_a = self.curve_a_rel[0]  # (ncol,), NaN = free water
        self.surface_b = self.curve_b_all[0]

    def take(self, columns):
        """The material of the selected columns (index array)."""
        return NodeMaterial(*[getattr(self, f.name) if f.name == "volume" else getattr(self, f.name)[:, columns]
                              for f in fields(self)])


def node_material(layers, z):
    """Build :class:`NodeMaterial` for ``layers`` (ncol, nlayer) on node depths ``z`` (nnode,)."""
    faces = 0.5 * (z[1:] + z[:-1])
    upper = _overlaps(layers, np.r_[z[0], faces], z)  # [face_{i-1}, z_i], zero length at the surface
    lower = _overlaps(layers, z, np.r_[faces, z[-1]])  # [z_i, face_i], zero length at the bottom
    both = upper + lower  # (nnode, ncol, nlayer) lengths
    volume = (np.r_[faces, z[-1]] - np.r_[z[0], faces])[:, None]

    def vmean(prop):
        return np.einsum("ncl,cl->nc", both, prop) / volume

    c_f = vmean(layers.c_frozen)
    c_t = vmean(layers.c_thawed)
    latent = LATENT_HEAT_J_KG * WATER_DENSITY_KG_M3 * vmean(layers.water_content)

    def resistance(lengths, k):
        return np.einsum("ncl,cl->nc", lengths, 1.0 / k)

    r_lo_f = resistance(lower, layers.k_frozen)[:-1]
    r_lo_t = resistance(lower, layers.k_thawed)[:-1]
    r_up_f = resistance(upper, layers.k_frozen)[1:]
    r_up_t = resistance(upper, layers.k_thawed)[1:]

    # freezing curve of the layer holding each node (a node on an interface belongs to the layer below)
    tops = np.cumsum(layers.thickness_m, axis=1)[:, :-1]  # (ncol, nlayer-1) interface depths
    layer_of_node = (tops[None, :, :] <= z[:, None, None]).sum(axis=2)  # (nnode, ncol)
    cols = np.arange(layers.ncol)[None, :]
    theta = layers.water_content[cols, layer_of_node]
    a = layers.unfrozen_a[cols, layer_of_node]
    b = layers.unfrozen_b[cols, layer_of_node]
    has_curve = np.isfinite(a) & (theta > 0) & (latent > 0)
    a_rel = np.where(has_curve, a / np.where(theta > 0, theta, 1.0), np.nan)
    b = np.where(has_curve, b, np.nan)
    return NodeMaterial(
        volume=volume,
        c_frozen=c_f,
        c_thawed=c_t,
        latent=latent,
        inv_c_frozen=1.0 / c_f,
        inv_c_thawed=1.0 / c_t,
        inv_latent=1.0 / np.maximum(latent, _TINY),
        c_min=np.minimum(c_f, c_t),
        r_lower_frozen=r_lo_f,
        r_lower_log_ratio=np.log(r_lo_t / r_lo_f),
        r_upper_frozen=r_up_f,
        r_upper_log_ratio=np.log(r_up_t / r_up_f),
        curve_a_rel=a_rel,
        curve_b_all=b,
    )


def _overlaps(layers, start, end):
    """Length (m) of [start_i, end_i] inside each layer: (nnode, ncol, nlayer)."""
    depth = np.cumsum(layers.thickness_m, axis=1)
    top = np.concatenate([np.zeros((layers.ncol, 1)), depth[:, :-1]], axis=1)
    bottom = np.concatenate([depth[:, :-1], np.full((layers.ncol, 1), np.inf)], axis=1)
    lo = np.maximum(start[:, None, None], top[None])
    hi = np.minimum(end[:, None, None], bottom[None])
    return np.maximum(hi - lo, 0.0)


def curve_fraction(t, a_rel, b):
    """Unfrozen fraction s(T) = min(a_rel*|T|^(-b), 1) for T < 0, 1 for T >= 0.

    |T|^(-b) is evaluated as exp(-b*ln|T|) (same value to round-off, half the cost of np.power).
    """
    s = np.negative(t, out=np.empty(np.broadcast(t, a_rel, b).shape))
    np.maximum(s, _TINY, out=s)
    np.log(s, out=s)
    s *= -b
    np.exp(s, out=s)
    s *= a_rel
    return np.minimum(s, 1.0, out=s)


def curve_enthalpy(t, s, c_f, c_t, latent):
    """H(T) (J/m3) of power-law nodes given their unfrozen fraction ``s``."""
    return c_f * np.minimum(t, 0.0) + c_t * np.maximum(t, 0.0) + latent * s


def curve_slope(t, s, c_f, c_t, latent, b, t_star):
    """dH/dT (J/m3/K) of power-law nodes; at the kink T = T* it is the (steep) frozen-side slope."""
    frozen = np.where(t <= t_star, latent * b * s / np.maximum(-t, _TINY), 0.0)
    return np.where(t < 0.0, c_f, c_t) + frozen


def enthalpy(mat, t):
    """Enthalpy (J/m3) of every node at temperature ``t`` (nnode, ncol); T = 0 °C counts as thawed for free water."""
    h = mat.c_frozen * np.minimum(t, 0.0) + mat.c_thawed * np.maximum(t, 0.0) + mat.latent * (t >= 0.0)
    if mat.curve_flat.size:
        flat_t = t.ravel()[mat.curve_flat]
        s = curve_fraction(flat_t, mat.curve_a, mat.curve_b)
        h.ravel()[mat.curve_flat] = curve_enthalpy(flat_t, s, mat.c_frozen.ravel()[mat.curve_flat],
                                                   mat.c_thawed.ravel()[mat.curve_flat],
                                                   mat.latent.ravel()[mat.curve_flat])
    return h


def surface_fraction(mat, t0):
    """Unfrozen fraction of the surface node at its (prescribed) temperature ``t0`` (ncol,)."""
    free = np.where(t0 >= 0.0, 1.0, 0.0)
    curve = curve_fraction(t0, np.nan_to_num(mat.surface_a, nan=0.0), np.nan_to_num(mat.surface_b, nan=1.0))
    return np.where(np.isfinite(mat.surface_a), curve, free)
