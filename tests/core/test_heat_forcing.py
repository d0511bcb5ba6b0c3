"""Forcing helpers, TTOP formula, grid and ALT/permafrost depth extraction."""

import numpy as np
import pytest

from core.heat import Layers, make_grid, monthly_to_daily, ttop
from core.heat.forcing import MONTH_DAYS, apply_n_factors, step_means
from core.heat.properties import node_material
from core.heat.thaw_depths import permafrost_depths, thaw_depth


def test_monthly_to_daily_preserves_monthly_means():
    rng = np.random.default_rng(1)
    monthly = rng.uniform(-30, 20, (5, 12))
    daily = monthly_to_daily(monthly)
    assert daily.shape == (5, 365)
    edges = np.r_[0, np.cumsum(MONTH_DAYS)]
    means = np.stack([daily[:, a:b].mean(axis=1) for a, b in zip(edges[:-1], edges[1:])], axis=1)
    np.testing.assert_allclose(means, monthly, rtol=0, atol=1e-9)
    # continuous and periodic: neighbouring days differ by far less than the monthly jumps
    assert np.max(np.abs(np.diff(np.c_[daily, daily[:, :1]], axis=1))) < np.max(np.abs(np.diff(monthly))) / 10
    with pytest.raises(ValueError):
        monthly_to_daily(np.zeros(11))


def test_n_factors_and_step_means():
    air = np.array([[-10.0, -1.0, 0.0, 4.0]])
    np.testing.assert_allclose(apply_n_factors(air, 0.5, 0.8), [[-5.0, -0.5, 0.0, 3.2]])
    np.testing.assert_allclose(apply_n_factors(np.vstack([air, air]), [0.5, 1.0], [1.0, 2.0]),
                               [[-5.0, -0.5, 0.0, 4.0], [-10.0, -1.0, 0.0, 8.0]])
    daily = np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])
    np.testing.assert_allclose(step_means(daily, 0.0, 2.0, 4)[:, 0], [1.5, 3.5, 3.0, 2.5])  # wraps around
    np.testing.assert_allclose(step_means(daily, 0.0, 0.5, 3)[:, 0], [1.0, 1.0, 2.0])


def test_ttop_formula():
    monthly = np.array([-20.0, -15, -8, 0, 8, 14, 17, 14, 7, -2, -12, -18])
    tdd = np.maximum(monthly, 0) @ MONTH_DAYS
    fdd = np.maximum(-monthly, 0) @ MONTH_DAYS
    rk = 1.2 / 1.8
    assert ttop(monthly, 0.6, 0.9, 1.8, 1.2) == pytest.approx((rk * 0.9 * tdd - 0.6 * fdd) / 365)
    warm = monthly + 15
    tdd = np.maximum(warm, 0) @ MONTH_DAYS
    fdd = np.maximum(-warm, 0) @ MONTH_DAYS
    assert ttop(warm, 0.6, 0.9, 1.8, 1.2) == pytest.approx((0.9 * tdd - 0.6 * fdd / rk) / 365)
    assert ttop(warm, 0.6, 0.9, 1.8, 1.2) > 0
    daily = monthly_to_daily(monthly)
    assert ttop(daily, 1, 1, 1, 1) == pytest.approx(daily.mean())


def test_default_grid():
    z = make_grid()
    assert z[0] == 0 and z[-1] == 100.0 and z[1] == pytest.approx(0.02)
    assert np.all(np.diff(z) > 0)
    with pytest.raises(ValueError, match="grid.top_dz_m"):
        make_grid(top_dz_m=-1)


def test_thaw_depth_and_permafrost_interpolation():
    """Known crossings: linear between power-law nodes; inside the cell of a partly thawed free-water node."""
    z = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    row = lambda *v: np.array([v], dtype=float)  # noqa: E731
    curve = Layers(row(100.0), row(1.0), row(1.0), row(2e6), row(2e6), row(0.3), row(0.05), row(0.5))
    mat = node_material(curve, z)
    tmax = np.array([[5.0], [1.0], [-3.0], [-2.0], [1.0], [2.0]])
    fmax = np.ones_like(tmax)
    assert thaw_depth(z, tmax, fmax, mat)[0] == pytest.approx(1.25)
    table, base = permafrost_depths(z, tmax, fmax, mat)
    assert table[0] == pytest.approx(1.25) and base[0] == pytest.approx(3 + 2 / 3)

    free = Layers(row(100.0), row(1.0), row(1.0), row(2e6), row(2e6), row(0.3), row(np.nan), row(np.nan))
    mat = node_material(free, z)
    tmax = np.array([[5.0], [1.0], [0.0], [-2.0], [-1.0], [-1.0]])
    fmax = np.array([[1.0], [1.0], [0.4], [0.0], [0.0], [0.0]])
    # node 2 owns [1.5, 2.5] and thawed 40 % of it from the top
    assert thaw_depth(z, tmax, fmax, mat)[0] == pytest.approx(1.9)
    table, base = permafrost_depths(z, tmax, fmax, mat)
    assert table[0] == pytest.approx(1.9) and base[0] == pytest.approx(5.0)  # reaches the grid bottom
    never = np.full_like(tmax, -1.0)
    assert thaw_depth(z, never, fmax * 0, mat)[0] == 0.0
    warm = np.full_like(tmax, 1.0)
    assert np.isnan(thaw_depth(z, warm, fmax, mat)[0])
    assert np.isnan(permafrost_depths(z, warm, fmax, mat)[0][0])


def test_batched_thomas_matches_dense_solve():
    from core.heat.tridiagonal import LAPACK_MAX_SYSTEMS, solve_tridiagonal

    rng = np.random.default_rng(2)
    n = 7
    for m in (5, LAPACK_MAX_SYSTEMS + 1):  # the LAPACK path and the NumPy sweeps
        lower, upper = -rng.random((n, m)), -rng.random((n, m))
        diag = 2.5 + rng.random((n, m))
        rhs = rng.random((n, m))
        x = solve_tridiagonal(lower.copy(), diag.copy(), upper.copy(), rhs.copy())
        for j in (0, 3, m - 1):
            a = np.diag(diag[:, j]) + np.diag(lower[1:, j], -1) + np.diag(upper[:-1, j], 1)
            np.testing.assert_allclose(x[:, j], np.linalg.solve(a, rhs[:, j]), rtol=1e-12)
        # each system alone (the other path) gives the same solution
        one = solve_tridiagonal(lower[:, :1].copy(), diag[:, :1].copy(), upper[:, :1].copy(), rhs[:, :1].copy())
        np.testing.assert_allclose(one[:, 0], x[:, 0], rtol=1e-14)
