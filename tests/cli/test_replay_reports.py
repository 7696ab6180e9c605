"""The three reports of issue 14 (a 人社局, a 卫健局, a 乡 government), replayed: every concrete
figure of their openings comes out of `fzlog summary --json` with the report's value. Quotes are
copied from the stored openings (line 1 of each is its address):
http://www.jinyun.gov.cn/art/2025/2/11/art_1229367939_5455833.html,
https://www.xiangshan.gov.cn/art/2025/2/26/art_1229682848_4599474.html,
http://www.cqwx.gov.cn/jz/dhx/zwgk_71780/zfxxgkml/fzzfjsndbg/202601/t20260128_15360505.html.
Where a report gives only a rate (均100%通过), the counts behind it are the replay's own (any n
gives the rate); the rate is the claim."""

from __future__ import annotations

import pytest

from tests.cli.replay import Claim, Replay, check_claims, replay

JINYUN = Replay(
    slug="jinyun-renshe-2024",
    dept="人社",
    year=2024,
    adds=(
        (
            "集中学法",
            "-t",
            "理论中心组学习和集体学法（含工作部署）",
            "-d",
            "2024-12-31",
            "-s",
            "数量=10",
            "-s",
            "学习法律法规=《宪法》、《民法典》、《保密条例》、《实施弹性退休制度暂行办法》",
            "--tag",
            "工作部署",
        ),
        (
            "集中学法",
            "-t",
            "人社领域专业法律知识学习",
            "-d",
            "2024-10-15",
            "-s",
            (
                "laws=《实施弹性退休制度暂行办法》、《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》、"
                "《浙江省工伤保险费率管理办法》"
            ),
        ),
        (
            "执法人员培训",
            "-t",
            "执法人员全年学习",
            "-d",
            "2024-12-31",
            "-s",
            "人均学时=超60学时",
            "-s",
            "培训对象=执法人员",
        ),
        (
            "执法人员持证",
            "-t",
            "年初执法证持证情况",
            "-d",
            "2024-01-05",
            "-s",
            "岗位=执法人员",
            "-s",
            "应持证人数=80",
            "-s",
            "已持证人数=79",
        ),
        (
            "执法人员持证",
            "-t",
            "年末执法证持证情况",
            "-d",
            "2024-12-31",
            "-s",
            "岗位=执法人员",
            "-s",
            "应持证人数=84人",
            "-s",
            "已持证人数=83人",
            "-s",
            "本年新增=4名",
        ),
        (
            "执法资格考试",
            "-t",
            "新增执法人员执法证考试",
            "-d",
            "2024-06-20",
            "-s",
            "考试类别=执法资格考试",
            "-s",
            "实参考人数=4",
            "-s",
            "合格人数=4",
        ),
        (
            "普法考试",
            "-t",
            "党员干部普法建档考试",
            "-d",
            "2024-11-10",
            "-s",
            "考试类别=普法建档考试",
            "-s",
            "实参考人数=37",
            "-s",
            "合格人数=37",
        ),
        ("监管事项", "-t", "互联网+监管事项认领", "-d", "2024-12-20", "-s", "清单=监管事项"),
    ),
    claims=(
        Claim("全年开展法治学习和工作部署共计11次", "study", 11),
        Claim(
            "学习《宪法》、《民法典》、《保密条例》等…《实施弹性退休制度暂行办法》、《全国人民代表大会常务委员会"
            "关于实施渐进式延迟法定退休年龄的决定》、《浙江省工伤保险费率管理办法》等",
            "study.laws",
            6,
        ),
        Claim("全年执法人员学习超60学时", "training.hours", 60.0, bound="超"),
        Claim("2024年我局应持执法证人员84人", "roster.required", 84),
        Claim("已持证83人", "roster.certified", 83),
        Claim("其中新增加行政执法人员4名", "roster.added", 4),
        Claim("均通过执法证考试持证上岗", "exam[exam_type=执法资格考试]%pass_rate", 100.0),
        Claim("动员党员干部积极参加普法建档考试,均100%通过", "exam[exam_type=普法建档考试]%pass_rate", 100.0),
        Claim("主动认领监管事项…截止目前我局完成所有事项认领", "catalog[catalog_type=监管事项]", 1),
        Claim(
            "2024年累计出具合法性审查意见书3[……截断]", None, reason="the stored opening is cut off inside the number"
        ),
    ),
)

XIANGSHAN = Replay(
    slug="xiangshan-weijian-2024",
    dept="卫健",
    year=2024,
    adds=(
        ("三项制度", "-t", "行政执法三项制度（公示、法制审核）", "-d", "2024-03-01", "-s", "制度类别=三项制度"),
        (
            "内部制度",
            "-t",
            "《过错责任追究制度》",
            "-d",
            "2024-04-01",
            "-s",
            "制度类别=实施办法",
            "-s",
            "制定或修订=制定",
        ),
        (
            "聘请法律顾问",
            "-t",
            "续聘卫生健康系统法律顾问",
            "-d",
            "2024-01-10",
            "-s",
            "岗位=法律顾问",
            "-s",
            "配备人数=1",
        ),
        ("案卷评查", "-t", "半年度行政执法案卷评查", "-d", "2024-07-15"),
        (
            "案卷评查",
            "-t",
            "年度行政执法案卷评查",
            "-d",
            "2024-12-15",
            "-s",
            "优秀案卷=2卷",
            "--note",
            "一行政许可案卷和一行政处罚案卷获评县“十佳行政执法案卷”",
        ),
        ("规范性文件清理", "-t", "涉营商环境规范性文件清理和公平竞争审查", "-d", "2024-09-01"),
        ("重大行政决策", "-t", "本局重大行政决策事项", "-d", "2024-05-01"),
        ("审查合同", "-t", "行政合同法治审查", "-d", "2024-12-31", "-s", "数量=32份", "-s", "审查对象=合同"),
        ("专题会议", "-t", "星级法治单位专题创建工作会议", "-d", "2024-03-20", "-s", "会议类型=部署会"),
    ),
    csv=(
        "日期,类型,标题,数量,事项,级别\n"
        "2024-06-30,法律顾问服务,上半年法律顾问业务,210,各单位业务,\n"
        "2024-12-31,法律顾问服务,下半年法律顾问业务,240件,各单位业务,\n"
        "2024-12-20,星级创建,五星级法治医疗卫生单位,6家,,五星级\n"
        "2024-12-20,星级创建,四星级法治医疗卫生单位,17家,,四星级\n"
        "2024-12-20,星级创建,三星级法治医疗卫生单位,5家,,三星级\n"
    ),
    claims=(
        Claim("严格落实三项制度建设", "internal-rule[rule_type=三项制度]", 1),
        Claim("依法制定并落实《过错责任追究制度》", "internal-rule[rule_type=实施办法]", 1),
        Claim("2024年续聘卫生健康系统法律顾问", "roster[role=法律顾问].headcount", 1),
        Claim("共解决卫健系统相关单位的各项业务450件", "counsel", 450),
        Claim("开展半年度和年度行政执法案卷评查", "case-review", 2),
        Claim("各有一行政许可案卷和行政处罚案卷获得2024年度象山县“十佳行政执法案卷”", "case-review.excellent", 2),
        Claim("开展涉营商环境的规范性文件清理和政策公平竞争审查", "doc-cleanup", 1),
        Claim("严格落实本局一件重大行政决策事项", "decision", 1),
        Claim("对本局所有32份行政合同进行法治审查", "legality-review[subject=合同]", 32),
        Claim("组织召开专题创建工作会议", "meeting", 1),
        Claim("乡镇级以上的28家医疗卫生单位…全面完成创建工作", "honor", 28),
        Claim("最终评定出6家五星级法治医疗卫生单位", "honor[level=五星级]", 6),
        Claim("17家四星级法治医疗卫生单位", "honor[level=四星级]", 17),
        Claim("5家三星级法治医[……截断]", "honor[level=三星级]", 5),
    ),
)

DAHE = Replay(
    slug="wuxi-dahexiang-2025",
    dept="乡镇",
    year=2025,
    config="""
[kinds.publicity]
fields = [{ name = "issues_explained", type = "int", label = "解读热点法律问题", unit = "个" }]
""",
    adds=(
        (
            "领导小组",
            "-t",
            "成立法治政府建设工作领导小组",
            "-d",
            "2025-02-10",
            "-s",
            "成立或调整=成立",
            "-s",
            "组长=党委书记、乡长（双组长）",
            "-s",
            "主要负责人任组长=是",
            "-s",
            "办公室设在=乡指挥中心",
        ),
        ("专题会议", "-t", "法治建设专题会议（全年）", "-d", "2025-12-20", "-s", "数量=4", "-s", "研究解决问题=12项"),
        ("学法计划", "-t", "年度学法计划", "-d", "2025-01-15", "-s", "计划类别=学法计划"),
        (
            "会前学法",
            "-t",
            "会前学法（全年）",
            "-d",
            "2025-12-25",
            "-s",
            "数量=五次",
            "-s",
            "学习法律法规=《民法典》、《信访工作条例》",
        ),
        ("培训", "-t", "酒驾醉驾警示教育、执法实务培训等", "-d", "2025-11-30", "-s", "数量=3场"),
        (
            "执法人员持证",
            "-t",
            "执法人员持证情况",
            "-d",
            "2025-12-31",
            "-s",
            "岗位=执法人员",
            "-s",
            "配备人数=3",
            "-s",
            "应持证人数=3",
            "-s",
            "已持证人数=3",
        ),
        (
            "学法考试",
            "-t",
            "法律知识在线考试",
            "-d",
            "2025-10-10",
            "-s",
            "考试类别=学法考试",
            "-s",
            "实参考人数=26",
            "-s",
            "合格人数=26",
        ),
    ),
    csv=(
        "日期,类型,标题,活动形式,参与人数,发放宣传资料（份）,解答群众咨询,解读热点法律问题（个）,数量\n"
        "2025-06-15,法治宣传活动,院坝课堂“围坐式”普法,院坝课堂,,,,28个,\n"
        "2025-05-20,法治宣传活动,“校园法治小院”“银发普法专场”,特殊群体专场,300余人次,,,,2场\n"
        "2025-09-10,法治宣传活动,法律顾问进村宣讲,宣讲,,400余份,100余人次,,2次\n"
    ),
    claims=(
        Claim("成立由党委书记、乡长任双组长的法治政府建设工作领导小组", "leading-group.leader_is_principal", True),
        Claim("下设办公室于乡指挥中心", "leading-group.office", "乡指挥中心"),
        Claim("定期召开专题会议4次", "meeting", 4),
        Claim("研究解决法治建设重点问题12项", "meeting.issues_resolved", 12),
        Claim("制定年度学法计划", "plan[plan_type=学法计划]", 1),
        Claim("组织学习《民法典》《信访工作条例》等法律法规5次", "study", 5),
        Claim("开展酒驾醉驾警示教育、执法实务培训等活动3场", "training", 3),
        Claim("全乡3名执法人员全部取得行政执法证", "roster%certified_rate", 100.0),
        Claim("全乡3名执法人员", "roster.headcount", 3),
        Claim("法律知识在线考试通过率100%", "exam%pass_rate", 100.0),
        Claim("解读土地流转、婚姻家庭等热点法律问题28个", "publicity.issues_explained", 28),
        Claim("开展“校园法治小院”“银发普法专场”活动2场", "publicity[event_type=特殊群体专场]", 2),
        Claim("覆盖特殊群体300余人次", "publicity[event_type=特殊群体专场].participants", 300, bound="余"),
        Claim("发放宣传材料400余份", "publicity.materials", 400, bound="余"),
        Claim("法律顾问进村宣讲2次", "publicity[event_type=宣讲]", 2),
        Claim("解答群众咨询100余人次", "publicity.consultations", 100, bound="余"),
    ),
)

REPORTS = (JINYUN, XIANGSHAN, DAHE)


@pytest.mark.parametrize("case", REPORTS, ids=lambda c: c.slug)
def test_replay(run, tmp_path, case):
    kinds = replay(run, tmp_path, case)
    check_claims(kinds, case)


def test_every_figure_with_a_number_is_reproduced():
    for case in REPORTS:
        for c in case.claims:
            assert c.path is not None or c.reason, (case.slug, c.quote)
    assert [round(100 * c.share) for c in REPORTS] == [90, 100, 100]
