"""One fully implicit (backward-Euler) enthalpy step for a batch of columns.

Unknowns are the node enthalpies H (J/m3) of nodes 1..N-1; node 0 holds the prescribed surface
temperature and the bottom face receives the geothermal flux q (W/m2). Temperatures always follow
from H exactly, T = T(H) (closed form for free water, where 0 < H < Lv is the isothermal phase change
at 0 °C; a converged scalar Newton inversion on the power-law branch). Each iteration linearises
T(H) around the current state (D = dT/dH, which is 0 in the isothermal range, so no apparent heat
capacity or smoothing width is needed), lags the conductances (Picard), solves the tridiagonal system
for dH and adds dH to H exactly. Safeguards: the first iterate is the state extrapolated from the two
previous steps (where no phase-state change is involved); from the third iteration a node whose phase
state changed uses the chord slope of T(H) between its last two iterates; a column whose largest
residual grew halves its next update (which then grows back x2 per calm iteration, x1.25 after the
eighth: this damps the cycles Newton can fall into across the kinks of T(H)). A column has
converged when every node's energy residual, divided by V*C/dt (so in kelvin), is below ``tol_c``
(1e-4 K) and its relative energy residual (see :meth:`Stepper.step`) is below ``energy_tol`` (1e-9).
Converged columns are left untouched by later iterations, so a column's result does not depend on the
batch it is in; once few columns are left iterating they are gathered into a compact sub-batch so the
slow ones do not cost a full-batch iteration each.

A column still unconverged after ``max_iter`` (40) iterations (counted in ``substepped``) is re-stepped
from the start of the step, alone with the other such columns. The lagged conductances are what
stalls it: where the conductivity changes strongly with the unfrozen fraction (peat: k_f/k_t ~ 2.7) and
the step is long (small V/dt), Picard on K converges linearly at a rate near 1 across a thawing or
freezing node (measured: the residual falls x0.82 per iteration). The re-step therefore uses the exact
Jacobian, with dK/dH = dK/df * df/dH of both neighbours, and where that does not converge either, two
half steps, recursively, up to ``max_halvings`` (10) times. A step still unconverged then is accepted
and counted in ``unconverged``.
"""

import numpy as np

from .properties import curve_fraction, curve_slope, surface_fraction
from .tridiagonal import solve_tridiagonal

_CHORD_AFTER = 2  # from this iteration on, a node that changed phase state uses the chord slope of T(H)
_SLOW_RECOVERY_AFTER = 8  # later, a halved update grows back by 1.25 (not 2) per calm iteration
_INVERSION_TOL_C = 1e-10
_INVERSION_MAX_ITER = 60
_COMPACT_BELOW = 0.5  # gather the still-iterating columns when fewer than this fraction remain
_COMPACT_MIN_COLUMNS = 32
MAX_ITERATIONS = 40  # Newton iterations of a step before it is re-stepped
ENERGY_TOLERANCE = 1e-9  # largest relative energy residual of a converged step
_MAX_HALVINGS = 10  # a step that does not converge is re-stepped in up to 2**10 sub-steps


class _Columns:
    """Per-column constants of the iteration for one set of columns."""

    def __init__(self, mat, q, dt, tol_c, exact=False):
        self.mat, self.q, self.dt, self.tol_c = mat, q, dt, tol_c
        self.exact = exact  # Jacobian with the conductances' dependence on the unfrozen fraction
        n, ncol = mat.latent.shape
        self.ncol = ncol
        self.storage_coef = mat.volume[1:] / dt  # V/dt, (n-1, 1)
        self.tol_scaled = tol_c * mat.c_min[1:] * self.storage_coef  # residual (W/m2) worth tol_c
        flat = mat.curve_flat
        self.c_f = mat.c_frozen.ravel()[flat]
        self.c_t = mat.c_thawed.ravel()[flat]
        self.lv = mat.latent.ravel()[flat]
        self.h_star = self.c_f * mat.curve_t_star + self.lv
        # lower enthalpy bound of the middle phase state: 0 (free water) or H(T*) (power law)
        self.h_low = np.zeros((n - 1, ncol))
        self.h_low.ravel()[flat - ncol] = self.h_star

    def take(self, columns, dt=None, exact=None):
        """The constants of the selected columns, optionally for another step ``dt`` (s) or Jacobian."""
        return _Columns(self.mat.take(columns), self.q[columns], self.dt if dt is None else dt, self.tol_c,
                        self.exact if exact is None else exact)

    def phase(self, h):
        """0 frozen, 1 partly frozen (isothermal for free water), 2 thawed, from H of nodes 1.."""
        return (h >= self.h_low).view(np.int8) + (h > self.mat.latent[1:]).view(np.int8)

    def linearise(self, t, h, fraction, dtdh):
        """Unfrozen fraction and D = dT/dH of nodes 1.. at the state (t, h), written in place; with
        ``exact``, also returns G = d(fraction)/dH of every node (row 0, the fixed surface, is 0)."""
        mat = self.mat
        hi = h[1:]
        f = fraction[1:]
        np.multiply(hi, mat.inv_latent[1:], out=f)
        np.minimum(f, 1.0, out=f)
        np.maximum(f, 0.0, out=f)
        d = dtdh[1:]
        np.multiply(hi < 0.0, mat.inv_c_frozen[1:], out=d)
        d += (hi > mat.latent[1:]) * mat.inv_c_thawed[1:]
        flat = mat.curve_flat
        if flat.size:  # s from H = C_f T + Lv s on the frozen branch (T = T(H) holds), 1 above H(T*)
            tc = t.ravel()[flat]
            hc = h.ravel()[flat]
            s = np.where(hc < self.h_star, (hc - self.c_f * tc) / self.lv, 1.0)
            fraction.ravel()[flat] = s
            dtdh.ravel()[flat] = 1.0 / curve_slope(tc, s, self.c_f, self.c_t, self.lv, mat.curve_b, mat.curve_t_star)
        if not self.exact:
            return None
        g = np.zeros_like(fraction)
        np.multiply((hi > 0.0) & (hi < mat.latent[1:]), mat.inv_latent[1:], out=g[1:])
        if flat.size:  # ds/dT * dT/dH = b s / |T| * D below T*, 0 above
            tc = t.ravel()[flat]
            s = fraction.ravel()[flat]
            g.ravel()[flat] = np.where(tc < mat.curve_t_star, mat.curve_b * s / np.maximum(-tc, 1e-300), 0.0) \
                * dtdh.ravel()[flat]
        return g

    def conductance(self, fraction):
        """Conductances K_j (W/m2/K) between nodes j and j+1."""
        mat = self.mat
        r = mat.r_lower_frozen * np.exp(fraction[:-1] * mat.r_lower_log_ratio)
        r += mat.r_upper_frozen * np.exp(fraction[1:] * mat.r_upper_log_ratio)
        return np.reciprocal(r, out=r)

    def conductance_slopes(self, fraction, k):
        """(dK_j/df_j, dK_j/df_{j+1}) of the conductances ``k`` at the unfrozen fractions ``fraction``."""
        mat = self.mat
        k2 = -k * k
        lower = k2 * mat.r_lower_frozen * mat.r_lower_log_ratio * np.exp(fraction[:-1] * mat.r_lower_log_ratio)
        upper = k2 * mat.r_upper_frozen * mat.r_upper_log_ratio * np.exp(fraction[1:] * mat.r_upper_log_ratio)
        return lower, upper

    def temperature(self, t, h, h_before):
        """Set T = T(H) on nodes 1..: closed form for free-water and dry nodes, Newton inversion on
        power-law ones, where ``t`` holds T(``h_before``) on entry (``h_before``: H of the power-law
        nodes, in the order of ``curve_flat``)."""
        mat = self.mat
        flat = mat.curve_flat
        t_before = t.ravel()[flat]
        ti = t[1:]
        np.multiply(np.minimum(h[1:], 0.0), mat.inv_c_frozen[1:], out=ti)
        ti += np.maximum(h[1:] - mat.latent[1:], 0.0) * mat.inv_c_thawed[1:]
        if flat.size:
            t.ravel()[flat] = self._invert_curve(h.ravel()[flat], t_before, h_before)

    def _invert_curve(self, hn, t_before, h_before):
        """Exact T of power-law nodes with enthalpy ``hn``, given T = ``t_before`` at H = ``h_before``:
        linear above H(T*); unchanged where H is; on the convex frozen branch of H(T) Newton from the
        tangent prediction of the previous state (an upper bound of the root, T(H) being concave there;
        clamped at T*), which then approaches the root from above with error below (b+1)/(2|T|) step^2:
        it stops when that bound or the step itself is below the tolerance."""
        mat = self.mat
        t_star = mat.curve_t_star
        t_lin = (hn - self.lv) / np.where(hn >= self.lv, self.c_t, self.c_f)
        same = hn == h_before
        np.copyto(t_lin, t_before, where=same)
        frozen = (hn < self.h_star) & ~same
        if not frozen.any():
            return t_lin
        where = np.flatnonzero(frozen)
        target = hn[where]
        a, b, c_f, lv, star = mat.curve_a[where], mat.curve_b[where], self.c_f[where], self.lv[where], t_star[where]
        x = t_before[where]
        below = x < star  # the previous state was on the frozen branch: its tangent bounds the root from above
        x_safe = np.where(below, x, -1.0)
        hb = h_before[where]
        slope = c_f + b * (hb - c_f * x_safe) / -x_safe  # dH/dT = C_f + Lv b s/|T|, Lv s = H - C_f T
        x = np.minimum(np.where(below, x_safe + (target - hb) / slope, star), star)
        going = np.ones(x.size, dtype=bool)  # an entry that stopped is not changed again (batch independence)
        for _ in range(_INVERSION_MAX_ITER):
            s = curve_fraction(x, a, b)
            step = (c_f * x + lv * s - target) / (c_f + lv * b * s / -x)
            step *= going
            going = np.abs(step) >= _INVERSION_TOL_C
            going &= (b + 1.0) * step * step >= 2.0 * _INVERSION_TOL_C * -x
            x = np.minimum(x - step, star, out=x)
            if not going.any():
                break
            if going.sum() * 2 < going.size:  # carry on with the unconverged entries only
                t_lin[where] = x
                where, x, target, a, b, c_f, lv, star, going = (
                    v[going] for v in (where, x, target, a, b, c_f, lv, star, going))
        t_lin[where] = x
        return t_lin


class _Iterate:
    """Newton state of one set of columns: views or copies of the state arrays plus iteration memory."""

    def __init__(self, t, h, h_old, fraction, dtdh, ncol):
        self.t, self.h, self.h_old, self.fraction, self.dtdh = t, h, h_old, fraction, dtdh
        self.active = np.ones(ncol, dtype=bool)
        self.relax = np.ones(ncol)
        self.worst = np.full(ncol, np.inf)
        self.rel = np.zeros(ncol)
        self.chord = None  # (H, T, phase) of nodes 1.. at the previous iteration
        self.g = None  # d(fraction)/dH of every node (exact Jacobian only)

    def take(self, columns):
        sub = _Iterate(*(a[:, columns].copy() for a in (self.t, self.h, self.h_old, self.fraction, self.dtdh)),
                       len(columns))
        sub.active, sub.relax, sub.worst, sub.rel = (
            a[columns] for a in (self.active, self.relax, self.worst, self.rel))
        sub.k, sub.res = self.k[:, columns], self.res[:, columns]
        sub.g = None if self.g is None else self.g[:, columns]
        if self.chord is not None:
            sub.chord = tuple(a[:, columns] for a in self.chord)
        return sub


class Stepper:
    """Advance the state (``t``, ``h``: arrays (nnode, ncol), node-major) of a batch by steps of ``dt_s`` seconds."""

    def __init__(self, mat, dt_s, flux_w_m2, t, h, tol_c=1e-4, energy_tol=ENERGY_TOLERANCE, max_iter=MAX_ITERATIONS,
                 max_halvings=None):
        self.columns = _Columns(mat, np.asarray(flux_w_m2, dtype=float), float(dt_s), tol_c)
        self.mat = mat
        self.t = t
        self.h = h
        self.energy_tol = energy_tol
        self.max_iter = max_iter
        self.max_halvings = _MAX_HALVINGS if max_halvings is None else max_halvings
        n, ncol = t.shape
        self.ncol = ncol
        self.fraction = np.empty((n, ncol))
        self.dtdh = np.zeros((n, ncol))  # dT/dH; row 0 (prescribed surface) stays 0
        self._previous = None  # (T, H) of nodes 1.. at the start of the previous step
        self._worst_left = None  # largest nodal residual (K) of the columns the last _newton left capped
        self.iterations = 0  # Newton iterations (summed over the column sets iterated) since construction
        self.substepped = np.zeros(ncol, dtype=np.int64)  # steps per column that had to be re-stepped
        self.unconverged = np.zeros(ncol, dtype=np.int64)  # steps per column still capped after every halving
        self.unconverged_residual_c = np.zeros(ncol)  # largest nodal residual (K) left in such a step
        self.tol_c = tol_c

    def step(self, t_surface):
        """Advance one step with surface temperature ``t_surface`` (ncol,); returns the relative energy residual.

        Relative residual (ncol,) = |sum_i V_i (H_i^new - H_i^old) - dt (F_top + q)| /
        (sum_i V_i |H_i^new - H_i^old| + dt (|F_top| + |q|)), with the surface flux F_top evaluated at
        the accepted state: the share of the step's heat exchange that the discrete energy balance
        misses (round-off, ~1e-15, for an exact solve; a converged step is below ``energy_tol``). A
        re-stepped column reports the largest residual of its sub-steps.
        """
        t, h = self.t, self.h
        t[0] = t_surface
        self.fraction[0] = surface_fraction(self.mat, t[0])
        h_old = h[1:].copy()
        t_start = t[1:].copy()
        if self._previous is not None:
            self._extrapolate(*self._previous)
        self._previous = (t_start, h_old)
        rel, failed = self._newton(self.columns, t, h, h_old, self.fraction, self.dtdh)
        if failed.size:  # start again from the state at the start of the step, with the exact Jacobian
            t[1:, failed] = t_start[:, failed]
            h[1:, failed] = h_old[:, failed]
            self.substepped[failed] += 1
            sub = (t[:, failed], h[:, failed], self.fraction[:, failed])
            rel[failed], left, residual = self._restep(self.columns.take(failed, exact=True), *sub, 0)
            t[:, failed], h[:, failed], self.fraction[:, failed] = sub
            self.unconverged[failed] += left
            self.unconverged_residual_c[failed] = np.maximum(self.unconverged_residual_c[failed], residual)
        return rel

    def _restep(self, cols, t, h, fraction, halvings):
        """Advance the columns ``cols`` (their state arrays ``t``, ``h``, ``fraction``, updated in place)
        by one step of ``cols.dt``; a column that does not converge is re-stepped in two halves, recursively.

        Returns (largest relative energy residual, whether a sub-step was still capped after
        ``max_halvings`` halvings, largest nodal residual (K) left in such a sub-step), each (ncol,).
        """
        h_old = h[1:].copy()
        t_start = t[1:].copy()
        rel, failed = self._newton(cols, t, h, h_old, fraction, np.zeros_like(t))
        left = np.zeros(cols.ncol, dtype=bool)
        residual = np.zeros(cols.ncol)
        if not failed.size:
            return rel, left, residual
        if halvings == self.max_halvings:
            left[failed] = True
            residual[failed] = self._worst_left
            return rel, left, residual
        t[1:, failed], h[1:, failed] = t_start[:, failed], h_old[:, failed]
        half = cols.take(failed, dt=0.5 * cols.dt)
        sub = (t[:, failed], h[:, failed], fraction[:, failed])
        rel[failed] = 0.0
        for _ in range(2):
            r, lft, res = self._restep(half, *sub, halvings + 1)
            rel[failed] = np.maximum(rel[failed], r)
            left[failed] |= lft
            residual[failed] = np.maximum(residual[failed], res)
        t[:, failed], h[:, failed], fraction[:, failed] = sub
        return rel, left, residual

    def _newton(self, cols, t, h, h_old, fraction, dtdh):
        """Iterate one step of the columns ``cols`` on their state arrays (updated in place).

        Returns the relative energy residual (ncol,) and the indices of the columns still unconverged
        after ``max_iter`` iterations (their largest nodal residual, K, is left in ``_worst_left``).
        """
        state = _Iterate(t, h, h_old, fraction, dtdh, cols.ncol)
        index = None  # columns of the set that ``state`` holds (None: all, as views)
        rel = np.zeros(cols.ncol)
        arrays = (t, h, fraction)
        for it in range(self.max_iter + 1):
            if self._check(cols, state, it):
                break
            n_active = int(state.active.sum())
            if it >= 1 and state.active.size >= _COMPACT_MIN_COLUMNS and n_active < _COMPACT_BELOW * state.active.size:
                _store(arrays, state, index, rel)
                keep = np.flatnonzero(state.active)
                state = state.take(keep)
                index = keep if index is None else index[keep]
                cols = cols.take(keep)
            self._update(cols, state, it)
        _store(arrays, state, index, rel)
        active = np.flatnonzero(state.active)
        self._worst_left = state.worst[active] * self.tol_c
        return rel, (active if index is None else index[active])

    def _check(self, cols, st, it):
        """Linearise at the current iterate, compute residuals and convergence; True when done."""
        t, h = st.t, st.h
        st.g = cols.linearise(t, h, st.fraction, st.dtdh)
        st.k = cols.conductance(st.fraction)
        flux = st.k * (t[:-1] - t[1:])  # F_j: heat flow from node j to j+1 (W/m2)
        stored = cols.storage_coef * (h[1:] - st.h_old)
        res = stored - flux
        res[:-1] += flux[1:]
        res[-1] -= cols.q
        st.res = res
        if it > 0:  # (the first iterate is never accepted)
            scale = np.abs(stored, out=stored).sum(axis=0) + np.abs(flux[0]) + np.abs(cols.q)
            st.rel = np.abs(res.sum(axis=0)) / (scale + 1e-300)
        np.abs(res, out=stored)
        stored /= cols.tol_scaled
        worst = stored.max(axis=0)
        if it > 0:
            st.active &= (worst > 1.0) | (st.rel > self.energy_tol)
            # a column whose residual grew halves its next update (breaks cycles across kinks of T(H))
            grow = 2.0 if it < _SLOW_RECOVERY_AFTER else 1.25
            st.relax = np.where(worst > st.worst, 0.5 * st.relax, np.minimum(grow * st.relax, 1.0))
        st.worst = worst
        return not st.active.any() or it == self.max_iter

    def _update(self, cols, st, it):
        """One Newton update dH (lagged conductances) of the active columns of ``st``."""
        self.iterations += 1
        t, h, dtdh, k = st.t, st.h, st.dtdh, st.k
        if it >= _CHORD_AFTER - 1:
            phase = cols.phase(h[1:])
        if it >= _CHORD_AFTER:  # nodes that changed phase state: chord slope of T(H) (regula falsi)
            h_prev, t_prev, phase_prev = st.chord
            dh_it = h[1:] - h_prev
            switched = (phase != phase_prev) & (np.abs(dh_it) > 1.0)
            np.divide(t[1:] - t_prev, dh_it, out=dtdh[1:], where=switched)
        if it >= _CHORD_AFTER - 1:
            st.chord = (h[1:].copy(), t[1:].copy(), phase)
        # F_j changes by alpha_j*dH_j - beta_j*dH_{j+1}; row r is node r+1
        alpha = k * dtdh[:-1]
        beta = k * dtdh[1:]
        if cols.exact:  # + (T_j - T_j+1) dK_j/dH: the conductances follow the unfrozen fractions
            lower, upper = cols.conductance_slopes(st.fraction, k)
            drop = t[:-1] - t[1:]
            alpha += drop * lower * st.g[:-1]
            beta -= drop * upper * st.g[1:]
        diag = cols.storage_coef + beta
        diag[:-1] += alpha[1:]
        lower = np.negative(alpha, out=alpha)  # alpha[0] = 0: the surface node is fixed
        upper = np.empty_like(diag)
        np.negative(beta[1:], out=upper[:-1])
        dh = solve_tridiagonal(lower, diag, upper, np.negative(st.res, out=st.res))
        dh *= st.relax * st.active
        h_before = h.ravel()[cols.mat.curve_flat]
        h[1:] += dh
        cols.temperature(t, h, h_before)

    def _extrapolate(self, t_prev, h_prev):
        """Initial Newton iterate: H extrapolated linearly from the last two steps on nodes whose phase
        state (frozen / partly frozen / thawed) is the same at both ends and after extrapolation."""
        h = self.h[1:]
        h_before = self.h.ravel()[self.mat.curve_flat]
        h_new = 2.0 * h - h_prev
        phase = self.columns.phase(h)
        same = (self.columns.phase(h_prev) == phase) & (self.columns.phase(h_new) == phase)
        np.copyto(h, h_new, where=same)
        self.columns.temperature(self.t, self.h, h_before)


def _store(arrays, state, index, rel):
    """Copy the state of a compact sub-batch back into the arrays (t, h, fraction) of the whole set."""
    if index is None:
        rel[:] = state.rel
        return
    t, h, fraction = arrays
    t[:, index] = state.t
    h[:, index] = state.h
    fraction[:, index] = state.fraction
    rel[index] = state.rel
