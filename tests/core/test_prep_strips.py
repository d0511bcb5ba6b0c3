"""Preparation tools in row strips: cutting the grid into strips (a partial one last) changes no output."""

import os

import numpy as np
import pytest
from osgeo import gdal, osr

from core.prep import climate_rasters as cr
from core.prep import landcover
from core.prep import soil_rasters as sr
from core.prep import stations as st
from core.prep import strips, warp
from core.prep.grid import grid_from_extent
from core.raster_io import Grid, band_info, read_raster
from prep_fixtures import DEMO_DATA, IGH, geotiff, igh_geotransform

STATIONS_CSV = os.path.join(DEMO_DATA, "stations_wc14_cru_chelsa_ne_china.csv")
DEM = os.path.join(DEMO_DATA, "dem_itu_p1511_1-12deg.tif")
HWSD = os.path.join(DEMO_DATA, "hwsd_topsoil_{}_0p05.tif")
MODIS = os.path.join(DEMO_DATA, "mcd12c1_2019_igbp_0p05.tif")
GT = (120.0, 0.5, 0, 54.0, 0, -0.5)  # 0.5° source grid, 120–125 E, 49–54 N


def holed(mask):
    """The mask with a few pixels outside the region."""
    mask = mask.copy()
    mask[1, 2] = mask[-1, :3] = np.nan
    return mask


def one_strip_and_strips_of_two(monkeypatch, tmp_path, grid, bytes_per_pixel, run):
    """Outputs of ``run(out_path)`` in one strip and in strips of 2 rows (the grid has an odd number of rows,
    so the last strip is shorter)."""
    assert [rows for _, rows in strips.strips(grid, bytes_per_pixel)] == [grid.rows]
    one = run(str(tmp_path / "one.tif"))
    monkeypatch.setattr(strips, "STRIP_BYTES", 3 * bytes_per_pixel * grid.cols)  # 3 rows fit: 2 (a power of 2)
    cut = [rows for _, rows in strips.strips(grid, bytes_per_pixel)]
    assert len(cut) >= 4 and set(cut[:-1]) == {2} and cut[-1] == 1
    many = run(str(tmp_path / "many.tif"))
    return one, many


def assert_same_raster(a, b, rtol=0.0):
    """Same NoData, values (to ``rtol``: the last bit of a Float32 may flip), band names, units and metadata."""
    da, db = read_raster(a), read_raster(b)
    assert np.array_equal(np.isnan(da), np.isnan(db)) and np.isfinite(da).any()
    np.testing.assert_allclose(da, db, rtol=rtol, atol=0)
    assert band_info(a) == band_info(b)
    assert gdal.Open(a).GetMetadata() == gdal.Open(b).GetMetadata()


def test_station_climate_in_strips(monkeypatch, tmp_path):
    stations = st.read_station_csv(STATIONS_CSV, "wc14_tmean_")
    g, mask = grid_from_extent(122.0, 52.6, 123.0, 53.5, res=1 / 12)

    def run(out):
        report = out + ".html"
        st.prepare_station_climate(stations, DEM, g, holed(mask), out, report_path=report)
        return out, open(report, encoding="utf-8").read()

    (one, report_one), (many, report_many) = one_strip_and_strips_of_two(monkeypatch, tmp_path, g,
                                                                           st.BYTES_PER_PIXEL, run)
    assert_same_raster(one, many, rtol=1e-6)
    assert report_one == report_many and np.isnan(read_raster(many)[:, 1, 2]).all()


def monthly_files(folder, values):
    """12 single-band month files of ``values(month)`` on the 0.5° source grid."""
    os.makedirs(folder, exist_ok=True)
    return [(geotiff(os.path.join(folder, f"t_{m:02d}.tif"), values(m), GT, nodata=-9999.0), 1)
            for m in range(1, 13)]


@pytest.mark.parametrize("kelvin", [False, True])
def test_climate_rasters_in_strips(monkeypatch, tmp_path, kelvin):
    rng = np.random.default_rng(1)
    sources = monthly_files(str(tmp_path / "src"),
                            lambda m: m - 20 + rng.normal(0, 3, (10, 10)) + (273.15 if kelvin else 0))
    g, mask = grid_from_extent(120.6, 49.6, 124.0, 53.4, res=0.2)
    infos = []

    def run(out):
        infos.append(cr.prepare_climate(sources, g, holed(mask), out))
        return out

    one, many = one_strip_and_strips_of_two(monkeypatch, tmp_path, g, cr.BYTES_PER_PIXEL, run)
    assert_same_raster(one, many, rtol=1e-6)
    assert infos[0] == infos[1] and infos[0]["unit"] == ("K" if kelvin else "degC")
    assert gdal.Open(many).GetMetadataItem("SOURCE_UNIT") == infos[0]["unit"]


def test_climate_unit_decided_on_the_whole_grid_not_a_strip(monkeypatch, tmp_path):
    """Kelvin-like rows in the north and °C-like rows in the south are refused in strips as in one piece."""
    north = (np.arange(10) < 5)[:, None]
    sources = monthly_files(str(tmp_path / "src"), lambda m: np.where(north, 260.0, -10.0) + np.zeros((10, 10)))
    g, mask = grid_from_extent(120.6, 49.6, 124.0, 53.4, res=0.2)
    messages = []

    def run(out):
        with pytest.raises(ValueError, match="neither °C") as err:
            cr.prepare_climate(sources, g, mask, out)
        messages.append(str(err.value))
        assert not os.path.exists(out)
        return out

    one_strip_and_strips_of_two(monkeypatch, tmp_path, g, cr.BYTES_PER_PIXEL, run)
    assert messages[0] == messages[1] and "-10.0…260.0" in messages[0]


def test_hwsd_soil_with_organic_raster_in_strips(monkeypatch, tmp_path):
    g, mask = grid_from_extent(122.0, 52.45, 123.0, 53.0, res=0.05)
    paths = [HWSD.format(k) for k in ("sand", "silt", "clay", "oc")]
    thick = np.random.default_rng(2).uniform(0.0, 0.6, (g.rows, g.cols))
    organic = geotiff(str(tmp_path / "org.tif"), thick, g.geotransform)
    counts = []

    def run(out):
        counts.append(sr.prepare_hwsd_soil(*paths, g, holed(mask), out, soil_depth_m=1.5, organic_thickness=organic))
        return out

    one, many = one_strip_and_strips_of_two(monkeypatch, tmp_path, g, sr.HWSD_BYTES_PER_PIXEL, run)
    assert_same_raster(one, many)
    assert counts[0] == counts[1] > 0
    tops = [float(t) for t in gdal.Open(many).GetMetadataItem("LAYER_TOPS_M").split(",")]
    median = float(np.median(np.maximum(thick, 0.01)))
    assert tops == pytest.approx([0.0, median, median + 0.3, median + 1.5], abs=1e-5)


def test_soilgrids_soil_in_strips(monkeypatch, tmp_path):
    rng = np.random.default_rng(3)
    gt = igh_geotransform(122.0, 51.0)
    folder = tmp_path / "sg"
    folder.mkdir()
    typical = {"sand": 400, "silt": 400, "clay": 200, "bdod": 140, "soc": 100}
    for prop, value in typical.items():
        for depth in sr.SOILGRIDS_DEPTHS:
            a = np.round(value * rng.uniform(0.7, 1.3, (40, 40))).astype(np.int16)
            geotiff(str(folder / f"{prop}_{depth}_mean.tif"), a, gt, crs=IGH, dtype=gdal.GDT_Int16, nodata=-32768)
    g, mask = grid_from_extent(121.97, 50.93, 122.06, 50.985, res=0.005)
    counts = []

    def run(out):
        counts.append(sr.prepare_soilgrids_soil(str(folder), g, holed(mask), out))
        return out

    one, many = one_strip_and_strips_of_two(monkeypatch, tmp_path, g, sr.SOILGRIDS_BYTES_PER_PIXEL, run)
    assert_same_raster(one, many, rtol=1e-6)
    assert counts[0] == counts[1] > 0.9 * np.isfinite(holed(mask)).sum()


def test_median_check_counts_like_the_median_of_all_values():
    rng = np.random.default_rng(4)
    for centre in (10.0, 95.0, 100.0, 130.0, 1000.0):
        values = centre * rng.lognormal(0, 0.3, 5001)
        check = strips.MedianCheck(80.0, 120.0)
        for part in np.array_split(values, 7):
            check.add(np.concatenate([part, [np.nan]]))
        median = np.median(values)
        assert check.count == values.size
        assert check.outside == (abs(median - 100.0) > 20.0)
        assert check.median == pytest.approx(median, rel=1e-3)


def test_nfactors_in_strips(monkeypatch, tmp_path):
    g, mask = grid_from_extent(122.0, 52.45, 123.0, 53.0, res=0.05)
    counts = []

    def run(out):
        counts.append(landcover.prepare_nfactors(MODIS, g, holed(mask), out))
        return out

    one, many = one_strip_and_strips_of_two(monkeypatch, tmp_path, g, landcover.BYTES_PER_PIXEL, run)
    assert_same_raster(one, many)
    assert counts[0] == counts[1] and len(counts[0]) > 1


def test_unknown_land_cover_classes_are_named_from_every_strip(monkeypatch, tmp_path):
    classes = np.full((11, 10), 1.0)
    classes[0, 0], classes[-1, -1] = 40.0, 41.0  # in the first and in the last strip
    source = geotiff(str(tmp_path / "lc.tif"), classes, (121, 0.1, 0, 51, 0, -0.1))
    g, mask = grid_from_extent(121, 49.9, 122, 51, res=0.1)
    monkeypatch.setattr(strips, "STRIP_BYTES", 2 * landcover.BYTES_PER_PIXEL * g.cols)
    with pytest.raises(ValueError, match=r"class\(es\) \[40, 41\] are not in the n-factor table"):
        landcover.prepare_nfactors(source, g, mask, str(tmp_path / "nf.tif"))
    assert not os.path.exists(tmp_path / "nf.tif")


def test_aligned_raster_in_strips(monkeypatch, tmp_path):
    rng = np.random.default_rng(5)
    source = geotiff(str(tmp_path / "src.tif"), rng.normal(0, 1, (3, 10, 10)), GT, descriptions=["a", "b", "c"])
    g, mask = grid_from_extent(120.6, 49.6, 124.0, 53.4, res=0.2)

    def run(out):
        assert warp.align_to_file(source, g, holed(mask), out, "Input raster") == (out, "bilinear")
        return out

    one, many = one_strip_and_strips_of_two(monkeypatch, tmp_path, g, 3 * warp.BYTES_PER_BAND_PIXEL, run)
    assert_same_raster(one, many, rtol=1e-6)
    assert band_info(many)[0] == ["a", "b", "c"]


def test_downsampling_bilinear_kernel_does_not_depend_on_the_strip():
    """A source a little finer than the grid, in another CRS: GDAL would scale the kernel from each strip's own
    source window (which rounding makes much larger than the strip for a strip of 2 rows)."""
    rng = np.random.default_rng(6)
    src = gdal.GetDriverByName("MEM").Create("", 120, 120, 1, gdal.GDT_Float64)
    src.SetGeoTransform((13_480_000.0, 3000.0, 0, 6_750_000.0, 0, -3000.0))  # Web Mercator, 3 km
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3857)
    src.SetProjection(srs.ExportToWkt())
    src.GetRasterBand(1).WriteArray(rng.normal(0, 1, (120, 120)))
    g, _ = grid_from_extent(121.3, 50.5, 123.0, 51.5, res=0.05)
    with warp.Aligner(src, g, "x", "bilinear") as source:
        whole = source.read()[0]
        cut = np.concatenate([source.read(y, min(2, g.rows - y))[0] for y in range(0, g.rows, 2)])
    assert np.isfinite(whole).all()
    np.testing.assert_allclose(cut, whole, rtol=0, atol=1e-9)


def test_strips_follow_the_budget_and_the_tiles():
    for cols, bytes_per_pixel in ((5000, 400), (500, 400), (300, 1500), (200_000, 2000)):
        g = Grid((0.0, 1.0, 0.0, 0.0, 0.0, -1.0), cols, 10_000, "")
        cut = list(strips.strips(g, bytes_per_pixel))
        step = cut[0][1]
        assert sum(rows for _, rows in cut) == g.rows and all(y == i * step for i, (y, _) in enumerate(cut))
        assert step == 1 or step * cols * bytes_per_pixel <= strips.STRIP_BYTES
        assert step % strips.TILE_ROWS == 0 or strips.TILE_ROWS % step == 0
        assert 2 * step * cols * bytes_per_pixel > strips.STRIP_BYTES or step % strips.TILE_ROWS  # not needlessly small


def test_gdal_cache_cap_is_restored_after_nested_and_concurrent_uses():
    """A long tool caps GDAL's process-wide block cache and gives the user's limit back, even when two tools
    overlap in threads (QGIS runs algorithms in background threads) and end in the other order."""
    import threading

    from core.raster_io import capped_gdal_cache

    before = gdal.GetCacheMax()
    try:
        gdal.SetCacheMax(512 * 2 ** 20)
        entered, release = threading.Event(), threading.Event()

        def other_tool():
            with capped_gdal_cache(64 * 2 ** 20):
                entered.set()
                release.wait(10)

        with capped_gdal_cache(128 * 2 ** 20):
            assert gdal.GetCacheMax() == 128 * 2 ** 20
            thread = threading.Thread(target=other_tool)
            thread.start()
            assert entered.wait(10)
            assert gdal.GetCacheMax() == 64 * 2 ** 20  # the lower cap wins
            with capped_gdal_cache(1024 * 2 ** 20):  # a cap never raises the limit
                assert gdal.GetCacheMax() == 64 * 2 ** 20
        assert gdal.GetCacheMax() == 64 * 2 ** 20  # the other tool still runs
        release.set()
        thread.join(10)
        assert gdal.GetCacheMax() == 512 * 2 ** 20
    finally:
        gdal.SetCacheMax(before)
