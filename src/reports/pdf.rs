//! Draws laid-out pages into a PDF with printpdf: one embedded, subset font;
//! text as real text (so that it can be searched and copied), rules as lines.

use chrono::NaiveDateTime;
use printpdf::{
    Color, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::fonts::ReportFont;
use super::layout::{Geometry, Page, Placed, Tone};

fn colour(tone: Tone) -> Color {
    let (r, g, b) = match tone {
        Tone::Normal => (0.11, 0.11, 0.13),
        Tone::Muted => (0.38, 0.40, 0.44),
        Tone::Accent => (0.09, 0.27, 0.47),
        Tone::Warning => (0.66, 0.10, 0.10),
        Tone::Faint => (0.78, 0.80, 0.83),
    };
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// What the document properties say.
pub struct DocumentInfo<'a> {
    /// Title.
    pub title: &'a str,
    /// Who generated it.
    pub author: &'a str,
    /// When (UTC).
    pub created: NaiveDateTime,
}

/// The PDF of `pages`.
pub fn write(
    font: &ReportFont,
    geo: &Geometry,
    pages: &[Page],
    info: &DocumentInfo<'_>,
) -> Vec<u8> {
    let mut doc = PdfDocument::new(info.title);
    let created = OffsetDateTime::from_unix_timestamp(info.created.and_utc().timestamp())
        .unwrap_or_else(|_| OffsetDateTime::now_utc());
    let meta = &mut doc.metadata.info;
    meta.author = info.author.to_owned();
    meta.creator = "Casework".to_owned();
    meta.producer = "Casework (printpdf)".to_owned();
    meta.creation_date = created;
    meta.modification_date = created;
    meta.metadata_date = created;
    let font_id = doc.add_font(font.parsed());
    // PDF measures from the bottom left; the layout from the top left.
    let flip = |y: f32| Pt(geo.height - y);
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 6);
            for item in &page.items {
                match item {
                    Placed::Text {
                        x,
                        y,
                        size,
                        tone,
                        text,
                    } => ops.extend([
                        Op::StartTextSection,
                        Op::SetFont {
                            font: PdfFontHandle::External(font_id.clone()),
                            size: Pt(*size),
                        },
                        Op::SetFillColor { col: colour(*tone) },
                        Op::SetTextCursor {
                            pos: Point {
                                x: Pt(*x),
                                y: flip(*y),
                            },
                        },
                        Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        },
                        Op::EndTextSection,
                    ]),
                    Placed::Rule {
                        x1,
                        x2,
                        y,
                        thickness,
                        tone,
                    } => {
                        let point = |x: f32| LinePoint {
                            p: Point {
                                x: Pt(x),
                                y: flip(*y),
                            },
                            bezier: false,
                        };
                        ops.extend([
                            Op::SetOutlineColor { col: colour(*tone) },
                            Op::SetOutlineThickness { pt: Pt(*thickness) },
                            Op::DrawLine {
                                line: Line {
                                    points: vec![point(*x1), point(*x2)],
                                    is_closed: false,
                                },
                            },
                        ]);
                    }
                    Placed::Rect {
                        x,
                        y,
                        w,
                        h,
                        filled,
                        tone,
                    } => ops.extend([
                        Op::SetFillColor { col: colour(*tone) },
                        Op::SetOutlineColor { col: colour(*tone) },
                        Op::SetOutlineThickness { pt: Pt(0.6) },
                        Op::DrawRectangle {
                            rectangle: Rect {
                                x: Pt(*x),
                                y: flip(*y + *h),
                                width: Pt(*w),
                                height: Pt(*h),
                                mode: Some(if *filled {
                                    PaintMode::Fill
                                } else {
                                    PaintMode::Stroke
                                }),
                                winding_order: None,
                            },
                        },
                    ]),
                    Placed::Polyline {
                        points,
                        thickness,
                        tone,
                    } => ops.extend([
                        Op::SetOutlineColor { col: colour(*tone) },
                        Op::SetOutlineThickness { pt: Pt(*thickness) },
                        Op::DrawLine {
                            line: Line {
                                points: points
                                    .iter()
                                    .map(|(x, y)| LinePoint {
                                        p: Point {
                                            x: Pt(*x),
                                            y: flip(*y),
                                        },
                                        bezier: false,
                                    })
                                    .collect(),
                                is_closed: false,
                            },
                        },
                    ]),
                }
            }
            PdfPage::new(Mm::from(Pt(geo.width)), Mm::from(Pt(geo.height)), ops)
        })
        .collect();
    let options = PdfSaveOptions {
        // Only the glyphs used: tens of kilobytes instead of the whole font.
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pdf_pages).save(&options, &mut warnings);
    for w in warnings
        .iter()
        .filter(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        tracing::warn!(warning = ?w, "PDF writer warning");
    }
    bytes
}
