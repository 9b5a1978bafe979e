"""The district of the 2017 report in shared/seed (万盛经开区): its office and the 42 departments and
towns/streets under it. Everything here is demo data and marked ``is_demo``.

Facts from the report: 政府信息公开办公室 (挂管委会电子政务管理办公室牌子) at 新田路2号, phone 85276112,
postcode 400800, site http://ws.cq.gov.cn, four sections; 42 部门（镇街）; 295 people in disclosure work.
"""

DISTRICT = {
    "code": "wsjkq",
    "name": "重庆市万盛经济技术开发区管理委员会",
    "short_name": "万盛经开区",
    "office_name": "万盛经开区政府信息公开办公室",
    "office_address": "重庆市万盛经开区新田路2号",
    "office_postcode": "400800",
    "office_phone": "023-85276112",
    "office_hours": "工作日 上午9:00-12:00，下午14:00-17:30",
    "website": "http://ws.cq.gov.cn",
    "office_sections": ["综合规划科", "信息发布科", "申请公开科", "应用推进科"],
    "disclosure_staff_count": 295,
}

# (code, full name, short name)
DEPARTMENTS = [
    ("dzb", "万盛经开区党政办公室", "党政办"),
    ("fgj", "万盛经开区发展改革局", "发展改革局"),
    ("jxj", "万盛经开区经济信息局", "经济信息局"),
    ("jyj", "万盛经开区教育局", "教育局"),
    ("kjj", "万盛经开区科技局", "科技局"),
    ("gaj", "重庆市公安局万盛经开区分局", "公安分局"),
    ("mzj", "万盛经开区民政局", "民政局"),
    ("sfj", "万盛经开区司法局", "司法局"),
    ("czj", "万盛经开区财政局", "财政局"),
    ("rsj", "万盛经开区人力资源和社会保障局", "人力社保局"),
    ("ghj", "万盛经开区规划和自然资源局", "规划自然资源局"),
    ("hbj", "万盛经开区生态环境局", "生态环境局"),
    ("jwj", "万盛经开区住房和城乡建设局", "住房城乡建设局"),
    ("cgj", "万盛经开区城市管理局", "城市管理局"),
    ("jtj", "万盛经开区交通局", "交通局"),
    ("slj", "万盛经开区水利局", "水利局"),
    ("nlj", "万盛经开区农林局", "农林局"),
    ("swj", "万盛经开区商务局", "商务局"),
    ("wlj", "万盛经开区文化旅游局", "文化旅游局"),
    ("wjj", "万盛经开区卫生健康局", "卫生健康局"),
    ("tyjr", "万盛经开区退役军人事务局", "退役军人事务局"),
    ("yjj", "万盛经开区应急管理局", "应急管理局"),
    ("sjj", "万盛经开区审计局", "审计局"),
    ("scj", "万盛经开区市场监督管理局", "市场监管局"),
    ("tjj", "万盛经开区统计局", "统计局"),
    ("ybj", "万盛经开区医疗保障局", "医疗保障局"),
    ("xfb", "万盛经开区信访办公室", "信访办"),
    ("gzj", "万盛经开区国有资产管理局", "国资局"),
    ("zsj", "万盛经开区招商投资局", "招商投资局"),
    ("dag", "万盛经开区档案馆", "档案馆"),
    ("zwfw", "万盛经开区政务服务管理办公室", "政务服务办"),
    ("tyj", "万盛经开区体育局", "体育局"),
]
TOWNS = [
    ("wdz", "万盛经开区万东镇人民政府", "万东镇"),
    ("ntz", "万盛经开区南桐镇人民政府", "南桐镇"),
    ("qnz", "万盛经开区青年镇人民政府", "青年镇"),
    ("gbz", "万盛经开区关坝镇人民政府", "关坝镇"),
    ("clz", "万盛经开区丛林镇人民政府", "丛林镇"),
    ("slz", "万盛经开区石林镇人民政府", "石林镇"),
    ("hsz", "万盛经开区黑山镇人民政府", "黑山镇"),
    ("jqz", "万盛经开区金桥镇人民政府", "金桥镇"),
]
STREETS = [
    ("wsjd", "万盛经开区万盛街道办事处", "万盛街道"),
    ("dljd", "万盛经开区东林街道办事处", "东林街道"),
]

assert len(DEPARTMENTS) + len(TOWNS) + len(STREETS) == 42

DEMO_PASSWORD = "gongkai-demo-2017"

# (username, display name, agency code, role)
DEMO_ACCOUNTS = [
    ("demo-admin", "演示管理员", "wsjkq", "admin"),
    ("demo-publisher", "演示公开办发布人", "wsjkq", "publisher"),
    ("demo-supervisor", "演示监督人员", "wsjkq", "supervisor"),
    ("demo-editor", "演示财政局编辑", "wsjkq-czj", "editor"),
    ("demo-editor-b", "演示教育局编辑", "wsjkq-jyj", "editor"),
    ("demo-reviewer", "演示财政局审核人", "wsjkq-czj", "reviewer"),
    ("demo-secrecy", "演示财政局保密审查员", "wsjkq-czj", "secrecy_reviewer"),
    ("demo-handler", "演示依申请公开承办人", "wsjkq", "case_handler"),
    ("demo-approver", "演示依申请公开审批人", "wsjkq", "case_approver"),
]
