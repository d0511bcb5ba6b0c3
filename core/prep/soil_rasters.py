"""Soil thermal-property rasters from HWSD topsoil or SoilGrids250m, and reading them back.

A soil raster holds ``n_layers × 8`` Float32 bands ``layerNN_<field>`` (``core.schema``), top
layer first; the last layer is the substrate down to the model bottom. Dataset metadata:
``N_LAYERS``, ``LAYER_NAMES`` (comma-separated), ``LAYER_TOPS_M``.
"""

import os

import numpy as np
from osgeo import gdal

from .. import schema
from ..raster_io import atomic_path, band_info, create_geotiff, finish_geotiff, read_raster
from . import soil_properties as sp
from .warp import align

FIELDS = [f for f, _ in schema.SOIL_FIELDS]
SR_MAX_OM_PCT = 8.0
"""Saxton & Rawls (2006) was fitted for organic matter ≤ 8 %; larger values are clamped in their equations."""

SOILGRIDS_DEPTHS = ("0-5cm", "5-15cm", "15-30cm", "30-60cm", "60-100cm", "100-200cm")
SOILGRIDS_THICKNESS_M = (0.05, 0.10, 0.15, 0.30, 0.40, 1.00)
SOILGRIDS_REQUIRED = ("sand", "silt", "clay", "bdod", "soc")
SOILGRIDS_TO_SI = {
    "sand": 0.1,  # g/kg -> %
    "silt": 0.1,
    "clay": 0.1,
    "bdod": 10.0,  # cg/cm3 -> kg/m3
    "soc": 0.01,  # dg/kg -> % (1 dg/kg = 0.1 g/kg = 0.01 %)
    "wv0033": 0.001,  # 1e-3 cm3/cm3 -> m3/m3
}


def _texture_fractions(sand_pct, silt_pct, clay_pct, label, expected_total):
    """Sand and clay fractions of the fine earth (normalised to sand+silt+clay); NaN where the total is 0."""
    total = sand_pct + silt_pct + clay_pct
    valid = total[np.isfinite(total) & (total > 0)]
    if valid.size == 0:
        raise ValueError(f"{label}: sand + silt + clay holds no valid value over the model grid")
    median = float(np.median(valid))
    if abs(median - expected_total) > 0.2 * expected_total:
        raise ValueError(f"{label}: sand + silt + clay is about {median:.0f}; expected {expected_total:g} "
                         f"({'%' if expected_total == 100 else 'g/kg'}); wrong unit or wrong files?")
    ok = np.isfinite(total) & (total > 0)
    safe = np.where(ok, total, 1.0)
    return np.where(ok, sand_pct / safe, np.nan), np.where(ok, clay_pct / safe, np.nan)


def _mineral_layer(sand, clay, oc_pct, water_mode, saturation, bulk_density=None, field_capacity=None):
    om_pct = oc_pct * sp.OM_PER_OC
    ths, th33, _ = sp.saxton_rawls(sand, clay, np.minimum(om_pct, SR_MAX_OM_PCT))
    if bulk_density is None:
        bulk_density = (1 - ths) * sp.MINERAL_DENSITY
    if field_capacity is None:
        field_capacity = th33
    return sp.soil_layer(sand, clay, np.minimum(om_pct, 100.0), bulk_density=bulk_density,
                         field_capacity=field_capacity, water_mode=water_mode, saturation=saturation)


def _constant_layer(values, shape, thickness):
    layer = {f: np.full(shape, float(values[f])) for f in FIELDS if f != "thickness_m"}
    layer["thickness_m"] = np.broadcast_to(np.asarray(thickness, float), shape).copy()
    return layer


def organic_layer(thickness_m, shape, water_content=0.6):
    """Peat layer (Farouki 1981 properties, :func:`soil_properties.peat_layer`) of the given thickness.

    Where the thickness is 0 the layer is kept 1 cm thick (the solver needs a positive thickness),
    which is thermally negligible.
    """
    layer = {k: np.broadcast_to(v, shape).astype(float) for k, v in sp.peat_layer(water_content).items()}
    layer["thickness_m"] = np.maximum(np.broadcast_to(np.asarray(thickness_m, float), shape), 0.01)
    return layer


def bedrock_layer(shape, thickness_m, properties=None):
    """Substrate layer with :data:`soil_properties.BEDROCK` (or ``properties`` overriding some fields)."""
    values = dict(sp.BEDROCK, **(properties or {}))
    return _constant_layer(values, shape, thickness_m)


def hwsd_layers(sand_pct, silt_pct, clay_pct, oc_pct, soil_depth_m=2.0, subsoil_oc_pct=0.5,
                water_mode="field_capacity", saturation=0.8, bottom_m=100.0, substrate=None):
    """Layers (list of (name, dict field -> (rows, cols))) from HWSD topsoil (0–30 cm) texture in %.

    Topsoil 0–0.3 m from the data; subsoil 0.3 m – ``soil_depth_m`` with the topsoil texture and
    ``subsoil_oc_pct`` organic carbon; substrate from ``soil_depth_m`` to ``bottom_m``.
    """
    if soil_depth_m < 0.3:
        raise ValueError(f"soil depth must be >= 0.3 m (the HWSD topsoil), got {soil_depth_m}")
    if bottom_m <= soil_depth_m:
        raise ValueError(f"model bottom {bottom_m} m must be below the soil depth {soil_depth_m} m")
    sand, clay = _texture_fractions(sand_pct, silt_pct, clay_pct, "HWSD topsoil texture", 100.0)
    shape = sand.shape
    top = _mineral_layer(sand, clay, np.where(np.isfinite(oc_pct), oc_pct, np.nan), water_mode, saturation)
    top["thickness_m"] = np.full(shape, 0.3)
    layers = [("topsoil", top)]
    if soil_depth_m > 0.3 + 1e-9:
        sub = _mineral_layer(sand, clay, np.full(shape, subsoil_oc_pct), water_mode, saturation)
        sub["thickness_m"] = np.full(shape, soil_depth_m - 0.3)
        layers.append(("subsoil", sub))
    layers.append(("substrate", bedrock_layer(shape, bottom_m - soil_depth_m, substrate)))
    return layers


def soilgrids_files(folder):
    """{(property, depth): path} of SoilGrids ``<prop>_<depth>_mean.tif`` (or .vrt) files in ``folder``;
    ValueError naming every missing required file."""
    found, missing = {}, []
    for prop in SOILGRIDS_REQUIRED + ("wv0033",):
        for depth in SOILGRIDS_DEPTHS:
            for ext in (".tif", ".vrt"):
                path = os.path.join(folder, f"{prop}_{depth}_mean{ext}")
                if os.path.exists(path):
                    found[(prop, depth)] = path
                    break
            else:
                if prop in SOILGRIDS_REQUIRED:
                    missing.append(f"{prop}_{depth}_mean.tif")
    if missing:
        raise ValueError(f"SoilGrids folder {folder}: missing {', '.join(missing)} (expected sand, silt, clay, "
                         f"bdod and soc for the depths {', '.join(SOILGRIDS_DEPTHS)})")
    have_wv = [d for d in SOILGRIDS_DEPTHS if ("wv0033", d) in found]
    if have_wv and len(have_wv) != len(SOILGRIDS_DEPTHS):
        raise ValueError(f"SoilGrids folder {folder}: wv0033 is given for {have_wv} only; give all six depths "
                         "or none")
    return found


def soilgrids_layers(files, grid, water_mode="field_capacity", saturation=0.8, bottom_m=100.0, substrate=None,
                     resampling="auto", progress=None, is_cancelled=None):
    """Six soil layers (SoilGrids depth intervals, 0–2 m) plus the substrate, from :func:`soilgrids_files`."""
    layers = []
    props = SOILGRIDS_REQUIRED + (("wv0033",) if ("wv0033", SOILGRIDS_DEPTHS[0]) in files else ())
    for i, (depth, thick) in enumerate(zip(SOILGRIDS_DEPTHS, SOILGRIDS_THICKNESS_M)):
        if is_cancelled and is_cancelled():
            raise InterruptedError("cancelled")
        v = {p: align(files[(p, depth)], grid, f"SoilGrids {p} {depth}", resampling)[0] * SOILGRIDS_TO_SI[p]
             for p in props}
        sand, clay = _texture_fractions(v["sand"], v["silt"], v["clay"], f"SoilGrids texture {depth}", 100.0)
        bd = v["bdod"]
        if np.nanmedian(bd) < 300 or np.nanmedian(bd) > 2500:
            raise ValueError(f"SoilGrids bdod {depth}: bulk density about {np.nanmedian(bd):.0f} kg/m³ after "
                             "conversion from cg/cm³; expected 300–2500 (wrong unit?)")
        layer = _mineral_layer(sand, clay, v["soc"], water_mode, saturation, bulk_density=bd,
                               field_capacity=v.get("wv0033"))
        layer["thickness_m"] = np.full(sand.shape, thick)
        layers.append((f"soilgrids_{depth}", layer))
        if progress:
            progress((i + 1) / len(SOILGRIDS_DEPTHS))
    shape = layers[0][1]["thickness_m"].shape
    layers.append(("substrate", bedrock_layer(shape, bottom_m - sum(SOILGRIDS_THICKNESS_M), substrate)))
    return layers


def write_soil_raster(path, grid, layers, mask=None, metadata=None):
    """Write layers (list of (name, dict field -> (rows, cols))) as a soil raster (``core.schema``).

    A pixel is NoData in every band when any property of any layer is missing there or ``mask`` is NaN.
    Layers are written one at a time (no full band stack in memory). Returns the number of valid pixels.
    """
    bad = np.zeros((grid.rows, grid.cols), bool) if mask is None else ~np.isfinite(mask)
    for _, layer in layers:
        for f in FIELDS:
            bad |= ~np.isfinite(layer[f])
    n = len(layers)
    tops = np.concatenate([[0.0], np.cumsum([np.nanmedian(layer["thickness_m"]) for _, layer in layers])[:-1]])
    meta = {"N_LAYERS": n, "LAYER_NAMES": ",".join(name for name, _ in layers),
            "LAYER_TOPS_M": ",".join(f"{t:g}" for t in tops), **(metadata or {})}
    with atomic_path(path) as tmp:
        ds = create_geotiff(tmp, grid, n * len(FIELDS), schema.soil_band_names(n), schema.soil_band_units(n), meta)
        for i, (_, layer) in enumerate(layers):
            block = np.stack([np.where(bad, np.nan, layer[f]) for f in FIELDS]).astype(np.float32)
            for j in range(len(FIELDS)):
                band = ds.GetRasterBand(i * len(FIELDS) + j + 1)
                band.WriteArray(np.where(np.isfinite(block[j]), block[j], schema.NODATA).astype(np.float32))
        finish_geotiff(ds)
        ds = None
    return int((~bad).sum())


def read_soil_layers(path, window=None):
    """Soil raster back into {field: (n_layers, rows, cols)} float64 arrays (NaN = NoData).

    ``window`` is (xoff, yoff, xsize, ysize) in pixels. ``unfrozen_a`` = 0 means free water.
    ValueError when the bands do not follow ``core.schema`` soil naming.
    """
    names, _ = band_info(path)
    nf = len(FIELDS)
    if not names or len(names) % nf:
        raise ValueError(f"Soil thermal properties: {path} has {len(names)} bands; expected a multiple of {nf}")
    n = len(names) // nf
    if names != schema.soil_band_names(n):
        raise ValueError(f"Soil thermal properties: {path} band names {names[:3]}… do not follow "
                         f"{schema.soil_band_names(n)[:3]}…")
    data = read_raster(path, window=window)
    data = data.reshape(n, nf, *data.shape[1:])
    return {f: data[:, i] for i, f in enumerate(FIELDS)}


def organic_thickness_on_grid(thickness, grid):
    """Organic-layer thickness (rows, cols) in m from a constant or a raster path (None/0 = no layer)."""
    if thickness is None:
        return None
    if isinstance(thickness, str):
        t = align(thickness, grid, "Organic layer thickness", "auto", bands=[1])[0]
        valid = t[np.isfinite(t)]
        if valid.size and (valid.min() < 0 or valid.max() > 5):
            raise ValueError(f"Organic layer thickness: values {valid.min():.2f}…{valid.max():.2f}; expected "
                             "metres in 0–5 (centimetres given?)")
        return np.where(np.isfinite(t), t, 0.0)
    if thickness <= 0:
        return None
    return np.full((grid.rows, grid.cols), float(thickness))


def _finish(layers, grid, mask, out_path, organic, organic_water, source):
    if organic is not None:
        layers = [("organic", organic_layer(organic, organic.shape, organic_water))] + layers
    return write_soil_raster(out_path, grid, layers, mask, {"SOURCE": source})


def prepare_hwsd_soil(sand, silt, clay, oc, grid, mask, out_path, soil_depth_m=2.0, subsoil_oc_pct=0.5,
                      water_mode="field_capacity", saturation=0.8, bottom_m=100.0, substrate=None,
                      organic_thickness=None, organic_water=0.6, resampling="auto"):
    """HWSD topsoil rasters (%, NoData −1) → soil raster (see :func:`hwsd_layers`); returns valid pixels.

    HWSD is a map of soil units, so 'auto' resampling is nearest neighbour (mode when finer).
    """
    v = [align(p, grid, f"HWSD {name}", resampling, categorical=True, bands=[1])[0]
         for p, name in ((sand, "sand"), (silt, "silt"), (clay, "clay"), (oc, "organic carbon"))]
    layers = hwsd_layers(*v, soil_depth_m=soil_depth_m, subsoil_oc_pct=subsoil_oc_pct, water_mode=water_mode,
                         saturation=saturation, bottom_m=bottom_m, substrate=substrate)
    organic = organic_thickness_on_grid(organic_thickness, grid)
    return _finish(layers, grid, mask, out_path, organic, organic_water, "HWSD v1.2 topsoil")


def prepare_soilgrids_soil(folder, grid, mask, out_path, water_mode="field_capacity", saturation=0.8,
                           bottom_m=100.0, substrate=None, organic_thickness=None, organic_water=0.6,
                           resampling="auto", progress=None, is_cancelled=None):
    """SoilGrids250m folder → soil raster with six layers (0–2 m) and the substrate; returns valid pixels."""
    if bottom_m <= sum(SOILGRIDS_THICKNESS_M):
        raise ValueError(f"model bottom {bottom_m} m must be below the SoilGrids soil (2 m)")
    layers = soilgrids_layers(soilgrids_files(folder), grid, water_mode, saturation, bottom_m, substrate,
                              resampling, progress, is_cancelled)
    organic = organic_thickness_on_grid(organic_thickness, grid)
    return _finish(layers, grid, mask, out_path, organic, organic_water, "SoilGrids250m 2.0")


def soil_layer_names(path):
    """Layer names of a soil raster from its LAYER_NAMES metadata, top first ([] when absent)."""
    ds = gdal.Open(path)
    text = (ds.GetMetadataItem("LAYER_NAMES") or "") if ds is not None else ""
    return [n.strip() for n in text.split(",") if n.strip()]
