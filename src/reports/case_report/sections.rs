//! The sections of the case report after its cover.

use super::{CaseReport, field};
use crate::db::details::CaseDetails;
use crate::domain::vocab::ClosureReason;
use crate::i18n::Arg;
use crate::reports::layout::Block;
use crate::views::case_page::timeline::TimelineEvent;
use crate::views::stage_forms::closure::{gas_label, satisfaction_label};
use crate::views::stage_forms::who5::score_text;
use crate::views::stage_forms::{label_opt, yes_no};

/// A meaningful change on the WHO-5 (Topp et al., 2015): ten points.
const WHO5_MEANINGFUL_CHANGE: i32 = 10;

fn heading(r: &CaseReport<'_>, b: &mut Vec<Block>, key: &str) {
    b.push(Block::Heading(r.t(key)));
}

/// A stage's section is headed by the stage's name, as on the case page's progress bar.
fn stage_heading(r: &CaseReport<'_>, b: &mut Vec<Block>, stage: &str) {
    b.push(Block::Heading(r.l.label("stage", stage)));
}

fn nothing(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    b.push(Block::Note(r.t("case-nothing-recorded")));
}

fn row(r: &CaseReport<'_>, b: &mut Vec<Block>, key: &str, value: Option<&str>) {
    b.push(field(&r.t(key), value));
}

/// A confidential row: shown to those who may read it, left out for the others.
fn confidential_row(r: &CaseReport<'_>, b: &mut Vec<Block>, key: &str, value: Option<&str>) {
    if !r.withheld {
        row(r, b, key, value);
    }
}

fn code_list(r: &CaseReport<'_>, prefix: &str, codes: &str) -> String {
    let labels: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| r.l.label(prefix, c))
        .collect();
    r.l.join(&labels)
}

pub(super) fn client(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let (l, c) = (r.l, r.client);
    heading(r, b, "case-client");
    row(r, b, "case-client-name", Some(&c.full_name));
    let gender = label_opt(l, "case-gender", c.gender.as_deref());
    row(r, b, "case-client-gender", gender.as_deref());
    let born = c.birth_year.map(|y| y.to_string());
    row(r, b, "case-client-birth-year", born.as_deref());
    row(r, b, "case-client-phone", c.phone.as_deref());
    row(r, b, "case-client-employer", c.employer.as_deref());
    row(
        r,
        b,
        "case-client-union-member",
        Some(&yes_no(l, c.union_member)),
    );
    row(r, b, "case-client-district", c.district.as_deref());
    let groups = code_list(r, "case-group", &c.special_groups);
    row(r, b, "case-client-groups", Some(&groups));
}

pub(super) fn details(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    b.push(Block::Heading(format!(
        "{} · {}",
        r.t("section-details"),
        l.label("case-type", &r.case.case_type)
    )));
    let Some(details) = r.details else {
        return nothing(r, b);
    };
    match details {
        CaseDetails::Counselling(d) => {
            let concern = label_opt(l, "case-concern", d.concern.as_deref());
            row(r, b, "form-details-concern", concern.as_deref());
            let screening = d.self_harm_screening.as_deref();
            confidential_row(r, b, "form-details-self-harm-screening", screening);
            let mode = label_opt(l, "case-mode", d.preferred_mode.as_deref());
            row(r, b, "form-details-preferred-mode", mode.as_deref());
        }
        CaseDetails::FamilyMediation(d) => {
            row(r, b, "form-details-parties", d.parties.as_deref());
            confidential_row(r, b, "form-details-conflict", d.conflict.as_deref());
            let agreement = d
                .agreement_reached
                .map_or_else(|| r.t("form-not-yet-known"), |a| yes_no(l, a));
            row(r, b, "form-details-agreement-reached", Some(&agreement));
        }
        CaseDetails::LabourDispute(d) => {
            row(r, b, "form-details-employer", d.employer.as_deref());
            let category = label_opt(l, "case-dispute-category", d.category.as_deref());
            row(r, b, "form-details-category", category.as_deref());
            let workers = d.workers_affected.map(|n| l.number(n.into()));
            row(r, b, "form-details-workers-affected", workers.as_deref());
            let claimed = d.amount_in_dispute.map(|f| l.money(f));
            row(r, b, "form-details-amount-in-dispute", claimed.as_deref());
            let route = label_opt(l, "case-dispute-route", d.route.as_deref());
            row(r, b, "form-details-route", route.as_deref());
            row(r, b, "form-details-outcome", d.outcome.as_deref());
            let recovered = d.amount_recovered.map(|f| l.money(f));
            row(r, b, "form-details-amount-recovered", recovered.as_deref());
        }
        CaseDetails::SpecialGroup(d) => {
            let groups = code_list(r, "case-group", &d.groups);
            row(r, b, "form-details-groups", Some(&groups));
            let needs = code_list(r, "case-need", &d.needs);
            row(r, b, "form-details-needs", Some(&needs));
            let linked = d.resources_linked.as_deref();
            row(r, b, "form-details-resources-linked", linked);
        }
    }
}

pub(super) fn intake(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    stage_heading(r, b, "intake");
    let Some(i) = &r.records.intake else {
        return nothing(r, b);
    };
    let channel = label_opt(l, "case-channel", i.channel.as_deref());
    row(r, b, "form-intake-channel", channel.as_deref());
    let problem = i.presenting_problem.as_deref();
    row(r, b, "form-intake-presenting-problem", problem);
    let urgency = label_opt(l, "case-urgency", i.urgency.as_deref());
    row(r, b, "form-intake-urgency", urgency.as_deref());
    let consents = [
        ("form-intake-consent-service", i.consent_service),
        ("form-intake-consent-sensitive", i.consent_sensitive),
        ("form-intake-guardian-consent", i.guardian_consent),
    ];
    for (key, given) in consents {
        row(r, b, key, Some(&yes_no(l, given)));
    }
    if let (Some(by), Some(at)) = (&i.consent_recorded_by, i.consent_recorded_at) {
        let note = l.text_with(
            "form-intake-consent-recorded",
            &[
                ("name", Arg::Text(r.name(by))),
                ("when", Arg::Text(l.date_time(at))),
            ],
        );
        row(r, b, "form-intake-consents", Some(&note));
    }
}

pub(super) fn assessment(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    stage_heading(r, b, "assessment");
    let Some(a) = &r.records.assessment else {
        return nothing(r, b);
    };
    row(
        r,
        b,
        "form-assessment-physiological",
        a.physiological.as_deref(),
    );
    row(
        r,
        b,
        "form-assessment-psychological",
        a.psychological.as_deref(),
    );
    row(r, b, "form-assessment-social", a.social.as_deref());
    let risk = label_opt(l, "case-risk", a.risk_level.as_deref());
    row(r, b, "form-assessment-risk-level", risk.as_deref());
    let screening = a.risk_screening.as_deref();
    confidential_row(r, b, "form-assessment-risk-screening", screening);
    row(r, b, "form-assessment-needs", a.needs.as_deref());
    row(r, b, "form-assessment-strengths", a.strengths.as_deref());
    let who5 = score_text(a.who5_baseline);
    row(r, b, "form-assessment-who5", who5.as_deref());
}

pub(super) fn contract(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    stage_heading(r, b, "contract");
    if r.records.contract.is_none() && r.records.goals.is_empty() {
        return nothing(r, b);
    }
    b.push(Block::Subheading(r.t("form-contract-goals")));
    if r.records.goals.is_empty() {
        b.push(Block::Note(r.t("form-contract-no-goals")));
    }
    for (i, g) in r.records.goals.iter().enumerate() {
        b.push(field(&format!("{}.", i + 1), Some(&g.description)));
        let indicator = g.indicator.as_deref();
        row(r, b, "form-contract-goal-indicator", indicator);
        let target = g.target_date.map(|d| l.date(d));
        row(r, b, "form-contract-goal-target-date", target.as_deref());
    }
    if let Some(c) = &r.records.contract {
        b.push(Block::Gap(6.0));
        row(r, b, "form-contract-services", c.services.as_deref());
        row(r, b, "form-contract-frequency", c.frequency.as_deref());
        let agreed = yes_no(l, c.client_agreed);
        row(r, b, "form-contract-client-agreed", Some(&agreed));
        let on = c.agreed_on.map(|d| l.date(d));
        row(r, b, "form-contract-agreed-on", on.as_deref());
    }
}

pub(super) fn intervention(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    stage_heading(r, b, "intervention");
    if r.records.sessions.is_empty() {
        b.push(Block::Note(r.t("form-session-none")));
        return;
    }
    for s in &r.records.sessions {
        b.push(Block::Subheading(format!(
            "{} · {} · {}",
            l.date(s.held_on),
            l.text_with(
                "form-session-minutes",
                &[("n", Arg::Number(s.duration_minutes.into()))]
            ),
            l.label("case-mode", &s.mode)
        )));
        row(r, b, "form-session-participants", s.participants.as_deref());
        row(
            r,
            b,
            "form-session-services",
            s.services_delivered.as_deref(),
        );
        confidential_row(r, b, "form-session-notes", s.notes.as_deref());
        b.push(Block::Note(l.text_with(
            "case-recorded-by",
            &[
                ("name", Arg::Text(r.name(&s.recorded_by))),
                ("when", Arg::Text(l.date_time(s.recorded_at))),
            ],
        )));
    }
}

/// The referral the case came from and the referrals out, when there are any.
pub(super) fn referrals(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    if r.referrals.is_empty() && r.source_referral.is_none() {
        return;
    }
    heading(r, b, "report-section-referrals");
    if let Some(source) = r.source_referral {
        b.push(Block::Subheading(r.l.text_with(
            "report-referral-in",
            &[
                ("date", Arg::Text(r.l.date(source.received_on))),
                ("source", Arg::Text(source.source.clone())),
            ],
        )));
        row(r, b, "report-referral-status", Some(&source.status));
    }
    for referral in r.referrals {
        b.push(Block::Subheading(r.l.text_with(
            "report-referral-out",
            &[
                ("date", Arg::Text(r.l.date(referral.made_on))),
                ("resource", Arg::Text(referral.resource.clone())),
            ],
        )));
        row(r, b, "report-referral-status", Some(&referral.status));
        confidential_row(
            r,
            b,
            "report-referral-feedback",
            referral.feedback.as_deref(),
        );
    }
}

/// The goal attainment T-score (Kiresuk and Sherman), for equally weighted goals
/// with the customary correlation of 0.3 between goals: 50 means every goal was
/// reached as expected, and each 10 points is one standard deviation.
pub fn gas_t_score(ratings: &[i32]) -> Option<f64> {
    if ratings.is_empty() {
        return None;
    }
    let n = ratings.len() as f64;
    let sum: f64 = ratings.iter().map(|&x| f64::from(x)).sum();
    Some(50.0 + 10.0 * sum / (0.7 * n + 0.3 * n * n).sqrt())
}

pub(super) fn goals(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    heading(r, b, "report-section-goals");
    let goals = &r.records.goals;
    if goals.is_empty() {
        b.push(Block::Note(r.t("form-contract-no-goals")));
        return;
    }
    for (i, g) in goals.iter().enumerate() {
        let attainment = g
            .attainment
            .map_or_else(|| r.t("report-goal-not-rated"), |a| gas_label(l, a));
        b.push(field(
            &format!("{}. {}", i + 1, g.description),
            Some(&attainment),
        ));
    }
    let ratings: Vec<i32> = goals.iter().filter_map(|g| g.attainment).collect();
    if ratings.len() == goals.len()
        && let Some(t) = gas_t_score(&ratings)
    {
        let score = format!("{t:.1}");
        row(r, b, "report-gas-t-score", Some(&score));
        b.push(Block::Note(r.t("report-gas-t-score-note")));
    }
}

pub(super) fn who5(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    heading(r, b, "report-section-who5");
    let baseline = r.records.assessment.as_ref().and_then(|a| a.who5_baseline);
    let closing = r.records.closure.as_ref().and_then(|c| c.who5_closing);
    if baseline.is_none() && closing.is_none() {
        return nothing(r, b);
    }
    row(
        r,
        b,
        "form-assessment-who5",
        score_text(baseline).as_deref(),
    );
    row(r, b, "form-closure-who5", score_text(closing).as_deref());
    if let (Some(before), Some(after)) = (baseline, closing) {
        let change = after - before;
        let key = if change.abs() < WHO5_MEANINGFUL_CHANGE {
            "report-who5-change-small"
        } else if change > 0 {
            "report-who5-change-better"
        } else {
            "report-who5-change-worse"
        };
        let signed = match change {
            0 => "0".to_owned(),
            n if n > 0 => format!("+{n}"),
            n => format!("\u{2212}{}", -n),
        };
        let text = l.text_with("report-who5-change-value", &[("change", Arg::Text(signed))]);
        row(
            r,
            b,
            "report-who5-change",
            Some(&format!("{text} · {}", r.t(key))),
        );
    }
    b.push(Block::Note(r.t("report-who5-note")));
}

pub(super) fn closure(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    stage_heading(r, b, "closure");
    let Some(c) = &r.records.closure else {
        return nothing(r, b);
    };
    let reason = label_opt(l, "case-closure-reason", c.reason.as_deref());
    row(r, b, "form-closure-reason", reason.as_deref());
    // An early closure records only its reason: empty rows would read as omissions.
    let early = c
        .reason
        .as_deref()
        .and_then(|code| code.parse::<ClosureReason>().ok())
        .is_some_and(|code| code.is_early());
    let satisfaction = c.satisfaction.map(|n| satisfaction_label(l, n));
    let rows = [
        ("form-closure-satisfaction", satisfaction),
        ("form-closure-summary", c.summary.clone()),
        ("form-closure-follow-up", c.follow_up_plan.clone()),
    ];
    for (key, value) in rows.iter().filter(|(_, v)| !early || v.is_some()) {
        row(r, b, key, value.as_deref());
    }
    let signed_off = r
        .transitions
        .iter()
        .rev()
        .find(|t| t.transition == "approve_closure");
    if let Some(t) = signed_off.filter(|_| r.case.closed_at.is_some()) {
        let text = l.text_with(
            "report-signed-off-by",
            &[
                ("name", Arg::Text(r.name(&t.actor_id))),
                ("when", Arg::Text(l.date_time(t.occurred_at))),
            ],
        );
        row(r, b, "report-signed-off", Some(&text));
    }
}

/// "What: detail", with the colon of the reader's language.
fn event(r: &CaseReport<'_>, what: String, detail: String) -> String {
    r.l.text_with(
        "report-event",
        &[("what", Arg::Text(what)), ("detail", Arg::Text(detail))],
    )
}

pub(super) fn timeline(r: &CaseReport<'_>, b: &mut Vec<Block>) {
    let l = r.l;
    heading(r, b, "case-timeline");
    let mut items: Vec<_> = r.timeline.iter().collect();
    items.sort_by_key(|t| t.at);
    for item in items {
        let what = match &item.event {
            TimelineEvent::Opened => r.t("case-timeline-opened"),
            TimelineEvent::Moved {
                transition,
                from,
                to,
                reason,
                closure_reason,
            } => {
                let moved = format!("{} → {}", l.label("stage", from), l.label("stage", to));
                let mut text = event(r, l.label("transition", transition), moved);
                if let Some(code) = closure_reason {
                    let why = l.label("case-closure-reason", code);
                    text.push_str(&format!("\n{} {why}", r.t("form-closure-reason")));
                }
                if let Some(reason) = reason {
                    text.push('\n');
                    text.push_str(reason);
                }
                text
            }
            TimelineEvent::Session {
                held_on,
                minutes,
                mode,
                ..
            } => {
                let minutes = l.text_with(
                    "form-session-minutes",
                    &[("n", Arg::Number((*minutes).into()))],
                );
                let detail = format!(
                    "{} · {minutes} · {}",
                    l.date(*held_on),
                    l.label("case-mode", mode)
                );
                event(r, r.t("case-timeline-session"), detail)
            }
            TimelineEvent::Saved { section } => l.text_with(
                "case-timeline-saved",
                &[("section", Arg::Text(l.label("section", section)))],
            ),
            TimelineEvent::Reassigned { reason, .. } => {
                let mut text = l.text("supervision-timeline-reassigned");
                if let Some(r) = reason {
                    text.push_str(": ");
                    text.push_str(r);
                }
                text
            }
            TimelineEvent::Noted { target_kind, .. } => format!(
                "{} · {}",
                l.text("supervision-timeline-note"),
                l.label("supervision-timeline-note-on", target_kind)
            ),
            TimelineEvent::Referral {
                resource, status, ..
            } => format!("{resource} · {}", l.label("outbound-status", status)),
            TimelineEvent::Transfer { step, to, note } => {
                let mut text = format!("{} · {to}", l.label("transfer-timeline", step));
                if let Some(n) = note {
                    text.push_str(": ");
                    text.push_str(n);
                }
                text
            }
            TimelineEvent::Referred { union_name, .. } => match union_name {
                Some(name) => l.text_with(
                    "case-timeline-referred",
                    &[("union", Arg::Text(name.clone()))],
                ),
                None => l.text("case-timeline-self-referred"),
            },
        };
        let who = item.actor_id.as_deref().map(|id| r.name(id));
        let label = match who {
            Some(name) => format!("{}\n{name}", l.date_time(item.at)),
            None => l.date_time(item.at),
        };
        b.push(field(&label, Some(&what)));
    }
}
