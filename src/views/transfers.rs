//! Transfers: the case page's "who holds the case" section (ask for a
//! transfer, withdraw it, or, for a supervisor, reassign within their teams),
//! and the `/transfers` screen where the receiving side accepts or declines.

use std::collections::HashMap;

use maud::{Markup, html};

use super::components::csrf_field;
use super::outbound::labelled;
use super::stage_forms::FormValues;
use crate::access::Principal;
use crate::db::transfers::{IncomingTransfer, OutgoingTransfer, StaffMember, TransferEntry};
use crate::domain::validation::FieldError;
use crate::i18n::Locale;

/// One receiving agency in the transfer form, with its workers.
#[derive(Debug, Clone)]
pub struct TargetAgency {
    /// Organisation id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The case's own agency (a worker must be named).
    pub own: bool,
    /// Whether it has supervisors to decide a transfer that names nobody.
    pub has_supervisors: bool,
    /// Its active workers (the case's current worker left out).
    pub workers: Vec<StaffMember>,
}

/// What the case page's transfer section shows.
#[derive(Debug, Clone, Default)]
pub struct TransferPanel {
    /// The open transfer, if any.
    pub pending: Option<TransferEntry>,
    /// The reader may ask for a transfer or withdraw one (and the case is open).
    pub may_request: bool,
    /// The reader may withdraw the open transfer.
    pub may_cancel: bool,
    /// The reader may reassign within their teams (and the case is open).
    pub may_reassign: bool,
    /// Where the case may go.
    pub targets: Vec<TargetAgency>,
    /// Who it may be reassigned to: (worker, team id, team name).
    pub reassign_to: Vec<(StaffMember, String, String)>,
}

/// The value of the transfer form's target select: `org` or `org/worker`.
pub fn target_value(org: &str, worker: Option<&str>) -> String {
    match worker {
        Some(w) => format!("{org}/{w}"),
        None => org.to_owned(),
    }
}

/// The form that asks for a transfer.
pub fn request_form(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    targets: &[TargetAgency],
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let chosen = values.get("target");
    let target_errors: Vec<FieldError> = errors
        .iter()
        .filter(|e| e.field.starts_with("transfer.to_"))
        .map(|e| FieldError {
            field: "transfer.target".into(),
            problem: e.problem,
        })
        .chain(errors.iter().cloned())
        .collect();
    html! {
        form.transfer-request method="post" action={ "/cases/" (case_id) "/transfers" } {
            (csrf_field(who))
            input type="hidden" name="version" value=(version);
            (labelled(l, &target_errors, "transfer.target", "transfer-target", &l.text("transfer-target"), |d| html! {
                select id="transfer-target" name="target" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                    option value="" { "—" }
                    @for a in targets {
                        @if !a.workers.is_empty() || (!a.own && a.has_supervisors) {
                            optgroup label=(if a.own { l.text_with("transfer-own-agency", &[("agency", a.name.clone().into())]) } else { a.name.clone() }) {
                                @if !a.own && a.has_supervisors {
                                    @let v = target_value(&a.id, None);
                                    option value=(v) selected[chosen == v] {
                                        (l.text_with("transfer-to-agency", &[("agency", a.name.clone().into())]))
                                    }
                                }
                                @for w in &a.workers {
                                    @let v = target_value(&a.id, Some(&w.id));
                                    option value=(v) selected[chosen == v] {
                                        (w.display_name) " · " (l.label("role", &w.role))
                                        @if !a.own { " · " (a.name) }
                                    }
                                }
                            }
                        }
                    }
                }
            }))
            (labelled(l, errors, "transfer.reason", "transfer-reason", &l.text("transfer-reason"), |d| html! {
                textarea id="transfer-reason" name="reason" rows="3" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] { (values.get("reason")) }
            }))
            p.hint { (l.text("transfer-request-hint")) }
            button type="submit" { (l.text("transfer-request-submit")) }
        }
    }
}

/// The form of a supervisor's direct reassignment.
pub fn reassign_form(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    choices: &[(StaffMember, String, String)],
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let chosen = values.get("assignee");
    let assignee_errors: Vec<FieldError> = errors
        .iter()
        .filter(|e| e.field == "transfer.worker_id" || e.field == "transfer.team_id")
        .map(|e| FieldError {
            field: "transfer.assignee".into(),
            problem: e.problem,
        })
        .chain(errors.iter().cloned())
        .collect();
    html! {
        form.transfer-reassign method="post" action={ "/cases/" (case_id) "/reassign" } {
            (csrf_field(who))
            input type="hidden" name="version" value=(version);
            (labelled(l, &assignee_errors, "transfer.assignee", "reassign-assignee", &l.text("transfer-assignee"), |d| html! {
                select id="reassign-assignee" name="assignee" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                    option value="" { "—" }
                    @for (w, team, team_name) in choices {
                        @let v = format!("{}/{}", w.id, team);
                        option value=(v) selected[chosen == v] { (w.display_name) " · " (team_name) }
                    }
                }
            }))
            (labelled(l, errors, "transfer.reason", "reassign-reason", &l.text("transfer-reason"), |d| html! {
                textarea id="reassign-reason" name="reason" rows="3" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] { (values.get("reason")) }
            }))
            button type="submit" { (l.text("transfer-reassign-submit")) }
        }
    }
}

fn pending_note(l: Locale, t: &TransferEntry, names: &HashMap<String, String>) -> Markup {
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let to = match &t.transfer.to_worker_id {
        Some(w) => format!("{} · {}", name(w), t.to_organisation_name),
        None => l.text_with(
            "transfer-to-agency",
            &[("agency", t.to_organisation_name.clone().into())],
        ),
    };
    html! {
        p.note.transfer-pending {
            (l.text_with("transfer-pending-note", &[
                ("to", to.into()),
                ("name", name(&t.transfer.requested_by).into()),
                ("when", l.date_time(t.transfer.requested_at).into()),
            ]))
            br;
            (l.text_with("transfer-reason-line", &[("reason", t.transfer.reason.clone().into())]))
        }
    }
}

/// The case page's transfer section (shown when there is something to do or know).
pub fn case_section(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    panel: &TransferPanel,
    names: &HashMap<String, String>,
) -> Markup {
    let idle = panel.pending.is_none();
    if idle && !panel.may_request && !panel.may_reassign {
        return html! {};
    }
    html! {
        section.card.transfers id="transfer" aria-labelledby="transfer-title" {
            h2 #transfer-title { (l.text("transfer-title")) }
            @if let Some(t) = &panel.pending {
                (pending_note(l, t, names))
                @if panel.may_cancel {
                    form.transfer-cancel method="post" action={ "/cases/" (case_id) "/transfers/cancel" } {
                        (csrf_field(who))
                        input type="hidden" name="version" value=(version);
                        button.secondary type="submit" { (l.text("transfer-cancel-submit")) }
                    }
                }
            }
            @if idle && panel.may_request {
                details.transfer-ask {
                    summary { (l.text("transfer-request")) }
                    (request_form(l, who, case_id, version, &panel.targets, &FormValues::default(), &[]))
                }
            }
            @if idle && panel.may_reassign && !panel.reassign_to.is_empty() {
                details.transfer-reassign {
                    summary { (l.text("transfer-reassign")) }
                    p.hint { (l.text("transfer-reassign-hint")) }
                    (reassign_form(l, who, case_id, version, &panel.reassign_to, &FormValues::default(), &[]))
                }
            }
        }
    }
}

/// A refused case-page transfer form shown on its own.
pub fn form_page(l: Locale, reference: &str, case_id: &str, alert: &str, form: Markup) -> Markup {
    html! {
        h1 { (l.text("transfer-title")) " · " (reference) }
        div.error role="alert" { p { (alert) } }
        section.card { (form) }
        p { a href={ "/cases/" (case_id) "#transfer" } { (l.text("outbound-back-to-case")) } }
    }
}

/// What the `/transfers` screen shows.
pub struct TransfersPage<'a> {
    /// Language.
    pub l: Locale,
    /// The reader.
    pub who: &'a Principal,
    /// Transfers the reader may decide.
    pub incoming: &'a [IncomingTransfer],
    /// Transfers the reader asked for, or of cases they held.
    pub outgoing: &'a [OutgoingTransfer],
    /// For agency transfers: the reader's agency's workers, to name the new holder.
    pub workers: &'a [StaffMember],
    /// The transfer whose form was refused, what was typed and what was wrong.
    pub sent: Option<(&'a str, &'a FormValues, &'a [FieldError])>,
    /// A message about a refused decision.
    pub alert: Option<&'a str>,
}

fn decide_forms(p: &TransfersPage<'_>, t: &IncomingTransfer) -> Markup {
    let l = p.l;
    let empty = FormValues::default();
    let (values, errors): (&FormValues, &[FieldError]) = match p.sent {
        Some((id, values, errors)) if id == t.id => (values, errors),
        _ => (&empty, &[]),
    };
    let chosen = values.get("worker_id");
    let accept_note = format!("accept-{}-note", t.id);
    let decline_note = format!("decline-{}-note", t.id);
    let worker_id = format!("accept-{}-worker", t.id);
    let is_decline = values.get("decision") == "decline";
    html! {
        div.transfer-decide {
            form.transfer-accept method="post" action={ "/transfers/" (t.id) "/accept" } {
                (csrf_field(p.who))
                input type="hidden" name="decision" value="accept";
                @if !t.to_me {
                    (labelled(l, errors, "transfer.worker_id", &worker_id, &l.text("transfer-new-worker"), |d| html! {
                        select id=(worker_id) name="worker_id" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                            option value="" { (l.text("transfer-new-worker-me")) }
                            @for w in p.workers.iter().filter(|w| w.id != p.who.user_id) {
                                option value=(w.id) selected[chosen == w.id] { (w.display_name) " · " (l.label("role", &w.role)) }
                            }
                        }
                    }))
                }
                (labelled(l, if is_decline { &[] } else { errors }, "transfer.note", &accept_note, &l.text("transfer-accept-note"), |d| html! {
                    textarea id=(accept_note) name="note" rows="2" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                        @if !is_decline { (values.get("note")) }
                    }
                }))
                button type="submit" { (l.text("transfer-accept-submit")) }
            }
            details.transfer-decline open[is_decline] {
                summary { (l.text("transfer-decline")) }
                form method="post" action={ "/transfers/" (t.id) "/decline" } {
                    (csrf_field(p.who))
                    input type="hidden" name="decision" value="decline";
                    (labelled(l, if is_decline { errors } else { &[] }, "transfer.note", &decline_note, &l.text("transfer-decline-note"), |d| html! {
                        textarea id=(decline_note) name="note" rows="2" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                            @if is_decline { (values.get("note")) }
                        }
                    }))
                    button.secondary type="submit" { (l.text("transfer-decline-submit")) }
                }
            }
        }
    }
}

/// The `/transfers` screen.
pub fn transfers_page(p: &TransfersPage<'_>) -> Markup {
    let l = p.l;
    html! {
        h1 { (l.text("transfer-page-title")) }
        @if let Some(alert) = p.alert { div.error role="alert" { p { (alert) } } }
        section aria-labelledby="incoming-title" {
            h2 #incoming-title { (l.text("transfer-incoming")) }
            p.hint { (l.text("transfer-incoming-hint")) }
            @if p.incoming.is_empty() {
                p.muted { (l.text("transfer-incoming-none")) }
            }
            @for t in p.incoming {
                article.card.transfer-incoming id={ "transfer-" (t.id) } {
                    h3 { (t.case_reference) " · " (t.client_name) }
                    dl.summary {
                        div.row { dt { (l.text("transfer-case-type")) } dd { (l.label("case-type", &t.case_type)) } }
                        div.row { dt { (l.text("case-stage")) } dd { (l.label("stage", &t.case_stage)) } }
                        div.row { dt { (l.text("transfer-from")) } dd { (t.requested_by_name) " · " (t.from_organisation_name) } }
                        div.row { dt { (l.text("transfer-requested-at")) } dd { (l.date_time(t.requested_at)) } }
                        div.row { dt { (l.text("transfer-addressed-to")) } dd {
                            (l.text(if t.to_me { "transfer-addressed-me" } else { "transfer-addressed-agency" }))
                        } }
                        div.row { dt { (l.text("transfer-reason")) } dd { span.text { (t.reason) } } }
                    }
                    (decide_forms(p, t))
                }
            }
        }
        section aria-labelledby="outgoing-title" {
            h2 #outgoing-title { (l.text("transfer-outgoing")) }
            @if p.outgoing.is_empty() {
                p.muted { (l.text("transfer-outgoing-none")) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (l.text("transfer-case")) }
                            th scope="col" { (l.text("transfer-to")) }
                            th scope="col" { (l.text("transfer-status")) }
                            th scope="col" { (l.text("transfer-requested-at")) }
                            th scope="col" { (l.text("transfer-decision-note")) }
                        } }
                        tbody {
                            @for t in p.outgoing {
                                @let moved_away = t.transfer.status == "accepted" && t.transfer.to_organisation_id != p.who.organisation_id;
                                tr {
                                    td { @if moved_away { (t.case_reference) } @else { a href={ "/cases/" (t.transfer.case_id) } { (t.case_reference) } } }
                                    td {
                                        @if let Some(w) = &t.to_worker_name { (w) " · " }
                                        (t.to_organisation_name)
                                    }
                                    td { (l.label("transfer-status", &t.transfer.status)) }
                                    td { (l.date_time(t.transfer.requested_at)) }
                                    td { (t.transfer.decision_note.as_deref().unwrap_or("—")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
