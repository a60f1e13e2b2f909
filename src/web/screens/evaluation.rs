//! `GET /reports/evaluation` (the screen), `.csv` and `.pdf`: the evaluation
//! report for a period and a scope.
//!
//! Who may ask, and for which scope, is decided by
//! `crate::access::evaluation_scope`: a team or union outside the user's rights
//! answers 404 like any other record out of scope. A period that cannot be used
//! (a malformed date, `from` after `to`, more than ten years) answers 422 with the
//! screen and a message beside the field, in every format. Each view and each
//! download is audited.

use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::access::{EvaluationChoice, evaluation_scope, may_see_evaluation};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::organisations::{find_organisation, find_team};
use crate::db::referrals::union_and_descendants;
use crate::domain::Role;
use crate::domain::evaluation::{self, Report, ReportRequest, Scope, parse_period};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::reports::evaluation::EvaluationPdf;
use crate::reports::fonts::ReportFont;
use crate::views::evaluation::csv::{self as csv_view, CsvHead};
use crate::views::evaluation::outline::outline;
use crate::views::evaluation::{EvalError, EvalParams, EvaluationPage, evaluation_page};
use crate::web::AppState;
use crate::web::page::PageContext;

/// The three ways to read the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML.
    Screen,
    /// CSV download.
    Csv,
    /// PDF download.
    Pdf,
}

impl Format {
    fn code(self) -> &'static str {
        match self {
            Format::Screen => "screen",
            Format::Csv => "csv",
            Format::Pdf => "pdf",
        }
    }
}

/// `GET /reports/evaluation`.
pub async fn screen(State(state): State<AppState>, request: Request) -> Response {
    serve(state, request, Format::Screen).await
}

/// `GET /reports/evaluation.pdf`.
pub async fn pdf(State(state): State<AppState>, request: Request) -> Response {
    serve(state, request, Format::Pdf).await
}

/// `GET /reports/evaluation.csv`.
pub async fn csv(State(state): State<AppState>, request: Request) -> Response {
    serve(state, request, Format::Csv).await
}

/// What the user may choose from, and the tree of their union.
struct Choices {
    teams: Vec<(String, String)>,
    unions: Vec<(String, String)>,
    tree: Vec<String>,
}

/// A report that passed every check, ready to print.
pub struct Prepared {
    /// The report.
    pub report: Report,
    /// Whose figures, in words.
    pub scope: String,
    /// Who generated it and when, in words.
    pub generated: String,
}

async fn serve(state: AppState, request: Request, format: Format) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match crate::web::page::screen_context(&mut parts, &state).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    if !may_see_evaluation(&ctx.who) {
        return AppError::NotFound.into_response();
    }
    let pairs = Query::<Vec<(String, String)>>::from_request_parts(&mut parts, &state)
        .await
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let params = EvalParams::from_pairs(&pairs);
    let choices = match load_choices(&state, &ctx).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let Some(choice) = evaluation_scope(
        &ctx.who,
        optional(&params.team).as_deref(),
        optional(&params.union).as_deref(),
        &choices.tree,
    ) else {
        return AppError::NotFound.into_response();
    };
    let today = crate::local_time::local_day(state.clock.now());
    let mut errors: Vec<EvalError> = Vec::new();
    let period = match parse_period(&params.from, &params.to, today) {
        Ok(p) => Some(p),
        Err(problems) => {
            errors.extend(problems.into_iter().map(|p| EvalError {
                param: p.param,
                key: p.key,
            }));
            None
        }
    };
    let case_type = if params.case_type.is_empty() {
        None
    } else {
        match params.case_type.parse() {
            Ok(t) => Some(t),
            Err(_) => {
                errors.push(EvalError {
                    param: "case_type",
                    key: "eval-error-type",
                });
                None
            }
        }
    };
    let mut shown_params = params.clone();
    if let Some(p) = period {
        shown_params.from = p.from.format("%Y-%m-%d").to_string();
        shown_params.to = p.to.format("%Y-%m-%d").to_string();
    }
    let l = ctx.l;
    let page = |report: Option<&Report>, scope: &str, generated: &str, errors: &[EvalError]| {
        evaluation_page(
            l,
            &EvaluationPage {
                params: &params,
                shown_params: &shown_params,
                errors,
                report,
                scope,
                teams: &choices.teams,
                unions: &choices.unions,
                generated,
            },
        )
    };
    let Some(period) = period.filter(|_| errors.is_empty()) else {
        let body = ctx.render(&l.text("eval-title"), page(None, "", "", &errors));
        return (StatusCode::UNPROCESSABLE_ENTITY, body).into_response();
    };
    let prepared = match prepare(&state, &ctx, choice, period, case_type, format).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    match format {
        Format::Screen => ctx
            .render(
                &l.text("eval-title"),
                page(
                    Some(&prepared.report),
                    &prepared.scope,
                    &prepared.generated,
                    &[],
                ),
            )
            .into_response(),
        Format::Csv => csv_response(l, &prepared, &params),
        Format::Pdf => pdf_response(&state, l, &ctx.who, &prepared, case_type).await,
    }
}

async fn load_choices(state: &AppState, ctx: &PageContext) -> Result<Choices, AppError> {
    let who = ctx.who.clone();
    Ok(state
        .db
        .run(move |conn| {
            let mut choices = Choices {
                teams: Vec::new(),
                unions: Vec::new(),
                tree: Vec::new(),
            };
            match who.role {
                Role::Supervisor => {
                    for id in &who.team_ids {
                        let team = find_team(conn, id)?;
                        if team.organisation_id == who.organisation_id {
                            choices.teams.push((team.id, team.name));
                        }
                    }
                    choices.teams.sort_by(|a, b| a.1.cmp(&b.1));
                }
                Role::UnionOfficer => {
                    choices.tree = union_and_descendants(conn, &who.organisation_id)?;
                    for id in &choices.tree {
                        let org = find_organisation(conn, id)?;
                        choices.unions.push((org.id, org.name));
                    }
                }
                _ => {}
            }
            Ok(choices)
        })
        .await?)
}

/// Loads the aggregates, audits the reading, and builds the report.
async fn prepare(
    state: &AppState,
    ctx: &PageContext,
    choice: EvaluationChoice,
    period: evaluation::Period,
    case_type: Option<crate::domain::CaseType>,
    format: Format,
) -> Result<Prepared, AppError> {
    let who = ctx.who.clone();
    let l = ctx.l;
    let slot = state.renders.admit().await?;
    let (data, request, scope_name) = state
        .db
        .run(move |conn| {
            let (scope, name) = match choice {
                EvaluationChoice::Agency {
                    organisation_id,
                    team_id,
                } => {
                    let mut name = who.organisation_name.clone();
                    if let Some(t) = &team_id {
                        name = format!("{name} · {}", find_team(conn, t)?.name);
                    }
                    (
                        Scope::Agency {
                            organisation_id,
                            team_id,
                        },
                        name,
                    )
                }
                EvaluationChoice::Union { union_id } => {
                    let tree = union_and_descendants(conn, &union_id)?;
                    let name = find_organisation(conn, &union_id)?.name;
                    let name = l.text_with("eval-scope-union", &[("union", name.into())]);
                    (Scope::Unions { union_id, tree }, name)
                }
            };
            let request = ReportRequest {
                scope,
                period,
                case_type,
            };
            let data = crate::db::evaluation::load(conn, &request)?;
            Ok((data, request, name))
        })
        .await?;
    drop(slot);
    let who = ctx.who.clone();
    let audited = (request.scope.clone(), period, case_type);
    state
        .db
        .write(move |conn| {
            let (scope, period, case_type) = audited;
            let (record_id, scope_code) = match &scope {
                Scope::Agency {
                    organisation_id,
                    team_id: Some(t),
                } => (t.clone(), format!("team of {organisation_id}")),
                Scope::Agency {
                    organisation_id, ..
                } => (organisation_id.clone(), "agency".to_owned()),
                Scope::Unions { union_id, .. } => (union_id.clone(), "union tree".to_owned()),
            };
            audit::record(
                conn,
                audit::Entry {
                    actor_id: Some(&who.user_id),
                    action: if format == Format::Screen {
                        AuditAction::EvaluationView
                    } else {
                        AuditAction::EvaluationExport
                    },
                    outcome: Outcome::Allowed,
                    record_type: Some("evaluation_report"),
                    record_id: Some(&record_id),
                    case_id: None,
                    client_address: &who.client_address,
                    detail: Some(format!(
                        "{} {scope_code} {}..{}{}",
                        format.code(),
                        period.from,
                        period.to,
                        case_type.map(|t| format!(" {t}")).unwrap_or_default()
                    )),
                },
                who.at,
            )
        })
        .await?;
    let report = evaluation::build(period, &data, request.scope.disclosure());
    let mut scope = scope_name;
    if let Some(t) = case_type {
        scope = format!("{scope} · {}", l.label("case-type", t.as_str()));
    }
    let generated = l.text_with(
        "eval-generated",
        &[
            ("name", ctx.who.display_name.clone().into()),
            ("when", l.date_time(ctx.who.at).into()),
        ],
    );
    Ok(Prepared {
        report,
        scope,
        generated,
    })
}

/// The file name of a download: `evaluation-2026-01-01-2026-11-23.csv`.
pub fn file_name(report: &Report, extension: &str) -> String {
    format!(
        "evaluation-{}-{}.{extension}",
        report.period.from.format("%Y-%m-%d"),
        report.period.to.format("%Y-%m-%d")
    )
}

fn csv_response(l: Locale, prepared: &Prepared, params: &EvalParams) -> Response {
    let r = &prepared.report;
    let head = CsvHead {
        lines: vec![
            ("title", l.text("eval-title"), String::new()),
            ("scope", l.text("eval-csv-scope"), prepared.scope.clone()),
            ("from", l.text("eval-from"), r.period.from.to_string()),
            ("to", l.text("eval-to"), r.period.to.to_string()),
            (
                "case_type",
                l.text("eval-case-type"),
                params.case_type.clone(),
            ),
            (
                "disclosure",
                l.text("eval-csv-disclosure"),
                match r.disclosure {
                    evaluation::Disclosure::Exact => "exact".to_owned(),
                    evaluation::Disclosure::Protected => "protected".to_owned(),
                },
            ),
            (
                "generated",
                l.text("eval-csv-generated"),
                prepared.generated.clone(),
            ),
        ],
    };
    match csv_view::render(l, &head, &outline(l, r)) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file_name(r, "csv")),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

/// Renders the PDF on a blocking thread (layout and font subsetting are CPU work).
async fn pdf_response(
    state: &AppState,
    l: Locale,
    who: &crate::access::Principal,
    prepared: &Prepared,
    case_type: Option<crate::domain::CaseType>,
) -> Response {
    let (font_path, font_face) = (
        state.settings.report_font.clone(),
        state.settings.report_font_face,
    );
    let report = prepared.report.clone();
    let scope = prepared.scope.clone();
    let (name, at) = (who.display_name.clone(), who.at);
    let rendered = state
        .renders
        .run(move || {
            let font = ReportFont::configured(font_path.as_deref(), font_face, l)?;
            let pdf = EvaluationPdf {
                l,
                report: &report,
                scope: &scope,
                case_type: case_type.map(|t| l.label("case-type", t.as_str())),
                generated_by: &name,
                generated_at: at,
            };
            Ok::<_, crate::reports::fonts::FontError>(pdf.render(&font))
        })
        .await;
    let bytes = match rendered {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return AppError::internal(format!("report font: {e}")).into_response(),
        Err(e) => return e.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    file_name(&prepared.report, "pdf")
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
