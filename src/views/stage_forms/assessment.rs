//! 预估: the three dimensions, risk, needs, strengths and the baseline WHO-5.

use maud::{Markup, html};

use super::who5::{questions, score_text};
use super::{
    FormCtx, FormKind, code_options, label_opt, row, section_form, select_field, withheld_row,
};
use crate::db::records::AssessmentRecord;
use crate::domain::vocab::RiskLevel;
use crate::i18n::Locale;
use crate::views::components::text_area;

/// The assessment form.
pub fn form(ctx: &FormCtx<'_>) -> Markup {
    let l = ctx.l;
    let risks: Vec<&str> = RiskLevel::ALL.iter().map(|c| c.as_str()).collect();
    let area = |field: &str, name: &str, key: &str| {
        text_area(l, ctx.errors, field, name, &l.text(key), ctx.v(name))
    };
    let fields = html! {
        fieldset.dimensions {
            legend { (l.text("form-assessment-dimensions")) }
            (area("assessment.physiological", "physiological", "form-assessment-physiological"))
            (area("assessment.psychological", "psychological", "form-assessment-psychological"))
            (area("assessment.social", "social", "form-assessment-social"))
        }
        fieldset.risk-group {
            legend { (l.text("form-assessment-risk")) }
            (select_field(ctx, "assessment.risk_level", "risk_level", &l.text("form-assessment-risk-level"),
                &code_options(l, "case-risk", &risks)))
            (area("assessment.risk_screening", "risk_screening", "form-assessment-risk-screening"))
            p.hint.confidential { (l.text("case-confidential-hint")) }
        }
        (area("assessment.needs", "needs", "form-assessment-needs"))
        (area("assessment.strengths", "strengths", "form-assessment-strengths"))
        (questions(ctx, "who5", "assessment.who5_baseline", "assessment.who5_items"))
    };
    section_form(ctx, FormKind::Assessment, "form-save", fields)
}

/// The saved assessment, read-only; the risk screening only for those who may read it.
pub fn summary(l: Locale, record: Option<&AssessmentRecord>, withheld: bool) -> Markup {
    let Some(r) = record else {
        return html! { p.muted { (l.text("case-nothing-recorded")) } };
    };
    html! {
        dl.summary {
            (row(&l.text("form-assessment-physiological"), r.physiological.as_deref()))
            (row(&l.text("form-assessment-psychological"), r.psychological.as_deref()))
            (row(&l.text("form-assessment-social"), r.social.as_deref()))
            (row(&l.text("form-assessment-risk-level"), label_opt(l, "case-risk", r.risk_level.as_deref()).as_deref()))
            @if withheld {
                (withheld_row(l, &l.text("form-assessment-risk-screening")))
            } @else {
                (row(&l.text("form-assessment-risk-screening"), r.risk_screening.as_deref()))
            }
            (row(&l.text("form-assessment-needs"), r.needs.as_deref()))
            (row(&l.text("form-assessment-strengths"), r.strengths.as_deref()))
            (row(&l.text("form-assessment-who5"), score_text(r.who5_baseline).as_deref()))
        }
    }
}
