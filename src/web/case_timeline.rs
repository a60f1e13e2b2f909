//! The timeline of a case, as the case page and the case report show it: the
//! opening, every transition, every session, and every record save.

use crate::db::audit::{self, AuditAction, AuditFilter, AuditScope, Outcome};
use crate::db::{DbConnection, StoreResult};
use crate::views::case_page::timeline::{TimelineEvent, TimelineItem};
use crate::web::cases::CaseView;

/// The timeline of `view`'s case, newest first. Access must have been checked.
pub fn load_timeline(conn: &mut DbConnection, view: &CaseView) -> StoreResult<Vec<TimelineItem>> {
    // Record saves come from the audit trail (one query); sessions and transitions
    // come with the view. Session saves are shown from the sessions themselves.
    let filter = AuditFilter {
        case_id: Some(view.case.id.clone()),
        action: Some(AuditAction::CaseUpdate),
        ..AuditFilter::default()
    };
    let saves = audit::search(conn, &AuditScope::All, &filter, audit::MAX_EVENTS)?;
    let c = &view.case;
    let mut timeline = vec![TimelineItem {
        at: c.opened_at,
        actor_id: Some(c.created_by.clone()),
        event: TimelineEvent::Opened,
    }];
    timeline.extend(view.transitions.iter().map(|t| TimelineItem {
        at: t.occurred_at,
        actor_id: Some(t.actor_id.clone()),
        event: TimelineEvent::Moved {
            transition: t.transition.clone(),
            from: t.from_stage.clone(),
            to: t.to_stage.clone(),
            reason: t.reason.clone(),
            closure_reason: t.closure_reason.clone(),
        },
    }));
    timeline.extend(view.records.sessions.iter().map(|s| TimelineItem {
        at: s.recorded_at,
        actor_id: Some(s.recorded_by.clone()),
        event: TimelineEvent::Session {
            held_on: s.held_on,
            minutes: s.duration_minutes,
            mode: s.mode.clone(),
        },
    }));
    timeline.extend(
        saves
            .into_iter()
            .filter(|e| e.outcome == Outcome::Allowed.as_str())
            .filter_map(|e| {
                let section = e.detail.filter(|d| !d.starts_with("session"))?;
                Some(TimelineItem {
                    at: e.occurred_at,
                    actor_id: e.actor_id,
                    event: TimelineEvent::Saved { section },
                })
            }),
    );
    if let Some(referral) = crate::db::referrals::for_case(conn, &c.id)?
        && let Some(row) = crate::db::referrals::rows(conn, vec![referral])?.pop()
    {
        timeline.push(TimelineItem {
            at: row.referral.created_at,
            actor_id: row.referral.referred_by.clone(),
            event: TimelineEvent::Referred {
                referral_id: row.referral.id.clone(),
                union_name: row.union_name,
            },
        });
    }
    timeline.sort_by_key(|t| std::cmp::Reverse(t.at));
    Ok(timeline)
}

/// Everyone the case page or report names: the timeline's actors, the assigned
/// worker, whoever recorded the consents and the sessions, each once.
pub fn mentioned_users(view: &CaseView, timeline: &[TimelineItem]) -> Vec<String> {
    let mut ids: Vec<String> = timeline.iter().filter_map(|t| t.actor_id.clone()).collect();
    ids.extend(view.case.assigned_worker_id.clone());
    ids.extend(
        view.records
            .intake
            .as_ref()
            .and_then(|r| r.consent_recorded_by.clone()),
    );
    ids.extend(view.records.sessions.iter().map(|s| s.recorded_by.clone()));
    ids.extend(view.transitions.iter().map(|t| t.actor_id.clone()));
    ids.sort();
    ids.dedup();
    ids
}
