//! Tables of figures and charts on the page: what the evaluation report adds to
//! the layout of text.
//!
//! A table gives its first column the room its labels need (up to half the
//! width) and the figure columns the rest, figures right-aligned; a row never
//! splits over two pages, and a table that runs on repeats its header. A chart
//! (shapes from `crate::charts`, laid out for the content width) moves to the
//! next page whole when it does not fit.

use super::{BODY, LABEL, Placed, Style, Tone, Writer, printable, text_width, wrap};
use crate::charts::{Anchor, Chart, Fill, Shape, Stroke};

/// A table: a header, rows, and optionally a totals row. The first column holds
/// labels; the others hold figures.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock {
    /// Column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as the headers.
    pub rows: Vec<Vec<String>>,
    /// The totals row.
    pub total: Option<Vec<String>>,
}

const GUTTER: f32 = 8.0;

impl Writer<'_> {
    /// Column (left, width) pairs for a table of `n` columns.
    fn columns(&self, t: &TableBlock) -> Vec<(f32, f32)> {
        let width = self.geo.content_width();
        let n = t.headers.len().max(1);
        let longest = t
            .rows
            .iter()
            .chain(t.total.iter())
            .filter_map(|r| r.first())
            .map(|label| text_width(self.m, &printable(self.m, label), BODY.size))
            .fold(text_width(self.m, &t.headers[0], LABEL.size), f32::max);
        let figures = n.saturating_sub(1) as f32;
        let first = if n == 1 {
            width
        } else {
            (longest + GUTTER).clamp(width * 0.25, width * 0.5)
        };
        let each = if n == 1 {
            0.0
        } else {
            (width - first) / figures
        };
        let mut out = vec![(self.geo.margin_x, first)];
        for i in 0..n.saturating_sub(1) {
            out.push((self.geo.margin_x + first + each * i as f32, each));
        }
        out
    }

    /// One row: the label wrapped in the first column, figures right-aligned.
    /// Returns nothing; moves `y` down by the row's height.
    fn table_row(&mut self, cols: &[(f32, f32)], cells: &[String], style: Style) {
        let cells: Vec<String> = cells.iter().map(|c| printable(self.m, c)).collect();
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(cols)
            .map(|(c, (_, w))| wrap(self.m, c, style.size, (w - GUTTER).max(10.0)))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for (i, (col_lines, (x, w))) in wrapped.iter().zip(cols).enumerate() {
            for (j, line) in col_lines.iter().enumerate() {
                let left = if i == 0 {
                    *x
                } else {
                    x + w - text_width(self.m, line, style.size)
                };
                self.push(Placed::Text {
                    x: left,
                    y: self.y + j as f32 * style.line + BODY.size,
                    size: style.size,
                    tone: style.tone,
                    text: line.clone(),
                });
            }
        }
        self.y += lines as f32 * style.line;
    }

    fn rule_across(&mut self, thickness: f32, tone: Tone) {
        self.push(Placed::Rule {
            x1: self.geo.margin_x,
            x2: self.geo.width - self.geo.margin_x,
            y: self.y + 2.0,
            thickness,
            tone,
        });
        self.y += 4.0;
    }

    fn table_header(&mut self, cols: &[(f32, f32)], t: &TableBlock) {
        self.table_row(cols, &t.headers, LABEL);
        self.rule_across(0.6, Tone::Muted);
    }

    pub(super) fn table(&mut self, t: &TableBlock) {
        if t.headers.is_empty() {
            return;
        }
        let cols = self.columns(t);
        // The header never stands alone at the foot of a page.
        self.need(LABEL.line + 4.0 + 2.0 * BODY.line);
        self.table_header(&cols, t);
        for row in &t.rows {
            if self.y + BODY.line > self.geo.bottom() {
                self.new_page();
                self.table_header(&cols, t);
            }
            self.table_row(&cols, row, BODY);
        }
        if let Some(total) = &t.total {
            self.need(BODY.line + 4.0);
            self.rule_across(0.6, Tone::Muted);
            self.table_row(&cols, total, BODY);
        }
        self.y += 6.0;
    }

    pub(super) fn chart(&mut self, chart: &Chart) {
        self.need(chart.height + 6.0);
        let (ox, oy) = (self.geo.margin_x, self.y);
        for shape in &chart.shapes {
            let placed = match shape {
                Shape::Rect { x, y, w, h, fill } => Placed::Rect {
                    x: ox + x,
                    y: oy + y,
                    w: *w,
                    h: *h,
                    filled: *fill == Fill::Bar,
                    tone: if *fill == Fill::Bar {
                        Tone::Accent
                    } else {
                        Tone::Muted
                    },
                },
                Shape::Line { points, stroke } => {
                    let (thickness, tone) = match stroke {
                        Stroke::Axis => (0.8, Tone::Normal),
                        Stroke::Grid => (0.4, Tone::Faint),
                        Stroke::Series => (1.5, Tone::Accent),
                    };
                    Placed::Polyline {
                        points: points.iter().map(|(x, y)| (ox + x, oy + y)).collect(),
                        thickness,
                        tone,
                    }
                }
                Shape::Dot { x, y } => Placed::Rect {
                    x: ox + x - 1.8,
                    y: oy + y - 1.8,
                    w: 3.6,
                    h: 3.6,
                    filled: true,
                    tone: Tone::Accent,
                },
                Shape::Text {
                    x,
                    y,
                    size,
                    anchor,
                    muted,
                    text,
                } => {
                    let text = printable(self.m, text);
                    let width = text_width(self.m, &text, *size);
                    let left = match anchor {
                        Anchor::Start => ox + x,
                        Anchor::Middle => ox + x - width / 2.0,
                        Anchor::End => ox + x - width,
                    };
                    Placed::Text {
                        x: left,
                        y: oy + y,
                        size: *size,
                        tone: if *muted { Tone::Muted } else { Tone::Normal },
                        text,
                    }
                }
            };
            self.push(placed);
        }
        self.y += chart.height + 6.0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Block, Geometry, Measure, lay_out};
    use super::*;

    struct Fixed;
    impl Measure for Fixed {
        fn advance(&self, c: char) -> Option<f32> {
            Some(if c.is_ascii() { 0.5 } else { 1.0 })
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_and_figures_align_right() {
        let table = TableBlock {
            headers: vec!["阶段".into(), "Cases".into()],
            rows: (0..80)
                .map(|i| vec![format!("row {i}"), i.to_string()])
                .collect(),
            total: Some(vec!["合计".into(), "3160".into()]),
        };
        let pages = lay_out(&Fixed, &Geometry::A4, &[Block::Table(table)]);
        assert!(pages.len() >= 2);
        for page in &pages {
            assert_eq!(page.lines()[..2], ["阶段", "Cases"], "header on every page");
        }
        let right = |page: &super::super::Page, text: &str| {
            page.items.iter().find_map(|i| match i {
                Placed::Text {
                    x, size, text: t, ..
                } if t == text => Some(x + text_width(&Fixed, t, *size)),
                _ => None,
            })
        };
        let a = right(&pages[0], "1").unwrap();
        let b = right(&pages[0], "10").unwrap();
        assert!((a - b).abs() < 0.01, "figures end at the same edge");
        assert!(pages.last().unwrap().lines().contains(&"3160"));
    }

    #[test]
    fn a_chart_is_placed_whole() {
        let chart = crate::charts::bar_chart(
            "t",
            &[crate::charts::Datum {
                label: "热线".into(),
                value: Some(4),
                text: "4".into(),
            }],
            400.0,
        );
        let pages = lay_out(
            &Fixed,
            &Geometry::A4,
            &[Block::Gap(1.0), Block::Chart(chart)],
        );
        assert_eq!(pages.len(), 1);
        let rects = pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Placed::Rect { filled: true, .. }))
            .count();
        assert_eq!(rects, 1);
        assert!(pages[0].lines().contains(&"热线"));
    }
}
