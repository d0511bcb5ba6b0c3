"""Help text on the soil-physics methods, shared by the soil algorithms."""

SOIL_METHOD_HELP = (
    "Thermal conductivity: Johansen (1975) with the Kersten number for frozen (Ke = Sr) and thawed coarse/fine "
    "soils, quartz content taken as the sand fraction (k_quartz 7.7, other minerals 2.0/3.0, water 0.57, ice "
    "2.2 W/m/K; Farouki 1981; Peters-Lidard et al. 1998), organic solids 0.25 W/m/K (Lawrence & Slater 2008). "
    "Heat capacity: de Vries (1963) mixture of mineral (2.0), organic (2.5), water (4.18) and ice (1.93 "
    "MJ/m³/K). Unfrozen water θu = a|T|^−b: free water (a = 0) for coarse soils (sand ≥ 50 %, clay < 15 %), "
    "a = 0.05, b = 0.40 for loams/silts and a = 0.12, b = 0.50 for clays (clay ≥ 35 %), representative of "
    "Anderson & Tice (1972) curves as used in GIPL (Nicolsky et al. 2009); a is capped at the water content."
)
