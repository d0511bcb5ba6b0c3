"""Regularised, bounded least squares of per-class surface parameters, many problems in lockstep.

A *problem* fits the parameters of one land-cover class to the targets of its training sites. Classes
share no parameter, so the full fit splits into one problem per class and leave-one-site-out
cross-validation into one problem per left-out site. Every round of the Levenberg–Marquardt iteration
gathers the columns all active problems need (the trial point and its finite-difference perturbations,
for every training site) into one solver batch.

Residuals: site s with k_s target depths contributes (model − observed) / (σ_obs √k_s) per depth, so
every site weighs the same; the prior adds (θ − θ_prior) / σ_prior per parameter (Tikhonov
regularisation towards the prior table, Aster et al. 2013, ch. 4).
"""

from dataclasses import dataclass, field

import numpy as np

from .forward import ColumnSet


STEP_TOL = 1e-2
"""Converged when the last accepted step moved no parameter by more than this (n-factor or metre units)."""
GAIN_TOL = 1e-3
"""… or when it lowered the cost by less than this fraction."""


@dataclass(frozen=True)
class Kind:
    """A fitted quantity: bounds, finite-difference step and prior standard deviation (its units)."""

    name: str
    lower: float
    upper: float
    step: float
    prior_sd: float


N_FREEZING = Kind("n_freezing", 0.1, 1.2, 0.02, 0.15)
N_THAWING = Kind("n_thawing", 0.4, 1.6, 0.02, 0.15)
ORGANIC = Kind("organic_m", 0.0, 0.5, 0.02, 0.10)
"""Bounds span the n-factors measured under snow, forest, moss and bare or paved ground (Lunardini 1978;
Klene et al. 2001; Karunaratne & Burn 2004) and moss/peat layers up to 0.5 m."""


@dataclass
class Problem:
    """One class's fit: training sites, prior, and the iteration state."""

    cls: int
    sites: np.ndarray
    prior: np.ndarray
    prior_sd: np.ndarray
    theta: np.ndarray = None
    cost: float = np.inf
    residual: np.ndarray = None
    jacobian: np.ndarray = None
    lam: float = 1e-2
    rounds: int = 0
    done: bool = False
    trial: np.ndarray = field(default=None, repr=False)

    @property
    def nparam(self):
        return self.prior.size


def _perturbed(theta, kinds):
    """(P+1, P) parameter sets: theta, then theta with parameter j stepped (backwards at the upper bound)."""
    sets = np.repeat(theta[None, :], theta.size + 1, axis=0)
    steps = np.array([k.step for k in kinds])
    upper = np.array([k.upper for k in kinds])
    steps = np.where(theta + steps > upper, -steps, steps)
    sets[1 + np.arange(theta.size), np.arange(theta.size)] += steps
    return sets


class Fitter:
    """Runs problems to convergence with batched model evaluations (see the module docstring)."""

    def __init__(self, model, observed, sigma_obs_c, kinds, max_rounds=20, is_cancelled=None, progress=None):
        self.model, self.kinds = model, list(kinds)
        self.observed = observed
        counts = np.isfinite(observed).sum(axis=1)
        self.weight = 1.0 / (sigma_obs_c * np.sqrt(np.maximum(counts, 1)))[:, None]
        self.max_rounds = max_rounds
        self.is_cancelled, self.progress = is_cancelled, progress
        self.lower = np.array([k.lower for k in self.kinds])
        self.upper = np.array([k.upper for k in self.kinds])

    def residuals(self, problem, theta, values):
        """Residual vector (observations then prior) of ``problem`` at ``theta`` from its sites' model values."""
        obs = self.observed[problem.sites]
        ok = np.isfinite(obs)
        r_obs = ((values - obs) * self.weight[problem.sites])[ok]
        regular = np.isfinite(problem.prior_sd)
        r_prior = ((theta - problem.prior) / np.where(regular, problem.prior_sd, 1.0))[regular]
        return np.concatenate([r_obs, r_prior])

    def _evaluate(self, requests):
        """Model values for [(problem, sets (n, P))]: list of (n, nsite_p, kmax) arrays, one solver batch."""
        site, nf, nt, org = [], [], [], []
        for problem, sets in requests:
            for theta in sets:
                site.append(problem.sites)
                n = problem.sites.size
                nf.append(np.full(n, theta[0]))
                nt.append(np.full(n, theta[1]))
                org.append(np.full(n, theta[2]) if theta.size > 2 else np.zeros(n))
        if not site:
            return []
        has_org = any(sets.shape[1] > 2 for _, sets in requests)
        columns = ColumnSet(np.concatenate(site), np.concatenate(nf), np.concatenate(nt),
                            np.concatenate(org) if has_org else None)
        values = self.model.run(columns, self.is_cancelled)
        out, start = [], 0
        for problem, sets in requests:
            n = problem.sites.size * len(sets)
            out.append(values[start:start + n].reshape(len(sets), problem.sites.size, -1))
            start += n
        return out

    def _linearise(self, problem, theta, values, steps):
        r0 = self.residuals(problem, theta, values[0])
        jac = np.empty((r0.size, theta.size))
        for j in range(theta.size):
            shifted = theta.copy()
            shifted[j] += steps[j]
            jac[:, j] = (self.residuals(problem, shifted, values[j + 1]) - r0) / steps[j]
        return r0, jac

    def run(self, problems):
        """Fit every problem in place (``theta``, ``cost``, ``residual``, ``jacobian`` at the solution)."""
        for p in problems:
            p.theta = np.clip(p.prior.astype(float), self.lower[:p.nparam], self.upper[:p.nparam])
            p.trial = p.theta
        active = [p for p in problems if p.sites.size]
        for p in problems:
            if not p.sites.size:
                p.done, p.cost = True, 0.0
        for round_ in range(self.max_rounds + 1):
            if not active:
                break
            requests = [(p, _perturbed(p.trial, self.kinds[:p.nparam])) for p in active]
            results = self._evaluate(requests)
            for (p, sets), values in zip(requests, results):
                steps = sets[1:].diagonal() - p.trial if p.nparam else np.array([])
                r, jac = self._linearise(p, p.trial, values, steps)
                cost = 0.5 * float(r @ r)
                moved = np.abs(p.trial - p.theta).max() if p.residual is not None else np.inf
                if cost <= p.cost:
                    gain = p.cost - cost
                    p.theta, p.cost, p.residual, p.jacobian = p.trial, cost, r, jac
                    p.lam = max(p.lam / 3.0, 1e-6)
                    p.done = bool(p.rounds) and (gain < GAIN_TOL * max(cost, 1e-12) or moved < STEP_TOL)
                else:
                    p.lam *= 4.0
                    p.done = moved < STEP_TOL
                p.rounds += 1
                if not p.done:
                    p.trial = self._step(p)
                    p.done = np.abs(p.trial - p.theta).max() < STEP_TOL / 10
            active = [p for p in active if not p.done and p.rounds <= self.max_rounds]
            if self.progress:
                self.progress((round_ + 1) / (self.max_rounds + 1))
        return problems

    def _step(self, p):
        jac, r = p.jacobian, p.residual
        jtj = jac.T @ jac
        a = jtj + p.lam * np.diag(np.maximum(np.diag(jtj), 1e-9))
        delta = -np.linalg.solve(a, jac.T @ r)
        return np.clip(p.theta + delta, self.lower[:p.nparam], self.upper[:p.nparam])


def standard_errors(problem, n_sites):
    """Standard errors of the fitted parameters from the Gauss–Newton covariance (J^T J)^-1.

    The covariance is scaled by the reduced χ² of the site misfit when that exceeds 1 (the observations
    scatter more than σ_obs says), with n_sites − P degrees of freedom.
    """
    jac = problem.jacobian
    if jac is None:
        return np.full(problem.nparam, np.nan)
    cov = np.linalg.pinv(jac.T @ jac)
    nprior = int(np.isfinite(problem.prior_sd).sum())
    r_obs = problem.residual[:problem.residual.size - nprior]
    dof = n_sites - problem.nparam
    scale = max(1.0, float(r_obs @ r_obs) / dof) if dof > 0 else 1.0
    return np.sqrt(np.maximum(np.diag(cov), 0.0) * scale)
