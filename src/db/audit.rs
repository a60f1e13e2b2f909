//! The audit trail: append-only, written in the same transaction as what it records.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{audit_events, cases};
use super::{DbConnection, StoreResult, new_id};
use crate::code_enum;

code_enum! {
    /// What was done or attempted.
    pub enum AuditAction {
        SignIn => "sign_in",
        SignOut => "sign_out",
        PasswordChange => "password_change",
        SetupAdmin => "setup_admin",
        UserCreate => "user_create",
        UserDisable => "user_disable",
        OrganisationCreate => "organisation_create",
        TeamCreate => "team_create",
        TeamMemberAdd => "team_member_add",
        ClientCreate => "client_create",
        ClientSearch => "client_search",
        CaseCreate => "case_create",
        CaseList => "case_list",
        CaseView => "case_view",
        CaseUpdate => "case_update",
        CaseTransition => "case_transition",
        CaseAccessLog => "case_access_log",
        CaseReport => "case_report",
        AuditSearch => "audit_search",
        AdminAccess => "admin_access",
        CsrfRefused => "csrf_refused",
        RequestRefused => "request_refused",
        ReferralCreate => "referral_create",
        ReferralView => "referral_view",
        ReferralUpdate => "referral_update",
        SelfReferralCreate => "self_referral_create",
        ReceiptCheck => "receipt_check",
        AgreementCreate => "agreement_create",
        /// A service agreement was ended.
        AgreementRemove => "agreement_remove",
        /// An agency's approval policy for a case type was changed.
        ApprovalPolicyChange => "approval_policy_change",
        ResourceChange => "resource_change",
        OutboundReferral => "outbound_referral",
        CaseTransfer => "case_transfer",
        TransferView => "transfer_view",
        EvaluationView => "evaluation_view",
        EvaluationExport => "evaluation_export",
    }
}

code_enum! {
    /// A detail of an event that is a fixed word rather than data (ids, field
    /// names): stored as a code and translated where the trail is shown
    /// (`audit-detail-*` in the locale files), so nobody reads English literals.
    pub enum AuditDetail {
        /// A referral accepted into a case.
        Accepted => "accepted",
        /// A referral declined.
        Declined => "declined",
        /// The officer was asked for more information.
        InfoRequested => "info_requested",
        /// The officer answered.
        InfoAdded => "info_added",
        /// The outcome summary for the union was written.
        OutcomeSummary => "outcome_summary",
        /// A case opened from a referral.
        FromReferral => "from_referral",
        /// The intake record a referral filled in.
        Intake => "intake",
        /// The public form's hidden field was filled (a bot).
        Honeypot => "honeypot",
        /// Over the public form's rate limit.
        RateLimit => "rate_limit",
        /// The public form sent again with the same token: nothing new stored.
        Resubmitted => "resubmitted",
        /// A case read through its page.
        CasePage => "case_page",
        /// A case's transition log read.
        TransitionLog => "transition_log",
        /// A case's supervision notes read.
        SupervisionNotes => "supervision_notes",
        /// A case's transfers read.
        Transfers => "transfers",
    }
}

impl AuditDetail {
    /// The stored detail text.
    pub fn text(self) -> Option<String> {
        Some(self.as_str().to_owned())
    }
}

code_enum! {
    /// How it ended.
    pub enum Outcome {
        /// Done.
        Allowed => "allowed",
        /// Refused by access control or throttling.
        Refused => "refused",
        /// Attempted and failed (a wrong password, say).
        Failed => "failed",
    }
}

/// One stored event.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    /// Id.
    pub id: String,
    /// When, UTC.
    pub occurred_at: NaiveDateTime,
    /// Who, if known.
    pub actor_id: Option<String>,
    /// Action code.
    pub action: String,
    /// Outcome code.
    pub outcome: String,
    /// Kind of record concerned (`case`, `user`...).
    pub record_type: Option<String>,
    /// The record's id (for sign-in attempts: the login name tried).
    pub record_id: Option<String>,
    /// The case concerned, if any.
    pub case_id: Option<String>,
    /// The client's network address.
    pub client_address: String,
    /// Extra context (the section edited, the transition...), never case content.
    pub detail: Option<String>,
}

/// What to record; `record` fills the id and time.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Who.
    pub actor_id: Option<&'a str>,
    /// What.
    pub action: AuditAction,
    /// How it ended.
    pub outcome: Outcome,
    /// Kind of record.
    pub record_type: Option<&'a str>,
    /// Record id.
    pub record_id: Option<&'a str>,
    /// Case concerned.
    pub case_id: Option<&'a str>,
    /// From where.
    pub client_address: &'a str,
    /// Context.
    pub detail: Option<String>,
}

/// Appends one event.
pub fn record(conn: &mut DbConnection, entry: Entry<'_>, at: NaiveDateTime) -> StoreResult<()> {
    let event = AuditEvent {
        id: new_id(),
        occurred_at: at,
        actor_id: entry.actor_id.map(str::to_owned),
        action: entry.action.as_str().to_owned(),
        outcome: entry.outcome.as_str().to_owned(),
        record_type: entry.record_type.map(str::to_owned),
        record_id: entry.record_id.map(str::to_owned),
        case_id: entry.case_id.map(str::to_owned),
        client_address: entry.client_address.to_owned(),
        detail: entry.detail,
    };
    diesel::insert_into(audit_events::table)
        .values(&event)
        .execute(conn)?;
    Ok(())
}

/// Failed sign-ins since `since`, for one login name and for one address.
pub fn failed_sign_ins(
    conn: &mut DbConnection,
    username: &str,
    client_address: &str,
    since: NaiveDateTime,
) -> StoreResult<(i64, i64)> {
    let failed = || {
        audit_events::table
            .filter(audit_events::action.eq(AuditAction::SignIn.as_str()))
            .filter(audit_events::outcome.eq(Outcome::Failed.as_str()))
            .filter(audit_events::occurred_at.ge(since))
    };
    let by_name = failed()
        .filter(audit_events::record_id.eq(username))
        .count()
        .get_result(conn)?;
    let by_address = failed()
        .filter(audit_events::client_address.eq(client_address))
        .count()
        .get_result(conn)?;
    Ok((by_name, by_address))
}

/// Events of one action from one address since `since` (rate limits of public forms).
pub fn count_from_address(
    conn: &mut DbConnection,
    action: AuditAction,
    client_address: &str,
    since: NaiveDateTime,
) -> StoreResult<i64> {
    Ok(audit_events::table
        .filter(audit_events::action.eq(action.as_str()))
        .filter(audit_events::client_address.eq(client_address))
        .filter(audit_events::occurred_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Filters of an audit search.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only events by this user.
    pub actor_id: Option<String>,
    /// Only events on this case.
    pub case_id: Option<String>,
    /// Only this action.
    pub action: Option<AuditAction>,
    /// From this time on.
    pub from: Option<NaiveDateTime>,
    /// Before this time.
    pub to: Option<NaiveDateTime>,
}

/// Whose events a search may return.
#[derive(Debug, Clone)]
pub enum AuditScope {
    /// Everything (administrators).
    All,
    /// Events on cases of these teams within this agency (supervisors).
    Teams {
        /// The agency.
        organisation_id: String,
        /// The supervised teams.
        team_ids: Vec<String>,
    },
}

/// Most events one search returns.
pub const MAX_EVENTS: i64 = 500;

/// Searches the trail, newest first.
pub fn search(
    conn: &mut DbConnection,
    scope: &AuditScope,
    filter: &AuditFilter,
    limit: i64,
) -> StoreResult<Vec<AuditEvent>> {
    let mut query = audit_events::table.into_boxed();
    if let AuditScope::Teams {
        organisation_id,
        team_ids,
    } = scope
    {
        let in_scope = cases::table
            .filter(cases::organisation_id.eq(organisation_id.clone()))
            .filter(cases::team_id.eq_any(team_ids.clone()))
            .select(cases::id.nullable());
        query = query.filter(audit_events::case_id.eq_any(in_scope));
    }
    if let Some(actor) = &filter.actor_id {
        query = query.filter(audit_events::actor_id.eq(actor.clone()));
    }
    if let Some(case_id) = &filter.case_id {
        query = query.filter(audit_events::case_id.eq(case_id.clone()));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_events::action.eq(action.as_str()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_events::occurred_at.lt(to));
    }
    Ok(query
        .order((audit_events::occurred_at.desc(), audit_events::id.desc()))
        .limit(limit.clamp(1, MAX_EVENTS))
        .select(AuditEvent::as_select())
        .load(conn)?)
}
