"""Service and rule errors carry a code and a translatable message, and every message has its English.

The scan reads the source (services, selectors and pure rules of every area, not the interfaces): every
``raise`` of an error of ``gongkai.core.errors`` (or one of its subclasses in the areas) passes its message as a
marked source string (``_("…")``, ``gettext_noop("…")``, or a name bound to one) and a dotted ``code=``
(authorisation refusals may keep the class's code, ``forbidden``). A message built by an f-string or by
joining strings is rendered when raised, in one language, and fails the scan.
"""

import ast
import pathlib
import re

import pytest
from django.utils import translation

from gongkai.core.errors import DomainError, NotAllowed, Sentences, ValidationFailed, gettext_noop

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "gongkai"
AREAS = ("agencies", "calendars", "catalog", "cases", "engagement", "reports", "sites", "search", "portal", "core")
INTERFACE_PARTS = ("tests", "migrations", "management", "templatetags", "static", "templates")
BASES = {"DomainError", "NotAllowed", "InvalidTransition", "ValidationFailed"}
MARKERS = {"_", "gettext_noop", "gettext_lazy"}
# Chinese messages left as they are, each for a reason: none reaches a person through a page or the API in a
# language they chose.
LEFT = {
    "cases/conf.py:ImproperlyConfigured": "a setting's value is wrong: read by the operator at start-up",
    "core/sms.py:SmsTemporaryError": "the SMS gateway's answer, kept in the outbox row for administrators",
    "core/sms.py:SmsPermanentError": "the SMS gateway's answer, kept in the outbox row for administrators",
    "cases/personal_data.py:ValueError": "the personal-data key does not match: an operator's configuration",
    "cases/selectors.py:DoesNotExist": "answered as 404 (the page's own message), never shown",
    "cases/redaction/services.py:DoesNotExist": "answered as 404 (the page's own message), never shown",
    "search/services.py:ValueError": "a programming error (a document without key or title)",
    "calendars/domain/notice.py:NoticeError": "problems of a holiday-notice file, listed by line for the "
                                              "platform administrator who imports it (a list, not one message)",
    "catalog/domain/import_rows.py:ValueError": "a cell's date problem, folded into the import's row report",
    "cases/domain/fees.py:ValueError": "a count that is not a positive number; services check it first",
}
CODE = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _modules():
    for area in AREAS:
        for path in sorted((SRC / area).rglob("*.py")):
            rel = path.relative_to(SRC)
            if any(p in INTERFACE_PARTS for p in rel.parts):
                continue
            if rel.name.startswith(("views", "forms", "urls")) or (area == "portal" and not rel.name.startswith("services")):
                continue
            yield path, rel


def _error_classes(trees) -> set[str]:
    """BASES and every class of the scanned modules that derives from one of them (to any depth)."""
    names = set(BASES)
    changed = True
    while changed:
        changed = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                        ast.unparse(b).split(".")[-1] in names for b in node.bases):
                    names.add(node.name)
                    changed = True
    return names


def _marked_names(tree) -> set[str]:
    """Module-level names bound to a marked string (``CODE_REFUSED = _("…")``)."""
    return {t.id for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and ast.unparse(node.value.func) in MARKERS for t in node.targets if isinstance(t, ast.Name)}


def _scan():
    parsed = [(path, rel, ast.parse(path.read_text())) for path, rel in _modules()]
    classes = _error_classes([t for _p, _r, t in parsed])
    raises, problems = [], []
    for _path, rel, tree in parsed:
        marked = _marked_names(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            call = node.exc
            name = ast.unparse(call.func).split(".")[-1]
            where = f"{rel}:{node.lineno}"
            first = call.args[0] if call.args else None
            literal_han = any(isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
                              and not _inside_marker(n, call) for n in ast.walk(call))
            if name not in classes:
                if literal_han and f"{rel}:{name}" not in LEFT:
                    problems.append(f"{where}: {name} with a Chinese message that is not an error of core.errors")
                continue
            code = next((k.value for k in call.keywords if k.arg == "code"), None)
            if code is None and name != "NotAllowed":
                problems.append(f"{where}: {name} without code=")
            if code is not None and not (isinstance(code, ast.Constant) and CODE.match(code.value)):
                problems.append(f"{where}: code is not a dotted literal (area.reason)")
            if first is None:
                problems.append(f"{where}: {name} without a message")
            elif isinstance(first, ast.Call) and ast.unparse(first.func) in MARKERS:
                if isinstance(first.args[0], ast.Constant):
                    raises.append((where, code.value if code is not None else "forbidden", first.args[0].value))
                else:
                    problems.append(f"{where}: the marked message is not a literal")
            elif isinstance(first, ast.Name) and first.id in marked | {"problem", "message"}:
                pass                    # a marked constant, or a marked sentence handed down by a rule
            elif isinstance(first, ast.Dict):
                pass                    # one marked message per state (checked by literal_han below)
            else:
                problems.append(f"{where}: the message is not a marked source string: {ast.unparse(first)[:60]}")
            if literal_han:
                problems.append(f"{where}: a Chinese literal outside _()")
    return raises, problems


def _inside_marker(constant, call) -> bool:
    return any(isinstance(n, ast.Call) and ast.unparse(n.func) in MARKERS and constant in list(ast.walk(n))
               for n in ast.walk(call))


RAISES, PROBLEMS = _scan()


def test_every_error_has_a_code_and_a_translatable_message():
    assert len(RAISES) > 250        # the scan found the raise sites (it reads what it should)
    assert PROBLEMS == []


def test_every_declared_code_has_an_english_message():
    with translation.override("en"):
        untranslated = sorted({f"{code}: {message}" for _where, code, message in RAISES
                               if HAN.search(re.sub(r"\{[^}]*\}", "", translation.gettext(message)))})
    assert untranslated == []


def test_a_message_renders_in_the_language_of_whoever_reads_it():
    with translation.override("zh-hans"):
        error = ValidationFailed(gettext_noop("流水号 %(serial)s 超出 %(width)s 位"), code="catalog.index_serial_overflow",
                                 field="serial", serial=12345, width=4)
        assert str(error) == "流水号 12345 超出 4 位"
    with translation.override("en"):
        assert str(error) == error.message == "Serial number 12345 is longer than 4 digits."
    assert error.code == "catalog.index_serial_overflow" and error.fields == ("serial",) and error.field == "serial"


def test_lists_and_sentences_join_in_the_readers_language():
    error = ValidationFailed(gettext_noop("未知字段：%(unknown)s"), code="catalog.unknown_fields", unknown=["a", "b"],
                             field=["a", "b"])
    with translation.override("en"):
        assert error.message == "Unknown fields: a, b"
    with translation.override("zh-hans"):
        assert error.message == "未知字段：a、b"
    problems = ValidationFailed(gettext_noop("信息有误：%(problems)s"), code="catalog.invalid_item",
                                problems=Sentences(["x", "y"]))
    with translation.override("en"):
        assert problems.message == "The record cannot be saved: x; y"


def test_a_refusal_keeps_the_forbidden_code_and_like_copies_an_error():
    refusal = NotAllowed(gettext_noop("您无权执行此操作"))
    assert refusal.code == "forbidden"
    copy = DomainError.like(ValidationFailed(gettext_noop("请填写理由"), code="catalog.reason_required", field="reason"))
    assert (copy.code, copy.fields, copy.template) == ("catalog.reason_required", ("reason",), "请填写理由")


@pytest.mark.django_db
def test_a_form_gets_the_error_on_the_field_it_names():
    from django import forms

    from gongkai.core.form_errors import add_domain_error

    class Form(forms.Form):
        reason = forms.CharField(required=False)

    form = Form({"reason": ""})
    assert form.is_valid()
    with translation.override("en"):
        add_domain_error(form, ValidationFailed(gettext_noop("请填写理由"), code="catalog.reason_required",
                                                field="body.reason"))
        add_domain_error(form, ValidationFailed(gettext_noop("请填写理由"), code="catalog.reason_required",
                                                field="nowhere"))
    assert form.errors["reason"] == ["Enter a reason."] and form.non_field_errors() == ["Enter a reason."]


def _noop_marked():
    for path, rel in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and ast.unparse(node.func) == "gettext_noop" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                yield f"{rel}:{node.lineno}", node.args[0].value


def test_every_problem_a_rule_reports_has_an_english_message():
    marked = list(_noop_marked())
    assert len(marked) > 40
    with translation.override("en"):
        untranslated = sorted({f"{where}: {text}" for where, text in marked
                               if HAN.search(re.sub(r"\{[^}]*\}", "", translation.gettext(text)))})
    assert untranslated == []


def test_a_rule_problem_reads_in_english_inside_an_error():
    from gongkai.cases.domain.states import State, refusal

    problem = refusal("close", State.REGISTERED)
    assert "不能执行" in problem                   # it is still the source text where code reads it as text
    error = ValidationFailed(gettext_noop("申请有误：%(problems)s"), code="cases.invalid_application",
                             problems=Sentences([problem, gettext_noop("请选择获取方式。")]))
    with translation.override("en"):
        assert str(problem).startswith("The application is “")
        assert error.message.startswith("The application cannot be accepted: The application is")
        assert error.message.endswith("; Choose how to receive it.")
