"""Plausible titles and bodies for the demo catalog, in the style of the district's own documents.
Deterministic: every generator takes a ``random.Random``."""

import datetime as dt
import random

DISTRICT = "万盛经开区"
TOWN_WORDS = ["万东镇", "南桐镇", "青年镇", "关坝镇", "丛林镇", "石林镇", "黑山镇", "金桥镇", "万盛街道", "东林街道"]

NORMATIVE_SUBJECTS = [
    "万盛经开区农村危房改造实施办法", "万盛经开区城市道路挖掘管理办法", "万盛经开区政府投资项目管理办法",
    "万盛经开区就业创业补贴资金管理办法", "万盛经开区城乡居民临时救助实施细则", "万盛经开区国有资产处置管理办法",
    "万盛经开区扶持中小微企业发展若干措施", "万盛经开区旅游产业发展扶持办法", "万盛经开区建设工程招标投标管理办法",
    "万盛经开区公共租赁住房管理办法", "万盛经开区农村土地承包经营权流转管理办法", "万盛经开区森林防火管理规定",
    "万盛经开区城市生活垃圾分类管理办法", "万盛经开区住房公积金贷款管理细则", "万盛经开区政府购买服务管理办法",
    "万盛经开区重大行政决策程序规定", "万盛经开区行政执法公示实施办法", "万盛经开区残疾人两项补贴实施办法",
    "万盛经开区高层次人才引进办法", "万盛经开区乡村振兴衔接资金管理办法", "万盛经开区消防安全责任制实施办法",
    "万盛经开区农村集体经济组织财务管理办法", "万盛经开区电动自行车停放充电管理规定", "万盛经开区养老服务补贴办法",
]
PUBLIC_DOC_TEMPLATES = [
    "关于印发{year}年{topic}工作要点的通知", "关于做好{year}年{topic}工作的通知", "关于进一步加强{topic}工作的意见",
    "关于开展{topic}专项整治的通知", "关于调整{topic}领导小组成员的通知", "关于{year}年{topic}工作情况的通报",
    "关于印发{topic}实施方案的通知", "关于表彰{year}年度{topic}先进集体和先进个人的决定",
]
TOPICS = ["政务公开", "安全生产", "森林防火", "防汛抗旱", "脱贫攻坚", "招商引资", "环境保护", "城乡环境综合整治",
          "食品药品安全", "社会救助", "农村人居环境整治", "文明城区创建", "河长制", "扫黑除恶", "全域旅游",
          "优化营商环境", "冬春农田水利建设", "秸秆禁烧", "地质灾害防治", "征兵", "网格化管理"]
STATE_COUNCIL_TITLES = [
    "国务院关于{topic}的意见", "国务院办公厅关于{topic}的通知", "国务院关于印发{topic}规划的通知",
    "国务院办公厅关于进一步做好{topic}工作的意见",
]
SC_TOPICS = ["深化“放管服”改革", "推进政务公开", "促进全域旅游发展", "加强安全生产", "进一步激发社会领域投资活力",
             "推动农村一二三产业融合发展", "建立健全食品安全追溯体系", "加快推进“互联网+政务服务”",
             "做好当前和今后一段时期就业创业工作", "完善国有资产管理体制", "深化医疗保障制度改革",
             "推进城市安全发展", "全面加强生态环境保护", "支持社会力量提供多层次多样化医疗服务"]
MUNICIPAL_TITLES = [
    "重庆市人民政府关于{topic}的通知", "重庆市人民政府办公厅关于{topic}的实施意见",
    "重庆市人民政府办公厅关于印发{topic}工作方案的通知",
]
MUNI_TOPICS = ["2017年政务公开重点工作任务分工", "加快发展养老服务业", "进一步加强城市管理", "推进农村产权制度改革",
               "深化投融资体制改革", "做好2017年春运工作", "开展环保督察整改", "推进大数据智能化发展",
               "加强耕地保护", "实施乡村振兴战略", "推进森林重庆建设", "做好高校毕业生就业创业工作"]
CATEGORY_TEMPLATES = {
    "dongtai": ["{unit}召开{topic}工作推进会", "{unit}开展{topic}专项检查", "{unit}组织{topic}业务培训",
                "{town}扎实推进{topic}工作", "{unit}部署{month}月{topic}重点工作", "{unit}督导{town}{topic}工作"],
    "renshi": ["{unit}{year}年公开招聘工作人员公告", "{unit}{year}年公开招聘拟聘用人员公示",
               "{unit}干部任前公示（{year}年第{n}批）", "{unit}{year}年公开遴选公务员公告"],
    "guihua": ["{unit}{year}年{topic}工作计划", "{unit}“十三五”{topic}专项规划", "{town}{year}年{topic}实施方案"],
    "tongji": ["{year}年{month}月{unit}主要经济指标", "{year}年{month}月{topic}统计数据", "{year}年1-{month}月固定资产投资情况"],
    "caizheng": ["{unit}{year}年部门预算", "{unit}{prev}年部门决算", "{year}年{month}月财政收支情况",
                 "{unit}{year}年“三公”经费预算情况说明"],
    "bianmin": ["{unit}{topic}办事指南", "{town}{topic}服务事项公告", "{year}年{month}月{topic}办理结果公示",
                "关于{topic}有关事项的温馨提示"],
    "jiedu": ["《{subject}》政策解读", "图解：{subject}", "一图读懂{subject}", "{subject}问答"],
}
POWER_KINDS = ["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
               "行政裁决", "其他行政权力"]
POWER_OBJECTS = ["建设工程", "食品经营", "道路运输", "排污", "林木采伐", "取水", "户外广告", "特种设备", "烟花爆竹经营",
                 "农药经营", "动物防疫", "城镇排水", "公共场所卫生", "医疗机构执业", "民办学校", "文化娱乐场所",
                 "人力资源服务", "建筑施工", "占道施工", "矿产资源开采"]
FUND_TITLES = ["{year}年{topic}专项资金分配情况公示", "{year}年{topic}补助资金使用情况", "{year}年第{n}批{topic}资金下达情况"]
FUND_TOPICS = ["农村危房改造", "就业创业", "城乡低保", "农业产业化", "乡村旅游", "中小企业发展", "义务教育薄弱环节改善",
               "医疗救助", "退耕还林", "农田水利"]
TENDER_TITLES = ["{project}招标公告", "{project}中标候选人公示", "{project}中标结果公告", "{project}竞争性谈判公告"]
PROJECTS = ["{town}场镇污水管网改造工程", "{town}农村公路硬化工程", "万盛经开区{school}校舍维修工程",
            "万盛经开区城区道路照明改造项目", "黑山谷景区游客中心建设项目", "万盛经开区人民医院医疗设备采购项目",
            "{town}人居环境整治项目", "万盛经开区智慧城管平台建设项目", "{town}高标准农田建设项目"]
SCHOOLS = ["第一中学", "实验小学", "职业教育中心", "溱州中学", "东林小学"]


def _fill(template: str, rng: random.Random, unit: str, year: int, **extra) -> str:
    return template.format(unit=unit, town=rng.choice(TOWN_WORDS), topic=rng.choice(TOPICS), year=year,
                           prev=year - 1, month=rng.randint(1, 12), n=rng.randint(1, 6), school=rng.choice(SCHOOLS),
                           **extra)


def body(title: str, unit: str, rng: random.Random, written_on: dt.date) -> str:
    paragraphs = [
        "各镇人民政府、街道办事处，经开区管委会各部门，有关单位：" if "通知" in title or "意见" in title else f"{title}。",
        f"为深入贯彻落实党中央、国务院和市委、市政府决策部署，按照{DISTRICT}党工委、管委会工作安排，"
        f"{unit}结合实际，现将有关事项{'通知如下' if '通知' in title else '公开如下'}。",
        f"一、工作目标。坚持以人民为中心的发展思想，{rng.choice(['突出重点、压实责任', '统筹推进、分类施策', '依法依规、公开透明'])}，"
        f"确保各项工作任务按期完成。",
        f"二、主要任务。各责任单位要明确分管领导和具体经办人员，于{written_on.month}月底前报送工作进展情况。",
        f"三、工作要求。各单位要加强组织领导，严格落实工作责任，{rng.choice(['及时报送信息', '强化督查考核', '做好宣传引导'])}。",
        f"{unit}",
        f"{written_on.year}年{written_on.month}月{written_on.day}日",
    ]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def normative_title(rng: random.Random, index: int, kind_office: bool) -> str:
    subject = NORMATIVE_SUBJECTS[index % len(NORMATIVE_SUBJECTS)]
    who = "万盛经开区管委会办公室" if kind_office else "万盛经开区管委会"
    return f"{who}关于印发{subject}的通知", subject


def public_doc_title(rng: random.Random, year: int) -> str:
    return _fill(rng.choice(PUBLIC_DOC_TEMPLATES), rng, DISTRICT, year)


def forwarded_title(rng: random.Random) -> str:
    inner = rng.choice(STATE_COUNCIL_TITLES).format(topic=rng.choice(SC_TOPICS))
    return f"万盛经开区管委会办公室关于转发《{inner}》的通知"


def municipal_title(rng: random.Random) -> str:
    return rng.choice(MUNICIPAL_TITLES).format(topic=rng.choice(MUNI_TOPICS))


def category_title(category: str, rng: random.Random, unit: str, year: int, subject: str = "") -> str:
    return _fill(rng.choice(CATEGORY_TEMPLATES[category]), rng, unit, year, subject=subject or rng.choice(NORMATIVE_SUBJECTS))


def power_title(rng: random.Random, unit: str, n: int) -> str:
    return f"{unit}权力清单：{rng.choice(POWER_KINDS)}—{rng.choice(POWER_OBJECTS)}（第{n}项）"


def fund_title(rng: random.Random, year: int) -> str:
    return rng.choice(FUND_TITLES).format(year=year, topic=rng.choice(FUND_TOPICS), n=rng.randint(1, 5))


def tender_title(rng: random.Random) -> str:
    project = rng.choice(PROJECTS).format(town=rng.choice(TOWN_WORDS), school=rng.choice(SCHOOLS))
    return rng.choice(TENDER_TITLES).format(project=project)
