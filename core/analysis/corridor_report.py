"""HTML report of route corridors: summary table comparing routes and a longitudinal profile per route."""

import html

import numpy as np

from ..report_text import translator
from .report import figure_html, new_figure, table, write_page


def profile_figure(pieces, summaries, warm_threshold_c, t=str):
    """One panel per route (shared chainage scale): MAGT steps, 0 °C and warm-threshold lines, ALT on a twin axis."""
    fig = new_figure(9.0, 2.6 * len(summaries) + 0.6)
    axes = fig.subplots(len(summaries), 1, sharex=True, squeeze=False)[:, 0]
    for ax, s in zip(axes, summaries):
        mine = [p for p in pieces if p.route == s.name]
        x = np.array([c for p in mine for c in (p.chainage_from_km, p.chainage_to_km)])
        y = np.array([p.magt_c for p in mine for _ in (0, 1)])
        ax.plot(x, y, color="#2166ac", lw=1.5, label="MAGT")
        ax.axhline(0.0, color="#b2182b", lw=1, ls="-", label="0 °C")
        ax.axhline(warm_threshold_c, color="#ef8a62", lw=1, ls="--", label=t("warm threshold {t:g} °C").format(t=warm_threshold_c))
        ax.fill_between(x, y, 0.0, where=y < 0, color="#6baed6", alpha=0.3, interpolate=True)
        ax.set_ylabel(t("MAGT (°C)"))
        ax.set_title(s.name, loc="left", fontsize=10)
        ax.grid(alpha=0.3)
        alt = np.array([p.alt_m for p in mine for _ in (0, 1)])
        if np.isfinite(alt).any():
            ax2 = ax.twinx()
            ax2.plot(x, alt, color="#8c510a", lw=1, label="ALT")
            ax2.set_ylabel(t("ALT (m)"), color="#8c510a")
            ax2.invert_yaxis()
        ax.legend(loc="upper right", fontsize=7)
    axes[-1].set_xlabel(t("Chainage (km)"))
    fig.tight_layout()
    return fig


def write_corridor_report(path, pieces, summaries, classes, warm_threshold_c, settings_text="", locale=None):
    """Write the report; ``locale`` (e.g. "zh_CN") selects the language of its texts (default English)."""
    t = translator(locale)
    names = {c.code: c.label for c in classes or ()}
    codes = sorted({code for s in summaries for code in s.class_km})
    rows = [[s.name, s.length_km, s.permafrost_km, s.warm_km, s.nodata_km, *s.coldest, *s.warmest]
            for s in summaries]
    headers = [t(h) for h in ("Route", "Length (km)", "On permafrost (km)", "Warm permafrost ≥ {t:g} °C (km)",
                              "No data (km)", "Coldest MAGT (°C)", "from (km)", "to (km)", "Warmest MAGT (°C)",
                              "from (km)", "to (km)")]
    headers[3] = headers[3].format(t=warm_threshold_c)
    body = [f"<p>{html.escape(settings_text)}</p>", f"<h2>{t('Routes compared')}</h2>", table(headers, rows)]
    if codes:
        body += [f"<h2>{t('Length per stability class (km)')}</h2>",
                 table([t("Route"), *[names.get(c, str(c)) for c in codes]],
                       [[s.name, *[s.class_km.get(c, 0.0) for c in codes]] for s in summaries])]
    body += [f"<h2>{t('Longitudinal profiles')}</h2>",
             figure_html(profile_figure(pieces, summaries, warm_threshold_c, t), t("MAGT profiles along the routes"))]
    return write_page(path, t("Route corridor permafrost report"), "\n".join(body))
