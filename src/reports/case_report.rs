//! The case report: everything about one case that its reader may see, as a PDF
//! in the reader's language.
//!
//! A cover (reference, type, client, worker, dates), then the client, the case
//! type's details, one section per stage, referrals out, the goals and their
//! attainment, the change in WHO-5 well-being, closure and evaluation, and the
//! timeline. Every page is marked confidential and says who generated it, when,
//! and its page number.
//!
//! What the reader may not see is left out, not blanked: the caller passes
//! records whose confidential fields were already withheld
//! (`web::cases::withhold_confidential`), and with `withheld` set this module
//! leaves out the rows of those fields altogether. This module is pure: the
//! handler loads the data, this turns it into blocks, `layout` places them and
//! `pdf` draws them.

mod sections;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::fonts::ReportFont;
use super::layout::{Block, Furniture, Geometry, add_furniture, lay_out};
use super::pdf;
use crate::db::cases::Case;
use crate::db::clients::Client;
use crate::db::details::CaseDetails;
use crate::db::records::StageRecords;
use crate::db::transitions::TransitionLogEntry;
use crate::i18n::{Arg, Locale};
use crate::views::case_page::timeline::TimelineItem;

/// A referral out to a resource (legal aid, a hospital, a hotline...), as the
/// report lists it. The loader fills it from the case page's referrals, whose
/// feedback is already withheld from readers who may not see it.
#[derive(Debug, Clone)]
pub struct OutboundReferral {
    /// The day the referral was made.
    pub made_on: NaiveDate,
    /// The resource referred to, as named in the directory.
    pub resource: String,
    /// Its status, already in the reader's language.
    pub status: String,
    /// What the resource reported back, if anything.
    pub feedback: Option<String>,
}

/// The referral the case came from (a union's, or an online self-referral).
#[derive(Debug, Clone)]
pub struct SourceReferral {
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Who referred: the union's name, or "online request", in the reader's language.
    pub source: String,
    /// Its status, already in the reader's language.
    pub status: String,
}

/// Everything the report shows, loaded and access-checked by the caller.
pub struct CaseReport<'a> {
    /// The reader's language.
    pub l: Locale,
    /// The case.
    pub case: &'a Case,
    /// Its client.
    pub client: &'a Client,
    /// Stage records, confidential fields already withheld where needed.
    pub records: &'a StageRecords,
    /// Type-specific details, likewise.
    pub details: Option<&'a CaseDetails>,
    /// The transition log.
    pub transitions: &'a [TransitionLogEntry],
    /// The timeline, in any order (the report shows it oldest first).
    pub timeline: &'a [TimelineItem],
    /// Display names of everyone mentioned, by user id.
    pub names: &'a HashMap<String, String>,
    /// The agency's name.
    pub agency: &'a str,
    /// The team's name, if the case has a team.
    pub team: Option<&'a str>,
    /// Referrals out, oldest first.
    pub referrals: &'a [OutboundReferral],
    /// The referral the case came from, if any.
    pub source_referral: Option<&'a SourceReferral>,
    /// Confidential fields were withheld from this reader: leave their rows out.
    pub withheld: bool,
    /// Who asked for the report.
    pub generated_by: &'a str,
    /// When (UTC).
    pub generated_at: NaiveDateTime,
}

impl CaseReport<'_> {
    fn t(&self, key: &str) -> String {
        self.l.text(key)
    }

    fn name(&self, user_id: &str) -> String {
        self.names
            .get(user_id)
            .cloned()
            .unwrap_or_else(|| "—".into())
    }

    /// The file name offered for download: the case reference, which is all
    /// ASCII (`CW-2026-000123.pdf`), so it needs no encoding in the header.
    pub fn file_name(&self) -> String {
        let safe: String = self
            .case
            .reference
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        format!("{safe}.pdf")
    }

    /// The report as blocks, in reading order.
    pub fn blocks(&self) -> Vec<Block> {
        let mut b = Vec::new();
        self.cover(&mut b);
        b.push(Block::PageBreak);
        sections::client(self, &mut b);
        sections::details(self, &mut b);
        sections::intake(self, &mut b);
        sections::assessment(self, &mut b);
        sections::contract(self, &mut b);
        sections::intervention(self, &mut b);
        sections::referrals(self, &mut b);
        sections::goals(self, &mut b);
        sections::who5(self, &mut b);
        sections::closure(self, &mut b);
        sections::timeline(self, &mut b);
        b
    }

    fn cover(&self, b: &mut Vec<Block>) {
        let (l, c) = (self.l, self.case);
        b.push(Block::Gap(60.0));
        b.push(Block::Title(self.t("report-title")));
        b.push(Block::Subheading(format!(
            "{} · {}",
            c.reference, self.client.full_name
        )));
        b.push(Block::Gap(18.0));
        let worker = c.assigned_worker_id.as_deref().map(|id| self.name(id));
        let rows = [
            ("report-reference", Some(c.reference.clone())),
            ("report-case-type", Some(l.label("case-type", &c.case_type))),
            ("report-client", Some(self.client.full_name.clone())),
            ("case-worker", worker),
            ("report-agency", Some(self.agency.to_owned())),
            ("report-team", self.team.map(str::to_owned)),
            ("case-stage", Some(l.label("stage", &c.stage))),
            (
                "case-risk",
                Some(c.risk_level.as_deref().map_or_else(
                    || self.t("case-risk-unassessed"),
                    |r| l.label("case-risk", r),
                )),
            ),
            ("case-opened", Some(l.date(c.opened_at.date()))),
            ("report-closed", c.closed_at.map(|d| l.date(d.date()))),
            (
                "report-sessions",
                Some(
                    self.l.text_with(
                        "report-sessions-count",
                        &[
                            ("n", Arg::Number(self.records.sessions.len() as i64)),
                            (
                                "minutes",
                                Arg::Number(
                                    self.records
                                        .sessions
                                        .iter()
                                        .map(|s| i64::from(s.duration_minutes))
                                        .sum(),
                                ),
                            ),
                        ],
                    ),
                ),
            ),
        ];
        for (key, value) in rows {
            b.push(field(&self.t(key), value.as_deref()));
        }
        b.push(Block::Gap(24.0));
        b.push(Block::Note(self.t("report-confidential-statement")));
        if self.withheld {
            b.push(Block::Note(self.t("report-withheld-note")));
        }
    }

    /// The text that stands at the bottom of every page.
    fn generated(&self) -> String {
        self.l.text_with(
            "report-generated",
            &[
                ("name", Arg::Text(self.generated_by.to_owned())),
                ("when", Arg::Text(self.l.date_time(self.generated_at))),
            ],
        )
    }

    /// Lays the report out and writes the PDF.
    pub fn render(&self, font: &ReportFont) -> Vec<u8> {
        let geo = Geometry::A4;
        let mut pages = lay_out(font, &geo, &self.blocks());
        let l = self.l;
        let page_label = move |n: usize, total: usize| {
            l.text_with(
                "report-page",
                &[
                    ("n", Arg::Number(n as i64)),
                    ("total", Arg::Number(total as i64)),
                ],
            )
        };
        let title = format!("{} · {}", self.case.reference, self.t("report-title"));
        add_furniture(
            font,
            &geo,
            &mut pages,
            &Furniture {
                mark: &self.t("report-confidential"),
                title: &title,
                generated: &self.generated(),
                page_label: &page_label,
            },
        );
        pdf::write(
            font,
            &geo,
            &pages,
            &pdf::DocumentInfo {
                title: &title,
                author: self.generated_by,
                created: self.generated_at,
            },
        )
    }
}

/// A label and its value; an empty value shows a dash, as on the case page.
fn field(label: &str, value: Option<&str>) -> Block {
    Block::Field {
        label: label.to_owned(),
        value: value
            .filter(|v| !v.trim().is_empty())
            .unwrap_or("—")
            .to_owned(),
    }
}

#[cfg(test)]
#[path = "case_report_tests.rs"]
mod tests;
