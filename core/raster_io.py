"""GeoTIFF reading and atomic writing with GDAL (kept apart from the solver).

Arrays are (bands, rows, cols) float64 with NaN where the source is NoData, and with any GDAL
scale/offset already applied. Writers produce tiled, compressed Float32 GeoTIFFs with NoData,
band descriptions, units and overviews, written to a temporary file beside the target and renamed
only when complete, so a failure or a cancel never leaves a partial GeoTIFF behind.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, osr

from .atomic import atomic_path  # noqa: F401 (part of this module's API)
from .schema import NODATA

gdal.UseExceptions()

CREATION_OPTIONS = ["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "BIGTIFF=IF_SAFER"]
MAX_GRID_PIXELS = 1_000_000_000
"""Largest grid a new model grid may have: the grid tools hold its mask in memory (8 bytes per pixel)."""
RUN_CACHE_BYTES = 128 * 2 ** 20
"""GDAL block cache (bytes) a long tool allows itself (``capped_gdal_cache``): a whole-domain raster read or
written block by block would otherwise fill the default cache, 5 % of the RAM, in every process."""
_cache_lock = threading.Lock()
_cache_users = 0
_cache_before = None


@contextmanager
def capped_gdal_cache(max_bytes=RUN_CACHE_BYTES):
    """Hold GDAL's block cache (process-wide, e.g. QGIS's own) at most ``max_bytes`` inside the block.

    Nested and concurrent uses are counted: the limit found before the first one is restored when the last
    one ends, so a cap never outlives the tools that asked for it."""
    global _cache_users, _cache_before
    with _cache_lock:
        if _cache_users == 0:
            _cache_before = gdal.GetCacheMax()
        _cache_users += 1
        gdal.SetCacheMax(min(gdal.GetCacheMax(), max_bytes))
    try:
        yield
    finally:
        with _cache_lock:
            _cache_users -= 1
            if _cache_users == 0:
                gdal.SetCacheMax(_cache_before)


def _size_text(n_bytes):
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if n_bytes < 1024 or unit == "EiB":
            return f"{n_bytes:.3g} {unit}"
        n_bytes /= 1024.0


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid: GDAL geotransform, size and CRS (WKT)."""

    geotransform: tuple
    cols: int
    rows: int
    crs_wkt: str

    @classmethod
    def of(cls, path_or_ds):
        ds = open_raster(path_or_ds) if isinstance(path_or_ds, str) else path_or_ds
        return cls(tuple(ds.GetGeoTransform()), ds.RasterXSize, ds.RasterYSize, ds.GetProjection())

    @classmethod
    def from_extent(cls, xmin, ymin, xmax, ymax, res, crs="EPSG:4326"):
        """Grid covering the extent with square pixels of ``res`` CRS units, snapped outward to ``res``."""
        if res <= 0:
            raise ValueError(f"resolution must be > 0, got {res}")
        if xmax <= xmin or ymax <= ymin:
            raise ValueError(f"empty extent ({xmin}, {ymin}, {xmax}, {ymax})")
        x0 = np.floor(round(xmin / res, 9)) * res
        y1 = np.ceil(round(ymax / res, 9)) * res
        cols = int(np.ceil(round((xmax - x0) / res, 9)))
        rows = int(np.ceil(round((y1 - ymin) / res, 9)))
        if cols * rows > MAX_GRID_PIXELS:
            raise ValueError(
                f"a grid of {res:g} CRS units per pixel over ({xmin:g}, {ymin:g}, {xmax:g}, {ymax:g}) would have "
                f"{cols} × {rows} = {cols * rows:.3g} pixels ({_size_text(cols * rows * 8)} for its mask alone); "
                f"the limit is {MAX_GRID_PIXELS:.0e} pixels: use a coarser resolution or a smaller region")
        srs = osr.SpatialReference()
        srs.SetFromUserInput(crs)
        return cls((float(x0), float(res), 0.0, float(y1), 0.0, -float(res)), cols, rows, srs.ExportToWkt())

    @property
    def extent(self):
        """(xmin, ymin, xmax, ymax) in CRS units."""
        x0, dx, _, y0, _, dy = self.geotransform
        return (x0, y0 + dy * self.rows, x0 + dx * self.cols, y0)

    def centres(self):
        """Pixel-centre coordinates: (x of each column, y of each row)."""
        x0, dx, _, y0, _, dy = self.geotransform
        return x0 + dx * (np.arange(self.cols) + 0.5), y0 + dy * (np.arange(self.rows) + 0.5)

    def same_as(self, other, tol=1e-9):
        """True when both grids have the same size, geotransform (to ``tol``) and CRS."""
        if (self.cols, self.rows) != (other.cols, other.rows):
            return False
        if not np.allclose(self.geotransform, other.geotransform, atol=tol, rtol=0):
            return False
        a, b = osr.SpatialReference(), osr.SpatialReference()
        a.ImportFromWkt(self.crs_wkt)
        b.ImportFromWkt(other.crs_wkt)
        return bool(a.IsSame(b))


def open_raster(path, overviews=True):
    """The GDAL dataset of ``path``; ValueError naming the file when it is missing, truncated or not a raster.

    ``overviews=False`` hides the file's overviews, so that reads at a reduced size sample the full-resolution
    pixels (overviews average them, which mixes classes and the bands of one soil layer)."""
    try:
        ds = gdal.OpenEx(path, gdal.OF_RASTER, open_options=[] if overviews else ["OVERVIEW_LEVEL=NONE"])
    except RuntimeError as err:
        raise ValueError(f"{path}: cannot be opened as a raster ({err})") from None
    if ds is None:
        raise ValueError(f"{path}: cannot be opened as a raster")
    return ds


def read_raster(path, bands=None, window=None, shape=None):
    """Read bands of a raster as float64 with NaN for NoData and scale/offset applied.

    ``bands`` is a list of 1-based band numbers (default all); ``window`` is
    (xoff, yoff, xsize, ysize) in pixels (default the whole raster); ``shape`` (rows, cols) reads a
    nearest-neighbour sample of the window's full-resolution pixels at that size. Returns (bands, rows, cols).
    Non-finite values (±inf, NaN) count as NoData. A file that cannot be read (truncated, not a
    raster) raises ValueError naming it.
    """
    ds = open_raster(path, overviews=shape is None)
    numbers = bands or range(1, ds.RasterCount + 1)
    win = window or (0, 0, ds.RasterXSize, ds.RasterYSize)
    out = []
    for n in numbers:
        band = ds.GetRasterBand(n)
        try:
            a = band.ReadAsArray(*win, buf_xsize=shape and shape[1], buf_ysize=shape and shape[0])
        except RuntimeError as err:
            raise ValueError(f"{path}: band {n} cannot be read, the file may be truncated or damaged ({err})") from None
        if a is None:
            raise ValueError(f"{path}: band {n} cannot be read, the file may be truncated or damaged")
        a = a.astype(np.float64)
        nodata = band.GetNoDataValue()
        if nodata is not None:
            a[a == nodata] = np.nan
        a = a * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0)
        a[~np.isfinite(a)] = np.nan
        out.append(a)
    return np.stack(out)


def band_summary(path, band=1, rows_per_block=512):
    """Valid-pixel count, count below 0, min, mean and max of one band, read in row blocks (bounded memory).

    Min, mean and max are NaN when the band holds no valid pixel.
    """
    ds = gdal.Open(path)
    if ds is None:
        raise ValueError(f"{path}: cannot be opened as a raster")
    count, below, total, low, high = 0, 0, 0.0, np.inf, -np.inf
    for yoff in range(0, ds.RasterYSize, rows_per_block):
        rows = min(rows_per_block, ds.RasterYSize - yoff)
        a = read_raster(path, [band], (0, yoff, ds.RasterXSize, rows))[0]
        a = a[np.isfinite(a)]
        if a.size:
            count, below, total = count + a.size, below + int((a < 0).sum()), total + float(a.sum())
            low, high = min(low, float(a.min())), max(high, float(a.max()))
    if not count:
        return {"count": 0, "below_zero": 0, "min": np.nan, "mean": np.nan, "max": np.nan}
    return {"count": count, "below_zero": below, "min": low, "mean": total / count, "max": high}


def band_info(path):
    """Descriptions and units of every band, in band order."""
    ds = open_raster(path)
    bands = [ds.GetRasterBand(i + 1) for i in range(ds.RasterCount)]
    return [b.GetDescription() for b in bands], [b.GetUnitType() for b in bands]


def create_geotiff(path, grid, n_bands, descriptions=None, units=None, metadata=None, fill=True):
    """Create a tiled, compressed Float32 GeoTIFF with NoData set (and every pixel filled with it when
    ``fill``: leave it off when every pixel will be written, to spare GDAL's cache); returns the open dataset."""
    ds = gdal.GetDriverByName("GTiff").Create(path, grid.cols, grid.rows, n_bands, gdal.GDT_Float32,
                                              CREATION_OPTIONS)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    for i in range(n_bands):
        band = ds.GetRasterBand(i + 1)
        band.SetNoDataValue(NODATA)
        if fill:
            band.Fill(NODATA)
        if descriptions:
            band.SetDescription(descriptions[i])
        if units:
            band.SetUnitType(units[i])
    if metadata:
        ds.SetMetadata({k: str(v) for k, v in metadata.items()})
    return ds


def write_block(ds, array, xoff=0, yoff=0, first_band=1):
    """Write a (bands, rows, cols) block into bands ``first_band``… with NaN stored as NoData."""
    data = np.where(np.isfinite(array), array, NODATA).astype(np.float32)
    for i in range(data.shape[0]):
        ds.GetRasterBand(first_band + i).WriteArray(data[i], xoff, yoff)


def finish_geotiff(ds):
    """Build overviews (when the raster is big enough to need them) and close the dataset."""
    size = max(ds.RasterXSize, ds.RasterYSize)
    levels = [f for f in (2, 4, 8, 16, 32) if size // f >= 64]
    if levels:
        ds.BuildOverviews("AVERAGE", levels)
    ds.FlushCache()


def write_raster(path, array, grid, descriptions=None, units=None, metadata=None):
    """Write a whole (bands, rows, cols) or (rows, cols) array atomically as a Float32 GeoTIFF."""
    array = np.asarray(array, dtype=np.float64)
    if array.ndim == 2:
        array = array[None]
    if array.shape[1:] != (grid.rows, grid.cols):
        raise ValueError(f"{path}: array shape {array.shape[1:]} does not match grid {(grid.rows, grid.cols)}")
    with atomic_path(path) as tmp:
        ds = create_geotiff(tmp, grid, array.shape[0], descriptions, units, metadata)
        write_block(ds, array)
        finish_geotiff(ds)
        ds = None
    return path
