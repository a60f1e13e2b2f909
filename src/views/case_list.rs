//! The case list: a filter form (GET, so that every view is a link that can be
//! bookmarked and shared), the table, and a link to the next page.
//!
//! On a phone the table's rows become cards (`static/lists.css`): each cell
//! carries its column name in `data-label`, which the stylesheet shows beside it.

use maud::{Markup, html};

use super::home::risk_badge;
use super::layout::urlencoding;
use crate::db::case_queries::{CaseRow, SortKey};
use crate::domain::vocab::{CaseStage, CaseType, RiskLevel};
use crate::i18n::Locale;

/// The list's URL parameters as typed, kept to fill the form in again and to
/// carry the filters into the next-page link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListParams {
    /// Free text: client name, phone or case reference.
    pub q: String,
    /// Case type code.
    pub case_type: String,
    /// Stage code, or `open`.
    pub stage: String,
    /// Risk level code, or `none`.
    pub risk: String,
    /// Assigned worker id, or `none`.
    pub worker: String,
    /// Organisation id.
    pub org: String,
    /// Opened from (YYYY-MM-DD).
    pub from: String,
    /// Opened until (YYYY-MM-DD).
    pub to: String,
    /// Sort code.
    pub sort: String,
    /// Cursor of this page.
    pub after: String,
}

impl ListParams {
    /// Reads the parameters of a query string; the first value of each wins and
    /// unknown names are ignored (a bookmark may carry `flash`, say).
    pub fn from_pairs(pairs: &[(String, String)]) -> ListParams {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
        ListParams {
            q: get("q"),
            case_type: get("case_type"),
            stage: get("stage"),
            risk: get("risk"),
            worker: get("worker"),
            org: get("org"),
            from: get("from"),
            to: get("to"),
            sort: get("sort"),
            after: get("after"),
        }
    }

    /// `/cases?…` with every filter that is set, and `after` if given.
    pub fn link(&self, after: Option<&str>) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("case_type", &self.case_type),
            ("stage", &self.stage),
            ("risk", &self.risk),
            ("worker", &self.worker),
            ("org", &self.org),
            ("from", &self.from),
            ("to", &self.to),
            ("sort", &self.sort),
            ("after", after.unwrap_or("")),
        ];
        let query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencoding(v)))
            .collect();
        if query.is_empty() {
            "/cases".to_owned()
        } else {
            format!("/cases?{}", query.join("&"))
        }
    }
}

/// A parameter that could not be used, and the locale key that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// The parameter (`stage`, `from`...; `after` for the page cursor).
    pub param: &'static str,
    /// Locale key of the message.
    pub key: &'static str,
}

/// What the list page shows.
#[derive(Debug, Clone)]
pub struct ListPage<'a> {
    /// The parameters as typed.
    pub params: &'a ListParams,
    /// Parameters that could not be used (the page then lists nothing).
    pub errors: &'a [ListError],
    /// This page's rows.
    pub rows: &'a [CaseRow],
    /// The next page's cursor, if there is one.
    pub next: Option<String>,
    /// The agency's staff (id, name), for the worker filter.
    pub staff: &'a [(String, String)],
    /// The user's agency (id, name).
    pub organisation: (&'a str, &'a str),
    /// Whether the viewer also sees the agency's cases without a team.
    pub supervisor: bool,
}

/// The whole case list page content.
pub fn case_list(l: Locale, page: &ListPage<'_>) -> Markup {
    html! {
        div.screen-case-list {
        h1 { (l.text("list-title")) }
        p.muted { (l.text(if page.supervisor { "list-scope-supervisor" } else { "list-scope-worker" })) }
        (filter_form(l, page))
        @if !page.errors.is_empty() {
            div.error role="alert" {
                p { (l.text("list-errors")) }
                @for e in page.errors.iter().filter(|e| e.param == "after") {
                    p #after-error { (l.text(e.key)) " " a href=(page.params.link(None)) { (l.text("list-first")) } }
                }
            }
        } @else if page.rows.is_empty() {
            p.empty { (l.text("list-empty")) }
        } @else {
            (table(l, page.rows))
        }
        (pager(l, page))
        }
    }
}

fn messages<'a>(page: &'a ListPage<'_>, param: &str) -> Vec<&'a ListError> {
    page.errors.iter().filter(|e| e.param == param).collect()
}

/// A labelled filter with its messages tied to it (as `views::components` does).
fn filter_field(
    l: Locale,
    page: &ListPage<'_>,
    param: &str,
    label: &str,
    control: Markup,
) -> Markup {
    let errors = messages(page, param);
    html! {
        div.field.invalid[!errors.is_empty()] {
            label for={ "f-" (param) } { (label) }
            (control)
            @if !errors.is_empty() {
                ul.field-errors id={ "f-" (param) "-error" } {
                    @for e in errors { li { (l.text(e.key)) } }
                }
            }
        }
    }
}

fn described(page: &ListPage<'_>, param: &str) -> Option<String> {
    (!messages(page, param).is_empty()).then(|| format!("f-{param}-error"))
}

fn code_options(
    l: Locale,
    prefix: &str,
    codes: &[&str],
    selected: &str,
    extra: &[(&str, String)],
) -> Markup {
    html! {
        option value="" { (l.text("list-any")) }
        @for (value, label) in extra {
            option value=(value) selected[selected == *value] { (label) }
        }
        @for code in codes {
            option value=(code) selected[selected == *code] { (l.label(prefix, code)) }
        }
    }
}

fn select(page: &ListPage<'_>, param: &str, options: Markup) -> Markup {
    html! {
        select id={ "f-" (param) } name=(param)
            aria-invalid=[described(page, param).map(|_| "true")]
            aria-describedby=[described(page, param)] { (options) }
    }
}

fn input(page: &ListPage<'_>, param: &str, kind: &str, value: &str) -> Markup {
    html! {
        input id={ "f-" (param) } name=(param) type=(kind) value=(value)
            aria-invalid=[described(page, param).map(|_| "true")]
            aria-describedby=[described(page, param)];
    }
}

fn filter_form(l: Locale, page: &ListPage<'_>) -> Markup {
    let p = page.params;
    let types: Vec<&str> = CaseType::ALL.iter().map(|t| t.as_str()).collect();
    let stages: Vec<&str> = CaseStage::ALL.iter().map(|s| s.as_str()).collect();
    let risks: Vec<&str> = RiskLevel::ALL.iter().rev().map(|r| r.as_str()).collect();
    let (org_id, org_name) = page.organisation;
    html! {
        form.card.filters.list-filters method="get" action="/cases" role="search" aria-label=(l.text("list-filters")) {
            div.field.wide {
                (filter_field(l, page, "q", &l.text("list-filter-text"), input(page, "q", "search", &p.q)))
            }
            (filter_field(l, page, "case_type", &l.text("list-filter-type"),
                select(page, "case_type", code_options(l, "case-type", &types, &p.case_type, &[]))))
            (filter_field(l, page, "stage", &l.text("list-filter-stage"),
                select(page, "stage", code_options(l, "stage", &stages, &p.stage, &[("open", l.text("list-stage-open"))]))))
            (filter_field(l, page, "risk", &l.text("list-filter-risk"),
                select(page, "risk", code_options(l, "list-risk", &risks, &p.risk, &[("none", l.text("list-risk-none"))]))))
            (filter_field(l, page, "worker", &l.text("list-filter-worker"), select(page, "worker", html! {
                option value="" { (l.text("list-any")) }
                option value="none" selected[p.worker == "none"] { (l.text("list-worker-none")) }
                @for (id, name) in page.staff {
                    option value=(id) selected[p.worker == *id] { (name) }
                }
            })))
            (filter_field(l, page, "org", &l.text("list-filter-org"), select(page, "org", html! {
                option value=(org_id) selected { (org_name) }
            })))
            (filter_field(l, page, "from", &l.text("list-filter-from"), input(page, "from", "date", &p.from)))
            (filter_field(l, page, "to", &l.text("list-filter-to"), input(page, "to", "date", &p.to)))
            (filter_field(l, page, "sort", &l.text("list-filter-sort"), select(page, "sort", html! {
                @for key in SortKey::ALL {
                    option value=(key.as_str()) selected[p.sort == key.as_str()] {
                        (l.text(&format!("list-sort-{}", key.as_str())))
                    }
                }
            })))
            div.actions {
                button type="submit" { (l.text("list-apply")) }
                a.reset href="/cases" { (l.text("list-reset")) }
            }
        }
    }
}

fn table(l: Locale, rows: &[CaseRow]) -> Markup {
    let heads = [
        l.text("list-col-reference"),
        l.text("list-col-client"),
        l.text("list-col-type"),
        l.text("list-col-stage"),
        l.text("list-col-risk"),
        l.text("list-col-worker"),
        l.text("list-col-updated"),
    ];
    html! {
        div.case-list-wrap {
            table.case-list {
                caption.visually-hidden { (l.text("list-caption")) }
                thead { tr { @for h in &heads { th scope="col" { (h) } } } }
                tbody {
                    @for r in rows {
                        @let high = crate::db::case_queries::is_high_risk(r.risk_level.as_deref());
                        tr.high-risk[high] {
                            th scope="row" data-label=(heads[0]) {
                                a href={ "/cases/" (r.id) } { (r.reference) }
                            }
                            td data-label=(heads[1]) { (r.client_name) }
                            td data-label=(heads[2]) { (l.label("case-type", &r.case_type)) }
                            td data-label=(heads[3]) { (l.label("stage", &r.stage)) }
                            td data-label=(heads[4]) {
                                @if r.risk_level.is_some() {
                                    (risk_badge(l, r.risk_level.as_deref()))
                                } @else {
                                    span.muted { (l.text("list-risk-none")) }
                                }
                            }
                            td data-label=(heads[5]) {
                                @match &r.worker_name {
                                    Some(name) => { (name) }
                                    None => { span.muted { (l.text("list-worker-none")) } }
                                }
                            }
                            td data-label=(heads[6]) {
                                time datetime={ (r.updated_at.format("%Y-%m-%dT%H:%M:%SZ")) } { (l.date_time(r.updated_at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pager(l: Locale, page: &ListPage<'_>) -> Markup {
    let on_later_page = !page.params.after.is_empty() && page.errors.is_empty();
    html! {
        @if on_later_page || page.next.is_some() {
            nav.pager aria-label=(l.text("list-pages")) {
                @if on_later_page {
                    a href=(page.params.link(None)) { (l.text("list-first")) }
                }
                @if let Some(next) = &page.next {
                    a.next rel="next" href=(page.params.link(Some(next))) { (l.text("list-next")) }
                }
            }
        }
    }
}
