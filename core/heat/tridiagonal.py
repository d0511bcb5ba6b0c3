"""Batched Thomas algorithm: many independent tridiagonal systems solved together."""

import numpy as np


def solve_tridiagonal(lower, diag, upper, rhs, work):
    """Solve the systems ``lower[r]*x[r-1] + diag[r]*x[r] + upper[r]*x[r+1] = rhs[r]`` in place.

    All arrays have shape (nrow, nsys) (row-major over the unknowns, systems along the last axis);
    ``lower[0]`` and ``upper[-1]`` are ignored. ``diag`` and ``rhs`` are overwritten; the solution is
    returned in ``rhs``. ``work`` is a scratch array of shape (nsys,). No pivoting: the matrices must
    be diagonally dominant by rows or columns, which the implicit heat equation guarantees.
    """
    n = diag.shape[0]
    for r in range(1, n):  # forward elimination: diag[r] -= w*upper[r-1], rhs[r] -= w*rhs[r-1]
        np.divide(lower[r], diag[r - 1], out=work)
        diag[r] -= work * upper[r - 1]
        rhs[r] -= work * rhs[r - 1]
    rhs[n - 1] /= diag[n - 1]
    for r in range(n - 2, -1, -1):
        np.multiply(upper[r], rhs[r + 1], out=work)
        rhs[r] -= work
        rhs[r] /= diag[r]
    return rhs
