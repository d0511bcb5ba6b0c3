"""Implausible input values (unit mistakes) are refused before any output is renamed into place,
naming the input, the file, the band, the pixel and the allowed range."""

import os

import numpy as np
import pytest
from regional_fixtures import GRID, write_inputs

from core import schema
from core.raster_io import Grid, write_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional.inputs import check_inputs

ONE_YEAR = dict(first_year=2010, last_year=2010, dt_days=10.0, bottom_m=30.0, top_dz_m=0.05)


def run(tmp_path, inputs, **settings):
    out = tmp_path / "out"
    outputs = {"magt": str(out / "magt.tif"), "alt": str(out / "alt.tif")}
    try:
        return run_region(inputs, ModelSettings(**{**ONE_YEAR, **settings}), outputs, log=lambda *_: None)
    finally:
        # nothing may be left behind: neither the outputs nor their temporary files
        assert not out.exists() or os.listdir(out) == [] or all(os.path.exists(p) for p in outputs.values())


def write_like(tmp_path, name, array, descriptions):
    return write_raster(str(tmp_path / name), array, GRID, descriptions)


@pytest.fixture
def prepared(tmp_path):
    paths, arrays = write_inputs(tmp_path, nodata_pixels=())
    return paths, arrays


def refused(tmp_path, inputs, pattern, **settings):
    with pytest.raises(ValueError, match=pattern) as err:
        run(tmp_path, inputs, **settings)
    assert not (tmp_path / "out" / "magt.tif").exists()
    return str(err.value)


def test_climate_in_tenths_of_degree_is_refused(tmp_path, prepared):
    paths, arrays = prepared
    tenths = write_like(tmp_path, "climate10.tif", arrays["climate"] * 10, list(schema.CLIMATE_BANDS))
    msg = refused(tmp_path, RegionInputs(climate=tenths, soil=paths["soil"]), r"Climate \(.*climate10\.tif\)")
    assert "tair_01" in msg and "-60…45 °C" in msg and "°C×10" in msg and "lon 122.0" in msg


@pytest.mark.parametrize("n", [-1.0, 5.0])
@pytest.mark.parametrize("skip_warm", [None, 2.0])
def test_nfactor_raster_out_of_range_is_refused_also_with_the_warm_shortcut(tmp_path, prepared, n, skip_warm):
    paths, arrays = prepared
    nf = arrays["nfactors"].copy()
    nf[1] = n
    bad = write_like(tmp_path, "nf_bad.tif", nf, list(schema.NFACTOR_BANDS))
    msg = refused(tmp_path, RegionInputs(climate=paths["climate"], soil=paths["soil"], nfactors=bad),
                  r"n-factors \(.*nf_bad\.tif\): band 2 'n_thawing'", skip_warm_ttop_c=skip_warm)
    assert "0.05…3" in msg


@pytest.mark.parametrize("flux", [-0.5, 100.0])
def test_geothermal_raster_outside_the_constant_parameters_limits_is_refused(tmp_path, prepared, flux):
    paths, _ = prepared
    q = write_like(tmp_path, "flux.tif", np.full((1, GRID.rows, GRID.cols), flux), ["geothermal_flux"])
    msg = refused(tmp_path, RegionInputs(climate=paths["climate"], soil=paths["soil"], geothermal=q),
                  r"Geothermal heat flux \(.*flux\.tif\)")
    assert "0…1 W/m²" in msg


@pytest.mark.parametrize("field, factor, hint", [("c_frozen", 1e-6, "MJ"), ("c_thawed", 1e-6, "MJ"),
                                                  ("k_thawed", 1000.0, ""), ("water_content", 100.0, "percent"),
                                                  ("k_frozen", 0.0, ""), ("unfrozen_b", 0.0, "")])
def test_soil_bands_out_of_physical_range_are_named_with_layer_band_and_pixel(tmp_path, prepared, field, factor,
                                                                              hint):
    paths, arrays = prepared
    soil = arrays["soil"].copy()
    index = [f for f, _ in schema.SOIL_FIELDS].index(field)
    soil[index, 1, 2] *= factor
    bad = write_like(tmp_path, "soil_bad.tif", soil, schema.soil_band_names(2))
    msg = refused(tmp_path, RegionInputs(climate=paths["climate"], soil=bad),
                  rf"Soil thermal properties \(.*soil_bad\.tif\): band {index + 1} 'layer01_{field}'")
    lon = GRID.geotransform[0] + 2.5 * GRID.geotransform[1]
    lat = GRID.geotransform[3] + 1.5 * GRID.geotransform[5]
    assert f"lon {lon:.5f}, lat {lat:.5f}" in msg
    assert hint in msg


def test_soil_band_without_description_is_named_by_the_schema(tmp_path, prepared):
    paths, arrays = prepared
    soil = arrays["soil"].copy()
    soil[8 + 3] = 2.0  # layer 2 c_frozen in MJ
    bad = write_like(tmp_path, "soil_bare.tif", soil, None)
    refused(tmp_path, RegionInputs(climate=paths["climate"], soil=bad), r"band 12 'layer02_c_frozen'.*MJ")


@pytest.mark.parametrize("key", ["soil", "nfactors"])
def test_all_nodata_soil_or_nfactors_is_refused(tmp_path, prepared, key):
    paths, arrays = prepared
    empty = write_like(tmp_path, f"{key}_empty.tif", np.full(arrays[key].shape, np.nan),
                       schema.soil_band_names(2) if key == "soil" else list(schema.NFACTOR_BANDS))
    given = {"climate": paths["climate"], "soil": paths["soil"], key: empty}
    refused(tmp_path, RegionInputs(**given), rf"\({empty}\): holds only NoData")


def test_inputs_whose_data_do_not_overlap_are_refused(tmp_path, prepared):
    paths, arrays = prepared
    climate, nf = arrays["climate"].copy(), arrays["nfactors"].copy()
    climate[:, :, :2] = np.nan
    nf[:, :, 2:] = np.nan
    c = write_like(tmp_path, "c_left.tif", climate, list(schema.CLIMATE_BANDS))
    n = write_like(tmp_path, "n_right.tif", nf, list(schema.NFACTOR_BANDS))
    refused(tmp_path, RegionInputs(climate=c, soil=paths["soil"], nfactors=n), "do not overlap")


def test_infinite_input_values_count_as_nodata(tmp_path, prepared):
    paths, arrays = prepared
    soil = arrays["soil"].copy()
    soil[1, 0, 0] = np.inf
    inf_soil = write_like(tmp_path, "soil_inf.tif", soil, schema.soil_band_names(2))
    summary = run(tmp_path, RegionInputs(climate=paths["climate"], soil=inf_soil))
    assert summary["pixels"] == GRID.rows * GRID.cols - 1


def test_a_bad_pixel_the_quick_sample_misses_is_caught_when_its_block_is_read(tmp_path):
    # 600 columns are sampled at 256: column 0 is not in the sample, so only the block read finds it.
    grid = Grid.from_extent(120.0, 52.0, 126.0, 52.03, 0.01)
    paths, arrays = write_inputs(tmp_path, nodata_pixels=())
    wide = {k: np.repeat(a[:, :, :1], grid.cols, axis=2) for k, a in arrays.items()}
    wide["soil"][0, :, :] = 0.5
    wide["soil"][2, 1, 0] = 250.0  # k_thawed of layer 1 in mW/m/K
    names = {"climate": list(schema.CLIMATE_BANDS), "soil": schema.soil_band_names(2)}
    files = {k: write_raster(str(tmp_path / f"wide_{k}.tif"), wide[k], grid, names[k]) for k in names}
    inputs = RegionInputs(climate=files["climate"], soil=files["soil"])
    check_inputs(inputs, ModelSettings(**ONE_YEAR))  # the sample looks fine
    msg = refused(tmp_path, inputs, r"band 3 'layer01_k_thawed' has 250 W m-1 K-1", batch_columns=600)
    assert "lon 120.00500, lat 52.01500" in msg


def test_the_quick_sample_reads_pixels_not_averaged_overviews(tmp_path):
    """A large soil raster with overviews, free-water (a = b = 0) and unfrozen-curve (b = 0.015) columns side by
    side: an averaged overview pixel would hold a > 0 with b = 0.0075, below the plausible 0.01; the quick
    sample must read the real pixels."""
    rows, cols = 600, 600
    grid = Grid.from_extent(120.0, 50.0, 120.0 + cols / 120, 50.0 + rows / 120, 1 / 120)
    paths, arrays = write_inputs(tmp_path, nodata_pixels=())
    soil = np.repeat(np.repeat(arrays["soil"][:, :1, :1], rows, axis=1), cols, axis=2)
    free = np.arange(cols) % 2 == 0
    soil[6][:, free] = 0.0
    soil[7][:, free] = 0.0
    soil[7][:, ~free] = 0.015
    climate = np.repeat(np.repeat(arrays["climate"][:, :1, :1], rows, axis=1), cols, axis=2)
    inputs = RegionInputs(
        climate=write_raster(str(tmp_path / "big_climate.tif"), climate, grid, list(schema.CLIMATE_BANDS)),
        soil=write_raster(str(tmp_path / "big_soil.tif"), soil, grid, schema.soil_band_names(2)))
    from osgeo import gdal
    assert gdal.Open(inputs.soil).GetRasterBand(8).GetOverviewCount() > 0
    check_inputs(inputs, ModelSettings(**ONE_YEAR))
