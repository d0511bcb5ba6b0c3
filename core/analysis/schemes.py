"""Thermal-stability schemes: MAGT intervals (°C) with class codes and names in English and Chinese.

A class holds MAGT values with ``lower <= MAGT < upper``; ``-inf``/``inf`` bound the open ends. Code 0 is
"no permafrost / seasonally frozen ground" (MAGT >= 0 °C) in every built-in scheme.
"""

import math
from dataclasses import dataclass

import numpy as np

INF = math.inf
NO_PERMAFROST_CODE = 0
CLASS_NODATA = -9999
"""NoData of class rasters (Int16)."""


@dataclass(frozen=True)
class StabilityClass:
    lower: float
    upper: float
    code: int
    name_en: str
    name_zh: str = ""
    color: str = ""

    @property
    def label(self):
        """Legend label: English and Chinese name with the MAGT interval in °C."""
        names = f"{self.name_en} {self.name_zh}".strip()
        return f"{names} ({interval_text(self.lower, self.upper)})"


def interval_text(lower, upper):
    """'< −5 °C', '−5 to −3 °C', '≥ 0 °C' (with a real minus sign)."""
    def num(v):
        return f"{v:g}".replace("-", "−")
    if lower == -INF:
        return f"< {num(upper)} °C"
    if upper == INF:
        return f"≥ {num(lower)} °C"
    return f"{num(lower)} to {num(upper)} °C"


NO_PERMAFROST = StabilityClass(0.0, INF, NO_PERMAFROST_CODE, "No permafrost / seasonally frozen", "融区/季节冻土",
                               "#e6550d")

SCHEMES = {
    "zhou2000": (
        StabilityClass(-INF, -5.0, 1, "Extremely stable", "极稳定型", "#08306b"),
        StabilityClass(-5.0, -3.0, 2, "Stable", "稳定型", "#2171b5"),
        StabilityClass(-3.0, -1.5, 3, "Sub-stable", "亚稳定型", "#6baed6"),
        StabilityClass(-1.5, -0.5, 4, "Transitional", "过渡型", "#c6dbef"),
        StabilityClass(-0.5, 0.0, 5, "Unstable", "不稳定型", "#ffd92f"),
        NO_PERMAFROST,
    ),
    "high_temperature": (
        StabilityClass(-INF, -2.0, 1, "Low-temperature permafrost", "低温冻土", "#2171b5"),
        StabilityClass(-2.0, 0.0, 2, "High-temperature permafrost", "高温冻土", "#c6dbef"),
        NO_PERMAFROST,
    ),
    "ran2022": (
        StabilityClass(-INF, -3.0, 1, "Cold permafrost", "冷冻土", "#2171b5"),
        StabilityClass(-3.0, -1.5, 2, "Cool permafrost", "凉冻土", "#6baed6"),
        StabilityClass(-1.5, 0.0, 3, "Warm permafrost", "暖冻土", "#ffd92f"),
        NO_PERMAFROST,
    ),
}
"""Built-in schemes, by id. Sources and caveats are in core/analysis/README_SECTION.md."""

SCHEME_TITLES = {
    "zhou2000": "Thermal stability (Zhou et al. 2000, Geocryology in China)",
    "high_temperature": "High-/low-temperature permafrost (0 to −2 °C / < −2 °C)",
    "ran2022": "Cold / cool / warm permafrost (Ran et al. 2022, ESSD 14:865)",
}


def scheme_classes(scheme):
    """The classes of a scheme given by id, or a sequence of :class:`StabilityClass` checked for consistency."""
    if isinstance(scheme, str):
        if scheme not in SCHEMES:
            raise ValueError(f"unknown stability scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
        return SCHEMES[scheme]
    classes = tuple(scheme)
    check_classes(classes)
    return classes


def check_classes(classes):
    """Raise ValueError unless classes are non-empty, non-overlapping intervals with unique integer codes."""
    if not classes:
        raise ValueError("stability scheme: no classes given")
    codes = [c.code for c in classes]
    if len(set(codes)) != len(codes):
        raise ValueError(f"stability scheme: class codes must be unique, got {codes}")
    for c in classes:
        if not c.lower < c.upper:
            raise ValueError(f"stability scheme: class {c.code} ({c.name_en}) has lower {c.lower} >= upper {c.upper}")
        if not -32768 < c.code < 32767:
            raise ValueError(f"stability scheme: class code {c.code} does not fit a 16-bit raster")
    ordered = sorted(classes, key=lambda c: c.lower)
    for a, b in zip(ordered, ordered[1:]):
        if b.lower < a.upper:
            raise ValueError(f"stability scheme: classes {a.code} ({a.name_en}) and {b.code} ({b.name_en}) overlap")


def classes_from_table(rows):
    """Classes from user rows (lower, upper, code, name[, name_zh]); blank lower/upper mean open-ended.

    A class "no permafrost" (code 0, MAGT >= 0 °C) is added when no row covers 0 °C and code 0 is free.
    """
    classes = []
    for i, row in enumerate(rows, start=1):
        if len(row) < 4:
            raise ValueError(f"stability table row {i}: expected lower, upper, code, name; got {list(row)}")
        try:
            lower = -INF if str(row[0]).strip() == "" else float(row[0])
            upper = INF if str(row[1]).strip() == "" else float(row[1])
            code = int(float(row[2]))
        except ValueError:
            raise ValueError(f"stability table row {i}: lower/upper must be numbers (°C) and code an integer, "
                             f"got {list(row)}") from None
        name_zh = str(row[4]).strip() if len(row) > 4 else ""
        classes.append(StabilityClass(lower, upper, code, str(row[3]).strip() or f"Class {code}", name_zh))
    if classes and not any(c.lower <= 0.0 < c.upper for c in classes) and NO_PERMAFROST_CODE not in \
            {c.code for c in classes} and all(c.upper <= 0.0 for c in classes):
        classes.append(NO_PERMAFROST)
    check_classes(classes)
    return tuple(classes)


def class_colors(classes):
    """A colour per class: the class's own, else from a cold-blue → warm-red ramp by interval midpoint."""
    out = []
    for c in classes:
        if c.color:
            out.append(c.color)
            continue
        lo = c.lower if c.lower != -INF else c.upper - 2.0
        hi = c.upper if c.upper != INF else c.lower + 2.0
        out.append(magt_color((lo + hi) / 2.0))
    return out


RAMP = ((-8.0, (8, 48, 107)), (-3.0, (33, 113, 181)), (-1.0, (158, 202, 225)), (-0.01, (255, 217, 47)),
        (0.5, (253, 174, 107)), (3.0, (203, 24, 29)), (8.0, (103, 0, 13)))
"""Diverging MAGT ramp (°C → RGB): blues below 0 °C, warning yellow just below 0 °C (never white), reds above."""


def magt_color(value):
    """Hex colour of a MAGT value (°C) on :data:`RAMP`, linearly interpolated."""
    stops = RAMP
    if value <= stops[0][0]:
        rgb = stops[0][1]
    elif value >= stops[-1][0]:
        rgb = stops[-1][1]
    else:
        for (v0, c0), (v1, c1) in zip(stops, stops[1:]):
            if v0 <= value <= v1:
                t = (value - v0) / (v1 - v0)
                rgb = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))
                break
    return "#%02x%02x%02x" % rgb


def classify(magt, classes):
    """Class code of every MAGT value (°C, NaN = NoData) as Int16; NoData and uncovered values → CLASS_NODATA."""
    magt = np.asarray(magt, dtype=np.float64)
    out = np.full(magt.shape, CLASS_NODATA, dtype=np.int16)
    for c in classes:
        out[(magt >= c.lower) & (magt < c.upper)] = c.code
    return out


