"""Conduction without phase change: periodic surface wave and steady geothermal profiles.

* Periodic surface temperature on a dry column (no water, so no latent heat), started from the
  analytic periodic profile (a uniform start leaves a slowly decaying transient): in the second year,
  the annual harmonic at depth z has amplitude ratio exp(-z/d) and phase lag z/d against the surface,
  d = sqrt(2*kappa/omega); checked at 0.5, 1, 2 and 4 m within 1 % of the ratio and 1 % of the lag
  (10 cm grid to 15 m, dt = 0.5 day, daily-mean forcing).
* Steady state with constant surface temperature Ts and geothermal flux q: T(z) = Ts + q*z/k; with
  layers whose interfaces fall between nodes, piecewise linear with slopes q/k_layer. The exact
  profile is a fixed point of the scheme (to 1e-9 °C), and a run from a uniform start converges to it
  (to 1e-3 °C).
"""

import numpy as np

from core.heat import Layers, simulate


def dry_layers(thickness, k_frozen, k_thawed, c=2.0e6):
    n = len(thickness)
    row = lambda v: np.array([v], dtype=float)  # noqa: E731
    return Layers(row(thickness), row(k_frozen), row(k_thawed), row([c] * n), row([c] * n), row([0.0] * n),
                  row([np.nan] * n), row([np.nan] * n))


def harmonic(series, period_steps):
    """Amplitude and phase of the first harmonic of each column of ``series`` (nt, ...)."""
    phase = 2 * np.pi * np.arange(period_steps) / period_steps
    x = series[-period_steps:]
    a = 2 * np.tensordot(np.cos(phase), x, axes=(0, 0)) / period_steps
    b = 2 * np.tensordot(np.sin(phase), x, axes=(0, 0)) / period_steps
    return np.hypot(a, b), np.arctan2(a, b)


def test_annual_wave_amplitude_and_phase():
    k, c = 1.5, 2.0e6
    kappa = k / c
    omega = 2 * np.pi / (365 * 86400.0)
    d = np.sqrt(2 * kappa / omega)
    days = np.arange(365)
    # daily means of 5 + 8*sin(omega*t)
    surface = 5.0 + 8.0 * (np.cos(2 * np.pi * days / 365) - np.cos(2 * np.pi * (days + 1) / 365)) / (2 * np.pi / 365)
    depths = np.array([0.0, 0.5, 1.0, 2.0, 4.0])
    z = np.arange(0.0, 15.0001, 0.1)
    res = simulate(dry_layers([100.0], [k], [k], c), z, surface_c=surface[None, :], geothermal_flux_w_m2=0.0,
                   initial=(5.0 + 8.0 * np.exp(-z / d) * np.sin(-z / d))[None, :], years=2, dt_days=0.5,
                   output_depths_m=depths, output_every_days=1)
    amp, ph = harmonic(res.series_c[:, 0, :], 365)
    # against the continuous forcing 5 + 8*sin(omega*t); a backward-Euler value at a step end belongs
    # to the middle of its step (forcing = step mean), so the model lags by dt/2 = 0.25 day overall
    ratio = amp[1:] / 8.0
    lag = np.mod(2 * np.pi * (res.times_days[-365] - 0.25) / 365 - ph[1:], 2 * np.pi)
    expected = depths[1:] / d
    np.testing.assert_allclose(ratio, np.exp(-expected), rtol=0.01)
    np.testing.assert_allclose(lag, expected, rtol=0.01)


def test_steady_geothermal_profile_single_layer():
    k, q, ts = 2.0, 0.06, -3.0
    z = np.linspace(0.0, 20.0, 41)
    exact = ts + q * z / k
    fixed = simulate(dry_layers([100.0], [k], [5.0]), z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=q,
                     initial=exact[None, :], years=1, dt_days=30)
    np.testing.assert_allclose(fixed.final_temperature_c[0], exact, atol=1e-9)
    relaxed = simulate(dry_layers([100.0], [k], [5.0]), z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=q,
                       initial=ts, years=150, dt_days=365 / 12)
    np.testing.assert_allclose(relaxed.final_temperature_c[0], exact, atol=1e-3)


def test_steady_geothermal_profile_layered():
    q, ts = 0.08, -6.0
    thickness, k = [0.33, 1.7, 4.15, 50.0], [0.5, 1.5, 3.0, 2.2]
    z = np.r_[np.arange(0.0, 1.0, 0.1), np.arange(1.0, 20.0001, 0.45)]
    tops = np.r_[0.0, np.cumsum(thickness)[:-1]]
    exact = np.empty_like(z)
    for i, depth in enumerate(z):
        lay = np.searchsorted(tops, depth, side="right") - 1
        above = sum(thickness[j] / k[j] for j in range(lay))
        exact[i] = ts + q * (above + (depth - tops[lay]) / k[lay])
    assert exact.max() < 0  # frozen throughout, so k_frozen applies
    layers = dry_layers(thickness, k, [9.0] * 4)
    fixed = simulate(layers, z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=q, initial=exact[None, :],
                     years=1, dt_days=30)
    np.testing.assert_allclose(fixed.final_temperature_c[0], exact, atol=1e-9)
    relaxed = simulate(layers, z, surface_c=np.full((1, 1), ts), geothermal_flux_w_m2=q, initial=ts, years=150,
                       dt_days=365 / 12)
    np.testing.assert_allclose(relaxed.final_temperature_c[0], exact, atol=1e-3)
