"""Demo step 依申请公开: the 2017 applications of the seed report, 2023 and 2024 applications in the 2021
format, and a handful of open cases relative to today for the workbench. Every record is written through the
cases services (so each step has its event and letter) and marked ``is_demo``. Idempotent: nothing is written
when demo applications exist.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.services import create_staff_user, grant_role
from gongkai.calendars.official import current_calendar
from gongkai.cases import services
from gongkai.cases.models import Application
from gongkai.cases.services import ApplicantInput
from gongkai.catalog.selectors import public_items
from gongkai.core.actors import System
from gongkai.core.time import local_today
from gongkai.demo.cases_2017 import CASES_2017
from gongkai.demo.cases_later import CASES_2023, CASES_2024
from gongkai.demo.cases_people import APPLICANTS
from gongkai.demo.clock import SET_UP, on
from gongkai.demo.district_2017 import DEMO_PASSWORD

CONFIRM_CHANNELS = {"online", "ordinary_post", "fax", "email"}
DELIVERY_BY_CHANNEL = {"online": "online", "email": "email", "in_person": "pickup", "signed_post": "post",
                       "ordinary_post": "post", "fax": "fax"}


def _staff(agency: Agency, role: str):
    """One demo handler and one approver per agency that has demo cases (password as the other demo accounts)."""
    username = f"demo-{'handler' if role == 'case_handler' else 'approver'}-{agency.code.removeprefix('wsjkq-')}"
    if agency.code == "wsjkq":
        username = "demo-handler" if role == "case_handler" else "demo-approver"
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    with on(SET_UP):
        if user is None:
            label = "依申请公开承办人" if role == "case_handler" else "依申请公开审批人"
            user = create_staff_user(actor=System, username=username, password=DEMO_PASSWORD,
                                     full_name=f"演示{agency.display_name}{label}")
        if not Membership.objects.filter(user=user, agency=agency, role=role).exists():
            grant_role(actor=System, user=user, agency=agency, role=role, reason="演示账号")
    return user


def _input(spec: dict) -> ApplicantInput:
    person = dict(APPLICANTS[spec["applicant"]])
    delivery = "email" if person.get("email") and spec["channel"] in {"online", "email"} else \
        DELIVERY_BY_CHANNEL[spec["channel"]]
    if delivery == "email" and not person.get("email"):
        delivery = "post"
    return ApplicantInput(description=spec["description"], provision_form="electronic" if delivery in {
        "email", "online"} else "paper", delivery=delivery, **person)


def _working_days_after(day: dt.date, n: int) -> dt.date:
    return current_calendar().add_working_days(day, n).due


def _fresh(app: Application) -> Application:
    return Application.objects.get(pk=app.pk)


def _run(spec: dict) -> Application:
    """One application worked through the services, each step stamped on the day it happened."""
    agency = Agency.objects.get(code=spec["agency"])
    handler, approver = _staff(agency, "case_handler"), _staff(agency, "case_approver")
    received = spec["received"]
    with on(received):
        app = services.register_application(actor=handler, agency=agency, channel=spec["channel"],
                                            data=_input(spec), arrived_on=received, is_demo=True)
        if spec.get("pieces"):
            Application.objects.filter(pk=app.pk).update(pieces=spec["pieces"])
        if spec["channel"] in CONFIRM_CHANNELS:
            app = services.confirm_receipt(actor=handler, app=app, confirmed_on=received,
                                           note="已电话与申请人确认（演示）")
    last = received
    if "correction" in spec:
        requested, period, corrected_on, corrected = spec["correction"]
        with on(requested):
            app = services.request_correction(actor=handler, app=app,
                                              items="请写明所需信息的名称、文号或者便于查询的其他特征性描述。",
                                              period_days=period, on=requested)
        if corrected_on is None:
            lapsed_on = _working_days_after(requested, period) + dt.timedelta(days=1)
            with on(lapsed_on, 0, 5):
                services.lapse_windows(today=lapsed_on)
            return _fresh(app)
        with on(corrected_on):
            app = services.receive_correction(actor=handler, app=app, received_on=corrected_on,
                                              corrected_description=corrected)
        last = corrected_on
    if spec.get("withdraw"):
        with on(spec["withdraw"]):
            services.withdraw(actor=handler, app=app, reason="申请人来电表示不再需要该信息（演示）", on=spec["withdraw"])
        return _fresh(app)
    with on(last, 11):
        if app.state == "registered":
            app = services.accept_application(actor=handler, app=app, on=last)
        app = services.assign_handler(actor=handler, app=app, handler=handler)
    if "consultation" in spec:
        kind, party, sent, replied = spec["consultation"]
        with on(sent):
            consultation = services.start_consultation(actor=handler, app=app, kind=kind, party=party, sent_on=sent)
        with on(replied):
            services.end_consultation(actor=handler, consultation=consultation, replied_on=replied,
                                      opinion="不同意公开（演示）" if spec["result"].startswith("withheld") else "")
        last = replied
    if "extension" in spec:
        days, reason, notice_on = spec["extension"]
        with on(notice_on):
            services.extend_deadline(actor=approver, app=_fresh(app), days=days, reason=reason, notice_on=notice_on,
                                     approved_on=notice_on)
        last = notice_on
    if "fee" in spec:
        method, pages, notice_on, paid_on = spec["fee"]
        with on(notice_on):
            fee = services.issue_fee_notice(actor=handler, app=_fresh(app), method=method, pages=pages, on=notice_on)
        if paid_on is None:
            lapsed_on = fee.payment_due_on + dt.timedelta(days=1)
            with on(lapsed_on, 0, 5):
                services.lapse_windows(today=lapsed_on)
            return _fresh(app)
        with on(paid_on):
            services.record_payment(actor=handler, app=_fresh(app), paid_on=paid_on, amount=fee.amount,
                                    receipt_number=f"渝非税（演示）{paid_on:%Y%m%d}{app.pk:04d}")
        last = paid_on
    app = _fresh(app)
    reply_type, reasons, index = spec.get("reply_type", ""), spec.get("reasons", ""), ""
    if reply_type == "36.1":
        # Point to a published item of the agency's catalog when the catalog demo has one.
        item = (public_items().filter(agency=agency, published_on__lte=received).exclude(index_number="")
                .order_by("-published_on", "-id").first())
        if item is None:
            reply_type, reasons = "36.2", reasons.replace("该信息已在本机关政府信息公开栏目主动公开。", "提供所申请的信息。")
        else:
            index = item.index_number
    decided = spec.get("decided") or min(_working_days_after(last, 8), app.reply_due_on)
    with on(decided, 15):
        services.decide(actor=handler, app=app, result=spec["result"], reply_type=reply_type,
                        reasons=reasons, withheld_what=spec.get("withheld", ("", ""))[0],
                        withheld_why=spec.get("withheld", ("", ""))[1], catalog_index_numbers=index,
                        responsible_organ=spec.get("responsible", ""), decided_on=decided)
    delivered = _working_days_after(decided, 1)
    with on(delivered):
        app = services.deliver(actor=handler, app=_fresh(app), **_delivery(app, delivered))
        services.close_case(actor=handler, app=app, on=delivered)
    if "appeal" in spec:
        a = spec["appeal"]
        with on(a["filed"]):
            appeal = services.record_appeal(actor=handler, agency=agency, application=_fresh(app), kind=a["kind"],
                                            body=a["body"], filed_on=a["filed"], case_number=a["number"],
                                            is_demo=True, summary="申请人对答复不服（演示）")
        if a["decided"]:
            with on(a["decided"]):
                services.record_appeal_outcome(actor=handler, appeal=appeal, outcome=a["outcome"],
                                               decided_on=a["decided"])
    return _fresh(app)


def _delivery(app, on: dt.date) -> dict:
    """The typed delivery the applicant's 获取方式 calls for (国办公开办函〔2016〕235号)."""
    if app.delivery in {"email", "online"}:
        sent = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)))
        return {"method": "electronic", "sent_at": sent, "address": app.email or "网上申请平台"}
    if app.delivery == "pickup":
        return {"method": "direct", "signed_on": on, "signed_by": app.applicant_name}
    return {"method": "post", "posted_on": on, "postal_service": "ems",
            "waybill_number": f"EA{app.pk:09d}CN"}


def _working_days_before(day: dt.date, n: int) -> dt.date:
    calendar = current_calendar()
    while n > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _live_cases() -> int:
    """Open cases at the district office dated from today, so the workbench has something in each group."""
    today = local_today()
    agency = Agency.objects.get(code="wsjkq")
    handler = _staff(agency, "case_handler")
    _staff(agency, "case_approver")
    specs = [
        ("chen", "申请公开2026年区政府重点民生实事项目清单及进度", 17, "due3"),
        ("li", "申请公开城区停车场收费标准的核定文件", 15, "due5"),
        ("wang", "申请公开某安置小区的房屋质量检测报告", 23, "overdue"),
        ("zhou", "申请公开那个文件", 3, "correction"),
        ("green", "申请公开区内某企业的环境信用评价结果及依据", 6, "consultation"),
        ("lawfirm", "申请公开2020年以来全部政府投资项目的审计报告纸质复印件", 5, "fee"),
    ]
    for key, description, age, kind in specs:
        received = _working_days_before(today, age)
        spec = {"applicant": key, "description": description, "channel": "in_person"}
        with on(received):
            app = services.register_application(actor=handler, agency=agency, channel="in_person",
                                                data=_input(spec), arrived_on=received, is_demo=True)
        if kind == "correction":
            with on(_working_days_after(received, 1)) as moment:
                services.request_correction(actor=handler, app=app, items="请写明所需文件的名称或文号。",
                                            period_days=10, on=moment.date())
            continue
        with on(received, 11):
            app = services.accept_application(actor=handler, app=app, on=received)
            app = services.assign_handler(actor=handler, app=app, handler=handler, section="申请公开科")
        if kind == "consultation":
            with on(_working_days_after(received, 2)) as moment:
                services.start_consultation(actor=handler, app=app, kind="third_party", party="相关企业（演示）",
                                            sent_on=moment.date())
        if kind == "fee":
            with on(_working_days_after(received, 3)) as moment:
                services.issue_fee_notice(actor=handler, app=app, method="per_volume", pages=120, on=moment.date())
    services.submit_online_application(agency=agency, is_demo=True, data=_input({
        "applicant": "huang", "channel": "online", "description": "申请公开本区义务教育阶段学校招生计划"}))
    return len(specs) + 1


def load_step() -> str:
    existing = Application.objects.filter(is_demo=True).count()
    if existing:
        return f"已存在 {existing} 件演示申请"
    with transaction.atomic():
        for spec in CASES_2017 + CASES_2023 + CASES_2024:
            _run(spec)
        live = _live_cases()
    by_year = {year: Application.objects.filter(is_demo=True, received_on__year=year).count()
               for year in (2017, 2023, 2024)}
    return (f"2017年 {by_year[2017]} 件、2023年 {by_year[2023]} 件、2024年 {by_year[2024]} 件申请，"
            f"另有 {live} 件办理中的申请")
