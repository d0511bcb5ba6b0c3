"""The plugin's English interface strings, and reading/writing the Qt Linguist ``.ts`` file that translates them.

Strings come from (1) every algorithm and the provider as QGIS shows them (names, groups, parameters,
options, outputs, help), recorded by a translator while the algorithms are built, and (2) every literal
``tr("…")`` call in the Python sources (log and error messages). Needs QGIS's Python and the plugin
importable as ``permafrost_magt``; used by ``update_ts.py`` and by the tests.
"""

import ast
import os
import xml.etree.ElementTree as ET

I18N_DIR = os.path.dirname(os.path.abspath(__file__))
PLUGIN_DIR = os.path.dirname(I18N_DIR)
CONTEXT = "permafrost_magt"
SOURCE_DIRS = ("algorithms",)


def source_strings(root=PLUGIN_DIR):
    """Literal first arguments of ``tr(...)`` calls in the plugin's Python sources, in file order."""
    found = []
    for folder in SOURCE_DIRS:
        for name in sorted(os.listdir(os.path.join(root, folder))):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(root, folder, name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    found.append(node.args[0].value)
    return found


def interface_strings():
    """Every string the provider and its algorithms pass to ``tr()`` while being built and described."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from permafrost_magt.algorithms.provider import PermafrostProvider, algorithm_classes

    class Recorder(QTranslator):
        def __init__(self):
            super().__init__()
            self.seen = []

        def isEmpty(self):  # noqa: N802 (Qt API name)
            return False

        def translate(self, context, source, disambiguation=None, n=-1):
            if context == CONTEXT and source not in self.seen:
                self.seen.append(source)
            return ""

    recorder = Recorder()
    QCoreApplication.instance().installTranslator(recorder)
    try:
        provider = PermafrostProvider()
        provider.name()
        provider.longName()
        for cls in algorithm_classes():
            alg = cls()
            alg.initAlgorithm({})
            alg.displayName()
            alg.group()
            alg.shortHelpString()
    finally:
        QCoreApplication.instance().removeTranslator(recorder)
    return recorder.seen


def all_strings():
    """Interface and source strings, without duplicates, in a stable order."""
    return list(dict.fromkeys(interface_strings() + source_strings()))


def read_ts(path):
    """{source: translation} of a .ts file; unfinished or empty translations map to ''."""
    if not os.path.exists(path):
        return {}
    out = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source")
        node = message.find("translation")
        done = node is not None and node.get("type") not in ("unfinished", "vanished", "obsolete")
        out[source] = (node.text or "") if done else ""
    return out


def write_ts(path, sources, translations, language="zh_CN"):
    """Write ``sources`` with their ``translations`` (missing ones marked unfinished) as a Qt Linguist .ts file."""
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sources:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        node = ET.SubElement(message, "translation")
        text = translations.get(source, "")
        if text:
            node.text = text
        else:
            node.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
