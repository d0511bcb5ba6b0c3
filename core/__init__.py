"""Pure NumPy/SciPy core of permafrost_magt: no QGIS imports here or below.

The heat-conduction solver lives in ``core.heat``; raster I/O with GDAL lives apart in
``core.raster_io`` and the input-preparation modules.
"""
