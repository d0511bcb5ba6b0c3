"""The Processing provider: id ``permafrost``, "Permafrost ground temperature"."""

import importlib
import inspect
import os
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .base import PermafrostAlgorithm

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icon.svg")
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


class PermafrostProvider(QgsProcessingProvider):
    def id(self):
        return "permafrost"

    def name(self):
        return "Permafrost ground temperature"

    def longName(self):
        return "Permafrost ground temperature (MAGT at 10 m, NE China method)"

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):
        return ICON

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
