"""``python3 -m core column SPEC.json [--out RESULT.json]``: run column specs, write results as JSON."""

import argparse
import json
import math
import os
import sys

import numpy as np

from .column_spec import batch_arguments, parse_spec
from .layers import Layers
from .simulate import simulate


def _clean(value):
    """numpy -> JSON-ready Python, NaN -> null."""
    if isinstance(value, np.ndarray):
        return [_clean(v) for v in value.tolist()]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def run_specs(specs):
    """Run a list of spec dicts (compatible ones in one batch); returns one result dict per spec."""
    parsed = []
    for i, spec in enumerate(specs):
        try:
            parsed.append(parse_spec(spec))
        except ValueError as err:
            raise ValueError(f"spec[{i}]: {err}" if len(specs) > 1 else str(err)) from None
    groups = {}
    for i, p in enumerate(parsed):
        groups.setdefault(p[3], []).append(i)
    results = [None] * len(specs)
    for members in groups.values():
        fields, z, kwargs = batch_arguments([parsed[i] for i in members])
        res = simulate(Layers(*fields), z, **kwargs)
        for col, i in enumerate(members):
            out = {
                "days": kwargs["days"],
                "dt_days": res.dt_days,
                "output_depths_m": res.output_depths_m,
                "annual_mean_c": res.annual_mean_c[:, col, :],
                "alt_m": res.alt_m[:, col],
                "magt_10m_c": res.magt_c[col],
                "period_mean_c": res.period_mean_c[col],
                "permafrost_table_m": res.permafrost_table_m[col],
                "permafrost_base_m": res.permafrost_base_m[col],
                "ttop_c": res.ttop_c[col],
                "energy_residual": res.energy_residual[col],
                "substepped_steps": res.substepped_steps[col],
                "unconverged_steps": res.unconverged_steps[col],
                "spinup": {"years": res.spinup_years_used[col], "converged": res.spinup_converged[col]},
            }
            if res.series_c is not None:
                out["times_days"] = res.times_days
                out["temperature_c"] = res.series_c[:, col, :]
            results[i] = {k: (_clean(v) if k != "spinup" else {n: _clean(x) for n, x in v.items()})
                          for k, v in out.items()}
    return results


def _read_spec(path):
    """The parsed JSON of ``path``; ValueError naming it when it is not UTF-8 JSON text (e.g. a GeoTIFF)."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a JSON text file (not UTF-8; a raster or other binary file?)") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"{path} is not valid JSON: {err}") from None


def _check_out(path):
    """Refuse an ``--out`` that cannot be written before any column is run."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"--out {path}: the folder {folder} does not exist")
    if os.path.isdir(path):
        raise ValueError(f"--out {path} is a folder; give a file name")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"--out {path}: the folder {folder} is not writable")


def main(argv):
    """Entry point of the ``column`` sub-command; returns the exit code (2 for bad input)."""
    parser = argparse.ArgumentParser(prog="python3 -m core column",
                                     description="Simulate permafrost columns described in a JSON spec.")
    parser.add_argument("spec", help="JSON file with one column spec or a list of them")
    parser.add_argument("--out", help="result JSON file (default: standard output)")
    args = parser.parse_args(argv)
    if args.out and os.path.exists(args.out) and os.path.exists(args.spec) and os.path.samefile(args.out, args.spec):
        print(f"error: --out {args.out} is the spec file; writing it would destroy the spec. Choose another "
              "result file.", file=sys.stderr)
        return 2
    try:
        if args.out:
            _check_out(args.out)
        spec = _read_spec(args.spec)
        specs = spec if isinstance(spec, list) else [spec]
        if not specs:
            raise ValueError("the spec list is empty")
        results = run_specs(specs)
    except (OSError, json.JSONDecodeError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    text = json.dumps(results if isinstance(spec, list) else results[0], indent=1)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0
