"""Route corridors along known MAGT fields, without QGIS."""

import numpy as np
import pytest
from analysis_fixtures import lat_ramp, meridian_arc_km, ramp_grid

from core.analysis.corridor_report import write_corridor_report
from core.analysis.corridors import Route, cut_part, sample_pieces, summarize
from core.analysis.geodesy import inverse
from core.analysis.rasters import Sampler
from core.analysis.schemes import scheme_classes


@pytest.fixture
def field():
    # 0.1° pixels over 120–124 °E, 50–52 °N; MAGT = 5·(51 − y) °C at pixel centres: permafrost north of 51 °N.
    grid = ramp_grid()
    return Sampler(lat_ramp(grid, 51.0, slope=5.0), grid), grid


def test_pieces_are_geodesic_and_sum_to_route_length():
    lon = np.array([120.3, 121.7, 123.2])
    lat = np.array([50.4, 51.6, 50.9])
    pieces = cut_part(lon, lat, 2500.0)
    total = float(np.sum(inverse(lon[:-1], lat[:-1], lon[1:], lat[1:])[0]))
    assert pieces[-1][1] == pytest.approx(total, abs=1e-6)
    for a, b, coords, _, _ in pieces:
        along = float(np.sum(inverse(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[0]))
        assert along == pytest.approx(b - a, abs=1e-4)      # piece ends lie on the geodesic segments
    assert all(b - a == pytest.approx(2500.0) for a, b, *_ in pieces[:-1])


def test_route_crossing_boundary_on_meridian(field):
    magt, grid = field
    route = Route("north-south", [np.array([[121.05, 50.2], [121.05, 51.8]])])
    pieces = sample_pieces([route], magt, spacing_m=100.0, classes=scheme_classes("zhou2000"))
    (s,) = summarize(pieces, ["north-south"], warm_threshold_c=-1.0)
    assert s.length_km == pytest.approx(meridian_arc_km(50.2, 51.8), abs=1e-6)
    assert s.permafrost_km == pytest.approx(meridian_arc_km(51.0, 51.8), abs=0.1)
    # warm (−1 ≤ MAGT < 0): only the pixel row 51.0–51.2 °N has centres at −0.25 and −0.75 °C
    assert s.warm_km == pytest.approx(meridian_arc_km(51.0, 51.2), abs=0.1)
    assert s.coldest[0] == pytest.approx(-3.75) and s.warmest[0] == pytest.approx(3.75)
    assert s.nodata_km == 0.0
    # classes from MAGT: transitional −1.5..−0.5 is 51.1–51.3 °N (centres −0.75, −1.25)
    assert s.class_km[4] == pytest.approx(meridian_arc_km(51.1, 51.3), abs=0.1)


def test_buffer_picks_warm_pixel_beside_route_and_nodata_counts(field):
    magt, grid = field
    magt.data[4, 11] = 2.0                     # the pixel 121.1–121.2 °E, 51.5–51.6 °N, east of the route
    magt.data[2, 10] = np.nan                  # the pixel on the route at 51.7–51.8 °N
    route = [Route("r", [np.array([[121.05, 50.2], [121.05, 51.8]])])]
    plain = summarize(sample_pieces(route, magt, 100.0), ["r"])[0]
    wide = summarize(sample_pieces(route, magt, 100.0, buffer_m=8000.0), ["r"])[0]
    assert plain.nodata_km == pytest.approx(meridian_arc_km(51.7, 51.8), abs=0.1)
    assert plain.permafrost_km == pytest.approx(meridian_arc_km(51.0, 51.7), abs=0.1)
    # 8 km east of 121.05 °E at 51.5 °N is 121.165 °E: the warm pixel is within the buffer, the NoData
    # pixel's neighbours (the buffer reaches them) fill its gap.
    assert wide.permafrost_km == pytest.approx(meridian_arc_km(51.0, 51.8) - meridian_arc_km(51.5, 51.6), abs=0.2)
    assert wide.warmest[0] == pytest.approx(3.75)


def test_bad_spacing_and_report(field, tmp_path):
    magt, grid = field
    with pytest.raises(ValueError, match="spacing"):
        sample_pieces([Route("r", [np.array([[121.0, 50.5], [121.0, 51.5]])])], magt, 0.0)
    routes = [Route("A", [np.array([[121.05, 50.2], [121.05, 51.8]])]),
              Route("B", [np.array([[122.05, 50.2], [122.5, 51.8]])])]
    pieces = sample_pieces(routes, magt, 1000.0, alt=magt)
    sums = summarize(pieces, ["A", "B"])
    path = write_corridor_report(str(tmp_path / "r.html"), pieces, sums, scheme_classes("zhou2000"), -1.0)
    text = open(path, encoding="utf-8").read()
    assert text.count("data:image/png;base64,") == 1 and "<td class=\"t\">B</td>" in text
