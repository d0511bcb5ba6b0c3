"""Single-column explorer outputs: an HTML report with plots, and a CSV of the profile time series."""

import csv
import os

import numpy as np

from ..analysis.report import figure_html, new_figure, page, table
from ..atomic import atomic_path, write_text
from ..report_text import translator


def _plots(run, series_depths, t=str):
    low, mean, high = run.envelope()
    trumpet = new_figure(5, 6)
    ax = trumpet.add_subplot()
    ax.plot(low, run.depths_m, color="#2166ac", label=t("annual minimum"))
    ax.plot(mean, run.depths_m, color="black", label=t("annual mean"))
    ax.plot(high, run.depths_m, color="#b2182b", label=t("annual maximum"))
    ax.axvline(0.0, color="grey", lw=0.8, ls="--")
    ax.invert_yaxis()
    ax.set(xlabel=t("Temperature (°C)"), ylabel=t("Depth (m)"),
           title=t("Trumpet curve, {year}").format(year=run.years[-1]))
    ax.legend(loc="lower left")

    series = new_figure(8, 4)
    ax = series.add_subplot()
    years = run.years[0] + run.times_days / 365.0
    for d in series_depths:
        i = int(np.argmin(np.abs(run.depths_m - d)))
        ax.plot(years, run.series_c[:, i], lw=0.8, label=f"{run.depths_m[i]:g} m")
    ax.axhline(0.0, color="grey", lw=0.8, ls="--")
    ax.set(xlabel=t("Year"), ylabel=t("Temperature (°C)"), title=t("Ground temperature"))
    ax.legend(ncol=4, fontsize="small")

    alt = new_figure(6, 3)
    ax = alt.add_subplot()
    ax.bar(run.years, run.alt_m, color="#8c510a")
    ax.set(xlabel=t("Year"), ylabel=t("Active-layer thickness (m)"), title=t("Annual maximum thaw depth"))
    return [trumpet, series, alt]


def write_point_report(run, path, series_depths=(0.5, 1.0, 2.0, 5.0, 10.0), locale=None):
    """Write the explorer's HTML report (trumpet envelope, series, ALT per year, inputs used) atomically.

    ``locale`` (e.g. "zh_CN") selects the language of its texts (default English).
    """
    t = translator(locale)
    inputs = table([t("input"), t("value")],
                   [(k, v if isinstance(v, str) else float(v)) for k, v in run.inputs.items()])
    alts = table([t("year"), t("ALT (m)")], [(str(y), float(a)) for y, a in zip(run.years, run.alt_m)])
    images = "".join(f"<p>{figure_html(f, 'plot')}</p>" for f in _plots(run, series_depths, t))
    summary = t("Pixel (column {col}, row {row}) at {lat:.4f}° N, {lon:.4f}° E; years {first}–{last}. MAGT at 10 m "
                "over the period: <b>{magt:.2f} °C</b>; TTOP {ttop:.2f} °C; mean active-layer thickness {alt:.2f} m.")
    body = f"""<p>{summary.format(col=run.pixel[0], row=run.pixel[1], lat=run.lat, lon=run.lon, first=run.years[0],
                                 last=run.years[-1], magt=run.magt_10m_c, ttop=run.ttop_c, alt=run.mean_alt_m)}</p>
{images}
<h2>{t("Active-layer thickness per year")}</h2>{alts}
<h2>{t("Input values used")}</h2>{inputs}"""
    text = page(t("Single-column run"), body)
    return write_text(path, text)


def write_profile_csv(run, path):
    """Write the profile series: one row per time step (daily at dt = 1 d), one column per depth (°C)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["day"] + [f"T_{d:g}m_C" for d in run.depths_m])
            for t, row in zip(run.times_days, run.series_c):
                out.writerow([f"{t:g}"] + [f"{v:.4f}" for v in row])
    return os.path.abspath(path)
