"""The Processing provider: id ``permafrost``, "Permafrost ground temperature", with the bundled models."""

import glob
import importlib
import inspect
import os
import pkgutil

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .base import GROUPS, PLUGIN_DIR, PermafrostAlgorithm, install_translator, tr

ICON = os.path.join(PLUGIN_DIR, "resources", "icon.svg")
MODELS_DIR = os.path.join(PLUGIN_DIR, "resources", "models")
NOT_ALGORITHM_MODULES = {"base", "provider"}


def algorithm_classes():
    """Every concrete algorithm class defined in the modules of this package, sorted by id."""
    found = {}
    for info in pkgutil.iter_modules([os.path.dirname(__file__)]):
        if info.name in NOT_ALGORITHM_MODULES:
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, PermafrostAlgorithm) and cls.NAME and cls.__module__ == module.__name__:
                found[cls.NAME] = cls
    return [found[k] for k in sorted(found)]


def bundled_models():
    """The models shipped in resources/models (``*.model3``), loaded; a model whose group is a key of ``GROUPS``
    (e.g. "model") is shown in that group of the toolbox, under its translated name."""
    models = []
    for path in sorted(glob.glob(os.path.join(MODELS_DIR, "*.model3"))):
        model = QgsProcessingModelAlgorithm()
        if model.fromFile(path) and model.name().strip():
            if model.groupId() in GROUPS:
                model.setGroup(tr(GROUPS[model.groupId()]))
            models.append(model)
    return models


class PermafrostProvider(QgsProcessingProvider):
    def __init__(self):
        super().__init__()
        install_translator()

    def id(self):
        return "permafrost"

    def name(self):
        return tr("Permafrost ground temperature")

    def longName(self):  # noqa: N802 (QGIS API name)
        return tr("Permafrost ground temperature (MAGT at 10 m, NE China method)")

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802 (QGIS API name)
        return ICON

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for model in bundled_models():
            self.addAlgorithm(model)
