//! Page layout for printed reports: blocks of text wrapped to the page width and
//! split over as many pages as they need, with a header and footer on every page.
//!
//! printpdf places text where it is told and wraps nothing, so this module does
//! what a word processor would: it breaks lines at the opportunities of Unicode's
//! line-breaking rules (UAX #14, via `unicode-linebreak`: Chinese may break between
//! any two characters but never before a closing "，" or "。"; Latin text breaks
//! at spaces), breaks a word that is wider than the line by characters, and
//! starts a new page when the current one is full. It is pure: widths come from a
//! [`Measure`] and positions go out as [`Placed`] items that `super::pdf` draws.

use unicode_linebreak::{BreakOpportunity, linebreaks};

mod figures;

pub use figures::TableBlock;

/// Widths of characters in the report's font.
pub trait Measure {
    /// The advance width of `c` at a size of 1 pt, in points; `None` when the
    /// font has no glyph for it.
    fn advance(&self, c: char) -> Option<f32>;
}

/// What stands in for a character the font cannot draw: a white square, as
/// word processors show, or "?" in a font without even that.
pub const FALLBACK: char = '\u{25A1}';

/// The colour family of a piece of text or a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Body text.
    Normal,
    /// Labels and notes.
    Muted,
    /// Titles and headings.
    Accent,
    /// The confidentiality mark.
    Warning,
    /// Grid lines of charts: light, but still visible on paper.
    Faint,
}

/// Paper and margins, in points (1/72 inch), measured from the top left.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left and right margin.
    pub margin_x: f32,
    /// From the top of the page to the top of the content (the header sits above).
    pub margin_top: f32,
    /// From the bottom of the content to the bottom of the page (the footer sits below).
    pub margin_bottom: f32,
}

impl Geometry {
    /// A4 portrait with room for a header and a footer.
    pub const A4: Geometry = Geometry {
        width: 595.28,
        height: 841.89,
        margin_x: 56.0,
        margin_top: 72.0,
        margin_bottom: 68.0,
    };

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }
}

/// One piece of a report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The report's title, large.
    Title(String),
    /// A section heading with a rule under it; kept with what follows.
    Heading(String),
    /// A heading inside a section.
    Subheading(String),
    /// A label and its value side by side; the value may be long and run on
    /// over pages.
    Field {
        /// The label (left column).
        label: String,
        /// The value (right column); line breaks in it are kept.
        value: String,
    },
    /// Body text across the whole width.
    Paragraph(String),
    /// Small muted text across the whole width.
    Note(String),
    /// Vertical space, in points.
    Gap(f32),
    /// Starts a new page.
    PageBreak,
    /// A table of figures (see `figures`).
    Table(TableBlock),
    /// A chart, drawn as laid out by `crate::charts`.
    Chart(crate::charts::Chart),
}

/// Something drawn at a position (points from the top left of the page).
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// One line of text; `y` is its baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size in points.
        size: f32,
        /// Colour family.
        tone: Tone,
        /// The text (only characters the font can draw).
        text: String,
    },
    /// A horizontal rule.
    Rule {
        /// Left end.
        x1: f32,
        /// Right end.
        x2: f32,
        /// Height on the page.
        y: f32,
        /// Thickness in points.
        thickness: f32,
        /// Colour family.
        tone: Tone,
    },
    /// A rectangle (`y` is its top): a bar of a chart.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Filled, or only outlined.
        filled: bool,
        /// Colour family.
        tone: Tone,
    },
    /// A line through points: axes, grid lines and the series of a chart.
    Polyline {
        /// The points, in order.
        points: Vec<(f32, f32)>,
        /// Thickness in points.
        thickness: f32,
        /// Colour family.
        tone: Tone,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What is drawn on it.
    pub items: Vec<Placed>,
}

impl Page {
    /// The text lines of the page, top to bottom (for tests and checks).
    pub fn lines(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Placed::Text { text, .. } => Some(text.as_str()),
                Placed::Rule { .. } | Placed::Rect { .. } | Placed::Polyline { .. } => None,
            })
            .collect()
    }
}

/// A text style: size and line height in points, and tone.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    line: f32,
    tone: Tone,
}

const TITLE: Style = Style {
    size: 20.0,
    line: 30.0,
    tone: Tone::Accent,
};
const HEADING: Style = Style {
    size: 13.0,
    line: 20.0,
    tone: Tone::Accent,
};
const SUBHEADING: Style = Style {
    size: 11.0,
    line: 17.0,
    tone: Tone::Normal,
};
const BODY: Style = Style {
    size: 10.0,
    line: 15.0,
    tone: Tone::Normal,
};
const LABEL: Style = Style {
    size: 9.0,
    line: 15.0,
    tone: Tone::Muted,
};
const NOTE: Style = Style {
    size: 8.5,
    line: 13.0,
    tone: Tone::Muted,
};
const FURNITURE: Style = Style {
    size: 8.0,
    line: 11.0,
    tone: Tone::Muted,
};

/// Where the baseline sits below the top of a line box, as a share of the size.
const ASCENT: f32 = 1.0;

/// The text as the font can draw it: tabs become spaces, carriage returns and
/// other control or invisible formatting characters go, and every character
/// without a glyph becomes [`FALLBACK`] (or "?"), so that nothing is silently lost
/// and nothing reaches the PDF that would draw as an empty box of zero width.
pub fn printable(m: &dyn Measure, text: &str) -> String {
    let fallback = if m.advance(FALLBACK).is_some() {
        FALLBACK
    } else {
        '?'
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' => {}
            '\u{FEFF}' => {}
            c if m.advance(c).is_some() => out.push(c),
            _ => out.push(fallback),
        }
    }
    out
}

/// The width of `text` at `size` points.
pub fn text_width(m: &dyn Measure, text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| m.advance(c).unwrap_or(0.0))
        .sum::<f32>()
        * size
}

/// Breaks printable `text` into lines no wider than `max` at `size` points.
/// Line breaks in the text are kept (an empty line stays an empty line);
/// spaces at the end of a line are dropped. A word wider than the line is
/// broken between characters.
pub fn wrap(m: &dyn Measure, text: &str, size: f32, max: f32) -> Vec<String> {
    let width = |s: &str| text_width(m, s, size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    let mut start = 0;
    for (end, opportunity) in linebreaks(text) {
        let segment = &text[start..end];
        start = end;
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        let segment = if mandatory {
            segment.trim_end_matches(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}'])
        } else {
            segment
        };
        // Trailing spaces may hang past the margin: they are dropped at a break.
        let visible = segment.trim_end();
        if line_width + width(visible) <= max {
            line.push_str(segment);
            line_width += width(segment);
        } else {
            if !line.trim_end().is_empty() {
                lines.push(line.trim_end().to_owned());
            }
            line.clear();
            line_width = 0.0;
            if width(visible) <= max {
                line.push_str(segment);
                line_width = width(segment);
            } else {
                for c in segment.chars() {
                    let w = width(c.encode_utf8(&mut [0; 4]));
                    if line_width + w > max && !line.is_empty() && !c.is_whitespace() {
                        // Spaces alone do not make a line: they are dropped at the break.
                        if !line.trim_end().is_empty() {
                            lines.push(line.trim_end().to_owned());
                        }
                        line.clear();
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
        }
        if mandatory {
            lines.push(line.trim_end().to_owned());
            line.clear();
            line_width = 0.0;
        }
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Lays blocks out on as many pages as they need.
pub fn lay_out(m: &dyn Measure, geo: &Geometry, blocks: &[Block]) -> Vec<Page> {
    let mut w = Writer {
        m,
        geo: *geo,
        pages: vec![Page::default()],
        y: geo.margin_top,
    };
    for block in blocks {
        w.block(block);
    }
    w.pages
}

struct Writer<'a> {
    m: &'a dyn Measure,
    geo: Geometry,
    pages: Vec<Page>,
    /// The top of the next line box on the current page.
    y: f32,
}

impl Writer<'_> {
    fn at_top(&self) -> bool {
        self.y <= self.geo.margin_top
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.margin_top;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn need(&mut self, height: f32) {
        if self.y + height > self.geo.bottom() && !self.at_top() {
            self.new_page();
        }
    }

    fn push(&mut self, item: Placed) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    fn text(&mut self, x: f32, style: Style, text: &str) {
        self.text_on(x, style, text, style.size);
    }

    /// Text whose baseline sits as that of a line of `line_size` would: a label
    /// and its larger value share one baseline.
    fn text_on(&mut self, x: f32, style: Style, text: &str, line_size: f32) {
        if text.is_empty() {
            return;
        }
        self.push(Placed::Text {
            x,
            y: self.y + line_size * ASCENT,
            size: style.size,
            tone: style.tone,
            text: text.to_owned(),
        });
    }

    fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Full-width lines, continued on new pages as needed.
    fn lines(&mut self, style: Style, text: &str) {
        let text = printable(self.m, text);
        for line in wrap(self.m, &text, style.size, self.geo.content_width()) {
            self.need(style.line);
            self.text(self.geo.margin_x, style, &line);
            self.y += style.line;
        }
    }

    fn block(&mut self, block: &Block) {
        let left = self.geo.margin_x;
        match block {
            Block::Title(text) => {
                self.lines(TITLE, text);
                self.y += 4.0;
            }
            Block::Heading(text) => {
                self.gap(14.0);
                // A heading never ends a page: it needs room for itself and three lines.
                self.need(HEADING.line + 6.0 + 3.0 * BODY.line);
                self.lines(HEADING, text);
                self.push(Placed::Rule {
                    x1: left,
                    x2: self.geo.width - self.geo.margin_x,
                    y: self.y,
                    thickness: 0.8,
                    tone: Tone::Accent,
                });
                self.y += 6.0;
            }
            Block::Subheading(text) => {
                self.gap(6.0);
                self.need(SUBHEADING.line + 2.0 * BODY.line);
                self.lines(SUBHEADING, text);
            }
            Block::Field { label, value } => self.field(label, value),
            Block::Paragraph(text) => {
                self.lines(BODY, text);
                self.y += 3.0;
            }
            Block::Note(text) => {
                self.lines(NOTE, text);
                self.y += 3.0;
            }
            Block::Gap(height) => self.gap(*height),
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Block::Table(table) => self.table(table),
            Block::Chart(chart) => self.chart(chart),
        }
    }

    /// A label beside its value. A short row moves to the next page whole; a
    /// long one runs on line by line.
    fn field(&mut self, label: &str, value: &str) {
        let width = self.geo.content_width();
        let label_width = (width * 0.3).round();
        let gutter = 10.0;
        let label = printable(self.m, label);
        let value = printable(self.m, value);
        let labels = wrap(self.m, &label, LABEL.size, label_width);
        let values = wrap(self.m, &value, BODY.size, width - label_width - gutter);
        let rows = labels.len().max(values.len()).max(1);
        if rows <= 4 {
            self.need(rows as f32 * BODY.line);
        }
        let value_x = self.geo.margin_x + label_width + gutter;
        for i in 0..rows {
            self.need(BODY.line);
            if let Some(l) = labels.get(i) {
                self.text_on(self.geo.margin_x, LABEL, l, BODY.size);
            }
            if let Some(v) = values.get(i) {
                self.text(value_x, BODY, v);
            }
            self.y += BODY.line;
        }
        self.y += 3.0;
    }
}

/// What every page carries: the confidentiality mark and the case reference at
/// the top; who generated the report and when, and the page number, at the bottom.
pub struct Furniture<'a> {
    /// Top left, e.g. "CONFIDENTIAL".
    pub mark: &'a str,
    /// Top right, e.g. the case reference.
    pub title: &'a str,
    /// Bottom left, e.g. "Generated by 李晓梅 on 23 Nov 2026 04:30 UTC".
    pub generated: &'a str,
    /// Bottom right: "Page n of N" for (n, N).
    pub page_label: &'a dyn Fn(usize, usize) -> String,
}

/// Adds the header and footer to every page.
pub fn add_furniture(m: &dyn Measure, geo: &Geometry, pages: &mut [Page], f: &Furniture<'_>) {
    let total = pages.len();
    let left = geo.margin_x;
    let right = geo.width - geo.margin_x;
    let mark = printable(m, f.mark);
    let title = printable(m, f.title);
    let generated = printable(m, f.generated);
    let header_y = geo.margin_top - 30.0;
    let footer_y = geo.height - geo.margin_bottom + 26.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let number = printable(m, &(f.page_label)(i + 1, total));
        let number_width = text_width(m, &number, FURNITURE.size);
        let title_width = text_width(m, &title, FURNITURE.size);
        let mark_size = 9.0;
        page.items.push(Placed::Text {
            x: left,
            y: header_y,
            size: mark_size,
            tone: Tone::Warning,
            text: mark.clone(),
        });
        let mark_width = text_width(m, &mark, mark_size);
        let room = (right - left - mark_width - 12.0).max(0.0);
        if let Some(first) = wrap(m, &title, FURNITURE.size, room).first() {
            let shown_width = text_width(m, first, FURNITURE.size).min(title_width);
            page.items.push(Placed::Text {
                x: right - shown_width,
                y: header_y,
                size: FURNITURE.size,
                tone: FURNITURE.tone,
                text: first.clone(),
            });
        }
        page.items.push(Placed::Rule {
            x1: left,
            x2: right,
            y: header_y + 6.0,
            thickness: 0.5,
            tone: Tone::Muted,
        });
        page.items.push(Placed::Rule {
            x1: left,
            x2: right,
            y: footer_y - 12.0,
            thickness: 0.5,
            tone: Tone::Muted,
        });
        let room = (right - left - number_width - 16.0).max(0.0);
        for (j, line) in wrap(m, &generated, FURNITURE.size, room)
            .into_iter()
            .take(2)
            .enumerate()
        {
            page.items.push(Placed::Text {
                x: left,
                y: footer_y + j as f32 * FURNITURE.line,
                size: FURNITURE.size,
                tone: FURNITURE.tone,
                text: line,
            });
        }
        page.items.push(Placed::Text {
            x: right - number_width,
            y: footer_y,
            size: FURNITURE.size,
            tone: FURNITURE.tone,
            text: number,
        });
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
