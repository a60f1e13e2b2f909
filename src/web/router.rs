//! Every route of the application, in one list, each with its access policy.
//!
//! Routes can only be added through [`Routes::add`], which requires a
//! [`Policy`] for every method; `tests/access_matrix.rs` walks [`route_table`]
//! and checks each route for every role, so a new route cannot slip in without
//! an access decision.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::middleware;
use axum::routing::{MethodRouter, get, post, put};
use tower_http::trace::TraceLayer;

use super::{
    AppState, admin, audit, audit_page, auth, cases, clients, health, outbound, pages, records,
    resources, security, supervision, transfers, transitions,
};
use crate::error::{AppError, render_errors};

/// Who may call a route (the handler enforces it through `crate::access`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Social workers and supervisors.
    CaseStaff,
    /// Those who may read the case in the path.
    CaseView,
    /// Those who may change the case in the path.
    CaseEdit,
    /// Those who may move the case in the path.
    CaseTransition,
    /// Supervisors of the case in the path, and administrators.
    CaseAccessLog,
    /// Supervisors (their teams) and administrators.
    AuditSearch,
    /// Administrators.
    Admin,
    /// Union officers (their union's referrals) and case staff (their agency's queue).
    Referrals,
    /// Union officers.
    UnionOfficer,
    /// Those who may read the referral in the path: the receiving agency's case
    /// staff, and the officers of the referring union and the unions above it.
    ReferralView,
    /// The receiving agency's case staff (officers who follow it: forbidden).
    ReferralDecide,
    /// Officers of the referring union (agency staff: forbidden).
    ReferralAnswer,
    /// Supervisors of the case in the path who do not hold it (notes), or any of
    /// its supervisors (reassignment).
    CaseSupervise,
    /// Supervisors (their teams' queue and oversight).
    Supervision,
    /// Administrators and supervisors (their agency's approval policies).
    ApprovalSettings,
    /// Supervisors of the case in the path (direct reassignment).
    CaseReassign,
    /// The receiving side of the transfer in the path: its named worker, or the
    /// receiving agency's supervisors when it names none.
    TransferDecide,
    /// Supervisors (their agency or teams) and union officers (their union's
    /// protected roll-up): `crate::access::evaluation_scope`.
    Evaluation,
}

/// One route and its policy.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    /// HTTP method.
    pub method: Method,
    /// Path pattern, e.g. `/api/cases/{id}`.
    pub path: &'static str,
    /// Access policy.
    pub policy: Policy,
}

/// A router under construction that remembers every route's policy.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    fn add(
        mut self,
        path: &'static str,
        handlers: MethodRouter<AppState>,
        policies: &[(Method, Policy)],
    ) -> Self {
        for (method, policy) in policies {
            self.table.push(RouteInfo {
                method: method.clone(),
                path,
                policy: *policy,
            });
        }
        self.router = self.router.route(path, handlers);
        self
    }
}

fn routes() -> Routes {
    use Method as M;
    use Policy::*;
    Routes::new()
        .add("/", get(super::screens::home::home), &[(M::GET, Public)])
        .add("/healthz", get(health::healthz), &[(M::GET, Public)])
        .add(
            "/language/{tag}",
            get(pages::switch_language),
            &[(M::GET, Public)],
        )
        .add(
            "/static/app.css",
            get(pages::stylesheet),
            &[(M::GET, Public)],
        )
        .add(
            "/sign-in",
            get(pages::sign_in_form).post(pages::sign_in_submit),
            &[(M::GET, Public), (M::POST, Public)],
        )
        .add(
            "/sign-out",
            post(pages::sign_out_submit),
            &[(M::POST, SignedIn)],
        )
        .add(
            "/setup/{token}",
            get(pages::setup_form).post(pages::setup_submit),
            &[(M::GET, Public), (M::POST, Public)],
        )
        .add(
            "/api/session",
            post(auth::create).get(auth::show).delete(auth::delete),
            &[(M::POST, Public), (M::GET, SignedIn), (M::DELETE, SignedIn)],
        )
        .add(
            "/api/session/password",
            put(auth::change_password),
            &[(M::PUT, SignedIn)],
        )
        .add(
            "/api/clients",
            post(clients::create),
            &[(M::POST, CaseStaff)],
        )
        .add(
            "/api/clients/duplicates",
            get(clients::duplicates),
            &[(M::GET, CaseStaff)],
        )
        .add(
            "/api/cases",
            get(cases::list).post(cases::create),
            &[(M::GET, CaseStaff), (M::POST, CaseStaff)],
        )
        .add("/api/cases/{id}", get(cases::show), &[(M::GET, CaseView)])
        .add(
            "/api/cases/{id}/intake",
            put(records::put_intake),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/assessment",
            put(records::put_assessment),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/contract",
            put(records::put_contract),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/sessions",
            post(records::post_session),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/closure",
            put(records::put_closure),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/details",
            put(records::put_details),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/transitions",
            get(transitions::list).post(transitions::post),
            &[(M::GET, CaseView), (M::POST, CaseTransition)],
        )
        .add(
            "/api/cases/{id}/access-log",
            get(audit::case_access_log),
            &[(M::GET, CaseAccessLog)],
        )
        // --- screens: home, case list, new case (lists) ---
        .add(
            "/cases",
            get(super::screens::case_list::list),
            &[(M::GET, CaseStaff)],
        )
        .add(
            "/cases/new",
            get(super::screens::new_case::form).post(super::screens::new_case::create),
            &[(M::GET, CaseStaff), (M::POST, CaseStaff)],
        )
        // --- end lists ---
        // --- screens: case page and stage forms (cases) ---
        .add(
            "/cases/{id}",
            get(super::screens::case_page::show),
            &[(M::GET, CaseView)],
        )
        .add(
            "/cases/{id}/intake",
            post(super::screens::stage_forms::post_intake),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/assessment",
            post(super::screens::stage_forms::post_assessment),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/contract",
            post(super::screens::stage_forms::post_contract),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/sessions",
            post(super::screens::stage_forms::post_session),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/closure",
            post(super::screens::stage_forms::post_closure),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/details",
            post(super::screens::stage_forms::post_details),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/transitions",
            post(super::screens::stage_forms::post_transition),
            &[(M::POST, CaseTransition)],
        )
        // --- end cases ---
        // --- referrals in (officers, intake queue, public form, notifications) ---
        .add(
            "/referrals",
            get(super::screens::referrals::list),
            &[(M::GET, Referrals)],
        )
        .add(
            "/referrals/new",
            get(super::screens::referrals::new_form).post(super::screens::referrals::create),
            &[(M::GET, UnionOfficer), (M::POST, UnionOfficer)],
        )
        .add(
            "/referrals/{id}",
            get(super::screens::referrals::show),
            &[(M::GET, ReferralView)],
        )
        .add(
            "/referrals/{id}/accept",
            post(super::screens::referrals::accept),
            &[(M::POST, ReferralDecide)],
        )
        .add(
            "/referrals/{id}/decline",
            post(super::screens::referrals::decline),
            &[(M::POST, ReferralDecide)],
        )
        .add(
            "/referrals/{id}/request-info",
            post(super::screens::referrals::request_info),
            &[(M::POST, ReferralDecide)],
        )
        .add(
            "/referrals/{id}/add-info",
            post(super::screens::referrals::add_info),
            &[(M::POST, ReferralAnswer)],
        )
        .add(
            "/referrals/{id}/outcome",
            post(super::screens::referrals::outcome),
            &[(M::POST, ReferralDecide)],
        )
        .add(
            "/help",
            get(super::screens::self_referral::form).post(super::screens::self_referral::submit),
            &[(M::GET, Public), (M::POST, Public)],
        )
        .add(
            "/help/status",
            get(super::screens::self_referral::status_form)
                .post(super::screens::self_referral::status_check),
            &[(M::GET, Public), (M::POST, Public)],
        )
        .add(
            "/notifications",
            get(super::screens::notifications::list),
            &[(M::GET, SignedIn)],
        )
        .add(
            "/notifications/read",
            post(super::screens::notifications::read),
            &[(M::POST, SignedIn)],
        )
        // --- end referrals in ---
        // --- case report (pdf) ---
        .add(
            "/cases/{id}/report.pdf",
            get(super::case_report::download),
            &[(M::GET, CaseView)],
        )
        // --- end case report ---
        // --- supervision: approvals, notes, reassignment, oversight ---
        .add(
            "/api/approvals",
            get(supervision::approvals::list),
            &[(M::GET, Supervision)],
        )
        .add(
            "/approvals",
            get(supervision::approvals::page),
            &[(M::GET, Supervision)],
        )
        .add(
            "/api/team",
            get(supervision::team::overview),
            &[(M::GET, Supervision)],
        )
        .add(
            "/team",
            get(supervision::team::page),
            &[(M::GET, Supervision)],
        )
        .add(
            "/api/approval-policies",
            get(supervision::policies::list).put(supervision::policies::put),
            &[(M::GET, ApprovalSettings), (M::PUT, ApprovalSettings)],
        )
        .add(
            "/settings/approvals",
            get(supervision::policies::page).post(supervision::policies::submit),
            &[(M::GET, ApprovalSettings), (M::POST, ApprovalSettings)],
        )
        .add(
            "/api/cases/{id}/notes",
            get(supervision::notes::list).post(supervision::notes::create),
            &[(M::GET, CaseView), (M::POST, CaseSupervise)],
        )
        .add(
            "/cases/{id}/notes",
            post(supervision::notes::submit),
            &[(M::POST, CaseSupervise)],
        )
        .add(
            "/api/cases/{id}/assignment",
            post(supervision::reassign::post),
            &[(M::POST, CaseSupervise)],
        )
        .add(
            "/cases/{id}/assignment",
            post(supervision::reassign::submit),
            &[(M::POST, CaseSupervise)],
        )
        // --- end supervision ---
        // --- referrals out, resource directory, transfers (outbound) ---
        .add(
            "/api/resources",
            get(resources::list).post(resources::create),
            &[(M::GET, SignedIn), (M::POST, Admin)],
        )
        .add(
            "/api/resources/{id}",
            put(resources::update),
            &[(M::PUT, Admin)],
        )
        .add(
            "/resources",
            get(super::screens::resources::list).post(super::screens::resources::create),
            &[(M::GET, SignedIn), (M::POST, Admin)],
        )
        .add(
            "/resources/new",
            get(super::screens::resources::new_form),
            &[(M::GET, Admin)],
        )
        .add(
            "/resources/{id}",
            get(super::screens::resources::edit_form).post(super::screens::resources::update),
            &[(M::GET, Admin), (M::POST, Admin)],
        )
        .add(
            "/api/cases/{id}/outbound-referrals",
            post(outbound::create),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/outbound-referrals/{rid}",
            put(outbound::update),
            &[(M::PUT, CaseEdit)],
        )
        .add(
            "/cases/{id}/outbound-referrals",
            post(super::screens::outbound::post_new),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/outbound-referrals/{rid}",
            post(super::screens::outbound::post_update),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/transfers",
            get(transfers::history).post(transfers::request),
            &[(M::GET, CaseView), (M::POST, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/transfers/cancel",
            post(transfers::cancel),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/api/cases/{id}/reassign",
            post(transfers::reassign),
            &[(M::POST, CaseReassign)],
        )
        .add(
            "/api/transfers",
            get(transfers::mine),
            &[(M::GET, CaseStaff)],
        )
        .add(
            "/api/transfers/{id}/accept",
            post(transfers::accept),
            &[(M::POST, TransferDecide)],
        )
        .add(
            "/api/transfers/{id}/decline",
            post(transfers::decline),
            &[(M::POST, TransferDecide)],
        )
        .add(
            "/cases/{id}/transfers",
            post(super::screens::transfers::post_request),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/transfers/cancel",
            post(super::screens::transfers::post_cancel),
            &[(M::POST, CaseEdit)],
        )
        .add(
            "/cases/{id}/reassign",
            post(super::screens::transfers::post_reassign),
            &[(M::POST, CaseReassign)],
        )
        .add(
            "/transfers",
            get(super::screens::transfers::list),
            &[(M::GET, CaseStaff)],
        )
        .add(
            "/transfers/{id}/accept",
            post(super::screens::transfers::post_accept),
            &[(M::POST, TransferDecide)],
        )
        .add(
            "/transfers/{id}/decline",
            post(super::screens::transfers::post_decline),
            &[(M::POST, TransferDecide)],
        )
        // --- end outbound ---
        // --- scale: benchmark baselines (404 unless `serve --bench-endpoints`) ---
        .add(
            "/bench/plaintext",
            get(super::bench::plaintext),
            &[(M::GET, Public)],
        )
        .add(
            "/bench/fortunes",
            get(super::bench::fortunes),
            &[(M::GET, Public)],
        )
        // --- end scale ---
        // --- evaluation report ---
        .add(
            "/reports/evaluation",
            get(super::screens::evaluation::screen),
            &[(M::GET, Evaluation)],
        )
        .add(
            "/reports/evaluation.csv",
            get(super::screens::evaluation::csv),
            &[(M::GET, Evaluation)],
        )
        .add(
            "/reports/evaluation.pdf",
            get(super::screens::evaluation::pdf),
            &[(M::GET, Evaluation)],
        )
        // --- end evaluation report ---
        .add("/api/audit", get(audit::search), &[(M::GET, AuditSearch)])
        .add(
            "/audit",
            get(audit_page::search_page),
            &[(M::GET, AuditSearch)],
        )
        .add(
            "/cases/{id}/access-log",
            get(audit_page::case_access_page),
            &[(M::GET, CaseAccessLog)],
        )
        .add(
            "/api/admin/organisations",
            post(admin::create_organisation),
            &[(M::POST, Admin)],
        )
        .add(
            "/api/admin/teams",
            post(admin::create_team),
            &[(M::POST, Admin)],
        )
        .add(
            "/api/admin/teams/{id}/members",
            post(admin::add_member),
            &[(M::POST, Admin)],
        )
        .add(
            "/api/admin/service-agreements",
            post(admin::create_agreement),
            &[(M::POST, Admin)],
        )
        .add(
            "/admin/service-agreements",
            get(super::screens::agreements::list).post(super::screens::agreements::add),
            &[(M::GET, Admin), (M::POST, Admin)],
        )
        .add(
            "/admin/service-agreements/remove",
            post(super::screens::agreements::remove),
            &[(M::POST, Admin)],
        )
        .add(
            "/api/admin/users",
            post(admin::create_user),
            &[(M::POST, Admin)],
        )
        .add(
            "/api/admin/users/{id}/disable",
            post(admin::disable_user),
            &[(M::POST, Admin)],
        )
}

/// Every route with its policy, for the access-matrix test and the docs.
pub fn route_table() -> Vec<RouteInfo> {
    routes().table
}

/// Builds the application with its middleware.
pub fn router(state: AppState) -> Router {
    let body_limit = usize::try_from(state.settings.max_body_bytes).unwrap_or(usize::MAX);
    routes()
        .router
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::audit_refused_requests,
        ))
        // Outside everything that can answer with an AppError, so every such answer gets its body.
        .layer(middleware::from_fn(render_errors))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
