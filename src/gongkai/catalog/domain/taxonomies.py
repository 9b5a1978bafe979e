"""The taxonomies shipped with the platform. They are loaded into the database as data (``Term`` rows) and
may be extended per deployment; these are the defaults.

Each entry is (code, label, parent code or "").
"""

from enum import StrEnum


class Scheme(StrEnum):
    TOPIC = "topic"            # 主题分类
    GENRE = "genre"            # 体裁/文种
    CATEGORY = "category"      # 内容类别
    FOCUS = "focus"            # 重点领域
    STATUTORY = "statutory"    # 法定主动公开内容


SCHEME_LABELS = {
    Scheme.TOPIC: "主题分类",
    Scheme.GENRE: "体裁",
    Scheme.CATEGORY: "内容类别",
    Scheme.FOCUS: "重点领域",
    Scheme.STATUTORY: "法定主动公开内容",
}

# 主题分类 of the central government portal (www.gov.cn 政府信息公开 主题分类), with a few second-level topics.
TOPICS = [
    ("01", "国务院组织机构", ""),
    ("02", "综合政务", ""),
    ("0201", "政务公开", "02"),
    ("0202", "应急管理", "02"),
    ("0203", "政务督查", "02"),
    ("03", "国民经济管理、国有资产监管", ""),
    ("0301", "发展规划", "03"),
    ("0302", "统计", "03"),
    ("04", "财政、金融、审计", ""),
    ("0401", "财政", "04"),
    ("0402", "审计", "04"),
    ("05", "国土资源、能源", ""),
    ("06", "农业、林业、水利", ""),
    ("07", "工业、交通", ""),
    ("08", "商贸、海关、旅游", ""),
    ("09", "市场监管、安全生产监管", ""),
    ("10", "城乡建设、环境保护", ""),
    ("1001", "城乡建设（含住房）", "10"),
    ("1002", "环境监测、保护与治理", "10"),
    ("11", "科技、教育", ""),
    ("12", "文化、广电、新闻出版", ""),
    ("13", "卫生、体育", ""),
    ("1301", "医药管理", "13"),
    ("14", "人口与计划生育、妇女儿童工作", ""),
    ("15", "劳动、人事、监察", ""),
    ("16", "公安、安全、司法", ""),
    ("17", "民政、扶贫、救灾", ""),
    ("18", "民族、宗教", ""),
    ("19", "对外事务", ""),
    ("20", "港澳台侨工作", ""),
    ("21", "国防", ""),
    ("22", "其他", ""),
]

# 《党政机关公文处理工作条例》(中办发〔2012〕14号) art. 8: the 15 kinds of 公文, plus 其他 for everything else.
GENRES = [
    ("jueyi", "决议", ""),
    ("jueding", "决定", ""),
    ("mingling", "命令（令）", ""),
    ("gongbao", "公报", ""),
    ("gonggao", "公告", ""),
    ("tonggao", "通告", ""),
    ("yijian", "意见", ""),
    ("tongzhi", "通知", ""),
    ("tongbao", "通报", ""),
    ("baogao", "报告", ""),
    ("qingshi", "请示", ""),
    ("pifu", "批复", ""),
    ("yian", "议案", ""),
    ("han", "函", ""),
    ("jiyao", "纪要", ""),
    ("qita", "其他", ""),
]

# The content categories of the seed report (门户网站 section): 公文、人事、规划计划、统计分析、财政数据、
# 工作动态、便民服务; plus 政策解读 for interpretations.
CATEGORIES = [
    ("gongwen", "公文", ""),
    ("renshi", "人事", ""),
    ("guihua", "规划计划", ""),
    ("tongji", "统计分析", ""),
    ("caizheng", "财政数据", ""),
    ("dongtai", "工作动态", ""),
    ("bianmin", "便民服务", ""),
    ("jiedu", "政策解读", ""),
]

# 重点领域 as the seed report counts them (二（二）重点领域信息公开情况).
FOCUS_AREAS = [
    ("yujuesuan", "预决算", ""),
    ("caizhengzijin", "财政资金", ""),
    ("zhaotoubiao", "招投标", ""),
    ("guifanxing", "规范性文件", ""),
    ("gongwen", "主动公开公文", ""),
    ("quanli", "权力清单", ""),
    ("zhuanfa", "转发上级文件", ""),
    ("guowuyuan", "转发国务院公文", "zhuanfa"),
    ("shizhengfu", "市政府公开文件", "zhuanfa"),
    ("zhongdianxiangmu", "重点项目", ""),
]

# 条例 art. 20: the 15 items every administrative organ discloses proactively (labels exactly as spec §1.4).
ART20 = [
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
]
CN_ORDINALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_ORDINALS[n - 1]
    return "十" + CN_ORDINALS[n - 11] if n < 20 else str(n)


# 条例 art. 21: additional items by level.
ART21_COUNTY = ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]
ART21_TOWNSHIP = [
    "贯彻落实农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转", "宅基地使用情况审核",
    "土地征收", "房屋征收", "筹资筹劳", "社会救助",
]


def statutory_items() -> list[tuple[str, str, str]]:
    rows = [("art20", "第二十条：各级行政机关主动公开的政府信息", "")]
    rows += [(f"art20-{n:02d}", f"第二十条第（{cn_number(n)}）项　{label}", "art20") for n, label in
             enumerate(ART20, start=1)]
    rows.append(("art21-county", "第二十一条：设区的市级、县级人民政府及其部门", ""))
    rows += [(f"art21-county-{n:02d}", label, "art21-county") for n, label in enumerate(ART21_COUNTY, start=1)]
    rows.append(("art21-township", "第二十一条：乡（镇）人民政府", ""))
    rows += [(f"art21-township-{n:02d}", label, "art21-township") for n, label in
             enumerate(ART21_TOWNSHIP, start=1)]
    return rows


DEFAULTS: dict[Scheme, list[tuple[str, str, str]]] = {
    Scheme.TOPIC: TOPICS,
    Scheme.GENRE: GENRES,
    Scheme.CATEGORY: CATEGORIES,
    Scheme.FOCUS: FOCUS_AREAS,
    Scheme.STATUTORY: statutory_items(),
}

# The statutory item a normative document fulfils (条例 art. 20(1)); used when none is chosen.
NORMATIVE_STATUTORY_ITEM = "art20-01"

# Shipped 错敏词 (wrong or sensitive wording) with the suggested replacement. Deployments add their own.
SENSITIVE_WORDS = [
    ("布署", "部署"),
    ("截止目前", "截至目前"),
    ("截止到", "截至"),
    ("按排", "安排"),
    ("既使", "即使"),
    ("再接再励", "再接再厉"),
    ("一股作气", "一鼓作气"),
    ("迫不急待", "迫不及待"),
    ("台湾政府", "台湾当局"),
    ("台湾总统", "台湾地区领导人"),
    ("中华民国", "台湾地区"),
    ("两岸三地", "内地与港澳台"),
    ("其它", "其他"),
    ("部份", "部分"),
]
