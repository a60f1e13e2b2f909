//! The WHO-5 well-being index as its five questions, each answered 0-5.
//!
//! The score (raw sum × 4, 0-100) is the record's; the answers behind a score
//! saved from this form are kept beside it (`db::who5`) and shown again, and
//! a score set otherwise (the API) shows the questions unanswered. Answering all
//! five again replaces the score. The server computes the score (`web::screens::forms`).

use maud::{Markup, html};

use super::{FormCtx, group_described_by, group_errors};

/// The answers, highest first as on the printed questionnaire.
const ANSWERS: [u8; 6] = [5, 4, 3, 2, 1, 0];

/// The five questions as a fieldset. `prefix` names the inputs (`who5.1`..`who5.5`;
/// the values' `who5_saved` is the stored score, shown only); `score_field` and `items_field` are the
/// field codes whose errors belong here.
pub fn questions(ctx: &FormCtx<'_>, prefix: &str, score_field: &str, items_field: &str) -> Markup {
    let l = ctx.l;
    let fields = [score_field, items_field];
    let saved_name = format!("{prefix}_saved");
    let saved = ctx.v(&saved_name);
    html! {
        fieldset.who5 aria-describedby=[group_described_by(ctx.errors, &fields)] {
            legend { (l.text("who5-title")) }
            p.hint { (l.text("who5-intro")) }
            @if !saved.is_empty() {
                p.saved { (l.text_with("who5-saved", &[("score", saved.to_owned().into())])) }
            }
            (group_errors(l, ctx.errors, &fields))
            @for n in 1..=5u8 {
                @let name = format!("{prefix}.{n}");
                @let chosen = ctx.v(&name);
                fieldset.who5-item {
                    legend { span.num { (n) ". " } (l.text(&format!("who5-item-{n}"))) }
                    div.scale {
                        @for a in ANSWERS {
                            label.choice {
                                input type="radio" name=(name) value=(a) checked[chosen == a.to_string()];
                                span { b { (a) } " " (l.text(&format!("who5-answer-{a}"))) }
                            }
                        }
                    }
                }
            }
            p.hint { (l.text("who5-scoring")) }
        }
    }
}

/// A stored score as shown in a summary: "36 / 100".
pub fn score_text(score: Option<i32>) -> Option<String> {
    score.map(|s| format!("{s} / 100"))
}
