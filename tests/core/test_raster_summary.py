"""band_summary: statistics of a band read in row blocks equal those of the whole array."""

import numpy as np

from core.raster_io import Grid, band_summary, write_raster


def test_band_summary_in_blocks_equals_whole_array_and_skips_nodata(tmp_path):
    rng = np.random.default_rng(3)
    data = rng.normal(-0.5, 2.0, (37, 11))
    data[5, :] = np.nan
    data[20:23, 4] = np.nan
    path = str(tmp_path / "magt.tif")
    write_raster(path, data[None], Grid.from_extent(120, 50, 121.1, 53.7, 0.1))
    stored = data.astype(np.float32).astype(np.float64)
    valid = stored[np.isfinite(stored)]
    for rows in (1, 4, 100):
        s = band_summary(path, rows_per_block=rows)
        assert s["count"] == valid.size == 37 * 11 - 11 - 3
        assert s["below_zero"] == int((valid < 0).sum())
        np.testing.assert_allclose([s["min"], s["mean"], s["max"]], [valid.min(), valid.mean(), valid.max()],
                                   rtol=1e-12)


def test_band_summary_of_an_empty_band_has_no_statistics(tmp_path):
    path = str(tmp_path / "empty.tif")
    write_raster(path, np.full((1, 3, 4), np.nan), Grid.from_extent(120, 50, 120.4, 50.3, 0.1))
    s = band_summary(path)
    assert s["count"] == 0 and np.isnan(s["mean"])
