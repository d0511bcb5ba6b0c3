"""Damaged files, outputs that cannot be written, oversized grids and ambiguous cases give clear
ValueErrors (never a traceback of another type) that name the file and what is wrong."""

import os
import tempfile

import numpy as np
import pytest
from prep_fixtures import geotiff
from regional_fixtures import GRID, write_inputs

from core import schema
from core.analysis.corridors import Route, sample_pieces
from core.analysis.rasters import Sampler, load_band
from core.prep import era5, landcover
from core.prep.climate_rasters import monthly_sources, prepare_climate
from core.prep.grid import grid_from_extent
from core.prep.warp import align, align_to_file
from core.raster_io import Grid, read_raster, write_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional.inputs import check_inputs

GT = (120.0, 0.1, 0, 53.0, 0, -0.1)


def can_create_in(folder):
    try:
        fd, path = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.remove(path)
    return True


def truncated_copy(path, out):
    data = open(path, "rb").read()
    open(out, "wb").write(data[: len(data) // 2])
    return str(out)


@pytest.fixture
def big_tif(tmp_path):
    """An uncompressed 12-band GeoTIFF big enough that its header survives a cut in half."""
    rng = np.random.default_rng(1)
    return geotiff(str(tmp_path / "big.tif"), rng.uniform(-20, 20, (12, 60, 60)), GT)


def test_truncated_geotiff_is_named_when_read(tmp_path, big_tif):
    cut = truncated_copy(big_tif, tmp_path / "cut.tif")
    with pytest.raises(ValueError, match=r"cut\.tif: band \d+ cannot be read, the file may be truncated"):
        read_raster(cut)


def test_truncated_climate_and_landcover_in_the_preparation_tools(tmp_path, big_tif):
    cut = truncated_copy(big_tif, tmp_path / "cut.tif")
    g, mask = grid_from_extent(120.5, 48.5, 125.5, 52.5, res=0.1)
    with pytest.raises(ValueError, match=r"Climate month \d\d \(cut\.tif, band \d+\): .*cut\.tif cannot be read"):
        prepare_climate(monthly_sources([cut]), g, mask, str(tmp_path / "c.tif"))
    with pytest.raises(ValueError, match=r"Land cover: .*cut\.tif cannot be read"):
        landcover.prepare_nfactors(cut, g, mask, str(tmp_path / "n.tif"))
    assert sorted(os.listdir(tmp_path)) == ["big.tif", "cut.tif"]


def test_text_file_named_tif_is_not_a_raster(tmp_path):
    fake = tmp_path / "notes.tif"
    fake.write_text("station,lat,lon\n")
    g, mask = grid_from_extent(120.5, 48.5, 125.5, 52.5, res=0.1)
    for call in (lambda: read_raster(str(fake)), lambda: Grid.of(str(fake)), lambda: load_band(str(fake)),
                 lambda: monthly_sources([str(fake)]), lambda: align(str(fake), g, "DEM")):
        with pytest.raises(ValueError, match=r"notes\.tif.*cannot be opened as a raster"):
            call()
    grib = tmp_path / "era5.grib"
    grib.write_text("not GRIB\n")
    with pytest.raises(ValueError, match=r"ERA5-Land: .*era5\.grib"):
        era5.prepare_initial_state(str(grib), g, mask, str(tmp_path / "i.tif"))


def test_source_without_crs_gets_the_plugins_message_first(tmp_path):
    path = geotiff(str(tmp_path / "nocrs.tif"), np.ones((30, 30)), GT, crs=None)
    g, mask = grid_from_extent(120.5, 50.5, 122.5, 52.5, res=0.05)
    with pytest.raises(ValueError, match=r"Input raster: .*nocrs\.tif has no CRS"):
        align_to_file(path, g, mask, str(tmp_path / "o.tif"), "Input raster")
    out, _ = align_to_file(path, g, mask, str(tmp_path / "o.tif"), "Input raster", src_crs="EPSG:4326")
    assert np.isfinite(read_raster(out)).all()


def test_output_under_a_file_or_in_an_unwritable_folder_names_the_output(tmp_path):
    blocker = tmp_path / "results"
    blocker.write_text("a file, not a folder")
    target = blocker / "magt.tif"
    with pytest.raises(ValueError, match=rf"Output {target} cannot be written: {blocker} is a file, not a folder"):
        write_raster(str(target), np.zeros((GRID.rows, GRID.cols)), GRID)
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    folder = next((f for f in (str(locked), "/sys", "/proc/self") if not can_create_in(f)), None)
    if folder is None:
        pytest.skip("no folder that this user cannot write")
    target = os.path.join(folder, "magt.tif")
    with pytest.raises(ValueError) as err:
        write_raster(target, np.zeros((GRID.rows, GRID.cols)), GRID)
    assert f"Output {target} cannot be written: the folder {folder} is not writable" in str(err.value)
    assert ".part" not in str(err.value)


def test_grid_size_is_checked_before_allocating():
    with pytest.raises(ValueError, match=r"1e-06 .* would have 20000000 × 17000000 = 3\.4e\+14 pixels "
                                         r"\(2\.42 PiB for its mask alone\); the limit is 1e\+09 pixels"):
        grid_from_extent(115.0, 38.0, 135.0, 55.0, res=1e-6)


def test_crs_mismatch_with_identical_extents_names_both_crs(tmp_path):
    paths, arrays = write_inputs(tmp_path)
    other = Grid(GRID.geotransform, GRID.cols, GRID.rows, Grid.from_extent(0, 0, 1, 1, 1, "EPSG:4490").crs_wkt)
    soil = write_raster(str(tmp_path / "soil_4490.tif"), arrays["soil"], other)
    with pytest.raises(ValueError) as err:
        check_inputs(RegionInputs(climate=paths["climate"], soil=soil), ModelSettings())
    msg = str(err.value)
    assert "soil_4490.tif" in msg and "another CRS" in msg
    assert "EPSG:4490" in msg and "EPSG:4326" in msg


def test_zero_length_route_is_not_called_outside_the_raster():
    grid = Grid.from_extent(120.0, 50.0, 124.0, 52.0, 0.1)
    magt = Sampler(np.full((grid.rows, grid.cols), -1.0), grid)
    with pytest.raises(ValueError, match=r"Routes: zero length \(dot\)"):
        sample_pieces([Route("dot", [np.array([[121.0, 51.0], [121.0, 51.0]])])], magt, spacing_m=100.0)


def test_layer_error_in_a_raster_run_names_file_band_and_pixel(tmp_path):
    paths, arrays = write_inputs(tmp_path, nodata_pixels=())
    soil = arrays["soil"].copy()
    soil[1, 2, 3] = 0.0  # k_frozen of layer 1
    bad = write_raster(str(tmp_path / "soil0.tif"), soil, GRID, schema.soil_band_names(2))
    with pytest.raises(ValueError) as err:
        run_region(RegionInputs(climate=paths["climate"], soil=bad), ModelSettings(first_year=2010, last_year=2010),
                   {"magt": str(tmp_path / "o.tif")}, log=lambda *_: None)
    msg = str(err.value)
    x0, dx, _, y0, _, dy = GRID.geotransform
    assert "soil0.tif" in msg and "'layer01_k_frozen'" in msg
    assert f"lon {x0 + 3.5 * dx:.5f}, lat {y0 + 2.5 * dy:.5f}" in msg and "0.02…10 W m-1 K-1" in msg
    assert not (tmp_path / "o.tif").exists()
