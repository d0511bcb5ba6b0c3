"""Calibrate per-class n-factors (and optionally an organic-layer thickness) to measured ground temperatures."""

import math
from dataclasses import dataclass, field

import numpy as np

from .fit import N_FREEZING, N_THAWING, ORGANIC, Fitter, Problem, standard_errors
from ..regional.inputs import RegionInputs, check_inputs, check_on_grid
from ..regional.workers import open_engine
from .forward import BatchRunner, ColumnSet, SiteModel
from ..prep.soil_rasters import soil_layer_names
from .sites import gather_sites


@dataclass
class ClassFit:
    """Prior and fitted parameters of one land-cover class (order of ``kinds``), with standard errors."""

    cls: int
    sites: int
    prior: np.ndarray
    fitted: np.ndarray
    se: np.ndarray
    at_bound: list


@dataclass
class CalibrationResult:
    """Everything the outputs and the report need; model values are per target (°C)."""

    targets: list
    site_of_target: np.ndarray
    sites: object
    unplaced: list
    kinds: list
    classes: dict
    observed: np.ndarray
    before: np.ndarray
    after: np.ndarray
    cv: np.ndarray
    stats: dict
    warnings: list = field(default_factory=list)
    columns_run: int = 0


def statistics(model, observed):
    """n, bias (model − observed), RMSE and Pearson r over finite pairs (°C)."""
    ok = np.isfinite(model) & np.isfinite(observed)
    n = int(ok.sum())
    if n == 0:
        return {"n": 0, "bias": math.nan, "rmse": math.nan, "r": math.nan}
    e = model[ok] - observed[ok]
    r = math.nan
    if n > 1 and np.std(model[ok]) > 0 and np.std(observed[ok]) > 0:
        r = float(np.corrcoef(model[ok], observed[ok])[0, 1])
    return {"n": n, "bias": float(e.mean()), "rmse": float(np.sqrt((e ** 2).mean())), "r": r}


def _check_years(targets, settings):
    years = set(settings.years)
    for t in targets:
        outside = sorted(set(t.years) - years)
        if outside:
            raise ValueError(f"Observations: site '{t.site}' at {t.depth_m:g} m has years {outside} outside the "
                             f"simulated period {settings.first_year}–{settings.last_year}; widen the period")


def calibrate(targets, climate, soil, landcover, table, settings, fit_organic=False, max_km=0.0,
              sigma_obs_c=0.5, prior_sd=N_FREEZING.prior_sd, cross_validate=True, geothermal=None,
              progress=None, is_cancelled=None, log=print):
    """Fit the classes present at the sites; see :class:`CalibrationResult`.

    ``table`` is the prior {class: (n_freezing, n_thawing)}; ``prior_sd`` the prior standard deviation of
    the n-factors (0: no regularisation); ``sigma_obs_c`` the measurement + representativeness error of a
    site (°C). With ``cross_validate`` every site is also left out once and predicted from the others.
    """
    checked = check_inputs(RegionInputs(climate=climate, soil=soil, geothermal=geothermal), settings)
    check_on_grid("Land cover", landcover, checked.grid)
    _check_years(targets, settings)
    if fit_organic and soil_layer_names(soil)[:1] == ["organic"]:
        raise ValueError("Soil thermal properties: the raster already holds an organic layer; prepare the soil "
                         "without one to fit its thickness")
    names = list(dict.fromkeys(t.site for t in targets))
    first = {t.site: t for t in reversed(targets)}
    sites, unplaced = gather_sites([(n, first[n].lon, first[n].lat) for n in names], checked, settings, landcover,
                                   table, max_km)
    warnings = [f"site '{u.name}' ({u.lon:.4f}, {u.lat:.4f}) is not used: {u.reason}" for u in unplaced]
    index = {n: i for i, n in enumerate(sites.names)}
    used = [t for t in targets if t.site in index]
    site_of_target = np.array([index[t.site] for t in used])
    model = SiteModel(sites, settings, used, site_of_target)
    observed = np.full(model.target_index.shape, np.nan)
    for s, idx in enumerate(model.site_targets):
        observed[s, :idx.size] = [used[i].value_c for i in idx]

    kinds = [N_FREEZING, N_THAWING] + ([ORGANIC] if fit_organic else [])
    regular = prior_sd > 0
    # the organic layer's prior SD scales with the n-factors' (the user sets one strength of regularisation)
    sds = np.array([k.prior_sd * prior_sd / N_FREEZING.prior_sd for k in kinds]) if regular else \
        np.full(len(kinds), np.inf)
    classes = sorted(set(sites.landcover.tolist()))
    prior = {c: np.array(list(table[c]) + ([0.0] if fit_organic else [])) for c in classes}
    nsite = len(sites.names)
    nparam = len(classes) * len(kinds)
    if not regular and nsite < nparam:
        raise ValueError(f"Observations: {nsite} site(s) for {nparam} parameters ({len(classes)} land-cover "
                         f"classes × {len(kinds)}); add sites, fit fewer parameters or keep the regularisation on")
    for c in classes:
        n = int((sites.landcover == c).sum())
        if n < len(kinds):
            warnings.append(f"class {c}: {n} site(s) for {len(kinds)} parameters; its values stay close to the "
                            "prior (regularisation) and are poorly determined")
    log(f"Calibrating {nparam} parameters of {len(classes)} land-cover class(es) on {nsite} sites "
        f"({len(used)} site-depth means)")

    def problem(c, members):
        return Problem(c, np.asarray(members, dtype=int), prior[c].copy(), sds.copy())

    full = [problem(c, np.flatnonzero(sites.landcover == c)) for c in classes]
    folds = [problem(sites.landcover[s], [m for m in np.flatnonzero(sites.landcover == sites.landcover[s]) if m != s])
             for s in range(nsite)] if cross_validate else []
    with open_engine(settings.dask_scheduler, settings.workers) as engine:
        runner = BatchRunner(model, engine)
        fitter = Fitter(runner, observed, sigma_obs_c, kinds, is_cancelled=is_cancelled,
                        progress=(lambda f: progress(0.05 + 0.85 * f)) if progress else None)
        before = _values_at(runner, [(np.arange(nsite), np.array([prior[c] for c in sites.landcover]))],
                            is_cancelled)[0]
        fitter.run(full + folds)
        fitted = {p.cls: p for p in full}
        sets = [(np.arange(nsite), np.array([fitted[c].theta for c in sites.landcover]))]
        if folds:
            sets.append((np.arange(nsite), np.array([p.theta for p in folds])))
        values = _values_at(runner, sets, is_cancelled)
    after, cv = values[0], (values[1] if folds else np.full_like(values[0], np.nan))

    fits = {}
    for c, p in fitted.items():
        se = standard_errors(p, p.sites.size)
        bound = [k.name for k, v in zip(kinds, p.theta) if np.isclose(v, k.lower) or np.isclose(v, k.upper)]
        fits[c] = ClassFit(c, p.sites.size, p.prior, p.theta, se, bound)
        if bound:
            warnings.append(f"class {c}: {', '.join(bound)} stopped at its bound")
    flat = _per_target(model, observed)
    result = CalibrationResult(
        targets=[used[i] for i in np.concatenate(model.site_targets)],
        site_of_target=np.concatenate([np.full(idx.size, s) for s, idx in enumerate(model.site_targets)]),
        sites=sites, unplaced=unplaced, kinds=kinds, classes=fits, observed=flat,
        before=_per_target(model, before), after=_per_target(model, after),
        cv=_per_target(model, cv), stats={}, warnings=warnings, columns_run=runner.columns_run)
    result.stats = {"before": statistics(result.before, flat), "after": statistics(result.after, flat),
                    "cv": statistics(result.cv, flat)}
    if progress:
        progress(1.0)
    return result


def _values_at(runner, sets, is_cancelled):
    """Model values (nsite, kmax) for each (sites, parameters (nsite, P)) in one solver batch."""
    site = np.concatenate([s for s, _ in sets])
    theta = np.concatenate([t for _, t in sets])
    columns = ColumnSet(site, theta[:, 0], theta[:, 1], theta[:, 2] if theta.shape[1] > 2 else None)
    values = runner.run(columns, is_cancelled)
    out, start = [], 0
    for s, _ in sets:
        out.append(values[start:start + s.size])
        start += s.size
    return out


def _per_target(model, values):
    """Flatten (nsite, kmax) values to targets in site order."""
    return np.concatenate([values[s, :idx.size] for s, idx in enumerate(model.site_targets)])
