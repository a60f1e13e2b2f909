//! The transitions open to the reader now, as forms: a button for advancing or
//! approving, and a small form (opened with a disclosure, no script) for those
//! that need a reason or an early-closure reason.

use maud::{Markup, html};

use crate::domain::validation::FieldError;
use crate::domain::vocab::{CaseStage, ClosureReason};
use crate::domain::workflow::{Transition, rule_for};
use crate::error::field_message;
use crate::i18n::Locale;
use crate::views::components::csrf_field;
use crate::views::stage_forms::{FormCtx, FormKind};

/// Errors of one field of the transition form, with the id they are known by.
fn errors(l: Locale, errors: &[FieldError], field: &str, id: &str) -> Markup {
    errors_of(l, errors, &[field], id)
}

/// Errors of several fields shown as one (the comment and the reason share a box).
fn errors_of(l: Locale, errors: &[FieldError], fields: &[&str], id: &str) -> Markup {
    let messages: Vec<String> = errors
        .iter()
        .filter(|e| fields.contains(&e.field.as_str()))
        .map(|e| field_message(e, l))
        .collect();
    html! {
        @if !messages.is_empty() {
            ul.field-errors id=(id) { @for m in &messages { li { (m) } } }
        }
    }
}

fn has(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// One transition's form. `ctx.errors` and `ctx.values` belong to it only when it
/// was the one sent.
fn one(ctx: &FormCtx<'_>, stage: CaseStage, t: Transition, sent: bool) -> Markup {
    let l = ctx.l;
    let code = t.as_str();
    let slug = code.replace('_', "-");
    // Where the move leads; nothing for a move that stays in the stage (submitting
    // or returning a plan).
    let to = rule_for(stage, t)
        .filter(|r| r.to != stage)
        .map(|r| l.label("stage", r.to.as_str()));
    let (errs, reason, closure_reason): (&[FieldError], &str, &str) = if sent {
        (ctx.errors, ctx.v("reason"), ctx.v("closure_reason"))
    } else {
        (&[], "", "")
    };
    let reason_id = format!("move-{slug}-reason");
    let closure_id = format!("move-{slug}-closure-reason");
    let reason_err = format!("{reason_id}-error");
    let closure_err = format!("{closure_id}-error");
    // Moving back or out is a secondary action; moving on is the primary one.
    let secondary = matches!(
        t,
        Transition::CloseEarly
            | Transition::StepBack
            | Transition::SendBack
            | Transition::ReturnPlan
    );
    let needs_reason = matches!(
        t,
        Transition::StepBack | Transition::SendBack | Transition::Reopen
    );
    // A supervisor's decision carries a comment for the worker (same field).
    let needs_comment = matches!(
        t,
        Transition::ApprovePlan | Transition::ReturnPlan | Transition::ApproveClosure
    );
    let reason_field = if needs_comment {
        "transition.comment"
    } else {
        "transition.reason"
    };
    let reason_invalid = has(errs, reason_field) || has(errs, "transition.reason");
    let body = html! {
        form.move-form method="post" action={ "/cases/" (ctx.case_id) "/transitions" } {
            (csrf_field(ctx.who))
            input type="hidden" name="version" value=(ctx.version);
            input type="hidden" name="transition" value=(code);
            (errors(l, errs, "transition.transition", &format!("move-{slug}-error")))
            @if t == Transition::CloseEarly {
                div.field.invalid[has(errs, "transition.closure_reason")] {
                    label for=(closure_id) { (l.text("form-move-closure-reason")) }
                    select id=(closure_id) name="closure_reason"
                        aria-invalid=[has(errs, "transition.closure_reason").then_some("true")]
                        aria-describedby=[has(errs, "transition.closure_reason").then_some(closure_err.as_str())] {
                        option value="" { "—" }
                        @for r in ClosureReason::ALL.iter().filter(|r| r.is_early()) {
                            option value=(r.as_str()) selected[closure_reason == r.as_str()] { (l.label("case-closure-reason", r.as_str())) }
                        }
                    }
                    (errors(l, errs, "transition.closure_reason", &closure_err))
                }
            }
            @if needs_reason || needs_comment || t == Transition::CloseEarly {
                div.field.invalid[reason_invalid] {
                    label for=(reason_id) {
                        (l.text(if needs_comment {
                            "supervision-move-comment"
                        } else if needs_reason {
                            "form-move-reason"
                        } else {
                            "form-move-note"
                        }))
                    }
                    textarea id=(reason_id) name="reason" rows="3"
                        aria-invalid=[reason_invalid.then_some("true")]
                        aria-describedby=[reason_invalid.then_some(reason_err.as_str())] { (reason) }
                    (errors_of(l, errs, &["transition.reason", reason_field], &reason_err))
                }
            }
            button type="submit" class=[secondary.then_some("secondary")] {
                (l.label("transition", code))
                @if let Some(to) = &to { span.to { " → " (to) } }
            }
        }
    };
    if matches!(
        t,
        Transition::Advance
            | Transition::ApproveClosure
            | Transition::SubmitPlan
            | Transition::ApprovePlan
    ) {
        body
    } else {
        html! {
            details.move open[sent] {
                summary { (l.label("transition", code)) }
                (body)
            }
        }
    }
}

/// The moves section. `sent` is the transition the user just tried, if any.
pub fn moves(
    ctx: &FormCtx<'_>,
    stage: CaseStage,
    open: &[Transition],
    sent: Option<Transition>,
) -> Markup {
    let l = ctx.l;
    html! {
        section.card.moves aria-labelledby="moves-title" {
            h2 #moves-title { (l.text("case-moves")) }
            p.hint { (l.text("case-moves-hint")) }
            @for t in open {
                (one(ctx, stage, *t, sent == Some(*t)))
            }
        }
    }
}

/// Whether a feedback's form is one of the moves.
pub fn sent_transition(form: Option<FormKind>) -> Option<Transition> {
    match form {
        Some(FormKind::Transition(t)) => Some(t),
        _ => None,
    }
}
