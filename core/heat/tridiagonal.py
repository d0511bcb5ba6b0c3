"""Batched Thomas algorithm: many independent tridiagonal systems solved together."""

import numpy as np


def solve_tridiagonal(lower, diag, upper, rhs):
    """Solve the systems ``lower[r]*x[r-1] + diag[r]*x[r] + upper[r]*x[r+1] = rhs[r]`` in place.

    All arrays have shape (nrow, nsys) (unknowns along the first axis, independent systems along the
    last, so each elimination step is one vectorised operation over all systems); ``lower[0]`` and
    ``upper[-1]`` are ignored. ``diag`` and ``rhs`` are overwritten; the solution is returned in ``rhs``.
    No pivoting: the matrices must be diagonally dominant by rows or columns, which the implicit heat
    equation guarantees.
    """
    n = diag.shape[0]
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
