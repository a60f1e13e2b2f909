//! The evaluation report's fixture: cases written straight into the tables with
//! chosen times, so that every figure of the report can be worked out by hand.
//!
//! Times are UTC. The installation's zone is Asia/Shanghai (UTC+8), so `at(day)`
//! (04:00 UTC) is noon of that local day.

use casework::db::schema::{
    assessment_records, case_transitions, cases, clients, closure_records, goals, intake_records,
    outbound_referrals, referrals, resources,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};

/// Noon, local time, of a day (`2026-03-05`).
pub fn at(day: &str) -> NaiveDateTime {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(4, 0, 0)
        .unwrap()
}

/// A UTC time (`2026-02-28 17:00`).
pub fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// One case as the fixture describes it.
pub struct CaseSpec<'a> {
    pub case_type: &'a str,
    pub channel: Option<&'a str>,
    pub agency: &'a str,
    pub team: Option<&'a str>,
    pub worker: Option<&'a str>,
    pub client_union: Option<&'a str>,
    pub opened: NaiveDateTime,
    /// (to stage, when): each entry of the log from the stage before. An entry to
    /// the stage the case is in is a plan sent for approval (`submit_plan`), and
    /// the next one its return (`return_plan`), alternately.
    pub moves: Vec<(&'a str, NaiveDateTime)>,
    pub who5: Option<(i32, Option<i32>)>,
    pub closure_reason: Option<&'a str>,
    pub satisfaction: Option<i32>,
    pub goals: Vec<Option<i32>>,
}

impl Default for CaseSpec<'_> {
    fn default() -> Self {
        CaseSpec {
            case_type: "counselling",
            channel: None,
            agency: "",
            team: None,
            worker: None,
            client_union: None,
            opened: at("2026-03-01"),
            moves: Vec::new(),
            who5: None,
            closure_reason: None,
            satisfaction: None,
            goals: Vec::new(),
        }
    }
}

fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Inserts a case with its client, records, goals and transition log; returns its id.
pub fn insert_case(app: &TestApp, fx: &Fixture, spec: CaseSpec<'_>) -> String {
    let case_id = id();
    let client_id = id();
    let author = fx.supervisor.clone();
    app.with_conn(|c| {
        diesel::insert_into(clients::table)
            .values((
                clients::id.eq(&client_id),
                clients::full_name.eq("测试服务对象"),
                clients::union_member.eq(spec.client_union.is_some()),
                clients::union_id.eq(spec.client_union),
                clients::special_groups.eq(""),
                clients::created_by.eq(&author),
                clients::created_at.eq(spec.opened),
                clients::updated_at.eq(spec.opened),
            ))
            .execute(c)
            .unwrap();
        let stage = spec.moves.last().map_or("intake", |m| m.0);
        let closed_at = spec.moves.last().filter(|m| m.0 == "closed").map(|m| m.1);
        let updated = spec.moves.last().map_or(spec.opened, |m| m.1);
        diesel::insert_into(cases::table)
            .values((
                cases::id.eq(&case_id),
                cases::reference.eq(format!("CW-T-{}", &case_id[..8])),
                cases::case_type.eq(spec.case_type),
                cases::client_id.eq(&client_id),
                cases::organisation_id.eq(spec.agency),
                cases::team_id.eq(spec.team),
                cases::assigned_worker_id.eq(spec.worker),
                cases::stage.eq(stage),
                cases::version.eq(1 + spec.moves.len() as i64),
                cases::created_by.eq(&author),
                cases::opened_at.eq(spec.opened),
                cases::updated_at.eq(updated),
                cases::closed_at.eq(closed_at),
            ))
            .execute(c)
            .unwrap();
        diesel::insert_into(intake_records::table)
            .values((
                intake_records::case_id.eq(&case_id),
                intake_records::channel.eq(spec.channel),
                intake_records::updated_by.eq(&author),
                intake_records::updated_at.eq(spec.opened),
            ))
            .execute(c)
            .unwrap();
        let mut from = "intake";
        let mut entered = spec.opened;
        let mut submitted = false;
        for (i, (to, when)) in spec.moves.iter().enumerate() {
            let transition = match (from, *to) {
                (a, b) if a == b => {
                    submitted = !submitted;
                    if submitted {
                        "submit_plan"
                    } else {
                        "return_plan"
                    }
                }
                ("closure", "closed") => "approve_closure",
                (_, "closed") => "close_early",
                _ => "advance",
            };
            diesel::insert_into(case_transitions::table)
                .values((
                    case_transitions::id.eq(id()),
                    case_transitions::case_id.eq(&case_id),
                    case_transitions::version_after.eq(2 + i as i64),
                    case_transitions::transition.eq(transition),
                    case_transitions::from_stage.eq(from),
                    case_transitions::to_stage.eq(*to),
                    case_transitions::actor_id.eq(&author),
                    case_transitions::closure_reason
                        .eq(spec.closure_reason.filter(|_| transition == "close_early")),
                    case_transitions::occurred_at.eq(*when),
                    case_transitions::stage_entered_at.eq(entered),
                ))
                .execute(c)
                .unwrap();
            if from != *to {
                entered = *when;
            }
            from = to;
        }
        if let Some((baseline, _)) = spec.who5 {
            diesel::insert_into(assessment_records::table)
                .values((
                    assessment_records::case_id.eq(&case_id),
                    assessment_records::who5_baseline.eq(baseline),
                    assessment_records::updated_by.eq(&author),
                    assessment_records::updated_at.eq(spec.opened),
                ))
                .execute(c)
                .unwrap();
        }
        if stage == "closed" {
            diesel::insert_into(closure_records::table)
                .values((
                    closure_records::case_id.eq(&case_id),
                    closure_records::reason.eq(spec.closure_reason),
                    closure_records::who5_closing.eq(spec.who5.and_then(|w| w.1)),
                    closure_records::satisfaction.eq(spec.satisfaction),
                    closure_records::updated_by.eq(&author),
                    closure_records::updated_at.eq(updated),
                ))
                .execute(c)
                .unwrap();
        }
        for (i, attainment) in spec.goals.iter().enumerate() {
            diesel::insert_into(goals::table)
                .values((
                    goals::id.eq(id()),
                    goals::case_id.eq(&case_id),
                    goals::position.eq(i as i32),
                    goals::description.eq(format!("目标 {i}")),
                    goals::attainment.eq(*attainment),
                    goals::created_at.eq(spec.opened),
                ))
                .execute(c)
                .unwrap();
        }
        // Written around `transitions::apply`: the report's stays and closings
        // are made from the log and records, as after the migration.
        casework::db::evaluation::snapshots::rebuild(c).unwrap();
    });
    case_id
}

/// A referral in: `union` is `None` for an online self-referral.
pub fn insert_referral(
    app: &TestApp,
    fx: &Fixture,
    agency: &str,
    union: Option<&str>,
    status: &str,
    case_id: Option<&str>,
    created: NaiveDateTime,
) {
    app.with_conn(|c| {
        diesel::insert_into(referrals::table)
            .values((
                referrals::id.eq(id()),
                referrals::source.eq(if union.is_some() { "union" } else { "self" }),
                referrals::union_id.eq(union),
                referrals::referred_by.eq(union.map(|_| fx.officer.clone())),
                referrals::agency_id.eq(agency),
                referrals::member_name.eq("会员"),
                referrals::concern.eq("x"),
                referrals::urgency.eq("soon"),
                referrals::consent_by.eq("会员"),
                referrals::consent_on.eq(created.date()),
                referrals::status.eq(status),
                referrals::case_id.eq(case_id),
                referrals::version.eq(1),
                referrals::created_at.eq(created),
                referrals::updated_at.eq(created),
            ))
            .execute(c)
            .unwrap();
    });
}

/// A resource of the directory; returns its id.
pub fn insert_resource(app: &TestApp, name: &str, category: &str) -> String {
    let rid = id();
    app.with_conn(|c| {
        diesel::insert_into(resources::table)
            .values((
                resources::id.eq(&rid),
                resources::name.eq(name),
                resources::category.eq(category),
                resources::active.eq(true),
                resources::created_at.eq(at("2026-01-01")),
                resources::updated_at.eq(at("2026-01-01")),
            ))
            .execute(c)
            .unwrap();
    });
    rid
}

/// A referral out from a case to a resource.
pub fn insert_referral_out(
    app: &TestApp,
    fx: &Fixture,
    case_id: &str,
    resource: &str,
    when: NaiveDateTime,
) {
    app.with_conn(|c| {
        diesel::insert_into(outbound_referrals::table)
            .values((
                outbound_referrals::id.eq(id()),
                outbound_referrals::case_id.eq(case_id),
                outbound_referrals::resource_id.eq(resource),
                outbound_referrals::request.eq("x"),
                outbound_referrals::status.eq("sent"),
                outbound_referrals::referred_by.eq(&fx.worker),
                outbound_referrals::referred_at.eq(when),
                outbound_referrals::updated_by.eq(&fx.worker),
                outbound_referrals::updated_at.eq(when),
            ))
            .execute(c)
            .unwrap();
    });
}

/// A union below another, with an officer; returns (union id, officer id).
pub fn child_union(app: &TestApp, parent: &str, name: &str) -> (String, String) {
    app.with_conn(|c| {
        let union = casework::db::organisations::insert_organisation(
            c,
            name,
            casework::domain::vocab::OrganisationKind::GrassrootsUnion,
            Some(parent),
        )
        .unwrap();
        let officer = casework::db::organisations::insert_user(
            c,
            &union.id,
            "基层干部",
            casework::domain::Role::UnionOfficer,
        )
        .unwrap()
        .id;
        (union.id, officer)
    })
}
