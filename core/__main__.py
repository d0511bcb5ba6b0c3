"""Command line for the plugin core: ``python3 -m core SUBCOMMAND ...`` from the plugin folder.

Each sub-command lives in its own module exposing ``main(argv) -> int``; it is imported only when
called, so the CLI starts fast and a sub-command's dependencies (e.g. GDAL) load only when needed.
"""

import importlib
import sys

SUBCOMMANDS = {
    "column": (".heat.column_cli", "run one or more soil columns described in JSON"),
}


def usage():
    lines = ["usage: python3 -m core SUBCOMMAND [ARGS...]", "", "sub-commands:"]
    lines += [f"  {name:<12} {text}" for name, (_, text) in SUBCOMMANDS.items()]
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in SUBCOMMANDS:
        print(f"unknown sub-command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(SUBCOMMANDS[name][0], __package__)
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
