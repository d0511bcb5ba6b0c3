"""Analysis of MAGT rasters: permafrost boundary, stability classes, route corridors, borehole validation."""
