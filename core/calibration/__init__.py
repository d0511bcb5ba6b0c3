"""Calibration of the model's surface parameters to measured ground temperatures (boreholes, soil thermometers).

Public API: :func:`targets_from_rows`, :func:`calibrate` → :class:`CalibrationResult`, and the writers in
:mod:`.outputs` and :mod:`.report`.
"""

from .calibrate import CalibrationResult, calibrate, statistics
from .targets import Target, targets_from_rows

__all__ = ["calibrate", "CalibrationResult", "statistics", "Target", "targets_from_rows"]
