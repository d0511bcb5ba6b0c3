"""Batched Thomas algorithm: many independent tridiagonal systems solved together."""

import numpy as np
from scipy.linalg import lapack

LAPACK_MAX_SYSTEMS = 256  # up to this many systems one LAPACK call beats the row-by-row NumPy sweeps


def solve_tridiagonal(lower, diag, upper, rhs):
    """Solve the systems ``lower[r]*x[r-1] + diag[r]*x[r] + upper[r]*x[r+1] = rhs[r]`` in place.

    All arrays have shape (nrow, nsys) (unknowns along the first axis, independent systems along the
    last, so each elimination step is one vectorised operation over all systems); ``lower[0]`` and
    ``upper[-1]`` are ignored. ``diag`` and ``rhs`` are overwritten; the solution is returned in ``rhs``.
    No pivoting: the matrices must be diagonally dominant by rows or columns, which the implicit heat
    equation guarantees. Up to ``LAPACK_MAX_SYSTEMS`` systems are solved by LAPACK's ``dgtsv`` on the
    systems laid end to end (uncoupled: the couplings between them are zero), whose operations are
    those of the sweeps below when no row needs pivoting, so the result does not depend on the path.
    """
    n = diag.shape[0]
    if diag.shape[1] <= LAPACK_MAX_SYSTEMS:
        return _solve_lapack(lower, diag, upper, rhs)
    w = np.empty(diag.shape[1:])
    tmp = np.empty(diag.shape[1:])
    for r in range(1, n):  # forward elimination
        np.divide(lower[r], diag[r - 1], out=w)
        np.multiply(w, upper[r - 1], out=tmp)
        diag[r] -= tmp
        np.multiply(w, rhs[r - 1], out=tmp)
        rhs[r] -= tmp
    rhs[n - 1] /= diag[n - 1]
    for r in range(n - 2, -1, -1):  # back substitution
        np.multiply(upper[r], rhs[r + 1], out=tmp)
        rhs[r] -= tmp
        rhs[r] /= diag[r]
    return rhs


def _solve_lapack(lower, diag, upper, rhs):
    """:func:`solve_tridiagonal` as one ``dgtsv`` call on the systems laid end to end."""
    n, nsys = diag.shape
    sub = lower.T.copy()
    sub[:, 0] = 0.0
    sup = upper.T.copy()
    sup[:, -1] = 0.0
    *_, x, info = lapack.dgtsv(sub.ravel()[1:], diag.T.ravel(), sup.ravel()[:-1], rhs.T.ravel(), 1, 1, 1, 1)
    if info:
        raise ValueError(f"singular tridiagonal system (dgtsv info {info})")
    rhs[...] = x.reshape(nsys, n).T
    return rhs
