//! The report as CSV: one figure per line, `section,item,label,measure,value`,
//! with stable English codes in every column but `label`, so that a spreadsheet
//! can filter it and a program can read it. UTF-8 with a byte-order mark, which
//! Excel needs to open Chinese text correctly.

use super::format::plain;
use super::outline::{Part, Section};
use crate::i18n::Locale;

/// The byte-order mark Excel looks for.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// What the CSV says about itself before the figures.
pub struct CsvHead<'a> {
    /// (item code, label, value) lines of the `report` section: scope, period...
    pub lines: Vec<(&'a str, String, String)>,
}

/// The CSV bytes of a report's outline.
pub fn render(l: Locale, head: &CsvHead<'_>, sections: &[Section]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record(["section", "item", "label", "measure", "value"])?;
    for (item, label, value) in &head.lines {
        out.write_record(["report", item, label, "", value])?;
    }
    let total = l.text("eval-total");
    for section in sections {
        for part in &section.parts {
            match part {
                Part::Table(t) => {
                    for row in &t.rows {
                        for ((measure, _), cell) in t.columns.iter().zip(&row.cells) {
                            out.write_record([
                                t.id,
                                &row.code,
                                &row.label,
                                measure,
                                &plain(*cell),
                            ])?;
                        }
                    }
                    if let Some(cells) = &t.total {
                        for ((measure, _), cell) in t.columns.iter().zip(cells) {
                            out.write_record([t.id, "total", &total, measure, &plain(*cell)])?;
                        }
                    }
                }
                Part::Figures(f) => {
                    for (code, label, value) in &f.items {
                        out.write_record([f.id, code, label, "value", &plain(*value)])?;
                    }
                }
                Part::Note(_) => {}
            }
        }
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
