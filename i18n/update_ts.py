"""Merge the plugin's current English strings into the .ts files, keeping the translations already made.

Run with QGIS's Python from the plugin folder (``make translations`` does this, then compiles the .qm
files with lrelease). New strings are added as unfinished; strings no longer used are dropped.
"""

import glob
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parent = tempfile.mkdtemp(prefix="permafrost_i18n_")
    os.symlink(os.path.dirname(HERE), os.path.join(parent, "permafrost_magt"))
    sys.path.insert(0, parent)
    sys.path.insert(0, HERE)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    import strings

    sources = strings.all_strings()
    for path in sorted(glob.glob(os.path.join(HERE, "permafrost_magt_*.ts"))):
        old = strings.read_ts(path)
        language = os.path.basename(path)[len("permafrost_magt_"):-3]
        strings.write_ts(path, sources, old, language)
        missing = sum(1 for s in sources if not old.get(s))
        print(f"{os.path.basename(path)}: {len(sources)} strings, {missing} untranslated")
    os.remove(os.path.join(parent, "permafrost_magt"))
    os.rmdir(parent)


if __name__ == "__main__":
    main()
