"""Shared base class of every permafrost_magt Processing algorithm."""

import functools
import html

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..core.interrupt import Terminated
from .io_clash import output_input_clash

GROUPS = {
    "input": "Input preparation",
    "model": "Model",
    "analysis": "Analysis",
}


class PermafrostAlgorithm(QgsProcessingAlgorithm):
    """Base class: name, group and help come from class attributes, in one place.

    Subclasses set ``NAME`` (algorithm id), ``DISPLAY`` (title), ``GROUP`` (a key of ``GROUPS``),
    ``HELP`` (a paragraph, plain text or simple HTML) and add parameters with :meth:`add`, which
    records each parameter's help so the dialog's help panel lists every parameter.
    """

    NAME = ""
    DISPLAY = ""
    GROUP = ""
    HELP = ""

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
        return self.DISPLAY

    def group(self):
        return GROUPS[self.GROUP]

    def groupId(self):
        return self.GROUP

    def add(self, parameter, help_text, advanced=False):
        """Add a parameter (or output) with its help text; ``advanced`` hides it under Advanced."""
        if not help_text:
            raise ValueError(f"parameter {parameter.name()} needs help text")
        parameter.setHelp(help_text)
        if advanced:
            parameter.setFlags(parameter.flags() | parameter.FlagAdvanced)
        self._param_help.append((parameter.description(), help_text))
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

    def shortHelpString(self):
        items = "".join(f"<dt><b>{html.escape(d)}</b></dt><dd>{html.escape(h)}</dd>" for d, h in self._param_help)
        return f"<p>{self.HELP}</p><h3>Parameters</h3><dl>{items}</dl>"

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
            raise QgsProcessingException("Terminated (SIGTERM): no output was written.") from None
        if not results and feedback is not None and feedback.isCanceled():
            raise QgsProcessingException("Cancelled: no output was written.")
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
