"""Single-column explorer: same number as the regional run at that pixel, report with plots, daily CSV."""

import csv
import os
import sys

import pytest
from qgis.core import QgsProcessingException

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from regional_fixtures import write_inputs  # noqa: E402

from permafrost_magt.core.raster_io import read_raster  # noqa: E402

SETTINGS = {"FIRST_YEAR": 2010, "LAST_YEAR": 2011, "DT_DAYS": 5.0, "BOTTOM_M": 30.0}


@pytest.fixture
def prepared(tmp_path):
    paths, _ = write_inputs(tmp_path)
    return {"CLIMATE": paths["climate"], "SOIL": paths["soil"], "NFACTORS": paths["nfactors"], **SETTINGS}


def test_column_matches_regional_run_and_writes_report(run_alg, prepared, tmp_path):
    regional = run_alg("simulate", {**prepared, "WORKERS": 1, "OUTPUT_MAGT": str(tmp_path / "magt.tif")})
    magt = read_raster(regional["OUTPUT_MAGT"])[0]
    # pixel (row 1, col 2) of the 0.05° grid starting at 122.0 E, 53.0 N: centre 122.125 E, 52.925 N
    result = run_alg("column_explorer", {**prepared, "POINT": "122.125,52.925 [EPSG:4326]",
                                         "OUTPUT_REPORT": str(tmp_path / "column.html"),
                                         "OUTPUT_CSV": str(tmp_path / "column.csv")})
    assert result["MAGT_10M"] == pytest.approx(magt[1, 2], abs=1e-4)
    page = open(result["OUTPUT_REPORT"], encoding="utf-8").read()
    assert page.count("data:image/png;base64,") == 3
    assert "Active-layer thickness per year" in page and "n_freezing" in page
    with open(result["OUTPUT_CSV"], newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "day" and "T_10m_C" in rows[0]
    assert len(rows) - 1 == 2 * 73  # two years of 5-day steps


def test_point_on_nodata_or_outside_is_refused(run_alg, prepared, tmp_path):
    with pytest.raises(QgsProcessingException, match="NoData in: climate"):
        run_alg("column_explorer", {**prepared, "POINT": "122.025,52.975 [EPSG:4326]",
                                    "OUTPUT_REPORT": str(tmp_path / "a.html")})
    with pytest.raises(QgsProcessingException, match="outside the input rasters"):
        run_alg("column_explorer", {**prepared, "POINT": "100.0,40.0 [EPSG:4326]",
                                    "OUTPUT_REPORT": str(tmp_path / "b.html")})
    assert not (tmp_path / "a.html").exists() and not (tmp_path / "b.html").exists()
