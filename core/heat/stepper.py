"""One fully implicit (backward-Euler) enthalpy step for a batch of columns.

Unknowns are the node enthalpies H (J/m3) of nodes 1..N-1; node 0 holds the prescribed surface
temperature and the bottom face receives the geothermal flux q (W/m2). Each Newton iteration
linearises T(H) around the current state, T_i ~ T_i + D_i*(m_i + dH_i) with D = dT/dH and
m = H - H(T) the remaining inversion mismatch (nonzero only on power-law nodes), lags the
conductances, solves the tridiagonal system for dH and adds dH to H exactly (so each iteration
conserves energy). Temperatures then follow from H: exactly for free water (isothermal phase change
at 0 °C: D = 0 while 0 < H < Lv) and by one safeguarded Newton step of the inversion on the
power-law branch (clamped at the kink T*). A column has converged when every node's energy
residual and inversion mismatch, divided by its heat capacity, is below ``tol_c`` (kelvin) and its
relative energy residual (see :func:`Stepper.step`) is below ``energy_tol``; converged columns are
left untouched by later iterations, so a column's result does not depend on its batch.
"""

import numpy as np

from .properties import curve_enthalpy, curve_fraction, curve_slope, surface_fraction
from .tridiagonal import solve_tridiagonal


class Stepper:
    """Advance the state (``t``, ``h``: arrays (nnode, ncol)) of a batch by one step of ``dt_s`` seconds."""

    def __init__(self, mat, dt_s, flux_w_m2, t, h, tol_c=1e-4, energy_tol=1e-9, max_iter=30):
        self.mat = mat
        self.dt = float(dt_s)
        self.q = flux_w_m2  # (ncol,)
        self.t = t
        self.h = h
        self.tol_c = tol_c
        self.energy_tol = energy_tol
        self.max_iter = max_iter
        n, ncol = t.shape
        self.ncol = ncol
        self.fraction = np.empty((n, ncol))
        self.dtdh = np.zeros((n, ncol))  # dT/dH; row 0 (prescribed surface) stays 0
        self.dfdh = np.zeros((n, ncol))  # d(unfrozen fraction)/dH
        self.work = np.empty(ncol)
        self.storage_coef = mat.volume[1:] / self.dt  # (n-1, 1)
        self.tol_scaled = tol_c * mat.c_min[1:] * self.storage_coef  # residual (W/m2) equivalent to tol_c
        flat = mat.curve_flat
        self.curve_col = flat % ncol
        self.c_f = mat.c_frozen.ravel()[flat]
        self.c_t = mat.c_thawed.ravel()[flat]
        self.lv = mat.latent.ravel()[flat]
        self.h_star = self.c_f * mat.curve_t_star + self.lv
        self.slope_star = self.c_f + self.lv * mat.curve_b / -mat.curve_t_star
        self.tol_mismatch = tol_c * mat.c_min.ravel()[flat]
        self._previous = None  # (T, H) of nodes 1.. at the start of the previous step
        self.iterations = 0  # total Newton iterations (batch-wide) since construction
        self.unconverged = np.zeros(ncol, dtype=np.int64)  # steps per column that hit max_iter

    def step(self, t_surface):
        """Advance one step with surface temperature ``t_surface`` (ncol,). Returns the relative energy residual (ncol,).

        Relative residual = |sum_i V_i (H_i^new - H_i^old) - dt (F_top + q)| /
        (sum_i V_i |H_i^new - H_i^old| + dt (|F_top| + |q|)), with the surface flux F_top evaluated at
        the accepted state.
        """
        mat, t, h, dt = self.mat, self.t, self.h, self.dt
        t[0] = t_surface
        self.fraction[0] = surface_fraction(mat, t[0])
        h_old = h[1:].copy()
        t_start = t[1:].copy()
        if self._previous is not None:
            self._extrapolate(*self._previous)
        self._previous = (t_start, h_old)
        active = np.ones(self.ncol, dtype=bool)
        flat = mat.curve_flat
        curve = flat.size > 0
        for it in range(self.max_iter + 1):
            mismatch, hc, slope = self._linearise()
            k, dk_lower, dk_upper = self._conductance()
            gradient = t[:-1] - t[1:]
            flux = k * gradient  # F_j: heat flow from node j to j+1 (W/m2)
            stored = self.storage_coef * (h[1:] - h_old)
            res = stored - flux
            res[:-1] += flux[1:]
            res[-1] -= self.q
            bad = np.abs(res) > self.tol_scaled
            if curve:
                bad.ravel()[flat - self.ncol] |= np.abs(mismatch) > self.tol_mismatch
            energy = np.abs(res.sum(axis=0))
            scale = np.abs(stored).sum(axis=0) + np.abs(flux[0]) + np.abs(self.q) + 1e-300
            rel = energy / scale
            if it > 0:
                active &= bad.any(axis=0) | (rel > self.energy_tol)
            if not active.any() or it == self.max_iter:
                break
            self.iterations += 1
            # Newton: F_j changes by alpha_j*u_j - beta_j*u_{j+1} with u = m + dH the enthalpy change
            # seen by T(H) and f(H); the conductance derivative enters through dK/df * df/dH.
            dfdh, dtdh = self.dfdh, self.dtdh
            alpha = k * dtdh[:-1]
            dk_lower *= gradient
            alpha += dk_lower * dfdh[:-1]
            beta = k * dtdh[1:]
            dk_upper *= gradient
            beta -= dk_upper * dfdh[1:]
            rhs = -res
            if curve:  # the pending mismatch m of power-law nodes moves T and f as well
                u = np.zeros_like(t)
                u.ravel()[flat] = mismatch
                du = alpha * u[:-1] - beta * u[1:]
                rhs += du
                rhs[:-1] -= du[1:]
            diag = self.storage_coef + beta
            diag[:-1] += alpha[1:]
            lower = -alpha  # row r couples to r-1 through alpha[r] (alpha[0] = 0: surface node fixed)
            upper = np.empty_like(diag)
            np.negative(beta[1:], out=upper[:-1])
            dh = solve_tridiagonal(lower, diag, upper, rhs, self.work)
            if not active.all():
                dh *= active
            h[1:] += dh
            t_old_curve = t.ravel()[flat] if curve else None
            self._temperature_from_enthalpy()
            if curve:
                t.ravel()[flat] = self._curve_inversion(t_old_curve, hc, slope, active)
        self.unconverged += active
        return rel

    def _extrapolate(self, t_prev, h_prev):
        """Initial Newton iterate: the state extrapolated linearly from the last two steps."""
        h = self.h[1:]
        h_new = 2.0 * h - h_prev
        flat = self.mat.curve_flat
        if flat.size:
            tc = 2.0 * self.t.ravel()[flat] - t_prev.ravel()[flat - self.ncol]
        h[:] = h_new
        self._temperature_from_enthalpy()
        if flat.size:
            s = curve_fraction(tc, self.mat.curve_a, self.mat.curve_b)
            self.t.ravel()[flat] = tc
            self.h.ravel()[flat] = curve_enthalpy(tc, s, self.c_f, self.c_t, self.lv)

    def _linearise(self):
        """Unfrozen fraction f, dT/dH and df/dH of nodes 1..; for power-law nodes also the mismatch
        m = H - H(T), H(T) and dH/dT (compact arrays)."""
        mat, t, h = self.mat, self.t, self.h
        hi = h[1:]
        f = self.fraction[1:]
        np.multiply(hi, mat.inv_latent[1:], out=f)
        mushy = (f > 0.0) & (f < 1.0)
        np.clip(f, 0.0, 1.0, out=f)
        dtdh = self.dtdh[1:]
        np.multiply(hi < 0.0, mat.inv_c_frozen[1:], out=dtdh)
        dtdh += (hi > mat.latent[1:]) * mat.inv_c_thawed[1:]
        np.multiply(mushy, mat.inv_latent[1:], out=self.dfdh[1:])
        flat = mat.curve_flat
        if not flat.size:
            return None, None, None
        tc = t.ravel()[flat]
        s = curve_fraction(tc, mat.curve_a, mat.curve_b)
        hc = curve_enthalpy(tc, s, self.c_f, self.c_t, self.lv)
        slope = curve_slope(tc, s, self.c_f, self.c_t, self.lv, mat.curve_b, mat.curve_t_star)
        self.fraction.ravel()[flat] = s
        self.dtdh.ravel()[flat] = 1.0 / slope
        frozen = tc <= mat.curve_t_star
        self.dfdh.ravel()[flat] = np.where(frozen, mat.curve_b * s / np.maximum(-tc, 1e-300), 0.0) / slope
        return h.ravel()[flat] - hc, hc, slope

    def _conductance(self):
        """Conductances K_j (W/m2/K) between nodes j and j+1, and dK_j/df_j, dK_j/df_{j+1}."""
        mat, f = self.mat, self.fraction
        r_lo = mat.r_lower_frozen * np.exp(f[:-1] * mat.r_lower_log_ratio)
        r_up = mat.r_upper_frozen * np.exp(f[1:] * mat.r_upper_log_ratio)
        k = np.reciprocal(r_lo + r_up)
        k2 = k * k
        r_lo *= mat.r_lower_log_ratio
        r_lo *= k2
        r_up *= mat.r_upper_log_ratio
        r_up *= k2
        return k, np.negative(r_lo, out=r_lo), np.negative(r_up, out=r_up)

    def _temperature_from_enthalpy(self):
        """Exact T(H) of free-water (and dry) nodes 1.. (curve nodes are overwritten afterwards)."""
        mat, h = self.mat, self.h
        t = self.t[1:]
        np.multiply(np.minimum(h[1:], 0.0), mat.inv_c_frozen[1:], out=t)
        t += np.maximum(h[1:] - mat.latent[1:], 0.0) * mat.inv_c_thawed[1:]

    def _curve_inversion(self, t_old, hc_old, slope_old, active):
        """T of power-law nodes from their new H: exact on the linear branches (T >= T*), else one
        Newton step from min(T_old, T*) on the convex frozen branch, clamped at T*."""
        mat = self.mat
        hn = self.h.ravel()[mat.curve_flat]
        t_lin = (hn - self.lv) / np.where(hn >= self.lv, self.c_t, self.c_f)
        above = t_old > mat.curve_t_star
        x = np.where(above, mat.curve_t_star, t_old)
        hx = np.where(above, self.h_star, hc_old)
        sx = np.where(above, self.slope_star, slope_old)
        t_newton = np.minimum(x + (hn - hx) / sx, mat.curve_t_star)
        t_new = np.where(hn >= self.h_star, t_lin, t_newton)
        return np.where(active[self.curve_col], t_new, t_old)
