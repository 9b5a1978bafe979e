"""2017 applications of the seed report: "2017年，我区接受依申请公开5件，主要涉及规划、房屋产权等领域，……现已全部办结";
"未进行收费"; "青年镇人民政府发生因政府信息公开申请行政复议1件". Four reached the district office, one 青年镇.
Received in 2017, before 2019-05-15: the 2008 rules (15 + 15 working days) apply.
"""

import datetime as dt

D = dt.date

CASES_2017 = [
    dict(agency="wsjkq", received=D(2017, 3, 14), channel="in_person", applicant="zhang",
         description="申请公开万盛城区东部片区控制性详细规划调整的批复文件及规划图",
         result="disclosed", reply_type="36.2", reasons="提供控制性详细规划调整批复文件复印件及规划图电子版。"),
    dict(agency="wsjkq", received=D(2017, 5, 22), channel="signed_post", applicant="wang",
         description="申请公开本人所居住的万东北路某号房屋的产权登记档案及原始审批资料",
         result="withheld_admin_query", reply_type="36.3",
         reasons="所申请信息属于不动产登记资料，应依照《不动产登记资料查询暂行办法》向不动产登记机构申请查询。"),
    dict(agency="wsjkq", received=D(2017, 8, 3), channel="in_person", applicant="realty",
         description="申请公开2016年度城区国有建设用地供应计划及规划条件",
         result="partial", reply_type="36.2", reasons="提供2016年度国有建设用地供应计划。",
         withheld=("规划条件论证过程中的内部讨论记录", "属于过程性信息（原《条例》，参照2019年《条例》第十六条第二款）")),
    dict(agency="wsjkq", received=D(2017, 10, 16), channel="ordinary_post", applicant="zhou",
         description="申请公开孝子河沿岸旧城改造项目房屋征收补偿方案及规划红线图",
         result="unable_not_held", reply_type="36.5",
         reasons="该项目房屋征收补偿方案由万盛街道办事处制定和保存，本机关不掌握。",
         responsible="万盛经开区万盛街道办事处，联系电话 023-0000000（演示）"),
    dict(agency="wsjkq-qnz", received=D(2017, 6, 12), channel="in_person", applicant="zhao",
         description="申请公开青年镇某村邻户房屋产权及宅基地审批资料",
         result="withheld_third_party", reply_type="36.3",
         consultation=("third_party", "相关农户（演示）", D(2017, 6, 15), D(2017, 6, 27)),
         reasons="所申请信息涉及第三方个人隐私，经书面征求意见，第三方不同意公开。",
         appeal=dict(kind="reconsideration", body="重庆市万盛经济技术开发区管理委员会", filed=D(2017, 8, 2),
                     decided=D(2017, 9, 28), outcome="upheld", number="万盛经开复决〔2017〕3号（演示）")),
]
