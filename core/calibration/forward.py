"""The model at the sites for many parameter sets at once: every (site, parameter set) is one solver column."""

import dataclasses

import numpy as np

from ..heat import Layers, make_grid, simulate
from ..prep.soil_rasters import organic_layer
from ..regional.columns import layers_from_soil, yearly_air

@dataclasses.dataclass(frozen=True)
class ColumnSet:
    """Columns to simulate: site index and n-factors per column, and organic thickness (m) or None."""

    site: np.ndarray
    n_freezing: np.ndarray
    n_thawing: np.ndarray
    organic_m: np.ndarray = None

    def take(self, part):
        """The columns selected by ``part`` (a slice or index array)."""
        return ColumnSet(self.site[part], self.n_freezing[part], self.n_thawing[part],
                         None if self.organic_m is None else self.organic_m[part])


class SiteModel:
    """Simulates the sites' columns over the run years and returns the model value of their targets.

    ``targets`` are :class:`~core.calibration.targets.Target` s measured at site ``site_of_target``
    (index into ``inputs``). A target's model value is the annual mean at its depth averaged over its
    years (all run years when it has none).
    """

    def __init__(self, inputs, settings, targets, site_of_target):
        self.inputs, self.settings = inputs, settings
        years = settings.years
        self.depths = np.array(sorted({t.depth_m for t in targets}))
        site_of_target = np.asarray(site_of_target)
        nsite = len(inputs.names)
        self.site_targets = [np.flatnonzero(site_of_target == s) for s in range(nsite)]
        kmax = max(len(t) for t in self.site_targets)
        self.target_index = np.full((nsite, kmax), -1)
        for s, idx in enumerate(self.site_targets):
            self.target_index[s, :idx.size] = idx
        self._depth_index = np.searchsorted(self.depths, [t.depth_m for t in targets])
        self._year_weights = np.zeros((len(targets), len(years)))
        for i, t in enumerate(targets):
            use = [years.index(y) for y in t.years] if t.years else list(range(len(years)))
            self._year_weights[i, use] = 1.0 / len(use)
        self.nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
        self.air = yearly_air(inputs.climate, years, settings.trend_c_per_decade, settings.climatology_year)

    def run(self, columns, is_cancelled=None):
        """(ncolumn, kmax) model values of each column's site targets, in ``site_targets`` order (NaN padded)."""
        site = columns.site
        layers = layers_from_soil(self.inputs.soil[site].T)
        if columns.organic_m is not None:
            layers = with_organic_layer(layers, columns.organic_m)
        flux = (self.inputs.geothermal[site] if self.inputs.geothermal is not None
                else self.settings.geothermal_flux_w_m2)
        kwargs = {"dt_days": self.settings.dt_days} if self.settings.dt_days else {}
        res = simulate(layers, self.nodes, monthly_air_c=self.air[site], n_freezing=columns.n_freezing,
                       n_thawing=columns.n_thawing, geothermal_flux_w_m2=flux, years=len(self.settings.years),
                       spinup_years=self.settings.spinup_years, output_depths_m=tuple(self.depths),
                       is_cancelled=is_cancelled, **kwargs)
        annual = res.annual_mean_c.transpose(1, 2, 0)  # (ncol, ndepth, nyears)
        tidx = self.target_index[site]  # (ncol, kmax)
        safe = np.maximum(tidx, 0)
        series = np.take_along_axis(annual, self._depth_index[safe][:, :, None], axis=1)  # (ncol, kmax, nyears)
        values = (series * self._year_weights[safe]).sum(axis=2)
        return np.where(tidx >= 0, values, np.nan)


def simulate_columns(model, columns, is_cancelled=None):
    """``model.run(columns)``: a task for an engine of ``core.regional.workers`` (module level, so it pickles)."""
    return model.run(columns, is_cancelled)


CHUNK_COLUMNS = 256
"""Columns per task. Fixed, not derived from the number of workers, so that every engine splits a batch the same
way and the values are bit for bit the same on one worker, on several or on a Dask cluster."""


class BatchRunner:
    """Runs a :class:`SiteModel`'s batches on an engine (``core.regional.workers.open_engine``) in tasks of
    ``chunk_columns`` columns."""

    def __init__(self, model, engine, chunk_columns=CHUNK_COLUMNS):
        self.model, self.engine, self.chunk_columns = model, engine, chunk_columns
        self.columns_run = 0

    def run(self, columns, is_cancelled=None):
        """As :meth:`SiteModel.run`."""
        n = columns.site.size
        self.columns_run += n
        starts = range(0, n, self.chunk_columns)
        tasks = [(self.model, columns.take(slice(a, a + self.chunk_columns))) for a in starts]
        values = [None] * len(tasks)
        for index, part in self.engine.map(simulate_columns, tasks, is_cancelled):
            values[index] = part
        return np.concatenate(values)


def with_organic_layer(layers, thickness_m):
    """``layers`` with a peat layer of ``thickness_m`` (ncol,) on top; thinner than 1 cm it is kept 1 cm thick
    (thermally negligible), as :func:`core.prep.soil_rasters.organic_layer` makes it."""
    ncol = layers.ncol
    peat = organic_layer(thickness_m, (ncol,))
    fields = {}
    for f in dataclasses.fields(Layers):
        top = np.asarray(peat[f.name], float).reshape(ncol, 1)
        if f.name in ("unfrozen_a", "unfrozen_b"):
            top = np.full((ncol, 1), np.nan)  # peat water freezes freely
        fields[f.name] = np.concatenate([top, getattr(layers, f.name)], axis=1)
    return Layers(**fields)
