//! `GET /cases/{id}`: the case page.
//!
//! Access is exactly that of `GET /api/cases/{id}`: the case is loaded through
//! `check_case`, confidential fields are withheld by the same function, the read
//! is audited, and a case outside the reader's scope answers 404. The same
//! loader re-renders the page when a form was refused, with what was typed.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use super::forms::{diff, fill::stored_forms};
use crate::access::{CaseAction, Decision, Principal, decide_case};
use crate::db::audit::AuditAction;
use crate::db::facts::may_be_under_14;
use crate::db::organisations::display_names;
use crate::db::{StoreResult, now};
use crate::error::AppError;
use crate::views::case_page::timeline::{TimelineEvent, TimelineItem};
use crate::views::case_page::{CasePage, case_page, stage_form};
use crate::views::stage_forms::{Conflict, Feedback, FormKind, FormValues};
use crate::views::supervision::case_panel::CaseSupervision;
use crate::web::AppState;
use crate::web::case_timeline::{load_timeline, mentioned_users};
use crate::web::cases::{CaseView, audit_read, audited_refusal, build_case_view, check_case};
use crate::web::json::IdPath;
use crate::web::page::PageContext;

/// A staff screen request ([`PageContext`]). Without a session a browser is sent
/// to sign in; anything that did not ask for a page gets a plain 401, as the
/// API does.
pub struct CaseScreen(pub PageContext);

impl FromRequestParts<AppState> for CaseScreen {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        crate::web::page::screen_context(parts, state)
            .await
            .map(CaseScreen)
    }
}

/// A refused form, to show again with what was typed.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The form.
    pub kind: FormKind,
    /// What was typed.
    pub typed: FormValues,
    /// The case version the form was based on.
    pub version: i64,
}

/// Everything the page shows, loaded in one go.
struct Loaded {
    view: CaseView,
    timeline: Vec<TimelineItem>,
    names: HashMap<String, String>,
    may_edit: bool,
    may_view_access_log: bool,
    supervision: CaseSupervision,
    outbound: crate::views::outbound::OutboundPanel,
    transfer: crate::views::transfers::TransferPanel,
    /// The WHO-5 answers behind the baseline and the closing score.
    who5: [Option<[u8; 5]>; 2],
}

fn load(conn: &mut crate::db::DbConnection, who: &Principal, case_id: &str) -> StoreResult<Loaded> {
    let case = check_case(conn, who, case_id, CaseAction::View)?;
    let may_edit = decide_case(who, &case, CaseAction::Edit) == Decision::Allow;
    let may_view_access_log = decide_case(who, &case, CaseAction::ViewAccessLog) == Decision::Allow;
    let supervision = load_supervision(conn, who, &case)?;
    let view = build_case_view(conn, who, case)?;
    let who5 = {
        use crate::db::who5::{Occasion, answers_for};
        let r = &view.records;
        let baseline = r.assessment.as_ref().and_then(|a| a.who5_baseline);
        let closing = r.closure.as_ref().and_then(|c| c.who5_closing);
        [
            answers_for(conn, case_id, Occasion::Baseline, baseline)?,
            answers_for(conn, case_id, Occasion::Closing, closing)?,
        ]
    };
    let mut timeline = load_timeline(conn, &view)?;
    timeline.extend(supervision.assignments.iter().map(|a| TimelineItem {
        at: a.assigned_at,
        actor_id: Some(a.assigned_by.clone()),
        event: TimelineEvent::Reassigned {
            from: a.from_worker_id.clone(),
            to: a.to_worker_id.clone(),
            reason: a.reason.clone(),
        },
    }));
    // The notes are those `readable_notes` let this reader see (`may_read_note`).
    timeline.extend(supervision.notes.iter().map(|n| TimelineItem {
        at: n.created_at,
        actor_id: Some(n.author_id.clone()),
        event: TimelineEvent::Noted {
            target_kind: n.target_kind.clone(),
            target_id: n.target_id.clone(),
            body: n.body.clone(),
        },
    }));
    timeline.sort_by_key(|t| std::cmp::Reverse(t.at));
    let mut ids = mentioned_users(&view, &timeline);
    ids.extend(supervision.people());
    timeline.extend(super::outbound::timeline_items(conn, &view)?);
    timeline.extend(super::transfers::timeline_items(conn, &view)?);
    timeline.sort_by_key(|t| std::cmp::Reverse(t.at));
    ids.extend(timeline.iter().filter_map(|t| t.actor_id.clone()));
    ids.extend(super::outbound::mentioned(&view));
    ids.extend(super::transfers::mentioned(&view));
    let outbound = super::outbound::panel(conn, &view, may_edit)?;
    let transfer = super::transfers::panel(conn, who, &view)?;
    ids.sort();
    ids.dedup();
    let names = display_names(conn, &ids)?;
    Ok(Loaded {
        view,
        timeline,
        names,
        may_edit,
        may_view_access_log,
        supervision,
        outbound,
        transfer,
        who5,
    })
}

/// Supervision's part of the page: the notes the reader may see, whether they may
/// add notes or reassign the case, and what the case awaits.
fn load_supervision(
    conn: &mut crate::db::DbConnection,
    who: &Principal,
    case: &crate::db::cases::Case,
) -> StoreResult<CaseSupervision> {
    use crate::db::supervision::{approvals, assignments, policies};
    let may_reassign =
        decide_case(who, case, CaseAction::Reassign) == Decision::Allow && case.stage()?.is_open();
    Ok(CaseSupervision {
        notes: crate::web::supervision::notes::readable_notes(conn, who, case)?,
        may_write_notes: decide_case(who, case, CaseAction::Supervise) == Decision::Allow,
        awaiting: approvals::awaiting(conn, &case.id)?,
        policy: policies::policy_for(conn, &case.organisation_id, &case.case_type)?,
        reassign_to: if may_reassign {
            Some(assignments::eligible_workers(
                conn,
                &case.organisation_id,
                case.team_id.as_deref(),
            )?)
        } else {
            None
        },
        assignments: assignments::assignments_of(conn, &case.id)?,
    })
}

/// A session with the typed date, length, mode and participants is already logged.
fn already_logged(view: &CaseView, typed: &FormValues) -> bool {
    view.records.sessions.iter().any(|s| {
        s.held_on.format("%Y-%m-%d").to_string() == typed.get("held_on").trim()
            && s.duration_minutes.to_string() == typed.get("duration_minutes").trim()
            && s.mode == typed.get("mode").trim()
            && s.participants.as_deref().unwrap_or("") == typed.get("participants").trim()
    })
}

/// Loads and renders the case page with `status`; `sent` is a refused form to
/// show again, with `feedback` (errors and message) already filled in.
pub async fn render_case(
    state: &AppState,
    ctx: &PageContext,
    case_id: &str,
    sent: Option<Sent>,
    mut feedback: Feedback,
    status: StatusCode,
) -> Response {
    let (who, id) = (ctx.who.clone(), case_id.to_owned());
    let loaded = match state.db.run(move |conn| load(conn, &who, &id)).await {
        Ok(loaded) => loaded,
        Err(e) => {
            return audited_refusal(state, &ctx.who, case_id, AuditAction::CaseView, e)
                .await
                .into_response();
        }
    };
    if let Err(e) = audit_read(
        state,
        &ctx.who,
        case_id,
        AuditAction::CaseView,
        crate::db::audit::AuditDetail::CasePage.text(),
    )
    .await
    {
        return e.into_response();
    }
    let l = ctx.l;
    let v = &loaded.view;
    let (Ok(stage), Ok(case_type)) = (v.case.stage(), v.case.case_type()) else {
        return AppError::internal("stored stage or case type unreadable").into_response();
    };
    let today = crate::local_time::local_day(now());
    let mut stored = stored_forms(&v.records, v.details.as_ref(), today);
    // The answers behind a saved score are shown again, as they were given.
    for (values, answers) in [
        (&mut stored.assessment, loaded.who5[0]),
        (&mut stored.closure, loaded.who5[1]),
    ] {
        for (n, a) in answers.iter().flatten().enumerate() {
            values.push(format!("who5.{}", n + 1), a.to_string());
        }
    }
    if let Some(mut sent) = sent {
        // The saved WHO-5 score shown beside the questions is the database's,
        // whatever the browser sent.
        if matches!(sent.kind, FormKind::Assessment | FormKind::Closure) {
            let mut typed = sent.typed.without(&["who5_saved"]);
            let saved = stored.get(sent.kind).get("who5_saved");
            if !saved.is_empty() {
                typed.push("who5_saved", saved);
            }
            sent.typed = typed;
        }
        let shown = match sent.kind {
            FormKind::Transition(t) => v.open_transitions.contains(&t),
            FormKind::Details => loaded.may_edit && stage.is_open(),
            kind => loaded.may_edit && stage_form(stage) == Some(kind),
        };
        if sent.version != v.case.version {
            let comparable = !matches!(sent.kind, FormKind::Session | FormKind::Transition(_));
            feedback.conflict = Some(Conflict {
                changes: if comparable {
                    diff::changes(l, sent.kind, stored.get(sent.kind), &sent.typed)
                } else {
                    Vec::new()
                },
                duplicate_session: sent.kind == FormKind::Session && already_logged(v, &sent.typed),
            });
        }
        if !shown {
            feedback.unsaved = diff::typed_fields(l, sent.kind, &sent.typed);
        }
        feedback.form = Some(sent.kind);
        feedback.typed = sent.typed;
    }
    let this_year = chrono::Datelike::year(&today);
    let page = CasePage {
        l,
        who: &ctx.who,
        case: &v.case,
        stage,
        case_type,
        client: &v.client,
        records: &v.records,
        details: v.details.as_ref(),
        names: &loaded.names,
        timeline: &loaded.timeline,
        may_edit: loaded.may_edit,
        may_view_access_log: loaded.may_view_access_log,
        withheld: v.confidential_withheld,
        open_transitions: &v.open_transitions,
        guardian_needed: may_be_under_14(v.client.birth_year, this_year),
        stored: &stored,
        feedback: &feedback,
        supervision: &loaded.supervision,
        outbound: &loaded.outbound,
        transfer: &loaded.transfer,
    };
    let title = format!(
        "{} · {}",
        v.case.reference,
        l.label("stage", stage.as_str())
    );
    (status, ctx.render(&title, case_page(&page))).into_response()
}

/// `GET /cases/{id}`.
pub async fn show(
    State(state): State<AppState>,
    CaseScreen(ctx): CaseScreen,
    IdPath(id): IdPath,
) -> Response {
    render_case(&state, &ctx, &id, None, Feedback::default(), StatusCode::OK).await
}
