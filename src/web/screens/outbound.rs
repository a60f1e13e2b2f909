//! The case page's referrals-out section: `POST /cases/{id}/outbound-referrals`
//! makes one, `POST /cases/{id}/outbound-referrals/{rid}` records how it went.
//!
//! Saves go through the same functions as the JSON API (`web::outbound`):
//! access inside the write transaction, the case version claimed, the audit row
//! in the same transaction. Success returns to the case page; a refused save
//! shows the form on its own with what was typed and why, carrying the case's
//! current version. Access is checked before the body is read.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_page::CaseScreen;
use super::forms::read_checked_form;
use crate::access::CaseAction;
use crate::db::audit::{self, AuditAction, AuditFilter, AuditScope, Outcome};
use crate::db::{DbConnection, StoreError, StoreResult, resources};
use crate::domain::outbound::{OutboundReferralInput, OutboundStatus, OutboundUpdateInput};
use crate::domain::validation::{FieldError, Problem};
use crate::error::AppError;
use crate::views::case_page::timeline::{TimelineEvent, TimelineItem};
use crate::views::outbound::{OutboundPanel, form_page, new_form, update_form};
use crate::views::stage_forms::FormValues;
use crate::web::AppState;
use crate::web::cases::{CaseView, audited_refusal, check_case};
use crate::web::json::IdPath;
use crate::web::outbound::{CaseRecordPath, make, record};
use crate::web::page::PageContext;

/// The section's content for one reader.
pub fn panel(
    conn: &mut DbConnection,
    view: &CaseView,
    may_edit: bool,
) -> StoreResult<OutboundPanel> {
    let may_edit = may_edit && view.case.stage()?.is_open();
    Ok(OutboundPanel {
        referrals: view.outbound_referrals.clone(),
        resources: if may_edit {
            resources::active(conn)?
        } else {
            Vec::new()
        },
        may_edit,
        withheld: view.confidential_withheld,
    })
}

/// Users the section names (who referred, who last updated).
pub fn mentioned(view: &CaseView) -> Vec<String> {
    view.outbound_referrals
        .iter()
        .flat_map(|r| {
            [
                r.referral.referred_by.clone(),
                r.referral.updated_by.clone(),
            ]
        })
        .collect()
}

/// Timeline entries: each referral made (from the referral) and each status
/// recorded (from the audit trail, which keeps every change, not only the last).
pub fn timeline_items(conn: &mut DbConnection, view: &CaseView) -> StoreResult<Vec<TimelineItem>> {
    let mut items: Vec<TimelineItem> = view
        .outbound_referrals
        .iter()
        .map(|r| TimelineItem {
            at: r.referral.referred_at,
            actor_id: Some(r.referral.referred_by.clone()),
            event: TimelineEvent::Referral {
                resource: r.resource_name.clone(),
                status: OutboundStatus::Sent.as_str().to_owned(),
                made: true,
            },
        })
        .collect();
    if view.outbound_referrals.is_empty() {
        return Ok(items);
    }
    let filter = AuditFilter {
        case_id: Some(view.case.id.clone()),
        action: Some(AuditAction::OutboundReferral),
        ..AuditFilter::default()
    };
    for e in audit::search(conn, &AuditScope::All, &filter, audit::MAX_EVENTS)? {
        if e.outcome != Outcome::Allowed.as_str() {
            continue;
        }
        // "referral <id> status <code>"
        let detail = e.detail.unwrap_or_default();
        let mut words = detail.split(' ');
        let (Some("referral"), Some(id), Some("status"), Some(status)) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Some(r) = view.outbound_referrals.iter().find(|r| r.referral.id == id) else {
            continue;
        };
        items.push(TimelineItem {
            at: e.occurred_at,
            actor_id: e.actor_id,
            event: TimelineEvent::Referral {
                resource: r.resource_name.clone(),
                status: status.to_owned(),
                made: false,
            },
        });
    }
    Ok(items)
}

/// Which form was sent.
#[derive(Debug, Clone)]
enum Sent {
    New,
    Update(String),
}

/// Checks access, reads the form and saves it; see the module documentation.
async fn submit(
    state: AppState,
    ctx: PageContext,
    case_id: String,
    sent: Sent,
    req: Request,
) -> Response {
    let (who, id) = (ctx.who.clone(), case_id.clone());
    if let Err(e) = state
        .db
        .run(move |conn| check_case(conn, &who, &id, CaseAction::Edit))
        .await
    {
        return audited_refusal(&state, &ctx.who, &case_id, AuditAction::OutboundReferral, e)
            .await
            .into_response();
    }
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let Ok(version) = values.get("version").trim().parse::<i64>() else {
        return AppError::BadVersion.into_response();
    };
    let typed = values.without(&["csrf_token", "version"]);
    let (actor, id) = (ctx.who.clone(), case_id.clone());
    let result = match &sent {
        Sent::New => {
            let input = OutboundReferralInput {
                resource_id: typed.get("resource_id").to_owned(),
                request: typed.get("request").to_owned(),
            };
            state
                .db
                .write(move |conn| make(conn, &actor, &id, version, input))
                .await
        }
        Sent::Update(referral_id) => {
            let raw = typed.get("status").trim();
            let status = raw.parse::<OutboundStatus>().ok();
            if status.is_none() && !raw.is_empty() {
                let errors = vec![FieldError {
                    field: "outbound.status".into(),
                    problem: Problem::Unknown,
                }];
                let alert = ctx.l.text("error-invalid");
                return show_again(
                    &state,
                    &ctx,
                    &case_id,
                    &sent,
                    &typed,
                    &errors,
                    &alert,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            let input = OutboundUpdateInput {
                status,
                feedback: Some(typed.get("feedback").to_owned()),
            };
            let referral_id = referral_id.clone();
            state
                .db
                .write(move |conn| record(conn, &actor, &id, &referral_id, version, input))
                .await
        }
    };
    let l = ctx.l;
    match result {
        Ok(_) => {
            Redirect::to(&format!("/cases/{case_id}?flash=outbound-saved#outbound")).into_response()
        }
        Err(StoreError::Invalid(errors)) => {
            let alert = l.text("error-invalid");
            show_again(
                &state,
                &ctx,
                &case_id,
                &sent,
                &typed,
                &errors,
                &alert,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(StoreError::Conflict { .. }) => {
            let alert = l.text("outbound-conflict");
            show_again(
                &state,
                &ctx,
                &case_id,
                &sent,
                &typed,
                &[],
                &alert,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e @ (StoreError::EditRefused(_) | StoreError::StateConflict(_))) => {
            let error = AppError::from(e);
            let alert = error.body(l)["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            show_again(
                &state,
                &ctx,
                &case_id,
                &sent,
                &typed,
                &[],
                &alert,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => audited_refusal(&state, &ctx.who, &case_id, AuditAction::OutboundReferral, e)
            .await
            .into_response(),
    }
}

/// Shows the refused form on its own, with the case's current version.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one part of the refused form"
)]
async fn show_again(
    state: &AppState,
    ctx: &PageContext,
    case_id: &str,
    sent: &Sent,
    typed: &FormValues,
    errors: &[FieldError],
    alert: &str,
    status: StatusCode,
) -> Response {
    let (who, id) = (ctx.who.clone(), case_id.to_owned());
    let loaded = state
        .db
        .run(move |conn| {
            let case = check_case(conn, &who, &id, CaseAction::View)?;
            Ok((case, resources::active(conn)?))
        })
        .await;
    let (case, active) = match loaded {
        Ok(found) => found,
        Err(e) => return AppError::from(e).into_response(),
    };
    let l = ctx.l;
    let form = match sent {
        Sent::New => new_form(l, &ctx.who, case_id, case.version, &active, typed, errors),
        Sent::Update(rid) => update_form(l, &ctx.who, case_id, case.version, rid, typed, errors),
    };
    let title = format!("{} · {}", l.text("outbound-title"), case.reference);
    (
        status,
        ctx.render(&title, form_page(l, &case.reference, case_id, alert, form)),
    )
        .into_response()
}

/// `POST /cases/{id}/outbound-referrals`.
pub async fn post_new(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => submit(state, ctx, id, Sent::New, req).await,
        Err(refused) => refused,
    }
}

/// `POST /cases/{id}/outbound-referrals/{rid}`.
pub async fn post_update(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    CaseRecordPath(id, rid): CaseRecordPath,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => submit(state, ctx, id, Sent::Update(rid), req).await,
        Err(refused) => refused,
    }
}
