"""Files a calibration writes: the n-factor table, the organic-layer raster and the per-target residuals."""

import csv
import io

import numpy as np

from ..atomic import write_text
from ..raster_io import Grid, read_raster, write_raster


def _read_prior_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def write_nfactor_table(path, prior_path, result):
    """CSV ``class,name,n_freezing,n_thawing,…`` that 'Land cover to n-factors' reads unchanged.

    Every class of the prior table is kept; calibrated classes get their fitted values, standard errors and
    site count, the others keep the prior. Returns ``path``.
    """
    kinds = [k.name for k in result.kinds]
    header = ["class", "name", "n_freezing", "n_thawing"] + [f"{k}_se" for k in kinds[:2]] + \
        (["organic_m", "organic_m_se"] if "organic_m" in kinds else []) + ["sites", "source"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in _read_prior_rows(prior_path):
        cls = int(float(row["class"]))
        fit = result.classes.get(cls)
        if fit is None:
            values = [row.get("n_freezing", ""), row.get("n_thawing", ""), "", ""]
            extra = ["0", ""] if "organic_m" in kinds else []
            writer.writerow([cls, row.get("name", ""), *values, *extra, 0, "prior: " + row.get("source", "")])
            continue
        values = [f"{v:.3f}" for v in fit.fitted[:2]] + [f"{v:.3f}" for v in fit.se[:2]]
        extra = [f"{fit.fitted[2]:.3f}", f"{fit.se[2]:.3f}"] if "organic_m" in kinds else []
        writer.writerow([cls, row.get("name", ""), *values, *extra, fit.sites,
                         f"calibrated on {fit.sites} site(s), prior {fit.prior[0]:.2f}/{fit.prior[1]:.2f}"])
    return write_text(path, out.getvalue())


def write_organic_raster(path, landcover_path, result):
    """Organic-layer thickness (m) per class over the land-cover grid (0 for classes not calibrated)."""
    classes = read_raster(landcover_path, bands=[1])[0]
    thickness = np.where(np.isfinite(classes), 0.0, np.nan)
    for cls, fit in result.classes.items():
        thickness[classes == cls] = fit.fitted[2]
    return write_raster(path, thickness[None], Grid.of(landcover_path), ["organic_thickness_m"], ["m"],
                        metadata={"SOURCE": "permafrost:calibrate"})


def write_residuals(path, result):
    """CSV with one row per site and depth: observed, model before/after/cross-validated, residuals (°C)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["site", "lon", "lat", "depth_m", "years", "rows", "class", "pixel_distance_km", "observed_c",
                     "model_before_c", "model_after_c", "model_cv_c", "residual_after_c", "residual_cv_c"])
    sites = result.sites
    for i, t in enumerate(result.targets):
        s = result.site_of_target[i]
        years = f"{t.years[0]}-{t.years[-1]}" if t.years else ""
        obs = result.observed[i]
        writer.writerow([t.site, f"{t.lon:.5f}", f"{t.lat:.5f}", f"{t.depth_m:g}", years, t.rows,
                         int(sites.landcover[s]), f"{sites.distance_km[s]:.2f}", f"{obs:.3f}",
                         *(f"{v:.3f}" for v in (result.before[i], result.after[i], result.cv[i],
                                                result.after[i] - obs, result.cv[i] - obs))])
    return write_text(path, out.getvalue())
