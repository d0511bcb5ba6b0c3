"""Interrupted runs: scripts without a main guard, temporaries of dead processes, SIGTERM."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from core.atomic import atomic_path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))

RUN = """
import sys
sys.path[:0] = [{root!r}, {here!r}]
import pathlib
from core.regional import ModelSettings, RegionInputs, run_region
from regional_fixtures import write_inputs

def main(folder):
    paths, _ = write_inputs(folder)
    region = RegionInputs(climate=paths["climate"], soil=paths["soil"], nfactors=paths["nfactors"])
    settings = ModelSettings(first_year=2010, last_year=2010, dt_days=5.0, bottom_m=30.0, batch_columns=4, workers=2)
    run_region(region, settings, {{"magt": str(folder / "magt.tif")}}, log=lambda *_: None)
    print("done")
"""


def script(tmp_path, guarded):
    call = "main(pathlib.Path({!r}))".format(str(tmp_path))
    body = RUN.format(root=ROOT, here=HERE) + (f'\nif __name__ == "__main__":\n    {call}\n' if guarded else
                                              f"\n{call}\n")
    path = tmp_path / ("guarded.py" if guarded else "unguarded.py")
    path.write_text(body)
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300)


def test_script_without_main_guard_is_refused_before_workers_start(tmp_path):
    done = script(tmp_path, guarded=False)
    assert done.returncode != 0 and "done" not in done.stdout
    assert "has no 'if __name__ == \"__main__\":' block" in done.stderr
    assert "RuntimeError" in done.stderr and done.stderr.count("Traceback") == 1  # no worker re-ran the script
    assert not (tmp_path / "magt.tif").exists()
    guarded = script(tmp_path, guarded=True)
    assert guarded.returncode == 0 and "done" in guarded.stdout, guarded.stderr
    assert (tmp_path / "magt.tif").exists()


def test_temporaries_of_dead_processes_are_removed_by_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with atomic_path(str(tmp_path / "magt.tif")) as tmp:
        mine = os.path.basename(tmp)
        open(tmp, "w").close()
    stale = [mine.replace(f".{os.getpid()}-", f".{dead.pid}-"),  # a run killed with SIGKILL
             mine.replace(f".{os.getpid()}-", f".{dead.pid}-").replace(".magt.", ".alt.") + ".aux.xml"]
    alive = mine.replace(f".{os.getpid()}-", f".{os.getppid()}-")  # a run still going on
    other_host = mine.replace(f".{os.getpid()}-", f".{dead.pid}-").rsplit("-", 1)[0] + "-00000000.x.part.tif"
    foreign = ".notes.part.tif"  # not a temporary of this plugin
    for name in stale + [alive, other_host, foreign]:
        (tmp_path / name).write_bytes(b"")
    with atomic_path(str(tmp_path / "magt.tif")) as tmp:
        open(tmp, "w").close()
    assert sorted(os.listdir(tmp_path)) == sorted([alive, other_host, foreign, "magt.tif"])


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX")
def test_sigterm_while_writing_leaves_no_temporary(tmp_path):
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {ROOT!r})
        from core.atomic import atomic_path
        with atomic_path({str(tmp_path / "out.tif")!r}) as tmp:
            open(tmp, "w").write("partial")
            print(tmp, flush=True)
            time.sleep(60)
    """)
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        tmp = proc.stdout.readline().strip()
        assert os.path.exists(tmp)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert os.listdir(tmp_path) == []


def test_sigterm_handler_is_restored_after_writing(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    with atomic_path(str(tmp_path / "a.txt")) as tmp:
        assert signal.getsignal(signal.SIGTERM) is not before
        open(tmp, "w").close()
    assert signal.getsignal(signal.SIGTERM) is before
