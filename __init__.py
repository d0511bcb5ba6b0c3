"""permafrost_magt: QGIS Processing plugin for mean annual ground temperature (MAGT) at 10 m."""


def classFactory(iface):  # noqa: N802 (QGIS plugin entry point)
    """QGIS entry point; imports the plugin lazily so loading QGIS stays fast."""
    from .plugin import PermafrostPlugin

    return PermafrostPlugin(iface)
