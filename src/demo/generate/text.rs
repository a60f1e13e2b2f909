//! Word lists the generator draws from: names, employers, districts and the
//! phrases workers write in records, in Chinese and (for the clients who speak
//! it) in English. Phone numbers and names are invented; the phone numbers stay
//! in the 138-0000 and 139-0000 blocks so that nobody mistakes them for real ones.

use rand::Rng;
use rand::seq::IndexedRandom;

use crate::domain::vocab::CaseType;

/// Picks one entry of a non-empty list.
pub(super) fn pick<'a, R: Rng>(rng: &mut R, list: &'a [&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
    "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "欧阳",
];

const GIVEN_FEMALE: &[&str] = &[
    "秀英", "桂英", "美玲", "丽娟", "晓燕", "小红", "淑芬", "海燕", "雪梅", "春花", "玉兰", "慧敏",
    "静", "敏", "丽", "艳", "娟", "霞", "婷婷", "欣怡", "雨桐", "佳怡", "思琪", "梦瑶", "晓雨",
    "红梅", "翠萍", "金凤", "冬梅", "月娥",
];

const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "建华", "建国", "志强", "国庆",
    "海波", "永刚", "文斌", "俊杰", "浩然", "子轩", "宇航", "家豪", "春生", "德胜", "光明", "振华",
    "卫东", "小龙", "大勇", "金山",
];

const ENGLISH_FEMALE: &[&str] = &[
    "Emily", "Sarah", "Grace", "Maria", "Linda", "Jessica", "Anna", "Rachel", "Sophie", "Joyce",
    "Cindy", "Vivian",
];

const ENGLISH_MALE: &[&str] = &[
    "Michael", "David", "John", "Kevin", "Peter", "Daniel", "Jason", "Tony", "Samuel", "Eric",
    "Raymond", "Victor",
];

const ENGLISH_SURNAMES: &[&str] = &[
    "Wong", "Chan", "Lee", "Lin", "Ho", "Cheung", "Smith", "Santos", "Nguyen", "Reyes", "Kumar",
    "Tan", "Ng", "Lau", "Brown", "Garcia",
];

/// A full name; `english` for clients and staff who go by an English name.
pub(super) fn person_name<R: Rng>(rng: &mut R, female: bool, english: bool) -> String {
    if english {
        let first = pick(rng, if female { ENGLISH_FEMALE } else { ENGLISH_MALE });
        format!("{first} {}", pick(rng, ENGLISH_SURNAMES))
    } else {
        let given = pick(rng, if female { GIVEN_FEMALE } else { GIVEN_MALE });
        format!("{}{given}", pick(rng, SURNAMES))
    }
}

/// Invented phone numbers in blocks no carrier hands out to the public here.
pub(super) fn phone<R: Rng>(rng: &mut R) -> String {
    let block = if rng.random_bool(0.5) { 138 } else { 139 };
    format!("{block}-0000-{:04}", rng.random_range(0..10_000))
}

pub(super) const DISTRICTS: &[&str] = &[
    "南山区",
    "宝安区",
    "福田区",
    "罗湖区",
    "龙岗区",
    "龙华区",
    "光明区",
    "坪山区",
];

pub(super) const EMPLOYERS: &[&str] = &[
    "富康电子厂",
    "顺达物流有限公司",
    "华彩制衣厂",
    "鹏程建筑工程有限公司",
    "南山科技园某软件公司",
    "宝安国际机场地勤服务公司",
    "美家家政服务公司",
    "城市环卫服务有限公司",
    "某外卖平台配送站",
    "新桥五金塑胶制品厂",
    "海岸城商场物业管理处",
    "龙华富士康园区",
    "平安大厦保安服务公司",
    "光明汽车零部件厂",
    "罗湖口岸餐饮连锁店",
];

/// Grassroots unions the generator adds under the district unions of the seeds.
pub(super) const GRASSROOTS_UNIONS: &[&str] = &[
    "顺达物流工会",
    "华彩制衣厂工会",
    "鹏程建筑工会联合会",
    "城市环卫服务公司工会",
    "美家家政服务行业工会",
    "光明汽车零部件厂工会",
];

/// Team names beyond the two of the hand-written demo.
pub(super) const MORE_TEAMS: &[&str] = &[
    "南山职工心理服务组",
    "南山劳动关系服务组",
    "宝安家庭服务组",
    "宝安特殊职工帮扶组",
    "福田职工心理服务组",
    "福田劳动关系服务组",
    "龙岗家庭服务组",
    "龙岗特殊职工帮扶组",
];

/// What a worker writes, by field, for one case type and language.
pub(super) struct Phrases {
    pub problems: &'static [&'static str],
    pub physiological: &'static [&'static str],
    pub psychological: &'static [&'static str],
    pub social: &'static [&'static str],
    pub screening: &'static [&'static str],
    pub needs: &'static [&'static str],
    pub strengths: &'static [&'static str],
    pub goals: &'static [(&'static str, &'static str)],
    pub services: &'static [&'static str],
    pub frequency: &'static [&'static str],
    pub session_notes: &'static [&'static str],
    pub session_services: &'static [&'static str],
    pub summaries: &'static [&'static str],
    pub follow_up: &'static [&'static str],
    pub step_back: &'static [&'static str],
    pub send_back: &'static [&'static str],
    pub reopen: &'static [&'static str],
}

/// The phrases for a case type, in Chinese or English.
pub(super) fn phrases(case_type: CaseType, english: bool) -> &'static Phrases {
    match (case_type, english) {
        (_, true) => &ENGLISH,
        (CaseType::Counselling, false) => &COUNSELLING,
        (CaseType::FamilyMediation, false) => &FAMILY,
        (CaseType::LabourDispute, false) => &LABOUR,
        (CaseType::SpecialGroup, false) => &SPECIAL,
    }
}

const STEP_BACK_ZH: &[&str] = &[
    "案主情况有新变化，需重新预估。",
    "督导建议补充社会支持系统的预估后再订计划。",
    "案主对原计划有顾虑，退回重新预估需要。",
];
const SEND_BACK_ZH: &[&str] = &[
    "目标二的达成证据不足，请补充一次跟进面谈后再结案。",
    "结案评估缺少案主本人的反馈，请再联系一次。",
    "请先完成转介资源的回访再提交结案。",
];
const REOPEN_ZH: &[&str] = &[
    "案主再次求助，原问题复发，重新开案预估。",
    "用人单位未履行调解协议，案主要求继续跟进。",
    "案主家庭出现新的危机，重新开案。",
];
const FOLLOW_UP_ZH: &[&str] = &[
    "一个月后电话回访一次。",
    "三个月后回访，了解稳定情况。",
    "邀请案主参加职工互助小组，由工会跟进。",
    "如有需要可通过热线再次求助。",
];

const COUNSELLING: Phrases = Phrases {
    problems: &[
        "近三个月夜班连续，失眠严重，白天注意力不集中，担心出错被罚款。",
        "父亲去世后情绪低落，常常一个人哭，不想和工友说话。",
        "工厂裁员传闻不断，整天担心失业，心慌胸闷。",
        "在车间目睹工友受伤，之后一进车间就紧张发抖。",
        "主管当众批评后觉得抬不起头，出现不想上班的念头。",
        "与家人分隔两地多年，孤独感强，最近饮酒增多。",
    ],
    physiological: &[
        "睡眠每晚不足五小时，食欲下降，体重近月减轻约3公斤。",
        "头痛、胸闷，医院检查未见器质性问题。",
        "身体状况尚可，偶有胃痛，与饮食不规律有关。",
    ],
    psychological: &[
        "焦虑情绪明显，反复担心工作出错；自我评价偏低。",
        "哀伤反应持续，对以往喜欢的事失去兴趣。",
        "存在回避行为和闯入性回忆，受惊吓后难以平静。",
        "情绪起伏较大，易怒，事后自责。",
    ],
    social: &[
        "独自在深圳打工，与同乡工友来往较少；家人在老家。",
        "已婚，配偶同厂上班，夫妻关系尚可但交流不多。",
        "宿舍同住工友关系一般，工会小组长较关心。",
    ],
    screening: &[
        "筛查无自伤意念，无既往自伤史。",
        "有一过性消极念头，无计划、无行动，已签安全计划。",
        "否认自伤意念；饮酒情况需持续关注。",
    ],
    needs: &[
        "改善睡眠，学习放松技巧；与主管沟通排班。",
        "哀伤辅导，重建日常作息与社交。",
        "减轻焦虑，了解裁员相关权益。",
    ],
    strengths: &[
        "求助意愿强，能按时赴约；工作技能熟练。",
        "有一位关系很好的同乡可以倾诉。",
        "对家庭有责任感，愿意为孩子改变。",
    ],
    goals: &[
        ("睡眠改善", "每晚连续睡眠达到6小时以上，每周至少5天"),
        ("焦虑减轻", "GAD-7得分由中度降至轻度"),
        ("恢复社交", "每周至少参加一次工友活动"),
        ("掌握放松技巧", "能独立完成腹式呼吸练习并每天练习"),
        ("安全计划", "知道至少两个求助渠道并写入安全卡"),
    ],
    services: &[
        "个案心理疏导；放松训练；必要时转介精神科评估",
        "个案面谈与电话跟进；哀伤辅导",
    ],
    frequency: &[
        "每周一次，每次50分钟，共6次",
        "每两周一次面谈，其间电话跟进",
    ],
    session_notes: &[
        "回顾一周睡眠日记，入睡时间有所提前；练习腹式呼吸。",
        "讨论与主管沟通的方式，角色扮演一次。",
        "案主谈及父亲生前的往事，情绪宣泄后较平静。",
        "复核安全计划，案主表示近一周无消极念头。",
        "布置家庭作业：每天记录三件做得好的事。",
    ],
    session_services: &[
        "心理疏导；放松训练",
        "情绪支持；认知重构练习",
        "安全计划复核",
    ],
    summaries: &[
        "经六次面谈，案主睡眠明显改善，焦虑得分下降，能运用放松技巧应对压力。",
        "案主哀伤情绪逐步平复，重新参与工友活动，目标基本达成。",
        "案主已能与主管沟通排班问题，情绪稳定，同意结案。",
    ],
    follow_up: FOLLOW_UP_ZH,
    step_back: STEP_BACK_ZH,
    send_back: SEND_BACK_ZH,
    reopen: REOPEN_ZH,
};

const FAMILY: Phrases = Phrases {
    problems: &[
        "夫妻因孩子教育问题长期争吵，最近一次吵架后妻子带孩子回娘家。",
        "婆媳矛盾激化，丈夫夹在中间，案主提出想离婚。",
        "父母与成年子女因赡养费用分担发生冲突。",
        "丈夫长期在外打工，夫妻感情疏远，经济安排有分歧。",
    ],
    physiological: &[
        "长期失眠，食欲不振。",
        "身体状况良好。",
        "高血压，需按时服药。",
    ],
    psychological: &[
        "委屈、愤怒情绪明显，对婚姻前景悲观。",
        "压力大，觉得两头为难，自责。",
        "情绪尚稳定，希望尽快解决问题。",
    ],
    social: &[
        "育有一子一女，孩子在老家由老人照顾。",
        "双方家庭都在外省，本地支持少。",
        "与兄弟姐妹关系一般，社区居委会有接触。",
    ],
    screening: &[
        "无家庭暴力，无自伤风险。",
        "曾有推搡行为，已告知反家暴求助途径。",
        "筛查未见风险因素。",
    ],
    needs: &[
        "改善夫妻沟通；商定孩子教育安排。",
        "厘清赡养责任，达成书面协议。",
        "缓和家庭矛盾，避免冲突升级。",
    ],
    strengths: &[
        "双方都愿意坐下来谈。",
        "重视孩子，愿意为孩子做出让步。",
        "工会调解员熟悉双方，有信任基础。",
    ],
    goals: &[
        ("达成调解协议", "双方签署书面协议"),
        ("改善沟通", "每周至少一次不争吵的家庭谈话"),
        ("孩子安排", "确定孩子就学和照顾方案"),
        ("费用分担", "赡养费分担比例写入协议并按月执行"),
    ],
    services: &[
        "家庭调解面谈；夫妻沟通辅导",
        "联合面谈与个别面谈结合；必要时法律咨询",
    ],
    frequency: &["每两周一次联合面谈", "每周一次，共4次"],
    session_notes: &[
        "双方各自陈述诉求，明确共同关注点是孩子。",
        "练习“我”句式表达，争吵次数减少。",
        "讨论协议条款草案，双方对费用分担仍有分歧。",
        "协议初稿经双方确认，约定下次签署。",
    ],
    session_services: &["家庭调解", "沟通辅导", "协议起草协助"],
    summaries: &[
        "双方签署调解协议，家庭关系缓和，目标达成。",
        "孩子安排已确定，沟通改善；费用分担部分达成。",
    ],
    follow_up: FOLLOW_UP_ZH,
    step_back: STEP_BACK_ZH,
    send_back: SEND_BACK_ZH,
    reopen: REOPEN_ZH,
};

const LABOUR: Phrases = Phrases {
    problems: &[
        "工厂拖欠三个月工资，老板失联，同车间二十余人受影响。",
        "被以“试用期不合格”为由辞退，未签劳动合同，也无经济补偿。",
        "工作中受伤，公司未为其缴纳工伤保险，拒绝承担医疗费。",
        "连续加班每月超过80小时，加班费按最低工资计算。",
        "公司单方面调岗降薪，案主不同意后被停工。",
        "社保断缴半年，公司称“自愿放弃”，案主否认。",
    ],
    physiological: &[
        "手部受伤未愈，需定期复诊。",
        "长期加班导致腰肌劳损。",
        "身体状况良好。",
    ],
    psychological: &[
        "着急、愤怒，担心拿不回工资影响家里生活。",
        "对维权没有信心，怕被报复。",
        "情绪稳定，目标明确。",
    ],
    social: &[
        "同车间工友共同维权，推举其为代表。",
        "独自在外打工，经济压力大，需寄钱回家。",
        "企业有工会但作用有限；区总工会法律援助可介入。",
    ],
    screening: &[
        "集体争议有激化可能，需关注群体情绪；案主本人无自伤风险。",
        "经济困难明显，无自伤风险。",
        "筛查未见风险因素。",
    ],
    needs: &[
        "收集考勤、工资条等证据；申请劳动仲裁。",
        "确认劳动关系；申请工伤认定。",
        "通过工会与企业协商，追讨加班费。",
    ],
    strengths: &[
        "保留了完整的工资条和考勤记录。",
        "工友团结，愿意共同作证。",
        "熟悉手机办事，能自行提交材料。",
    ],
    goals: &[
        ("追回欠薪", "拖欠工资全额或按协议到账"),
        ("确认劳动关系", "取得仲裁或法院确认文书"),
        ("工伤认定", "取得工伤认定决定书"),
        ("证据完备", "证据清单所列材料全部收集"),
    ],
    services: &[
        "劳动法律咨询；协助申请仲裁；工会协商",
        "转介法律援助；陪同办理工伤认定",
    ],
    frequency: &["每周电话跟进，关键节点陪同", "每两周一次面谈"],
    session_notes: &[
        "整理证据清单，指导案主补充银行流水。",
        "陪同到劳动监察大队投诉，已受理。",
        "工会与企业协商，企业同意分期支付。",
        "仲裁开庭前准备，模拟陈述。",
        "跟进款项到账情况，已收到第一期。",
    ],
    session_services: &["法律咨询", "陪同办事", "工会协商"],
    summaries: &[
        "经工会协商与仲裁，欠薪全部追回，案主满意。",
        "劳动关系得到确认，经济补偿按裁决支付。",
        "工伤认定已完成，医疗费由工伤保险报销。",
    ],
    follow_up: FOLLOW_UP_ZH,
    step_back: STEP_BACK_ZH,
    send_back: SEND_BACK_ZH,
    reopen: REOPEN_ZH,
};

const SPECIAL: Phrases = Phrases {
    problems: &[
        "单亲母亲，孩子患病住院，医疗费用难以负担。",
        "工伤致残后失业，希望学习新技能再就业。",
        "怀孕后被安排到高强度岗位，担心影响胎儿。",
        "年过五十失业，找工作屡屡碰壁，家庭收入中断。",
        "新就业形态劳动者，没有社保，生病后生活困难。",
    ],
    physiological: &[
        "孕期，身体疲劳。",
        "左腿残疾，行动不便。",
        "慢性病需长期服药。",
    ],
    psychological: &[
        "压力大，担心孩子和生计。",
        "自信心受挫，觉得自己没用。",
        "情绪尚可，积极寻求帮助。",
    ],
    social: &[
        "丈夫常年在外，家中无人帮手。",
        "与子女关系好，但子女收入有限。",
        "社区和工会有联系，未申请过救助。",
    ],
    screening: &[
        "无自伤风险。",
        "经济困难导致情绪低落，无自伤意念。",
        "筛查未见风险因素。",
    ],
    needs: &[
        "申请困难职工帮扶金；联系医疗救助。",
        "职业技能培训与岗位推荐。",
        "调整岗位，落实孕期保护。",
    ],
    strengths: &[
        "学习意愿强。",
        "有一定积蓄，能维持两三个月。",
        "工会会员，符合多项帮扶条件。",
    ],
    goals: &[
        ("获得帮扶金", "帮扶金申请获批并发放"),
        ("参加培训", "完成一期职业技能培训并取得证书"),
        ("重新就业", "签订新的劳动合同"),
        ("岗位调整", "孕期岗位调整书面确认"),
    ],
    services: &[
        "困难职工帮扶申请；资源链接；就业推荐",
        "转介职业培训机构；跟进就业",
    ],
    frequency: &["每两周一次面谈或电话", "每月一次家访"],
    session_notes: &[
        "协助填写帮扶金申请表，补齐收入证明。",
        "介绍培训课程，案主选择电工培训。",
        "陪同参加招聘会，投递简历三份。",
        "家访了解家庭近况，孩子已出院。",
    ],
    session_services: &["资源链接", "就业推荐", "家访"],
    summaries: &[
        "帮扶金已发放，孩子医疗费得到救助，家庭渡过难关。",
        "案主完成培训并重新就业，目标达成。",
        "岗位已调整，孕期保护落实。",
    ],
    follow_up: FOLLOW_UP_ZH,
    step_back: STEP_BACK_ZH,
    send_back: SEND_BACK_ZH,
    reopen: REOPEN_ZH,
};

/// Records of clients who speak English (the agency's bilingual workers take them).
const ENGLISH: Phrases = Phrases {
    problems: &[
        "Works night shifts at an electronics plant; has not slept properly for weeks and fears losing the job.",
        "Employer has not paid the last two months' wages; several co-workers are affected.",
        "Conflict with spouse over moving back home; the children are caught in the middle.",
        "Lost his job after an injury at work and needs help finding training and new work.",
    ],
    physiological: &[
        "Poor sleep, headaches.",
        "Recovering from a hand injury.",
        "In good health.",
    ],
    psychological: &[
        "Anxious and tired, worried about money.",
        "Low mood since the job loss.",
        "Calm, wants practical help.",
    ],
    social: &[
        "Lives alone in a dormitory; family abroad.",
        "Married, two children in school here.",
        "Close to two co-workers from the same town.",
    ],
    screening: &[
        "No thoughts of self-harm.",
        "Passing negative thoughts, no plan; safety plan agreed.",
        "No risk factors found.",
    ],
    needs: &[
        "Better sleep and a talk with the supervisor about shifts.",
        "Recover unpaid wages.",
        "Training and a new job.",
    ],
    strengths: &[
        "Keen to get help and keeps appointments.",
        "Kept payslips and messages as evidence.",
        "Speaks Cantonese, Mandarin and English.",
    ],
    goals: &[
        (
            "Sleep better",
            "At least six hours a night, five nights a week",
        ),
        (
            "Recover wages",
            "Unpaid wages received in full or as agreed",
        ),
        ("Find work", "Signs a new employment contract"),
        (
            "Agree family plan",
            "Written agreement on the children's schooling",
        ),
    ],
    services: &[
        "Counselling sessions and phone follow-up",
        "Legal advice and union negotiation",
    ],
    frequency: &["Weekly, 50 minutes", "Every two weeks, phone in between"],
    session_notes: &[
        "Reviewed the sleep diary; practised breathing exercises.",
        "Listed the evidence for the wage claim; payslips collected.",
        "Role-played the conversation with the supervisor.",
        "Went through job listings together; two applications sent.",
    ],
    session_services: &["Counselling", "Legal advice", "Job search support"],
    summaries: &[
        "Goals met: sleep improved and the client manages stress on his own.",
        "Wages recovered in full after union negotiation.",
        "Client found a new job and completed the training.",
    ],
    follow_up: &["Phone call in one month.", "Check in after three months."],
    step_back: &["New information from the client; assessment to be revised."],
    send_back: &["Please add the client's own feedback before closing."],
    reopen: &["Client asked for help again; the problem came back."],
};
