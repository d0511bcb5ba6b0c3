"""Plugin object: registers the Processing provider with QGIS (also for qgis_process)."""

from qgis.core import QgsApplication


class PermafrostPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        """Register the provider; qgis_process calls this without a GUI."""
        from .algorithms.provider import PermafrostProvider

        if self.provider is None:
            self.provider = PermafrostProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API name)
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
