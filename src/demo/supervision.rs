//! The supervisor's part of the demo: notes on a worker's records, a case handed
//! to a colleague, and a few cases whose dates put them on the oversight screen's
//! alert list (together with the plans and closures that wait for approval, which
//! the workflow itself leaves in the supervisor's queue).
//!
//! Notes and the reassignment go through the model functions, as everything else
//! in the demo. Ageing is the one exception: a demo loaded today has every record
//! saved today, so [`age`] moves a case's own timestamps back by some days, as if
//! it had been opened and written then. It touches only tables that may change
//! (never the transition log or the audit trail) and only cases that have not
//! moved since intake or whose alerts do not read the log.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::build::World;
use super::seeds::{EMILY, SUPERVISOR};
use crate::db::cases::Case;
use crate::db::schema::{
    approval_requests, assessment_records, cases, closure_records, contract_records, goals,
    intake_records, sessions,
};
use crate::db::supervision::{assignments, notes};
use crate::db::{DbConnection, StoreResult};
use crate::domain::vocab::{CaseStage, CaseType};

/// Moves a case's own timestamps `days` back (see the module documentation).
fn age(conn: &mut DbConnection, case_id: &str, days: i64) -> StoreResult<()> {
    let back = |t: NaiveDateTime| t - TimeDelta::days(days);
    let (opened, updated): (NaiveDateTime, NaiveDateTime) = cases::table
        .find(case_id)
        .select((cases::opened_at, cases::updated_at))
        .first(conn)?;
    diesel::update(cases::table.find(case_id))
        .set((
            cases::opened_at.eq(back(opened)),
            cases::updated_at.eq(back(updated)),
        ))
        .execute(conn)?;
    macro_rules! shift {
        ($table:ident, $key:ident, $column:ident) => {
            let rows: Vec<(String, NaiveDateTime)> = $table::table
                .filter($table::case_id.eq(case_id))
                .select(($table::$key, $table::$column))
                .load(conn)?;
            for (key, at) in rows {
                diesel::update($table::table.filter($table::$key.eq(key)))
                    .set($table::$column.eq(back(at)))
                    .execute(conn)?;
            }
        };
    }
    shift!(intake_records, case_id, updated_at);
    shift!(assessment_records, case_id, updated_at);
    shift!(contract_records, case_id, updated_at);
    shift!(closure_records, case_id, updated_at);
    shift!(goals, id, created_at);
    shift!(sessions, id, recorded_at);
    shift!(approval_requests, case_id, requested_at);
    let consent: Option<Option<NaiveDateTime>> = intake_records::table
        .find(case_id)
        .select(intake_records::consent_recorded_at)
        .first(conn)
        .optional()?;
    if let Some(Some(at)) = consent {
        diesel::update(intake_records::table.find(case_id))
            .set(intake_records::consent_recorded_at.eq(back(at)))
            .execute(conn)?;
    }
    Ok(())
}

/// The first demo case of a type in a stage (not closed early).
fn find(built: &[Case], case_type: CaseType, stage: CaseStage) -> Option<&Case> {
    built
        .iter()
        .find(|c| c.case_type == case_type.as_str() && c.stage == stage.as_str())
}

/// Adds the supervisor's notes, one reassignment and the ageing behind the alerts.
pub(super) fn apply(conn: &mut DbConnection, world: &World, built: &[Case]) -> StoreResult<()> {
    let supervisor = &world.staff[SUPERVISOR].id;
    let at = crate::db::now();

    // Supervision notes on a case in intervention: on the assessment and the last session.
    if let Some(case) = find(built, CaseType::Counselling, CaseStage::Intervention) {
        notes::add_note(
            conn,
            case,
            notes::NewNote {
                target_kind: "assessment".into(),
                target_id: None,
                body: "风险筛查写得很清楚。建议在下次会谈时复评 WHO-5，并把睡眠情况单独记录，便于结案时对比。".into(),
            },
            supervisor,
            at,
        )?;
        let last_session: Option<String> = sessions::table
            .filter(sessions::case_id.eq(&case.id))
            .order(sessions::held_on.desc())
            .select(sessions::id)
            .first(conn)
            .optional()?;
        if let Some(session) = last_session {
            notes::add_note(
                conn,
                case,
                notes::NewNote {
                    target_kind: "session".into(),
                    target_id: Some(session),
                    body: "进展明显。下次请和案主一起回顾目标二的指标，讨论是否需要调整服务频率。"
                        .into(),
                },
                supervisor,
                at,
            )?;
        }
    }

    // A case handed to a colleague (the original worker's caseload is full).
    if let Some(case) = find(built, CaseType::Counselling, CaseStage::Assessment) {
        assignments::reassign(
            conn,
            &case.id,
            case.version,
            assignments::Reassign {
                worker_id: world.staff[EMILY].id.clone(),
                reason: Some("李晓梅本月个案量已满，由 Emily Chen 接手完成预估。".into()),
            },
            supervisor,
            at,
        )?;
    }

    // Alerts: an intake waiting five days; a plan untouched for sixteen days; a
    // high-risk case whose last session was nine days ago (seeded so).
    if let Some(case) = find(built, CaseType::LabourDispute, CaseStage::Intake) {
        age(conn, &case.id, 5)?;
    }
    if let Some(case) = find(built, CaseType::Counselling, CaseStage::Contract) {
        age(conn, &case.id, 16)?;
    }
    if let Some(case) = find(built, CaseType::LabourDispute, CaseStage::Intervention) {
        age(conn, &case.id, 8)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::db::case_queries::CaseScope;
    use crate::db::schema::{supervision_notes, team_members, users};
    use crate::db::supervision::{approvals, oversight};
    use crate::db::{DatabaseUrl, Db, PoolSettings, migrations};
    use crate::domain::supervision::{AlertKind, AlertThresholds, ApprovalKind};
    use diesel::prelude::*;

    /// The demo supervisor finds plans and closures to approve and every kind of alert.
    #[test]
    fn the_demo_supervisor_has_work() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("demo.db"));
        let db = Db::connect(
            &url,
            &PoolSettings {
                max_size: 2,
                acquire_timeout: Duration::from_secs(10),
            },
        )
        .unwrap();
        migrations::run_pending(&mut db.get().unwrap()).unwrap();
        crate::demo::load(&db, false).unwrap();
        let mut conn = db.get().unwrap();
        let (id, org): (String, String) = users::table
            .filter(users::username.eq("wangjianguo"))
            .select((users::id, users::organisation_id))
            .first(&mut *conn)
            .unwrap();
        let teams: Vec<String> = team_members::table
            .filter(team_members::user_id.eq(&id))
            .select(team_members::team_id)
            .load(&mut *conn)
            .unwrap();
        let scope = CaseScope {
            organisation_id: org,
            team_ids: teams,
            include_unteamed: true,
            viewer_id: id,
        };
        let queue = approvals::queue(&mut conn, &scope, 100).unwrap();
        assert!(
            queue.iter().any(|q| q.kind == ApprovalKind::Plan),
            "{queue:?}"
        );
        assert!(
            queue.iter().any(|q| q.kind == ApprovalKind::Closure),
            "{queue:?}"
        );
        let (alerts, _) = oversight::alerts(
            &mut conn,
            &scope,
            AlertThresholds::default(),
            crate::db::now(),
        )
        .unwrap();
        for kind in AlertKind::ALL {
            assert!(
                alerts.iter().any(|a| a.kind == *kind),
                "no {kind} alert: {alerts:?}"
            );
        }
        let notes: i64 = supervision_notes::table
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(notes, 2);
    }
}
