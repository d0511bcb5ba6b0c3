"""Phase change against analytic and independent references.

* Two-phase Neumann (Stefan) problem, free water, frozen != thawed properties: a column at +3 °C whose
  surface drops to -10 °C at t = 0; 2 cm uniform grid to 10 m, zero bottom flux, daily steps.
  Tolerances: temperature within 0.1 °C at every node after 30, 60, 90 and 120 days (the largest
  errors sit next to the front, which the enthalpy method resolves to one cell), freezing front within
  2 cm (one cell) of X = 2*lambda*sqrt(alpha_f*t).
* Thawing Neumann problem: the active-layer thickness reported after one year of constant +5 °C
  over ground at -2 °C equals the analytic thaw depth within 2 cm on a 3 cm grid (the front position
  inside the partly thawed cell comes from its liquid fraction).
* Freezing interval (power-law unfrozen water): no closed form exists, so the reference is an
  independent method-of-lines solution (T as unknown, apparent heat capacity dH/dT, scipy BDF with
  tight tolerances) of the same finite-volume semi-discretisation (4 cm cells); agreement within
  0.03 °C at every node after 20 days with dt = 0.2 day (backward Euler's own error is ~0.01 °C).
"""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq
from scipy.special import erf, erfc

from core.heat import Layers, simulate

KF, KT, CF, CT, THETA = 2.0, 1.2, 1.8e6, 2.6e6, 0.35
LV = 3.34e8 * THETA


def single_layer(a=np.nan, b=np.nan, kf=KF, kt=KT, cf=CF, ct=CT, theta=THETA):
    return Layers(*[np.array([[v]], dtype=float) for v in (100.0, kf, kt, cf, ct, theta, a, b)])


def neumann_lambda(k1, c1, t_surface, k2, c2, t_initial):
    """lambda of the two-phase Neumann solution; phase 1 grows from the surface into phase 2."""
    a1, a2 = k1 / c1, k2 / c2
    nu = np.sqrt(a1 / a2)

    def stefan(lam):
        grow = k1 * abs(t_surface) * np.exp(-lam**2) / (erf(lam) * np.sqrt(np.pi * a1))
        lose = k2 * abs(t_initial) * np.exp(-(lam * nu) ** 2) / (erfc(lam * nu) * np.sqrt(np.pi * a2))
        return grow - lose - LV * lam * np.sqrt(a1)

    return brentq(stefan, 1e-6, 5.0)


def test_neumann_freezing_profile_and_front():
    ts, ti = -10.0, 3.0
    lam = neumann_lambda(KF, CF, ts, KT, CT, ti)
    af, at = KF / CF, KT / CT
    z = np.arange(0.0, 10.0001, 0.02)
    depths = np.arange(0.0, 4.0001, 0.02)
    res = simulate(single_layer(), z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=0.0, initial=ti,
                   days=120, dt_days=1.0, output_depths_m=depths, output_every_days=30)
    assert res.energy_residual[0] < 1e-9
    for n, day in enumerate(res.times_days):
        t = day * 86400.0
        front = 2 * lam * np.sqrt(af * t)
        frozen = ts - ts * erf(depths / (2 * np.sqrt(af * t))) / erf(lam)
        thawed = ti - ti * erfc(depths / (2 * np.sqrt(at * t))) / erfc(lam * np.sqrt(af / at))
        analytic = np.where(depths < front, frozen, thawed)
        assert np.max(np.abs(res.series_c[n, 0] - analytic)) < 0.1, day
        profile = res.series_c[n, 0]
        j = np.argmax(profile >= 0.0)  # first node not frozen: the front lies within a cell of it
        assert abs(depths[j] - front) <= 0.02 + 1e-9, (day, depths[j], front)


def test_alt_matches_neumann_thaw_depth():
    ts, ti = 5.0, -2.0
    lam = neumann_lambda(KT, CT, ts, KF, CF, ti)
    thaw = 2 * lam * np.sqrt(KT / CT * 365 * 86400.0)
    z = np.arange(0.0, 12.0001, 0.03)
    res = simulate(single_layer(), z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=0.0, initial=ti,
                   years=1, dt_days=1.0)
    assert abs(res.alt_m[0, 0] - thaw) < 0.02
    assert res.permafrost_table_m[0] == pytest.approx(res.alt_m[0, 0])
    assert res.permafrost_base_m[0] == pytest.approx(z[-1])


def test_freezing_interval_matches_method_of_lines_reference():
    a, b = 0.1, 0.6
    a_rel = a / THETA
    t_star = -(a_rel ** (1 / b))
    ts, ti, days = -5.0, 1.0, 20
    z = np.arange(0.0, 2.0001, 0.04)
    res = simulate(single_layer(a, b), z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=0.0, initial=ti,
                   days=days, dt_days=0.2, output_depths_m=z[1:])
    assert res.energy_residual[0] < 1e-8

    # independent reference: dT/dt = div(K grad T) / (V*dH/dT), same grid, volumes and conductances
    n = z.size
    faces = 0.5 * (z[1:] + z[:-1])
    vol = np.r_[faces, z[-1]] - np.r_[0.0, faces]
    half = np.diff(z) / 2

    def frac(t):
        return np.where(t < 0, np.minimum(a_rel * np.abs(np.minimum(t, -1e-300)) ** (-b), 1.0), 1.0)

    def capacity(t):
        s = frac(t)
        latent = np.where(t <= t_star, LV * b * s / np.maximum(-t, 1e-300), 0.0)
        return np.where(t < 0, CF, CT) + latent

    def rhs(_, tt):
        t = np.r_[ts, tt]
        f = frac(t)
        r = half * (KF ** -(1 - f[:-1]) * KT ** -f[:-1]) + half * (KF ** -(1 - f[1:]) * KT ** -f[1:])
        flux = (t[:-1] - t[1:]) / r
        net = flux.copy()
        net[:-1] -= flux[1:]
        return net / (vol[1:] * capacity(t[1:]))

    ref = solve_ivp(rhs, (0, days * 86400.0), np.full(n - 1, ti), method="BDF", rtol=1e-8, atol=1e-8)
    assert ref.success
    assert np.max(np.abs(res.final_temperature_c[0, 1:] - ref.y[:, -1])) < 0.03
