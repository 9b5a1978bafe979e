"""Settings of the cases area, read from Django settings or the environment.

``GONGKAI_FEE_PAUSES_CLOCK`` (default on): whether the reply clock stops between a fee notice and the payment
(国办函〔2020〕109号 is silent on it; spec §4 UNCONFIRMED).
"""

import json
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gongkai.cases.domain.clock import ClockSettings
from gongkai.cases.domain.remedies import CHOICE_SETTING_VALUES, RemedySettings, Route


def fee_pauses_clock() -> bool:
    value = getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", None)
    if value is None:
        value = os.environ.get("GONGKAI_FEE_PAUSES_CLOCK", "1").strip().lower() not in {"0", "false", "no", "off"}
    return bool(value)


def clock_settings() -> ClockSettings:
    return ClockSettings(count_from_next_day=settings.GONGKAI_COUNT_FROM_NEXT_DAY, fee_pauses_clock=fee_pauses_clock())


def _route_setting(name: str) -> Route:
    value = getattr(settings, name, None) or os.environ.get(name, "choice")
    route = CHOICE_SETTING_VALUES.get(str(value).strip().lower())
    if route is None:
        raise ImproperlyConfigured(f"{name} 应为 choice（复议或诉讼）或 precondition（复议前置），而不是 {value!r}")
    return route


def remedy_settings() -> RemedySettings:
    """UNCONFIRMED (spec; 行政复议法 art. 23 ¶1 (四)): whether 无法提供 and 不予处理 answers take 复议前置.
    ``GONGKAI_REMEDY_UNABLE`` and ``GONGKAI_REMEDY_NOT_PROCESSED``: ``choice`` (default) or ``precondition``."""
    return RemedySettings(unable=_route_setting("GONGKAI_REMEDY_UNABLE"),
                          not_processed=_route_setting("GONGKAI_REMEDY_NOT_PROCESSED"))


def review_body_overrides() -> dict[str, str]:
    """``GONGKAI_REVIEW_BODIES``: agency code → the 复议机关 to name, for vertical systems (海关、金融、外汇管理、
    税务、国家安全: 上一级主管部门, 行政复议法 art. 27) or any agency whose 复议机关 is not the government above."""
    value = getattr(settings, "GONGKAI_REVIEW_BODIES", "")
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError:
            raise ImproperlyConfigured("GONGKAI_REVIEW_BODIES 应为 JSON 对象，如 {\"机构代码\": \"复议机关名称\"}") from None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ImproperlyConfigured("GONGKAI_REVIEW_BODIES 应为 JSON 对象，如 {\"机构代码\": \"复议机关名称\"}")
    return {k.strip(): v.strip() for k, v in value.items() if v.strip()}
