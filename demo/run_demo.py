"""`make demo`: the whole workflow on real data for the northern Greater Khingan, through qgis_process.

Every step is a `qgis_process.bin run permafrost:...` call, exactly as a user would run it headless
(Debian's `qgis_process` wrapper is broken; the binary is called). Outputs go to demo_output/.

Usage: /usr/bin/python3 demo/run_demo.py [--out demo_output] [--resolution DEG] [--box W,E,S,N]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
DEFAULT_OUT = os.path.join(ROOT, "demo_output")
LOG_LINES = ("Grid", "Merged run", "Check", "Steps", "Permafrost area", "Leave-one-out", "ERROR", "WARNING")
BOX = (119.5, 127.0, 49.5, 53.6)  # W, E, S, N: Mohe, Tahe, Genhe, Jiagedaqi and the pipeline boreholes
RESOLUTION = 1.0 / 120.0  # 30″ (≈ 0.6 km × 0.9 km), the published product's resolution; see README "Demo"
MOHE = (122.52, 52.97)
# Warming trend applied to the 1960–1990 station climatology (WorldClim 1.4 sampled at the stations):
# +0.3 °C/decade, the middle of the 0.2–0.4 °C/decade MAAT rise reported along the China–Russia crude oil
# pipeline (Li Guoyu et al.; ESSD 14:5093, 2022); see README "Demo".
TREND_C_PER_DECADE = 0.3
CLIMATOLOGY_YEAR = 1975


class Runner:
    """Runs permafrost algorithms through qgis_process with this checkout installed as a plugin."""

    def __init__(self, workdir):
        plugins = os.path.join(workdir, "plugins")
        os.makedirs(plugins)
        os.symlink(ROOT, os.path.join(plugins, "permafrost_magt"))
        home = os.path.join(workdir, "home")
        os.makedirs(home)
        runtime = os.path.join(workdir, "runtime")
        os.makedirs(runtime, mode=0o700)
        self.env = dict(os.environ, HOME=home, QGIS_PLUGINPATH=plugins, QT_QPA_PLATFORM="offscreen",
                        XDG_RUNTIME_DIR=runtime)
        self._call(["plugins", "enable", "permafrost_magt"], echo=False)
        self.step = 0
        self.started = time.perf_counter()

    def _call(self, args, echo=True):
        """Run qgis_process; echo its progress bar as it grows and the run-log lines worth reading."""
        proc = subprocess.Popen([QGIS_PROCESS, *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        text, line = [], ""
        while True:
            char = proc.stdout.read(1)
            if not char:
                break
            text.append(char)
            if char == "\n":
                bar = re.match(r"[0-9.]+", line)
                if echo and bar:
                    print(line[bar.end():], flush=True)
                elif echo and line.startswith(LOG_LINES):
                    print("    " + line, flush=True)
                line = ""
                continue
            line += char
            if echo and re.fullmatch(r"[0-9.]+", line):  # the progress bar "0...10...20..." grows char by char
                sys.stdout.write(("    " if len(line) == 1 else "") + char)
                sys.stdout.flush()
        if proc.wait() != 0:
            raise SystemExit(f"qgis_process {' '.join(args[:2])} failed:\n{''.join(text)[-3000:]}")
        return "".join(text)

    def run(self, title, algorithm, **params):
        """Run permafrost:ALGORITHM with NAME=value parameters; returns the results as a dict of strings."""
        self.step += 1
        t0 = time.perf_counter()
        print(f"[{self.step}] {title} (permafrost:{algorithm})", flush=True)
        args = ["run", f"permafrost:{algorithm}", "--"] + [f"{k}={v}" for k, v in params.items()]
        text = self._call(args)
        results = dict(re.findall(r"^([A-Z][A-Z0-9_]*):\t(.*)$", text.split("Results", 1)[-1], re.M))
        print(f"    done in {time.perf_counter() - t0:.0f} s (total {time.perf_counter() - self.started:.0f} s)",
              flush=True)
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder; the README map is refreshed only "
                        "when this is the default")
    parser.add_argument("--resolution", type=float, default=RESOLUTION, help="grid cell size, degrees")
    parser.add_argument("--box", default=",".join(f"{v:g}" for v in BOX), help="W,E,S,N in degrees")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    west, east, south, north = (float(v) for v in args.box.split(","))
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)

    def o(name):
        return os.path.join(out, name)

    def d(name):
        return os.path.join(DATA, name)

    print(f"Demo region {west}–{east} E, {south}–{north} N at {args.resolution * 60:.2f}′; outputs in {out}")
    with tempfile.TemporaryDirectory() as workdir:
        qp = Runner(workdir)
        grid = qp.run("Prepare the model grid", "prepare_grid",
                      EXTENT=f"{west},{east},{south},{north} [EPSG:4326]", RESOLUTION=args.resolution,
                      OUTPUT=o("grid.tif"))
        climate = qp.run("Interpolate station climatology with the DEM (lapse rate + thin-plate spline)",
                         "prepare_climate_stations", STATIONS_CSV=d("stations_wc14_cru_chelsa_ne_china.csv"),
                         PREFIX="wc14_tmean_", ELEVATION_FIELD="ELEV_M", LAT_FIELD="LAT", LON_FIELD="LON",
                         DEM=d("dem_itu_p1511_1-12deg.tif"), TEMPLATE=grid["OUTPUT"], OUTPUT=o("climate.tif"),
                         REPORT=o("climate_cross_validation.html"))
        soil = qp.run("Soil thermal properties from HWSD topsoil texture over default substrate",
                      "prepare_soil_hwsd", SAND=d("hwsd_topsoil_sand_0p05.tif"), SILT=d("hwsd_topsoil_silt_0p05.tif"),
                      CLAY=d("hwsd_topsoil_clay_0p05.tif"), OC=d("hwsd_topsoil_oc_0p05.tif"),
                      TEMPLATE=grid["OUTPUT"], OUTPUT=o("soil.tif"))
        nfactors = qp.run("n-factors from MODIS IGBP land cover", "prepare_nfactors",
                          LANDCOVER=d("mcd12c1_2019_igbp_0p05.tif"), TEMPLATE=grid["OUTPUT"], OUTPUT=o("nfactors.tif"))
        model_inputs = dict(CLIMATE=climate["OUTPUT"], SOIL=soil["OUTPUT"], NFACTORS=nfactors["OUTPUT"],
                            FIRST_YEAR=2010, LAST_YEAR=2024, TREND=TREND_C_PER_DECADE,
                            CLIMATOLOGY_YEAR=CLIMATOLOGY_YEAR)
        print("    no ERA5-Land file offline: every pixel starts from its TTOP equilibrium profile")
        sim = qp.run("Simulate 2010–2024 (MAGT at 10 m, ALT)", "simulate", **model_inputs, WORKERS=args.workers,
                     OUTPUT_MAGT=o("magt_10m.tif"), OUTPUT_ALT=o("alt.tif"), OUTPUT_DIAGNOSTICS=o("diagnostics.tif"))
        boundary = qp.run("0 °C permafrost boundary and extent", "permafrost_boundary", INPUT=sim["OUTPUT_MAGT"],
                          OUTPUT_LINE=o("permafrost_boundary.gpkg"), OUTPUT_EXTENT=o("permafrost_extent.gpkg"))
        classes = qp.run("Thermal-stability classes (Zhou et al. 2000)", "stability_classes",
                         INPUT=sim["OUTPUT_MAGT"], OUTPUT_RASTER=o("stability_classes.tif"),
                         OUTPUT_POLYGONS=o("stability_class_polygons.gpkg"))
        route = qp.run("Route corridor: Mohe – MDS391 along the crude oil pipeline", "route_corridors",
                       ROUTES=d("route_mohe_daqing_pipeline.geojson"), NAME_FIELD="name", INPUT=sim["OUTPUT_MAGT"],
                       ALT=sim["OUTPUT_ALT"], CLASSES=classes["OUTPUT_RASTER"], SPACING=1000,
                       OUTPUT_SEGMENTS=o("route_segments.gpkg"), OUTPUT_SUMMARY=o("route_summary.gpkg"),
                       OUTPUT_REPORT=o("route_report.html"))
        column = qp.run("Single column at Mohe", "column_explorer", **model_inputs,
                        POINT=f"{MOHE[0]},{MOHE[1]} [EPSG:4326]", OUTPUT_REPORT=o("column_mohe.html"),
                        OUTPUT_CSV=o("column_mohe.csv"))
        print(f"[{qp.step + 1}] Render the map (QGIS layout, headless)", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "render_map.py"), sim["OUTPUT_MAGT"],
                        boundary["OUTPUT_LINE"], d("route_mohe_daqing_pipeline.geojson"), o("magt_map.png"),
                        "MAGT at 10 m, 2010–2024 mean — northern Greater Khingan (permafrost_magt demo)"],
                       env=qp.env, check=True)
        if out == os.path.abspath(DEFAULT_OUT):
            os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
            shutil.copyfile(o("magt_map.png"), os.path.join(ROOT, "docs", "demo_map.png"))
        elapsed = time.perf_counter() - qp.started

    from summary import print_summary

    print_summary(out, climate, sim, boundary, classes, route, column, MOHE, elapsed)


if __name__ == "__main__":
    main()
