"""Input preparation: model grid, clip/align with GDAL warp, and the climate, soil, n-factor and
initial-state rasters of the model run (band layouts in ``core.schema``)."""
