//! Referral screens: the officer's list and form, the agency's intake queue, one
//! referral with its history and the actions open to the reader.
//!
//! What an officer reads here is what the officer wrote, what the agency wrote
//! back to them, and a status derived from the case's stage: never the case.

use maud::{Markup, html};

use crate::access::Principal;
use crate::db::case_queries::ClientMatch;
use crate::db::referrals::{QueuePage, Referral, ReferralEvent, ReferralRow};
use crate::domain::referral::{ReferralStatus, UnionStatus};
use crate::domain::validation::FieldError;
use crate::domain::vocab::{CaseType, Gender, Urgency};
use crate::i18n::{Arg, Locale};
use crate::views::components::{
    code_select, csrf_field, field_errors, text_area, text_input, typed_input,
};
use crate::views::layout::urlencoding;
use crate::views::stage_forms::FormValues;

/// The status shown for a row: officers see the union status, staff the queue status.
fn status_badge(l: Locale, row: &ReferralRow, for_union: bool) -> Markup {
    let status: ReferralStatus = row
        .referral
        .status
        .parse()
        .unwrap_or(ReferralStatus::Received);
    let code = if for_union {
        UnionStatus::of(status, row.case_stage).as_str()
    } else {
        status.as_str()
    };
    let prefix = if for_union {
        "referral-union-status"
    } else {
        "referral-status"
    };
    html! { span class={ "badge status-" (code) } { (l.label(prefix, code)) } }
}

fn source_label(l: Locale, row: &ReferralRow) -> String {
    match &row.union_name {
        Some(name) => name.clone(),
        None => l.text("referral-source-self"),
    }
}

/// First characters of a long text, for list rows.
fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// `GET /referrals` for a union officer: their union's referrals and those below it.
pub fn officer_list(l: Locale, rows: &[ReferralRow], may_refer: bool) -> Markup {
    html! {
        div.screen-referrals {
            div.title-row {
                h1 { (l.text("referrals-officer-title")) }
                @if may_refer {
                    a.button href="/referrals/new" { (l.text("referrals-new")) }
                }
            }
            p.hint { (l.text("referrals-officer-hint")) }
            @if rows.is_empty() {
                p.muted { (l.text("referrals-none")) }
            } @else {
                table.list {
                    thead { tr {
                        th { (l.text("referrals-col-received")) }
                        th { (l.text("referrals-col-member")) }
                        th { (l.text("referrals-col-union")) }
                        th { (l.text("referrals-col-agency")) }
                        th { (l.text("referrals-col-status")) }
                    } }
                    tbody {
                        @for row in rows {
                            tr {
                                td { (l.day_of(row.referral.created_at)) }
                                td { a href={ "/referrals/" (row.referral.id) } { (row.referral.member_name) } }
                                td { (source_label(l, row)) }
                                td { (row.agency_name) }
                                td { (status_badge(l, row, true)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /referrals` for case staff: the agency's intake queue and what was decided lately.
pub fn staff_list(
    l: Locale,
    queue: &QueuePage,
    first_page: bool,
    decided: &[ReferralRow],
) -> Markup {
    html! {
        div.screen-referrals {
            h1 { (l.text("referrals-queue-title")) }
            p.hint { (l.text("referrals-queue-hint")) }
            @if queue.waiting > 0 {
                p #queue-count role="status" {
                    (l.text_with("referrals-queue-waiting", &[("count", Arg::Number(queue.waiting))]))
                }
            }
            @if queue.rows.is_empty() {
                p.muted { (l.text("referrals-queue-empty")) }
            } @else {
                table.list #queue {
                    thead { tr {
                        th { (l.text("referrals-col-urgency")) }
                        th { (l.text("referrals-col-member")) }
                        th { (l.text("referrals-col-from")) }
                        th { (l.text("referrals-col-concern")) }
                        th { (l.text("referrals-col-received")) }
                        th { (l.text("referrals-col-status")) }
                    } }
                    tbody {
                        @for row in &queue.rows {
                            tr {
                                td { span class={ "badge urgency-" (row.referral.urgency) } { (l.label("case-urgency", &row.referral.urgency)) } }
                                td { a href={ "/referrals/" (row.referral.id) } { (row.referral.member_name) } }
                                td { (source_label(l, row)) }
                                td { (excerpt(&row.referral.concern, 60)) }
                                td { (l.date_time(row.referral.created_at)) }
                                td { (status_badge(l, row, false)) }
                            }
                        }
                    }
                }
            }
            @if queue.next.is_some() || !first_page {
                nav.pager aria-label=(l.text("referrals-queue-pages")) {
                    @if !first_page {
                        a href="/referrals" { (l.text("referrals-queue-first")) }
                    }
                    @if let Some(next) = &queue.next {
                        a rel="next" href={ "/referrals?after=" (urlencoding(next)) } { (l.text("referrals-queue-next")) }
                    }
                }
            }
            h2 { (l.text("referrals-decided-title")) }
            @if decided.is_empty() {
                p.muted { (l.text("referrals-none")) }
            } @else {
                table.list #decided {
                    thead { tr {
                        th { (l.text("referrals-col-member")) }
                        th { (l.text("referrals-col-from")) }
                        th { (l.text("referrals-col-status")) }
                        th { (l.text("referrals-col-case")) }
                    } }
                    tbody {
                        @for row in decided {
                            tr {
                                td { a href={ "/referrals/" (row.referral.id) } { (row.referral.member_name) } }
                                td { (source_label(l, row)) }
                                td { (status_badge(l, row, false)) }
                                td {
                                    @if let (Some(case_id), Some(reference)) = (&row.referral.case_id, &row.case_reference) {
                                        a href={ "/cases/" (case_id) } { (reference) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The officer's referral form.
pub fn new_form(
    l: Locale,
    who: &Principal,
    agencies: &[(String, String)],
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let types: Vec<&str> = CaseType::ALL.iter().map(|c| c.as_str()).collect();
    let urgencies: Vec<&str> = Urgency::ALL.iter().map(|c| c.as_str()).collect();
    let genders: Vec<&str> = Gender::ALL.iter().map(|c| c.as_str()).collect();
    let v = |name: &str| values.get(name).to_owned();
    html! {
        div.screen-referrals {
            h1 { (l.text("referrals-new-title")) }
            p.hint { (l.text("referrals-new-hint")) }
            @if agencies.is_empty() {
                p.notice role="status" { (l.text("referrals-no-agency")) }
            } @else {
                form.stage-form method="post" action="/referrals/new" novalidate {
                    (csrf_field(who))
                    (id_select(l, errors, "referral.agency_id", "agency_id", &l.text("referrals-agency"),
                        agencies, values.get("agency_id"), agencies.len() > 1))
                    fieldset {
                        legend { (l.text("referrals-member")) }
                        (text_input(l, errors, "referral.member_name", "member_name", &l.text("referrals-member-name"), &v("member_name")))
                        div.pair {
                            (text_input(l, errors, "referral.member_phone", "member_phone", &l.text("referrals-member-phone"), &v("member_phone")))
                            (text_input(l, errors, "referral.contact_time", "contact_time", &l.text("referrals-contact-time"), &v("contact_time")))
                        }
                        div.pair {
                            (code_select(l, errors, "referral.member_gender", "member_gender", &l.text("referrals-member-gender"), "case-gender", &genders, Some(values.get("member_gender"))))
                            (typed_input(l, errors, "referral.member_birth_year", "member_birth_year", &l.text("referrals-member-birth-year"), &v("member_birth_year"), "number", Some(("1900", "2100"))))
                        }
                        (text_input(l, errors, "referral.member_employer", "member_employer", &l.text("referrals-member-employer"), &v("member_employer")))
                    }
                    (text_area(l, errors, "referral.concern", "concern", &l.text("referrals-concern"), &v("concern")))
                    div.pair {
                        (code_select(l, errors, "referral.suggested_type", "suggested_type", &l.text("referrals-suggested-type"), "case-type", &types, Some(values.get("suggested_type"))))
                        (code_select(l, errors, "referral.urgency", "urgency", &l.text("referrals-urgency"), "case-urgency", &urgencies, Some(values.get("urgency"))))
                    }
                    fieldset {
                        legend { (l.text("referrals-consent")) }
                        p.hint { (l.text("referrals-consent-hint")) }
                        div.pair {
                            (text_input(l, errors, "referral.consent_by", "consent_by", &l.text("referrals-consent-by"), &v("consent_by")))
                            (typed_input(l, errors, "referral.consent_on", "consent_on", &l.text("referrals-consent-on"), &v("consent_on"), "date", None))
                        }
                    }
                    button type="submit" { (l.text("referrals-send")) }
                }
            }
        }
    }
}

/// Everything one referral page shows, and what the reader may do.
pub struct ReferralPage<'a> {
    /// The reader.
    pub who: &'a Principal,
    /// The referral with names and the case's stage.
    pub row: &'a ReferralRow,
    /// Its history with the actors' names.
    pub history: &'a [(ReferralEvent, Option<String>)],
    /// The reader follows it for a union (sees the union status, never the case).
    pub for_union: bool,
    /// The reader may accept, decline or ask.
    pub may_decide: bool,
    /// The reader may answer a question.
    pub may_answer: bool,
    /// The reader may write the outcome summary.
    pub may_write_outcome: bool,
    /// For accepting: clients the agency knows with this name or phone.
    pub matches: &'a [ClientMatch],
    /// For accepting: the reader's teams.
    pub teams: &'a [(String, String)],
    /// For accepting: the agency's workers.
    pub staff: &'a [(String, String)],
    /// What was typed in a refused action, and its problems.
    pub values: &'a FormValues,
    /// Problems of the refused action.
    pub errors: &'a [FieldError],
    /// Why the action was refused, when it is not a field's fault.
    pub notice: Option<&'a str>,
}

/// `GET /referrals/{id}`.
pub fn show(l: Locale, p: &ReferralPage<'_>) -> Markup {
    let r: &Referral = &p.row.referral;
    let status: ReferralStatus = r.status.parse().unwrap_or(ReferralStatus::Received);
    html! {
        div.screen-referrals.referral {
            div.title-row {
                h1 { (r.member_name) }
                (status_badge(l, p.row, p.for_union))
            }
            @if let Some(notice) = p.notice {
                p.notice role="alert" { (notice) }
            }
            dl.summary {
                (row(&l.text("referrals-col-from"), Some(&source_label(l, p.row))))
                (row(&l.text("referrals-agency"), Some(&p.row.agency_name)))
                (row(&l.text("referrals-col-received"), Some(&l.date_time(r.created_at))))
                (row(&l.text("referrals-urgency"), Some(&l.label("case-urgency", &r.urgency))))
                (row(&l.text("referrals-suggested-type"), r.suggested_type.as_deref().map(|t| l.label("case-type", t)).as_deref()))
                (row(&l.text("referrals-member-phone"), r.member_phone.as_deref()))
                (row(&l.text("referrals-contact-time"), r.contact_time.as_deref()))
                (row(&l.text("referrals-member-gender"), r.member_gender.as_deref().map(|g| l.label("case-gender", g)).as_deref()))
                (row(&l.text("referrals-member-birth-year"), r.member_birth_year.map(|y| y.to_string()).as_deref()))
                (row(&l.text("referrals-member-employer"), r.member_employer.as_deref()))
                (row(&l.text("referrals-consent"), Some(&l.text_with("referrals-consent-given", &[
                    ("who", consent_by(l, r).into()),
                    ("date", l.date(r.consent_on).into()),
                ]))))
                div.row { dt { (l.text("referrals-concern")) } dd.text { (r.concern) } }
                @if let Some(summary) = &r.outcome_summary {
                    div.row { dt { (l.text("referrals-outcome")) } dd.text { (summary) } }
                }
                @if !p.for_union {
                    @if let (Some(case_id), Some(reference)) = (&r.case_id, &p.row.case_reference) {
                        div.row { dt { (l.text("referrals-col-case")) } dd { a href={ "/cases/" (case_id) } { (reference) } } }
                    }
                }
            }
            h2 { (l.text("referrals-history")) }
            ol.timeline {
                @for (event, actor) in p.history {
                    li {
                        p.when { (l.date_time(event.occurred_at)) @if let Some(name) = actor { " · " (name) } }
                        p { strong { (l.label("referral-event", &event.kind)) } }
                        @if let Some(note) = &event.note { p.text { (note) } }
                    }
                }
            }
            @if p.may_decide && status.is_open() {
                (decide_forms(l, p))
            }
            @if p.may_answer && status == ReferralStatus::InfoRequested {
                section.actions {
                    h2 { (l.text("referrals-answer-title")) }
                    form.stage-form method="post" action={ "/referrals/" (r.id) "/add-info" } novalidate {
                        (csrf_field(p.who))
                        input type="hidden" name="version" value=(r.version);
                        (text_area(l, p.errors, "referral.answer", "answer", &l.text("referrals-answer"), p.values.get("answer")))
                        button type="submit" { (l.text("referrals-answer-send")) }
                    }
                }
            }
            @if p.may_write_outcome && status == ReferralStatus::Accepted {
                section.actions {
                    h2 { (l.text("referrals-outcome-title")) }
                    p.hint { (l.text("referrals-outcome-hint")) }
                    form.stage-form method="post" action={ "/referrals/" (r.id) "/outcome" } novalidate {
                        (csrf_field(p.who))
                        input type="hidden" name="version" value=(r.version);
                        @let typed = if p.values.names().contains(&"outcome_summary") {
                            p.values.get("outcome_summary").to_owned()
                        } else {
                            r.outcome_summary.clone().unwrap_or_default()
                        };
                        (text_area(l, p.errors, "referral.outcome_summary", "outcome_summary", &l.text("referrals-outcome"), &typed))
                        button type="submit" { (l.text("referrals-outcome-save")) }
                    }
                }
            }
        }
    }
}

fn consent_by(l: Locale, r: &Referral) -> String {
    if r.is_self_referral() {
        l.text("referrals-consent-self")
    } else {
        r.consent_by.clone()
    }
}

fn decide_forms(l: Locale, p: &ReferralPage<'_>) -> Markup {
    let r = &p.row.referral;
    let types: Vec<&str> = CaseType::ALL.iter().map(|c| c.as_str()).collect();
    let chosen_type = if p.values.get("case_type").is_empty() {
        r.suggested_type.clone().unwrap_or_default()
    } else {
        p.values.get("case_type").to_owned()
    };
    let chosen_client = p.values.get("client");
    let default_worker = if p.values.get("assigned_worker_id").is_empty()
        && p.who.role == crate::domain::Role::SocialWorker
    {
        p.who.user_id.clone()
    } else {
        p.values.get("assigned_worker_id").to_owned()
    };
    html! {
        section.actions #accept {
            h2 { (l.text("referrals-accept-title")) }
            form.stage-form method="post" action={ "/referrals/" (r.id) "/accept" } novalidate {
                (csrf_field(p.who))
                input type="hidden" name="version" value=(r.version);
                fieldset.choices {
                    legend { (l.text("referrals-accept-client")) }
                    @if !p.matches.is_empty() {
                        p.notice { (l.text("referrals-accept-matches")) }
                    }
                    @for m in p.matches {
                        div.field.check {
                            input type="radio" name="client" id={ "client-" (m.client.id) } value=(m.client.id)
                                checked[chosen_client == m.client.id];
                            label for={ "client-" (m.client.id) } {
                                (m.client.full_name)
                                @if let Some(phone) = &m.client.phone { " · " (phone) }
                                @if let Some(year) = m.client.birth_year { " · " (year) }
                                @for c in &m.open_cases {
                                    " · " (c.reference) " (" (l.label("stage", &c.stage)) ")"
                                }
                            }
                        }
                    }
                    div.field.check {
                        input type="radio" name="client" id="client-new" value="new"
                            checked[chosen_client == "new" || (chosen_client.is_empty() && p.matches.is_empty())];
                        label for="client-new" { (l.text("referrals-accept-new-client")) }
                    }
                    (field_errors(l, p.errors, "referral.client"))
                }
                (code_select(l, p.errors, "case.case_type", "case_type", &l.text("referrals-accept-type"), "case-type", &types, Some(&chosen_type)))
                div.pair {
                    (id_select(l, p.errors, "case.team_id", "team_id", &l.text("referrals-accept-team"), p.teams, p.values.get("team_id"), true))
                    (id_select(l, p.errors, "case.assigned_worker_id", "assigned_worker_id", &l.text("referrals-accept-worker"), p.staff, &default_worker, true))
                }
                button type="submit" { (l.text("referrals-accept")) }
            }
        }
        // A self-referral has no officer to ask (`referrals::request_info` refuses it too).
        @if !r.is_self_referral() {
            section.actions #ask {
                h2 { (l.text("referrals-ask-title")) }
                form.stage-form method="post" action={ "/referrals/" (r.id) "/request-info" } novalidate {
                    (csrf_field(p.who))
                    input type="hidden" name="version" value=(r.version);
                    (text_area(l, p.errors, "referral.question", "question", &l.text("referrals-question"), p.values.get("question")))
                    button.secondary type="submit" { (l.text("referrals-ask")) }
                }
            }
        }
        section.actions #decline {
            h2 { (l.text("referrals-decline-title")) }
            form.stage-form method="post" action={ "/referrals/" (r.id) "/decline" } novalidate {
                (csrf_field(p.who))
                input type="hidden" name="version" value=(r.version);
                (text_area(l, p.errors, "referral.reason", "reason", &l.text("referrals-reason"), p.values.get("reason")))
                button.danger type="submit" { (l.text("referrals-decline")) }
            }
        }
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one attribute of the field"
)]
fn id_select(
    l: Locale,
    errors: &[FieldError],
    field: &str,
    name: &str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
    allow_none: bool,
) -> Markup {
    let id = crate::views::components::field_id(field);
    html! {
        div.field.invalid[errors.iter().any(|e| e.field == field)] {
            label for=(id) { (label) }
            select id=(id) name=(name) {
                @if allow_none { option value="" { "—" } }
                @for (value, text) in options {
                    option value=(value) selected[selected == value] { (text) }
                }
            }
            (field_errors(l, errors, field))
        }
    }
}

fn row(label: &str, value: Option<&str>) -> Markup {
    html! {
        @if let Some(v) = value.filter(|v| !v.is_empty()) {
            div.row { dt { (label) } dd { (v) } }
        }
    }
}
