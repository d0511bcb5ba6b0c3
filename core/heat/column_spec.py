"""JSON column specifications (the ``column`` sub-command) parsed into :func:`simulate` arguments.

A spec is a dict (or a list of dicts run as a batch); field names and units are those of the README:
layers[], grid, one of air_temperature_c / monthly_air_temperature_c / surface_temperature_c,
n_freezing, n_thawing, geothermal_flux_w_m2, initial_temperature_c, spinup_years, spinup_tol_c, days,
dt_days, output_depths_m, output_every_days. Errors raise ValueError naming the field.
"""

import json
import math

import numpy as np

from .. import schema
from ..checks import FLUX_W_M2, NFACTOR, SOIL
from .grid import check_grid, make_grid
from .layers import Layers
from .simulate import DEFAULT_DT_DAYS

LAYER_FIELDS = ("thickness_m", "k_frozen", "k_thawed", "c_frozen", "c_thawed", "water_content")
UNITS = dict(schema.SOIL_FIELDS)
FORCINGS = {"air_temperature_c": "daily_air_c", "monthly_air_temperature_c": "monthly_air_c",
            "surface_temperature_c": "surface_c"}


def _number(value, field):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{field} must be a finite number, got {value!r}")
    return float(value)


def _bounded(value, field, bounds, unit=""):
    low, high = bounds
    value = _number(value, field)
    if not low <= value <= high:
        raise ValueError(f"{field} must be in {low:g}…{high:g}{' ' + unit if unit else ''}, got {value!r}")
    return value


def _numbers(value, field, length=None):
    if not isinstance(value, list) or not value:
        raise ValueError(f"{field} must be a non-empty list of numbers")
    if length is not None and len(value) != length:
        raise ValueError(f"{field} must have {length} values, got {len(value)}")
    return [_number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def parse_layers(layers):
    """List of layer dicts -> rows of the 8 Layers fields (floats; NaN curve = free water)."""
    if not isinstance(layers, list) or not layers:
        raise ValueError("layers must be a non-empty list")
    rows = []
    for i, layer in enumerate(layers):
        if not isinstance(layer, dict):
            raise ValueError(f"layers[{i}] must be an object")
        row = []
        for name in LAYER_FIELDS:
            if name not in layer:
                raise ValueError(f"layers[{i}].{name} is missing")
            row.append(_bounded(layer[name], f"layers[{i}].{name}", SOIL[name], UNITS[name]))
        curve = layer.get("unfrozen_water")
        if curve is None:
            row += [math.nan, math.nan]
        elif isinstance(curve, dict) and "a" in curve and "b" in curve:
            row += [_bounded(curve[p], f"layers[{i}].unfrozen_water.{p}", SOIL[f"unfrozen_{p}"]) for p in ("a", "b")]
        else:
            raise ValueError(f"layers[{i}].unfrozen_water must be null or {{\"a\": ..., \"b\": ...}}")
        rows.append(row)
    return rows


def parse_grid(grid):
    if grid is None:
        return make_grid()
    if not isinstance(grid, dict):
        raise ValueError("grid must be an object")
    if "node_depths_m" in grid:
        try:
            return check_grid(_numbers(grid["node_depths_m"], "grid.node_depths_m"))
        except ValueError as err:
            raise ValueError(f"grid.{err}") from None
    return make_grid(bottom_m=_number(grid.get("bottom_m", 100.0), "grid.bottom_m"),
                     top_dz_m=_number(grid.get("top_dz_m", 0.02), "grid.top_dz_m"))


def parse_spec(spec):
    """One spec dict -> (layer rows, node depths, simulate keyword arguments, batch key)."""
    if not isinstance(spec, dict):
        raise ValueError("a column spec must be a JSON object")
    rows = parse_layers(spec.get("layers"))
    Layers(*np.array(rows, dtype=float).T[:, None, :])  # validates value ranges, naming the field
    z = parse_grid(spec.get("grid"))
    given = [name for name in FORCINGS if spec.get(name) is not None]
    if len(given) != 1:
        raise ValueError("give exactly one of " + ", ".join(FORCINGS))
    forcing = given[0]
    values = _numbers(spec[forcing], forcing, 12 if forcing == "monthly_air_temperature_c" else None)
    initial = spec.get("initial_temperature_c", "equilibrium")
    if isinstance(initial, list):
        initial = _numbers(initial, "initial_temperature_c", z.size)
    elif initial != "equilibrium":
        initial = _number(initial, "initial_temperature_c")
    spinup = spec.get("spinup_years", 0)
    days = spec.get("days", 365)
    for name, value in (("spinup_years", spinup), ("days", days)):
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "spinup_years" else 1):
            raise ValueError(f"{name} must be a {'non-negative' if name == 'spinup_years' else 'positive'} integer")
    every = spec.get("output_every_days")
    kwargs = {
        FORCINGS[forcing]: values,
        "n_freezing": _bounded(spec.get("n_freezing", 1.0), "n_freezing", NFACTOR),
        "n_thawing": _bounded(spec.get("n_thawing", 1.0), "n_thawing", NFACTOR),
        "geothermal_flux_w_m2": _bounded(spec.get("geothermal_flux_w_m2", 0.06), "geothermal_flux_w_m2", FLUX_W_M2,
                                         "W/m²"),
        "initial": initial,
        "spinup_years": spinup,
        "spinup_tol_c": _number(spec.get("spinup_tol_c", 0.01), "spinup_tol_c"),
        "days": days,
        "dt_days": _number(spec.get("dt_days", DEFAULT_DT_DAYS), "dt_days"),
        "output_depths_m": _numbers(spec.get("output_depths_m", [10.0]), "output_depths_m"),
        "output_every_days": None if every is None else _number(every, "output_every_days"),
    }
    key = json.dumps([z.tolist(), len(rows), forcing, len(values), isinstance(initial, str),
                      {k: v for k, v in kwargs.items()
                       if k not in (FORCINGS[forcing], "n_freezing", "n_thawing", "geothermal_flux_w_m2", "initial")}])
    return rows, z, kwargs, key


def batch_arguments(parsed):
    """Stack parsed specs that share a batch key into (Layers fields, node depths, simulate kwargs)."""
    rows = np.array([p[0] for p in parsed], dtype=float)  # (ncol, nlayer, 8)
    fields = [rows[:, :, i] for i in range(8)]
    first = parsed[0][2]
    kwargs = dict(first)
    for name in ("daily_air_c", "monthly_air_c", "surface_c"):
        if name in first:
            kwargs[name] = np.array([p[2][name] for p in parsed])
    for name in ("n_freezing", "n_thawing", "geothermal_flux_w_m2"):
        kwargs[name] = np.array([p[2][name] for p in parsed])
    if not isinstance(first["initial"], str):
        kwargs["initial"] = np.array([np.broadcast_to(np.asarray(p[2]["initial"], dtype=float), parsed[0][1].shape)
                                      for p in parsed])
    return fields, parsed[0][1], kwargs
