//! The case page: header, stage progress, the current stage's form, the moves
//! open now, the details, earlier records read-only, the client and the timeline.
//!
//! One column on phones; on wide screens the timeline sits beside the forms.
//! Only what the reader may change is a form: a teammate, or anyone on a closed
//! case, sees every record read-only.

mod alerts;
pub mod moves;
pub mod timeline;

use std::collections::HashMap;

use maud::{Markup, html};

use self::alerts::alerts;
use self::moves::{moves, sent_transition};
use self::timeline::{TimelineItem, timeline};
use super::components::field_errors;
use super::stage_forms::*;
use crate::access::Principal;
use crate::db::cases::Case;
use crate::db::clients::Client;
use crate::db::details::CaseDetails;
use crate::db::records::StageRecords;
use crate::domain::vocab::{CaseStage, CaseType};
use crate::domain::workflow::Transition;
use crate::i18n::Locale;

/// The stored records as form values, one per form.
#[derive(Debug, Clone, Default)]
pub struct StoredForms {
    /// 接案.
    pub intake: FormValues,
    /// 预估.
    pub assessment: FormValues,
    /// 计划及合约.
    pub contract: FormValues,
    /// A new session (defaults only).
    pub session: FormValues,
    /// 结案与评估.
    pub closure: FormValues,
    /// Details.
    pub details: FormValues,
}

impl StoredForms {
    /// The stored values of one form.
    pub fn get(&self, kind: FormKind) -> &FormValues {
        match kind {
            FormKind::Intake => &self.intake,
            FormKind::Assessment => &self.assessment,
            FormKind::Contract => &self.contract,
            FormKind::Session => &self.session,
            FormKind::Closure => &self.closure,
            FormKind::Details => &self.details,
            FormKind::Transition(_) => &self.session,
        }
    }
}

/// Everything the case page shows.
pub struct CasePage<'a> {
    /// Language.
    pub l: Locale,
    /// The reader.
    pub who: &'a Principal,
    /// The case, as stored now.
    pub case: &'a Case,
    /// Its stage.
    pub stage: CaseStage,
    /// Its type.
    pub case_type: CaseType,
    /// Its client.
    pub client: &'a Client,
    /// Stage records (confidential fields already withheld where needed).
    pub records: &'a StageRecords,
    /// Type-specific details.
    pub details: Option<&'a CaseDetails>,
    /// Display names of everyone mentioned.
    pub names: &'a HashMap<String, String>,
    /// Newest first.
    pub timeline: &'a [TimelineItem],
    /// The reader may change the case's records.
    pub may_edit: bool,
    /// The reader may see the access log.
    pub may_view_access_log: bool,
    /// Confidential fields were withheld from this reader.
    pub withheld: bool,
    /// Transitions open to the reader now.
    pub open_transitions: &'a [Transition],
    /// The client may be under 14, so a guardian must consent.
    pub guardian_needed: bool,
    /// Stored values of every form.
    pub stored: &'a StoredForms,
    /// What to say about a refused save.
    pub feedback: &'a Feedback,
}

/// The form of the stage a case is in.
pub fn stage_form(stage: CaseStage) -> Option<FormKind> {
    match stage {
        CaseStage::Intake => Some(FormKind::Intake),
        CaseStage::Assessment => Some(FormKind::Assessment),
        CaseStage::Contract => Some(FormKind::Contract),
        CaseStage::Intervention => Some(FormKind::Session),
        CaseStage::Closure => Some(FormKind::Closure),
        CaseStage::Closed => None,
    }
}

impl CasePage<'_> {
    fn ctx(&self, kind: FormKind) -> FormCtx<'_> {
        FormCtx {
            l: self.l,
            who: self.who,
            case_id: &self.case.id,
            version: self.case.version,
            errors: self.feedback.errors_for(kind),
            values: self.feedback.values_for(kind, self.stored.get(kind)),
        }
    }

    /// The current stage's form, if the reader may edit it now.
    fn editable(&self) -> Option<FormKind> {
        stage_form(self.stage).filter(|_| self.may_edit)
    }

    fn summary(&self, kind: FormKind) -> Markup {
        let (l, r) = (self.l, self.records);
        match kind {
            FormKind::Intake => intake::summary(l, r.intake.as_ref(), self.names),
            FormKind::Assessment => assessment::summary(l, r.assessment.as_ref(), self.withheld),
            FormKind::Contract => contract::summary(l, r.contract.as_ref(), &r.goals),
            FormKind::Session => {
                intervention::log(l, &r.sessions, &r.goal_progress, self.names, self.withheld)
            }
            FormKind::Closure => closure::summary(l, r.closure.as_ref(), &r.goals),
            FormKind::Details => details::summary(l, self.details, self.withheld),
            FormKind::Transition(_) => html! {},
        }
    }

    fn has_record(&self, kind: FormKind) -> bool {
        let r = self.records;
        match kind {
            FormKind::Intake => r.intake.is_some(),
            FormKind::Assessment => r.assessment.is_some(),
            FormKind::Contract => r.contract.is_some() || !r.goals.is_empty(),
            FormKind::Session => !r.sessions.is_empty(),
            FormKind::Closure => r.closure.is_some(),
            FormKind::Details | FormKind::Transition(_) => false,
        }
    }

    fn header(&self) -> Markup {
        let l = self.l;
        let worker = self
            .case
            .assigned_worker_id
            .as_ref()
            .and_then(|id| self.names.get(id));
        let errors = self
            .feedback
            .errors_for(FormKind::Transition(Transition::Advance));
        html! {
            header.case-head {
                p.case-type { (l.label("case-type", &self.case.case_type)) }
                h1 { (self.case.reference) " · " (self.client.full_name) }
                dl.case-facts {
                    div { dt { (l.text("case-stage")) } dd { (l.label("stage", self.stage.as_str())) } }
                    div { dt { (l.text("case-worker")) } dd {
                        (worker.map_or("—", String::as_str))
                        (field_errors(l, errors, "case.assigned_worker"))
                    } }
                    div { dt { (l.text("case-risk")) } dd {
                        @match &self.case.risk_level {
                            Some(r) => span.{ "risk risk-" (r) } { (l.label("case-risk", r)) },
                            None => span.muted { (l.text("case-risk-unassessed")) },
                        }
                    } }
                    div { dt { (l.text("case-opened")) } dd { (l.day_of(self.case.opened_at)) } }
                }
            }
        }
    }

    fn progress(&self) -> Markup {
        let l = self.l;
        let current = CaseStage::ALL
            .iter()
            .position(|s| *s == self.stage)
            .unwrap_or(0);
        html! {
            nav.progress aria-label=(l.text("case-progress")) {
                ol {
                    @for (i, s) in CaseStage::ALL.iter().enumerate() {
                        @let state = if i < current { "done" } else if i == current { "current" } else { "todo" };
                        li.(state) aria-current=[(i == current).then_some("step")] {
                            span.step-name { (l.label("stage", s.as_str())) }
                            @if i < current { span.visually-hidden { " (" (l.text("case-progress-done")) ")" } }
                        }
                    }
                }
            }
        }
    }

    fn current(&self) -> Markup {
        let l = self.l;
        let Some(kind) = stage_form(self.stage) else {
            return html! {
                section.card.current aria-labelledby="current-title" {
                    h2 #current-title { (l.text("case-closed-title")) }
                    p { (l.text("case-closed-read-only")) }
                    (self.summary(FormKind::Closure))
                }
            };
        };
        let title = l.text_with(
            "case-current-stage",
            &[("stage", l.label("stage", self.stage.as_str()).into())],
        );
        html! {
            section.card.current aria-labelledby="current-title" {
                h2 #current-title { (title) }
                @if self.editable().is_some() {
                    @let ctx = self.ctx(kind);
                    @match kind {
                        FormKind::Intake => (intake::form(&ctx, self.records.intake.as_ref(), self.names, self.guardian_needed)),
                        FormKind::Assessment => (assessment::form(&ctx)),
                        FormKind::Contract => (contract::form(&ctx)),
                        FormKind::Session => {
                            h3 { (l.text("section-sessions")) }
                            (self.summary(FormKind::Session))
                            h3.print-hide { (l.text("form-session-new")) }
                            (intervention::form(&ctx, &self.records.goals))
                        },
                        FormKind::Closure => {
                            (closure::form(&ctx, &self.records.goals))
                        },
                        _ => {},
                    }
                    @if kind != FormKind::Session {
                        div.print-only { (self.summary(kind)) }
                    }
                } @else {
                    @if kind == FormKind::Closure || kind == FormKind::Session || self.has_record(kind) {
                        (self.summary(kind))
                    } @else {
                        p.muted { (l.text("case-nothing-recorded")) }
                    }
                }
            }
        }
    }

    fn earlier(&self) -> Markup {
        let l = self.l;
        let current = stage_form(self.stage);
        let kinds = [
            (FormKind::Intake, "section-intake"),
            (FormKind::Assessment, "section-assessment"),
            (FormKind::Contract, "section-contract"),
            (FormKind::Session, "section-sessions"),
            (FormKind::Closure, "section-closure"),
        ];
        html! {
            @for (kind, key) in kinds {
                @if Some(kind) != current && self.has_record(kind) && !(current.is_none() && kind == FormKind::Closure) {
                    section.card.record aria-label=(l.text(key)) {
                        h2 { (l.text(key)) }
                        (self.summary(kind))
                    }
                }
            }
        }
    }

    fn details_card(&self) -> Markup {
        let l = self.l;
        html! {
            section.card.details aria-labelledby="details-title" {
                h2 #details-title { (l.text("section-details")) " · " (l.label("case-type", self.case_type.as_str())) }
                @if self.may_edit && self.stage.is_open() {
                    (details::form(&self.ctx(FormKind::Details), self.case_type))
                    div.print-only { (self.summary(FormKind::Details)) }
                } @else {
                    (self.summary(FormKind::Details))
                }
            }
        }
    }

    fn client_card(&self) -> Markup {
        let (l, c) = (self.l, self.client);
        let groups: Vec<String> = c
            .special_groups
            .split(',')
            .filter(|g| !g.is_empty())
            .map(|g| l.label("case-group", g))
            .collect();
        html! {
            section.card.client aria-labelledby="client-title" {
                h2 #client-title { (l.text("case-client")) }
                dl.summary.two {
                    (row(&l.text("case-client-name"), Some(&c.full_name)))
                    (row(&l.text("case-client-gender"), label_opt(l, "case-gender", c.gender.as_deref()).as_deref()))
                    (row(&l.text("case-client-birth-year"), c.birth_year.map(|y| y.to_string()).as_deref()))
                    (row(&l.text("case-client-phone"), c.phone.as_deref()))
                    (row(&l.text("case-client-employer"), c.employer.as_deref()))
                    (row(&l.text("case-client-union-member"), Some(&yes_no(l, c.union_member))))
                    (row(&l.text("case-client-district"), c.district.as_deref()))
                    (row(&l.text("case-client-groups"), Some(&l.join(&groups))))
                }
            }
        }
    }
}

/// The page content (the frame is added by the handler).
pub fn case_page(page: &CasePage<'_>) -> Markup {
    let l = page.l;
    let sent = sent_transition(page.feedback.form);
    let moves_ctx = page.ctx(sent.map_or(
        FormKind::Transition(Transition::Advance),
        FormKind::Transition,
    ));
    html! {
        (page.header())
        p.report-link {
            a.button href={ "/cases/" (page.case.id) "/report.pdf" } download { (l.text("report-download")) }
        }
        (page.progress())
        (alerts(l, page.stage, page.feedback))
        @if page.withheld { p.note.confidential { (l.text("case-withheld-note")) } }
        @if !page.may_edit && page.stage.is_open() { p.note { (l.text("case-read-only")) } }
        div.case-layout {
            div.case-main {
                (page.current())
                @if !page.open_transitions.is_empty() {
                    (moves(&moves_ctx, page.stage, page.open_transitions, sent))
                }
                (page.details_card())
                (page.earlier())
                (page.client_card())
            }
            aside.case-side {
                (timeline(l, page.timeline, page.names))
                @if page.may_view_access_log {
                    p.access-log { a href={ "/cases/" (page.case.id) "/access-log" } { (l.text("case-access-log")) } }
                }
            }
        }
    }
}
