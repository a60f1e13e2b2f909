//! Transfers on screen: the case page's section (`POST /cases/{id}/transfers`,
//! `/transfers/cancel`, `/reassign`); the receiving side's `/transfers` screen
//! is in `transfers/decide.rs`.
//!
//! Every save calls the same `db::transfers` function as the JSON API, inside
//! one write transaction; access is checked before the form is read. A refused
//! case-page form is shown on its own with what was typed; a refused decision
//! shows `/transfers` again with the problem beside the form.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_page::CaseScreen;
use super::forms::read_checked_form;
use crate::access::{CaseAction, Decision, Principal, may_reassign, may_request_transfer};
use crate::db::audit::AuditAction;
use crate::db::cases::find_case;
use crate::db::organisations::display_names;
use crate::db::transfers::{self, StaffMember};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::transfer::{
    ReassignInput, TransferKind, TransferNoteInput, TransferRequestInput, TransferStatus,
};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::views::case_page::timeline::{TimelineEvent, TimelineItem};
use crate::views::stage_forms::FormValues;
use crate::views::transfers::{
    TargetAgency, TransferPanel, form_page, reassign_form, request_form,
};
use crate::web::AppState;
use crate::web::cases::{CaseView, audited_refusal};
use crate::web::json::IdPath;
use crate::web::page::PageContext;

mod decide;

pub use self::decide::{list, post_accept, post_decline};

/// The case page's transfer section for one reader.
pub fn panel(
    conn: &mut DbConnection,
    who: &Principal,
    view: &CaseView,
) -> StoreResult<TransferPanel> {
    let case = &view.case;
    let open = case.stage()?.is_open();
    let pending = view
        .transfers
        .iter()
        .find(|t| t.transfer.status == TransferStatus::Pending.as_str())
        .cloned();
    let may_cancel = may_request_transfer(who, case) == Decision::Allow;
    let may_request = may_cancel && open;
    let may_reassign = may_reassign(who, case) == Decision::Allow && open;
    let mut targets = Vec::new();
    if may_request && pending.is_none() {
        for (id, name) in transfers::agencies(conn)? {
            let staff = transfers::case_workers(conn, &id)?;
            let has_supervisors = staff
                .iter()
                .any(|s| s.role == crate::domain::Role::Supervisor.as_str());
            let workers: Vec<StaffMember> = staff
                .into_iter()
                .filter(|s| case.assigned_worker_id.as_deref() != Some(s.id.as_str()))
                .collect();
            let own = id == case.organisation_id;
            let agency = TargetAgency {
                id,
                name,
                own,
                has_supervisors,
                workers,
            };
            // The case's own agency first: most transfers stay within it.
            if own {
                targets.insert(0, agency);
            } else {
                targets.push(agency);
            }
        }
    }
    let mut reassign_to = Vec::new();
    if may_reassign && pending.is_none() {
        let team_names = transfers::team_names(conn, &who.team_ids)?;
        for (worker, team) in transfers::team_workers(conn, &who.team_ids)? {
            if case.assigned_worker_id.as_deref() == Some(worker.id.as_str()) {
                continue;
            }
            let Some(team_name) = team_names.get(&team).cloned() else {
                continue;
            };
            reassign_to.push((worker, team, team_name));
        }
    }
    Ok(TransferPanel {
        pending,
        may_request,
        may_cancel,
        may_reassign,
        targets,
        reassign_to,
    })
}

/// Users the section and the timeline name.
pub fn mentioned(view: &CaseView) -> Vec<String> {
    view.transfers
        .iter()
        .flat_map(|t| {
            let t = &t.transfer;
            [
                Some(t.requested_by.clone()),
                t.decided_by.clone(),
                t.to_worker_id.clone(),
                t.from_worker_id.clone(),
            ]
        })
        .flatten()
        .collect()
}

/// Timeline entries: each transfer asked for and decided, each reassignment.
pub fn timeline_items(conn: &mut DbConnection, view: &CaseView) -> StoreResult<Vec<TimelineItem>> {
    let workers: Vec<String> = view
        .transfers
        .iter()
        .filter_map(|t| t.transfer.to_worker_id.clone())
        .collect();
    let names = display_names(conn, &workers)?;
    let mut items = Vec::new();
    for entry in &view.transfers {
        let t = &entry.transfer;
        let worker = t.to_worker_id.as_ref().and_then(|w| names.get(w));
        let to = match worker {
            Some(w) => format!("{w} · {}", entry.to_organisation_name),
            None => entry.to_organisation_name.clone(),
        };
        if t.kind == TransferKind::Reassignment.as_str() {
            items.push(TimelineItem {
                at: t.requested_at,
                actor_id: Some(t.requested_by.clone()),
                event: TimelineEvent::Transfer {
                    step: "reassigned".into(),
                    to,
                    note: Some(t.reason.clone()),
                },
            });
            continue;
        }
        items.push(TimelineItem {
            at: t.requested_at,
            actor_id: Some(t.requested_by.clone()),
            event: TimelineEvent::Transfer {
                step: "requested".into(),
                to: to.clone(),
                note: Some(t.reason.clone()),
            },
        });
        if let Some(at) = t.decided_at {
            items.push(TimelineItem {
                at,
                actor_id: t.decided_by.clone(),
                event: TimelineEvent::Transfer {
                    step: t.status.clone(),
                    to,
                    note: t.decision_note.clone(),
                },
            });
        }
    }
    Ok(items)
}

/// Which case-page form was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseForm {
    Request,
    Cancel,
    Reassign,
}

fn check(
    who: &Principal,
    conn: &mut DbConnection,
    case_id: &str,
    form: CaseForm,
) -> StoreResult<()> {
    let case = find_case(conn, case_id)?;
    let decision = match form {
        CaseForm::Request | CaseForm::Cancel => may_request_transfer(who, &case),
        CaseForm::Reassign => may_reassign(who, &case),
    };
    match decision {
        Decision::Allow => Ok(()),
        Decision::Forbid => Err(StoreError::Forbidden),
        Decision::Hide => Err(StoreError::NotFound),
    }
}

/// Splits `a/b` (the target and assignee selects); `a` alone gives `(a, None)`.
fn split(value: &str) -> (Option<String>, Option<String>) {
    let value = value.trim();
    if value.is_empty() {
        return (None, None);
    }
    match value.split_once('/') {
        Some((a, b)) => (Some(a.to_owned()), Some(b.to_owned())),
        None => (Some(value.to_owned()), None),
    }
}

async fn submit_case_form(
    state: AppState,
    ctx: PageContext,
    case_id: String,
    form: CaseForm,
    req: Request,
) -> Response {
    let (who, id) = (ctx.who.clone(), case_id.clone());
    if let Err(e) = state.db.run(move |conn| check(&who, conn, &id, form)).await {
        return audited_refusal(&state, &ctx.who, &case_id, AuditAction::CaseTransfer, e)
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
    let result = match form {
        CaseForm::Request => {
            let (to_organisation_id, to_worker_id) = split(typed.get("target"));
            let input = TransferRequestInput {
                to_organisation_id,
                to_worker_id,
                reason: typed.get("reason").to_owned(),
            };
            state
                .db
                .write(move |conn| {
                    transfers::request(conn, &actor, &id, version, input).map(|_| ())
                })
                .await
        }
        CaseForm::Cancel => {
            let input = TransferNoteInput {
                note: Some(typed.get("note").to_owned()),
            };
            state
                .db
                .write(move |conn| transfers::cancel(conn, &actor, &id, version, input).map(|_| ()))
                .await
        }
        CaseForm::Reassign => {
            let (worker, team_id) = split(typed.get("assignee"));
            let input = ReassignInput {
                worker_id: worker.unwrap_or_default(),
                team_id,
                reason: typed.get("reason").to_owned(),
            };
            state
                .db
                .write(move |conn| {
                    transfers::reassign(conn, &actor, &id, version, input).map(|_| ())
                })
                .await
        }
    };
    let l = ctx.l;
    let flash = match form {
        CaseForm::Request => "transfer-requested",
        CaseForm::Cancel => "transfer-cancelled",
        CaseForm::Reassign => "transfer-reassigned",
    };
    match result {
        Ok(()) => Redirect::to(&format!("/cases/{case_id}?flash={flash}#transfer")).into_response(),
        Err(StoreError::Invalid(errors)) => {
            let alert = l.text("error-invalid");
            show_case_form(
                &state,
                &ctx,
                &case_id,
                form,
                &typed,
                &errors,
                &alert,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(StoreError::Conflict { .. }) => {
            let alert = l.text("transfer-conflict");
            show_case_form(
                &state,
                &ctx,
                &case_id,
                form,
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
            show_case_form(
                &state,
                &ctx,
                &case_id,
                form,
                &typed,
                &[],
                &alert,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => audited_refusal(&state, &ctx.who, &case_id, AuditAction::CaseTransfer, e)
            .await
            .into_response(),
    }
}

/// Shows a refused case-page form on its own, with the case's current version.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one part of the refused form"
)]
async fn show_case_form(
    state: &AppState,
    ctx: &PageContext,
    case_id: &str,
    form: CaseForm,
    typed: &FormValues,
    errors: &[FieldError],
    alert: &str,
    status: StatusCode,
) -> Response {
    let (who, id) = (ctx.who.clone(), case_id.to_owned());
    let loaded = state
        .db
        .run(move |conn| {
            let case = crate::web::cases::check_case(conn, &who, &id, CaseAction::View)?;
            let view = crate::web::cases::build_case_view(conn, &who, case)?;
            let panel = panel(conn, &who, &view)?;
            Ok((view.case, panel))
        })
        .await;
    let (case, panel) = match loaded {
        Ok(found) => found,
        Err(e) => return AppError::from(e).into_response(),
    };
    let l = ctx.l;
    let body = match form {
        CaseForm::Request if panel.may_request && panel.pending.is_none() => request_form(
            l,
            &ctx.who,
            case_id,
            case.version,
            &panel.targets,
            typed,
            errors,
        ),
        CaseForm::Reassign if panel.may_reassign && panel.pending.is_none() => reassign_form(
            l,
            &ctx.who,
            case_id,
            case.version,
            &panel.reassign_to,
            typed,
            errors,
        ),
        // Nothing left to send again (the transfer was decided, the case closed...).
        _ => maud::html! {},
    };
    let title = format!("{} · {}", l.text("transfer-title"), case.reference);
    (
        status,
        ctx.render(&title, form_page(l, &case.reference, case_id, alert, body)),
    )
        .into_response()
}

macro_rules! case_form_handler {
    ($(#[$doc:meta])* $name:ident, $form:expr) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            screen: Result<CaseScreen, Response>,
            IdPath(id): IdPath,
            req: Request,
        ) -> Response {
            match screen {
                Ok(CaseScreen(ctx)) => submit_case_form(state, ctx, id, $form, req).await,
                Err(refused) => refused,
            }
        }
    };
}

case_form_handler!(
    /// `POST /cases/{id}/transfers`: asks for a transfer.
    post_request, CaseForm::Request);
case_form_handler!(
    /// `POST /cases/{id}/transfers/cancel`: withdraws the open transfer.
    post_cancel, CaseForm::Cancel);
case_form_handler!(
    /// `POST /cases/{id}/reassign`: a supervisor's direct reassignment.
    post_reassign, CaseForm::Reassign);
