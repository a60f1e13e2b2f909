//! Charts as SVG markup for the screens: no script, the title as the accessible
//! name (`role="img"` with `<title>`), and every label escaped.

use std::fmt::Write;

use super::{Anchor, Chart, Fill, Shape, Stroke};

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn num(v: f32) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// The chart as an `<svg>` element; `id` makes the title reference unique on the page.
pub fn render(chart: &Chart, id: &str) -> String {
    let id = escape(id);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{title}</title>"#,
        w = num(chart.width),
        h = num(chart.height),
        title = escape(&chart.title),
    );
    for shape in &chart.shapes {
        let _ = match shape {
            Shape::Rect { x, y, w, h, fill } => {
                let style = match fill {
                    Fill::Bar => r##"fill="#1f4e79""##,
                    Fill::Hidden => r##"fill="#ffffff" stroke="#555555" stroke-dasharray="2 2""##,
                };
                write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" {style}/>"#,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h)
                )
            }
            Shape::Line { points, stroke } => {
                let (colour, width) = match stroke {
                    Stroke::Axis => ("#333333", "1"),
                    Stroke::Grid => ("#cccccc", "0.6"),
                    Stroke::Series => ("#1f4e79", "2"),
                };
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                    .collect();
                write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"/>"#,
                    pts.join(" ")
                )
            }
            Shape::Dot { x, y } => write!(
                out,
                r##"<circle cx="{}" cy="{}" r="2.5" fill="#1f4e79"/>"##,
                num(*x),
                num(*y)
            ),
            Shape::Text {
                x,
                y,
                size,
                anchor,
                muted,
                text,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let colour = if *muted { "#555555" } else { "#1b1b1f" };
                write!(
                    out,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{colour}">{}</text>"#,
                    num(*x),
                    num(*y),
                    num(*size),
                    escape(text)
                )
            }
        };
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Datum, bar_chart};
    use super::*;

    #[test]
    fn labels_are_escaped_and_titled() {
        let chart = bar_chart(
            "Intake <by> \"channel\"",
            &[Datum {
                label: "<script>alert(1)</script>".into(),
                value: Some(3),
                text: "3".into(),
            }],
            300.0,
        );
        let svg = render(&chart, "c1");
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains(r#"role="img""#));
        assert!(
            svg.contains("<title id=\"c1-title\">Intake &lt;by&gt; &quot;channel&quot;</title>")
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.ends_with("</svg>"));
    }
}
