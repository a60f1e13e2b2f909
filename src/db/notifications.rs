//! In-app notifications: a referral arrives, is accepted or declined, a case is
//! transferred to you.
//!
//! A notification stores its kind, a label (a case reference or a referral's
//! member alias, never case content) and a link; the sentence is made when it is
//! shown, in the reader's language. Notifications are written in the same
//! transaction as the change they announce.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{notifications, team_members, users};
use super::{DbConnection, StoreResult, new_id, now};
use crate::code_enum;
use crate::domain::Role;

code_enum! {
    /// What a notification announces.
    pub enum NotificationKind {
        ReferralReceived => "referral_received",
        ReferralInfoRequested => "referral_info_requested",
        ReferralInfoAdded => "referral_info_added",
        ReferralAccepted => "referral_accepted",
        ReferralDeclined => "referral_declined",
        TransferRequested => "transfer_requested",
        TransferAccepted => "transfer_accepted",
        TransferDeclined => "transfer_declined",
        CaseAssigned => "case_assigned",
    }
}

/// One stored notification.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = notifications)]
pub struct Notification {
    /// Row id.
    pub id: String,
    /// Who it is for.
    pub user_id: String,
    /// A `NotificationKind` code.
    pub kind: String,
    /// A case reference or a referral's member alias.
    pub label: String,
    /// Where it leads (a path of this application).
    pub link: String,
    /// When it was made.
    pub created_at: NaiveDateTime,
    /// When its reader opened it, if they have.
    pub read_at: Option<NaiveDateTime>,
}

/// Most notifications listed at once.
pub const LIST_LIMIT: i64 = 100;

/// Tells each of `user_ids` about something (duplicates are ignored).
pub fn notify(
    conn: &mut DbConnection,
    user_ids: &[String],
    kind: NotificationKind,
    label: &str,
    link: &str,
) -> StoreResult<()> {
    let at = now();
    let mut seen: Vec<&String> = Vec::new();
    for user_id in user_ids {
        if seen.contains(&user_id) {
            continue;
        }
        seen.push(user_id);
        // One row at a time: MultiConnection has no batch insert for SQLite.
        diesel::insert_into(notifications::table)
            .values(&Notification {
                id: new_id(),
                user_id: user_id.clone(),
                kind: kind.as_str().to_owned(),
                label: label.to_owned(),
                link: link.to_owned(),
                created_at: at,
                read_at: None,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// The active supervisors and social workers of an agency: who hears of a new
/// referral or an incoming transfer.
pub fn agency_staff(conn: &mut DbConnection, agency_id: &str) -> StoreResult<Vec<String>> {
    Ok(users::table
        .filter(users::organisation_id.eq(agency_id))
        .filter(users::disabled_at.is_null())
        .filter(users::role.eq_any([Role::Supervisor.as_str(), Role::SocialWorker.as_str()]))
        .select(users::id)
        .load(conn)?)
}

/// The supervisors of a team.
pub fn team_supervisors(conn: &mut DbConnection, team_id: &str) -> StoreResult<Vec<String>> {
    Ok(team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq(team_id))
        .filter(users::role.eq(Role::Supervisor.as_str()))
        .filter(users::disabled_at.is_null())
        .select(users::id)
        .load(conn)?)
}

/// How many notifications `user_id` has not opened (for the header).
pub fn unread_count(conn: &mut DbConnection, user_id: &str) -> StoreResult<i64> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The newest notifications of `user_id`, unread first.
pub fn list(conn: &mut DbConnection, user_id: &str) -> StoreResult<Vec<Notification>> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order((
            notifications::read_at.is_not_null(),
            notifications::created_at.desc(),
        ))
        .limit(LIST_LIMIT)
        .select(Notification::as_select())
        .load(conn)?)
}

/// Marks one notification of `user_id` read and returns its link; `None` if it is
/// not theirs (someone else's notification is never revealed).
pub fn open(conn: &mut DbConnection, user_id: &str, id: &str) -> StoreResult<Option<String>> {
    let found: Option<Notification> = notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::user_id.eq(user_id))
        .select(Notification::as_select())
        .first(conn)
        .optional()?;
    let Some(n) = found else { return Ok(None) };
    if n.read_at.is_none() {
        diesel::update(notifications::table.find(&n.id))
            .set(notifications::read_at.eq(Some(now())))
            .execute(conn)?;
    }
    Ok(Some(n.link))
}

/// Marks every notification of `user_id` read.
pub fn mark_all_read(conn: &mut DbConnection, user_id: &str) -> StoreResult<usize> {
    Ok(diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)?)
}
