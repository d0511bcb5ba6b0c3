"""1-D implicit enthalpy heat-conduction model of permafrost columns (pure NumPy/SciPy).

Public API: :class:`Layers`, :func:`make_grid`, :func:`simulate` -> :class:`SimulationResult`,
:func:`ttop`, :func:`equilibrium_profile`, :func:`monthly_to_daily`, :class:`Cancelled`,
:data:`DEFAULT_DT_DAYS`.
"""

from .forcing import monthly_to_daily
from .grid import make_grid
from .layers import Layers
from .simulate import DEFAULT_DT_DAYS, Cancelled, SimulationResult, simulate
from .ttop import equilibrium_profile, ttop

__all__ = ["Layers", "make_grid", "simulate", "SimulationResult", "ttop", "equilibrium_profile",
           "monthly_to_daily", "Cancelled", "DEFAULT_DT_DAYS"]
