//! The case list: filters, four sort orders and keyset pages.
//!
//! A page is found from the last row of the page before (the [`Cursor`]), never
//! with OFFSET: the database starts reading the index where the last page
//! stopped, so every page costs the same however deep, and rows added or changed
//! meanwhile never make a page skip or repeat a row of the same snapshot order.
//! The indexes are in `migrations/*/2026-11-23-000003_list_indexes`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl;
use diesel::prelude::*;

use super::cursor::{Cursor, SortKey};
use super::{CaseScope, like_pattern, lower, risk_of_rank};
use crate::db::schema::{cases, clients, users};
use crate::db::{DbConnection, StoreResult};
use crate::domain::vocab::{CaseStage, CaseType, RiskLevel};
use crate::local_time;

/// Most rows one page may hold.
pub const MAX_PAGE: i64 = 100;

/// Which stages to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StageFilter {
    /// Every stage, closed included.
    #[default]
    Any,
    /// Every stage but closed.
    Open,
    /// One stage.
    Only(CaseStage),
}

/// Which risk levels to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFilter {
    /// One assessed level.
    Level(RiskLevel),
    /// Cases not assessed yet.
    NotAssessed,
}

/// Whose cases to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum WorkerFilter {
    /// Anyone's, or no one's.
    #[default]
    Any,
    /// Cases nobody has taken yet.
    Unassigned,
    /// Cases assigned to this user.
    Only(String),
}

/// The filters of the case list; all optional, all combined with AND.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only this type.
    pub case_type: Option<CaseType>,
    /// Stages.
    pub stage: StageFilter,
    /// Risk.
    pub risk: Option<RiskFilter>,
    /// Assigned worker.
    pub worker: WorkerFilter,
    /// Opened on or after this day (UTC).
    pub opened_from: Option<NaiveDate>,
    /// Opened on or before this day (UTC).
    pub opened_to: Option<NaiveDate>,
    /// Text found in the client's name or phone, or in the case reference.
    pub text: Option<String>,
}

/// One row of the case list.
#[derive(Debug, Clone, Queryable)]
pub struct CaseRow {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Case type code.
    pub case_type: String,
    /// Stage code.
    pub stage: String,
    /// Risk level code, once assessed.
    pub risk_level: Option<String>,
    /// The client's name.
    pub client_name: String,
    /// The assigned worker's name.
    pub worker_name: Option<String>,
    /// Opened.
    pub opened_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

type Backend = <DbConnection as diesel::Connection>::Backend;
type ListSource = dsl::LeftJoinOn<
    dsl::InnerJoin<cases::table, clients::table>,
    users::table,
    dsl::Eq<cases::assigned_worker_id, dsl::Nullable<users::id>>,
>;
type BoxedList = dsl::IntoBoxed<'static, ListSource, Backend>;

/// The scoped, filtered query, before order and cursor.
fn filtered(scope: &CaseScope, filter: &ListFilter) -> BoxedList {
    let query = cases::table
        .inner_join(clients::table)
        .left_join(users::table.on(cases::assigned_worker_id.eq(users::id.nullable())))
        .into_boxed();
    let mut query = in_scope!(query, scope);
    if let Some(case_type) = filter.case_type {
        query = query.filter(cases::case_type.eq(case_type.as_str()));
    }
    match filter.stage {
        StageFilter::Any => {}
        StageFilter::Open => query = query.filter(cases::stage.ne(CaseStage::Closed.as_str())),
        StageFilter::Only(stage) => query = query.filter(cases::stage.eq(stage.as_str())),
    }
    match filter.risk {
        None => {}
        Some(RiskFilter::Level(level)) => {
            query = query.filter(cases::risk_level.eq(level.as_str()));
        }
        Some(RiskFilter::NotAssessed) => query = query.filter(cases::risk_level.is_null()),
    }
    match &filter.worker {
        WorkerFilter::Any => {}
        WorkerFilter::Unassigned => query = query.filter(cases::assigned_worker_id.is_null()),
        WorkerFilter::Only(id) => query = query.filter(cases::assigned_worker_id.eq(id.clone())),
    }
    if let Some(from) = filter.opened_from {
        query = query.filter(cases::opened_at.ge(local_time::start_of_local_day(from)));
    }
    if let Some(end) = filter.opened_to.and_then(local_time::end_of_local_day) {
        query = query.filter(cases::opened_at.lt(end));
    }
    if let Some(text) = filter.text.as_deref() {
        // Names and references ignore case; phone numbers have none.
        let pattern = like_pattern(&text.to_lowercase());
        query = query.filter(
            lower(clients::full_name)
                .like(pattern.clone())
                .escape('\\')
                .or(clients::phone.like(pattern.clone()).escape('\\'))
                .or(lower(cases::reference).like(pattern).escape('\\')),
        );
    }
    query
}

/// One page of the list: at most `limit` rows after `after`, and the cursor of
/// the next page when there is one (found by reading one row more than shown).
pub fn list_page(
    conn: &mut DbConnection,
    scope: &CaseScope,
    filter: &ListFilter,
    sort: SortKey,
    after: Option<&Cursor>,
    limit: i64,
) -> StoreResult<(Vec<CaseRow>, Option<Cursor>)> {
    let limit = limit.clamp(1, MAX_PAGE);
    let wanted = limit + 1;
    let mut rows = match sort {
        SortKey::Updated | SortKey::Opened => time_page(conn, scope, filter, sort, after, wanted)?,
        SortKey::Reference => {
            let mut query = filtered(scope, filter);
            if let Some(Cursor::Reference(reference)) = after {
                query = query.filter(cases::reference.gt(reference.clone()));
            }
            query
                .order(cases::reference.asc())
                .limit(wanted)
                .select(row_columns())
                .load(conn)?
        }
        SortKey::Risk => risk_page(conn, scope, filter, after, wanted)?,
    };
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| Cursor::after(sort, row))
    } else {
        None
    };
    Ok((rows, next))
}

type RowColumns = (
    cases::id,
    cases::reference,
    cases::case_type,
    cases::stage,
    cases::risk_level,
    clients::full_name,
    dsl::Nullable<users::display_name>,
    cases::opened_at,
    cases::updated_at,
);

fn row_columns() -> RowColumns {
    (
        cases::id,
        cases::reference,
        cases::case_type,
        cases::stage,
        cases::risk_level,
        clients::full_name,
        users::display_name.nullable(),
        cases::opened_at,
        cases::updated_at,
    )
}

fn time_page(
    conn: &mut DbConnection,
    scope: &CaseScope,
    filter: &ListFilter,
    sort: SortKey,
    after: Option<&Cursor>,
    wanted: i64,
) -> StoreResult<Vec<CaseRow>> {
    let mut query = filtered(scope, filter);
    let cursor = match after {
        Some(Cursor::Time { at, id }) => Some((*at, id.clone())),
        _ => None,
    };
    // `t <= at AND (t < at OR id < last id)`: the first term lets the index start
    // at the cursor, the second breaks ties between equal times.
    if sort == SortKey::Opened {
        if let Some((at, id)) = cursor {
            query = query
                .filter(cases::opened_at.le(at))
                .filter(cases::opened_at.lt(at).or(cases::id.lt(id)));
        }
        query = query.order((cases::opened_at.desc(), cases::id.desc()));
    } else {
        if let Some((at, id)) = cursor {
            query = query
                .filter(cases::updated_at.le(at))
                .filter(cases::updated_at.lt(at).or(cases::id.lt(id)));
        }
        query = query.order((cases::updated_at.desc(), cases::id.desc()));
    }
    Ok(query.limit(wanted).select(row_columns()).load(conn)?)
}

/// Risk order as one indexed query per level, from the cursor's level down:
/// sorting on a computed rank could not use an index, five short range reads can.
fn risk_page(
    conn: &mut DbConnection,
    scope: &CaseScope,
    filter: &ListFilter,
    after: Option<&Cursor>,
    wanted: i64,
) -> StoreResult<Vec<CaseRow>> {
    let (start, mut cursor) = match after {
        Some(Cursor::Risk { rank, at, id }) => (*rank, Some((*at, id.clone()))),
        _ => (4, None),
    };
    let mut rows: Vec<CaseRow> = Vec::new();
    for rank in (0..=start).rev() {
        let level = risk_of_rank(rank);
        let wanted_here = match filter.risk {
            None => true,
            Some(RiskFilter::Level(l)) => level == Some(l),
            Some(RiskFilter::NotAssessed) => level.is_none(),
        };
        let remaining = wanted - rows.len() as i64;
        if remaining <= 0 {
            break;
        }
        let position = cursor.take();
        if !wanted_here {
            continue;
        }
        let mut query = filtered(scope, filter);
        query = match level {
            Some(level) => query.filter(cases::risk_level.eq(level.as_str())),
            None => query.filter(cases::risk_level.is_null()),
        };
        if let Some((at, id)) = position {
            query = query
                .filter(cases::updated_at.le(at))
                .filter(cases::updated_at.lt(at).or(cases::id.lt(id)));
        }
        rows.extend(
            query
                .order((cases::updated_at.desc(), cases::id.desc()))
                .limit(remaining)
                .select(row_columns())
                .load::<CaseRow>(conn)?,
        );
    }
    Ok(rows)
}
