//! 计划及合约: the goals, the agreed services and the client's agreement.
//!
//! Goals are rows of indexed fields (`goals.0.description`...). Without
//! JavaScript there is no "add a row" button, so the form always ends with two
//! empty rows; a saved goal keeps its id in a hidden field so that its
//! attainment rating stays attached to it.

use maud::{Markup, html};

use super::closure::gas_label;
use super::{
    FormCtx, FormKind, FormValues, group_described_by, group_errors, row, section_form, yes_no,
};
use crate::db::records::{ContractRecord, Goal};
use crate::i18n::Locale;
use crate::views::components::{checkbox, field_errors, text_area, text_input, typed_input};

/// Empty rows offered after the filled ones.
const EMPTY_ROWS: usize = 2;

/// The goal row indices in `values`, followed by new empty rows.
pub fn goal_rows(values: &FormValues) -> Vec<usize> {
    let mut rows: Vec<usize> = values
        .names()
        .iter()
        .filter_map(|n| n.strip_prefix("goals.")?.split('.').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let is_empty = |i: &usize| {
        ["id", "description", "indicator", "target_date"]
            .iter()
            .all(|f| values.get(&format!("goals.{i}.{f}")).trim().is_empty())
    };
    let empty = rows.iter().filter(|i| is_empty(i)).count();
    // Row numbers come from the submitted form: any number, up to usize::MAX.
    let next = rows.last().map_or(0, |i| i.saturating_add(1));
    rows.extend(next..next.saturating_add(EMPTY_ROWS.saturating_sub(empty)));
    rows
}

fn goal_row(ctx: &FormCtx<'_>, position: usize, i: usize) -> Markup {
    let l = ctx.l;
    let name = |f: &str| format!("goals.{i}.{f}");
    let field = |f: &str| format!("contract.goals.{i}.{f}");
    let id = ctx.v(&name("id"));
    html! {
        fieldset.goal {
            legend { (l.text_with("form-contract-goal-n", &[("n", (position as i64 + 1).into())])) }
            @if !id.is_empty() { input type="hidden" name=(name("id")) value=(id); }
            (field_errors(l, ctx.errors, &field("id")))
            (text_input(l, ctx.errors, &field("description"), &name("description"),
                &l.text("form-contract-goal-description"), ctx.v(&name("description"))))
            (text_input(l, ctx.errors, &field("indicator"), &name("indicator"),
                &l.text("form-contract-goal-indicator"), ctx.v(&name("indicator"))))
            (typed_input(l, ctx.errors, &field("target_date"), &name("target_date"),
                &l.text("form-contract-goal-target-date"), ctx.v(&name("target_date")), "date", None))
            @if !id.is_empty() {
                (checkbox(l, ctx.errors, &field("remove"), &name("remove"),
                    &l.text("form-contract-goal-remove"), ctx.values.checked(&name("remove"))))
            }
        }
    }
}

/// The plan and contract form.
pub fn form(ctx: &FormCtx<'_>) -> Markup {
    let l = ctx.l;
    let goal_fields = ["contract.goals", "contract.goal_indicators"];
    let fields = html! {
        fieldset.goals aria-describedby=[group_described_by(ctx.errors, &goal_fields)] {
            legend { (l.text("form-contract-goals")) }
            p.hint { (l.text("form-contract-goals-hint")) }
            (group_errors(l, ctx.errors, &goal_fields))
            @for (position, i) in goal_rows(ctx.values).into_iter().enumerate() {
                (goal_row(ctx, position, i))
            }
        }
        (text_area(l, ctx.errors, "contract.services", "services",
            &l.text("form-contract-services"), ctx.v("services")))
        (text_input(l, ctx.errors, "contract.frequency", "frequency",
            &l.text("form-contract-frequency"), ctx.v("frequency")))
        fieldset.agreement {
            legend { (l.text("form-contract-agreement")) }
            (checkbox(l, ctx.errors, "contract.client_agreement", "client_agreed",
                &l.text("form-contract-client-agreed"), ctx.values.checked("client_agreed")))
            (typed_input(l, ctx.errors, "contract.agreed_on", "agreed_on",
                &l.text("form-contract-agreed-on"), ctx.v("agreed_on"), "date", None))
        }
    };
    section_form(ctx, FormKind::Contract, "form-save", fields)
}

/// The plan's goals, read-only, with their attainment once rated.
pub fn goals_list(l: Locale, goals: &[Goal]) -> Markup {
    html! {
        @if goals.is_empty() {
            p.muted { (l.text("form-contract-no-goals")) }
        } @else {
            ol.goals {
                @for g in goals {
                    li {
                        span.goal-text { (g.description) }
                        dl.summary.compact {
                            (row(&l.text("form-contract-goal-indicator"), g.indicator.as_deref()))
                            (row(&l.text("form-contract-goal-target-date"), g.target_date.map(|d| l.date(d)).as_deref()))
                            @if let Some(a) = g.attainment {
                                (row(&l.text("form-closure-attainment"), Some(&gas_label(l, a))))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The saved plan, read-only.
pub fn summary(l: Locale, record: Option<&ContractRecord>, goals: &[Goal]) -> Markup {
    html! {
        h3 { (l.text("form-contract-goals")) }
        (goals_list(l, goals))
        @if let Some(r) = record {
            dl.summary {
                (row(&l.text("form-contract-services"), r.services.as_deref()))
                (row(&l.text("form-contract-frequency"), r.frequency.as_deref()))
                (row(&l.text("form-contract-client-agreed"), Some(&yes_no(l, r.client_agreed))))
                (row(&l.text("form-contract-agreed-on"), r.agreed_on.map(|d| l.date(d)).as_deref()))
            }
        }
    }
}
