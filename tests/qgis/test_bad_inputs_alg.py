"""Bad inputs through processing.run: refused with a message naming the input (never a wrong map, a
traceback or a misleading reason), as a user of the toolbox, batch mode or qgis_process sees them."""

import os
import sys

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsProcessingFeedback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from analysis_fixtures import lat_ramp, ramp_grid, write_magt  # noqa: E402
from regional_fixtures import GRID, write_inputs  # noqa: E402
from test_analysis_corridors_alg import write_routes  # noqa: E402

from permafrost_magt.core import schema  # noqa: E402
from permafrost_magt.core.raster_io import read_raster, write_raster  # noqa: E402

SETTINGS = {"FIRST_YEAR": 2010, "LAST_YEAR": 2010, "DT_DAYS": 10.0, "BOTTOM_M": 30.0, "WORKERS": 1}


class Warnings(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, text):  # noqa: N802 (QGIS API name)
        self.warnings.append(text)
        super().pushWarning(text)


@pytest.fixture
def prepared(tmp_path):
    paths, arrays = write_inputs(tmp_path, nodata_pixels=())
    return paths, arrays


def refused(run_alg, name, params, pattern):
    with pytest.raises(QgsProcessingException, match=pattern) as err:
        run_alg(name, params)
    assert "Traceback" not in str(err.value)
    return str(err.value)


def test_simulate_refuses_climate_in_tenths_and_nfactor_minus_one(run_alg, prepared, tmp_path):
    paths, arrays = prepared
    out = tmp_path / "magt.tif"
    tenths = write_raster(str(tmp_path / "c10.tif"), arrays["climate"] * 10, GRID, list(schema.CLIMATE_BANDS))
    refused(run_alg, "simulate", {"CLIMATE": tenths, "SOIL": paths["soil"], **SETTINGS, "OUTPUT_MAGT": str(out)},
            r"Climate \(.*c10\.tif\): band 1 'tair_01'.*outside the plausible range -60…45 °C.*°C×10")
    nf = arrays["nfactors"].copy()
    nf[0] = -1.0
    minus = write_raster(str(tmp_path / "nf.tif"), nf, GRID, list(schema.NFACTOR_BANDS))
    refused(run_alg, "simulate", {"CLIMATE": paths["climate"], "SOIL": paths["soil"], "NFACTORS": minus, **SETTINGS,
                                  "SKIP_WARM_TTOP": 2.0, "OUTPUT_MAGT": str(out)},
            r"n-factors \(.*nf\.tif\): band 1 'n_freezing' has -1 .*0\.05…3")
    assert sorted(os.listdir(tmp_path)) == ["c10.tif", "climate.tif", "nf.tif", "nfactors.tif", "soil.tif"]


def test_simulate_output_under_a_file_names_the_output(run_alg, prepared, tmp_path):
    paths, _ = prepared
    (tmp_path / "results").write_text("not a folder")
    target = tmp_path / "results" / "magt.tif"
    msg = refused(run_alg, "simulate", {"CLIMATE": paths["climate"], "SOIL": paths["soil"], **SETTINGS,
                                        "OUTPUT_MAGT": str(target)}, "is a file, not a folder")
    assert f"Output {target} cannot be written" in msg and ".part" not in msg


def landcover(path, crs_wkt):
    """A 200×200 MODIS-like class raster over the test grid (uncompressed, so a cut keeps its header)."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 200, 200, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((121.9, 0.0015, 0, 53.05, 0, -0.0015))
    if crs_wkt:
        ds.SetProjection(crs_wkt)
    ds.GetRasterBand(1).WriteArray(np.random.default_rng(3).integers(1, 16, (200, 200)).astype(np.uint8))
    ds = None
    return str(path)


def test_truncated_landcover_and_crs_less_input_give_the_plugins_message(run_alg, prepared, tmp_path):
    paths, _ = prepared
    data = (tmp_path / "x").parent.joinpath(os.path.basename(landcover(tmp_path / "lc.tif", GRID.crs_wkt)))
    cut = tmp_path / "lc_cut.tif"
    cut.write_bytes(data.read_bytes()[: data.stat().st_size // 2])
    refused(run_alg, "prepare_nfactors", {"LANDCOVER": str(cut), "TEMPLATE": paths["climate"],
                                          "OUTPUT": str(tmp_path / "n.tif")},
            r"Land cover: .*lc_cut\.tif cannot be read; the file may be truncated")
    nocrs = landcover(tmp_path / "nocrs.tif", None)
    refused(run_alg, "prepare_clip_align", {"INPUT": nocrs, "TEMPLATE": paths["climate"],
                                            "OUTPUT": str(tmp_path / "a.tif")}, r"nocrs\.tif has no CRS")


def test_prepare_grid_too_fine_says_how_big_and_the_limit(run_alg, tmp_path):
    msg = refused(run_alg, "prepare_grid", {"EXTENT": "115,135,38,55 [EPSG:4326]", "RESOLUTION": 1e-6,
                                            "OUTPUT": str(tmp_path / "g.tif")}, "would have 20000000 × 17000000")
    assert "the limit is 1e+09 pixels" in msg and "PiB" in msg


def test_stability_classes_treat_infinite_magt_as_nodata(run_alg, tmp_path):
    grid = ramp_grid()
    magt = lat_ramp(grid, 51.0, slope=5.0).astype(np.float32)
    magt[0, :10] = -np.inf
    path = str(tmp_path / "inf.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, grid.cols, grid.rows, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    ds.GetRasterBand(1).WriteArray(magt)
    ds = None
    res = run_alg("stability_classes", {"INPUT": path, "OUTPUT_RASTER": str(tmp_path / "cls.tif")})
    codes = read_raster(res["OUTPUT_RASTER"])[0]
    assert np.isnan(codes[0, :10]).all() and np.isfinite(codes[0, 10:]).all()


def test_a_borehole_listed_three_times_is_counted_once_with_a_warning(run_alg, tmp_path):
    grid = ramp_grid()
    model = write_magt(tmp_path / "m.tif", lat_ramp(grid, 51.0, slope=5.0), grid)
    csv_path = tmp_path / "b.csv"
    csv_path.write_text("name,lon,lat,magt\n" + "MDS,121.05,51.45,-2.0\n" * 3 + "XK,121.05,50.55,2.0\n",
                        encoding="utf-8")
    feedback = Warnings()
    res = run_alg("borehole_validation", {"CSV": str(csv_path), "MODEL": model, "OUTPUT": "TEMPORARY_OUTPUT",
                                          "OUTPUT_REPORT": "TEMPORARY_OUTPUT"}, feedback=feedback)
    assert res["N"] == 2
    assert any("MDS is listed 3 times" in w and "counted once" in w for w in feedback.warnings)


def test_zero_length_route_is_not_reported_as_no_overlap(run_alg, tmp_path):
    grid = ramp_grid()
    magt = write_magt(tmp_path / "m.tif", lat_ramp(grid, 51.0, slope=5.0), grid)
    routes = write_routes(tmp_path / "r.gpkg", [("dot", [(121.0, 51.0), (121.0, 51.0)])])
    msg = refused(run_alg, "route_corridors", {"ROUTES": routes, "NAME_FIELD": "name", "INPUT": magt,
                                               "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT",
                                               "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT",
                                               "OUTPUT_REPORT": "TEMPORARY_OUTPUT"}, r"zero length \(dot\)")
    assert "overlap" not in msg
