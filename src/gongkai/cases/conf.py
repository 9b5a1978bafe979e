"""Settings of the cases area, read from Django settings or the environment.

``GONGKAI_FEE_PAUSES_CLOCK`` (default on): whether the reply clock stops between a fee notice and the payment
(国办函〔2020〕109号 is silent on it; spec §4 UNCONFIRMED).
"""

import os

from django.conf import settings

from gongkai.cases.domain.clock import ClockSettings


def fee_pauses_clock() -> bool:
    value = getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", None)
    if value is None:
        value = os.environ.get("GONGKAI_FEE_PAUSES_CLOCK", "1").strip().lower() not in {"0", "false", "no", "off"}
    return bool(value)


def clock_settings() -> ClockSettings:
    return ClockSettings(count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY, fee_pauses_clock=fee_pauses_clock())
