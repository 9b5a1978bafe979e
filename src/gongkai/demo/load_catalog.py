"""Demo step: the district's 2017 catalog at the counts of the seed report (catalog_2017), its later years of
normative documents (issued, amended, abolished, expired) for the 2021-format table 二, 汇编 editions, a 公开清单,
and a few items in the review workflow for the demo accounts. Idempotent: does nothing if the district already
has demo items."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.calendars.official import current_calendar
from gongkai.catalog import services
from gongkai.catalog.domain.facts import Channel
from gongkai.catalog.models import Item, Term
from gongkai.catalog.selectors import item_counts, published_count
from gongkai.catalog.services.importing import write_published_items
from gongkai.core.actors import System
from gongkai.demo import catalog_2017 as seed
from gongkai.demo import catalog_texts as texts
from gongkai.demo.catalog_workflow import load_compilations, load_matters, load_workflow_items
from gongkai.demo.clock import SET_UP, on

STATUTORY_BY_FOCUS = {"guifanxing": "art20-01", "quanli": "art20-05", "yujuesuan": "art20-07",
                      "zhaotoubiao": "art20-09", "zhongdianxiangmu": "art20-10", "caizhengzijin": "art20-15"}
STATUTORY_BY_CATEGORY = {"renshi": "art20-14", "guihua": "art20-03", "tongji": "art20-04", "caizheng": "art20-07"}
TOPIC_BY_CATEGORY = {"dongtai": "02", "renshi": "15", "guihua": "0301", "tongji": "0302", "caizheng": "0401",
                     "bianmin": "17", "jiedu": "0201", "gongwen": "02"}


def split(total: int, weights: dict) -> dict:
    """``total`` split by ``weights`` exactly (largest remainder)."""
    s = sum(weights.values())
    raw = {k: total * w / s for k, w in weights.items()}
    out = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[: total - sum(out.values())]:
        out[k] += 1
    return out


class Builder:
    def __init__(self, rng: random.Random, year: int):
        self.rng = rng
        calendar = current_calendar()
        day, self.workdays = dt.date(year, 1, 1), []
        while day.year == year:
            if calendar.status(day).working:
                self.workdays.append(day)
            day += dt.timedelta(days=1)
        self.terms = {(s, c): pk for pk, s, c in Term.objects.values_list("id", "scheme", "code")}
        self.rows: list[dict] = []

    def dates(self, late: bool = False, months: tuple[int, int] = (1, 12)) -> tuple[dt.date, dt.date]:
        choices = [i for i, d in enumerate(self.workdays) if months[0] <= d.month <= months[1]]
        i = self.rng.choice(choices)
        lag = self.rng.randint(22, 40) if late else self.rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12])
        return self.workdays[max(0, i - lag)], self.workdays[i]

    def term(self, scheme: str, code: str | None) -> int | None:
        return self.terms.get((scheme, code)) if code else None

    def add(self, agency: Agency, title: str, *, category: str, focus: str | None = None, genre: str = "qita",
            doc_number: str = "", channels=(Channel.PORTAL,), normative: bool = False, dates=None,
            **extra) -> dict:
        late = self.rng.random() < 0.03
        written_on, published_on = dates or self.dates(late=late)
        statutory = STATUTORY_BY_FOCUS.get(focus or "") or STATUTORY_BY_CATEGORY.get(category)
        row = {
            "agency_id": agency.pk, "title": title[:300], "doc_number": doc_number,
            "summary": f"{agency.short_name or agency.name}发布：{title}"[:200],
            "body": texts.body(title, agency.name, self.rng, written_on),
            "written_on": written_on, "published_on": published_on,
            "published_at": dt.datetime.combine(published_on, dt.time(9 + self.rng.randint(0, 8), self.rng.randint(0, 59)),
                                                tzinfo=dt.timezone(dt.timedelta(hours=8))),
            "category_id": self.term("category", category), "focus_id": self.term("focus", focus),
            "genre_id": self.term("genre", genre), "topic_id": self.term("topic", TOPIC_BY_CATEGORY.get(category, "22")),
            "statutory_item_id": self.term("statutory", "art20-01" if normative else statutory),
            "keywords": "、".join(self.rng.sample(texts.TOPICS, 2)), "channels": list(channels),
            "normative_kind": "normative" if normative else "",
            "effective_on": published_on + dt.timedelta(days=30) if normative else None,
            **extra,
        }
        self.rows.append(row)
        return row


def _genre(title: str) -> str:
    for word, code in (("决定", "jueding"), ("意见", "yijian"), ("通报", "tongbao"), ("通知", "tongzhi"),
                       ("公告", "gonggao"), ("报告", "baogao")):
        if word in title:
            return code
    return "qita"


def build_2017(district: Agency, units: list[Agency], rng: random.Random) -> tuple[Builder, dict]:
    b = Builder(rng, seed.YEAR)
    marks: dict[str, list[int]] = {"normative": [], "public": [], "forwarded": [], "district": []}

    def district_row(title, **kw):
        marks["district"].append(len(b.rows))
        return b.add(district, title, **kw)

    # 规范性文件 and 主动公开公文, numbered in date order like the district's own 发文字号.
    docs = [("normative", i) for i in range(seed.NORMATIVE_DOCS)] + [("public", i) for i in range(seed.PUBLIC_DOCS)]
    dated = sorted(((b.dates(), kind, i) for kind, i in docs), key=lambda x: x[0][1])
    serial = {"万盛经开发": 0, "万盛经开办发": 0}
    for (written_on, published_on), kind, i in dated:
        office = rng.random() < 0.4
        prefix = "万盛经开办发" if office else "万盛经开发"
        serial[prefix] += rng.randint(1, 3)
        number = f"{prefix}〔{seed.YEAR}〕{serial[prefix]}号"
        if kind == "normative":
            title, _subject = texts.normative_title(rng, i, office)
            marks["normative"].append(len(b.rows))
            district_row(title, category="gongwen", focus="guifanxing", genre="tongzhi", doc_number=number,
                         normative=True, dates=(written_on, published_on))
        else:
            title = texts.public_doc_title(rng, seed.YEAR)
            marks["public"].append(len(b.rows))
            district_row(title, category="gongwen", focus="gongwen", genre=_genre(title), doc_number=number,
                         dates=(written_on, published_on))
    for n in range(seed.STATE_COUNCIL_FORWARDED):
        marks["forwarded"].append(len(b.rows))
        title = texts.forwarded_title(rng)
        extra = {}
        if n == 0:  # the year's national work points the report's part 一 cites
            title, extra = seed.GUIDING_NATIONAL
        district_row(title, category="gongwen", focus="guowuyuan", genre="tongzhi", **extra)
    for n in range(seed.MUNICIPAL_DOCS):
        title = texts.municipal_title(rng)
        extra = {}
        if n == 0:  # the municipal division of the year's tasks (README: gongkai search 渝府办发〔2017〕61号)
            title, extra = seed.GUIDING_MUNICIPAL
        district_row(title, category="gongwen", focus="shizhengfu", genre=_genre(title), **extra)
    for _ in range(seed.OTHER_INTERPRETATIONS):
        district_row(texts.category_title("jiedu", rng, district.short_name, seed.YEAR), category="jiedu")
    for n in range(1, seed.BULLETINS + 1):
        month = 2 * n
        district_row(f"万盛经开区重点项目进展情况公示（{seed.YEAR}年第{n}期）", category="guihua",
                     focus="zhongdianxiangmu", channels=(Channel.PORTAL, Channel.BULLETIN),
                     dates=b.dates(months=(month, month)))
    used = len(marks["district"]) + seed.INTERPRETED_NORMATIVE
    for category, count in split(seed.DISTRICT_PORTAL_ITEMS - used, seed.DISTRICT_CATEGORY_SHARES).items():
        for _ in range(count):
            district_row(texts.category_title(category, rng, district.short_name, seed.YEAR), category=category)

    departments = [u for u in units if u.kind == "department"]
    by_code = {u.code: u for u in units}
    for unit, count in split(seed.POWER_LIST, {u.pk: 1.0 + (u.sort_order % 5) / 4 for u in departments}).items():
        agency = next(u for u in departments if u.pk == unit)
        for n in range(1, count + 1):
            b.add(agency, texts.power_title(rng, agency.short_name, n), category="bianmin", focus="quanli")
    fund_units = {"wsjkq-czj": 80, "wsjkq-nlj": 14, "wsjkq-mzj": 12, "wsjkq-rsj": 11}
    for code, count in fund_units.items():
        for _ in range(count):
            b.add(by_code[code], texts.fund_title(rng, seed.YEAR), category="caizheng", focus="caizhengzijin")
    tender_units = ["wsjkq-jwj", "wsjkq-jtj", "wsjkq-slj", "wsjkq-jyj", "wsjkq-wjj", "wsjkq-ghj", "wsjkq-cgj",
                    "wsjkq-nlj", "wsjkq-wlj"]
    for code, count in split(seed.TENDERS, dict.fromkeys(tender_units, 1)).items():
        for _ in range(count):
            b.add(by_code[code], texts.tender_title(rng), category="bianmin", focus="zhaotoubiao")
    for unit in units:
        name = unit.short_name
        b.add(unit, f"{name}{seed.YEAR}年部门预算", category="caizheng", focus="yujuesuan",
              dates=b.dates(months=(2, 3)))
        b.add(unit, f"{name}{seed.YEAR - 1}年部门决算", category="caizheng", focus="yujuesuan",
              dates=b.dates(months=(8, 9)))
    unit_rest = seed.SITE_CLUSTER_ITEMS - seed.DISTRICT_PORTAL_ITEMS - (len(b.rows) - len(marks["district"]))
    weights = {u.pk: (1.6 if u.kind == "department" else 1.0) for u in units}
    for unit_id, count in split(unit_rest, weights).items():
        agency = next(u for u in units if u.pk == unit_id)
        for category, n in split(count, seed.UNIT_CATEGORY_SHARES).items():
            for _ in range(n):
                b.add(agency, texts.category_title(category, rng, agency.short_name, seed.YEAR), category=category)

    # Channels beyond the portal: 政务微博/微信 carry news and service items; 报送上级门户 the district's items.
    social = [i for i, r in enumerate(b.rows) if r["category_id"] in {b.term("category", "dongtai"),
                                                                       b.term("category", "bianmin")}]
    for i in rng.sample(social, seed.WEIBO):
        b.rows[i]["channels"].append(Channel.WEIBO)
    for i in rng.sample(social, seed.WEIXIN):
        b.rows[i]["channels"].append(Channel.WEIXIN)
    for i in rng.sample(marks["district"], seed.UPPER_PORTAL):
        b.rows[i]["channels"].append(Channel.UPPER_PORTAL)
    return b, marks


def build_normative_later(district: Agency, rng: random.Random) -> list[tuple[int, dict]]:
    rows = []
    index = seed.NORMATIVE_DOCS
    for year, count in seed.NORMATIVE_LATER.items():
        b = Builder(rng, year)
        serial = 0
        for dates in sorted((b.dates(months=(1, 11)) for _ in range(count)), key=lambda d: d[1]):
            serial += rng.randint(2, 9)
            office = rng.random() < 0.3
            title, _ = texts.normative_title(rng, index, office)
            index += 1
            prefix = "万盛经开办发" if office else "万盛经开发"
            b.add(district, title, category="gongwen", focus="guifanxing", genre="tongzhi", normative=True,
                  doc_number=f"{prefix}〔{year}〕{serial}号", dates=dates,
                  interpretation_not_required=len(b.rows) >= seed.INTERPRETED_LATER.get(year, 0))
        rows += [(year, r) for r in b.rows]
    return rows


def interpretation_rows(district: Agency, rng: random.Random, policies: list[Item]) -> list[dict]:
    b = Builder(rng, seed.YEAR)
    for policy in policies:
        subject = policy.title.split("关于印发")[-1].removesuffix("的通知")
        b.add(district, f"《{subject}》政策解读", category="jiedu", genre="qita", interprets_id=policy.pk,
              dates=(policy.written_on, policy.published_on),
              channels=[Channel.PORTAL])
    return b.rows


def abolition_rows(district: Agency, rng: random.Random) -> list[dict]:
    """The district's decisions that abolish normative documents, one a year of ``seed.ABOLITIONS``."""
    rows = []
    for year in sorted({y for y, _, _ in seed.ABOLITIONS}):
        b = Builder(rng, year)
        written_on, published_on = b.dates(months=(11, 12))
        rows.append(b.add(district, "万盛经开区管委会关于废止部分行政规范性文件的决定", category="gongwen",
                          genre="jueding", doc_number=f"万盛经开发〔{year}〕{rng.randint(60, 90)}号",
                          dates=(written_on, published_on)))
    return rows


def abolish_and_expire(district: Agency, decisions: list[Item]) -> int:
    changed = 0
    for decision in decisions:
        year = decision.published_on.year
        for _, issued, n in [a for a in seed.ABOLITIONS if a[0] == year]:
            targets = Item.objects.filter(agency=district, normative_kind="normative", validity="valid",
                                          written_on__year=issued).order_by("id")[:n]
            for item in targets:
                with on(decision.published_at):
                    services.abolish_document(actor=System, item=item, by=decision, on=decision.published_on,
                                              reason=f"依据{decision.doc_number}废止")
                changed += 1
    for year, issued, n in seed.EXPIRIES:
        for item in Item.objects.filter(agency=district, normative_kind="normative", validity="valid",
                                        written_on__year=issued).order_by("-id")[:n]:
            with on(dt.date(year, 6, 30), 0, 5):
                services.set_validity(actor=System, item=item, validity="expired", on=dt.date(year, 6, 30),
                                      reason="有效期届满")
            changed += 1
    return changed


def _write(rows: list[dict]) -> list[int]:
    """Bulk publication through the catalog's import path. The past is replayed: each item's event is stamped
    at its publication. Few calls: every call rewrites the portal's pages of its agencies after the commit."""
    with on(SET_UP):
        return write_published_items(actor=System, rows=rows, action="item.imported", reason="演示数据", is_demo=True)


@transaction.atomic
def load_catalog() -> str:
    district = Agency.objects.get(code="wsjkq")
    if Item.objects.filter(agency=district, is_demo=True).exists():
        return "已存在，跳过"
    rng = random.Random(2017)
    units = list(district.children.order_by("sort_order", "id"))
    b, marks = build_2017(district, units, rng)
    interpreted = rng.sample(marks["normative"], seed.INTERPRETED_NORMATIVE)
    for i in marks["normative"]:
        b.rows[i]["interpretation_not_required"] = i not in interpreted
    later = [r for _, r in build_normative_later(district, rng)]
    # 2017 and the later years in one write (their 索引号 serials run per year, so nothing changes by it).
    written = _write(b.rows + later)
    ids, later_ids = written[:len(b.rows)], written[len(b.rows):]
    policies = list(Item.objects.filter(pk__in=[ids[i] for i in interpreted]).order_by("published_on"))
    policies += list(Item.objects.filter(pk__in=later_ids, interpretation_not_required=False).order_by("id"))
    interpretations = interpretation_rows(district, rng, policies)
    decisions = abolition_rows(district, rng)
    decision_ids = _write(interpretations + decisions)[len(interpretations):]
    changed = abolish_and_expire(district, list(Item.objects.filter(pk__in=decision_ids).order_by("id")))
    compilation_docs = [ids[i] for i in marks["normative"] + marks["public"] + marks["forwarded"][:35]]
    copies = load_compilations(district, compilation_docs)
    load_matters(district)
    load_workflow_items(get_user_model())
    agency_ids = [district.pk] + [u.pk for u in units]
    start, end = dt.date(seed.YEAR, 1, 1), dt.date(seed.YEAR, 12, 31)
    cluster = published_count(agency_ids=agency_ids, start=start, end=end)
    portal = item_counts(agency_ids=[district.pk], start=start, end=end, by="channel").get(Channel.PORTAL, 0)
    return (f"{cluster} 条 {seed.YEAR} 年主动公开信息（万盛门户网 {portal} 条），"
            f"{len(later_ids)} 件 2018-2024 年规范性文件（废止/失效 {changed} 件），"
            f"{seed.COMPILATION_EDITIONS} 期汇编共 {len(compilation_docs)} 件（赠阅 {copies} 份）")


def load_step() -> str:
    return load_catalog()
