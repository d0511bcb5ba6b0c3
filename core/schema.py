"""Band layouts shared by the input-preparation tools and the regional model run.

Every prepared raster is a GeoTIFF on the model grid (EPSG:4326 by default) whose bands carry a
description (``GetDescription``) and a unit (``GetUnitType``). The constants below are the contract
between the tools that write these rasters and the model that reads them.
"""

NODATA = -9999.0
"""NoData value of every Float32 raster the plugin writes."""

CLIMATE_BANDS = tuple(f"tair_{m:02d}" for m in range(1, 13))
"""Monthly mean air temperature, °C, January first (12 bands)."""

ANOMALY_BAND = "tair_anomaly_{year:04d}_{month:02d}"
"""Monthly air-temperature anomaly, °C; one band per month of each year, in time order."""

NFACTOR_BANDS = ("n_freezing", "n_thawing")
"""Surface n-factors, dimensionless (2 bands)."""

SOIL_FIELDS = (
    ("thickness_m", "m"),
    ("k_frozen", "W m-1 K-1"),
    ("k_thawed", "W m-1 K-1"),
    ("c_frozen", "J m-3 K-1"),
    ("c_thawed", "J m-3 K-1"),
    ("water_content", "m3 m-3"),
    ("unfrozen_a", "1"),
    ("unfrozen_b", "1"),
)
"""Per-layer soil thermal properties, in band order within each layer.

``water_content`` is total volumetric water + ice. ``unfrozen_a``/``unfrozen_b`` are the
power-law unfrozen-water curve theta_u = a*|T|^-b; ``unfrozen_a`` = 0 means free water
(everything freezes at 0 °C), since NaN would read as NoData. The last layer extends to the model bottom. A soil raster holds
``n_layers * len(SOIL_FIELDS)`` bands, layer 1 (the top) first.
"""

SOIL_BAND = "layer{layer:02d}_{field}"
"""Description of a soil band; ``layer`` counts from 1 at the surface."""

INITIAL_BAND = "tsoil_{depth_cm:04d}cm"
"""Initial ground temperature, °C, at the named depth below the surface (one band per depth)."""


def soil_band_names(n_layers):
    """Band descriptions of a soil raster with ``n_layers`` layers, in band order."""
    return [SOIL_BAND.format(layer=i + 1, field=f) for i in range(n_layers) for f, _ in SOIL_FIELDS]


def soil_band_units(n_layers):
    """Band units of a soil raster with ``n_layers`` layers, in band order."""
    return [u for _ in range(n_layers) for _, u in SOIL_FIELDS]
