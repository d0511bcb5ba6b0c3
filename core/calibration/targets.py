"""Measured ground temperatures → calibration targets: one per site and depth, averaged over its years."""

import math
from collections import defaultdict
from dataclasses import dataclass

from ..regional.inputs import KELVIN_FLOOR

PLAUSIBLE_C = (-40.0, 40.0)
SAME_SITE_DEG = 1e-4
"""Rows whose coordinates agree to this (degrees) are one location."""
CONFLICT_DEG = 0.01
"""Rows of one named site further apart than this (≈ 1 km) conflict."""


@dataclass(frozen=True)
class Target:
    """Mean measured temperature (°C) of one site at one depth (m) over ``years`` (empty: all years)."""

    site: str
    lon: float
    lat: float
    depth_m: float
    value_c: float
    years: tuple
    rows: int


def _number(row, field, where):
    text = row.get(field)
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: field '{field}' is {text!r}, not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{where}: field '{field}' is not finite")
    return value


def targets_from_rows(rows, lon_field="lon", lat_field="lat", depth_field="depth_m",
                      value_field="mean_annual_temperature_c", year_field=None, site_field=None,
                      bottom_m=None, label="Observations"):
    """Group rows (dicts) into :class:`Target` s; ValueError naming the row and field for bad values.

    Rows of one location (named by ``site_field`` or, without it, by coordinates) and depth are averaged
    over their years. A named site whose rows disagree on coordinates by more than ~1 km is refused.
    """
    if not rows:
        raise ValueError(f"{label}: no rows")
    groups = defaultdict(list)
    coords, names = {}, {}
    for i, row in enumerate(rows, start=1):
        where = f"{label}, row {i}"
        lon, lat = _number(row, lon_field, where), _number(row, lat_field, where)
        if not (-180 <= lon <= 360 and -90 <= lat <= 90):
            raise ValueError(f"{where}: ({lon}, {lat}) is not a WGS84 longitude/latitude in degrees "
                             f"(fields '{lon_field}', '{lat_field}')")
        depth = _number(row, depth_field, where)
        if depth < 0:
            raise ValueError(f"{where}: field '{depth_field}' is {depth}; depths are metres below the surface (≥ 0)")
        if bottom_m is not None and depth > bottom_m:
            raise ValueError(f"{where}: depth {depth} m (field '{depth_field}') is below the model bottom "
                             f"{bottom_m} m")
        value = _number(row, value_field, where)
        if value > KELVIN_FLOOR:
            raise ValueError(f"{where}: field '{value_field}' is {value}, which looks like kelvin; give °C")
        if not PLAUSIBLE_C[0] <= value <= PLAUSIBLE_C[1]:
            raise ValueError(f"{where}: field '{value_field}' is {value} °C, outside the plausible "
                             f"{PLAUSIBLE_C[0]:g} to {PLAUSIBLE_C[1]:g} °C")
        year = None
        if year_field:
            year = int(round(_number(row, year_field, where)))
        name = str(row.get(site_field) or "").strip() if site_field else ""
        key = name or f"{round(lon / SAME_SITE_DEG)},{round(lat / SAME_SITE_DEG)}"
        if key in coords:
            lon0, lat0, row0 = coords[key]
            if abs(lon - lon0) > CONFLICT_DEG or abs(lat - lat0) > CONFLICT_DEG:
                raise ValueError(f"{label}: site '{name}' has conflicting coordinates ({lon0}, {lat0}) in row "
                                 f"{row0} and ({lon}, {lat}) in row {i}; give each location its own site name")
        else:
            coords[key] = (lon, lat, i)
            names[key] = name or f"{lon:.4f} E {lat:.4f} N"
        groups[(key, round(depth, 3))].append((value, year))
    targets = []
    for (key, depth), values in groups.items():
        lon, lat, _ = coords[key]
        years = tuple(sorted({y for _, y in values if y is not None}))
        targets.append(Target(names[key], lon, lat, depth, sum(v for v, _ in values) / len(values), years, len(values)))
    return sorted(targets, key=lambda t: (t.site, t.depth_m))


def check_fields(fields, wanted, label="Observations"):
    """ValueError naming each wanted field (name → role) missing from ``fields``."""
    missing = [f"'{name}' ({role})" for role, name in wanted.items() if name and name not in fields]
    if missing:
        raise ValueError(f"{label}: no field {', '.join(missing)}; fields are {', '.join(fields)}")
