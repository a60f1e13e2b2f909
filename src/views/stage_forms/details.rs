//! The details of each case type: counselling, family mediation, labour dispute,
//! special-group assistance. Editable in any open stage.

use maud::{Markup, html};

use super::{
    FormCtx, FormKind, code_options, group_described_by, label_opt, row, section_form,
    select_field, withheld_row, yes_no,
};
use crate::db::details::CaseDetails;
use crate::domain::validation::{FieldError, Problem};
use crate::domain::vocab::*;
use crate::error::field_message;
use crate::i18n::{Arg, Locale};
use crate::views::components::{field_id, text_area, text_input, typed_input};

/// A vocabulary's codes, for a list of options.
fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|c| code(*c)).collect()
}

/// An amount in yuan (typed with up to two decimals, stored in fen), with
/// messages that speak yuan rather than the fen the domain counts in.
fn money_input(ctx: &FormCtx<'_>, field: &str, name: &str, label: &str) -> Markup {
    let l = ctx.l;
    let id = field_id(field);
    let mine: Vec<&FieldError> = ctx.errors.iter().filter(|e| e.field == field).collect();
    let message = |e: &FieldError| match e.problem {
        Problem::Unknown => l.text("form-money-format"),
        Problem::OutOfRange { max, .. } => {
            l.text_with("form-money-range", &[("max", Arg::Text(l.money(max)))])
        }
        _ => field_message(e, l),
    };
    let described = (!mine.is_empty()).then(|| format!("{id}-error"));
    html! {
        div.field.money.invalid[described.is_some()] {
            label for=(id) { (label) }
            div.with-unit {
                span.unit aria-hidden="true" { "¥" }
                input id=(id) name=(name) inputmode="decimal" value=(ctx.v(name))
                    aria-invalid=[described.as_ref().map(|_| "true")] aria-describedby=[described.as_deref()];
            }
            @if let Some(error_id) = &described {
                ul.field-errors id=(error_id) { @for e in &mine { li { (message(e)) } } }
            }
        }
    }
}

/// A checkbox list over a vocabulary.
fn choices(
    ctx: &FormCtx<'_>,
    field: &str,
    name: &str,
    legend: &str,
    prefix: &str,
    codes: &[&str],
) -> Markup {
    let l = ctx.l;
    html! {
        fieldset.choices aria-describedby=[group_described_by(ctx.errors, &[field])] {
            legend { (legend) }
            @for code in codes {
                label.choice {
                    input type="checkbox" name=(name) value=(code) checked[ctx.values.has(name, code)];
                    span { (l.label(prefix, code)) }
                }
            }
            (crate::views::components::field_errors(l, ctx.errors, field))
        }
    }
}

fn agreement(ctx: &FormCtx<'_>) -> Markup {
    let l = ctx.l;
    let chosen = ctx.v("agreement_reached");
    html! {
        fieldset.choices.inline aria-describedby=[group_described_by(ctx.errors, &["details.agreement_reached"])] {
            legend { (l.text("form-details-agreement-reached")) }
            @for (value, key) in [("yes", "form-yes"), ("no", "form-no"), ("", "form-not-yet-known")] {
                label.choice {
                    input type="radio" name="agreement_reached" value=(value) checked[chosen == value];
                    span { (l.text(key)) }
                }
            }
            (crate::views::components::field_errors(l, ctx.errors, "details.agreement_reached"))
        }
    }
}

/// The details form for a case of `case_type`.
pub fn form(ctx: &FormCtx<'_>, case_type: CaseType) -> Markup {
    let l = ctx.l;
    let text = |field: &str, name: &str, key: &str| {
        text_input(l, ctx.errors, field, name, &l.text(key), ctx.v(name))
    };
    let area = |field: &str, name: &str, key: &str| {
        text_area(l, ctx.errors, field, name, &l.text(key), ctx.v(name))
    };
    let fields = match case_type {
        CaseType::Counselling => html! {
            (select_field(ctx, "details.concern", "concern", &l.text("form-details-concern"),
                &code_options(l, "case-concern", &codes(CounsellingConcern::ALL, CounsellingConcern::as_str))))
            (area("details.self_harm_screening", "self_harm_screening", "form-details-self-harm-screening"))
            p.hint.confidential { (l.text("case-confidential-hint")) }
            (select_field(ctx, "details.preferred_mode", "preferred_mode", &l.text("form-details-preferred-mode"),
                &code_options(l, "case-mode", &codes(SessionMode::ALL, SessionMode::as_str))))
        },
        CaseType::FamilyMediation => html! {
            (text("details.parties", "parties", "form-details-parties"))
            (area("details.conflict", "conflict", "form-details-conflict"))
            p.hint.confidential { (l.text("case-confidential-hint")) }
            (agreement(ctx))
        },
        CaseType::LabourDispute => html! {
            (text("details.employer", "employer", "form-details-employer"))
            (select_field(ctx, "details.category", "category", &l.text("form-details-category"),
                &code_options(l, "case-dispute-category", &codes(DisputeCategory::ALL, DisputeCategory::as_str))))
            (typed_input(l, ctx.errors, "details.workers_affected", "workers_affected",
                &l.text("form-details-workers-affected"), ctx.v("workers_affected"), "number", Some(("1", "1000000"))))
            div.pair {
                (money_input(ctx, "details.amount_in_dispute", "amount_in_dispute", &l.text("form-details-amount-in-dispute")))
                (money_input(ctx, "details.amount_recovered", "amount_recovered", &l.text("form-details-amount-recovered")))
            }
            p.hint { (l.text("form-money-hint")) }
            (select_field(ctx, "details.route", "route", &l.text("form-details-route"),
                &code_options(l, "case-dispute-route", &codes(DisputeRoute::ALL, DisputeRoute::as_str))))
            (area("details.outcome", "outcome", "form-details-outcome"))
        },
        CaseType::SpecialGroup => html! {
            (choices(ctx, "details.groups", "groups", &l.text("form-details-groups"), "case-group",
                &codes(SpecialGroup::ALL, SpecialGroup::as_str)))
            (choices(ctx, "details.needs", "needs", &l.text("form-details-needs"), "case-need",
                &codes(AssistanceNeed::ALL, AssistanceNeed::as_str)))
            (area("details.resources_linked", "resources_linked", "form-details-resources-linked"))
        },
    };
    section_form(ctx, FormKind::Details, "form-save", fields)
}

fn code_list(l: Locale, prefix: &str, codes: &str) -> String {
    let labels: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| l.label(prefix, c))
        .collect();
    l.join(&labels)
}

/// The saved details, read-only; confidential fields only for those who may read them.
pub fn summary(l: Locale, details: Option<&CaseDetails>, withheld: bool) -> Markup {
    let Some(details) = details else {
        return html! { p.muted { (l.text("case-nothing-recorded")) } };
    };
    let t = |key: &str| l.text(key);
    html! {
        dl.summary {
            @match details {
                CaseDetails::Counselling(d) => {
                    (row(&t("form-details-concern"), label_opt(l, "case-concern", d.concern.as_deref()).as_deref()))
                    @if withheld { (withheld_row(l, &t("form-details-self-harm-screening"))) }
                    @else { (row(&t("form-details-self-harm-screening"), d.self_harm_screening.as_deref())) }
                    (row(&t("form-details-preferred-mode"), label_opt(l, "case-mode", d.preferred_mode.as_deref()).as_deref()))
                }
                CaseDetails::FamilyMediation(d) => {
                    (row(&t("form-details-parties"), d.parties.as_deref()))
                    @if withheld { (withheld_row(l, &t("form-details-conflict"))) }
                    @else { (row(&t("form-details-conflict"), d.conflict.as_deref())) }
                    (row(&t("form-details-agreement-reached"), Some(&d.agreement_reached
                        .map_or_else(|| t("form-not-yet-known"), |a| yes_no(l, a)))))
                }
                CaseDetails::LabourDispute(d) => {
                    (row(&t("form-details-employer"), d.employer.as_deref()))
                    (row(&t("form-details-category"), label_opt(l, "case-dispute-category", d.category.as_deref()).as_deref()))
                    (row(&t("form-details-workers-affected"), d.workers_affected.map(|n| l.number(n.into())).as_deref()))
                    (row(&t("form-details-amount-in-dispute"), d.amount_in_dispute.map(|f| l.money(f)).as_deref()))
                    (row(&t("form-details-route"), label_opt(l, "case-dispute-route", d.route.as_deref()).as_deref()))
                    (row(&t("form-details-outcome"), d.outcome.as_deref()))
                    (row(&t("form-details-amount-recovered"), d.amount_recovered.map(|f| l.money(f)).as_deref()))
                }
                CaseDetails::SpecialGroup(d) => {
                    (row(&t("form-details-groups"), Some(&code_list(l, "case-group", &d.groups))))
                    (row(&t("form-details-needs"), Some(&code_list(l, "case-need", &d.needs))))
                    (row(&t("form-details-resources-linked"), d.resources_linked.as_deref()))
                }
            }
        }
    }
}
