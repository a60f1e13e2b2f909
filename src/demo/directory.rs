//! The demo's resource directory, a few referrals out on open cases, and one
//! transfer waiting for an answer, so that a new user finds each of them.
//!
//! Written through the same model functions the web layer calls
//! (`db::resources`, `db::outbound`, `db::transfers`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::build::World;
use super::seeds::{LI, STAFF};
use crate::access::Principal;
use crate::db::cases::{Case, find_case};
use crate::db::resources::{self, Resource};
use crate::db::schema;
use crate::db::{DbConnection, StoreResult, outbound, transfers};
use crate::domain::outbound::{
    OutboundReferralInput, OutboundStatus, OutboundUpdateInput, ResourceCategory, ResourceInput,
};
use crate::domain::transfer::TransferRequestInput;
use crate::domain::vocab::{CaseStage, CaseType};

struct ResourceSeed {
    name: &'static str,
    category: ResourceCategory,
    contact: &'static str,
    address: &'static str,
    notes: &'static str,
}

const RESOURCES: &[ResourceSeed] = &[
    ResourceSeed {
        name: "南山区法律援助中心",
        category: ResourceCategory::LegalAid,
        contact: "12348（公共法律服务热线）",
        address: "南山区公共法律服务中心一楼窗口",
        notes: "追索劳动报酬、工伤赔偿的农民工申请法律援助不审查经济困难条件。工作日 9:00–12:00、14:00–18:00。",
    },
    ResourceSeed {
        name: "宝安区劳动人事争议仲裁院",
        category: ResourceCategory::LegalAid,
        contact: "0755-2799 0000（咨询）",
        address: "宝安区新安街道仲裁院立案大厅",
        notes: "劳动争议仲裁立案；可现场咨询立案材料。",
    },
    ResourceSeed {
        name: "深圳市康宁医院心理热线",
        category: ResourceCategory::PsychologicalHotline,
        contact: "心理援助热线（24 小时），号码以医院公布为准",
        address: "罗湖区翠竹路",
        notes: "有自伤、自杀风险时可先电话评估，必要时转精神科门诊或急诊。",
    },
    ResourceSeed {
        name: "南山区人民医院精神心理科",
        category: ResourceCategory::Hospital,
        contact: "门诊预约：医院公众号",
        address: "南山区桃园路",
        notes: "需精神科诊断、药物评估时转介；陪同首诊可提前与科室社工联系。",
    },
    ResourceSeed {
        name: "南山区妇联妇女儿童维权服务站",
        category: ResourceCategory::WomensFederation,
        contact: "12338（妇女维权公益服务热线）",
        address: "南山区妇女儿童活动中心二楼",
        notes: "家庭暴力、婚姻家庭纠纷的咨询与维权；可协助申请人身安全保护令。",
    },
    ResourceSeed {
        name: "南山区人社局就业服务中心",
        category: ResourceCategory::EmploymentTraining,
        contact: "12333（人社服务热线）",
        address: "南山区南山大道人力资源服务大厅",
        notes: "失业登记、职业介绍、就业困难人员认定；每月两场专场招聘会。",
    },
    ResourceSeed {
        name: "深圳市职工技能培训基地（南山）",
        category: ResourceCategory::EmploymentTraining,
        contact: "0755-2666 0000",
        address: "南山区西丽街道",
        notes: "电工、育婴员、电商运营等补贴性培训，持工会会员卡可优先报名。",
    },
    ResourceSeed {
        name: "粤海街道民政救助站",
        category: ResourceCategory::CivilAffairs,
        contact: "街道党群服务中心民政窗口",
        address: "粤海街道办事处一楼",
        notes: "临时救助、最低生活保障申请受理；急难型临时救助可先行救助后补材料。",
    },
    ResourceSeed {
        name: "区总工会困难职工帮扶中心",
        category: ResourceCategory::Other,
        contact: "12351（职工服务热线）",
        address: "南山区职工服务中心",
        notes: "困难职工建档、医疗与助学帮扶、金秋助学。",
    },
];

/// What a referral of each case type asks for, and where it goes.
fn referral_for(case_type: CaseType) -> (ResourceCategory, &'static str) {
    match case_type {
        CaseType::Counselling => (
            ResourceCategory::PsychologicalHotline,
            "睡眠差、情绪低落持续两月，请热线做风险评估，必要时安排精神科门诊。",
        ),
        CaseType::FamilyMediation => (
            ResourceCategory::WomensFederation,
            "服务对象反映曾遭受家庭暴力，请妇联维权站协助了解人身安全保护令的申请。",
        ),
        CaseType::LabourDispute => (
            ResourceCategory::LegalAid,
            "申请法律援助，代理追讨拖欠的三个月工资及经济补偿。",
        ),
        CaseType::SpecialGroup => (
            ResourceCategory::EmploymentTraining,
            "失业登记及职业介绍，优先推荐可兼顾接送孩子的白班岗位。",
        ),
    }
}

/// What came back, for referrals the demo shows as answered.
fn feedback_for(case_type: CaseType) -> &'static str {
    match case_type {
        CaseType::Counselling => "热线已完成电话评估：中度抑郁风险，已预约下周三门诊。",
        CaseType::FamilyMediation => "妇联已受理，维权站律师将于周五面谈。",
        CaseType::LabourDispute => "法律援助中心已受理，指派律师跟进仲裁。",
        CaseType::SpecialGroup => "已办理失业登记，推荐两个物业客服岗位面试。",
    }
}

/// The directory entries, each added once (a forced second load reuses them).
fn directory(conn: &mut DbConnection) -> StoreResult<Vec<Resource>> {
    let mut stored = Vec::new();
    for seed in RESOURCES {
        let existing: Option<String> = schema::resources::table
            .filter(schema::resources::name.eq(seed.name))
            .select(schema::resources::id)
            .first(conn)
            .optional()?;
        stored.push(match existing {
            Some(id) => resources::find(conn, &id)?,
            None => resources::create(
                conn,
                ResourceInput {
                    name: seed.name.to_owned(),
                    category: Some(seed.category),
                    contact: Some(seed.contact.to_owned()),
                    address: Some(seed.address.to_owned()),
                    notes: Some(seed.notes.to_owned()),
                    active: Some(true),
                },
            )?,
        });
    }
    Ok(stored)
}

/// A demo worker as access control sees them (transfers check access themselves).
fn principal(
    conn: &mut DbConnection,
    world: &World,
    staff: usize,
    at: NaiveDateTime,
) -> StoreResult<Principal> {
    let user = &world.staff[staff];
    Ok(Principal {
        user_id: user.id.clone(),
        display_name: user.display_name.clone(),
        organisation_id: user.organisation_id.clone(),
        organisation_name: world.agency.name.clone(),
        role: STAFF[staff].role,
        team_ids: crate::db::accounts::teams_of(conn, &user.id)?,
        client_address: "demo".into(),
        csrf_token: String::new(),
        at,
        unread_notifications: 0,
    })
}

/// What was added.
pub(super) struct Added {
    pub resources: usize,
    pub referrals: usize,
    pub transfers: usize,
}

/// Adds the directory, a referral out on every case in contract, intervention
/// or closure (answered on half of them), and one transfer from 李晓梅 to a
/// colleague that waits on the colleague's `/transfers` screen.
pub(super) fn load(conn: &mut DbConnection, world: &World, cases: &[Case]) -> StoreResult<Added> {
    let directory = directory(conn)?;
    let mut referrals = 0;
    for (i, case) in cases.iter().enumerate() {
        let stage = case.stage()?;
        if !matches!(
            stage,
            CaseStage::Contract | CaseStage::Intervention | CaseStage::Closure
        ) {
            continue;
        }
        let case_type = case.case_type()?;
        let (category, request) = referral_for(case_type);
        let Some(resource) = directory.iter().find(|r| r.category == category.as_str()) else {
            continue;
        };
        let worker = case
            .assigned_worker_id
            .clone()
            .unwrap_or_else(|| case.created_by.clone());
        let current = find_case(conn, &case.id)?;
        let (after, referral) = outbound::refer(
            conn,
            &case.id,
            current.version,
            OutboundReferralInput {
                resource_id: resource.id.clone(),
                request: request.to_owned(),
            },
            &worker,
        )?;
        referrals += 1;
        if i % 2 == 0 || stage == CaseStage::Closure {
            let status = if stage == CaseStage::Closure {
                OutboundStatus::Completed
            } else {
                OutboundStatus::Accepted
            };
            outbound::update(
                conn,
                &case.id,
                &referral.id,
                after.version,
                OutboundUpdateInput {
                    status: Some(status),
                    feedback: Some(feedback_for(case_type).to_owned()),
                },
                &worker,
            )?;
        }
    }
    // One of 李晓梅's cases in intervention, handed to a colleague who covers her team.
    let li = &world.staff[LI];
    let colleague = STAFF
        .iter()
        .position(|s| s.role == crate::domain::Role::SocialWorker && s.name != STAFF[LI].name);
    let mut transfers_added = 0;
    if let (Some(colleague), Some(case)) = (
        colleague,
        cases.iter().find(|c| {
            c.assigned_worker_id.as_deref() == Some(li.id.as_str())
                && c.stage().ok() == Some(CaseStage::Intervention)
        }),
    ) {
        let who = principal(conn, world, LI, crate::db::now())?;
        let current = find_case(conn, &case.id)?;
        transfers::request(
            conn,
            &who,
            &case.id,
            current.version,
            TransferRequestInput {
                to_organisation_id: None,
                to_worker_id: Some(world.staff[colleague].id.clone()),
                reason: "本人下月起休产假三个月，服务对象希望继续由女社工跟进，已征得其同意。"
                    .into(),
            },
        )?;
        transfers_added += 1;
    }
    Ok(Added {
        resources: directory.len(),
        referrals,
        transfers: transfers_added,
    })
}
