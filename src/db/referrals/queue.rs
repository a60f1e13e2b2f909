//! An agency's intake queue: open referrals, most urgent first, then oldest,
//! ordered and paged by the database.
//!
//! The order comes from SQL (`urgency_rank DESC, created_at, id`, the index
//! `referrals_agency_queue`) and pages continue after the last row shown (a
//! keyset cursor), so however many referrals are open, an emergency is on the
//! first page and every referral is on some page. Sorting a limited list in
//! memory would hide whatever falls beyond the limit.

use diesel::prelude::*;

use super::{Referral, ReferralRow, rows};
use crate::db::case_queries::{Cursor, SortKey};
use crate::db::schema::referrals;
use crate::db::{DbConnection, StoreResult};
use crate::domain::referral::ReferralStatus;

/// Rows on one page of the queue.
pub const QUEUE_PAGE: i64 = 50;

/// One page of the queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The referrals on this page, in queue order.
    pub rows: Vec<ReferralRow>,
    /// Where the next page starts (the `after` parameter), if there is one.
    pub next: Option<String>,
    /// How many referrals are open at the agency (one count over the index).
    pub waiting: i64,
}

/// The statuses of a referral waiting for the agency.
fn open() -> [&'static str; 2] {
    [
        ReferralStatus::Received.as_str(),
        ReferralStatus::InfoRequested.as_str(),
    ]
}

/// Reads a page position from the URL; `None` for anything this queue did not
/// write (the case list's risk cursor has the same shape: rank, time, id).
pub fn decode_after(text: &str) -> Option<Cursor> {
    Cursor::decode(SortKey::Risk, text)
}

/// The page of `agency_id`'s queue after `after` (the first page without one).
pub fn agency_queue(
    conn: &mut DbConnection,
    agency_id: &str,
    after: Option<&Cursor>,
) -> StoreResult<QueuePage> {
    let mut query = referrals::table
        .filter(referrals::agency_id.eq(agency_id.to_owned()))
        .filter(referrals::status.eq_any(open()))
        .into_boxed();
    if let Some(Cursor::Risk { rank, at, id }) = after {
        let rank = i32::from(*rank);
        query = query.filter(
            referrals::urgency_rank
                .lt(rank)
                .or(referrals::urgency_rank.eq(rank).and(
                    referrals::created_at.gt(*at).or(referrals::created_at
                        .eq(*at)
                        .and(referrals::id.gt(id.clone()))),
                )),
        );
    }
    let mut found: Vec<Referral> = query
        .order((
            referrals::urgency_rank.desc(),
            referrals::created_at.asc(),
            referrals::id.asc(),
        ))
        .limit(QUEUE_PAGE + 1)
        .select(Referral::as_select())
        .load(conn)?;
    let next = if found.len() as i64 > QUEUE_PAGE {
        found.truncate(QUEUE_PAGE as usize);
        found.last().map(|r| {
            Cursor::Risk {
                rank: u8::try_from(r.urgency_rank).unwrap_or(0),
                at: r.created_at,
                id: r.id.clone(),
            }
            .encode()
        })
    } else {
        None
    };
    let waiting = referrals::table
        .filter(referrals::agency_id.eq(agency_id))
        .filter(referrals::status.eq_any(open()))
        .count()
        .get_result(conn)?;
    Ok(QueuePage {
        rows: rows(conn, found)?,
        next,
        waiting,
    })
}
