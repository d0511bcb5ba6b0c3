"""Freezing n-factor from snow: the snow pack as a conducting layer over frozen ground.

For the annual cycle of the air temperature (angular frequency ω = 2π / 1 year), a snow layer of
thickness h, conductivity k_s and volumetric heat capacity C_s over ground of thermal effusivity
e_g = √(k_g C_g) passes to the ground surface the fraction

    a(h) = 1 / |cosh(γh) + e_g √(iω) sinh(γh) / (k_s γ)|,   γ = √(iω C_s / k_s),

of the swing of the temperature above it (periodic conduction through a layer over a half-space, Carslaw &
Jaeger 1959; the snow-cover analysis of Goodrich 1982; review: Zhang 2005). The winter ground surface
therefore follows the air at ``a(h)`` times the snow-free n-factor: n_f = n_0 · a(h). Snow conductivity comes
from its density (Sturm et al. 1997: k_s = 0.138 − 1.01ρ + 3.233ρ², ρ in g cm⁻³) and its heat capacity is
that of its ice, C_s = ρ c_ice. The thawing n-factor (snow-free season) is left as it is.
"""

from dataclasses import dataclass

import numpy as np

SECONDS_PER_YEAR = 365.0 * 86400.0
ICE_HEAT_CAPACITY = 2100.0
"""Specific heat of ice, J kg⁻¹ K⁻¹."""
GROUND_CONDUCTIVITY = 1.6
"""Frozen ground under the snow, W m⁻¹ K⁻¹ (a frozen silt loam with ~30 % ice)."""
GROUND_HEAT_CAPACITY = 1.9e6
"""Frozen ground under the snow, J m⁻³ K⁻¹."""
DENSITY_RANGE = (156.0, 600.0)
"""Snow densities (kg m⁻³) over which Sturm et al. (1997) fitted their conductivity relation."""
SNOW_DEPTH_RANGE = (0.0, 5.0)
"""Accepted mean snow depths, m (a larger value is most likely in cm or mm)."""
SNOW_FREE_NF_RANGE = (0.5, 1.2)
SNOW_QUANTITIES = ("depth", "water_equivalent")


def snow_conductivity(density_kg_m3):
    """Effective thermal conductivity of snow (W m⁻¹ K⁻¹) from its density (Sturm et al. 1997)."""
    rho = np.asarray(density_kg_m3, dtype=float) / 1000.0
    return 0.138 - 1.01 * rho + 3.233 * rho ** 2


def snow_attenuation(depth_m, density_kg_m3, ground_conductivity=GROUND_CONDUCTIVITY,
                     ground_heat_capacity=GROUND_HEAT_CAPACITY):
    """Share a(h) in (0, 1] of the annual temperature swing above the snow that reaches the ground under
    ``depth_m`` (m, ≥ 0) of snow of density ``density_kg_m3``; see the module docstring."""
    h = np.asarray(depth_m, dtype=float)
    k_s = snow_conductivity(density_kg_m3)
    c_s = float(density_kg_m3) * ICE_HEAT_CAPACITY
    i_omega = 1j * 2.0 * np.pi / SECONDS_PER_YEAR
    gamma = np.sqrt(i_omega * c_s / k_s)
    ground = np.sqrt(ground_conductivity * ground_heat_capacity) * np.sqrt(i_omega)
    transfer = np.cosh(gamma * h) + ground * np.sinh(gamma * h) / (k_s * gamma)
    return 1.0 / np.abs(transfer)


@dataclass
class Snow:
    """A snow raster for ``landcover.prepare_nfactors``: band 1 holds the mean snow ``quantity`` of the
    freezing season, "depth" (m) or "water_equivalent" (m of water, turned into depth with the density)."""

    path: str
    quantity: str = "depth"
    density_kg_m3: float = 250.0
    snow_free_nf: float = 1.0

    def __post_init__(self):
        if self.quantity not in SNOW_QUANTITIES:
            raise ValueError(f"Snow quantity {self.quantity!r}: expected one of {SNOW_QUANTITIES}")
        lo, hi = DENSITY_RANGE
        if not lo <= self.density_kg_m3 <= hi:
            raise ValueError(f"Snow density {self.density_kg_m3:g} kg/m³ outside {lo:g}–{hi:g} kg/m³ (the range of "
                             "the Sturm et al. 1997 conductivity relation)")
        lo, hi = SNOW_FREE_NF_RANGE
        if not lo <= self.snow_free_nf <= hi:
            raise ValueError(f"Snow-free freezing n-factor {self.snow_free_nf:g} outside {lo:g}–{hi:g}")

    def depth(self, values):
        """Snow depth (m) of raster ``values`` (NaN stays NaN); ValueError outside :data:`SNOW_DEPTH_RANGE`."""
        depth = values if self.quantity == "depth" else values * 1000.0 / self.density_kg_m3
        lo, hi = SNOW_DEPTH_RANGE
        bad = depth[np.isfinite(depth) & ((depth < lo) | (depth > hi))]
        if bad.size:
            raise ValueError(f"Snow: the {self.quantity.replace('_', ' ')} raster gives a snow depth of {bad[0]:g} m, "
                             f"outside {lo:g}–{hi:g} m; it must hold metres (not cm or mm)")
        return depth

    def freezing_nfactor(self, depth):
        """n_f = n_0 · a(h) of snow depths ``depth`` (m, from :meth:`depth`; NaN stays NaN)."""
        out = np.full(depth.shape, np.nan)
        given = np.isfinite(depth)
        out[given] = self.snow_free_nf * snow_attenuation(depth[given], self.density_kg_m3)
        return out
