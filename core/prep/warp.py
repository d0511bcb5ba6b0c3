"""Clip and align any raster to the model grid with ``gdal.Warp`` (no hand-written reprojection).

Continuous data are resampled bilinearly (or averaged when the source is much finer than the
grid); categorical data by nearest neighbour (or the mode when the source is much finer). The
source CRS is honoured (e.g. SoilGrids' Interrupted Goode Homolosine, ``+proj=igh``), its NoData is
carried through, and GDAL scale/offset are applied after resampling (both are linear).
"""

import numpy as np
from osgeo import gdal, osr

from .strips import strip_output, strips

gdal.UseExceptions()

RESAMPLING = ("auto", "bilinear", "average", "nearest", "mode", "cubic")
"""Resampling names accepted by :func:`align`; 'auto' picks by data kind and pixel-size ratio."""

FINER_RATIO = 0.5
"""'auto' aggregates (average/mode) when a source pixel is smaller than this fraction of a grid pixel."""

BYTES_PER_BAND_PIXEL = 40
"""Working memory per pixel and band of a strip warped and written by :func:`write_aligned`."""


def _source_pixel_sides(ds, grid):
    """Width and height of a source pixel near its centre, expressed in the grid CRS units."""
    src = osr.SpatialReference(wkt=ds.GetProjection())
    dst = osr.SpatialReference(wkt=grid.crs_wkt)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gt = ds.GetGeoTransform()
    cx, cy = ds.RasterXSize // 2, ds.RasterYSize // 2
    corners = [(gt[0] + gt[1] * (cx + i), gt[3] + gt[5] * (cy + j)) for i, j in ((0, 0), (1, 0), (0, 1))]
    try:
        pts = osr.CoordinateTransformation(src, dst).TransformPoints(corners)
    except RuntimeError:
        return abs(gt[1]), abs(gt[5])
    (x0, y0, *_), (x1, y1, *_), (x2, y2, *_) = pts
    return np.hypot(x1 - x0, y1 - y0), np.hypot(x2 - x0, y2 - y0)


def _source_pixel_in_grid_units(ds, grid):
    """Size of a source pixel near its centre, expressed in the grid CRS units (mean of x and y)."""
    return 0.5 * sum(_source_pixel_sides(ds, grid))


def _kernel_scales(ds, grid):
    """GDAL warp options fixing the bilinear/cubic kernel's scale (grid pixels per source pixel, at most 1)
    for the whole grid; GDAL would otherwise estimate it per warped window, so strips would differ."""
    width, height = _source_pixel_sides(ds, grid)
    sx, sy = (min(1.0, side / abs(step)) for side, step in ((width, grid.geotransform[1]),
                                                            (height, grid.geotransform[5])))
    return [f"XSCALE={sx!r}", f"YSCALE={sy!r}"]


def choose_resampling(ds, grid, categorical):
    """'bilinear'/'average' for continuous data, 'nearest'/'mode' for categorical, by pixel-size ratio."""
    finer = _source_pixel_in_grid_units(ds, grid) < FINER_RATIO * abs(grid.geotransform[1])
    if categorical:
        return "mode" if finer else "nearest"
    return "average" if finer else "bilinear"


def _open_source(path, label, src_crs=None):
    """(dataset, the dataset with ``src_crs`` applied) of a source raster; ValueError naming ``label``
    when it cannot be opened or has no CRS (checked before anything transforms its coordinates)."""
    try:
        ds = path if isinstance(path, gdal.Dataset) else gdal.Open(path)
    except RuntimeError as err:
        raise ValueError(f"{label}: {path} cannot be opened as a raster ({err})") from None
    if ds is None:
        raise ValueError(f"{label}: {path} cannot be opened as a raster")
    if not (src_crs or ds.GetProjection()):
        raise ValueError(f"{label}: {path} has no CRS; give the source CRS")
    return ds, (gdal.Translate("", ds, format="VRT", outputSRS=src_crs) if src_crs else ds)


class Aligner:
    """Bands of a source raster warped onto row strips of ``grid`` (opened and checked once).

    Arguments as for :func:`align`. :meth:`read` warps a strip; :meth:`check` raises, after the last strip,
    when no strip held valid data. Use as a context manager (closes the source).
    """

    def __init__(self, path, grid, label, resampling="auto", categorical=False, bands=None, src_crs=None,
                 src_nodata=None):
        self.path, self.grid, self.label, self.valid = path, grid, label, False
        self._original, self._ds = _open_source(path, label, src_crs)
        ds = self._ds
        self.numbers = list(bands or range(1, ds.RasterCount + 1))
        if max(self.numbers) > ds.RasterCount:
            raise ValueError(f"{label}: {path} has {ds.RasterCount} band(s); band {max(self.numbers)} was requested")
        first = self._original.GetRasterBand(self.numbers[0])
        self.nodata = src_nodata if src_nodata is not None else first.GetNoDataValue()
        self.scales = [(self._original.GetRasterBand(n).GetScale() or 1.0,
                        self._original.GetRasterBand(n).GetOffset() or 0.0) for n in self.numbers]
        if resampling == "auto":
            resampling = choose_resampling(ds, grid, categorical)
        if resampling not in RESAMPLING:
            raise ValueError(f"unknown resampling {resampling!r}; expected one of {RESAMPLING}")
        self.resampling = resampling
        self.options = _kernel_scales(ds, grid) if resampling in ("bilinear", "cubic") else []
        self._src = ds if self.numbers == list(range(1, ds.RasterCount + 1)) else gdal.Translate(
            "", ds, format="VRT", bandList=self.numbers)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def band(self, number):
        """Band ``number`` (1-based) of the source as opened."""
        return self._original.GetRasterBand(number)

    def close(self):
        self._src = self._ds = self._original = None  # a VRT is released before the dataset it reads

    def read(self, yoff=0, rows=None):
        """Float64 (bands, rows, cols) of grid rows ``yoff`` … ``yoff + rows − 1`` (default all), NaN for NoData."""
        grid = self.grid
        rows = grid.rows - yoff if rows is None else rows
        x0, dx, _, y0, _, dy = grid.geotransform
        bounds = (x0, y0 + dy * (yoff + rows), x0 + dx * grid.cols, y0 + dy * yoff)
        try:
            out = gdal.Warp("", self._src, format="MEM", outputBounds=bounds, width=grid.cols, height=rows,
                            dstSRS=grid.crs_wkt, resampleAlg=self.resampling, outputType=gdal.GDT_Float64,
                            srcNodata=self.nodata, dstNodata=np.nan, multithread=True,
                            warpOptions=self.options)
            data = None if out is None else out.ReadAsArray()
            for ds in (self._src, self._ds, self._original):  # drop the blocks read for this strip from GDAL's cache
                ds.FlushCache()
        except RuntimeError as err:
            raise ValueError(f"{self.label}: {self.path} cannot be read; the file may be truncated or damaged "
                             f"({err})") from None
        if data is None:
            raise ValueError(f"{self.label}: {self.path} cannot be read; the file may be truncated or damaged")
        data = data.astype(np.float64).reshape(len(self.numbers), rows, grid.cols)
        for i, (scale, offset) in enumerate(self.scales):
            data[i] = data[i] * scale + offset
        self.valid = self.valid or bool(np.isfinite(data).any())
        return data

    def check(self):
        """ValueError naming the source when no strip read so far held a valid value."""
        if not self.valid:
            raise ValueError(f"{self.label}: {self.path} has no valid data over the model grid (extent "
                             f"{np.round(self.grid.extent, 4).tolist()}); it does not cover the region or is all "
                             "NoData")


def align(path, grid, label, resampling="auto", categorical=False, bands=None, src_crs=None, src_nodata=None):
    """Warp bands of ``path`` (a file or an open ``gdal.Dataset``) onto ``grid``; returns float64
    (bands, rows, cols), NaN for NoData.

    ``bands``: 1-based band numbers (default all). ``src_crs`` overrides a missing or wrong source
    CRS; ``src_nodata`` a missing NoData value. Raises ValueError (naming ``label``) when the source
    cannot be read, has no CRS, or has no valid value over the grid.
    """
    with Aligner(path, grid, label, resampling, categorical, bands, src_crs, src_nodata) as source:
        data = source.read()
    source.check()
    return data


def write_aligned(source, mask, out_path, descriptions=None, units=None, metadata=None):
    """Write every band of an open :class:`Aligner` onto its grid, NoData outside ``mask``, a row strip at a time
    (atomically); ValueError, and no file, when the source holds no valid value over the grid."""
    grid, n = source.grid, len(source.numbers)
    with strip_output(out_path, grid, n, descriptions, units, metadata) as out:
        for yoff, rows in strips(grid, BYTES_PER_BAND_PIXEL * n):
            data = source.read(yoff, rows)
            data[:, ~np.isfinite(mask[yoff:yoff + rows])] = np.nan
            out.write(data, yoff)
        source.check()
    return out_path


def align_to_file(path, grid, mask, out_path, label, resampling="auto", categorical=False, src_crs=None):
    """Clip and align every band of ``path`` to ``grid`` and write it (Float32, NoData outside ``mask``).

    Band descriptions and units of the source are kept. Returns (out_path, resampling used).
    """
    with Aligner(path, grid, label, resampling, categorical, src_crs=src_crs) as source:
        bands = [source.band(n) for n in source.numbers]
        write_aligned(source, mask, out_path, [b.GetDescription() for b in bands], [b.GetUnitType() for b in bands],
                      metadata={"SOURCE": path, "RESAMPLING": source.resampling})
        return out_path, source.resampling
