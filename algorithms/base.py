"""Shared base class of every permafrost_magt Processing algorithm, and the interface language."""

import functools
import html
import os

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator, QUrl
from qgis.PyQt.QtGui import QIcon

from ..core.interrupt import Terminated
from ..core.report_text import normalize_locale
from .io_clash import output_input_clash

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N_DIR = os.path.join(PLUGIN_DIR, "i18n")
CONTEXT = "permafrost_magt"
README = os.path.join(PLUGIN_DIR, "README.md")
ICONS_DIR = os.path.join(PLUGIN_DIR, "resources", "icons")

GROUPS = {
    "input": "1 · Input preparation",
    "model": "2 · Model",
    "analysis": "3 · Analysis",
}
_translator = []


def tr(text):
    """``text`` in the interface language (English source text when there is no translation)."""
    return QCoreApplication.translate(CONTEXT, text)


def interface_locale():
    """The QGIS interface language, e.g. ``zh_CN``: QGIS writes ``locale/userLocale`` (also read by qgis_process)."""
    return normalize_locale(str(QgsSettings().value("locale/userLocale", "") or QLocale.system().name()))


def install_translator(locale=None):
    """Install the plugin's translation for ``locale`` (default: the QGIS locale); returns the file loaded or None.

    A previously installed plugin translation is removed first, so the language can be switched.
    """
    app = QCoreApplication.instance()
    while _translator:
        if app is not None:
            app.removeTranslator(_translator.pop())
        else:
            _translator.pop()
    translator = QTranslator()
    code = locale or interface_locale()
    if app is None or not translator.load(f"permafrost_magt_{code}", I18N_DIR):
        return None
    translator.setObjectName(code)
    app.installTranslator(translator)
    _translator.append(translator)
    return translator.filePath()


def report_locale():
    """Language code of the installed interface translation (e.g. ``zh_CN``) for the HTML reports; None = English."""
    return _translator[0].objectName() if _translator else None


def readme_anchor(heading):
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


class PermafrostAlgorithm(QgsProcessingAlgorithm):
    """Base class: name, group, tags and help come from class attributes, in one place.

    Subclasses set ``NAME`` (algorithm id), ``DISPLAY`` (title), ``GROUP`` (a key of ``GROUPS``),
    ``HELP`` (plain text, or a tuple of plain-text paragraphs; formatted with ``HELP_ARGS`` when given),
    ``TAGS`` (search words in English and Chinese) and ``README_SECTION`` (the README anchor of the Help
    button), and add parameters with :meth:`add`, which translates each parameter and records its help so
    the dialog's help panel lists every parameter. All English texts go through :func:`tr`.
    """

    NAME = ""
    DISPLAY = ""
    GROUP = ""
    HELP = ""
    HELP_ARGS = {}
    TAGS = ()
    COMMON_TAGS = ("permafrost", "MAGT", "ground temperature", "多年冻土", "冻土", "地温", "年平均地温")
    README_SECTION = ""

    def __init__(self):
        super().__init__()
        self._param_help = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = _fail_when_cancelled(cls.__dict__["processAlgorithm"])

    def createInstance(self):
        return type(self)()

    def name(self):
        return self.NAME

    def displayName(self):
        return tr(self.DISPLAY)

    def group(self):
        return tr(GROUPS[self.GROUP])

    def groupId(self):
        return self.GROUP

    def icon(self):
        return QIcon(self.svgIconPath())

    def svgIconPath(self):  # noqa: N802 (QGIS API name)
        return os.path.join(ICONS_DIR, f"group_{self.GROUP}.svg")

    def tags(self):
        return list(dict.fromkeys(self.TAGS + self.COMMON_TAGS))

    def helpUrl(self):  # noqa: N802 (QGIS API name)
        """The README shipped with the plugin, at this algorithm's section (GitHub-style heading anchor)."""
        if not os.path.isfile(README):
            return ""
        url = QUrl.fromLocalFile(README)
        if self.README_SECTION:
            url.setFragment(readme_anchor(self.README_SECTION))
        return url.toString()

    def add(self, parameter, help_text, advanced=False):
        """Add a parameter (or output) with its help text, both translated; ``advanced`` hides it under Advanced."""
        if not help_text:
            raise ValueError(f"parameter {parameter.name()} needs help text")
        parameter.setDescription(tr(parameter.description()))
        if hasattr(parameter, "options") and hasattr(parameter, "setOptions"):
            parameter.setOptions([tr(o) for o in parameter.options()])
        if hasattr(parameter, "headers") and hasattr(parameter, "setHeaders"):
            parameter.setHeaders([tr(h) for h in parameter.headers()])
        parameter.setHelp(tr(help_text))
        if advanced:
            parameter.setFlags(parameter.flags() | parameter.FlagAdvanced)
        self._param_help.append((parameter.description(), parameter.help()))
        if parameter.isDestination():
            self.addParameter(parameter, createOutput=True)
        else:
            self.addParameter(parameter)
        return parameter

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API name)
        ok, message = super().checkParameterValues(parameters, context)
        clash = output_input_clash(self, parameters, context) if ok else None
        return (False, clash) if clash else (ok, message)

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        """Refuse an output that is one of the inputs on every run path (dialog, batch, model, qgis_process)."""
        clash = output_input_clash(self, parameters, context)
        if clash:
            self.fail(clash)
        return True

    def addOutput(self, output):  # noqa: N802 (QGIS API name)
        """Add an output with its description translated."""
        output.setDescription(tr(output.description()))
        return super().addOutput(output)

    def help_paragraphs(self):
        """The translated help paragraphs (plain text)."""
        parts = self.HELP if isinstance(self.HELP, tuple) else (self.HELP,)
        return [tr(p).format(**self.HELP_ARGS) if self.HELP_ARGS else tr(p) for p in parts]

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        def esc(text):
            return html.escape(text, quote=False)

        text = "".join(f"<p>{esc(p)}</p>" for p in self.help_paragraphs())
        items = "".join(f"<dt><b>{esc(d)}</b></dt><dd>{esc(h)}</dd>" for d, h in self._param_help)
        return f"{text}<h3>{esc(tr('Parameters'))}</h3><dl>{items}</dl>"

    @staticmethod
    def fail(message):
        """Raise the exception Processing shows to the user."""
        raise QgsProcessingException(message)


def _fail_when_cancelled(process):
    """Wrap ``processAlgorithm`` so that a cancelled run that returned no results raises, and SIGTERM
    (after the temporaries were removed) ends in a message, not a traceback.

    Without it a cancelled ``qgis_process`` run (Ctrl+C), batch row or model step would end as a
    success with no outputs (exit code 0).
    """

    @functools.wraps(process)
    def wrapper(self, parameters, context, feedback):
        try:
            results = process(self, parameters, context, feedback)
        except Terminated:
            raise QgsProcessingException(tr("Terminated (SIGTERM): no output was written.")) from None
        if not results and feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled: no output was written."))
        return results

    return wrapper


def feedback_callables(feedback, start=0.0, stop=100.0):
    """Plain ``progress(fraction)`` and ``is_cancelled()`` callables for the core, from a feedback."""

    def progress(fraction):
        if feedback is not None:
            feedback.setProgress(start + (stop - start) * min(max(fraction, 0.0), 1.0))

    def is_cancelled():
        return feedback is not None and feedback.isCanceled()

    return progress, is_cancelled
