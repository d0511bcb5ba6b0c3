"""Soil thermal properties from texture, bulk density, organic matter and water content (pure NumPy).

Every function works element-wise on arrays. Fractions are 0–1 unless a name says %.

* Pedotransfer (bulk density, porosity, field capacity): Saxton & Rawls (2006), eqs. 1–2, 5–6.
* Thermal conductivity: Johansen (1975) as set out by Farouki (1981) and Peters-Lidard et al. (1998):
  k = k_dry + Ke (k_sat − k_dry); k_dry = (0.135 ρ_d + 64.7)/(2700 − 0.947 ρ_d) (ρ_d in kg m⁻³);
  k_sat = k_s^(1−n) k_w^n (thawed) or k_s^(1−n) k_i^n (frozen), k_w = 0.57, k_i = 2.2 W m⁻¹ K⁻¹;
  mineral solids k_m = k_q^q k_o^(1−q), k_q = 7.7, k_o = 2.0 (q > 0.2) or 3.0, quartz content q
  taken as the sand fraction; organic solids 0.25 W m⁻¹ K⁻¹ mixed geometrically by volume
  (Lawrence & Slater 2008). Kersten number: frozen Ke = Sr; thawed coarse (sand ≥ 50 %)
  Ke = 0.7 log10 Sr + 1 (Sr > 0.05), fine Ke = log10 Sr + 1 (Sr > 0.1), 0 below.
* Volumetric heat capacity: de Vries (1963) mixture C = Σ x_i c_i with mineral 2.0, organic 2.5,
  water 4.18 and ice 1.93 MJ m⁻³ K⁻¹ (air neglected).
* Unfrozen water θ_u = a |T|^(−b): free water (a = 0) for coarse soils; representative power-law
  curves for loam/silt and clay, in the range of Anderson & Tice (1972) measurements as used in
  GIPL-type models (Nicolsky et al. 2009); see :data:`UNFROZEN_CURVES`.
"""

import numpy as np

MINERAL_DENSITY = 2650.0  # kg m-3
ORGANIC_DENSITY = 1300.0  # kg m-3 (Farouki 1981)
OM_PER_OC = 1.724  # organic matter / organic carbon (van Bemmelen factor)

K_QUARTZ, K_OTHER_LOW_Q, K_OTHER_HIGH_Q = 7.7, 3.0, 2.0
K_ORGANIC_SOLIDS = 0.25
K_WATER, K_ICE = 0.57, 2.2

C_MINERAL, C_ORGANIC, C_WATER, C_ICE = 2.0e6, 2.5e6, 4.18e6, 1.93e6  # J m-3 K-1

UNFROZEN_CURVES = {
    "coarse": (0.0, 0.0),  # sand, loamy sand, gravel: free water
    "medium": (0.05, 0.40),  # loams and silts
    "fine": (0.12, 0.50),  # clays (clay >= 35 %)
}
"""(a, b) of θ_u = a |T|^(−b) (m³ m⁻³, T in °C) per texture group; a = 0 is free water."""


def texture_group(sand, clay):
    """'coarse' (sand ≥ 50 % and clay < 15 %), 'fine' (clay ≥ 35 %) or 'medium', as a string array."""
    sand, clay = np.asarray(sand, float), np.asarray(clay, float)
    return np.where((sand >= 0.5) & (clay < 0.15), "coarse", np.where(clay >= 0.35, "fine", "medium"))


def saxton_rawls(sand, clay, om_pct):
    """Saxton & Rawls (2006): (porosity θ_S, field capacity θ_33, wilting point θ_1500), m³ m⁻³.

    ``sand``, ``clay`` are fractions of the mineral soil; ``om_pct`` organic matter in % by weight.
    """
    s, c, om = (np.asarray(v, float) for v in (sand, clay, om_pct))
    t1500 = -0.024 * s + 0.487 * c + 0.006 * om + 0.005 * s * om - 0.013 * c * om + 0.068 * s * c + 0.031
    th1500 = t1500 + (0.14 * t1500 - 0.02)
    t33 = -0.251 * s + 0.195 * c + 0.011 * om + 0.006 * s * om - 0.027 * c * om + 0.452 * s * c + 0.299
    th33 = t33 + (1.283 * t33 ** 2 - 0.374 * t33 - 0.015)
    ts33 = 0.278 * s + 0.034 * c + 0.022 * om - 0.018 * s * om - 0.027 * c * om - 0.584 * s * c + 0.078
    ths33 = ts33 + (0.636 * ts33 - 0.107)
    ths = th33 + ths33 - 0.097 * s + 0.043
    return ths, th33, th1500


def particle_density(om_fraction):
    """Density of the solids (kg m⁻³) with organic matter ``om_fraction`` by weight."""
    om = np.asarray(om_fraction, float)
    return 1.0 / ((1 - om) / MINERAL_DENSITY + om / ORGANIC_DENSITY)


def solids_volume_fractions(bulk_density, om_fraction):
    """Volume fractions (mineral, organic) of the bulk soil from dry bulk density (kg m⁻³)."""
    bd, om = np.asarray(bulk_density, float), np.asarray(om_fraction, float)
    return bd * (1 - om) / MINERAL_DENSITY, bd * om / ORGANIC_DENSITY


def k_solids(sand, om_volume_share):
    """Conductivity of the solids (W m⁻¹ K⁻¹): quartz/other minerals and organic matter, geometric mean.

    ``sand`` (quartz content q) is a fraction of the mineral solids; ``om_volume_share`` the organic
    share of the solids' volume.
    """
    q = np.asarray(sand, float)
    k_other = np.where(q > 0.2, K_OTHER_HIGH_Q, K_OTHER_LOW_Q)
    k_mineral = K_QUARTZ ** q * k_other ** (1 - q)
    f = np.asarray(om_volume_share, float)
    return k_mineral ** (1 - f) * K_ORGANIC_SOLIDS ** f


def johansen_conductivity(sand, om_volume_share, porosity, water_content, bulk_density):
    """(k_frozen, k_thawed) in W m⁻¹ K⁻¹ by Johansen (1975); all water frozen in the frozen state."""
    n = np.asarray(porosity, float)
    theta = np.asarray(water_content, float)
    ks = k_solids(sand, om_volume_share)
    k_dry = (0.135 * bulk_density + 64.7) / (2700.0 - 0.947 * bulk_density)
    sr = np.clip(theta / n, 0.0, 1.0)
    coarse = np.asarray(sand, float) >= 0.5
    with np.errstate(divide="ignore"):
        lg = np.log10(np.where(sr > 0, sr, 1e-12))
    ke_thawed = np.where(coarse, np.where(sr > 0.05, 0.7 * lg + 1.0, 0.0), np.where(sr > 0.1, lg + 1.0, 0.0))
    ke_frozen = sr
    k_sat_thawed = ks ** (1 - n) * K_WATER ** n
    k_sat_frozen = ks ** (1 - n) * K_ICE ** n
    return (k_dry + ke_frozen * (k_sat_frozen - k_dry), k_dry + ke_thawed * (k_sat_thawed - k_dry))


def heat_capacity(mineral_volume, organic_volume, water_content):
    """(c_frozen, c_thawed) volumetric heat capacity in J m⁻³ K⁻¹ (de Vries 1963 mixture)."""
    solids = C_MINERAL * np.asarray(mineral_volume, float) + C_ORGANIC * np.asarray(organic_volume, float)
    theta = np.asarray(water_content, float)
    return solids + C_ICE * theta, solids + C_WATER * theta


def unfrozen_curve(sand, clay, water_content):
    """(a, b) of θ_u = a |T|^(−b) from the texture group, a capped at the water content; a = 0 is free water."""
    group = texture_group(sand, clay)
    a = np.zeros(group.shape)
    b = np.zeros(group.shape)
    for name, (ga, gb) in UNFROZEN_CURVES.items():
        a = np.where(group == name, ga, a)
        b = np.where(group == name, gb, b)
    return np.minimum(a, np.asarray(water_content, float)), b


WATER_MODES = ("field_capacity", "saturation")


def soil_layer(sand, clay, om_pct, bulk_density=None, porosity=None, field_capacity=None,
               water_mode="field_capacity", saturation=0.8):
    """All SOIL_FIELDS except thickness for a mineral soil layer, as a dict of arrays.

    ``sand``/``clay`` fractions of the mineral soil, ``om_pct`` organic matter (% by weight),
    ``bulk_density`` kg m⁻³ (default: Saxton & Rawls normal density (1 − θ_S)·2650), ``porosity``
    (default 1 − ρ_b/ρ_s), ``field_capacity`` m³ m⁻³ (default Saxton & Rawls θ_33). Water content is
    the field capacity (``water_mode='field_capacity'``) or ``saturation`` × porosity.
    """
    if water_mode not in WATER_MODES:
        raise ValueError(f"unknown water mode {water_mode!r}; expected one of {WATER_MODES}")
    if not 0 < saturation <= 1:
        raise ValueError(f"degree of saturation must be in (0, 1], got {saturation}")
    sand, clay, om_pct = (np.asarray(v, float) for v in (sand, clay, om_pct))
    ths, th33, _ = saxton_rawls(sand, clay, om_pct)
    om = om_pct / 100.0
    if bulk_density is None:
        bulk_density = (1 - ths) * MINERAL_DENSITY
    bulk_density = np.asarray(bulk_density, float)
    if porosity is None:
        porosity = 1 - bulk_density / particle_density(om)
    porosity = np.clip(porosity, 0.05, 0.95)
    if field_capacity is None:
        field_capacity = th33
    theta = field_capacity if water_mode == "field_capacity" else saturation * porosity
    theta = np.clip(theta, 0.0, porosity)
    mineral, organic = solids_volume_fractions(bulk_density, om)
    share = organic / np.maximum(mineral + organic, 1e-12)
    k_f, k_t = johansen_conductivity(sand, share, porosity, theta, bulk_density)
    c_f, c_t = heat_capacity(mineral, organic, theta)
    a, b = unfrozen_curve(sand, clay, theta)
    return {"k_frozen": k_f, "k_thawed": k_t, "c_frozen": c_f, "c_thawed": c_t, "water_content": theta,
            "unfrozen_a": a, "unfrozen_b": b}


PEAT = {"porosity": 0.9, "bulk_density": 130.0}
"""Fibric-to-hemic peat: porosity 0.9, dry bulk density 130 kg m⁻³ (Farouki 1981, ch. 3)."""


def peat_layer(water_content=0.6):
    """Organic (peat/moss) layer properties: solids all organic, Johansen with fine-soil Kersten number."""
    n, bd = PEAT["porosity"], PEAT["bulk_density"]
    theta = np.clip(np.asarray(water_content, float), 0.0, n)
    k_f, k_t = johansen_conductivity(np.zeros_like(theta), np.ones_like(theta), n, theta, bd)
    organic = bd / ORGANIC_DENSITY
    c_f, c_t = heat_capacity(0.0, organic, theta)
    return {"k_frozen": k_f, "k_thawed": k_t, "c_frozen": c_f, "c_thawed": c_t, "water_content": theta,
            "unfrozen_a": np.full(theta.shape, 0.0), "unfrozen_b": np.full(theta.shape, 0.0)}


BEDROCK = {"k_frozen": 2.5, "k_thawed": 2.4, "c_frozen": 2.0e6, "c_thawed": 2.1e6, "water_content": 0.03,
           "unfrozen_a": 0.0, "unfrozen_b": 0.0}
"""Weathered granitic bedrock below the soil data: k 2.4–2.5 W m⁻¹ K⁻¹, C ≈ 2.0 MJ m⁻³ K⁻¹, 3 %
fracture water that freezes freely; representative of the ranges tabulated by Čermák & Rybach (1982)
for granite and gneiss, lowered for weathering."""
