"""Bulk import: every bad row reported with line and reason; nothing written unless all rows pass."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.catalog.models import CatalogSettings, IndexCounter, Item
from gongkai.catalog.services.importing import import_catalog
from gongkai.core.actors import System
from gongkai.core.errors import NotAllowed
from gongkai.core.models import Event

pytestmark = pytest.mark.django_db

HEADER = "名称,文号,成文日期,发布日期,主题分类,体裁,内容类别,发布渠道,索引号,有效性,失效/废止日期\n"


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


GOOD = [
    "关于印发某某办法的通知,测财发〔2017〕1号,2017-01-05,2017-01-10,财政,通知,公文,门户网站；政务微博,,,",
    "2017年1月财政收支情况,,2017-02-01,2017-02-03,0401,其他,财政数据,门户网站,,,",
]


def test_a_good_file_imports_with_consecutive_index_numbers(personas):
    # The office said that clean imported rows may go live at once (by default they wait for review).
    CatalogSettings.objects.create(agency=personas.dept_a, import_publishes_clean_rows=True)
    report = import_catalog(actor=personas["publisher"], name="a.csv", data=csv_bytes(*GOOD), agency=personas.dept_a)
    assert report.ok and (report.written, report.published, report.held) == (2, 2, 0)
    items = list(Item.objects.order_by("published_on"))
    assert {i.status for i in items} == {"published"}
    assert [i.index_number for i in items] == [f"{personas.dept_a.org_code}/2017-00001",
                                               f"{personas.dept_a.org_code}/2017-00002"]
    assert items[0].topic.code == "0401" and items[0].genre.label == "通知"
    assert sorted(items[0].channels.values_list("channel", flat=True)) == ["portal", "weibo"]
    assert IndexCounter.objects.get(agency=personas.dept_a, period="2017").last_serial == 2
    assert Event.objects.filter(action="item.imported").count() == 2


def test_dry_run_writes_nothing(personas):
    report = import_catalog(actor=personas["publisher"], name="a.csv", data=csv_bytes(*GOOD), agency=personas.dept_a,
                            dry_run=True)
    assert report.ok and report.written == 0 and report.rows == 2
    assert not Item.objects.exists()


def test_every_bad_row_is_reported_and_nothing_is_written(personas):
    data = csv_bytes(
        GOOD[0],
        ",无名称,2017-01-01,2017-01-02,,,,,,,",
        "坏日期,,2017-13-01,2017-02-30,,,,,,,",
        "未知分类,,2017-01-01,2017-01-02,天文,,,电视台,,,",
        "索引号格式错,,2017-01-01,2017-01-02,,,,,ABC,,",
        "废止缺日期,,2017-01-01,2017-01-02,,,,,,废止,",
    )
    report = import_catalog(actor=personas["publisher"], name="b.csv", data=data, agency=personas.dept_a)
    assert not report.ok
    assert [str(e) for e in report.errors] == [
        "第3行【名称】：不能为空",
        "第4行【成文日期】：“2017-13-01”日期不存在",
        "第4行【发布日期】：“2017-02-30”日期不存在",
        "第5行【主题分类】：“天文”不是已有的分类",
        "第5行【发布渠道】：“电视台”不是已知渠道（门户网站、政务微博、政务微信、报送上级门户、政务文件汇编、公开栏）",
        "第6行【索引号】：“ABC”格式不正确（应如 000014349/2018-00222）",
        "第7行【失效/废止日期】：有效性为“废止”时必须填写",
    ]
    assert not Item.objects.exists() and not IndexCounter.objects.exists()


def test_duplicate_and_used_index_numbers_are_refused(personas):
    number = f"{personas.dept_a.org_code}/2017-00007"
    row = f"甲,,2017-01-01,2017-01-02,,,,,{number},,"
    assert import_catalog(actor=System, name="c.csv", data=csv_bytes(row), agency=personas.dept_a).written == 1
    report = import_catalog(actor=System, name="d.csv", data=csv_bytes(row.replace("甲", "乙"), row),
                            agency=personas.dept_a)
    assert [str(e) for e in report.errors] == [f"第2行【索引号】：“{number}”已被使用", f"第3行【索引号】：“{number}”已被使用"]
    # An imported number of the agency's own scheme moves its counter on, so new serials never collide.
    assert IndexCounter.objects.get(agency=personas.dept_a, period="2017").last_serial == 7


def test_header_problems(personas):
    report = import_catalog(actor=System, name="e.csv", data="标题,日期\nx,y\n".encode(), agency=None)
    assert report.file_problems == [
        "无法识别的列：标题、日期（可用列：名称、内容概述、正文、文号、成文日期、发布日期、索引号、发布机构、主题分类、体裁、内容类别、"
        "重点领域、法定主动公开内容、关键词、公开方式、公开范围、有效性、失效/废止日期、规范性文件类别、施行日期、发布渠道）",
        "缺少必需的列：名称、发布日期、发布机构",
    ]


def test_xlsx_and_agency_column(personas):
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "发布日期", "发布机构"])
    sheet.append(["Excel 导入的信息", "2017-03-01", "dept-b"])
    sheet.append(["无权机构", "2017-03-01", "nowhere"])
    buf = io.BytesIO()
    book.save(buf)
    report = import_catalog(actor=personas["publisher"], name="f.xlsx", data=buf.getvalue())
    assert [str(e) for e in report.errors] == ["第3行【发布机构】：机构代码“nowhere”不存在或无权导入"]


def test_editors_may_not_import(personas):
    with pytest.raises(NotAllowed):
        import_catalog(actor=personas["editor_a"], name="a.csv", data=csv_bytes(*GOOD), agency=personas.dept_a)


def test_cli_dry_run_and_import(personas, tmp_path, capsys):
    path = tmp_path / "catalog.csv"
    path.write_bytes(csv_bytes(*GOOD))
    call_command("catalog", "import", str(path), "--agency", "dept-a", "--dry-run")
    assert "检查通过：2 行均可导入（未写入）" in capsys.readouterr().out
    assert not Item.objects.exists()
    call_command("catalog", "import", str(path), "--agency", "dept-a")
    assert Item.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(",,,2017-01-02,,,,,,,"))
    with pytest.raises(CommandError, match="检查未通过：1 处错误"):
        call_command("catalog", "import", str(bad), "--agency", "dept-a")
    assert "第2行【名称】：不能为空" in capsys.readouterr().err
