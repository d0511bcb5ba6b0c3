"""Soil thermal-property rasters from HWSD topsoil or SoilGrids250m, and reading them back.

A soil raster holds ``n_layers × 8`` Float32 bands ``layerNN_<field>`` (``core.schema``), top
layer first; the last layer is the substrate down to the model bottom. Dataset metadata:
``N_LAYERS``, ``LAYER_NAMES`` (comma-separated), ``LAYER_TOPS_M``.
"""

import os
from contextlib import ExitStack

import numpy as np
from osgeo import gdal

from .. import schema
from ..raster_io import band_info, read_raster
from . import soil_properties as sp
from .strips import MedianCheck, strip_output, strips
from .warp import Aligner

FIELDS = [f for f, _ in schema.SOIL_FIELDS]
HWSD_BYTES_PER_PIXEL = 1000
"""Working memory per pixel of a row strip of :func:`prepare_hwsd_soil`: 4 inputs, 4 layers of 8 fields, and
the property equations' temporaries."""
SOILGRIDS_BYTES_PER_PIXEL = 1500
"""The same for :func:`prepare_soilgrids_soil` (6 depths of 6 inputs, 8 layers)."""
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


def _texture_fractions(sand_pct, silt_pct, clay_pct, total_check):
    """Sand and clay fractions of the fine earth (normalised to sand+silt+clay); NaN where the total is 0.

    The valid totals are counted in ``total_check`` (a :class:`MedianCheck`, see :func:`_check_texture`).
    """
    total = sand_pct + silt_pct + clay_pct
    ok = np.isfinite(total) & (total > 0)
    total_check.add(total[ok])
    safe = np.where(ok, total, 1.0)
    return np.where(ok, sand_pct / safe, np.nan), np.where(ok, clay_pct / safe, np.nan)


def _texture_check(expected_total):
    return MedianCheck(0.8 * expected_total, 1.2 * expected_total)


def _check_texture(total_check, label, expected_total):
    """ValueError when no sand + silt + clay total was valid, or when their median is off ``expected_total``
    by more than 20 % (wrong unit or wrong files)."""
    if not total_check.count:
        raise ValueError(f"{label}: sand + silt + clay holds no valid value over the model grid")
    if total_check.outside:
        raise ValueError(f"{label}: sand + silt + clay is about {total_check.median:.0f}; expected {expected_total:g} "
                         f"({'%' if expected_total == 100 else 'g/kg'}); wrong unit or wrong files?")


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


def hwsd_layers(sand_pct, silt_pct, clay_pct, oc_pct, total_check, soil_depth_m=2.0, subsoil_oc_pct=0.5,
                water_mode="field_capacity", saturation=0.8, bottom_m=100.0, substrate=None):
    """Layers (list of (name, dict field -> (rows, cols))) from HWSD topsoil (0–30 cm) texture in %.

    Topsoil 0–0.3 m from the data; subsoil 0.3 m – ``soil_depth_m`` with the topsoil texture and
    ``subsoil_oc_pct`` organic carbon; substrate from ``soil_depth_m`` to ``bottom_m``. The texture totals are
    counted in ``total_check`` (see :func:`_check_texture`).
    """
    if soil_depth_m < 0.3:
        raise ValueError(f"soil depth must be >= 0.3 m (the HWSD topsoil), got {soil_depth_m}")
    if bottom_m <= soil_depth_m:
        raise ValueError(f"model bottom {bottom_m} m must be below the soil depth {soil_depth_m} m")
    sand, clay = _texture_fractions(sand_pct, silt_pct, clay_pct, total_check)
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


class SoilGridsStrips:
    """Six soil layers (SoilGrids depth intervals, 0–2 m) plus the substrate, row strip by row strip, from the
    files of :func:`soilgrids_files`; :meth:`check` after the last strip checks units over the whole grid."""

    def __init__(self, files, grid, stack, water_mode="field_capacity", saturation=0.8, bottom_m=100.0,
                 substrate=None, resampling="auto"):
        props = SOILGRIDS_REQUIRED + (("wv0033",) if ("wv0033", SOILGRIDS_DEPTHS[0]) in files else ())
        self.sources = {depth: {p: stack.enter_context(Aligner(files[(p, depth)], grid, f"SoilGrids {p} {depth}",
                                                                resampling)) for p in props}
                        for depth in SOILGRIDS_DEPTHS}
        self.textures = {depth: _texture_check(100.0) for depth in SOILGRIDS_DEPTHS}
        self.densities = {depth: MedianCheck(300.0, 2500.0) for depth in SOILGRIDS_DEPTHS}
        self.water_mode, self.saturation, self.substrate = water_mode, saturation, substrate
        self.substrate_m = bottom_m - sum(SOILGRIDS_THICKNESS_M)

    def layers(self, yoff, rows, is_cancelled=None):
        """Layers (list of (name, dict field -> (rows, cols))) of grid rows ``yoff`` … ``yoff + rows − 1``."""
        layers = []
        for depth, thick in zip(SOILGRIDS_DEPTHS, SOILGRIDS_THICKNESS_M):
            if is_cancelled and is_cancelled():
                raise InterruptedError("cancelled")
            v = {p: source.read(yoff, rows)[0] * SOILGRIDS_TO_SI[p] for p, source in self.sources[depth].items()}
            sand, clay = _texture_fractions(v["sand"], v["silt"], v["clay"], self.textures[depth])
            self.densities[depth].add(v["bdod"])
            layer = _mineral_layer(sand, clay, v["soc"], self.water_mode, self.saturation, bulk_density=v["bdod"],
                                   field_capacity=v.get("wv0033"))
            layer["thickness_m"] = np.full(sand.shape, thick)
            layers.append((f"soilgrids_{depth}", layer))
        layers.append(("substrate", bedrock_layer(sand.shape, self.substrate_m, self.substrate)))
        return layers

    def check(self):
        """ValueError naming the first depth whose files have no data, a wrong texture unit or a wrong density
        unit over the whole grid."""
        for depth in SOILGRIDS_DEPTHS:
            for source in self.sources[depth].values():
                source.check()
            _check_texture(self.textures[depth], f"SoilGrids texture {depth}", 100.0)
            density = self.densities[depth]
            if density.outside:
                raise ValueError(f"SoilGrids bdod {depth}: bulk density about {density.median:.0f} kg/m³ after "
                                 "conversion from cg/cm³; expected 300–2500 (wrong unit?)")


class _Thickness:
    """Median thickness (m) of a layer met strip by strip: exact, a varying thickness is kept whole-grid."""

    def __init__(self, grid):
        self.grid, self.value, self.all = grid, None, None

    def add(self, thickness, yoff):
        if self.all is None and np.all(thickness == thickness.flat[0]) and self.value in (None, thickness.flat[0]):
            self.value = thickness.flat[0]
            return
        if self.all is None:
            self.all = np.full((self.grid.rows, self.grid.cols), np.nan if self.value is None else self.value)
        self.all[yoff:yoff + thickness.shape[0]] = thickness

    def median(self):
        return float(self.value if self.all is None else np.nanmedian(self.all))


def write_soil_raster(path, grid, strip_layers, mask=None, metadata=None, bytes_per_pixel=HWSD_BYTES_PER_PIXEL,
                      check=None):
    """Write layers as a soil raster (``core.schema``) a row strip at a time; returns the number of valid pixels.

    ``strip_layers(yoff, rows)`` gives the layers (list of (name, dict field -> (rows, cols))) of grid rows
    ``yoff`` … ``yoff + rows − 1``; strips hold ``bytes_per_pixel`` of working memory per pixel (:mod:`.strips`).
    A pixel is NoData in every band when any property of any layer is missing there or ``mask`` is NaN.
    ``check()``, when given, runs after the last strip (before the file is complete) and may raise.
    """
    nf, count = len(FIELDS), 0
    with ExitStack() as stack:
        out = None
        for yoff, rows in strips(grid, bytes_per_pixel):
            layers = strip_layers(yoff, rows)
            if out is None:
                n = len(layers)
                thickness = [_Thickness(grid) for _ in layers]
                meta = {"N_LAYERS": n, "LAYER_NAMES": ",".join(name for name, _ in layers), **(metadata or {})}
                out = stack.enter_context(strip_output(path, grid, n * nf, schema.soil_band_names(n),
                                                       schema.soil_band_units(n), meta))
            bad = np.zeros((rows, grid.cols), bool) if mask is None else ~np.isfinite(mask[yoff:yoff + rows])
            for _, layer in layers:
                for f in FIELDS:
                    bad |= ~np.isfinite(layer[f])
            count += int((~bad).sum())
            for i, (_, layer) in enumerate(layers):
                thickness[i].add(layer["thickness_m"], yoff)
                out.write(np.stack([np.where(bad, np.nan, layer[f]) for f in FIELDS]), yoff, i * nf + 1,
                          last=i == len(layers) - 1)
        if check:
            check()
        tops = np.concatenate([[0.0], np.cumsum([t.median() for t in thickness])[:-1]])
        out.set_metadata("LAYER_TOPS_M", ",".join(f"{t:g}" for t in tops))
    return count


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


class OrganicThickness:
    """Organic-layer thickness (m) strip by strip from a constant or a raster path (None/≤ 0 = no layer)."""

    def __init__(self, thickness, grid):
        self.grid, self.low, self.high = grid, np.inf, -np.inf
        self.source = Aligner(thickness, grid, "Organic layer thickness", "auto", bands=[1]) \
            if isinstance(thickness, str) else None
        self.constant = None if self.source or thickness is None or thickness <= 0 else float(thickness)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.source:
            self.source.close()

    def with_organic(self, layers, yoff, rows, water_content):
        """``layers`` of grid rows ``yoff`` … ``yoff + rows − 1`` with the organic layer on top (when there is one)."""
        if self.source:
            t = self.source.read(yoff, rows)[0]
            valid = t[np.isfinite(t)]
            if valid.size:
                self.low, self.high = min(self.low, float(valid.min())), max(self.high, float(valid.max()))
            thickness = np.where(np.isfinite(t), t, 0.0)
        elif self.constant:
            thickness = np.full((rows, self.grid.cols), self.constant)
        else:
            return layers
        return [("organic", organic_layer(thickness, thickness.shape, water_content))] + layers

    def check(self):
        """ValueError when the raster has no data over the grid or values outside 0–5 m (centimetres given?)."""
        if self.source:
            self.source.check()
            if self.low < 0 or self.high > 5:
                raise ValueError(f"Organic layer thickness: values {self.low:.2f}…{self.high:.2f}; expected "
                                 "metres in 0–5 (centimetres given?)")


def prepare_hwsd_soil(sand, silt, clay, oc, grid, mask, out_path, soil_depth_m=2.0, subsoil_oc_pct=0.5,
                      water_mode="field_capacity", saturation=0.8, bottom_m=100.0, substrate=None,
                      organic_thickness=None, organic_water=0.6, resampling="auto"):
    """HWSD topsoil rasters (%, NoData −1) → soil raster (see :func:`hwsd_layers`); returns valid pixels.

    HWSD is a map of soil units, so 'auto' resampling is nearest neighbour (mode when finer). Computed and
    written a row strip at a time.
    """
    with ExitStack() as stack:
        sources = [stack.enter_context(Aligner(p, grid, f"HWSD {name}", resampling, categorical=True, bands=[1]))
                   for p, name in ((sand, "sand"), (silt, "silt"), (clay, "clay"), (oc, "organic carbon"))]
        organic = stack.enter_context(OrganicThickness(organic_thickness, grid))
        texture = _texture_check(100.0)

        def strip_layers(yoff, rows):
            layers = hwsd_layers(*(s.read(yoff, rows)[0] for s in sources), texture, soil_depth_m=soil_depth_m,
                                 subsoil_oc_pct=subsoil_oc_pct, water_mode=water_mode, saturation=saturation,
                                 bottom_m=bottom_m, substrate=substrate)
            return organic.with_organic(layers, yoff, rows, organic_water)

        def check():
            for source in sources:
                source.check()
            _check_texture(texture, "HWSD topsoil texture", 100.0)
            organic.check()

        return write_soil_raster(out_path, grid, strip_layers, mask, {"SOURCE": "HWSD v1.2 topsoil"},
                                 HWSD_BYTES_PER_PIXEL, check)


def prepare_soilgrids_soil(folder, grid, mask, out_path, water_mode="field_capacity", saturation=0.8,
                           bottom_m=100.0, substrate=None, organic_thickness=None, organic_water=0.6,
                           resampling="auto", progress=None, is_cancelled=None):
    """SoilGrids250m folder → soil raster with six layers (0–2 m) and the substrate, computed and written a row
    strip at a time; returns valid pixels."""
    if bottom_m <= sum(SOILGRIDS_THICKNESS_M):
        raise ValueError(f"model bottom {bottom_m} m must be below the SoilGrids soil (2 m)")
    files = soilgrids_files(folder)
    with ExitStack() as stack:
        soil = SoilGridsStrips(files, grid, stack, water_mode, saturation, bottom_m, substrate, resampling)
        organic = stack.enter_context(OrganicThickness(organic_thickness, grid))

        def strip_layers(yoff, rows):
            layers = organic.with_organic(soil.layers(yoff, rows, is_cancelled), yoff, rows, organic_water)
            if progress:
                progress((yoff + rows) / grid.rows)
            return layers

        def check():
            soil.check()
            organic.check()

        return write_soil_raster(out_path, grid, strip_layers, mask, {"SOURCE": "SoilGrids250m 2.0"},
                                 SOILGRIDS_BYTES_PER_PIXEL, check)


def soil_layer_names(path):
    """Layer names of a soil raster from its LAYER_NAMES metadata, top first ([] when absent)."""
    ds = gdal.Open(path)
    text = (ds.GetMetadataItem("LAYER_NAMES") or "") if ds is not None else ""
    return [n.strip() for n in text.split(",") if n.strip()]
