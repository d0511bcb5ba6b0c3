"""Replacing an output removes the old file's companions (.aux.xml statistics, .ovr overviews, .qml style)."""

import os

import numpy as np
from osgeo import gdal

from core.atomic import write_text
from core.raster_io import Grid, write_raster

GRID = Grid.from_extent(122.0, 52.0, 123.0, 53.0, 0.1)
FAKE_AUX = """<PAMDataset><PAMRasterBand band="1"><Metadata>
<MDI key="STATISTICS_MINIMUM">-1.79</MDI><MDI key="STATISTICS_MAXIMUM">-1.2</MDI>
<MDI key="STATISTICS_MEAN">-1.51</MDI><MDI key="STATISTICS_STDDEV">0.1</MDI>
</Metadata></PAMRasterBand></PAMDataset>"""


def stats_without_computing(path):
    ds = gdal.Open(path)  # kept referenced while its band is used
    return ds.GetRasterBand(1).GetStatistics(False, False)


def test_rewritten_raster_drops_stale_statistics_overviews_and_style(tmp_path):
    path = str(tmp_path / "magt.tif")
    write_raster(path, np.full((GRID.rows, GRID.cols), -1.5), GRID)
    (tmp_path / "magt.tif.aux.xml").write_text(FAKE_AUX)  # as QGIS leaves it after showing the layer
    (tmp_path / "magt.tif.ovr").write_bytes(b"old overviews")
    (tmp_path / "magt.qml").write_text("<qgis>old ramp</qgis>")
    assert stats_without_computing(path)[2] == -1.51  # GDAL reports the companion's numbers

    write_raster(path, np.full((GRID.rows, GRID.cols), 14.0), GRID)
    assert not os.path.exists(path + ".ovr") and not (tmp_path / "magt.qml").exists()
    stats = stats_without_computing(path)
    assert stats is None or stats[3] < 0 or stats[2] == 14.0  # no statistics stored, or those of the new data
    ds = gdal.Open(path)
    assert ds.GetRasterBand(1).ComputeStatistics(False)[2] == 14.0
    ds = None
    aux = tmp_path / "magt.tif.aux.xml"
    assert not aux.exists() or "-1.51" not in aux.read_text()


def test_text_outputs_keep_unrelated_files(tmp_path):
    (tmp_path / "report.qml").write_text("<qgis/>")  # not a companion of an HTML page
    write_text(str(tmp_path / "report.html"), "<p>one</p>")
    write_text(str(tmp_path / "report.html"), "<p>two</p>")
    assert (tmp_path / "report.qml").exists() and (tmp_path / "report.html").read_text() == "<p>two</p>"
