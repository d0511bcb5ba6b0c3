"""QGIS test harness: the checkout imported as package ``permafrost_magt`` and its provider registered.

pytest-qgis starts a headless QgsApplication (pytest.ini: ``qgis_qui_enabled = false``). The
checkout folder is not called ``permafrost_magt``, so a temporary folder holding a link of that
name goes on ``sys.path``, exactly as QGIS sees an installed plugin.
"""

import gc
import os
import sys
import tempfile

import pytest


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PROCESSING_PLUGINS = "/usr/share/qgis/python/plugins"
if PROCESSING_PLUGINS not in sys.path:
    sys.path.append(PROCESSING_PLUGINS)

PLUGIN_PARENT = tempfile.mkdtemp(prefix="permafrost_plugins_")
os.symlink(ROOT, os.path.join(PLUGIN_PARENT, "permafrost_magt"))
sys.path.insert(0, PLUGIN_PARENT)


@pytest.fixture(scope="session", autouse=True)
def free_layers_before_qgis_exit(qgis_app):
    """Destroy every layer and provider Python still holds while QGIS is alive, before pytest-qgis exits it.

    A failing test's frame stays referenced after the test (pytest keeps ``sys.last_value`` and its
    traceback for post-mortem debugging; a ``pytest.raises`` info in a frame makes a reference cycle), so
    its local layers would otherwise be destroyed by the interpreter's shutdown, after ``exitQgis()``
    unloaded their providers: the process then aborts ("corrupted size vs. prev_size") or segfaults
    instead of reporting the failure.
    """
    yield
    from qgis.core import QgsDataProvider, QgsMapLayer, QgsProject
    from qgis.PyQt import sip

    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
    QgsProject.instance().removeAllMapLayers()
    gc.collect()
    for obj in gc.get_objects():  # still referenced somewhere (e.g. a module global): delete the C++ object now
        if isinstance(obj, (QgsMapLayer, QgsDataProvider)) and not sip.isdeleted(obj) and sip.ispyowned(obj):
            sip.delete(obj)


@pytest.fixture(scope="session")
def plugin_parent():
    """Folder holding the ``permafrost_magt`` link to the checkout (a QGIS plugin folder)."""
    return PLUGIN_PARENT


@pytest.fixture(scope="session")
def provider(qgis_app):
    """The permafrost provider, registered once with Processing (native algorithms included)."""
    from processing.core.Processing import Processing
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication

    from permafrost_magt.algorithms.provider import PermafrostProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    prov = registry.providerById("permafrost")
    if prov is None:
        prov = PermafrostProvider()
        registry.addProvider(prov)
    return prov


@pytest.fixture
def run_alg(provider):
    """``run_alg(name, params, feedback=None)``: run ``permafrost:name`` with processing.run."""
    import processing

    def run(name, params, feedback=None):
        return processing.run(f"permafrost:{name}", params, feedback=feedback)

    return run


QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="session")
def qgis_process_env(tmp_path_factory):
    """``make(plugin_parent, locale=None)`` → ``run(*args)`` calling qgis_process.bin with that plugin folder enabled.

    Debian's ``/usr/bin/qgis_process`` wrapper is broken, so the binary is called. A temporary HOME and
    QGIS config path keep the QGIS profile (where "plugins enable" and ``locale`` are recorded) out of the
    user's and out of the test session's.
    """
    import subprocess

    def make(plugin_parent, locale=None):
        home = tmp_path_factory.mktemp("home")
        if locale:  # the interface language, as QGIS records it in the profile
            profile = home / "profiles" / "default" / "QGIS"
            profile.mkdir(parents=True)
            (profile / "QGIS3.ini").write_text(f"[locale]\nuserLocale={locale}\noverrideFlag=true\n")
        env = dict(os.environ, HOME=str(home), QGIS_CUSTOM_CONFIG_PATH=str(home), QGIS_PLUGINPATH=str(plugin_parent),
                   QT_QPA_PLATFORM="offscreen")

        def run(*args):
            done = subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stdout + done.stderr
            return done.stdout

        enabled = subprocess.run([QGIS_PROCESS, "plugins", "enable", "permafrost_magt"], env=env,
                                 capture_output=True, text=True, timeout=600)
        assert enabled.returncode == 0 or "already enabled" in enabled.stdout + enabled.stderr, enabled.stderr
        run.env = env  # for tests that start qgis_process themselves
        return run

    return make
