"""Make the plugin folder importable as top-level packages (``core``, ``algorithms``) in tests."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
