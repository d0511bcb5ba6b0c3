"""Helpers shared by the Analysis algorithms: raster inputs, core features → sinks, vector styles, lon/lat."""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterBand,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsProject,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtXml import QDomDocument

from ..core import styles
from .base import tr

FIELD_TYPES = {float: QVariant.Double, int: QVariant.Int, str: QVariant.String}
WGS84 = "EPSG:4326"


def add_magt_inputs(alg, help_extra=""):
    """The MAGT raster and band parameters every analysis tool shares."""
    alg.add(QgsProcessingParameterRasterLayer("INPUT", "MAGT raster (°C)"),
            "Mean annual ground temperature in °C: the model output or any other MAGT raster, in any CRS, "
            "with any NoData value. Kelvin rasters are refused. " + help_extra)
    alg.add(QgsProcessingParameterBand("BAND", "MAGT band", 1, "INPUT", optional=True),
            "Band of the MAGT raster to use (default 1, the first band, e.g. MAGT at 10 m).")


def raster_source(alg, parameters, context, name, band_name=None, label="MAGT raster"):
    """(path, band, layer) of a raster parameter; fails clearly when the layer is not a local GDAL file."""
    layer = alg.parameterAsRasterLayer(parameters, name, context)
    if layer is None:
        return None, None, None
    if layer.providerType() != "gdal":
        alg.fail(tr("{label}: only file rasters (GDAL) are supported, got a '{kind}' layer.")
                 .format(label=label, kind=layer.providerType()))
    band = alg.parameterAsInt(parameters, band_name, context) if band_name else 1
    band = band if band and band > 0 else 1
    return layer.source(), band, layer


def nan_none(value):
    """NaN → None (NULL in the attribute table)."""
    return None if isinstance(value, float) and value != value else value


def fields_of(spec):
    """QgsFields from (name, python type) pairs."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, FIELD_TYPES[kind]))
    return fields


def add_sink(alg, name, description, geometry_type, help_text, optional=False):
    return alg.add(QgsProcessingParameterFeatureSink(name, description, geometry_type, optional=optional,
                                                     createByDefault=True), help_text)


def write_sink(alg, parameters, context, name, spec, wkb_type, crs, rows, qml=None):
    """Write rows (``geometry`` = OGR geometry, WKB bytes or QgsGeometry or None; ``attributes`` dict) to a sink.

    Returns the destination id (``None`` when the optional output is skipped). ``qml`` is applied as the
    layer's style: stored beside the file (sidecar .qml) and applied to the loaded layer.
    """
    fields = fields_of(spec)
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
    if sink is None:
        return None
    for geometry, attributes in rows:
        feat = QgsFeature(fields)
        if geometry is not None:
            geom = geometry if isinstance(geometry, QgsGeometry) else QgsGeometry()
            if not isinstance(geometry, QgsGeometry):
                geom.fromWkb(bytes(geometry if isinstance(geometry, (bytes, bytearray)) else geometry.ExportToWkb()))
            if QgsWkbTypes.isMultiType(wkb_type):
                geom.convertToMultiType()
            feat.setGeometry(geom)
        feat.setAttributes([attributes.get(f.name()) for f in fields])
        if not sink.addFeature(feat):
            alg.fail(tr("Cannot write to output '{name}': {error}").format(name=name, error=sink.lastError()))
    del sink
    if qml:
        apply_vector_style(dest, context, qml)
    return dest


def apply_vector_style(dest, context, qml):
    """Store ``qml`` as a sidecar of a written vector output and apply it to the layer Processing will load.

    The sidecar is not written over the style of a GeoTIFF of the same name (``classes.tif`` + ``classes.gpkg``
    share ``classes.qml``): the raster keeps its style file, the loaded vector layer is still styled.
    """
    path = dest.partition("|")[0]
    base = os.path.splitext(path)[0]
    raster_twin = any(os.path.exists(base + ext) for ext in (".tif", ".tiff")) and os.path.exists(base + ".qml")
    if os.path.isfile(path) and not raster_twin:
        try:
            styles.write_vector_style(path, qml)
        except OSError:
            pass  # a read-only folder keeps the file's default look; the layer below is still styled
    layer = QgsProcessingUtils.mapLayerFromString(dest, context)
    if layer is not None:
        doc = QDomDocument()
        doc.setContent(qml)
        layer.importNamedStyle(doc)


def lonlat_transform(source_crs, context):
    """Transform from a layer CRS to WGS84 lon/lat."""
    return QgsCoordinateTransform(source_crs, QgsCoordinateReferenceSystem(WGS84),
                                  context.transformContext() if context else QgsProject.instance())


def vector_source(alg, parameters, context, name, label):
    """A feature source parameter that must hold features; fails clearly otherwise."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        alg.fail(tr("{label}: no layer given.").format(label=label))
    if source.featureCount() == 0:
        alg.fail(tr("{label}: the layer has no features.").format(label=label))
    return source


TYPE_LINE = QgsProcessing.TypeVectorLine
TYPE_POINT = QgsProcessing.TypeVectorPoint
TYPE_POLYGON = QgsProcessing.TypeVectorPolygon
TYPE_TABLE = QgsProcessing.TypeVector
