"""Land cover → freezing and thawing n-factors through a class lookup table.

The default table ``resources/tables/nfactors_igbp.csv`` covers the MODIS IGBP classes 0–16 with
representative values from the literature cited in it (water has empty n-factors → NoData, so the
model skips it); ``nfactors_esacci.csv`` maps the ESA CCI LC classes to the same values. Users may give their own CSV with columns ``class,n_freezing,n_thawing`` (other
columns ignored), e.g. for ESA CCI LC classes.
"""

import csv
import os
from contextlib import ExitStack

import numpy as np

from .. import schema
from ..checks import NFACTOR
from .strips import strip_output, strips
from .warp import Aligner

TABLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "resources",
                      "tables")
DEFAULT_TABLE = os.path.join(TABLES, "nfactors_igbp.csv")
ESA_CCI_TABLE = os.path.join(TABLES, "nfactors_esacci.csv")
"""ESA CCI Land Cover (and C3S LC) classes 10–220, same literature values mapped from the IGBP table."""
BYTES_PER_PIXEL = 100
"""Working memory per pixel of a row strip of :func:`prepare_nfactors`."""


def _number(text, where):
    text = (text or "").strip()
    if not text:
        return np.nan
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number") from None
    if not NFACTOR[0] <= value <= NFACTOR[1]:
        raise ValueError(f"{where}: n-factor {value} outside the plausible range {NFACTOR[0]:g}–{NFACTOR[1]:g}")
    return value


def read_table(path=DEFAULT_TABLE):
    """{class (int): (n_freezing, n_thawing)} from a CSV; empty n-factors mean NoData."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = {"class", "n_freezing", "n_thawing"} - set(header)
        if missing:
            raise ValueError(f"n-factor table {path}: missing column(s) {', '.join(sorted(missing))}; "
                             "expected class,n_freezing,n_thawing")
        table = {}
        for i, row in enumerate(reader, start=2):
            row = {k.strip().lower(): v for k, v in row.items() if k}
            where = f"n-factor table {path}, line {i}"
            try:
                cls = int(float(row["class"]))
            except ValueError:
                raise ValueError(f"{where}: class {row['class']!r} is not an integer") from None
            table[cls] = (_number(row["n_freezing"], where), _number(row["n_thawing"], where))
    if not table:
        raise ValueError(f"n-factor table {path}: no rows")
    return table


def _unknown_classes(present, table):
    """ValueError naming the classes present in the data but absent from the table."""
    unknown = sorted(set(present) - set(table))
    if unknown:
        raise ValueError(f"Land cover: class(es) {unknown} are not in the n-factor table (classes "
                         f"{sorted(table)})")


def classes_to_nfactors(classes, table):
    """(2, rows, cols) n_freezing, n_thawing from a class array (NaN = NoData) and a table.

    ValueError naming the classes present in the data but absent from the table.
    """
    _unknown_classes(np.unique(classes[np.isfinite(classes)]).astype(int).tolist(), table)
    out = np.full((2,) + classes.shape, np.nan)
    for cls, (nf, nt) in table.items():
        sel = classes == cls
        out[0][sel], out[1][sel] = nf, nt
    return out


def prepare_nfactors(landcover_path, grid, mask, out_path, table=None, resampling="auto", snow=None):
    """Align land cover (categorical) to the grid, look up n-factors and write the 2-band raster, a row strip at
    a time. With ``snow`` (a :class:`snow.Snow`), n_freezing comes from the snow cover wherever its raster
    (aligned with ``resampling``, continuous) has data on a land pixel (``snow`` module).

    Returns {class: pixel count} of the classes on the grid; with ``snow`` the output's metadata gives the
    pixels whose n_freezing came from the snow (``SNOW_PIXELS``) and their mean depth (``SNOW_MEAN_DEPTH_M``).
    """
    table = table if table is not None else read_table()
    counts, fractional, snowy, snow_depth = {}, False, 0, 0.0
    metadata = {"SOURCE": landcover_path}
    if snow is not None:
        metadata.update(SNOW=snow.path, SNOW_QUANTITY=snow.quantity, SNOW_DENSITY_KG_M3=snow.density_kg_m3,
                        SNOW_FREE_NF=snow.snow_free_nf)
    with ExitStack() as stack:
        source = stack.enter_context(Aligner(landcover_path, grid, "Land cover", resampling, categorical=True,
                                             bands=[1]))
        cover = None if snow is None else stack.enter_context(Aligner(snow.path, grid, "Snow", resampling, bands=[1]))
        out = stack.enter_context(strip_output(out_path, grid, 2, list(schema.NFACTOR_BANDS), ["1", "1"],
                                               metadata=metadata))
        for yoff, rows in strips(grid, BYTES_PER_PIXEL):
            classes = source.read(yoff, rows)[0]
            classes[~np.isfinite(mask[yoff:yoff + rows])] = np.nan
            valid = classes[np.isfinite(classes)]
            fractional = fractional or bool(np.any(valid != np.round(valid)))
            for value, count in zip(*np.unique(valid.astype(int), return_counts=True)):
                counts[int(value)] = counts.get(int(value), 0) + int(count)
            if not fractional and set(counts) <= set(table):
                nfactors = classes_to_nfactors(classes, table)
                if cover is not None:
                    depth = snow.depth(cover.read(yoff, rows)[0])
                    given = np.isfinite(depth) & np.isfinite(nfactors[0])
                    nfactors[0][given] = snow.freezing_nfactor(depth[given])
                    snowy += int(given.sum())
                    snow_depth += float(depth[given].sum())
                out.write(nfactors, yoff)
        source.check()
        if cover is not None:
            cover.check()
        if not counts:
            raise ValueError("Land cover: no valid class inside the model-grid region")
        if fractional:
            raise ValueError("Land cover: values are not integer classes; expected a categorical raster")
        _unknown_classes(counts, table)
        if snow is not None:
            if not snowy:
                raise ValueError("Snow: no value on the land pixels of the model grid (NoData or outside the raster)")
            out.set_metadata("SNOW_PIXELS", snowy)
            out.set_metadata("SNOW_MEAN_DEPTH_M", f"{snow_depth / snowy:.3f}")
    return dict(sorted(counts.items()))
