//! The page for a form sent after the session ended (idle timeout while
//! writing a long note): nothing is saved, but what was typed is shown so that
//! it is not lost on the way to signing in again.

use maud::{Markup, html};

use super::row;
use crate::i18n::Locale;
use crate::views::layout::layout;

/// What was typed, labelled, with a way back in.
pub fn signed_out(l: Locale, case_id: &str, typed: &[(String, String)]) -> Markup {
    let content = html! {
        h1 { (l.text("form-signed-out-title")) }
        div.error.alert role="alert" { p { (l.text("form-signed-out-intro")) } }
        @if !typed.is_empty() {
            section.unsaved aria-labelledby="unsaved-title" {
                h2 #unsaved-title { (l.text("form-unsaved-title")) }
                dl.summary { @for (label, value) in typed { (row(label, Some(value))) } }
            }
        }
        p {
            a href="/sign-in" target="_blank" rel="noopener" { (l.text("form-signed-out-sign-in")) }
            " · "
            a href={ "/cases/" (case_id) } { (l.text("form-signed-out-case")) }
        }
    };
    layout(l, &l.text("form-signed-out-title"), None, content)
}
