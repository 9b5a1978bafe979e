"""The statutory clock: how many application deadlines per second ``compute_deadline`` derives, with the mix of
situations a district sees (plain, 补正 restart, consultation, extension, fee pause), on the official calendar.

``python -m bench case_clock [N]`` (default N = 20000). Writes docs/benchmarks/cases.md.
"""

import datetime as dt
import random
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks" / "cases.md"


def _facts(rng, clock):
    received = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randrange(0, 5 * 365))
    kind = rng.random()
    if kind < 0.6:
        return clock.ClockFacts(received)
    if kind < 0.7:
        requested = received + dt.timedelta(days=rng.randrange(1, 8))
        return clock.ClockFacts(received, correction_requested_on=requested, correction_period_days=10,
                                correction_received_on=requested + dt.timedelta(days=rng.randrange(1, 12)))
    if kind < 0.85:
        sent = received + dt.timedelta(days=rng.randrange(1, 10))
        return clock.ClockFacts(received, pauses=(clock.Pause(clock.PauseKind.THIRD_PARTY, sent,
                                                              sent + dt.timedelta(days=rng.randrange(3, 25))),))
    if kind < 0.95:
        return clock.ClockFacts(received, extension_days=rng.randrange(5, 21))
    notice = received + dt.timedelta(days=rng.randrange(3, 15))
    return clock.ClockFacts(received, pauses=(clock.Pause(clock.PauseKind.FEE, notice,
                                                          notice + dt.timedelta(days=rng.randrange(1, 25))),))


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from gongkai.calendars.official import build_calendar
    from gongkai.cases.domain import clock

    n = int(argv[0]) if argv else 20000
    rng = random.Random(2024)
    facts = [_facts(rng, clock) for _ in range(n)]
    calendar = build_calendar()
    start = time.perf_counter()
    dues = [clock.compute_deadline(f, calendar).due_on for f in facts]
    seconds = time.perf_counter() - start
    assert all(d is not None for d in dues)
    line = (f"| {n} deadlines (60% plain, 10% 补正, 15% consultation, 10% extension, 5% fee pause), 2021–2025 "
            f"| {seconds:.2f} s | {n / seconds:,.0f} per second | {seconds / n * 1e6:.0f} µs each |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Cases benchmarks\n\n"
        "The statutory clock (`cases/domain/clock.py`), pure, on the official calendar (no database).\n\n"
        "Command: `.venv/bin/python -m bench case_clock " + str(n) + "`\n\n"
        "| corpus | time | throughput | per deadline |\n|---|---|---|---|\n" + line + "\n\n"
        "A calendar change recomputes every open case with this function (`cases.services_clock."
        "recompute_open_deadlines`); a district has at most a few hundred open cases, so a recomputation is far "
        "below a second of clock arithmetic plus one UPDATE and one event per case whose date moved.\n",
        encoding="utf-8",
    )
    print(line)
