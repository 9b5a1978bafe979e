"""Every action code a service writes has a label in both languages and a payload description; history reads
as words."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from gongkai.core import event_vocabulary

SRC = Path(__file__).resolve().parents[1] / "src" / "gongkai"
WRITTEN = re.compile(r'\b(?:event_action|action|[A-Z_]*ACTION)\s*=\s*"([a-z_]+\.[a-z_]+)"')


def written_codes() -> set[str]:
    """The action codes in the services' source: literal ``action=``/``event_action=`` arguments and
    ``…_ACTION = "…"`` constants (less the
    permission codes passed under the same name), the catalog's transition table, and the kinds of bulk record
    imports (``f"{kind}.imported"``)."""
    from gongkai.agencies.domain.roles import PERMISSIONS
    from gongkai.catalog.domain.states import TRANSITIONS
    from gongkai.engagement.services_records import MODELS_FOR_IMPORT

    codes = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        codes |= set(WRITTEN.findall(path.read_text(encoding="utf-8")))
    codes -= set(PERMISSIONS)
    codes |= {t.event for t in TRANSITIONS.values()}
    codes |= {f"{kind}.imported" for kind in MODELS_FOR_IMPORT}
    return codes


def test_every_code_written_is_in_the_vocabulary():
    codes = written_codes()
    assert len(codes) > 100
    missing = sorted(codes - set(event_vocabulary.actions()))
    assert missing == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_action_has_a_label_and_a_payload_description_in_both_languages(language):
    with translation.override(language):
        for code, entry in event_vocabulary.actions().items():
            label, payload = str(entry.label), str(entry.payload)
            assert label and label != code and payload, code
            if language == "en":
                assert label.isascii() and payload.isascii(), (code, label, payload)


def test_an_undeclared_code_reads_as_itself():
    assert event_vocabulary.action_label("nothing.declared") == "nothing.declared"
    with translation.override("zh-hans"):
        assert event_vocabulary.action_label("item.submitted") == "提交审核"
