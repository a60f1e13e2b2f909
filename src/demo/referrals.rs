//! Demo referrals: the Bao'an district union's officer has referred members to the
//! agency (one waiting, one with a question from the worker, one accepted, one
//! declined), and a worker has asked for help through the public form.

use super::build::World;
use super::seeds::{BAOAN, CITY, LI, SUPERVISOR};
use crate::db::referrals;
use crate::db::{DbConnection, StoreResult, cases, records};
use crate::domain::referral::{ReferralInput, SelfReferralInput};
use crate::domain::validation::{IntakeInput, NewCaseInput};
use crate::domain::vocab::{CaseType, Gender, IntakeChannel, Urgency};

/// The officer among the demo accounts.
const OFFICER: usize = 3;

fn input(
    world: &World,
    name: &str,
    gender: Gender,
    concern: &str,
    kind: CaseType,
    urgency: Urgency,
    today: chrono::NaiveDate,
) -> ReferralInput {
    ReferralInput {
        agency_id: world.agency.id.clone(),
        member_name: name.to_owned(),
        member_phone: Some("139-0000-0101".to_owned()),
        member_gender: Some(gender),
        member_birth_year: Some(1988),
        member_employer: Some("宝安区某电子厂".to_owned()),
        contact_time: Some("工作日 18:00 以后".to_owned()),
        concern: concern.to_owned(),
        suggested_type: Some(kind),
        urgency,
        consent_by: "陈志强".to_owned(),
        consent_on: Some(today),
    }
}

/// Adds the city union's service agreement with the agency and the referrals.
pub(super) fn load(
    conn: &mut DbConnection,
    world: &World,
    today: chrono::NaiveDate,
) -> StoreResult<()> {
    referrals::add_agreement(conn, &world.unions[CITY].id, &world.agency.id)?;
    let union = &world.unions[BAOAN].id;
    let officer = &world.staff[OFFICER].id;
    let worker = &world.staff[LI].id;
    let supervisor = &world.staff[SUPERVISOR].id;

    referrals::create_union_referral(
        conn,
        input(
            world,
            "刘洋",
            Gender::Male,
            "连续三个月被拖欠工资，情绪低落，担心被辞退。",
            CaseType::LabourDispute,
            Urgency::Urgent,
            today,
        ),
        union,
        officer,
    )?;
    let asked = referrals::create_union_referral(
        conn,
        input(
            world,
            "何静",
            Gender::Female,
            "与丈夫因照顾老人问题长期争吵，希望有人调解。",
            CaseType::FamilyMediation,
            Urgency::Soon,
            today,
        ),
        union,
        officer,
    )?;
    referrals::request_info(
        conn,
        &asked.id,
        asked.version,
        worker,
        "请问双方是否都愿意参加调解？方便的调解地点？",
    )?;

    let accepted = referrals::create_union_referral(
        conn,
        input(
            world,
            "黄海",
            Gender::Male,
            "工伤后复工困难，经济压力大。",
            CaseType::SpecialGroup,
            Urgency::Soon,
            today,
        ),
        union,
        officer,
    )?;
    let team = world.teams[1].id.clone();
    referrals::accept(
        conn,
        &accepted.id,
        accepted.version,
        supervisor,
        |conn, r| {
            let client = crate::db::clients::insert_client(
                conn,
                crate::domain::validation::ClientInput {
                    full_name: r.member_name.clone(),
                    gender: Some(Gender::Male),
                    birth_year: r.member_birth_year,
                    phone: r.member_phone.clone(),
                    employer: r.member_employer.clone(),
                    union_member: true,
                    union_id: r.union_id.clone(),
                    district: Some("宝安区".to_owned()),
                    special_groups: Vec::new(),
                },
                supervisor,
            )?;
            let case = cases::open_case(
                conn,
                NewCaseInput {
                    case_type: CaseType::SpecialGroup,
                    client_id: client.id,
                    organisation_id: world.agency.id.clone(),
                    team_id: Some(team.clone()),
                    assigned_worker_id: Some(world.staff[1].id.clone()),
                },
                supervisor,
            )?;
            let case = records::save_intake(
                conn,
                &case.id,
                case.version,
                IntakeInput {
                    channel: Some(IntakeChannel::UnionReferral),
                    presenting_problem: Some(r.concern.clone()),
                    urgency: r.urgency.parse().ok(),
                    ..IntakeInput::default()
                },
                supervisor,
            )?;
            Ok(case.id)
        },
    )?;

    let declined = referrals::create_union_referral(
        conn,
        input(
            world,
            "罗小兵",
            Gender::Male,
            "想咨询购房贷款问题。",
            CaseType::SpecialGroup,
            Urgency::Routine,
            today,
        ),
        union,
        officer,
    )?;
    referrals::decline(
        conn,
        &declined.id,
        declined.version,
        supervisor,
        "不属于本机构服务范围，建议咨询银行或住房公积金中心。",
    )?;

    // A worker's own request; its receipt code was shown to them, not kept.
    referrals::create_self_referral(
        conn,
        SelfReferralInput {
            agency_id: world.agency.id.clone(),
            name: "小陈".to_owned(),
            contact: "微信 chen_2026".to_owned(),
            contact_time: Some("中午".to_owned()),
            concern: "夜班太多，睡不好，心里很烦，想找人聊聊。".to_owned(),
            consent: true,
        },
        &crate::domain::referral::code_hash(&crate::db::new_id()),
        &crate::domain::referral::code_hash(&crate::db::new_id()),
        "demo",
    )?;
    Ok(())
}
