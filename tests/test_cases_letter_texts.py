"""Letters that read right: every template for every result row and applicant kind, the remedy by the law in
force on the decision date (行政复议法 2023 art. 23 ¶1 (四)), the address for the applicant's kind, no doubled
punctuation where people's text is inserted, dates as written in official documents, 暂定 for provisional dates."""

import datetime as dt
import re

import pytest

from gongkai.cases import services
from gongkai.cases.domain import letters as wording
from gongkai.cases.domain import remedies as rules
from gongkai.cases.domain.applicants import ApplicantType
from gongkai.cases.domain.results import RESULT_ROWS, Result, ResultGroup
from gongkai.cases.letters import base_values, template_for
from gongkai.cases.models import Decision
from gongkai.cases.models.choices import LETTER_KIND_CHOICES
from gongkai.cases.remedies import guide_remedies, remedy_text, review_body_for
from gongkai.cases.tests.factories import walk_in
from gongkai.demo.codes import demo_uscc

D = dt.date
BEFORE, AFTER = D(2023, 12, 29), D(2024, 3, 4)
DOUBLED = re.compile(r"[。！？；，、：][。．.，,；;、]")
CHOICE_2023 = "也可以自收到本答复书之日起六个月内依法向人民法院提起行政诉讼"
FIRST_2023 = "应当先自收到本答复书之日起六十日内向测试区人民政府申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼"
OLD = "或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼"


def test_rule_table_follows_the_law_in_force_and_the_result_row():
    settings = rules.RemedySettings()
    assert rules.law_in_force(D(2023, 12, 31)) == rules.ReviewLaw.LAW_2017
    assert rules.law_in_force(D(2024, 1, 1)) == rules.ReviewLaw.LAW_2023
    expected = {ResultGroup.DISCLOSED: rules.Route.CHOICE, ResultGroup.PARTIAL: rules.Route.PARTIAL,
                ResultGroup.WITHHELD: rules.Route.PRECONDITION, ResultGroup.UNABLE: rules.Route.CHOICE,
                ResultGroup.NOT_PROCESSED: rules.Route.CHOICE, ResultGroup.OTHER: rules.Route.CHOICE}
    for row in RESULT_ROWS:
        after = rules.rule_for(on=AFTER, kind="decision", result=row.result, settings=settings)
        before = rules.rule_for(on=BEFORE, kind="decision", result=row.result, settings=settings)
        assert after.route == expected[row.group], row.result
        assert before.route == rules.Route.CHOICE and "第九条" in before.basis
    withheld = rules.rule_for(on=AFTER, kind="decision", result=Result.WITHHELD_STATE_SECRET, settings=settings)
    assert withheld.basis.startswith("《中华人民共和国行政复议法》第二十三条第一款第（四）项")
    strict = rules.RemedySettings(unable=rules.Route.PRECONDITION, not_processed=rules.Route.PRECONDITION)
    assert rules.rule_for(on=AFTER, kind="decision", result=Result.UNABLE_NOT_HELD,
                          settings=strict).route == rules.Route.PRECONDITION
    assert rules.rule_for(on=AFTER, kind="correction", result=None, settings=settings).route == rules.Route.NONE
    assert rules.rule_for(on=AFTER, kind="fee", result=None, settings=settings).route == rules.Route.CHOICE


def test_review_body_by_arts_24_and_27():
    kw = dict(parent_name="测试区人民政府")
    assert rules.review_body(on=AFTER, kind=rules.BodyKind.SUBORDINATE, government_above="测试区人民政府", **kw) \
        == "测试区人民政府"
    assert rules.review_body(on=AFTER, kind=rules.BodyKind.GOVERNMENT, government_above="", parent_name="") \
        == "上一级人民政府"
    assert rules.review_body(on=AFTER, kind=rules.BodyKind.SUBORDINATE, government_above="测试区人民政府",
                             override="国家税务总局重庆市税务局", **kw) == "国家税务总局重庆市税务局"
    # Before 2024 the old letters' naming stays.
    assert rules.review_body(on=BEFORE, kind=rules.BodyKind.SUBORDINATE, government_above="x",
                             override="y", **kw) == "测试区人民政府"


def _applicant(kind: ApplicantType) -> dict:
    if kind == ApplicantType.NATURAL_PERSON:
        return {}
    return {"applicant_type": kind.value, "applicant_name": "某某有限公司", "id_type": "uscc",
            "id_number": demo_uscc(77), "contact_person": "赵六"}


def _render(app, kind: str, on: dt.date, result: str = "") -> str:
    _title, body = template_for(app.agency, kind, result)
    return wording.fill(body, base_values(app, on, kind, result))


def _decision(app, result: Result, on: dt.date) -> Decision:
    partial = result == Result.PARTIAL
    return Decision(application=app, result=result.value, decided_on=on, reasons="经检索，相关信息如下。",
                    withheld_what="个人身份证号码。" if partial else "", withheld_why="涉及个人隐私。" if partial else "",
                    catalog_index_numbers="", responsible_organ="")


@pytest.mark.django_db
@pytest.mark.parametrize("applicant", list(ApplicantType))
def test_every_letter_for_every_result_row_reads_right(personas, applicant):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 26), description="请公开本局2023年决算。",
                  **_applicant(applicant))
    app = services.accept_application(actor=handler, app=app)
    natural = applicant == ApplicantType.NATURAL_PERSON
    texts = []
    for on in (BEFORE, AFTER):
        for row in RESULT_ROWS:
            app.decision = _decision(app, row.result, on)
            text = _render(app, "decision", on, row.result.value)
            texts.append(text)
            assert "如对本告知不服" not in text, row.result
            if on == BEFORE:
                assert OLD in text and "应当先" not in text
            elif row.group == ResultGroup.WITHHELD:
                assert f"如对本答复不服，{FIRST_2023}。" in text and CHOICE_2023 not in text
            elif row.group == ResultGroup.PARTIAL:
                assert f"对本答复中不予公开的部分不服的，{FIRST_2023}；对本答复的其他内容不服的，" in text
                assert CHOICE_2023 in text
            else:
                assert CHOICE_2023 in text and "应当先" not in text, row.result
        for kind, _label in LETTER_KIND_CHOICES:
            if kind == "decision":
                continue
            text = _render(app, kind, on)
            if kind != "consultation":   # addressed to the consulted party, not the applicant
                texts.append(text)
            if kind in {"receipt", "acceptance", "correction", "extension", "delay", "consultation", "withdrawal"}:
                assert "行政复议" not in text, kind
            else:
                noun = "本通知书" if kind == "fee" else "本告知书"
                assert f"自收到{noun}之日起六十日内" in text and "本答复书" not in text, kind
    for text in texts:
        assert not DOUBLED.search(text), DOUBLED.search(text)
        assert "（单位）" not in text
        assert ("您" in text) is natural and ("贵单位" in text) is not natural
        assert not re.search(r"年0\d月|月0\d日|\d{4}-\d{2}-\d{2}", text)
    assert "本机关于2024年2月26日收到" in texts[0]


@pytest.mark.django_db
def test_provisional_deadline_is_not_stated_as_fact(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 26))
    app = services.accept_application(actor=handler, app=app)
    app.due_provisional = False
    assert "暂定" not in _render(app, "acceptance", D(2024, 2, 26))
    app.due_provisional = True
    text = _render(app, "acceptance", D(2024, 2, 26))
    assert f"将于{wording.cn_date(app.reply_due_on)}（暂定，以国务院公布的该年度节假日安排为准）前作出答复" in text


def test_user_text_is_inserted_without_doubled_punctuation():
    values = {"申请内容": "请公开某文件。", "理由": "理由如下，", "申请人": "李四"}
    assert wording.fill("申请获取：{申请内容}。理由：{理由}。", values) == "申请获取：请公开某文件。理由：理由如下。"
    assert wording.fill("{理由}\n", values) == "理由如下，\n"
    assert wording.fill("一，。二。，三", {}) == "一。二。三"


@pytest.mark.django_db
def test_guide_letters_and_applicant_page_say_the_same(personas, settings):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 26))
    assert remedy_text(app) == ""
    services.decide(actor=handler, app=app, result="withheld_process_info", reply_type="36.3",
                    reasons="属于过程性信息。", decided_on=D(2024, 3, 4))
    app.refresh_from_db()
    letter = app.letters.get(kind="decision")
    assert remedy_text(app) and remedy_text(app) in letter.body
    guide = guide_remedies(personas.dept_a, on=D(2024, 3, 4))
    assert [g.text for g in guide] == [
        f"对不予公开（含部分公开中不予公开的部分）的答复不服的，{FIRST_2023.replace('本答复书', '答复书')}。",
        "对其他答复不服的，可以自收到答复书之日起六十日内向测试区人民政府申请行政复议，"
        "也可以自收到答复书之日起六个月内依法向人民法院提起行政诉讼。"]
    settings.GONGKAI_REMEDY_UNABLE = "precondition"
    assert guide_remedies(personas.dept_a, on=D(2024, 3, 4))[0].answers == "不予公开（含部分公开中不予公开的部分）、无法提供"
    settings.GONGKAI_REVIEW_BODIES = {personas.dept_a.code: "国家税务总局测试区税务局上一级主管部门"}
    assert review_body_for(personas.dept_a, on=D(2024, 3, 4)) == "国家税务总局测试区税务局上一级主管部门"
    assert review_body_for(personas.government, on=D(2024, 3, 4)) == "上一级人民政府"
    assert review_body_for(personas.town, on=D(2024, 3, 4)) == "测试区人民政府"


@pytest.mark.django_db
def test_portal_guide_and_status_page_show_the_table_text(client, personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 26))
    services.decide(actor=handler, app=app, result="withheld_process_info", reply_type="36.3",
                    reasons="属于过程性信息。", decided_on=D(2024, 3, 4))
    lines = [g.text for g in guide_remedies(personas.dept_a)]
    for url in (f"/gk/{personas.dept_a.code}/guide/", f"/gk/{personas.dept_a.code}/apply/guide/"):
        page = client.get(url).content.decode()
        assert all(line in page for line in lines), url
        assert "或者六个月内依法提起行政诉讼" not in page
    page = client.post("/apply/status/", {"code": app.tracking_code}).content.decode()
    app.refresh_from_db()
    assert f'<td id="case-remedy">{remedy_text(app)}</td>' in page
