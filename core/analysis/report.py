"""Single-file HTML reports: tables and matplotlib figures embedded as base64 PNG (Agg, no pyplot)."""

import base64
import html
import io
import math

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..atomic import write_text

STYLE = ("body{font-family:sans-serif;margin:1.5em;max-width:75em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
         "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:right}th{background:#eee}"
         "td.t,th.t{text-align:left}.ok{color:#1a7f37;font-weight:bold}.bad{color:#b2182b;font-weight:bold}")


def new_figure(width_in=8.0, height_in=4.0):
    """A matplotlib Figure drawn with the Agg canvas (safe in worker threads, no GUI)."""
    fig = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(fig)
    return fig


CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei",
             "PingFang SC")


def font_families():
    """DejaVu Sans, then the installed CJK fonts: matplotlib falls back to them for Chinese glyphs."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans"] + [name for name in CJK_FONTS if name in installed]


def figure_html(fig, alt):
    """An <img> tag holding the figure as a base64 PNG (Chinese labels and route names drawn with a CJK font)."""
    families = font_families()
    for text in fig.findobj(Text):
        text.set_fontfamily(families)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/>'


def fmt(value, digits=2):
    """Number as text; NaN/None as an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return html.escape(str(value))


def table(headers, rows, text_columns=(0,)):
    """An HTML table; columns in ``text_columns`` are left-aligned text, the others numbers."""
    def cell(tag, i, v):
        cls = ' class="t"' if i in text_columns else ""
        return f"<{tag}{cls}>{v if tag == 'th' else fmt(v)}</{tag}>"
    head = "".join(cell("th", i, html.escape(h)) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def page(title, body):
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n")


def write_page(path, title, body):
    """Write the report atomically (temporary file beside it, then rename)."""
    return write_text(path, page(title, body))
