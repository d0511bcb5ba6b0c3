"""QGIS layer styles (.qml XML) for the plugin's outputs, written without QGIS.

Raster styles go to a sidecar ``.qml`` beside the raster (``magt.tif`` → ``magt.qml``), which QGIS
applies whenever the layer is opened, also when qgis_process produced it. Vector styles go to a
sidecar ``.qml`` too, also for GeoPackages (a ``layer_styles`` table would make QGIS ask which of the
file's tables to add). Every writer returns the path of the sidecar it wrote.
"""

import os
from xml.sax.saxutils import quoteattr

from .analysis.schemes import INF, class_colors, interval_text, magt_color, scheme_classes
from .atomic import write_text

QGIS_VERSION = "3.22.16-Białowieża"
EXTRA_WARM_BREAKS = (1.0, 3.0)
"""Extra MAGT class breaks above 0 °C (°C) in the MAGT style, so warm ground is graded in reds."""


def sidecar_path(path):
    """The .qml path QGIS looks for beside a file: same folder and basename."""
    return os.path.splitext(path)[0] + ".qml"


def _document(body, categories="Symbology"):
    return (f"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            f"<qgis version={quoteattr(QGIS_VERSION)} styleCategories={quoteattr(categories)}>\n{body}</qgis>\n")


def _rgb(hex_color, alpha=255):
    h = hex_color.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha}"


def _raster_pipe(renderer):
    return (f"  <pipe>\n{renderer}    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
            f"    <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\"/>\n"
            f"    <rasterresampler maxOversampling=\"2\"/>\n  </pipe>\n  <blendMode>0</blendMode>\n")


def _pseudocolor(items, ramp_type, vmin, vmax, band=1):
    """Single-band pseudocolor renderer; ``items`` are (value, hex colour, label)."""
    rows = "".join(f"          <item alpha=\"255\" value={quoteattr(value)} color={quoteattr(color)} "
                   f"label={quoteattr(label)}/>\n" for value, color, label in items)
    return (f"    <rasterrenderer type=\"singlebandpseudocolor\" band=\"{band}\" opacity=\"1\" alphaBand=\"-1\" "
            f"nodataColor=\"\" classificationMin=\"{vmin:g}\" classificationMax=\"{vmax:g}\">\n"
            f"      <rasterTransparency/>\n      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent>"
            f"<statAccuracy>Estimated</statAccuracy><cumulativeCutLower>0.02</cumulativeCutLower>"
            f"<cumulativeCutUpper>0.98</cumulativeCutUpper><stdDevFactor>2</stdDevFactor></minMaxOrigin>\n"
            f"      <rastershader>\n        <colorrampshader colorRampType={quoteattr(ramp_type)} "
            f"classificationMode=\"1\" clip=\"0\" minimumValue=\"{vmin:g}\" maximumValue=\"{vmax:g}\">\n"
            f"{rows}        </colorrampshader>\n      </rastershader>\n    </rasterrenderer>\n")


def magt_qml(scheme="zhou2000", band=1):
    """Discrete MAGT style (°C): one colour per stability class of ``scheme``, reds above 0 °C.

    Breaks are the scheme's class limits plus :data:`EXTRA_WARM_BREAKS`; a pixel takes the colour of
    the first class whose upper limit is at or above its value. Labels name the class and its °C interval.
    """
    classes = sorted(scheme_classes(scheme), key=lambda c: c.lower)
    cold = [c for c in classes if c.upper <= 0.0]
    items = []
    for c, color in zip(cold, class_colors(cold)):
        items.append((f"{c.upper:g}", color, c.label))
    warm = [0.0, *EXTRA_WARM_BREAKS, INF]
    for lo, hi in zip(warm, warm[1:]):
        mid = lo + 0.5 if hi == INF else (lo + hi) / 2.0
        value = "inf" if hi == INF else f"{hi:g}"
        name = "No permafrost, " if lo == 0.0 else ""
        items.append((value, magt_color(max(mid, 0.3)), f"{name}{interval_text(lo, hi)}"))
    lows = [c.upper for c in cold]
    return _document(_raster_pipe(_pseudocolor(items, "DISCRETE", min(lows[0] - 2.0, -6.0), 4.0, band)))


def alt_qml(max_m=8.0, band=1):
    """Interpolated sequential style for active-layer thickness (m), 0 to ``max_m`` m, pale to dark brown.

    The stops are denser at the common 0–3 m (for 8 m: 0, 1, 3, 8 m) so thick thaw layers stay distinguishable.
    """
    stops = ((0.0, "#fff7bc"), (0.125, "#fec44f"), (0.375, "#ec7014"), (1.0, "#662506"))
    items = [(f"{max_m * t:g}", color, f"{max_m * t:g} m") for t, color in stops]
    return _document(_raster_pipe(_pseudocolor(items, "INTERPOLATED", 0.0, max_m, band)))


def _paletted(entries, band=1):
    rows = "".join(f"        <paletteEntry value=\"{value}\" color={quoteattr(color)} alpha=\"255\" "
                   f"label={quoteattr(label)}/>\n" for value, color, label in entries)
    return (f"    <rasterrenderer type=\"paletted\" band=\"{band}\" opacity=\"1\" alphaBand=\"-1\" nodataColor=\"\">\n"
            f"      <rasterTransparency/>\n      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent>"
            f"<statAccuracy>Estimated</statAccuracy><cumulativeCutLower>0.02</cumulativeCutLower>"
            f"<cumulativeCutUpper>0.98</cumulativeCutUpper><stdDevFactor>2</stdDevFactor></minMaxOrigin>\n"
            f"      <colorPalette>\n{rows}      </colorPalette>\n    </rasterrenderer>\n")


def class_qml(scheme="zhou2000", band=1):
    """Paletted style of a stability-class raster: one entry per class code, English + Chinese labels."""
    classes = scheme_classes(scheme)
    entries = [(c.code, color, c.label) for c, color in zip(classes, class_colors(classes))]
    return _document(_raster_pipe(_paletted(entries, band)))


def presence_qml(band=1):
    """Paletted style of a 0/1 permafrost-presence mask."""
    return _document(_raster_pipe(_paletted([(0, "#fdd0a2", "No permafrost (MAGT ≥ 0 °C)"),
                                             (1, "#4292c6", "Permafrost (MAGT < 0 °C)")], band)))


def write_magt_style(raster_path, scheme="zhou2000"):
    """Write the MAGT sidecar style beside ``raster_path``; returns the .qml path."""
    return write_text(sidecar_path(raster_path), magt_qml(scheme))


def write_alt_style(raster_path, max_m=8.0):
    """Write the active-layer-thickness sidecar style (0..``max_m`` m); returns the .qml path."""
    return write_text(sidecar_path(raster_path), alt_qml(max_m))


def write_class_style(raster_path, scheme="zhou2000"):
    """Write the stability-class sidecar style (scheme id or sequence of StabilityClass); returns the .qml path."""
    return write_text(sidecar_path(raster_path), class_qml(scheme))


def write_presence_style(raster_path):
    """Write the 0/1 permafrost-presence sidecar style; returns the .qml path."""
    return write_text(sidecar_path(raster_path), presence_qml())


# ---- vector styles -------------------------------------------------------------------------------------

def _symbol(kind, layer_class, props, name="0"):
    rows = "".join(f"          <prop k={quoteattr(k)} v={quoteattr(str(v))}/>\n" for k, v in props.items())
    return (f"      <symbol type=\"{kind}\" name=\"{name}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
            f"        <layer class=\"{layer_class}\" enabled=\"1\" pass=\"0\" locked=\"0\">\n{rows}"
            f"        </layer>\n      </symbol>\n")


def _line_symbol(color, width_mm, name="0", style="solid"):
    return _symbol("line", "SimpleLine", {"line_color": _rgb(color), "line_width": width_mm,
                                          "line_width_unit": "MM", "line_style": style,
                                          "capstyle": "round", "joinstyle": "round"}, name)


def _fill_symbol(color, outline="#4d4d4d", name="0", alpha=200):
    return _symbol("fill", "SimpleFill", {"color": _rgb(color, alpha), "style": "solid",
                                          "outline_color": _rgb(outline), "outline_width": 0.1,
                                          "outline_width_unit": "MM", "outline_style": "solid"}, name)


def _single(symbol):
    return (f"  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
            f"    <symbols>\n{symbol}    </symbols>\n  </renderer-v2>\n")


def _categorized(field, categories):
    """Categorised renderer; ``categories`` are (value, label, symbol XML built with name = index)."""
    cats = "".join(f"      <category render=\"true\" symbol=\"{i}\" value={quoteattr(str(v))} "
                   f"label={quoteattr(label)}/>\n" for i, (v, label, _) in enumerate(categories))
    symbols = "".join(sym for _, _, sym in categories)
    return (f"  <renderer-v2 type=\"categorizedSymbol\" attr={quoteattr(field)} symbollevels=\"0\" "
            f"enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n{cats}    </categories>\n"
            f"    <symbols>\n{symbols}    </symbols>\n  </renderer-v2>\n")


def _graduated(field, ranges):
    """Graduated renderer; ``ranges`` are (lower, upper, label, symbol XML named by index)."""
    rows = "".join(f"      <range render=\"true\" symbol=\"{i}\" lower=\"{lo:g}\" upper=\"{hi:g}\" "
                   f"label={quoteattr(label)}/>\n" for i, (lo, hi, label, _) in enumerate(ranges))
    symbols = "".join(sym for *_, sym in ranges)
    return (f"  <renderer-v2 type=\"graduatedSymbol\" attr={quoteattr(field)} graduatedMethod=\"GraduatedColor\" "
            f"symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <ranges>\n{rows}    </ranges>\n"
            f"    <symbols>\n{symbols}    </symbols>\n  </renderer-v2>\n")


def boundary_line_qml():
    """The 0 °C MAGT isotherm: a solid dark-red line, 0.6 mm."""
    return _document(_single(_line_symbol("#b2182b", 0.6)))


def extent_polygon_qml():
    """Permafrost-extent polygons: translucent blue fill, thin grey outline."""
    return _document(_single(_fill_symbol("#6baed6", alpha=160)))


def class_polygon_qml(scheme="zhou2000", field="code"):
    """Stability-class polygons categorised on the integer class-code ``field``."""
    classes = scheme_classes(scheme)
    cats = [(c.code, c.label, _fill_symbol(color, name=str(i)))
            for i, (c, color) in enumerate(zip(classes, class_colors(classes)))]
    return _document(_categorized(field, cats))


def magt_line_qml(field="magt_c", scheme="zhou2000", width_mm=1.2):
    """Route segments graduated on MAGT (°C) with the same classes and colours as the MAGT raster style."""
    classes = sorted(scheme_classes(scheme), key=lambda c: c.lower)
    cold = [c for c in classes if c.upper <= 0.0]
    ranges = []
    for i, (c, color) in enumerate(zip(cold, class_colors(cold))):
        lo = c.lower if c.lower != -INF else -1000.0
        ranges.append((lo, c.upper, c.label, _line_symbol(color, width_mm, str(i))))
    ranges.append((0.0, 1000.0, "No permafrost (≥ 0 °C)", _line_symbol("#d6604d", width_mm, str(len(ranges)))))
    return _document(_graduated(field, ranges))


def residual_point_qml(field="residual_c"):
    """Validation points graduated on residual model − observed (°C): blue too cold, red too warm."""
    bins = ((-1000.0, -1.0, "#2166ac", "< −1 °C (model too cold)"), (-1.0, -0.5, "#67a9cf", "−1 to −0.5 °C"),
            (-0.5, 0.5, "#f7f7f7", "−0.5 to 0.5 °C"), (0.5, 1.0, "#ef8a62", "0.5 to 1 °C"),
            (1.0, 1000.0, "#b2182b", "> 1 °C (model too warm)"))
    ranges = [(lo, hi, label, _symbol("marker", "SimpleMarker", {"name": "circle", "color": _rgb(color),
                                                                 "outline_color": "35,35,35,255", "size": 3,
                                                                 "size_unit": "MM"}, str(i)))
              for i, (lo, hi, color, label) in enumerate(bins)]
    return _document(_graduated(field, ranges))


def write_vector_style(path, qml_text):
    """Attach a style to a vector file as a sidecar .qml (QGIS applies it on load); returns the .qml path.

    A GeoPackage gets no ``layer_styles`` table: QGIS would then ask which of its tables to add.
    """
    return write_text(sidecar_path(path), qml_text)

