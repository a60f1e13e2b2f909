//! Charts as shapes: bar and line charts laid out from numbers, with no I/O.
//!
//! The screen draws the shapes as SVG ([`svg`]) and the PDF with printpdf
//! (`crate::reports::evaluation`), so both show the same chart. Coordinates are
//! in points from the top left. Colours are chosen to print: dark bars and lines
//! on white, grey grid lines, and figures written beside every bar, so that a
//! black-and-white copy loses nothing.

pub mod svg;

/// How a rectangle is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// A bar.
    Bar,
    /// A bar whose value is hidden: outlined, not filled.
    Hidden,
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// An axis.
    Axis,
    /// A grid line.
    Grid,
    /// The data.
    Series,
}

/// Where text sits relative to its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Starts at x.
    Start,
    /// Centred on x.
    Middle,
    /// Ends at x.
    End,
}

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Fill,
    },
    /// A polyline.
    Line {
        /// Its points.
        points: Vec<(f32, f32)>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A data point.
    Dot {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
    },
    /// A label; `y` is the baseline.
    Text {
        /// Anchor x.
        x: f32,
        /// Baseline.
        y: f32,
        /// Size in points.
        size: f32,
        /// Alignment.
        anchor: Anchor,
        /// Muted (axis labels) or normal (figures).
        muted: bool,
        /// The text.
        text: String,
    },
}

/// A chart: its size, its title (for accessibility) and what to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// What it shows.
    pub title: String,
    /// The shapes, back to front.
    pub shapes: Vec<Shape>,
}

/// One category or point: its label, its value if shown, and what to write
/// instead when it is hidden ("<5", "*").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datum {
    /// The category or the month.
    pub label: String,
    /// The value, if it may be shown.
    pub value: Option<i64>,
    /// The figure as written beside the bar ("12", "<5", "*").
    pub text: String,
}

const LABEL_SIZE: f32 = 9.0;

/// An estimate of the width of `text` at `size`: CJK characters are square,
/// Latin ones about half as wide. Good enough to leave room for labels.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.56 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// A round upper bound for an axis and its step: 1, 2 or 5 times a power of
/// ten, about four steps to the maximum.
pub fn nice_scale(max: i64) -> (i64, i64) {
    if max <= 0 {
        return (1, 1);
    }
    let rough = (max as f64 / 4.0).max(1.0);
    let magnitude = 10f64.powi(rough.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude)
        .max(1.0) as i64;
    let top = max.div_euclid(step) * step + if max % step == 0 { 0 } else { step };
    (top, step)
}

/// Horizontal bars, one per datum, labels on the left, figures at the bar ends.
pub fn bar_chart(title: &str, data: &[Datum], width: f32) -> Chart {
    let row = 20.0;
    let bar = 12.0;
    let top = 6.0;
    let axis_room = 16.0;
    let longest = data
        .iter()
        .map(|d| text_width(&d.label, LABEL_SIZE))
        .fold(0.0, f32::max);
    let label_w = (longest + 8.0).min(width * 0.4);
    let figure_room = 40.0;
    let plot_x = label_w;
    let plot_w = (width - label_w - figure_room).max(20.0);
    let max = data.iter().filter_map(|d| d.value).max().unwrap_or(0);
    let (scale_top, step) = nice_scale(max);
    let x_of = |v: i64| plot_x + plot_w * v as f32 / scale_top as f32;
    let plot_h = row * data.len() as f32;
    let height = top + plot_h + axis_room;
    let mut shapes = Vec::new();
    let mut tick = 0;
    while tick <= scale_top {
        let x = x_of(tick);
        shapes.push(Shape::Line {
            points: vec![(x, top), (x, top + plot_h)],
            stroke: if tick == 0 {
                Stroke::Axis
            } else {
                Stroke::Grid
            },
        });
        shapes.push(Shape::Text {
            x,
            y: top + plot_h + 11.0,
            size: 7.5,
            anchor: Anchor::Middle,
            muted: true,
            text: tick.to_string(),
        });
        tick += step;
    }
    for (i, d) in data.iter().enumerate() {
        let y = top + row * i as f32 + (row - bar) / 2.0;
        let baseline = y + bar - 2.5;
        shapes.push(Shape::Text {
            x: label_w - 6.0,
            y: baseline,
            size: LABEL_SIZE,
            anchor: Anchor::End,
            muted: false,
            text: d.label.clone(),
        });
        let end = match d.value {
            Some(v) => {
                let w = x_of(v) - plot_x;
                if w > 0.0 {
                    shapes.push(Shape::Rect {
                        x: plot_x,
                        y,
                        w,
                        h: bar,
                        fill: Fill::Bar,
                    });
                }
                plot_x + w
            }
            None => {
                shapes.push(Shape::Rect {
                    x: plot_x,
                    y,
                    w: 8.0,
                    h: bar,
                    fill: Fill::Hidden,
                });
                plot_x + 8.0
            }
        };
        shapes.push(Shape::Text {
            x: end + 4.0,
            y: baseline,
            size: LABEL_SIZE,
            anchor: Anchor::Start,
            muted: false,
            text: d.text.clone(),
        });
    }
    Chart {
        width,
        height,
        title: title.to_owned(),
        shapes,
    }
}

/// A line over the points in order (months), broken where a value is hidden.
pub fn line_chart(title: &str, data: &[Datum], width: f32) -> Chart {
    let height = 180.0;
    let left = 34.0;
    let right = 12.0;
    let top = 10.0;
    let bottom = 28.0;
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = data.iter().filter_map(|d| d.value).max().unwrap_or(0);
    let (scale_top, step) = nice_scale(max);
    let y_of = |v: i64| top + plot_h - plot_h * v as f32 / scale_top as f32;
    let n = data.len().max(1);
    let x_of = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f32 / (n - 1) as f32
        }
    };
    let mut shapes = Vec::new();
    let mut tick = 0;
    while tick <= scale_top {
        let y = y_of(tick);
        shapes.push(Shape::Line {
            points: vec![(left, y), (left + plot_w, y)],
            stroke: if tick == 0 {
                Stroke::Axis
            } else {
                Stroke::Grid
            },
        });
        shapes.push(Shape::Text {
            x: left - 4.0,
            y: y + 3.0,
            size: 7.5,
            anchor: Anchor::End,
            muted: true,
            text: tick.to_string(),
        });
        tick += step;
    }
    // At most about a dozen month labels, evenly spread.
    let every = n.div_ceil(12).max(1);
    for (i, d) in data.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            shapes.push(Shape::Text {
                x: x_of(i),
                y: top + plot_h + 12.0,
                size: 7.5,
                anchor: Anchor::Middle,
                muted: true,
                text: d.label.clone(),
            });
        }
    }
    let mut run: Vec<(f32, f32)> = Vec::new();
    let flush = |run: &mut Vec<(f32, f32)>, shapes: &mut Vec<Shape>| {
        if run.len() > 1 {
            shapes.push(Shape::Line {
                points: std::mem::take(run),
                stroke: Stroke::Series,
            });
        }
        run.clear();
    };
    for (i, d) in data.iter().enumerate() {
        match d.value {
            Some(v) => run.push((x_of(i), y_of(v))),
            None => {
                flush(&mut run, &mut shapes);
                shapes.push(Shape::Text {
                    x: x_of(i),
                    y: top + plot_h - 4.0,
                    size: 7.5,
                    anchor: Anchor::Middle,
                    muted: true,
                    text: d.text.clone(),
                });
            }
        }
    }
    flush(&mut run, &mut shapes);
    for (i, d) in data.iter().enumerate() {
        if let Some(v) = d.value {
            shapes.push(Shape::Dot {
                x: x_of(i),
                y: y_of(v),
            });
        }
    }
    Chart {
        width,
        height,
        title: title.to_owned(),
        shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(label: &str, value: Option<i64>) -> Datum {
        Datum {
            label: label.into(),
            value,
            text: value.map_or("<5".into(), |v| v.to_string()),
        }
    }

    #[test]
    fn scales_are_round() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(3), (3, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(42), (60, 20));
        assert_eq!(nice_scale(100), (100, 50));
        assert_eq!(nice_scale(1234), (1500, 500));
    }

    #[test]
    fn bars_are_as_long_as_their_values() {
        let chart = bar_chart(
            "t",
            &[
                datum("热线电话", Some(10)),
                datum("walk-in", Some(5)),
                datum("x", None),
            ],
            400.0,
        );
        let bars: Vec<f32> = chart
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect {
                    w, fill: Fill::Bar, ..
                } => Some(*w),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 2);
        assert!((bars[0] - 2.0 * bars[1]).abs() < 0.01);
        assert!(chart.shapes.iter().any(|s| matches!(
            s,
            Shape::Rect {
                fill: Fill::Hidden,
                ..
            }
        )));
        assert!(
            chart
                .shapes
                .iter()
                .any(|s| matches!(s, Shape::Text { text, .. } if text == "<5"))
        );
    }

    #[test]
    fn a_hidden_month_breaks_the_line() {
        let chart = line_chart(
            "t",
            &[
                datum("1", Some(5)),
                datum("2", Some(8)),
                datum("3", None),
                datum("4", Some(6)),
                datum("5", Some(9)),
            ],
            400.0,
        );
        let series: Vec<usize> = chart
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line {
                    points,
                    stroke: Stroke::Series,
                } => Some(points.len()),
                _ => None,
            })
            .collect();
        assert_eq!(series, [2, 2]);
        let dots = chart
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Dot { .. }))
            .count();
        assert_eq!(dots, 4);
    }
}
