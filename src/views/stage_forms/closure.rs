//! 结案与评估: the reason, each goal on the goal attainment scale (目标达成量表,
//! −2..+2), the closing WHO-5, the client's satisfaction, summary and follow-up.

use maud::{Markup, html};

use super::contract::goals_list;
use super::who5::{questions, score_text};
use super::{
    FormCtx, FormKind, code_options, group_described_by, group_errors, label_opt, row,
    section_form, select_field,
};
use crate::db::records::{ClosureRecord, Goal};
use crate::domain::vocab::ClosureReason;
use crate::i18n::Locale;
use crate::views::components::text_area;

/// The label of a goal attainment score.
pub fn gas_label(l: Locale, score: i32) -> String {
    let key = match score {
        ..=-2 => "gas-minus-2",
        -1 => "gas-minus-1",
        0 => "gas-0",
        1 => "gas-plus-1",
        _ => "gas-plus-2",
    };
    // A real minus sign, as the scale is printed (−2 … +2).
    let number = match score {
        0 => "0".to_owned(),
        n if n < 0 => format!("\u{2212}{}", -n),
        n => format!("+{n}"),
    };
    format!("{number} {}", l.text(key))
}

/// The label of a satisfaction rating (1-5).
pub fn satisfaction_label(l: Locale, n: i32) -> String {
    // Not `l.label`: its keys drop numeric parts, as list indices.
    format!("{n} {}", l.text(&format!("form-satisfaction-{n}")))
}

/// The closure form; `goals` are the plan's goals, each rated here.
pub fn form(ctx: &FormCtx<'_>, goals: &[Goal]) -> Markup {
    let l = ctx.l;
    let reasons: Vec<&str> = ClosureReason::ALL.iter().map(|c| c.as_str()).collect();
    let gas: Vec<(String, String)> = (-2..=2).map(|s| (s.to_string(), gas_label(l, s))).collect();
    let satisfaction: Vec<(String, String)> = (1..=5)
        .rev()
        .map(|n| (n.to_string(), satisfaction_label(l, n)))
        .collect();
    let gas_fields = ["closure.goal_attainment"];
    let fields = html! {
        (select_field(ctx, "closure.reason", "reason", &l.text("form-closure-reason"),
            &code_options(l, "case-closure-reason", &reasons)))
        fieldset.gas aria-describedby=[group_described_by(ctx.errors, &gas_fields)] {
            legend { (l.text("form-closure-gas")) }
            p.hint { (l.text("form-closure-gas-hint")) }
            (group_errors(l, ctx.errors, &gas_fields))
            @if goals.is_empty() { p.muted { (l.text("form-contract-no-goals")) } }
            @for (i, goal) in goals.iter().enumerate() {
                input type="hidden" name={ "gas_id." (i) } value=(goal.id);
                (select_field(ctx, &format!("closure.goal_attainment.{i}"), &format!("gas.{i}"),
                    &format!("{}. {}", i + 1, goal.description), &gas))
            }
        }
        (questions(ctx, "who5", "closure.who5_closing", "closure.who5_items"))
        (select_field(ctx, "closure.satisfaction", "satisfaction", &l.text("form-closure-satisfaction"), &satisfaction))
        (text_area(l, ctx.errors, "closure.summary", "summary",
            &l.text("form-closure-summary"), ctx.v("summary")))
        (text_area(l, ctx.errors, "closure.follow_up_plan", "follow_up_plan",
            &l.text("form-closure-follow-up"), ctx.v("follow_up_plan")))
    };
    section_form(ctx, FormKind::Closure, "form-save", fields)
}

/// The saved closure, read-only.
pub fn summary(l: Locale, record: Option<&ClosureRecord>, goals: &[Goal]) -> Markup {
    let Some(r) = record else {
        return html! { p.muted { (l.text("case-nothing-recorded")) } };
    };
    // An early closure records only its reason: empty rows would read as omissions.
    let early = r
        .reason
        .as_deref()
        .and_then(|c| c.parse::<ClosureReason>().ok())
        .is_some_and(|c| c.is_early());
    let rows = [
        ("form-closure-who5", score_text(r.who5_closing)),
        (
            "form-closure-satisfaction",
            r.satisfaction.map(|n| satisfaction_label(l, n)),
        ),
        ("form-closure-summary", r.summary.clone()),
        ("form-closure-follow-up", r.follow_up_plan.clone()),
    ];
    html! {
        dl.summary {
            (row(&l.text("form-closure-reason"), label_opt(l, "case-closure-reason", r.reason.as_deref()).as_deref()))
            @for (key, value) in rows.iter().filter(|(_, v)| !early || v.is_some()) {
                (row(&l.text(key), value.as_deref()))
            }
        }
        @if goals.iter().any(|g| g.attainment.is_some()) {
            h3 { (l.text("form-closure-gas")) }
            (goals_list(l, goals))
        }
    }
}
