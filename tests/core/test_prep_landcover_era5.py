"""Land cover → n-factors, and the ERA5-Land initial state from NetCDF files in the ERA5-Land layout."""

import os

import numpy as np
import pytest
from osgeo import gdal


from core import schema
from core.prep import era5, landcover
from core.prep.grid import grid_from_extent
from core.raster_io import band_info, read_raster
from prep_fixtures import DEMO_DATA, era5_land_netcdf

MODIS = os.path.join(DEMO_DATA, "mcd12c1_2019_igbp_0p05.tif")  # 119–127 E, 49–54 N


def test_default_table_covers_igbp_with_water_nodata():
    t = landcover.read_table()
    assert sorted(t) == list(range(17))
    assert np.isnan(t[0][0]) and np.isnan(t[0][1])
    assert t[3] == (0.40, 0.75)  # larch


def test_classes_to_nfactors_and_custom_table(tmp_path):
    classes = np.array([[0, 3, 10], [255, 16, 3]], float)
    classes[1, 0] = np.nan
    nf = landcover.classes_to_nfactors(classes, landcover.read_table())
    assert np.isnan(nf[:, 0, 0]).all() and np.isnan(nf[:, 1, 0]).all()
    assert nf[:, 0, 1].tolist() == [0.40, 0.75] and nf[:, 1, 1].tolist() == [0.80, 1.20]
    p = tmp_path / "t.csv"
    p.write_text("class,n_freezing,n_thawing\n3,0.3,0.9\n")
    with pytest.raises(ValueError, match=r"class\(es\) \[0, 10, 16\] are not in the n-factor table"):
        landcover.classes_to_nfactors(classes, landcover.read_table(str(p)))
    p.write_text("class,nf\n3,0.3\n")
    with pytest.raises(ValueError, match="missing column"):
        landcover.read_table(str(p))


def test_modis_real_data_to_nfactor_raster(tmp_path):
    g, mask = grid_from_extent(122.0, 52.0, 123.0, 53.0, res=1 / 120)
    out = str(tmp_path / "nf.tif")
    counts = landcover.prepare_nfactors(MODIS, g, mask, out)
    assert sum(counts.values()) == g.cols * g.rows
    nf = read_raster(out)
    assert band_info(out) == (list(schema.NFACTOR_BANDS), ["1", "1"])
    # the pixel at 122.5 E 52.5 N takes the class of the 0.05° MODIS cell holding it (nearest)
    ds = gdal.Open(MODIS)
    gt = ds.GetGeoTransform()
    xs, ys = g.centres()
    r, c = 60, 60
    cls = ds.ReadAsArray()[int((gt[3] - ys[r]) / 0.05), int((xs[c] - gt[0]) / 0.05)]
    assert nf[:, r, c].tolist() == pytest.approx(list(landcover.read_table()[int(cls)]))


def test_landcover_that_misses_the_region(tmp_path):
    g, mask = grid_from_extent(100, 30, 101, 31, res=0.1)
    with pytest.raises(ValueError, match="Land cover: .* no valid data over the model grid"):
        landcover.prepare_nfactors(MODIS, g, mask, str(tmp_path / "o.tif"))
    assert os.listdir(tmp_path) == []


def linear_kelvin(lon, lat, steps=(0.0, 2.0)):
    """(4, ntime, nlat, nlon) stl fields: 270 + 0.1·lon(−180…180) − 0.5·lat + layer + step, kelvin."""
    lon180 = np.where(lon > 180, lon - 360, lon)
    LON, LAT = np.meshgrid(lon180, lat)
    return np.stack([np.stack([270 + 0.1 * LON - 0.5 * LAT + k + s for s in steps]) for k in range(4)])


def expected_c(x, y, layer):
    return 270 + 0.1 * x - 0.5 * y + layer + 1.0 - 273.15  # time mean of steps 0 and 2


@pytest.mark.parametrize("time_name, lat_order", [("valid_time", -1), ("time", 1)])
def test_era5_land_0_360_netcdf_regridded(tmp_path, time_name, lat_order):
    lat = np.arange(56, 45, -1.0)[::lat_order]
    lon = np.arange(0, 360, 1.0)
    path = era5_land_netcdf(str(tmp_path / "e.nc"), lat, lon, linear_kelvin(lon, lat), time_name=time_name)
    g, mask = grid_from_extent(121, 50, 123, 53.5, res=0.25)
    out = str(tmp_path / "init.tif")
    assert era5.prepare_initial_state(path, g, mask, out) == ["tsoil_0004cm", "tsoil_0018cm", "tsoil_0064cm",
                                                             "tsoil_0195cm"]
    d = read_raster(out)
    xs, ys = g.centres()
    for layer in range(4):
        assert d[layer, 5, 3] == pytest.approx(expected_c(xs[3], ys[5], layer), abs=0.003)  # int16 packing 0.002 K
    assert gdal.Open(out).GetMetadataItem("DEPTHS_CM") == "3.5,17.5,64,194.5"


def test_era5_western_hemisphere_shift_and_missing_variable(tmp_path):
    lat, lon = np.arange(66, 55, -1.0), np.arange(0, 360, 1.0)
    path = era5_land_netcdf(str(tmp_path / "e.nc"), lat, lon, linear_kelvin(lon, lat))
    g, mask = grid_from_extent(-150, 60, -148, 62, res=0.5)
    d = era5.prepare_initial_state(path, g, mask, str(tmp_path / "ak.tif")) and read_raster(str(tmp_path / "ak.tif"))
    xs, ys = g.centres()
    assert d[0, 1, 1] == pytest.approx(expected_c(xs[1], ys[1], 0), abs=0.003)
    from scipy.io import netcdf_file
    f = netcdf_file(str(tmp_path / "bad.nc"), "w")
    f.createDimension("latitude", 2)
    f.createDimension("longitude", 2)
    f.createVariable("latitude", "f4", ("latitude",))[:] = [50, 49]
    f.createVariable("longitude", "f4", ("longitude",))[:] = [120, 121]
    f.createVariable("stl1", "f4", ("latitude", "longitude"))[:] = 270.0
    f.close()
    with pytest.raises(ValueError, match="variable stl2 missing"):
        era5.read_era5_soil(str(tmp_path / "bad.nc"))


def monthly_t2m_netcdf(path, lat, lon, years):
    """ERA5-Land monthly means layout: t2m (valid_time, latitude, longitude) in K, seconds since 1970."""
    from scipy.io import netcdf_file

    times = np.array([np.datetime64(f"{y}-{m:02d}-01") for y in years for m in range(1, 13)])
    f = netcdf_file(path, "w")
    f.createDimension("valid_time", times.size)
    f.createDimension("latitude", lat.size)
    f.createDimension("longitude", lon.size)
    t = f.createVariable("valid_time", "i4", ("valid_time",))
    t[:] = (times - np.datetime64("1970-01-01")).astype("timedelta64[s]").astype(np.int32)
    t.units = "seconds since 1970-01-01"
    t.calendar = "proleptic_gregorian"
    f.createVariable("latitude", "f4", ("latitude",))[:] = lat
    f.createVariable("longitude", "f4", ("longitude",))[:] = lon
    v = f.createVariable("t2m", "f4", ("valid_time", "latitude", "longitude"))
    month = np.tile(np.arange(1, 13), len(years))
    year = np.repeat(np.array(years), 12)
    # seasonal cycle + 0.1 K per year after the first year + spatial field
    v[:] = (260 + 2 * month + 0.1 * (year - years[0]))[:, None, None] + 0.01 * lon[None, None, :]
    v.units = "K"
    f.close()
    return path


def test_anomalies_stack_from_monthly_netcdf(tmp_path):
    from core.prep.anomalies import prepare_anomalies

    lat, lon = np.arange(55, 47, -0.5), np.arange(115, 130, 0.5)
    path = monthly_t2m_netcdf(str(tmp_path / "t2m.nc"), lat, lon, [2010, 2011, 2012])
    g, mask = grid_from_extent(121, 50, 123, 52, res=0.25)
    names = prepare_anomalies(path, g, mask, str(tmp_path / "a.tif"), first_year=2011)
    assert names[0] == "tair_anomaly_2011_01" and names[-1] == "tair_anomaly_2012_12" and len(names) == 24
    a = read_raster(str(tmp_path / "a.tif"))
    # climatology = mean of 2010–2012 → anomaly of 2011 is 0.0, of 2012 is +0.1 in every pixel and month
    assert a[:12] == pytest.approx(np.zeros_like(a[:12]), abs=5e-5)  # float32 K
    assert a[12:] == pytest.approx(np.full_like(a[12:], 0.1), abs=5e-5)
    names = prepare_anomalies(path, g, mask, str(tmp_path / "b.tif"), base_years=(2010, 2010), last_year=2010)
    assert len(names) == 12 and np.allclose(read_raster(str(tmp_path / "b.tif")), 0.0, atol=5e-5)


def test_esa_cci_table_matches_igbp_values(tmp_path):
    cci, igbp = landcover.read_table(landcover.ESA_CCI_TABLE), landcover.read_table()
    assert cci[80] == igbp[3] and cci[130] == igbp[10] and cci[190] == igbp[13]
    assert np.isnan(cci[210][0]) and np.isnan(cci[0][1])  # water and no data
    g, mask = grid_from_extent(121, 50, 121.2, 50.2, res=0.1)
    classes = np.array([[80, 210], [130, 61]], np.uint8)
    p = os.path.join(str(tmp_path), "cci.tif")
    ds = gdal.GetDriverByName("GTiff").Create(p, 2, 2, 1, gdal.GDT_Byte)
    ds.SetGeoTransform(g.geotransform)
    ds.SetProjection(g.crs_wkt)
    ds.GetRasterBand(1).SetNoDataValue(0)
    ds.GetRasterBand(1).WriteArray(classes)
    ds = None
    landcover.prepare_nfactors(p, g, mask, str(tmp_path / "nf.tif"), cci)
    nf = read_raster(str(tmp_path / "nf.tif"))
    assert nf[:, 0, 0].tolist() == pytest.approx([0.40, 0.75]) and np.isnan(nf[:, 0, 1]).all()
    assert nf[:, 1, 1].tolist() == pytest.approx([0.40, 0.80])
