//! `GET /cases/{id}/report.pdf`: the case report as a PDF download.
//!
//! Access is that of the case page: the case is loaded through `check_case`
//! (404 outside the reader's scope), confidential fields are withheld by the same
//! function and then left out of the report entirely, and a refusal is audited.
//! The report is rendered in the reader's language on a blocking thread (laying
//! out and subsetting a font is CPU work), and each download is recorded in the
//! audit trail before the file is sent: if that record cannot be written, no
//! file goes out.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::access::{CaseAction, Principal};
use crate::db::audit::AuditAction;
use crate::db::organisations::{display_names, find_organisation, find_team};
use crate::db::{DbConnection, StoreResult};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::reports::case_report::{CaseReport, OutboundReferral, SourceReferral};
use crate::reports::fonts::ReportFont;
use crate::views::case_page::timeline::TimelineItem;
use crate::web::AppState;
use crate::web::case_timeline::{load_timeline, mentioned_users};
use crate::web::cases::{CaseView, audit_case, audited_refusal, build_case_view, check_case};
use crate::web::json::IdPath;
use crate::web::screens::case_page::CaseScreen;

/// What the report shows, loaded in one go.
struct Loaded {
    view: CaseView,
    timeline: Vec<TimelineItem>,
    names: HashMap<String, String>,
    agency: String,
    team: Option<String>,
    referrals: Vec<OutboundReferral>,
    source_referral: Option<SourceReferral>,
}

/// The case page's referrals out as the report lists them. Their feedback was
/// withheld by `build_case_view` for readers who may not see confidential
/// fields, so it is simply absent here.
fn outbound(view: &CaseView, l: Locale) -> Vec<OutboundReferral> {
    view.outbound_referrals
        .iter()
        .map(|r| OutboundReferral {
            made_on: crate::local_time::to_local(r.referral.referred_at).date(),
            resource: r.resource_name.clone(),
            status: l.label("outbound-status", &r.referral.status),
            feedback: r.referral.feedback.clone(),
        })
        .collect()
}

/// The referral the case came from: who referred and its status. The member's
/// own words stay on the referral's page; the case's intake record has them.
fn source_referral(
    conn: &mut DbConnection,
    case_id: &str,
    l: Locale,
) -> StoreResult<Option<SourceReferral>> {
    let Some(referral) = crate::db::referrals::for_case(conn, case_id)? else {
        return Ok(None);
    };
    let Some(row) = crate::db::referrals::rows(conn, vec![referral])?.pop() else {
        return Ok(None);
    };
    let source = match row.union_name {
        Some(name) if !row.referral.is_self_referral() => name,
        _ => l.text("referral-source-self"),
    };
    Ok(Some(SourceReferral {
        received_on: crate::local_time::to_local(row.referral.created_at).date(),
        source,
        status: l.label("referral-status", &row.referral.status),
    }))
}

fn load(conn: &mut DbConnection, who: &Principal, case_id: &str, l: Locale) -> StoreResult<Loaded> {
    let case = check_case(conn, who, case_id, CaseAction::View)?;
    let view = build_case_view(conn, who, case)?;
    let timeline = load_timeline(conn, &view)?;
    let names = display_names(conn, &mentioned_users(&view, &timeline))?;
    let agency = find_organisation(conn, &view.case.organisation_id)?.name;
    let team = match &view.case.team_id {
        Some(id) => Some(find_team(conn, id)?.name),
        None => None,
    };
    let referrals = outbound(&view, l);
    let source_referral = source_referral(conn, &view.case.id, l)?;
    Ok(Loaded {
        view,
        timeline,
        names,
        agency,
        team,
        referrals,
        source_referral,
    })
}

/// `GET /cases/{id}/report.pdf`.
pub async fn download(
    State(state): State<AppState>,
    CaseScreen(ctx): CaseScreen,
    IdPath(id): IdPath,
) -> Response {
    let (who, case_id, l) = (ctx.who.clone(), id.clone(), ctx.l);
    let loaded = match state
        .db
        .run(move |conn| load(conn, &who, &case_id, l))
        .await
    {
        Ok(loaded) => loaded,
        Err(e) => {
            return audited_refusal(&state, &ctx.who, &id, AuditAction::CaseReport, e)
                .await
                .into_response();
        }
    };
    let (l, who) = (ctx.l, ctx.who.clone());
    let (font_path, font_face) = (
        state.settings.report_font.clone(),
        state.settings.report_font_face,
    );
    let rendered = state
        .renders
        .run(move || {
            let font = ReportFont::configured(font_path.as_deref(), font_face, l)?;
            let v = &loaded.view;
            let report = CaseReport {
                l,
                case: &v.case,
                client: &v.client,
                records: &v.records,
                details: v.details.as_ref(),
                transitions: &v.transitions,
                timeline: &loaded.timeline,
                names: &loaded.names,
                agency: &loaded.agency,
                team: loaded.team.as_deref(),
                referrals: &loaded.referrals,
                source_referral: loaded.source_referral.as_ref(),
                withheld: v.confidential_withheld,
                generated_by: &who.display_name,
                generated_at: who.at,
            };
            Ok::<_, crate::reports::fonts::FontError>((report.file_name(), report.render(&font)))
        })
        .await;
    let (file_name, pdf) = match rendered {
        Ok(Ok(done)) => done,
        Ok(Err(e)) => return AppError::internal(format!("report font: {e}")).into_response(),
        Err(e) => return e.into_response(),
    };
    let (who, case_id) = (ctx.who.clone(), id.clone());
    let audited = state
        .db
        .write(move |conn| {
            audit_case(
                conn,
                &who,
                &case_id,
                AuditAction::CaseReport,
                Some(l.tag().to_owned()),
            )
        })
        .await;
    if let Err(e) = audited {
        return AppError::from(e).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response()
}
