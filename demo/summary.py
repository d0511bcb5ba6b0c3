"""The end-of-demo summary: numbers read back from the products written to demo_output/."""

import os

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()

KNOWN = {
    "mohe_maat": (-4.1, "Mohe (WMO 50136) mean annual air temperature, WorldClim 1.4"),
    "warm_range": ((-2.0, 0.0), "published product: NE China permafrost is mostly high-temperature, 0 to −2 °C"),
    "southern_limit_maat": ((-1.0, 1.0), "southern limit follows the −1 to +1 °C MAAT isotherms (Jin et al. 2007)"),
}


def _read(path):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray().astype(float)
    values[values == band.GetNoDataValue()] = np.nan
    return values, ds.GetGeoTransform()


def _annual_climate(path):
    ds = gdal.Open(path)
    stack = ds.ReadAsArray().astype(float)
    stack[stack == ds.GetRasterBand(1).GetNoDataValue()] = np.nan
    days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=float)
    return np.tensordot(days / days.sum(), stack, axes=1)


def _pixel(gt, lon, lat):
    return int((lat - gt[3]) / gt[5]), int((lon - gt[0]) / gt[1])


def class_areas(path):
    """[(code, English name, Chinese name, km²)] from the stability-class polygons."""
    ds = ogr.Open(path)  # keep the data source alive while its layer is read
    layer = ds.GetLayerByName("stability_classes") or ds.GetLayer(0)
    return sorted((f["code"], f["name_en"], f["name_zh"], f["area_km2"]) for f in layer)


def summarise(out, climate, sim, boundary, classes, route, column, mohe):
    """The demo's key numbers, as a dict (also used by the tests)."""
    magt, gt = _read(sim["OUTPUT_MAGT"])
    maat = _annual_climate(climate["OUTPUT"])
    row, col = _pixel(gt, *mohe)
    near_zero = np.abs(magt) < 0.25
    permafrost = magt < 0
    high_temperature = (magt >= -2.0) & permafrost
    return {
        "permafrost_km2": float(boundary["RASTER_AREA_KM2"]),
        "classes": class_areas(classes["OUTPUT_POLYGONS"]),
        "magt_min": float(np.nanmin(magt)), "magt_max": float(np.nanmax(magt)),
        "high_temperature_share": float(high_temperature.sum() / max(permafrost.sum(), 1)),
        "route_km": float(route["TOTAL_LENGTH_KM"]), "route_permafrost_km": float(route["PERMAFROST_KM"]),
        "route_warm_km": float(route["WARM_PERMAFROST_KM"]),
        "mohe_maat": float(maat[row, col]), "mohe_magt_column": float(column["MAGT_10M"]),
        "mohe_magt_map": float(magt[row, col]),
        "boundary_maat_median": float(np.nanmedian(maat[near_zero])) if near_zero.any() else float("nan"),
        "boundary_maat_iqr": tuple(np.nanpercentile(maat[near_zero], [25, 75])) if near_zero.any() else (),
    }


def print_summary(out, climate, sim, boundary, classes, route, column, mohe, elapsed):
    s = summarise(out, climate, sim, boundary, classes, route, column, mohe)
    print("\n=== Demo summary ===")
    print(f"Permafrost area (MAGT(10 m) < 0 °C): {s['permafrost_km2']:,.0f} km²")
    print("Area per thermal-stability class (Zhou et al. 2000):")
    for code, en, zh, km2 in s["classes"]:
        print(f"  {code}  {en} {zh}: {km2:,.0f} km²")
    print(f"MAGT at 10 m: {s['magt_min']:.2f} to {s['magt_max']:.2f} °C; "
          f"{100 * s['high_temperature_share']:.0f} % of the permafrost area is high-temperature (0 to −2 °C)")
    print(f"Route Mohe – MDS391: {s['route_km']:.0f} km, {s['route_permafrost_km']:.0f} km on permafrost, "
          f"{s['route_warm_km']:.0f} km on warm permafrost (MAGT > −1 °C)")
    print(f"Mohe: MAAT {s['mohe_maat']:.2f} °C (known ≈ {KNOWN['mohe_maat'][0]} °C, {KNOWN['mohe_maat'][1]}); "
          f"MAGT(10 m) {s['mohe_magt_column']:.2f} °C (column) / {s['mohe_magt_map']:.2f} °C (map pixel)")
    if s["boundary_maat_iqr"]:
        lo, hi = s["boundary_maat_iqr"]
        print(f"MAAT where |MAGT| < 0.25 °C (along the modelled 0 °C boundary): median {s['boundary_maat_median']:.2f} °C, "
              f"interquartile {lo:.2f} to {hi:.2f} °C (known: {KNOWN['southern_limit_maat'][1]})")
    print(f"Finished in {elapsed:.0f} s. Products in {out}; map: {os.path.join(out, 'magt_map.png')}")
    return s
