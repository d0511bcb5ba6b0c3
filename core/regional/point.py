"""One column of the regional model at a point: the single-column explorer's engine."""

from dataclasses import dataclass

import numpy as np

from ..heat import DEFAULT_DT_DAYS, make_grid, simulate
from ..sampling import pixel_of  # noqa: F401 (part of this module's API)
from .columns import read_block, solver_arguments, valid_pixels
from .inputs import check_inputs


@dataclass
class PointRun:
    """A column's inputs and results at one pixel (temperatures °C, depths m)."""

    lon: float
    lat: float
    pixel: tuple
    years: list
    depths_m: np.ndarray
    times_days: np.ndarray
    series_c: np.ndarray
    """(ntime, ndepth) temperature at ``depths_m`` at the end of every time step."""
    steps_per_year: int
    annual_mean_c: np.ndarray
    """(nyears, ndepth)"""
    alt_m: np.ndarray
    magt_10m_c: float
    ttop_c: float
    inputs: dict
    """Input values used at the pixel, by name."""

    @property
    def mean_alt_m(self):
        """Mean active-layer thickness over the years with permafrost (NaN without permafrost), m."""
        alt = self.alt_m[np.isfinite(self.alt_m)]
        return float(alt.mean()) if alt.size else float("nan")

    def envelope(self):
        """Annual min, mean and max against depth over the last simulated year: three (ndepth,) arrays."""
        last = self.series_c[-self.steps_per_year:]
        return last.min(axis=0), last.mean(axis=0), last.max(axis=0)


def profile_depths(bottom_m):
    """Depths for the envelope and series: dense near the surface, every metre to 20 m, then coarser."""
    depths = np.concatenate([np.arange(0.0, 2.0, 0.1), np.arange(2.0, 20.0, 1.0), np.arange(20.0, 60.1, 5.0)])
    return depths[depths <= bottom_m]


def simulate_point(inputs, settings, x, y):
    """Run the column at the pixel holding (x, y), output every step; ValueError if the pixel has NoData."""
    checked = check_inputs(inputs, settings)
    col, row = pixel_of(checked.grid, x, y)
    block = read_block(checked, settings, (col, row, 1, 1))
    valid = valid_pixels(block)
    if not valid.any():
        names = ("climate", "soil", "nfactors", "geothermal", "initial", "anomalies")
        missing = [n for n in names if getattr(block, n) is not None
                   and not np.isfinite(getattr(block, n)[:, 0, 0]).all()]
        raise ValueError(f"Point ({x:.4f}, {y:.4f}) falls on NoData in: {', '.join(missing)}")
    nodes = make_grid(bottom_m=settings.bottom_m, top_dz_m=settings.top_dz_m)
    args = solver_arguments(block, valid, settings, nodes, checked.initial_depths_m)
    depths = np.unique(np.concatenate([profile_depths(settings.bottom_m), [10.0]]))
    steps_per_year = int(round(365.0 / (settings.dt_days or DEFAULT_DT_DAYS)))
    res = simulate(**args, node_depths=nodes, years=len(settings.years), spinup_years=settings.spinup_years,
                   dt_days=365.0 / steps_per_year, output_depths_m=tuple(depths),
                   output_every_days=365.0 / steps_per_year)
    used = {f"tair_{m + 1:02d} (°C)": float(block.climate[m, 0, 0]) for m in range(12)}
    used.update({f"{name} layer {i + 1}": float(v) for name in ("thickness_m", "k_frozen", "k_thawed", "c_frozen",
                                                                "c_thawed", "water_content")
                 for i, v in enumerate(getattr(args["layers"], name)[0])})
    if block.nfactors is not None:
        used.update({"n_freezing": float(block.nfactors[0, 0, 0]), "n_thawing": float(block.nfactors[1, 0, 0])})
    used["initial state"] = "ERA5-Land raster" if block.initial is not None else "TTOP equilibrium"
    return PointRun(
        lon=x, lat=y, pixel=(col, row), years=settings.years, depths_m=depths,
        times_days=np.asarray(res.times_days), series_c=res.series_c[:, 0, :], steps_per_year=steps_per_year,
        annual_mean_c=res.annual_mean_c[:, 0, :], alt_m=res.alt_m[:, 0],
        magt_10m_c=float(res.annual_mean_c[:, 0, list(depths).index(10.0)].mean()),
        ttop_c=float(np.asarray(res.ttop_c)[0]), inputs=used)
