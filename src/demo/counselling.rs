//! Demo cases of 心理疏导 (counselling): one per stage, plus one closed early.

use super::seeds::*;
use crate::domain::vocab::{
    CaseStage, ClosureReason, CounsellingConcern, IntakeChannel, RiskLevel, SessionMode, Urgency,
};

pub(super) const CASES: &[CaseSeed] = &[
    // A draft intake: sensitive-information consent is still to be signed in person.
    CaseSeed {
        client: WANG_LEI,
        worker: LI,
        stage: CaseStage::Intake,
        details: Details::Counselling {
            concern: CounsellingConcern::Stress,
            screening: "电话初筛：否认自伤想法，有明显睡眠困难，待面谈时用量表复核。",
            mode: SessionMode::Phone,
        },
        intake: Intake {
            consent_sensitive: false,
            ..intake(
                IntakeChannel::Hotline,
                Urgency::Soon,
                "外卖骑手，每天工作11-12小时，常跑夜间单。上周雨夜为赶配送时限险些与货车相撞，此后一上路就心慌、手抖，夜里反复梦到当时的场景；担心被平台扣分，不敢请假。",
            )
        },
        assessment: None,
        plan: None,
        sessions: &[],
        closure: None,
        detour: None,
        close_early: None,
    },
    // The assessment lacks its WHO-5 baseline, so the guard has something to show.
    CaseSeed {
        client: ZHANG_WEI,
        worker: LI,
        stage: CaseStage::Assessment,
        details: Details::Counselling {
            concern: CounsellingConcern::Grief,
            screening: "否认自伤想法，详见预估中的风险筛查。",
            mode: SessionMode::FaceToFace,
        },
        intake: intake(
            IntakeChannel::UnionReferral,
            Urgency::Urgent,
            "顺达物流仓库同班组同事上月在叉车作业事故中身亡，案主当时在场并参与施救。事后一直自责“要是早点喊他就好了”，食欲下降，不敢再进入事发库区，已请假两周。由南山区总工会转介。",
        ),
        assessment: Some(Assessment {
            physiological: "入睡困难，每晚约睡4小时；一个月体重下降3公斤，偶有胸闷。",
            psychological: "反复闪回事发画面，强烈自责与内疚；回避事发库区；情绪低落，但能表达哀伤。",
            social: "已婚，妻子支持但不知如何安慰；与班组同事关系好，同事们也受到影响；公司已发放抚恤，但未安排心理支持。",
            risk: RiskLevel::Medium,
            screening: "自杀风险评估：否认自杀意念与计划，无既往史；存在急性应激反应，两周内复评。",
            needs: "哀伤辅导；逐步返岗的安排；班组层面的集体哀伤支持。",
            strengths: "求助意愿强；家庭支持稳定；工会与班组愿意配合。",
            who5: None,
        }),
        plan: None,
        sessions: &[],
        closure: None,
        detour: None,
        close_early: None,
    },
    // A plan written with the client but not yet signed.
    CaseSeed {
        client: SARAH_LIN,
        worker: EMILY,
        stage: CaseStage::Contract,
        details: Details::Counselling {
            concern: CounsellingConcern::Anxiety,
            screening: "No self-harm risk found at intake or assessment.",
            mode: SessionMode::Online,
        },
        intake: intake(
            IntakeChannel::SelfReferralOnline,
            Urgency::Routine,
            "Back at Harbour Logistics after six months of maternity leave. Part of her role has gone to a colleague; she feels anxious before every meeting, worries she is 'no longer good enough' and cries on the way to work.",
        ),
        assessment: Some(Assessment {
            physiological: "Sleep broken by night feeds (baby is 7 months old); tension headaches most afternoons.",
            psychological: "Anticipatory anxiety before meetings and self-critical thoughts; no panic attacks. GAD-7: 11 (moderate).",
            social: "Husband supportive but works away Monday to Friday; mother-in-law helps with childcare. Few friends at work since the reorganisation.",
            risk: RiskLevel::Low,
            screening: "PHQ-9 item 9 and direct questions: no thoughts of self-harm. Review if mood worsens.",
            needs: "Manage anxiety at work; clarify her role with her manager; arrange the lactation breaks she is entitled to.",
            strengths: "Reflective and organised; good relationship with her line manager before leave.",
            who5: Some(44),
        }),
        plan: Some(Plan {
            goals: &[
                Goal {
                    description: "Reduce anxiety before work meetings",
                    indicator: "Self-rated anxiety before meetings down from 8/10 to 4/10",
                    target_in_days: 56,
                },
                Goal {
                    description: "Agree a clear role description with her manager",
                    indicator: "Written role description agreed in a meeting with HR",
                    target_in_days: 42,
                },
            ],
            services: "Six individual CBT-informed sessions; one three-way meeting with her line manager and HR; information on lactation breaks under the Special Rules on the Labour Protection of Female Employees.",
            frequency: "Weekly, 50 minutes, online after work",
            agreed_days_ago: None,
        }),
        sessions: &[],
        closure: None,
        detour: None,
        close_early: None,
    },
    CaseSeed {
        client: CHEN_MEILING,
        worker: LI,
        stage: CaseStage::Intervention,
        details: Details::Counselling {
            concern: CounsellingConcern::WorkPressure,
            screening: "PHQ-9 第9题为0，否认自伤想法。",
            mode: SessionMode::FaceToFace,
        },
        intake: intake(
            IntakeChannel::OutreachScreening,
            Urgency::Soon,
            "富康电子厂SMT车间操作工，连续四个月上夜班（20:00-08:00）。白天睡不着，情绪烦躁，常和丈夫吵架，担心出错被扣绩效。在工会组织的夜班职工心理筛查中主动登记求助。",
        ),
        assessment: Some(Assessment {
            physiological: "昼夜节律紊乱，白天平均睡眠不足5小时；经常头痛、胃口差。",
            psychological: "焦虑、易怒，对工作失误过度担忧；无明显抑郁发作，自述“快撑不住了”。",
            social: "与丈夫同厂不同班次，很少见面；女儿在老家由婆婆照顾；车间同事多为同乡，有一定支持。",
            risk: RiskLevel::Low,
            screening: "PHQ-9 为8分，第9题为0；否认自伤想法。",
            needs: "改善睡眠；掌握压力管理方法；与车间协调班次轮换。",
            strengths: "工作认真，愿意尝试新方法；丈夫支持求助；车间工会小组长热心。",
            who5: Some(28),
        }),
        plan: Some(Plan {
            goals: &[
                Goal {
                    description: "建立夜班后的睡眠规律",
                    indicator: "睡眠日志显示连续两周白天睡眠不少于6小时",
                    target_in_days: 30,
                },
                Goal {
                    description: "掌握至少两种压力缓解方法",
                    indicator: "能在会谈中演示，并自述在工作中使用",
                    target_in_days: 45,
                },
                Goal {
                    description: "与车间协商班次轮换",
                    indicator: "工会与车间达成每月至少一周白班的安排",
                    target_in_days: 60,
                },
            ],
            services: "个案辅导（睡眠卫生与放松训练）；工会协调班次；夜班职工减压小组。",
            frequency: "每两周面谈一次，每次60分钟；其间电话跟进",
            agreed_days_ago: Some(30),
        }),
        sessions: &[
            Session {
                days_ago: 27,
                minutes: 60,
                mode: SessionMode::FaceToFace,
                participants: "案主",
                notes: "讲解睡眠卫生知识，共同制定夜班后的作息表；布置睡眠日志。案主说遮光窗帘和耳塞“从没想过”。",
                services: "睡眠卫生教育；腹式呼吸放松训练",
            },
            Session {
                days_ago: 14,
                minutes: 60,
                mode: SessionMode::FaceToFace,
                participants: "案主",
                notes: "睡眠日志显示白天睡眠增至5.5小时。练习渐进式肌肉放松；讨论如何与丈夫商量班次。",
                services: "放松训练；沟通技巧",
            },
            Session {
                days_ago: 4,
                minutes: 45,
                mode: SessionMode::Phone,
                participants: "案主、车间工会小组长",
                notes: "三方通话：小组长已向车间主任反映轮班需求，车间同意下月试行。案主情绪明显放松。",
                services: "资源协调",
            },
        ],
        closure: None,
        detour: None,
        close_early: None,
    },
    // Awaiting the supervisor's sign-off.
    CaseSeed {
        client: MICHAEL_WONG,
        worker: EMILY,
        stage: CaseStage::Closure,
        details: Details::Counselling {
            concern: CounsellingConcern::Anxiety,
            screening: "No self-harm thoughts; alcohol use low.",
            mode: SessionMode::FaceToFace,
        },
        intake: intake(
            IntakeChannel::WalkIn,
            Urgency::Soon,
            "Shift supervisor at Harbour Logistics' Qianhai warehouse. Since a restructuring doubled his team he has had two episodes of racing heart and breathlessness at work; hospital checks found nothing physical. Afraid of losing control in front of his team.",
        ),
        assessment: Some(Assessment {
            physiological: "Two panic episodes in a month; cardiology check normal. Drinks 4-5 coffees a day, sleeps about 6 hours.",
            psychological: "Panic symptoms with anticipatory worry; perfectionism; no low mood.",
            social: "Married, one son aged 10; supportive wife. Few peers to talk to since his promotion.",
            risk: RiskLevel::Low,
            screening: "No self-harm thoughts; re-screened at session 2, unchanged.",
            needs: "Understand and manage panic; delegate within the new team; cut down caffeine.",
            strengths: "Insightful, keen to learn, respected by his team.",
            who5: Some(36),
        }),
        plan: Some(Plan {
            goals: &[
                Goal {
                    description: "Manage panic symptoms at work",
                    indicator: "No more than one panic episode a month, handled with paced breathing",
                    target_in_days: -5,
                },
                Goal {
                    description: "Delegate routine tasks to two team leads",
                    indicator: "Two team leads appointed and a weekly handover held",
                    target_in_days: -10,
                },
            ],
            services: "Five individual sessions (psycho-education on panic, breathing and grounding, cognitive restructuring); coaching on delegation.",
            frequency: "Weekly, 50 minutes, at the union service point",
            agreed_days_ago: Some(50),
        }),
        sessions: &[
            Session {
                days_ago: 45,
                minutes: 50,
                mode: SessionMode::FaceToFace,
                participants: "Client",
                notes: "Psycho-education on the panic cycle; practised paced breathing. Client relieved to hear the symptoms are common and not dangerous.",
                services: "Psycho-education; breathing training",
            },
            Session {
                days_ago: 31,
                minutes: 50,
                mode: SessionMode::FaceToFace,
                participants: "Client",
                notes: "Panic diary: one mild episode, handled by breathing. Explored the belief 'I must handle everything myself'.",
                services: "Cognitive restructuring",
            },
            Session {
                days_ago: 17,
                minutes: 50,
                mode: SessionMode::FaceToFace,
                participants: "Client",
                notes: "Planned delegation and chose two team leads. Agreed to cut coffee to two cups a day.",
                services: "Coaching",
            },
            Session {
                days_ago: 6,
                minutes: 40,
                mode: SessionMode::Online,
                participants: "Client",
                notes: "No panic episodes for three weeks. Reviewed the relapse-prevention plan; client ready to end.",
                services: "Relapse prevention",
            },
        ],
        closure: Some(Closure {
            attainment: &[1, 2],
            who5: 64,
            satisfaction: 5,
            summary: "Client understands panic and handles early symptoms with paced breathing; no episodes in the last three weeks. Team leads appointed and a weekly handover in place. WHO-5 rose from 36 to 64.",
            follow_up: "Phone check-in in one month; the client may come back at any time through the union service point.",
        }),
        detour: None,
        close_early: None,
    },
    // Closed after the supervisor asked for one more session first.
    CaseSeed {
        client: LI_GUILAN,
        worker: LI,
        stage: CaseStage::Closed,
        details: Details::Counselling {
            concern: CounsellingConcern::Trauma,
            screening: "PCL-5 初评38分；否认自伤意念。",
            mode: SessionMode::FaceToFace,
        },
        intake: intake(
            IntakeChannel::UnionReferral,
            Urgency::Urgent,
            "富康电子厂冲压车间老员工。两个月前目睹同车间工友的手被冲床压伤，此后无法靠近冲床，夜里惊醒，听到机器声就发抖。由厂工会主席转介。",
        ),
        assessment: Some(Assessment {
            physiological: "入睡困难，每周夜间惊醒3-4次；心悸。",
            psychological: "事故画面闪回、回避、过度警觉，符合事故后的急性应激表现；担心自身安全。",
            social: "丈夫在外地务工，独自带读初中的女儿；与受伤工友是多年好友，常去探望。",
            risk: RiskLevel::Medium,
            screening: "否认自伤、自杀意念；PCL-5 初评38分，需持续跟进。",
            needs: "创伤后的情绪稳定；安全返岗；了解工伤与安全生产权益。",
            strengths: "坚韧、责任心强；车间同事与工会支持；愿意按计划练习。",
            who5: Some(24),
        }),
        plan: Some(Plan {
            goals: &[
                Goal {
                    description: "减轻闪回与夜间惊醒",
                    indicator: "夜间惊醒降至每周1次以下",
                    target_in_days: -20,
                },
                Goal {
                    description: "逐步恢复冲压岗位工作",
                    indicator: "能在同事陪同下完成完整班次",
                    target_in_days: -15,
                },
            ],
            services: "创伤知情的个案辅导（稳定化、“安全岛”练习、渐进暴露）；与车间安全员联合开展安全培训。",
            frequency: "每周一次，每次60分钟",
            agreed_days_ago: Some(80),
        }),
        sessions: &[
            Session {
                days_ago: 75,
                minutes: 60,
                mode: SessionMode::FaceToFace,
                participants: "案主",
                notes: "建立关系，讲解创伤后的常见反应；练习“安全岛”想象。",
                services: "心理教育；稳定化练习",
            },
            Session {
                days_ago: 61,
                minutes: 60,
                mode: SessionMode::FaceToFace,
                participants: "案主、车间安全员",
                notes: "巩固情绪稳定技术；与安全员一起查看冲床新加装的光电防护装置。",
                services: "稳定化练习；安全培训",
            },
            Session {
                days_ago: 47,
                minutes: 60,
                mode: SessionMode::FaceToFace,
                participants: "案主",
                notes: "渐进暴露：在车间门外听机器声5分钟，主观困扰由8分降至4分。",
                services: "渐进暴露",
            },
            Session {
                days_ago: 33,
                minutes: 90,
                mode: SessionMode::FaceToFace,
                participants: "案主、车间同事",
                notes: "陪同进入车间完成半个班次；谈到受伤工友时案主说“他也希望我好好的”。",
                services: "渐进暴露；哀伤与关系的处理",
            },
        ],
        closure: Some(Closure {
            attainment: &[1, 1],
            who5: 52,
            satisfaction: 4,
            summary: "夜间惊醒由每周3-4次降至每两周1次，已能在同事陪同下完成完整班次。WHO-5 由24升至52。",
            follow_up: "一个月后电话回访；厂工会主席留意其情绪变化，如有反复可重新申请服务。",
        }),
        detour: Some(Detour::SendBack {
            reason: "结案前请补一次她独立完成班次后的评估会谈，确认已不需要陪同。",
            session: Session {
                days_ago: 19,
                minutes: 45,
                mode: SessionMode::FaceToFace,
                participants: "案主",
                notes: "已独立完成两个完整班次，自评紧张程度2/10；PCL-5 复评17分。双方同意结案。",
                services: "结案评估",
            },
        }),
        close_early: None,
    },
    CaseSeed {
        client: SUN_HAO,
        worker: LI,
        stage: CaseStage::Intake,
        details: Details::Counselling {
            concern: CounsellingConcern::Stress,
            screening: "电话中未提及自伤想法；未能完成正式筛查。",
            mode: SessionMode::Phone,
        },
        intake: Intake {
            consent_sensitive: false,
            ..intake(
                IntakeChannel::Hotline,
                Urgency::Routine,
                "来电称快递分拣任务量大，与主管关系紧张，想找人聊聊。",
            )
        },
        assessment: None,
        plan: None,
        sessions: &[],
        closure: None,
        detour: None,
        close_early: Some((
            ClosureReason::ClientUnreachable,
            "约定的面谈未到；两周内三次电话、两次短信均未回复。",
        )),
    },
];
