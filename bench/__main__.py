"""Run the benchmarks: ``python -m bench`` runs all, ``python -m bench NAME [args]`` one.

Each benchmark is a module ``bench/bench_<name>.py`` with ``main(argv: list[str]) -> None``; it generates its
own corpus (never committed) and records its results in docs/benchmarks.md.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings")
    names = available()
    if argv and argv[0] in {"-h", "--help", "list"}:
        print("benchmarks:", ", ".join(names) or "(none)")
        return
    if argv:
        if argv[0] not in names:
            sys.exit(f"unknown benchmark {argv[0]!r}; available: {', '.join(names)}")
        importlib.import_module(f"bench.bench_{argv[0]}").main(argv[1:])
        return
    for name in names:
        print(f"== bench {name}")
        importlib.import_module(f"bench.bench_{name}").main([])


if __name__ == "__main__":
    main(sys.argv[1:])
