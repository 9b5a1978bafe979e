"""A generated corpus of Chinese government information items, for the search and portal benchmarks.

Deterministic for a seed, fast (about 100,000 items per few seconds on one core), never committed. Titles,
文号, summaries and bodies are assembled from the phrases real 政府信息公开 items are made of; the
vocabulary is large enough that two-character words range from rare to present in most items.
"""

import datetime as dt
import random
from dataclasses import dataclass

AGENCIES = [
    ("区人民政府", "渝中府"), ("区人民政府办公室", "渝中府办"), ("区发展和改革委员会", "渝中发改"),
    ("区教育委员会", "渝中教"), ("区科学技术局", "渝中科"), ("区经济和信息化委员会", "渝中经信"),
    ("区公安分局", "渝中公"), ("区民政局", "渝中民"), ("区司法局", "渝中司"), ("区财政局", "渝中财"),
    ("区人力资源和社会保障局", "渝中人社"), ("区规划和自然资源局", "渝中规资"), ("区生态环境局", "渝中环"),
    ("区住房和城乡建设委员会", "渝中建"), ("区城市管理局", "渝中城管"), ("区交通局", "渝中交"),
    ("区水利局", "渝中水"), ("区商务委员会", "渝中商务"), ("区文化和旅游发展委员会", "渝中文旅"),
    ("区卫生健康委员会", "渝中卫"), ("区退役军人事务局", "渝中退役"), ("区应急管理局", "渝中应急"),
    ("区审计局", "渝中审"), ("区市场监督管理局", "渝中市监"), ("区统计局", "渝中统"), ("区医疗保障局", "渝中医保"),
    ("区体育局", "渝中体"), ("区信访办公室", "渝中信访"), ("区机关事务管理局", "渝中机关"),
    ("区国有资产管理中心", "渝中国资"), ("七星岗街道办事处", "七星岗街"), ("解放碑街道办事处", "解放碑街"),
    ("两路口街道办事处", "两路口街"), ("上清寺街道办事处", "上清寺街"), ("菜园坝街道办事处", "菜园坝街"),
    ("南纪门街道办事处", "南纪门街"), ("朝天门街道办事处", "朝天门街"), ("大溪沟街道办事处", "大溪沟街"),
    ("大坪街道办事处", "大坪街"), ("化龙桥街道办事处", "化龙桥街"), ("石油路街道办事处", "石油路街"),
    ("区政府信息公开办公室", "渝中公开"),
]
VERBS = ["印发", "开展", "做好", "加强", "进一步加强", "推进", "深入推进", "调整", "公布", "转发", "落实", "组织开展",
         "规范", "建立", "完善", "实施", "下达", "表彰", "启动", "做好全区"]
SUBJECTS = [
    "安全生产大检查工作", "食品安全监督抽检", "政府信息公开工作要点", "城乡居民基本医疗保险", "义务教育阶段招生入学",
    "老旧小区改造", "防汛抗旱工作", "春节期间市场保供", "重点项目建设计划", "优化营商环境", "最低生活保障标准",
    "困难群众救助", "环境保护督察整改", "大气污染防治", "河长制工作", "消防安全专项整治", "扫黑除恶专项斗争",
    "精准扶贫工作", "就业创业补贴", "退役军人优抚", "农民工工资支付", "城市管理综合执法", "政务服务事项清单",
    "行政权力清单", "双随机一公开监管", "财政预算执行", "政府采购项目", "国有资产清查", "统计调查工作",
    "全民健身活动", "公共文化服务体系", "旅游市场秩序整治", "疫苗接种工作", "爱国卫生运动", "家庭医生签约服务",
    "养老服务体系建设", "残疾人两项补贴", "住房公积金缴存", "棚户区改造", "交通安全整治", "文明城市创建",
    "社区网格化管理", "信访积案化解", "普法宣传教育", "法治政府建设", "审计整改", "节能减排", "垃圾分类",
    "小微企业扶持", "科技创新平台", "人才引进计划", "重大行政决策目录", "规范性文件清理", "政务公开标准化规范化",
]
GENRES = [("通知", "tz"), ("意见", "yj"), ("办法", "bf"), ("实施方案", "fa"), ("公告", "gg"), ("通报", "tb"),
          ("批复", "pf"), ("决定", "jd"), ("规划", "gh"), ("工作要点", "yd")]
TOPICS = ["综合政务", "国民经济管理", "财政金融", "城乡建设", "农业农村", "教育", "卫生健康", "民政", "劳动就业",
          "公安安全", "环境保护", "市场监管", "文化旅游", "交通", "科技", "统计", "审计", "应急管理"]
OPENERS = ["为深入贯彻落实", "根据", "按照", "为进一步做好", "经区政府同意，现就", "为切实加强", "依据《中华人民共和国政府信息公开条例》，",
           "结合我区实际，", "现将有关事项通知如下：", "经研究决定，"]
POLICIES = ["党中央、国务院决策部署", "市委、市政府工作要求", "《重庆市安全生产条例》", "区委常委会会议精神",
            "《中华人民共和国食品安全法》", "国务院办公厅有关文件精神", "市政府第十次常务会议精神", "《政府信息公开条例》"]
CLAUSES = [
    "各街道办事处、区政府各部门要高度重视", "切实履行属地管理责任和行业监管责任", "确保各项工作任务落到实处",
    "认真组织开展自查自纠", "及时报送工作进展情况", "建立健全长效工作机制", "加强统筹协调和督促检查",
    "严格落实主体责任", "切实保障人民群众生命财产安全", "进一步提高服务质量和效率", "广泛开展宣传引导",
    "对发现的问题要立行立改", "于每月5日前报送区政府办公室", "联系人：张明，联系电话：63891234",
    "资金由区财政统筹安排", "实行清单化管理", "纳入年度绩效考核", "接受社会监督", "做好政策解读和舆论引导",
    "自印发之日起施行，有效期5年", "请各单位结合实际认真贯彻执行", "全区共检查企业1286家，发现隐患342处",
    "截至2017年12月底，全区累计完成投资46.8亿元", "发放补贴资金2316万元，惠及群众1.2万人次", "第三季度",
    "按照“谁主管、谁负责”的原则", "坚持以人民为中心的发展思想", "推动高质量发展", "强化数据共享和业务协同",
    "开展“回头看”专项行动", "对不符合要求的予以清退", "实行动态调整", "每年开展一次评估", "由区应急管理局牵头负责",
    "涉及国家秘密的除外", "依申请公开的政府信息应当在20个工作日内答复", "会议由副区长主持", "全体参会人员",
]
PLACES = ["解放碑", "朝天门", "大坪", "化龙桥", "上清寺", "两路口", "七星岗", "菜园坝", "石油路", "南纪门", "大溪沟"]


@dataclass(frozen=True)
class CorpusItem:
    n: int
    agency: int          # index into AGENCIES
    title: str
    summary: str
    body: str
    doc_number: str
    index_number: str
    published_on: dt.date
    topic: str
    genre: str
    validity: str


def agency_paths() -> list[str]:
    """Materialised paths: the government is agency 1, every other agency sits under it."""
    return ["/1/"] + [f"/1/{i + 1}/" for i in range(1, len(AGENCIES))]


def _body(rng: random.Random, year: int, subject: str) -> str:
    parts = [rng.choice(OPENERS), rng.choice(POLICIES), "，", subject, "。"]
    for _ in range(rng.randint(5, 9)):
        clause = rng.choice(CLAUSES)
        if rng.random() < 0.25:
            clause = f"{rng.choice(PLACES)}片区{clause}"
        if rng.random() < 0.2:
            clause = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日前，{clause}"
        parts.append(clause)
        parts.append(rng.choice("，，；。"))
    parts.append("特此通知。")
    return "".join(parts)


PROGRESS_EVERY = 1000


def generate(count: int, *, seed: int = 2017, start: int = 0, on_progress=None):
    """Yield ``count`` items; item n is the same for every run with the same seed. ``on_progress(done, total)``
    hears every ``PROGRESS_EVERY`` items and at the end: a loader that writes each item as it comes reports its
    whole load through it (``gongkai.core.progress.Progress``: a bar on a terminal, lines in a log)."""
    rng = random.Random(seed)
    base = dt.date(2008, 1, 1).toordinal()
    span = dt.date(2024, 12, 31).toordinal() - base
    serials: dict[tuple[int, int], int] = {}
    for n in range(count):
        agency = rng.randrange(len(AGENCIES))
        name, prefix = AGENCIES[agency]
        published_on = dt.date.fromordinal(base + rng.randrange(span))
        year = published_on.year
        genre_name, genre = GENRES[rng.randrange(len(GENRES))]
        subject = rng.choice(SUBJECTS)
        verb = rng.choice(VERBS)
        title = f"重庆市渝中{name}关于{verb}{year}年{subject}的{genre_name}"
        if rng.random() < 0.3:
            title = f"{name}关于{subject}情况的{genre_name}"
        serial = serials.get((agency, year), 0) + 1
        serials[(agency, year)] = serial
        doc_number = f"{prefix}发〔{year}〕{serial}号" if rng.random() < 0.6 else ""
        summary = f"{name}{verb}{subject}，{rng.choice(CLAUSES)}。"
        body = _body(rng, year, subject)
        index_number = f"{11500103 + agency:09d}/{year}-{serial:05d}"
        validity = "valid" if rng.random() < 0.8 else rng.choice(["abolished", "expired", "not_applicable"])
        if n >= start:
            yield CorpusItem(n=n, agency=agency, title=title, summary=summary, body=body, doc_number=doc_number,
                             index_number=index_number, published_on=published_on, topic=rng.choice(TOPICS),
                             genre=genre, validity=validity)
        if on_progress is not None and ((n + 1) % PROGRESS_EVERY == 0 or n + 1 == count):
            on_progress(n + 1, count)


def queries(sample_items: list[CorpusItem], *, seed: int = 61) -> list[tuple[str, str]]:
    """The fixed query set: (kind, query). Built from the vocabulary and from a sample of items."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    two = ["政府", "工作", "安全", "卫生", "教育", "公开", "信息", "通知", "食品", "医疗", "扶贫", "社区", "财政",
           "养老", "消防", "防汛", "就业", "环境", "文明", "审计", "统计", "交通", "旅游", "税务", "疫苗", "垃圾",
           "补贴", "残疾", "街道", "规划", "民政", "司法", "科技", "创新", "人才", "资金", "隐患", "督察", "清单",
           "网格", "信访", "普法", "法治", "节能", "减排", "采购", "预算", "公积", "棚户", "健身", "抽检", "整改",
           "高铁", "航天", "冰雪", "量子", "区块", "港澳", "渔业", "草原"]
    out += [("2-char", w) for w in two]
    longer = ["安全生产", "食品安全", "政府信息公开", "最低生活保障", "优化营商环境", "老旧小区改造", "家庭医生",
              "垃圾分类", "河长制", "文明城市", "双随机一公开", "规范性文件", "重大行政决策", "扫黑除恶", "精准扶贫",
              "退役军人", "农民工工资", "住房公积金", "义务教育", "疫苗接种", "全民健身", "统计调查", "审计整改",
              "长效工作机制", "属地管理责任", "人民群众生命财产安全", "政策解读", "舆论引导", "绩效考核", "社会监督",
              "解放碑", "朝天门", "化龙桥", "石油路", "市场监督管理局", "卫生健康委员会", "应急管理局", "信访办公室",
              "医疗保障局", "街道办事处", "自然资源", "城乡建设", "国有资产", "科技创新平台", "人才引进",
              "新能源汽车", "数字经济", "乡村振兴", "碳达峰", "一网通办"]
    out += [("word", w) for w in longer]
    for item in rng.sample(sample_items, 40):
        text = item.body
        start = rng.randrange(max(len(text) - 12, 1))
        out.append(("phrase", text[start:start + rng.randint(4, 12)]))
    for item in rng.sample([i for i in sample_items if i.doc_number], 30):
        out.append(("docnum", item.doc_number))
    for item in rng.sample([i for i in sample_items if i.doc_number], 5):
        out.append(("docnum", item.doc_number.replace("〔", "[").replace("〕", "]")))
    mixed = ["2017年", "2008年", "2024年", "〔2017〕", "〔2020〕", "61号", "1号", "12月", "5日前", "63891234",
             "46.8亿元", "1286家", "2316万元", "1.2万人次", "第三季度", "5年", "20个工作日", "2017年12月",
             "渝中府发〔2017〕", "渝中卫发"]
    out += [("mixed", w) for w in mixed]
    multi = ["安全 检查", "食品 抽检 2017年", "政府 信息 公开", "街道 消防", "教育 招生", "医疗 保险 2019年",
             "扶贫 资金", "解放碑 安全", "养老 服务 体系", "环境 整改 督察", "信访 积案", "垃圾 分类 社区",
             "法治 政府", "人才 引进 计划", "预算 执行 财政", "防汛 抗旱", "就业 补贴", "交通 整治", "统计 调查", "疫苗 卫生"]
    out += [("multi", w) for w in multi]
    return out
