//! `GET /cases`: the case list, with filters, sort orders and keyset pages.
//!
//! Every filter and the page cursor live in the query string, so a view can be
//! bookmarked and shared. A value that cannot be used (an unknown stage, a
//! malformed date, a damaged cursor) answers 422 with the page and a message
//! beside the filter concerned; nothing is listed then, so that a typo never
//! passes for "no such cases".

use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};

use super::home::staff_page;
use crate::db::case_queries::{
    Cursor, ListFilter, RiskFilter, SortKey, StageFilter, WorkerFilter, agency_staff, list_page,
};
use crate::domain::Role;
use crate::error::AppError;
use crate::views::case_list::{ListError, ListPage, ListParams, case_list};
use crate::web::AppState;

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;
/// Longest free-text search.
const MAX_TEXT: usize = 100;

/// A list request that passed every check.
#[derive(Debug, Clone)]
pub struct ListRequest {
    /// Filters.
    pub filter: ListFilter,
    /// Order.
    pub sort: SortKey,
    /// Where this page starts.
    pub after: Option<Cursor>,
}

/// Checks the typed parameters. `organisation_id` is the user's agency (the
/// only organisation they may filter on today); `staff` the ids the worker
/// filter accepts.
pub fn parse(
    params: &ListParams,
    organisation_id: &str,
    staff: &[(String, String)],
) -> Result<ListRequest, Vec<ListError>> {
    let mut errors = Vec::new();
    let mut fail = |param: &'static str, key: &'static str| {
        errors.push(ListError { param, key });
    };
    let mut filter = ListFilter::default();
    if params.q.chars().count() > MAX_TEXT {
        fail("q", "list-error-text");
    } else if !params.q.is_empty() {
        filter.text = Some(params.q.clone());
    }
    if !params.case_type.is_empty() {
        match params.case_type.parse() {
            Ok(t) => filter.case_type = Some(t),
            Err(_) => fail("case_type", "list-error-type"),
        }
    }
    filter.stage = match params.stage.as_str() {
        "" => StageFilter::Any,
        "open" => StageFilter::Open,
        code => match code.parse() {
            Ok(stage) => StageFilter::Only(stage),
            Err(_) => {
                fail("stage", "list-error-stage");
                StageFilter::Any
            }
        },
    };
    filter.risk = match params.risk.as_str() {
        "" => None,
        "none" => Some(RiskFilter::NotAssessed),
        code => match code.parse() {
            Ok(level) => Some(RiskFilter::Level(level)),
            Err(_) => {
                fail("risk", "list-error-risk");
                None
            }
        },
    };
    filter.worker = match params.worker.as_str() {
        "" => WorkerFilter::Any,
        "none" => WorkerFilter::Unassigned,
        id if staff.iter().any(|(s, _)| s == id) => WorkerFilter::Only(id.to_owned()),
        _ => {
            fail("worker", "list-error-worker");
            WorkerFilter::Any
        }
    };
    if !params.org.is_empty() && params.org != organisation_id {
        fail("org", "list-error-org");
    }
    let mut date = |param: &'static str, text: &str| -> Option<NaiveDate> {
        if text.is_empty() {
            return None;
        }
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|d| (1900..=2200).contains(&d.year()));
        if parsed.is_none() {
            fail(param, "list-error-date");
        }
        parsed
    };
    filter.opened_from = date("from", &params.from);
    filter.opened_to = date("to", &params.to);
    if let (Some(from), Some(to)) = (filter.opened_from, filter.opened_to)
        && from > to
    {
        fail("to", "list-error-period");
    }
    let sort = if params.sort.is_empty() {
        SortKey::default()
    } else {
        SortKey::parse(&params.sort).unwrap_or_else(|| {
            fail("sort", "list-error-sort");
            SortKey::default()
        })
    };
    let after = if params.after.is_empty() {
        None
    } else {
        let cursor = Cursor::decode(sort, &params.after);
        if cursor.is_none() {
            fail("after", "list-error-cursor");
        }
        cursor
    };
    if errors.is_empty() {
        Ok(ListRequest {
            filter,
            sort,
            after,
        })
    } else {
        Err(errors)
    }
}

/// `GET /cases`.
pub async fn list(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let (ctx, scope) = match staff_page(&mut parts, &state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // Pairs rather than a struct: any query string reads, and every value is
    // checked by `parse`, which can say what is wrong with it.
    let pairs = Query::<Vec<(String, String)>>::from_request_parts(&mut parts, &state)
        .await
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let params = ListParams::from_pairs(&pairs);
    let organisation_id = ctx.who.organisation_id.clone();
    let typed = params.clone();
    let loaded = state
        .db
        .run(move |conn| {
            let staff = agency_staff(conn, &organisation_id, true)?;
            let page = match parse(&typed, &organisation_id, &staff) {
                Ok(req) => Ok(list_page(
                    conn,
                    &scope,
                    &req.filter,
                    req.sort,
                    req.after.as_ref(),
                    PAGE_SIZE,
                )?),
                Err(errors) => Err(errors),
            };
            Ok((staff, page))
        })
        .await;
    let (staff, page) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return AppError::from(e).into_response(),
    };
    let (rows, next, errors, status) = match page {
        Ok((rows, next)) => (rows, next, Vec::new(), StatusCode::OK),
        Err(errors) => (Vec::new(), None, errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let l = ctx.l;
    let content = case_list(
        l,
        &ListPage {
            params: &params,
            errors: &errors,
            rows: &rows,
            next: next.map(|c| c.encode()),
            staff: &staff,
            organisation: (&ctx.who.organisation_id, &ctx.who.organisation_name),
            supervisor: ctx.who.role == Role::Supervisor,
        },
    );
    (status, ctx.render(&l.text("list-title"), content)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ListParams {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListParams::from_pairs(&owned)
    }

    fn problems(p: &ListParams) -> Vec<&'static str> {
        let staff = [("w1".to_owned(), "Li".to_owned())];
        parse(p, "org", &staff)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.param)
            .collect()
    }

    #[test]
    fn good_parameters_parse() {
        let p = params(&[
            ("stage", "open"),
            ("risk", "high"),
            ("worker", "w1"),
            ("from", "2026-01-01"),
            ("to", "2026-12-31"),
            ("sort", "risk"),
            ("q", "50%"),
        ]);
        let req = parse(&p, "org", &[("w1".into(), "Li".into())]).unwrap();
        assert_eq!(req.filter.stage, StageFilter::Open);
        assert_eq!(req.filter.worker, WorkerFilter::Only("w1".into()));
        assert_eq!(req.sort, SortKey::Risk);
        assert_eq!(req.filter.text.as_deref(), Some("50%"));
    }

    #[test]
    fn bad_parameters_are_named() {
        assert_eq!(problems(&params(&[("stage", "Intake")])), ["stage"]);
        assert_eq!(problems(&params(&[("case_type", "x")])), ["case_type"]);
        assert_eq!(problems(&params(&[("risk", "extreme")])), ["risk"]);
        assert_eq!(problems(&params(&[("worker", "w2")])), ["worker"]);
        assert_eq!(problems(&params(&[("org", "other")])), ["org"]);
        assert_eq!(problems(&params(&[("from", "2026-02-30")])), ["from"]);
        assert_eq!(problems(&params(&[("to", "yesterday")])), ["to"]);
        assert_eq!(
            problems(&params(&[("from", "2026-05-01"), ("to", "2026-04-01")])),
            ["to"]
        );
        assert_eq!(problems(&params(&[("sort", "name")])), ["sort"]);
        assert_eq!(problems(&params(&[("after", "zzz")])), ["after"]);
        assert_eq!(problems(&params(&[("q", &"x".repeat(101))])), ["q"]);
    }

    #[test]
    fn links_carry_the_filters() {
        let p = params(&[("stage", "open"), ("q", "王 芳&x"), ("flash", "saved")]);
        assert_eq!(
            p.link(None),
            "/cases?q=%E7%8E%8B%20%E8%8A%B3%26x&stage=open"
        );
        assert_eq!(
            p.link(Some("1~a")),
            "/cases?q=%E7%8E%8B%20%E8%8A%B3%26x&stage=open&after=1~a"
        );
    }
}
