"""Refuse an output path that is one of the algorithm's input files (writing it would destroy the input)."""

import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
    QgsProperty,
    QgsProviderRegistry,
)


def _file_of(text):
    """The file behind a data source string (``path|layername=…`` or ``ogr:…`` sources reduced to the path)."""
    if not text or text.startswith(("memory:", "TEMPORARY_OUTPUT")):
        return None
    return text.split("|")[0].strip() or None


def _layer_file(layer):
    if layer is None:
        return None
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path")
    return path or _file_of(layer.source())


def _inputs(alg, parameters, context):
    """(parameter, file path) for every file or layer input that has a value."""
    found = []
    for p in alg.parameterDefinitions():
        name = p.name()
        if p.isDestination() or parameters.get(name) in (None, ""):
            continue
        if isinstance(p, QgsProcessingParameterFile):
            paths = [alg.parameterAsFile(parameters, name, context)]
        elif isinstance(p, (QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer,
                            QgsProcessingParameterFeatureSource)):
            paths = [_layer_file(alg.parameterAsLayer(parameters, name, context))]
        elif isinstance(p, QgsProcessingParameterMultipleLayers):
            if p.layerType() == QgsProcessing.TypeFile:
                paths = alg.parameterAsFileList(parameters, name, context)
            else:
                paths = [_layer_file(layer) for layer in alg.parameterAsLayerList(parameters, name, context)]
        else:
            continue
        found += [(p, path) for path in paths if path]
    return found


def _outputs(alg, parameters, context):
    """(parameter, file path) for every destination with a file value."""
    found = []
    for p in alg.destinationParameterDefinitions():
        if not isinstance(p, (QgsProcessingParameterFileDestination, QgsProcessingParameterRasterDestination,
                              QgsProcessingParameterFeatureSink)):
            continue
        path = _file_of(_destination_text(parameters.get(p.name()), context))
        if path:
            found.append((p, path))
    return found


def _destination_text(value, context):
    """The path a destination value names, read without side effects.

    ``parameterAsOutputLayer`` would register a temporary output for loading on completion a second time
    (the dialog then tries to load a file that is never written), so the value is read directly.
    """
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        text, ok = value.sink.valueAsString(context.expressionContext())
        return text if ok else None
    if isinstance(value, QgsProperty):
        text, ok = value.valueAsString(context.expressionContext())
        return text if ok else None
    return str(value) if value not in (None, "") else None


def _same_file(a, b):
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def output_input_clash(alg, parameters, context):
    """A message naming both parameters when an output path is one of the input files, else None."""
    inputs = _inputs(alg, parameters, context)
    for out, out_path in _outputs(alg, parameters, context):
        for inp, in_path in inputs:
            if _same_file(out_path, in_path):
                return (f"{out.description()} ({out.name()}) is the input file {inp.description()} ({inp.name()}): "
                        f"{in_path}. Writing it would destroy the input; choose another output file.")
    return None
