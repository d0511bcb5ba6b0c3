"""HTML report of a borehole validation: statistics, scatter plot with 1:1 line, residuals, unmatched points."""

import html

import numpy as np

from ..report_text import translator
from .report import figure_html, new_figure, table, write_page
from .validation import OK, RMSE_TARGET_C


def scatter_figure(matches, t=str):
    ok = [m for m in matches if m.status == OK]
    fig = new_figure(5.5, 5.5)
    ax = fig.add_subplot(1, 1, 1)
    obs = np.array([m.borehole.observed_c for m in ok])
    model = np.array([m.model_c for m in ok])
    lo = float(min(obs.min(), model.min())) - 0.5 if ok else -3.0
    hi = float(max(obs.max(), model.max())) + 0.5 if ok else 1.0
    ax.plot([lo, hi], [lo, hi], color="#555", lw=1, label="1:1")
    ax.fill_between([lo, hi], [lo - RMSE_TARGET_C, hi - RMSE_TARGET_C], [lo + RMSE_TARGET_C, hi + RMSE_TARGET_C],
                    color="#ccc", alpha=0.4, label=f"±{RMSE_TARGET_C:g} °C")
    ax.scatter(obs, model, s=25, color="#2166ac", edgecolor="k", lw=0.5, zorder=3, label=t("boreholes"))
    ax.axhline(0, color="#b2182b", lw=0.6)
    ax.axvline(0, color="#b2182b", lw=0.6)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xlabel(t("Observed MAGT (°C)"))
    ax.set_ylabel(t("Model MAGT (°C)"))
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def write_validation_report(path, matches, stats, model_text="", locale=None):
    """Write the report; ``locale`` (e.g. "zh_CN") selects the language of its texts (default English)."""
    t = translator(locale)
    meets = stats["n"] > 0 and stats["rmse"] < RMSE_TARGET_C
    claim = ("RMSE {rmse:.2f} °C meets the published product's claim RMSE < {target:g} °C." if meets else
             "RMSE {rmse:.2f} °C does not meet the published product's claim RMSE < {target:g} °C.")
    verdict = (f'<p class="{"ok" if meets else "bad"}">'
               f'{html.escape(t(claim).format(rmse=stats["rmse"], target=RMSE_TARGET_C))}</p>' if stats["n"] else
               f'<p class="bad">{html.escape(t("No borehole could be compared with the model."))}</p>')
    ok = [m for m in matches if m.status == OK]
    rest = [m for m in matches if m.status != OK]
    body = [f"<p>{html.escape(model_text)}</p>", f"<h2>{t('Statistics (model − observed)')}</h2>",
            table(["n", t("Bias (°C)"), "MAE (°C)", "RMSE (°C)", "Pearson r"],
                  [[stats["n"], stats["bias"], stats["mae"], stats["rmse"], stats["r"]]], text_columns=()),
            verdict]
    if ok:
        body += [f"<h2>{t('Observed vs model')}</h2>",
                 figure_html(scatter_figure(matches, t), t("Observed vs model MAGT"))]
    body += [f"<h2>{t('Residuals')}</h2>",
             table([t(h) for h in ("Borehole", "Lon (°)", "Lat (°)", "Depth (m)", "Model depth (m)", "Distance (km)",
                                   "Observed (°C)", "Model (°C)", "Residual (°C)")],
                   [[m.borehole.id, round(m.borehole.lon, 5), round(m.borehole.lat, 5), m.borehole.depth_m,
                     m.model_depth_m, m.distance_km, m.borehole.observed_c, m.model_c, m.residual_c]
                    for m in sorted(ok, key=lambda m: -abs(m.residual_c))])]
    body += [f"<h2>{t('Boreholes not compared ({n})').format(n=len(rest))}</h2>",
             table([t(h) for h in ("Borehole", "Lon (°)", "Lat (°)", "Depth (m)", "Observed (°C)", "Reason")],
                   [[m.borehole.id, round(m.borehole.lon, 5), round(m.borehole.lat, 5), m.borehole.depth_m,
                     m.borehole.observed_c, m.status] for m in rest], text_columns=(0, 5)) if rest else
             f"<p>{t('None: every borehole was compared.')}</p>"]
    return write_page(path, t("Borehole validation of modelled MAGT"), "\n".join(body))
