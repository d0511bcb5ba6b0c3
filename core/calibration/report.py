"""HTML report of a calibration: before/after scatter, statistics, fitted parameters and per-site residuals."""

import html

import numpy as np

from ..analysis.report import figure_html, new_figure, table, write_page
from ..report_text import translator


def scatter_figure(result, t):
    """Observed against model before and after the fit (and cross-validated), with the 1:1 line; ``t`` translates."""
    fig = new_figure(11.0, 4.2)
    obs = result.observed
    panels = [(t("Prior (before)"), result.before, "#b2182b"), (t("Calibrated (after)"), result.after, "#2166ac"),
              (t("Leave-one-site-out"), result.cv, "#1b7837")]
    finite = np.concatenate([obs] + [v[np.isfinite(v)] for _, v, _ in panels])
    lo, hi = float(finite.min()) - 0.5, float(finite.max()) + 0.5
    for i, (title, model, colour) in enumerate(panels, start=1):
        ax = fig.add_subplot(1, 3, i)
        ax.plot([lo, hi], [lo, hi], color="#555", lw=1, label="1:1")
        ok = np.isfinite(model)
        ax.scatter(obs[ok], model[ok], s=14, color=colour, edgecolor="k", lw=0.3, zorder=3)
        ax.axhline(0, color="#999", lw=0.5)
        ax.axvline(0, color="#999", lw=0.5)
        ax.set(xlim=(lo, hi), ylim=(lo, hi), aspect="equal", title=title, xlabel=t("Observed (°C)"))
        if i == 1:
            ax.set_ylabel(t("Model (°C)"))
        ax.grid(alpha=0.3)
    return fig


def _stats_rows(result, t):
    names = {"before": t("Prior parameters"), "after": t("Calibrated"),
             "cv": t("Leave-one-site-out cross-validation")}
    return [[names[k], s["n"], s["bias"], s["rmse"], s["r"]] for k, s in result.stats.items()]


def write_calibration_report(path, result, settings_text="", locale=None):
    """Write the report atomically; ``locale`` (e.g. "zh_CN") selects the language of its texts. Returns ``path``."""
    t = translator(locale)
    kinds = [k.name for k in result.kinds]
    body = [f"<p>{html.escape(settings_text)}</p>"]
    if result.warnings:
        body.append(f"<h2>{t('Warnings')}</h2><ul>" +
                    "".join(f"<li>{html.escape(w)}</li>" for w in result.warnings) + "</ul>")
    cv_note = t("Cross-validation refits each site's class without that site and predicts it; a class with a "
                "single site is then predicted from the prior. It estimates the error at a new site.")
    body += [f"<h2>{t('Statistics over site-depth means (model − observed)')}</h2>",
             table(["", "N", t("Bias (°C)"), "RMSE (°C)", "Pearson r"], _stats_rows(result, t)),
             f"<p>{cv_note}</p>",
             figure_html(scatter_figure(result, t), t("Observed against model before and after calibration")),
             f"<h2>{t('Parameters per land-cover class')}</h2>"]
    head = [t("Class"), t("Sites")] + [t("prior {kind}").format(kind=k) for k in kinds] + \
        [t("fitted {kind}").format(kind=k) for k in kinds] + [t("± {kind} (1 s.e.)").format(kind=k) for k in kinds] + \
        [t("At bound")]
    rows = [[c, f.sites, *f.prior, *f.fitted, *f.se, ", ".join(f.at_bound) or "–"]
            for c, f in sorted(result.classes.items())]
    body.append(table(head, rows, text_columns=(len(head) - 1,)))
    se_note = t("Standard errors from the Gauss–Newton covariance, including the prior; scaled up by the reduced χ² "
                "when the sites scatter more than the stated observation error.")
    body.append(f"<p>{se_note}</p>")
    sites = result.sites
    per_site = []
    for s, name in enumerate(sites.names):
        sel = result.site_of_target == s
        res = lambda v: float(np.mean(v[sel] - result.observed[sel]))  # noqa: E731
        per_site.append([name, round(float(sites.lon[s]), 4), round(float(sites.lat[s]), 4), int(sites.landcover[s]),
                         round(float(sites.distance_km[s]), 2), int(sel.sum()), float(result.observed[sel].mean()),
                         res(result.before), res(result.after), res(result.cv)])
    per_site.sort(key=lambda r: -abs(r[-2]))
    body += [f"<h2>{t('Residuals per site (mean over its depths, model − observed, °C)')}</h2>",
             table([t("Site"), t("Lon"), t("Lat"), t("Class"), t("Pixel distance (km)"), t("Depths"), t("Observed"),
                    t("Before"), t("After"), t("Cross-validated")], per_site)]
    if result.unplaced:
        body += [f"<h2>{t('Sites not used ({n})').format(n=len(result.unplaced))}</h2>",
                 table([t("Site"), t("Lon"), t("Lat"), t("Reason")],
                       [[u.name, round(u.lon, 4), round(u.lat, 4), u.reason] for u in result.unplaced],
                       text_columns=(0, 3))]
    return write_page(path, t("Calibration of surface parameters against measured ground temperatures"),
                      "\n".join(body))
