"""Eleven reports of the survey corpus (shared/domain/survey/corpus/), of eleven department types,
replayed through the CLI: each claim of claims-main.tsv for the report, checked one by one, comes
out of `fzlog summary --json` with the report's value, or says why no record of the office can
carry it. Quotes are copied from claims-main.tsv (verbatim substrings of the stored openings).
Where a report gives only a rate, the counts behind it are the replay's own (any n gives the rate).
"""

from __future__ import annotations

import pytest

from tests.cli.replay import Claim, Replay, check_claims, replay, share_table

OTHER = "a figure of the office's party work or results, not of a rule-of-law activity (survey: other)"

LONGTAN = Replay(
    slug="longtan-zhen-2025", dept="乡镇", year=2025,
    adds=(
        ("中心组学法", "-t", "党委中心组专题学习（全年）", "-d", "2025-12-20", "-s", "数量=12", "-s", "学法主体=党委中心组"),
        ("研讨交流", "-t", "研讨交流（全年）", "-d", "2025-12-20", "-s", "数量=6场"),
        ("法治能力提升专项培训", "-t", "镇村干部法治能力提升专项培训", "-d", "2025-11-30", "-s", "数量=12期",
         "-s", "参训人数=270余人次", "-s", "培训对象=镇村干部"),
        ("案例教学", "-t", "法律顾问案例教学", "-d", "2025-10-30", "-s", "数量=6场", "-s", "主讲人类别=法律顾问"),
        ("普法小分队", "-t", "组建普法小分队", "-d", "2025-03-01", "-s", "岗位=普法小分队", "-s", "配备人数=22"),
        ("规范性文件", "-t", "镇规范性文件", "-d", "2025-06-01", "-s", "合法性审查=是", "-s", "集体审议=是",
         "-s", "备案=是", "-s", "合规=是"),
        ("专项清理", "-t", "规范性文件专项清理", "-d", "2025-08-01"),
        ("执法人员持证", "-t", "执法人员配备", "-d", "2025-12-31", "-s", "岗位=执法人员", "-s", "配备人数=4名",
         "-s", "已持证人数=4名", "-s", "应持证人数=4"),
        ("查处违法行为", "-t", "道路交通违法行为查处（全年）", "-d", "2025-12-31", "-s", "数量=400余件次",
         "-s", "罚款金额=22000余元"),
        ("其他", "-t", "人均每日劝导量排名", "-d", "2025-12-31"),
    ),
    csv=("日期,类型,标题,检查类型,数量,活动形式,发放宣传资料,覆盖群众\n"
         "2025-12-31,劝导,有效劝导（全年）,劝导,223895,,,\n"
         "2025-12-31,驻站执法,驻站执法（全年）,驻站执法,102,,,\n"
         "2025-12-31,联合执法,联合执法（全年）,联合执法,48,,,\n"
         "2025-12-31,送法入户,送法入户、田间地头普法（全年）,,22场次,送法入户,8000余份,4万余人次\n"),
    claims=(
        Claim("全年开展专题学习12次", "study[body=党委中心组]", 12),
        Claim("研讨交流6场", "seminar", 6),
        Claim("组织镇村干部开展“法治能力提升专项培训”12期", "training", 12),
        Claim("覆盖270余人次", "training.participants", 270, bound="余"),
        Claim("邀请法律顾问开展案例教学6场", "lecture[speaker_type=法律顾问]", 6),
        Claim("组建由村干部、法律顾问、法律明白人组成的22支普法小分队", "roster[role=普法小分队].headcount", 22),
        Claim("开展“送法入户”“田间地头普法”等活动22场次", "publicity", 22),
        Claim("发放宣传资料8000余份", "publicity.materials", 8000, bound="余"),
        Claim("覆盖群众4万余人次", "publicity.participants", 40000, bound="余"),
        Claim("全镇备案率、合规率均达100%", "normative-doc%filed_rate", 100.0),
        Claim("全镇备案率、合规率均达100%（合规率）", "normative-doc%compliant_rate", 100.0),
        Claim("开展规范性文件专项清理工作", "doc-cleanup", 1),
        Claim("我镇配备执法人员4名", "roster[role=执法人员].headcount", 4),
        Claim("其中持证执法人员4名", "roster[role=执法人员].certified", 4),
        Claim("全年共查处道路交通违法行为400余件次", "enforcement-case", 400, bound="余"),
        Claim("罚款金额达22000余元", "enforcement-case.fines", 22000.0, bound="余"),
        Claim("开展有效劝导223895次", "inspection[inspection_type=劝导]", 223895),
        Claim("累计开展驻站执法102次", "inspection[inspection_type=驻站执法]", 102),
        Claim("联合执法48次", "inspection[inspection_type=联合执法]", 48),
        Claim("人均每日劝导量超过87%的乡镇街道", None, reason="a ranking against other townships (survey: other)"),
        Claim("由镇司法所进行合法性审查后报镇党委会议审议", "normative-doc.legality_review", 1),
    ),
)

SHEQI = Replay(
    slug="sheqi-xzf-2024", dept="县政府", year=2024,
    adds=(
        ("学法计划", "-t", "《2024年度县政府常务会议学法计划》", "-d", "2024-01-20", "-s", "计划类别=学法计划"),
        ("常务会议学法", "-t", "县政府常务会议学法（全年）", "-d", "2024-12-25", "-s", "数量=12", "-s", "学法主体=县政府常务会议"),
        ("述法", "-t", "2023年度党政主要负责人述法专题会议", "-d", "2024-02-20"),
        ("专题研究", "-t", "县政府常务会议研究法治政府建设有关问题", "-d", "2024-11-20", "-s", "数量=2",
         "-s", "会议主体=县政府常务会议"),
        ("推进会", "-t", "2024年度全面依法治县工作会议", "-d", "2024-03-15", "-s", "会议类型=部署会"),
        ("整改", "-t", "督察反馈问题整改", "-d", "2024-12-10", "-s", "数量=12项", "-s", "已整改=是"),
        ("其他", "-t", "向乡镇（街道）下沉县级编制", "-d", "2024-06-30", "-s", "数量=67", "--tag", "编制下沉"),
        ("荣誉", "-t", "法治南阳（法治政府）建设考核优秀等次", "-d", "2024-02-01", "-s", "级别=市级", "-s", "连续年数=三"),
    ),
    csv=("日期,类型,标题,清单,事项数（项）,进驻政务服务中心,网上可办,时限压缩比,材料精简比例\n"
         "2024-12-31,政务服务事项,县级政务服务事项,政务服务事项,2528个,2528,2528,94%,65%\n"
         "2024-12-31,改革事项,改革事项清单,改革事项,13,,,,\n"
         "2024-12-31,容缺事项,容缺事项清单,容缺事项,213,,,,\n"),
    claims=(
        Claim("印发《2024年度县政府常务会议学法计划》", "plan[plan_type=学法计划]", 1),
        Claim("全年累计开展常务会议学法12次", "study[body=县政府常务会议]", 12),
        Claim("引领带动政府各部门学法300余次", None,
              reason="the departments' own study, a roll-up of their ledgers (fzlog --ledger DIR… summary), never a "
                     "record of the county's ledger (survey §4)"),
        Claim("全县召开了2023年度党政主要负责人述法专题会议", "shufa", 1),
        Claim("县政府常务会议研究法治政府建设有关问题2次", "meeting[body=县政府常务会议]", 2),
        Claim("组织召开2024年度全面依法治县工作会议", "meeting[meeting_type=部署会]", 1),
        Claim("12项问题已全部整改到位", "rectification%rectified_rate", 100.0),
        Claim("12项问题", "rectification", 12),
        Claim("向乡镇(街道)下沉县级编制67名、人员64人", None, reason=OTHER + "; 67 recorded as other, 64 not"),
        Claim("县级2528个政务服务事项全部进驻县政务服务中心", "catalog[catalog_type=政务服务事项].items", 2528),
        Claim("网上可办率达100%", "catalog[catalog_type=政务服务事项]%online_rate", 100.0),
        Claim("承诺时限比法定时限压缩94%", "catalog.time_compression", 94.0),
        Claim("材料精简比例达65%", "catalog.material_reduction", 65.0),
        Claim("梳理公布改革事项清单13项", "catalog[catalog_type=改革事项].items", 13),
        Claim("容缺事项清单213项", "catalog[catalog_type=容缺事项].items", 213),
        Claim("连续三年在法治南阳(法治政府)建设考核中获得优秀等次", "honor.years_running", 3),
    ),
)

RUSHAN = Replay(
    slug="rushan-scjgj-2024", dept="执法部门", year=2024,
    adds=(
        ("一般程序案件", "-t", "一般程序案件（全年）", "-d", "2024-12-31", "-s", "数量=759起", "-s", "程序=一般程序",
         "-s", "查处单位=68家", "--note", "其中药品医疗器械化妆品经营使用单位68家"),
        ("抽检", "-t", "食品监督抽检（全年）", "-d", "2024-12-31", "-s", "检查类型=抽检", "-s", "抽检批次=2150",
         "-s", "不合格=73", "-s", "核查处置=73"),
        ("排查", "-t", "特种设备使用单位排查", "-d", "2024-10-31", "-s", "检查类型=排查", "-s", "检查对象=112家次",
         "-s", "下达指令书=73份"),
        ("其他", "-t", "特种设备定期检验率", "-d", "2024-12-31"),
        ("企业调研", "-t", "企业调研（全年）", "-d", "2024-12-31", "-s", "数量=200余家次", "-s", "指导答复企业咨询=21家",
         "-s", "协调解决问题=1"),
        ("宣传", "-t", "420知识产权宣传周", "-d", "2024-04-26", "-s", "主题=知识产权宣传周", "-s", "发放宣传资料=500余份"),
        ("宣传", "-t", "3·15消费者权益保护日", "-d", "2024-03-15", "-s", "主题=3·15"),
    ),
    claims=(
        Claim("共立案查办一般程序案件759起", "enforcement-case[procedure=一般程序]", 759),
        Claim("抽检2150批次", "inspection.batches", 2150),
        Claim("核查处置抽检不合格样品73批次", "inspection.handled", 73),
        Claim("核查处置率达100%", "inspection%handled_rate", 100.0),
        Claim("查处药品医疗器械化妆品经营使用单位68家", "enforcement-case.entities", 68),
        Claim("排查特种设备使用单位112家次", "inspection[inspection_type=排查].targets", 112),
        Claim("下达指令书73份", "inspection.orders", 73),
        Claim("特种设备定期检验率保持100%", None, reason="the supervised sector's inspection rate, not the office's "
                                                       "activity (survey: other)"),
        Claim("组织开展企业调研200余家次", "enterprise-visit", 200, bound="余"),
        Claim("指导答复21家企业涉及商标专利方面问题咨询", "enterprise-visit.consultations_answered", 21),
        Claim("指导我市1家企业结合其商标在先权使用证明", "enterprise-visit.problems_solved", 1),
        Claim("开展420知识产权宣传周活动、“3.15”消费者权益保护日等活动", "publicity", 2),
        Claim("发放宣传册500余份", "publicity.materials", 500, bound="余"),
    ),
)

HELONG = Replay(
    slug="helong-jd-2024", dept="街道", year=2024,
    adds=(
        ("专题会议", "-t", "法治建设专题会议（全年）", "-d", "2024-12-20", "-s", "数量=5", "-s", "主要负责人主持=是"),
        ("应知应会清单", "-t", "《鹤龙街领导干部应知应会党内法规和法律法规清单》", "-d", "2024-03-01",
         "-s", "计划类别=应知应会清单"),
        ("集中学法", "-t", "党工委会议专题学习习近平法治思想", "-d", "2024-12-10", "-s", "数量=5", "-s", "学法主体=党工委会议"),
        ("专题辅导", "-t", "《中国共产党纪律处分条例》专题辅导会", "-d", "2024-05-20", "-s", "讲座形式=辅导"),
        ("网络旁听", "-t", "国家工作人员网络旁听庭审", "-d", "2024-09-12"),
        ("学法考试", "-t", "2024年度全区国家工作人员学法考试", "-d", "2024-11-01", "-s", "应参考人数=58",
         "-s", "实参考人数=58", "-s", "合格人数=58", "-s", "优秀人数=58"),
        ("工作安排", "-t", "《鹤龙街“干部作风大转变、营商环境大提升”专项行动工作分工表》", "-d", "2024-04-01",
         "-s", "计划类别=专项实施方案"),
        ("巡察", "-t", "巡察反馈问题专项监督", "-d", "2024-10-01", "-s", "数量=4", "-s", "督察类型=专项监督"),
    ),
    csv=("日期,类型,标题,来源,已整改,数量\n"
         "2024-12-15,问题整改,巡察反馈问题（已整改）,巡察,是,12个\n"
         "2024-12-15,问题整改,巡察反馈问题（整改中）,巡察,否,1\n"),
    claims=(
        Claim("主动召开法治建设专题会议5次", "meeting", 5),
        Claim("印发《鹤龙街领导干部应知应会党内法规和法律法规清单》", "plan[plan_type=应知应会清单]", 1),
        Claim("鹤龙街党工委会议专题学习习近平法治思想5次", "study[body=党工委会议]", 5),
        Claim("组织开展《中国共产党纪律处分条例》专题辅导会", "lecture", 1),
        Claim("组织国家工作人员网络旁听庭审活动", "court-observation", 1),
        Claim("组织在编干部完成2024年度全区国家工作人员学法考试并全员优秀通过", "exam%excellence_rate", 100.0),
        Claim("全员（参考）", "exam%attendance_rate", 100.0),
        Claim("制定《鹤龙街“干部作风大转变、营商环境大提升”专项行动工作分工表》", "plan[plan_type=专项实施方案]", 1),
        Claim("对巡察反馈的13个问题", "rectification[source=巡察]", 13),
        Claim("开展专项监督4次", "oversight[oversight_type=专项监督]", 4),
        Claim("完成整改12个", "rectification.rectified", 12),
    ),
)

JIANHU = Replay(
    slug="jianhu-jyj-2024", dept="教育", year=2024,
    adds=(
        ("集中学法", "-t", "局党委中心组学习习近平法治思想、法律法规", "-d", "2024-12-20", "-s", "数量=20余",
         "-s", "学法主体=局党委中心组"),
        ("学法考试", "-t", "国家工作人员学法用法培训考试", "-d", "2024-10-20", "-s", "应参考人数=86",
         "-s", "实参考人数=86", "-s", "合格人数=86"),
        ("制度", "-t", "《关于加强和规范中小学法治副校长聘任与管理的通知》", "-d", "2024-03-10", "-s", "制定或修订=制定"),
        ("法治副校长", "-t", "学校法治副校长聘任", "-d", "2024-09-01", "-s", "岗位=法治副校长", "-s", "配备人数=91人",
         "-s", "应配备人数=91"),
        ("普法宣传", "-t", "法治副校长进校园法治讲座（全年）", "-d", "2024-12-31", "-s", "数量=220余场次",
         "-s", "活动形式=进校园"),
        ("荣誉", "-t", "西塘河小学获评首批“江苏省依法治校示范校”", "-d", "2024-11-01", "-s", "级别=省级"),
        ("聘请法律顾问", "-t", "聘请律师指导行政执法", "-d", "2024-02-01", "-s", "岗位=律师", "-s", "配备人数=1名"),
        ("社会监督员", "-t", "校外培训社会监督员", "-d", "2024-05-01", "-s", "岗位=社会监督员", "-s", "配备人数=19名"),
        ("其他", "-t", "配备执法记录仪", "-d", "2024-06-01", "-s", "数量=3", "--tag", "装备"),
    ),
    claims=(
        Claim("学习习近平法治思想、相关法律法规等20余次", "study", 20, bound="余"),
        Claim("全年组织局机关干部参加国家工作人员学法用法培训考试,参与率、合格率均达100%（参与率）",
              "exam%attendance_rate", 100.0),
        Claim("参与率、合格率均达100%（合格率）", "exam%pass_rate", 100.0),
        Claim("联合印发《关于加强和规范中小学法治副校长聘任与管理的通知》", "internal-rule", 1),
        Claim("共聘请学校法治副校长91人", "roster[role=法治副校长].headcount", 91),
        Claim("配备率100%", "roster[role=法治副校长]%staffed_rate", 100.0),
        Claim("法治副校长进校园开展法治讲座达220余场次", "publicity", 220, bound="余"),
        Claim("西塘河小学被认定为首批“江苏省依法治校示范校”", "honor[level=省级]", 1),
        Claim("聘请1名律师指导行政执法", "roster[role=律师].headcount", 1),
        Claim("聘请19名校外培训社会监督员监督执法", "roster[role=社会监督员].headcount", 19),
        Claim("配备执法记录仪3台", "other", 3),
    ),
)

DIANJIANG = Replay(
    slug="dianjiang-rsj-2024", dept="人社", year=2024,
    adds=(
        ("应知应会清单", "-t", "领导干部应知应会党内法规和国家法律清单（动态更新）", "-d", "2024-02-01",
         "-s", "计划类别=应知应会清单"),
        ("普法宣传月", "-t", "普法宣传月活动", "-d", "2024-04-15", "-s", "悬挂横幅=20余条", "-s", "张贴海报=60余张",
         "-s", "发放宣传资料=3500余份", "-s", "接受群众咨询=380余人次", "-s", "活动形式=宣传月"),
        ("领导小组", "-t", "法治政府建设工作领导小组", "-d", "2024-01-10", "-s", "组长=局党组书记、局长"),
    ),
    claims=(
        Claim("动态更新领导干部应知应会党内法规和国家法律清单", "plan[plan_type=应知应会清单]", 1),
        Claim("2024年4月在人流量集中地开展普法宣传月活动", "publicity[event_type=宣传月]", 1),
        Claim("悬挂横幅20余条", "publicity.banners", 20, bound="余"),
        Claim("张贴海报60余张", "publicity.posters", 60, bound="余"),
        Claim("发放宣传资料3500余份", "publicity.materials", 3500, bound="余"),
        Claim("接受群众现场咨询380余人次", "publicity.consultations", 380, bound="余"),
        Claim("局机关有关科室负责人为成员的工作领导小组", "leading-group", 1),
    ),
)

GUZHANG = Replay(
    slug="guzhang-sfj-2024", dept="司法局", year=2024,
    adds=(
        ("专题述法", "-t", "单位主要负责人专题述法", "-d", "2024-01-25", "-s", "述法人数=70余名"),
        ("推进会", "-t", "优化法治化营商环境行政执法监督工作推进会", "-d", "2024-06-18", "-s", "会议类型=推进会",
         "-s", "参会单位=20余家"),
        ("依法治县委员会会议", "-t", "2024年县委全面依法治县委员会会议", "-d", "2024-03-05",
         "-s", "会议类型=依法治县委员会会议"),
        ("依法治县委员会会议", "-t", "依法治县办公室会议", "-d", "2024-08-05", "-s", "会议类型=依法治县委员会会议"),
        ("工作要点", "-t", "《古丈县委全面依法治县委员会工作要点》", "-d", "2024-03-10", "-s", "计划类别=法治工作要点"),
        ("办法", "-t", "《古丈县党委(党组)点评法治工作办法》", "-d", "2024-04-10"),
        ("信息稿件", "-t", "“古丈司法”公众号及各级媒体信息稿件（全年）", "-d", "2024-12-31", "-s", "数量=40余篇",
         "-s", "形式=稿件"),
        ("法律七进", "-t", "“法律七进”活动", "-d", "2024-05-10", "-s", "主题=法律七进"),
        ("普法宣传月", "-t", "普法宣传月活动", "-d", "2024-07-10", "-s", "活动形式=宣传月"),
    ),
    claims=(
        Claim("组织70余名单位主要负责人完成专题述法", "shufa.speakers", 70, bound="余"),
        Claim("组织…20余家主要行政执法部门召开…行政执法监督工作推进会", "meeting[meeting_type=推进会]", 1),
        Claim("20余家主要行政执法部门", "meeting.units_attending", 20, bound="余"),
        Claim("先后召开2024年县委全面依法治县委员会会议、依法治县办公室会议等工作会议",
              "meeting[meeting_type=依法治县委员会会议]", 2),
        Claim("制定《古丈县委全面依法治县委员会工作要点》《古丈县党委(党组)点评法治工作办法》等文件（工作要点）",
              "plan[plan_type=法治工作要点]", 1),
        Claim("…《古丈县党委(党组)点评法治工作办法》（办法）", "internal-rule", 1),
        Claim("发布信息稿件40余篇", "media-post", 40, bound="余"),
        Claim("组织开展“法律七进”、普法宣传月活动", "publicity", 2),
    ),
)

HUOQIU = Replay(
    slug="huoqiu-yjj-2024", dept="应急管理局", year=2024,
    adds=(
        ("学法计划", "-t", "《2024年度霍邱县应急管理局学法计划》", "-d", "2024-02-01", "-s", "计划类别=学法计划"),
        ("普法责任清单", "-t", "《2024年霍邱县应急管理局普法责任清单》", "-d", "2024-02-01", "-s", "计划类别=普法责任清单"),
        ("观看庭审", "-t", "观看中国庭审公开网行政诉讼案件庭审", "-d", "2024-06-12"),
        ("行政许可", "-t", "行政许可办件（全年）", "-d", "2024-12-31", "-s", "受理=60件", "-s", "准予=60件",
         "-s", "办结=60件", "-s", "数量=60", "-s", "办件类别=行政许可"),
        ("双随机", "-t", "“双随机、一公开”检查任务（全年）", "-d", "2024-12-31", "-s", "数量=8项", "-s", "检查类型=双随机"),
    ),
    csv=("日期,类型,标题,领域,数量\n"
         "2024-12-31,政务公开信息,安全生产领域信息,安全生产和救灾,423条\n"
         "2024-12-31,政务公开信息,其他信息,,58\n"),
    note="481 = 423 in the two domains + 58 others: the subset is a group value, not an addend (survey §4)",
    claims=(
        Claim("研究制定了《2024年度霍邱县应急管理局学法计划》《2024年霍邱县应急管理局普法责任清单》", "plan", 2),
        Claim("组织机关人员观看中国庭审公开网公开审理的行政诉讼案件", "court-observation", 1),
        Claim("2024年应急局栏目共发布信息481条", "disclosure", 481),
        Claim("安全生产和救灾两大领域共发布信息423条", "disclosure[domain=安全生产和救灾]", 423),
        Claim("2024年我局共受理行政许可60件", "permit.accepted", 60),
        Claim("准予行政许可60件", "permit.granted", 60),
        Claim("办结率为100%", "permit%closed_rate", 100.0),
        Claim("完成“双随机、一公开”检查任务8项", "inspection[inspection_type=双随机]", 8),
    ),
)

HAIAN = Replay(
    slug="haian-nyncj-2024", dept="农业农村", year=2024,
    adds=(
        ("行政许可", "-t", "政务服务评价", "-d", "2024-12-31", "-s", "好评率=100%", "-s", "数量=0"),
        ("聘请法律顾问", "-t", "聘请律师担任法律顾问", "-d", "2024-01-05", "-s", "岗位=法律顾问", "-s", "配备人数=2名"),
        ("行政复议", "-t", "行政复议案件（法律顾问代理）", "-d", "2024-05-01", "-s", "角色=被申请人",
         "-s", "结果=部分维持、部分变更、部分撤销并责令重作", "-s", "被纠错=是"),
        ("行政复议", "-t", "行政复议案件（法律顾问代理）", "-d", "2024-08-01", "-s", "角色=被申请人", "-s", "结果=驳回"),
        ("行政诉讼", "-t", "行政诉讼案件（法律顾问代理）", "-d", "2024-09-01", "-s", "数量=2件"),
    ),
    csv=("日期,类型,标题,清单,事项数\n"
         "2024-12-31,行政权力事项,行政许可,行政许可,28\n"
         "2024-12-31,行政权力事项,行政处罚,行政处罚,342\n"
         "2024-12-31,行政权力事项,行政强制,行政强制,32\n"
         "2024-12-31,行政权力事项,行政奖励,行政奖励,16\n"
         "2024-12-31,行政权力事项,行政确认,行政确认,5\n"
         "2024-12-31,行政权力事项,行政征收,行政征收,4件\n"
         "2024-12-31,行政权力事项,行政裁决,行政裁决,3\n"
         "2024-12-31,行政权力事项,其他权力,其他权力,11\n"),
    note="the 441 items are the year-end snapshots of eight categories (catalog snapshot_by catalog_type), added up",
    claims=(
        Claim("全面梳理行政权力事项441项", "catalog.items", 441),
        Claim("其中行政许可28项", "catalog[catalog_type=行政许可].items", 28),
        Claim("行政处罚342项", "catalog[catalog_type=行政处罚].items", 342),
        Claim("行政强制32项", "catalog[catalog_type=行政强制].items", 32),
        Claim("行政奖励16项", "catalog[catalog_type=行政奖励].items", 16),
        Claim("行政确认5项", "catalog[catalog_type=行政确认].items", 5),
        Claim("行政征收4件", "catalog[catalog_type=行政征收].items", 4),
        Claim("行政裁决3项", "catalog[catalog_type=行政裁决].items", 3),
        Claim("其他权力11项", "catalog[catalog_type=其他权力].items", 11),
        Claim("好评率100%", "permit.satisfaction", 100.0),
        Claim("聘请2名律师担任法律顾问", "roster[role=法律顾问].headcount", 2),
        Claim("法律顾问共代理行政复议案件2件", "reconsideration[role=被申请人]", 2),
        Claim("行政诉讼案件2件", "litigation", 2),
        Claim("复议结果为部分维持、部分变更、部分撤销并责令重作", "reconsideration.corrected", 1),
        Claim("其余均为驳回申请", "reconsideration[outcome=驳回]", 1),
    ),
)

HAIFENG = Replay(
    slug="haifeng-wjj-2025", dept="卫健", year=2025,
    adds=(
        ("专题学法", "-t", "局党组中心组专题学习（全年）", "-d", "2025-12-20", "-s", "数量=4", "-s", "学法主体=局党组中心组"),
        ("执法人员培训", "-t", "执法人员法治培训（全年）", "-d", "2025-12-20", "-s", "数量=4场次", "-s", "培训对象=执法人员"),
        ("听取法治工作汇报", "-t", "专题听取法治工作汇报（全年）", "-d", "2025-12-20", "-s", "数量=3",
         "-s", "会议类型=听取汇报", "-s", "研究解决问题=3项"),
        ("领导小组", "-t", "成立法治建设领导小组", "-d", "2025-01-15", "-s", "组长=党组书记、局长",
         "-s", "主要负责人任组长=是"),
    ),
    claims=(
        Claim("全年组织专题学习4次", "study[body=局党组中心组]", 4),
        Claim("全年开展执法人员法治培训4场次", "training[audience=执法人员]", 4),
        Claim("全年专题听取法治工作汇报3次", "meeting[meeting_type=听取汇报]", 3),
        Claim("研究解决执法规范化、普法宣传等重点问题3项", "meeting.issues_resolved", 3),
        Claim("成立由党组书记、局长任组长的法治建设领导小组", "leading-group.leader_is_principal", True),
    ),
)

MAYANG = Replay(
    slug="mayang-gaj-2025", dept="公安局", year=2025,
    adds=(
        ("集中学习", "-t", "局党委集中学习（全年）", "-d", "2025-12-20", "-s", "数量=12", "-s", "学法主体=局党委"),
        ("专题培训", "-t", "全警法治专题培训", "-d", "2025-06-20", "-s", "数量=2"),
        ("以案释法研讨", "-t", "“法治大讲堂”“以案释法”研讨活动（全年）", "-d", "2025-12-20", "-s", "数量=10余场"),
        ("学法考法", "-t", "学法考法", "-d", "2025-11-30", "-s", "考试类别=学法考试", "-s", "应参考人数=180",
         "-s", "实参考人数=180"),
        ("比武考试", "-t", "民警比武考试", "-d", "2025-09-10", "-s", "数量=2", "-s", "考试类别=比武考试"),
        ("推送", "-t", "推送法治学习资料（全年）", "-d", "2025-12-31", "-s", "数量=30余条", "-s", "形式=推送"),
    ),
    claims=(
        Claim("组织局党委开展集中学习12次", "study[body=局党委]", 12),
        Claim("举办全警法治专题培训2次", "training", 2),
        Claim("开展“法治大讲堂”“以案释法”研讨活动10余场", "seminar", 10, bound="余"),
        Claim("覆盖民警700余人次", None, reason="one coverage figure for training and seminars together: the people "
                                              "belong to each record, the report's sum is not attributable (survey §4)"),
        Claim("截至目前学法考法完成率达到100%", "exam[exam_type=学法考试]%attendance_rate", 100.0),
        Claim("组织民警进行2次比武考试", "exam[exam_type=比武考试]", 2),
        Claim("推送法治学习资料30余条", "media-post", 30, bound="余"),
    ),
)

CORPUS = (LONGTAN, SHEQI, RUSHAN, HELONG, JIANHU, DIANJIANG, GUZHANG, HUOQIU, HAIAN, HAIFENG, MAYANG)


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.slug)
def test_replay(run, tmp_path, case):
    kinds = replay(run, tmp_path, case)
    check_claims(kinds, case)


def test_claims_not_reproduced_say_why_and_the_share():
    for case in CORPUS:
        for c in case.claims:
            assert c.path is not None or c.reason, (case.slug, c.quote)
    table = share_table(CORPUS)
    assert len({dept for _, dept, *_ in table}) >= 10  # department types
    assert sum(n for _, _, n, _, _ in table) / sum(m for _, _, _, m, _ in table) > 0.9
