"""The ``column`` sub-command end to end, and input validation errors that name the field."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from core.heat import Layers, make_grid, simulate
from core.heat.column_cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONTHLY = [-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5]


def spec(**changes):
    base = {
        "layers": [
            {"thickness_m": 0.2, "k_frozen": 0.8, "k_thawed": 0.3, "c_frozen": 1.9e6, "c_thawed": 3.3e6,
             "water_content": 0.55, "unfrozen_water": None},
            {"thickness_m": 2.8, "k_frozen": 1.6, "k_thawed": 1.3, "c_frozen": 2.0e6, "c_thawed": 2.8e6,
             "water_content": 0.35, "unfrozen_water": {"a": 0.05, "b": 0.45}},
            {"thickness_m": 50.0, "k_frozen": 2.5, "k_thawed": 2.5, "c_frozen": 2.0e6, "c_thawed": 2.1e6,
             "water_content": 0.03, "unfrozen_water": None},
        ],
        "grid": {"bottom_m": 60.0, "top_dz_m": 0.02},
        "monthly_air_temperature_c": MONTHLY,
        "n_freezing": 0.5, "n_thawing": 0.9, "geothermal_flux_w_m2": 0.06,
        "initial_temperature_c": "equilibrium", "spinup_years": 0,
        "days": 365, "dt_days": 5.0, "output_depths_m": [0.5, 1.0, 10.0], "output_every_days": 5,
    }
    base.update(changes)
    return base


def run_cli(tmp_path, payload):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(payload))
    out = tmp_path / "result.json"
    code = main([str(path), "--out", str(out)])
    return code, (json.loads(out.read_text()) if code == 0 else None)


def test_cli_result_matches_simulate(tmp_path):
    code, result = run_cli(tmp_path, spec())
    assert code == 0
    assert result["days"] == 365 and len(result["temperature_c"]) == 73 and len(result["temperature_c"][0]) == 3
    assert len(result["annual_mean_c"]) == 1 and len(result["alt_m"]) == 1
    assert result["spinup"] == {"years": 0, "converged": False}
    assert result["energy_residual"] < 1e-8
    nan = np.nan
    layers = Layers([[0.2, 2.8, 50.0]], [[0.8, 1.6, 2.5]], [[0.3, 1.3, 2.5]], [[1.9e6, 2.0e6, 2.0e6]],
                    [[3.3e6, 2.8e6, 2.1e6]], [[0.55, 0.35, 0.03]], [[nan, 0.05, nan]], [[nan, 0.45, nan]])
    res = simulate(layers, make_grid(60.0), monthly_air_c=[MONTHLY], n_freezing=0.5, n_thawing=0.9, days=365,
                   dt_days=5.0, output_depths_m=(0.5, 1.0, 10.0), output_every_days=5)
    assert result["magt_10m_c"] == pytest.approx(res.magt_c[0], abs=1e-12)
    assert result["alt_m"][0] == pytest.approx(res.alt_m[0, 0], abs=1e-12)
    np.testing.assert_allclose(result["temperature_c"], res.series_c[:, 0, :], atol=1e-12)


def test_cli_batch_and_repeating_daily_forcing(tmp_path):
    daily = list(np.linspace(-20, 15, 30))  # 30 days, repeats over the 60-day run
    specs = [spec(days=60, air_temperature_c=daily, monthly_air_temperature_c=None, dt_days=1.0,
                  output_every_days=1, initial_temperature_c=-1.0),
             spec(days=60, air_temperature_c=daily, monthly_air_temperature_c=None, dt_days=1.0,
                  output_every_days=1, initial_temperature_c=-1.0, n_thawing=0.5),
             spec(days=60, surface_temperature_c=[2.0], monthly_air_temperature_c=None, dt_days=1.0,
                  output_every_days=1, initial_temperature_c=-1.0)]
    code, results = run_cli(tmp_path, specs)
    assert code == 0 and isinstance(results, list) and len(results) == 3
    assert results[0]["annual_mean_c"] == [] and results[0]["magt_10m_c"] is None  # no full year
    first, second = np.array(results[0]["temperature_c"]), np.array(results[1]["temperature_c"])
    assert first.shape == (60, 3) and np.all(second[:, 0] <= first[:, 0] + 1e-12)  # smaller n_thawing: colder
    code_single, single = run_cli(tmp_path, specs[0])
    np.testing.assert_allclose(single["temperature_c"], results[0]["temperature_c"], atol=1e-12)


@pytest.mark.parametrize("change, field", [
    ({"layers": [{"thickness_m": 1.0, "k_frozen": -2.0, "k_thawed": 1.0, "c_frozen": 2e6, "c_thawed": 2e6,
                  "water_content": 0.3}]}, "layers[0].k_frozen"),
    ({"layers": [{"thickness_m": 1.0, "k_frozen": 2.0, "k_thawed": 1.0, "c_frozen": 2e6, "c_thawed": 2e6,
                  "water_content": 1.3}]}, "layers[0].water_content"),
    ({"layers": [{"thickness_m": -1.0, "k_frozen": 2.0, "k_thawed": 1.0, "c_frozen": 2e6, "c_thawed": 2e6,
                  "water_content": 0.3}]}, "layers[0].thickness_m"),
    ({"dt_days": 0}, "dt_days"),
    ({"monthly_air_temperature_c": MONTHLY[:11]}, "monthly_air_temperature_c"),
    ({"output_depths_m": [200.0]}, "output_depths_m[0]"),
    ({"grid": {"bottom_m": -5}}, "grid.bottom_m"),
    ({"initial_temperature_c": [1.0, 2.0]}, "initial_temperature_c"),
    ({"spinup_years": -1}, "spinup_years"),
])
def test_cli_bad_input_exit_code_and_message(tmp_path, capsys, change, field):
    code, _ = run_cli(tmp_path, spec(**change))
    assert code == 2
    assert field in capsys.readouterr().err


def test_simulate_bad_input_names_the_field():
    layers = Layers([[1.0]], [[2.0]], [[1.0]], [[2e6]], [[2e6]], [[0.3]], [[np.nan]], [[np.nan]])
    z = make_grid(20.0)
    with pytest.raises(ValueError, match="monthly_air_c contains NaN"):
        simulate(layers, z, monthly_air_c=[[np.nan] * 12])
    with pytest.raises(ValueError, match="dt_days"):
        simulate(layers, z, monthly_air_c=[MONTHLY], dt_days=-1)
    with pytest.raises(ValueError, match="output_depths_m"):
        simulate(layers, z, monthly_air_c=[MONTHLY], output_depths_m=(30.0,))
    with pytest.raises(ValueError, match="exactly one"):
        simulate(layers, z, monthly_air_c=[MONTHLY], surface_c=[[0.0]])
    with pytest.raises(ValueError, match=r"layers\[0\].unfrozen_b"):
        Layers([[1.0]], [[2.0]], [[1.0]], [[2e6]], [[2e6]], [[0.3]], [[0.05]], [[-1.0]])
    with pytest.raises(ValueError, match=r"layers\[0\].c_thawed"):
        Layers([[1.0]], [[2.0]], [[1.0]], [[2e6]], [[0.0]], [[0.3]], [[np.nan]], [[np.nan]])
    with pytest.raises(ValueError, match="n_freezing"):
        simulate(layers, z, monthly_air_c=[MONTHLY], n_freezing=[1.0, 2.0])


@pytest.mark.skipif(not os.path.exists(os.path.join(ROOT, "core", "__main__.py")), reason="core/__main__.py missing")
def test_cli_subprocess(tmp_path):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec(output_every_days=None)))
    out = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-m", "core", "column", str(path), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["magt_10m_c"] < 0 and "temperature_c" not in result
    path.write_text(json.dumps(spec(n_freezing=-1)))
    bad = subprocess.run([sys.executable, "-m", "core", "column", str(path), "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "n_freezing" in bad.stderr


@pytest.mark.parametrize("change, message", [
    ({"n_thawing": 5.0}, "n_thawing must be in 0.05…3, got 5.0"),
    ({"n_freezing": 0.0}, "n_freezing must be in 0.05…3"),
    ({"geothermal_flux_w_m2": -1.0}, "geothermal_flux_w_m2 must be in 0…1 W/m², got -1.0"),
    ({"geothermal_flux_w_m2": 50.0}, "geothermal_flux_w_m2 must be in 0…1 W/m², got 50.0"),
    ({"layers": [{"thickness_m": 1.0, "k_frozen": 2.0, "k_thawed": 1.0, "c_frozen": 2.0, "c_thawed": 2e6,
                  "water_content": 0.3}]}, "layers[0].c_frozen must be in 50000…6e+06 J m-3 K-1"),
])
def test_cli_refuses_implausible_nfactors_flux_and_layer_values(tmp_path, capsys, change, message):
    code, _ = run_cli(tmp_path, spec(**change))
    assert code == 2
    assert message in capsys.readouterr().err


def test_cli_refuses_a_binary_spec_and_a_missing_out_folder_before_running(tmp_path, capsys):
    tif = tmp_path / "climate.tif"
    tif.write_bytes(b"II*\x00\x08\x00\x00\x00\xff\xfe\x00\x80" * 10)
    assert main([str(tif)]) == 2
    err = capsys.readouterr().err
    assert "climate.tif is not a JSON text file" in err and "Traceback" not in err
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec(days=36500)))  # would run for a long time before writing
    assert main([str(path), "--out", str(tmp_path / "missing" / "out.json")]) == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in capsys.readouterr().err


def test_cli_refuses_out_equal_to_spec(tmp_path, capsys):
    path = tmp_path / "spec.json"
    text = json.dumps(spec())
    path.write_text(text)
    os.symlink(str(tmp_path), str(tmp_path / "link"))
    for out in (path, tmp_path / "link" / "spec.json"):  # the same file, also when spelled another way
        assert main([str(path), "--out", str(out)]) == 2
        assert "is the spec file" in capsys.readouterr().err
        assert path.read_text() == text
