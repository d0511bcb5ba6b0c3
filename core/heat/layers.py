"""Soil layers of a batch of columns and their validation."""

from dataclasses import dataclass

import numpy as np

_FIELDS = ("thickness_m", "k_frozen", "k_thawed", "c_frozen", "c_thawed", "water_content", "unfrozen_a", "unfrozen_b")


@dataclass
class Layers:
    """Per-column, per-layer soil properties; every field is a float array of shape (ncol, nlayer).

    thickness_m (m, > 0; the last layer extends to the grid bottom, its thickness is ignored),
    k_frozen, k_thawed (W/m/K, > 0), c_frozen, c_thawed (volumetric heat capacity, J/m3/K, > 0),
    water_content (total volumetric water + ice, m3/m3, in [0, 1]),
    unfrozen_a, unfrozen_b: unfrozen-water curve theta_u = a*|T|^(-b) (T in °C) capped at water_content;
    NaN in unfrozen_a means free water that all freezes at 0 °C (unfrozen_b is then ignored).
    """

    thickness_m: np.ndarray
    k_frozen: np.ndarray
    k_thawed: np.ndarray
    c_frozen: np.ndarray
    c_thawed: np.ndarray
    water_content: np.ndarray
    unfrozen_a: np.ndarray
    unfrozen_b: np.ndarray

    def __post_init__(self):
        arrays = [np.atleast_2d(np.asarray(getattr(self, f), dtype=float)) for f in _FIELDS]
        shape = arrays[0].shape
        for name, arr in zip(_FIELDS, arrays):
            if arr.ndim != 2 or arr.shape != shape:
                raise ValueError(f"layers.{name} must have shape (ncol, nlayer) = {shape}, got {arr.shape}")
            setattr(self, name, arr)
        if shape[0] < 1 or shape[1] < 1:
            raise ValueError("layers must hold at least one column and one layer")
        _check_positive(self.thickness_m, "thickness_m")
        for name in ("k_frozen", "k_thawed", "c_frozen", "c_thawed"):
            _check_positive(getattr(self, name), name)
        _check(self.water_content, "water_content", lambda v: np.isfinite(v) & (v >= 0) & (v <= 1), "be in [0, 1]")
        curve = np.isfinite(self.unfrozen_a)
        _check(np.where(curve, self.unfrozen_a, 1.0), "unfrozen_a", lambda v: v > 0, "be > 0 or NaN (free water)")
        _check(np.where(curve, self.unfrozen_b, 1.0), "unfrozen_b", lambda v: np.isfinite(v) & (v > 0),
               "be > 0 where unfrozen_a is set")

    @property
    def ncol(self):
        return self.thickness_m.shape[0]

    @property
    def nlayer(self):
        return self.thickness_m.shape[1]

    def take(self, columns):
        """Layers of the selected columns (index array or slice)."""
        return Layers(*[getattr(self, f)[columns] for f in _FIELDS])


def _check_positive(values, name):
    _check(values, name, lambda v: np.isfinite(v) & (v > 0), "be > 0")


def _check(values, name, ok, what):
    bad = np.argwhere(~ok(values))
    if bad.size:
        col, layer = bad[0]
        where = "" if values.shape[0] == 1 else f" (column {col})"
        raise ValueError(f"layers[{layer}].{name}{where} must {what}, got {values[col, layer]!r}")
