//! The evaluation report as a PDF: the same outline as the screen and the CSV
//! (`views::evaluation::outline`), set as headings, tables and charts drawn with
//! printpdf, in the reader's language, with the embedded CJK font subset.
//!
//! Every page carries the internal-use mark and the report's scope at the top,
//! and who generated it, when, and the page number at the bottom.

use chrono::NaiveDateTime;

use super::fonts::ReportFont;
use super::layout::{Block, Furniture, Geometry, TableBlock, add_furniture, lay_out};
use super::pdf;
use crate::domain::evaluation::{Disclosure, Report};
use crate::i18n::{Arg, Locale};
use crate::views::evaluation::format::shown;
use crate::views::evaluation::outline::{Part, outline};

/// What the PDF needs besides the figures.
pub struct EvaluationPdf<'a> {
    /// The reader's language.
    pub l: Locale,
    /// The figures.
    pub report: &'a Report,
    /// Whose figures, in words.
    pub scope: &'a str,
    /// The case type, in words, if the report is about one.
    pub case_type: Option<String>,
    /// Who asked for it.
    pub generated_by: &'a str,
    /// When (UTC).
    pub generated_at: NaiveDateTime,
}

impl EvaluationPdf<'_> {
    /// The report as blocks, in reading order.
    pub fn blocks(&self) -> Vec<Block> {
        let (l, r) = (self.l, self.report);
        let mut b = vec![
            Block::Title(l.text("eval-title")),
            Block::Subheading(self.scope.to_owned()),
            Block::Field {
                label: l.text("eval-pdf-period"),
                value: l.text_with(
                    "eval-period",
                    &[
                        ("from", l.date(r.period.from).into()),
                        ("to", l.date(r.period.to).into()),
                    ],
                ),
            },
            Block::Field {
                label: l.text("eval-case-type"),
                value: self
                    .case_type
                    .clone()
                    .unwrap_or_else(|| l.text("eval-all-types")),
            },
            Block::Field {
                label: l.text("eval-csv-generated"),
                value: self.generated(),
            },
        ];
        if r.is_empty() {
            b.push(Block::Paragraph(l.text("eval-no-data")));
        }
        let width = Geometry::A4.width - 2.0 * Geometry::A4.margin_x;
        for section in outline(l, r) {
            b.push(Block::Heading(section.title.clone()));
            for part in &section.parts {
                match part {
                    Part::Note(text) => b.push(Block::Note(text.clone())),
                    Part::Figures(f) => {
                        b.push(Block::Subheading(f.caption.clone()));
                        for (_, label, value) in &f.items {
                            b.push(Block::Field {
                                label: label.clone(),
                                value: shown(l, *value),
                            });
                        }
                    }
                    Part::Table(t) => {
                        b.push(Block::Subheading(t.caption.clone()));
                        if let Some(chart) = t.chart(l, width) {
                            b.push(Block::Chart(chart));
                        }
                        let mut headers = vec![t.label_header.clone()];
                        headers.extend(t.columns.iter().map(|(_, h)| h.clone()));
                        let row = |label: &str, cells: &[_]| {
                            let mut out = vec![label.to_owned()];
                            out.extend(cells.iter().map(|c| shown(l, *c)));
                            out
                        };
                        b.push(Block::Table(TableBlock {
                            headers,
                            rows: t.rows.iter().map(|r| row(&r.label, &r.cells)).collect(),
                            total: t.total.as_ref().map(|c| row(&l.text("eval-total"), c)),
                        }));
                    }
                }
            }
        }
        b
    }

    fn generated(&self) -> String {
        self.l.text_with(
            "eval-generated",
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
        let title = format!("{} · {}", l.text("eval-title"), self.scope);
        let mark = match self.report.disclosure {
            Disclosure::Exact => l.text("eval-pdf-mark"),
            Disclosure::Protected => l.text("eval-pdf-mark-protected"),
        };
        add_furniture(
            font,
            &geo,
            &mut pages,
            &Furniture {
                mark: &mark,
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
