//! What changed: the stored values of a form beside what the user typed, field by
//! field, as people read them. Used when someone else saved the case first, so
//! that the user can see what they would overwrite, and when a form is no longer
//! open, so that what they typed is still on the page.

use chrono::NaiveDate;

use super::yuan_to_fen;
use crate::i18n::Locale;
use crate::views::stage_forms::closure::{gas_label, satisfaction_label};
use crate::views::stage_forms::contract::goal_rows;
use crate::views::stage_forms::{Change, FormKind, FormValues, yes_no};

/// How a field's value is shown.
#[derive(Clone, Copy)]
enum Show {
    Text,
    Number,
    Date,
    Money,
    Flag,
    /// A code labelled under this prefix.
    Code(&'static str),
    /// Several codes labelled under this prefix.
    Codes(&'static str),
    Agreement,
    Satisfaction,
    Who5,
    Goals,
    Gas,
}

use Show::*;

/// (input name, label key, how to show it), per form.
fn spec(kind: FormKind) -> &'static [(&'static str, &'static str, Show)] {
    match kind {
        FormKind::Intake => &[
            ("channel", "form-intake-channel", Code("case-channel")),
            ("presenting_problem", "form-intake-presenting-problem", Text),
            ("urgency", "form-intake-urgency", Code("case-urgency")),
            ("consent_service", "form-intake-consent-service", Flag),
            ("consent_sensitive", "form-intake-consent-sensitive", Flag),
            ("guardian_consent", "form-intake-guardian-consent", Flag),
        ],
        FormKind::Assessment => &[
            ("physiological", "form-assessment-physiological", Text),
            ("psychological", "form-assessment-psychological", Text),
            ("social", "form-assessment-social", Text),
            (
                "risk_level",
                "form-assessment-risk-level",
                Code("case-risk"),
            ),
            ("risk_screening", "form-assessment-risk-screening", Text),
            ("needs", "form-assessment-needs", Text),
            ("strengths", "form-assessment-strengths", Text),
            ("who5", "form-assessment-who5", Who5),
        ],
        FormKind::Contract => &[
            ("goals", "form-contract-goals", Goals),
            ("services", "form-contract-services", Text),
            ("frequency", "form-contract-frequency", Text),
            ("client_agreed", "form-contract-client-agreed", Flag),
            ("agreed_on", "form-contract-agreed-on", Date),
        ],
        FormKind::Session => &[
            ("held_on", "form-session-held-on", Date),
            ("duration_minutes", "form-session-duration", Number),
            ("mode", "form-session-mode", Code("case-mode")),
            ("participants", "form-session-participants", Text),
            ("notes", "form-session-notes", Text),
            ("services_delivered", "form-session-services", Text),
        ],
        FormKind::Closure => &[
            ("reason", "form-closure-reason", Code("case-closure-reason")),
            ("gas", "form-closure-gas", Gas),
            ("who5", "form-closure-who5", Who5),
            ("satisfaction", "form-closure-satisfaction", Satisfaction),
            ("summary", "form-closure-summary", Text),
            ("follow_up_plan", "form-closure-follow-up", Text),
        ],
        FormKind::Details => &[
            ("concern", "form-details-concern", Code("case-concern")),
            (
                "self_harm_screening",
                "form-details-self-harm-screening",
                Text,
            ),
            (
                "preferred_mode",
                "form-details-preferred-mode",
                Code("case-mode"),
            ),
            ("parties", "form-details-parties", Text),
            ("conflict", "form-details-conflict", Text),
            (
                "agreement_reached",
                "form-details-agreement-reached",
                Agreement,
            ),
            ("employer", "form-details-employer", Text),
            (
                "category",
                "form-details-category",
                Code("case-dispute-category"),
            ),
            ("workers_affected", "form-details-workers-affected", Number),
            ("amount_in_dispute", "form-details-amount-in-dispute", Money),
            ("route", "form-details-route", Code("case-dispute-route")),
            ("outcome", "form-details-outcome", Text),
            ("amount_recovered", "form-details-amount-recovered", Money),
            ("groups", "form-details-groups", Codes("case-group")),
            ("needs", "form-details-needs", Codes("case-need")),
            ("resources_linked", "form-details-resources-linked", Text),
        ],
        FormKind::Transition(_) => &[
            (
                "closure_reason",
                "form-move-closure-reason",
                Code("case-closure-reason"),
            ),
            ("reason", "form-move-reason", Text),
        ],
    }
}

fn date(l: Locale, raw: &str) -> String {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_or_else(|_| raw.to_owned(), |d| l.date(d))
}

fn who5(v: &FormValues) -> String {
    let answers: Option<Vec<i32>> = (1..=5)
        .map(|n| v.get(&format!("who5.{n}")).trim().parse().ok())
        .collect();
    match answers {
        Some(a) => format!("{} / 100", a.iter().sum::<i32>() * 4),
        None if !v.get("who5_saved").is_empty() => format!("{} / 100", v.get("who5_saved")),
        None => String::new(),
    }
}

fn goals(l: Locale, v: &FormValues) -> String {
    goal_rows(v)
        .into_iter()
        .filter(|i| !v.checked(&format!("goals.{i}.remove")))
        .filter_map(|i| {
            let f = |name: &str| v.get(&format!("goals.{i}.{name}")).trim().to_owned();
            let parts: Vec<String> = [f("description"), f("indicator"), date(l, &f("target_date"))]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" · "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn gas(l: Locale, v: &FormValues) -> String {
    let mut rows: Vec<(usize, i32)> = v
        .names()
        .iter()
        .filter_map(|n| {
            let i: usize = n.strip_prefix("gas.")?.parse().ok()?;
            Some((i, v.get(n).trim().parse().ok()?))
        })
        .collect();
    rows.sort_unstable();
    rows.into_iter()
        .map(|(i, s)| format!("{}. {}", i + 1, gas_label(l, s)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn show(l: Locale, name: &str, how: Show, v: &FormValues) -> String {
    let raw = v.get(name).trim();
    match how {
        Text | Number => raw.to_owned(),
        Date => date(l, raw),
        Money => yuan_to_fen(&raw.replace(',', "")).map_or_else(|| raw.to_owned(), |f| l.money(f)),
        Flag => yes_no(l, v.checked(name)),
        Code(prefix) if !raw.is_empty() => l.label(prefix, raw),
        Code(_) => String::new(),
        Codes(prefix) => {
            let mut codes: Vec<&str> = v.all(name).collect();
            codes.sort_unstable();
            let labels: Vec<String> = codes.iter().map(|c| l.label(prefix, c)).collect();
            l.join(&labels)
        }
        Agreement => match raw {
            "yes" => l.text("form-yes"),
            "no" => l.text("form-no"),
            _ => String::new(),
        },
        Satisfaction => raw
            .parse()
            .map_or_else(|_| raw.to_owned(), |n| satisfaction_label(l, n)),
        Who5 => who5(v),
        Goals => goals(l, v),
        Gas => gas(l, v),
    }
}

/// The fields whose stored value differs from what was typed.
pub fn changes(l: Locale, kind: FormKind, stored: &FormValues, typed: &FormValues) -> Vec<Change> {
    let dash = |s: String| if s.is_empty() { "—".to_owned() } else { s };
    spec(kind)
        .iter()
        .filter_map(|(name, key, how)| {
            let (saved, yours) = (show(l, name, *how, stored), show(l, name, *how, typed));
            (saved != yours).then(|| Change {
                label: l.text(key),
                saved: dash(saved),
                yours: dash(yours),
            })
        })
        .collect()
}

/// Everything typed into a form, labelled, for when the form is no longer on the page.
pub fn typed_fields(l: Locale, kind: FormKind, typed: &FormValues) -> Vec<(String, String)> {
    spec(kind)
        .iter()
        .filter(|(_, _, how)| !matches!(how, Flag))
        .map(|(name, key, how)| (l.text(key), show(l, name, *how, typed)))
        .filter(|(_, value)| !value.is_empty())
        .collect()
}
