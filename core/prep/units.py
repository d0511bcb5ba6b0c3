"""Unit detection for air temperature: °C versus kelvin, from metadata and from the value range."""

import numpy as np

KELVIN_FLOOR = 150.0
"""Valid air temperatures above this cannot be °C: the data are kelvin."""

CELSIUS_UNITS = {"degc", "deg_c", "celsius", "°c", "c", "degree_celsius", "degrees_celsius", "degrees c"}
KELVIN_UNITS = {"k", "kelvin", "degk", "deg_k"}


def unit_of(unit_text):
    """'degC', 'K' or None (unknown/empty) from a unit string such as a GDAL band unit or NetCDF ``units``."""
    u = (unit_text or "").strip().lower()
    if u in CELSIUS_UNITS:
        return "degC"
    if u in KELVIN_UNITS:
        return "K"
    return None


def temperature_unit(values, label, declared=None):
    """'degC' or 'K' for an array of air temperatures (NaN = NoData); ValueError if neither fits.

    The declared unit wins when it agrees with the values; values decide when nothing is declared.
    Air temperature in °C lies within −90…+60; in kelvin within 180…335.
    """
    valid = values[np.isfinite(values)]
    if valid.size == 0:
        raise ValueError(f"{label}: holds only NoData over the model grid")
    lo, hi = float(valid.min()), float(valid.max())
    from_values = "K" if lo > KELVIN_FLOOR and hi < 340 else "degC" if lo >= -90 and hi <= 60 else None
    declared = unit_of(declared)
    if from_values is None:
        raise ValueError(f"{label}: values range {lo:.1f}…{hi:.1f}, which is neither °C (−90…60) nor kelvin "
                         "(150…340); unknown unit (missing scale/offset metadata?)")
    if declared and declared != from_values:
        raise ValueError(f"{label}: declared unit {declared} but values range {lo:.1f}…{hi:.1f} look like "
                         f"{from_values}")
    return from_values


def to_celsius(values, label, on_kelvin="convert", declared=None):
    """Air temperature in °C: kelvin input is converted (``on_kelvin='convert'``) or refused ('stop')."""
    unit = temperature_unit(values, label, declared)
    if unit == "degC":
        return values, unit
    if on_kelvin == "stop":
        raise ValueError(f"{label}: values look like kelvin (all valid values > {KELVIN_FLOOR:g}); expected °C. "
                         "Choose 'convert kelvin to °C' to convert")
    return values - 273.15, unit
