"""From a block of prepared rasters to the solver's per-column arguments (one column per valid pixel)."""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .. import schema
from ..checks import check_block
from ..heat import Layers
from ..raster_io import read_raster
from .inputs import LABELS, input_band_names

N_FIELDS = len(schema.SOIL_FIELDS)


@dataclass
class Block:
    """Input arrays of one raster window, each (bands, rows, cols) with NaN for NoData."""

    climate: np.ndarray
    soil: np.ndarray
    nfactors: Optional[np.ndarray] = None
    geothermal: Optional[np.ndarray] = None
    initial: Optional[np.ndarray] = None
    anomalies: Optional[np.ndarray] = None

    def required(self):
        return [a for a in (self.climate, self.soil, self.nfactors, self.geothermal, self.initial, self.anomalies)
                if a is not None]

    def inputs_with_data(self):
        """Names of the inputs with at least one pixel of data in every band (substrate thickness aside)."""
        soil = self.soil.copy()
        soil[-N_FIELDS] = 0.0
        arrays = {"climate": self.climate, "soil": soil, "nfactors": self.nfactors, "geothermal": self.geothermal,
                  "initial": self.initial, "anomalies": self.anomalies}
        return {key for key, a in arrays.items() if a is not None and np.isfinite(a).all(axis=0).any()}


def _read_checked(checked, key, window, bands=None):
    """One input over ``window``, its values checked against their plausible ranges (``core.checks``)."""
    path = getattr(checked.inputs, key)
    array = read_raster(path, bands=bands, window=window)
    names = input_band_names(key, path, checked.n_layers)
    if bands:
        names = [names[b - 1] for b in bands]
    check_block(LABELS[key], path, key, array, names, checked.grid, window)
    return array


def read_block(checked, settings, window):
    """Read every input over ``window`` = (xoff, yoff, xsize, ysize); ValueError on an implausible value."""
    inp = checked.inputs
    anomalies = None
    if inp.anomalies:
        bands = [checked.anomaly_bands[(y, m)] for y in settings.years for m in range(1, 13)]
        anomalies = _read_checked(checked, "anomalies", window, bands)

    def optional(key):
        return _read_checked(checked, key, window) if getattr(inp, key) else None

    return Block(
        climate=_read_checked(checked, "climate", window),
        soil=_read_checked(checked, "soil", window),
        nfactors=optional("nfactors"),
        geothermal=optional("geothermal"),
        initial=optional("initial"),
        anomalies=anomalies,
    )


def valid_pixels(block):
    """(rows, cols) mask of pixels with data in every required band.

    The substrate layer's thickness is never used (it extends to the bottom), so its NoData does not count.
    """
    soil = block.soil.copy()
    soil[-N_FIELDS] = 0.0
    arrays = [a for a in block.required() if a is not block.soil] + [soil]
    return np.logical_and.reduce([np.isfinite(a).all(axis=0) for a in arrays])


def layers_from_soil(soil):
    """Solver layers from soil bands (n_layers*8, npix); ``unfrozen_a`` <= 0 becomes free water (NaN)."""
    per_field = soil.reshape(-1, N_FIELDS, soil.shape[-1]).transpose(1, 2, 0)  # field, npix, layer
    values = {name: np.ascontiguousarray(per_field[i]) for i, (name, _) in enumerate(schema.SOIL_FIELDS)}
    values["thickness_m"][:, -1] = np.where(np.isfinite(values["thickness_m"][:, -1]),
                                            values["thickness_m"][:, -1], 1.0)
    free = ~(values["unfrozen_a"] > 0)
    values["unfrozen_a"] = np.where(free, np.nan, values["unfrozen_a"])
    values["unfrozen_b"] = np.where(free, np.nan, values["unfrozen_b"])
    return Layers(**values)


def yearly_air(climate, years, trend_c_per_decade=0.0, climatology_year=1985.0, anomalies=None):
    """Monthly air temperature of each simulated year, (npix, nyears, 12) °C.

    ``climate`` is the (npix, 12) climatology centred on ``climatology_year``. A linear trend adds
    ``trend_c_per_decade * (year - climatology_year) / 10``; ``anomalies`` (npix, nyears, 12), when
    given, are added as they are.
    """
    years = np.asarray(years, dtype=float)
    out = climate[:, None, :] + (trend_c_per_decade * (years - climatology_year) / 10.0)[None, :, None]
    if anomalies is not None:
        out = out + anomalies
    return out


def thermal_resistance(layers, depths, frozen):
    """∫0^z dz/k (m² K/W) per column at each of ``depths`` (m), with frozen (bool per column) or thawed k."""
    k = np.where(frozen[:, None], layers.k_frozen, layers.k_thawed)
    tops = np.concatenate([np.zeros((k.shape[0], 1)), np.cumsum(layers.thickness_m[:, :-1], axis=1)], axis=1)
    bottoms = np.concatenate([tops[:, 1:], np.full((k.shape[0], 1), np.inf)], axis=1)
    z = np.asarray(depths, dtype=float)[None, :, None]
    inside = np.clip(z, tops[:, None, :], bottoms[:, None, :]) - tops[:, None, :]
    return (inside / k[:, None, :]).sum(axis=2)


def initial_profile(depths_m, values, node_depths, layers, flux_w_m2):
    """Initial temperature at the nodes (npix, nnode) from a few measured depths (ndepth, npix), °C.

    Linear between the given depths, constant above the shallowest one, and below the deepest one
    the steady conduction profile carrying the geothermal flux through the layers' conductivity.
    """
    depths_m = np.asarray(depths_m, dtype=float)
    z = np.asarray(node_depths, dtype=float)
    inside = np.stack([np.interp(z, depths_m, v) for v in values.T]) if len(depths_m) > 1 else \
        np.repeat(values.T, len(z), axis=1)
    deepest = values[-1]
    r = thermal_resistance(layers, np.concatenate([[depths_m[-1]], z]), frozen=deepest < 0)
    below = deepest[:, None] + np.asarray(flux_w_m2, dtype=float).reshape(-1, 1) * (r[:, 1:] - r[:, :1])
    return np.where(z[None, :] > depths_m[-1], below, inside)


def solver_arguments(block, valid, settings, node_depths, initial_depths_m=()):
    """Keyword arguments of ``core.heat.simulate`` for the valid pixels of a block.

    Without an initial-state raster the solver starts from the TTOP equilibrium profile.
    """
    def pick(array):
        return array[:, valid].T  # (npix, bands)

    layers = layers_from_soil(pick(block.soil).T)
    anomalies = None
    if block.anomalies is not None:
        anomalies = pick(block.anomalies).reshape(-1, len(settings.years), 12)
    flux = pick(block.geothermal)[:, 0] if block.geothermal is not None else settings.geothermal_flux_w_m2
    args = dict(
        layers=layers,
        monthly_air_c=yearly_air(pick(block.climate), settings.years, settings.trend_c_per_decade,
                                 settings.climatology_year, anomalies),
        geothermal_flux_w_m2=flux,
    )
    if block.nfactors is not None:
        nf = pick(block.nfactors)
        args.update(n_freezing=nf[:, 0], n_thawing=nf[:, 1])
    if block.initial is not None:
        args["initial"] = initial_profile(initial_depths_m, pick(block.initial).T, node_depths, layers, flux)
    else:
        args["initial"] = "equilibrium"
    return args
