"""python scripts/first_page.py URL: wait (at most 120 s) until URL answers 200, then print how long the server
took to serve its first page and the time since ``make`` started — the last of ``make run``'s step timings, in
the format of ``scripts/step.sh``. ``make run`` starts it beside the server. Standard library only."""

import os
import sys
import time
import urllib.error
import urllib.request


def main(url: str, limit: float = 120.0) -> int:
    started = time.time()
    while time.time() - started < limit:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    else:
        print(f"==> first page ({url}): no answer after {limit:.0f} s", file=sys.stderr)
        return 1
    ended = time.time()
    line = f"==> first page ({url}): {ended - started:.1f} s"
    if os.environ.get("GONGKAI_MAKE_STARTED"):
        line += f" (since make started: {ended - float(os.environ['GONGKAI_MAKE_STARTED']):.1f} s)"
    print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
