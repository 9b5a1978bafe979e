"""The district's 2017 catalog as the seed report states it (二、主动公开政府信息情况), and the later years of
normative documents the 2021-format table 二 needs. The loader generates items to exactly these counts."""

YEAR = 2017

# 政府门户网站集群系统公开各类重点信息15117条 (the district and its 42 units), of which the portal of the district
# itself (万盛门户网) 5980条.
SITE_CLUSTER_ITEMS = 15117
DISTRICT_PORTAL_ITEMS = 5980

# 重点领域 (focus code → count), all on the site cluster.
NORMATIVE_DOCS = 12                 # 主动公开规范性文件12个 / 规范性文件12件
INTERPRETED_NORMATIVE = 3           # 3件规范性文件进行了政策解读
OTHER_INTERPRETATIONS = 71          # 发布其他类政策解读稿件71件
PUBLIC_DOCS = 61                    # 主动公开公文61件
STATE_COUNCIL_FORWARDED = 269       # 转发国务院公文269条
MUNICIPAL_DOCS = 181                # 市政府公开文件181件
FISCAL_FUNDS = 117                  # 公开财政资金信息117条
TENDERS = 360                       # 招投标信息360条
POWER_LIST = 3194                   # 权力清单3194条
BULLETINS = 6                       # 通过宣传栏公示重点项目进展情况6期

# 一、概述: the year's work points the district carried out, published among the forwarded and municipal documents.
GUIDING_NATIONAL = (
    "万盛经开区管委会办公室关于转发《国务院办公厅关于印发2017年政务公开工作要点的通知》（国办发〔2017〕24号）的通知",
    {"body": "国务院办公厅关于印发2017年政务公开工作要点的通知（国办发〔2017〕24号）。请各部门、镇街认真贯彻执行。"},
)
GUIDING_MUNICIPAL = (
    "重庆市人民政府办公厅关于印发2017年政务公开重点工作任务分工的通知",
    {"doc_number": "渝府办发〔2017〕61号",
     "body": "重庆市人民政府办公厅关于印发2017年政务公开重点工作任务分工的通知（渝府办发〔2017〕61号）。"},
)

# Channels.
WEIBO = 2600                        # 政务微博公开政府信息2600条
WEIXIN = 1174                       # 政务微信公开政府信息1174条
UPPER_PORTAL = 2369                 # 向市政府门户网站报送公开信息2369条
COMPILATION_EDITIONS = 6            # 《万盛经开区政务文件汇编》6期
COMPILATION_DOCS = 108              # 公开各类文件108件
COMPILATION_COPIES = (3500, 3400, 3400, 3300, 3500, 3600)   # 全年免费赠阅量2万余份 (20,700)
COMPILATION_TITLE = "万盛经开区政务文件汇编"

# The other categories of the portal (重点为公文、人事、规划计划、统计分析、财政数据、工作动态类、便民服务类信息):
# shares of the remaining items of the district and of the units.
DISTRICT_CATEGORY_SHARES = {"dongtai": 0.46, "renshi": 0.12, "guihua": 0.09, "tongji": 0.08, "caizheng": 0.07,
                            "bianmin": 0.18}
UNIT_CATEGORY_SHARES = {"dongtai": 0.55, "renshi": 0.08, "guihua": 0.06, "tongji": 0.06, "caizheng": 0.05,
                        "bianmin": 0.20}

# Later years of 行政规范性文件 of the district (issued per year) and abolitions: (year abolished, year issued, n).
NORMATIVE_LATER = {2018: 10, 2019: 8, 2020: 9, 2021: 7, 2022: 8, 2023: 6, 2024: 9}
ABOLITIONS = [(2019, 2017, 2), (2021, 2018, 1), (2023, 2018, 1), (2023, 2020, 1), (2024, 2017, 2), (2024, 2019, 1),
              (2024, 2020, 1)]
EXPIRIES = [(2022, 2018, 1)]        # 失效 (a document with a set period of validity ran out)
INTERPRETED_LATER = {2024: 4, 2023: 3}
