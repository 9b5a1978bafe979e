"""Delivery by law (国办公开办函〔2016〕235号): typed deliveries, timeliness at the legal time point, the frozen
original and its hash, the court bundle, and bad input refused with a reason and nothing written."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import services
from gongkai.cases.documents import case_file_zip
from gongkai.cases.domain import delivery as rules
from gongkai.cases.models import Application, Delivery
from gongkai.cases.selectors import case_clock, overdue_cases
from gongkai.cases.tests.factories import walk_in
from gongkai.core.actors import System
from gongkai.core.errors import ValidationFailed
from gongkai.core.events import events_for

D = dt.date


def client_for(client, personas, name):
    client.force_login(personas[name])
    return client


TODAY = D(2024, 6, 28)


def facts(**kw):
    base = dict(method="post", issued_on=D(2024, 3, 4), today=TODAY, applicant_delivery="post")
    return rules.DeliveryFacts(**(base | kw))


def test_each_method_has_its_time_point_and_its_requirements():
    post = facts(posted_on=D(2024, 3, 5), postal_service="ems", waybill_number="ea 123456789 cn")
    assert rules.problems(post) == [] and rules.time_point(post) == D(2024, 3, 5)
    assert rules.normalise_waybill("ea 123456789 cn") == "EA123456789CN"
    courier = facts(posted_on=D(2024, 3, 5), postal_service="sf", waybill_number="SF1234567890")
    assert any("不得通过其他快递企业" in p for p in rules.problems(courier))
    assert any("邮件号码" in p for p in rules.problems(facts(posted_on=D(2024, 3, 5), postal_service="ems",
                                                             waybill_number="12345")))
    direct = facts(method="direct", signed_on=D(2024, 3, 6), signed_by="张三")
    assert rules.problems(direct) == [] and rules.time_point(direct) == D(2024, 3, 6)
    assert rules.problems(facts(method="entrusted", signed_on=D(2024, 3, 6), signed_by="张三")) == [
        "委托送达的，请填写受委托代为送达的行政机关。"]
    early = facts(method="direct", signed_on=D(2024, 3, 1), signed_by="张三")
    assert rules.problems(early) == ["签收日期应在文书出具之日和今天之间。"]
    electronic = facts(method="electronic", sent_on=D(2024, 3, 4))
    assert "申请人未选择以电子邮件或网上方式获取" in rules.problems(electronic)[0]
    chosen = facts(method="electronic", applicant_delivery="email", sent_on=D(2024, 3, 4))
    assert rules.problems(chosen) == [] and rules.time_point(chosen) == D(2024, 3, 4)
    assert rules.problems(facts(method="fax"))[0].startswith("请选择送达方式")
    assert rules.is_late(D(2024, 3, 9), D(2024, 3, 8)) and not rules.is_late(D(2024, 3, 8), D(2024, 3, 8))


def _decided(personas, **kw):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5), **kw)
    app = services.accept_application(actor=handler, app=app, on=D(2024, 2, 6))
    services.decide(actor=handler, app=app, result="withheld_process_info", reply_type="36.3",
                    reasons="属于过程性信息。", decided_on=D(2024, 3, 7))
    return Application.objects.get(pk=app.pk)


@pytest.mark.django_db
def test_posted_on_the_due_date_is_in_time_and_the_original_is_frozen(personas):
    app = _decided(personas, delivery="post")
    assert app.reply_due_on == D(2024, 3, 8)
    handler = personas["handler_a"]
    with pytest.raises(ValidationFailed, match="不得通过其他快递企业"):
        services.deliver(actor=handler, app=app, method="post", posted_on=D(2024, 3, 8), postal_service="sf",
                         waybill_number="SF1234567890")
    with pytest.raises(ValidationFailed, match="申请人未选择"):
        services.deliver(actor=handler, app=app, method="electronic", sent_at=timezone.now())
    assert not Delivery.objects.exists() and Application.objects.get(pk=app.pk).state == "decided"
    # Decided on 3-7, handed to the post on 3-8 (the due date), signed for on 3-12: in time (235号第四条).
    services.deliver(actor=handler, app=app, method="post", posted_on=D(2024, 3, 8), postal_service="ems",
                     waybill_number="EA123456789CN", signed_on=D(2024, 3, 12), signed_by="张三")
    app.refresh_from_db()
    letter = app.letters.get(kind="decision")
    assert (app.state, app.delivered_on, app.delivery_method) == ("delivered", D(2024, 3, 8), "邮寄送达")
    assert letter.delivery.time_point_on == D(2024, 3, 8)
    with letter.original_pdf.open("rb") as handle:
        original = handle.read()
    assert original.startswith(b"%PDF") and hashlib.sha256(original).hexdigest() == letter.original_sha256
    event = events_for(app).get(action="case.delivered")
    assert event.payload["late"] is False and event.payload["time_point"] == "2024-03-08"
    assert event.payload["original_sha256"] == letter.original_sha256
    with pytest.raises(ValidationFailed, match="已登记送达"):
        services.record_delivery(actor=handler, letter=letter, method="direct", signed_on=D(2024, 3, 9),
                                 signed_by="张三")


@pytest.mark.django_db
def test_electronic_delivery_keeps_hash_sent_and_read_times(personas):
    app = _decided(personas)   # the applicant chose e-mail
    handler = personas["handler_a"]
    sent = timezone.make_aware(dt.datetime(2024, 3, 11, 9, 0))
    services.deliver(actor=handler, app=app, method="electronic", sent_at=sent)
    letter = app.letters.get(kind="decision")
    delivery = letter.delivery
    assert delivery.content_sha256 == letter.original_sha256 and delivery.address == app.email
    assert events_for(app).get(action="case.delivered").payload["late"] is True   # sent after 3-8
    with pytest.raises(ValidationFailed, match="不能早于发送时间"):
        services.record_delivery_read(actor=handler, letter=letter, read_at=sent - dt.timedelta(hours=1))
    read = sent + dt.timedelta(hours=2)
    services.record_delivery_read(actor=System, letter=letter, read_at=read)
    services.record_delivery_read(actor=System, letter=letter, read_at=read + dt.timedelta(days=1))
    assert Delivery.objects.get(pk=delivery.pk).read_at == read
    assert [e.action for e in events_for(app)].count("case.letter_read") == 1


@pytest.mark.django_db
def test_the_clock_runs_until_the_answer_is_delivered(personas):
    app = _decided(personas, delivery="post")
    clock = case_clock(app, today=D(2024, 3, 11))
    assert clock.overdue and clock.late_days == 1
    assert services.remind_handlers(today=D(2024, 3, 7)) == 1   # decided, not yet delivered, due tomorrow
    assert app in list(overdue_cases(today=D(2024, 3, 11)))
    services.deliver(actor=personas["handler_a"], app=app, method="direct", signed_on=D(2024, 3, 11),
                     signed_by="张三")
    app.refresh_from_db()
    assert not case_clock(app, today=D(2024, 3, 12)).overdue
    assert app not in list(overdue_cases(today=D(2024, 3, 12)))


@pytest.mark.django_db
def test_other_letters_are_delivered_with_their_own_event(personas):
    handler = personas["handler_a"]
    app = walk_in(handler, personas.dept_a, arrived_on=D(2024, 2, 5), delivery="pickup")
    services.accept_application(actor=handler, app=app, on=D(2024, 2, 6))
    letter = app.letters.get(kind="acceptance")
    services.record_delivery(actor=handler, letter=letter, method="entrusted", signed_on=D(2024, 2, 7),
                             signed_by="张三", entrusted_organ="测试区某某镇人民政府")
    event = events_for(app).get(action="case.letter_delivered")
    assert event.payload["time_point"] == "2024-02-07" and "签收之日" in event.reason
    assert Application.objects.get(pk=app.pk).state == "accepted"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_back_office_form_records_a_delivery_with_evidence_and_refuses_bad_input(client, personas):
    app = _decided(personas, delivery="post")
    letter = app.letters.get(kind="decision")
    url = reverse("backoffice:case_letter_delivered", kwargs={"pk": letter.pk})
    assert client_for(client, personas, "editor_b").get(url).status_code == 403
    c = client_for(client, personas, "handler_a")
    page = c.get(url)
    assert page.status_code == 200 and "交邮之日" in page.content.decode()
    bad = c.post(url, {"method": "post", "posted_on": "2024-03-08", "postal_service": "ems", "waybill_number": "x"})
    assert bad.status_code == 400 and "请填写邮件号码" in bad.content.decode()
    html = SimpleUploadedFile("回证.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    refused = c.post(url, {"method": "direct", "signed_on": "2024-03-08", "signed_by": "张三", "evidence": html})
    assert refused.status_code == 400 and "只接受 PDF、JPEG 或 PNG" in refused.content.decode()
    assert c.post(url, {"method": "", "signed_on": "not a date"}).status_code == 400
    assert not Delivery.objects.exists()
    ok = c.post(url, {"method": "direct", "signed_on": "2024-03-08", "signed_by": "张三",
                      "evidence": SimpleUploadedFile("回证.pdf", PDF, content_type="application/pdf")})
    assert ok.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.evidence_sha256 == hashlib.sha256(PDF).hexdigest() and delivery.evidence_name == "回证.pdf"
    assert Application.objects.get(pk=app.pk).state == "delivered"
    again = c.get(url).content.decode()
    assert 'name="method"' not in again and "期限计算时点" in again and "2024-03-08" in again
    pdf = c.get(reverse("backoffice:case_letter_pdf", kwargs={"pk": letter.pk}))
    letter.refresh_from_db()
    assert hashlib.sha256(b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])).hexdigest() \
        == letter.original_sha256


@pytest.mark.django_db
def test_court_bundle_has_originals_hashes_evidence_and_a_readable_log(personas):
    app = _decided(personas, delivery="post")
    services.deliver(actor=personas["handler_a"], app=app, method="post", posted_on=D(2024, 3, 8),
                     postal_service="ems", waybill_number="EA123456789CN",
                     evidence=SimpleUploadedFile("邮寄凭证.pdf", PDF, content_type="application/pdf"))
    archive = zipfile.ZipFile(io.BytesIO(case_file_zip(Application.objects.get(pk=app.pk))))
    names = archive.namelist()
    letter = app.letters.get(kind="decision")
    original = next(n for n in names if n.startswith("法院证据包/文书原件/") and letter.number in n)
    assert hashlib.sha256(archive.read(original)).hexdigest() == letter.original_sha256
    sums = dict(line.split("  ", 1)[::-1] for line in archive.read("法院证据包/SHA256SUMS.txt").decode().splitlines())
    for name, digest in sums.items():
        assert hashlib.sha256(archive.read(f"法院证据包/{name}")).hexdigest() == digest
    assert f"送达凭证/{letter.number}-邮寄凭证.pdf" in sums
    deliveries = json.loads(archive.read("法院证据包/送达记录.json"))
    posted = next(d for d in deliveries if d["文书编号"] == letter.number)
    assert posted["期限计算时点"] == "交邮之日：2024年3月8日" and posted["邮件号码"] == "EA123456789CN"
    assert posted["邮政企业"] == "中国邮政速递物流（EMS）"
    log = archive.read("events.txt").decode() + archive.read("法院证据包/办理记录.txt").decode()
    assert "北京时间" in log and "+00:00" not in log and "UTC" not in log
    assert "作出答复决定" in log and "已作出答复→已送达" in log
    for code in ("case.decided", "registered", "decided", "delivered", "accepted"):
        assert code not in log, code
    events = json.loads(archive.read("events.json"))
    assert all(e["时间"].endswith("（北京时间）") for e in events)
    decided = next(e for e in events if e["事项"] == "作出答复决定")
    assert decided["详情"]["result"] == "6.属于四类过程性信息"
