"""Screenshots of Processing dialogs of the plugin in English and Chinese (``make screenshots``).

Runs QGIS headless: under Xvfb when ``DISPLAY`` is set (``xvfb-run``), else with Qt's offscreen platform.
Writes ``docs/dialog_<algorithm>_<locale>.png``. Usage: /usr/bin/python3 docs/screenshots.py [ALGORITHM ...]
"""

import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LOCALES = ("en_US", "zh_CN")
QGIS_LOCALE = {"zh_CN": "zh-Hans"}  # the name of QGIS's own translation file (buttons, widgets)


def main(names):
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    parent = tempfile.mkdtemp(prefix="permafrost_shots_")
    os.symlink(ROOT, os.path.join(parent, "permafrost_magt"))
    sys.path[:0] = [parent, "/usr/share/qgis/python/plugins"]
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QTranslator

    app = QgsApplication([], True)
    app.initQgis()
    from processing.core.Processing import Processing
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    from permafrost_magt.algorithms import base
    from permafrost_magt.algorithms.provider import PermafrostProvider

    Processing.initialize()
    provider = PermafrostProvider()  # kept referenced while the dialogs are built
    QgsApplication.processingRegistry().addProvider(provider)
    written = []
    for locale in LOCALES:
        qgis_ui = QTranslator()
        if locale in QGIS_LOCALE and qgis_ui.load(f"qgis_{QGIS_LOCALE[locale]}", QgsApplication.i18nPath()):
            app.installTranslator(qgis_ui)
        base.install_translator(locale)
        for name in names:
            alg = QgsApplication.processingRegistry().createAlgorithmById(f"permafrost:{name}")
            dialog = AlgorithmDialog(alg)
            dialog.resize(1100, 760)
            dialog.show()
            for _ in range(5):
                app.processEvents()
            path = os.path.join(HERE, f"dialog_{name}_{locale}.png")
            dialog.grab().save(path)
            dialog.close()
            written.append(path)
        app.removeTranslator(qgis_ui)
    base.install_translator("en_US")
    os.remove(os.path.join(parent, "permafrost_magt"))
    os.rmdir(parent)
    for path in written:
        print(f"wrote {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["stability_classes"])
