//! The report in reading order, in the reader's language: sections of tables
//! and figures. The screen, the CSV and the PDF all walk this one outline, so the
//! three formats hold the same figures under the same headings.

use super::format::{label, month_tick};
use crate::charts::{self, Chart, Datum};
use crate::domain::evaluation::report::{DurationRow, WorkerRow};
use crate::domain::evaluation::{Disclosure, Label, Report, Shown, Table};
use crate::i18n::Locale;

/// The most bars a chart draws.
const MAX_BARS: usize = 20;

/// How a table is drawn besides its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// No chart.
    None,
    /// Horizontal bars of the first column.
    Bars,
    /// A line over the rows in order (months).
    Line,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct OutRow {
    /// Stable code (CSV `item`).
    pub code: String,
    /// What people read.
    pub label: String,
    /// The shorter label under a chart's point (months).
    pub chart_label: String,
    /// One figure per column.
    pub cells: Vec<Shown>,
}

/// A table of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePart {
    /// Stable code (CSV `section`).
    pub id: &'static str,
    /// Its caption.
    pub caption: String,
    /// The header of the label column.
    pub label_header: String,
    /// (CSV `measure` code, header) of each figure column.
    pub columns: Vec<(&'static str, String)>,
    /// The rows.
    pub rows: Vec<OutRow>,
    /// The totals row, if the rows add up.
    pub total: Option<Vec<Shown>>,
    /// Its chart.
    pub chart: ChartKind,
}

impl TablePart {
    /// The chart of the first column, if the table has one.
    pub fn chart(&self, l: Locale, width: f32) -> Option<Chart> {
        let data: Vec<Datum> = self
            .rows
            .iter()
            .map(|r| Datum {
                label: r.chart_label.clone(),
                value: r.cells.first().and_then(|s| match s {
                    Shown::Count(n) => Some(*n),
                    _ => None,
                }),
                text: r
                    .cells
                    .first()
                    .map(|s| super::format::shown(l, *s))
                    .unwrap_or_default(),
            })
            .collect();
        match self.chart {
            ChartKind::None => None,
            // A long list (many unions or resources) reads better as the table alone.
            ChartKind::Bars if data.len() > MAX_BARS => None,
            _ if data.is_empty() => None,
            ChartKind::Bars => Some(charts::bar_chart(&self.caption, &data, width)),
            ChartKind::Line => Some(charts::line_chart(&self.caption, &data, width)),
        }
    }
}

/// Single figures with their labels.
#[derive(Debug, Clone, PartialEq)]
pub struct FiguresPart {
    /// Stable code (CSV `section`).
    pub id: &'static str,
    /// Its caption.
    pub caption: String,
    /// (CSV `item` code, label, figure).
    pub items: Vec<(&'static str, String, Shown)>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A table.
    Table(TablePart),
    /// Figures.
    Figures(FiguresPart),
    /// An explanation.
    Note(String),
}

/// A section with its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Anchor id.
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// Content.
    pub parts: Vec<Part>,
}

fn count_table(
    l: Locale,
    id: &'static str,
    caption_key: &str,
    header_key: &str,
    table: &Table,
    chart: ChartKind,
) -> Part {
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let text = label(l, &r.label);
            let chart_label = match &r.label {
                Label::Month(first, _) => month_tick(l, *first, i == 0),
                _ => text.clone(),
            };
            OutRow {
                code: r.code.clone(),
                label: text,
                chart_label,
                cells: vec![r.value],
            }
        })
        .collect();
    Part::Table(TablePart {
        id,
        caption: l.text(caption_key),
        label_header: l.text(header_key),
        columns: vec![("count", l.text("eval-col-count"))],
        rows,
        total: Some(vec![table.total]),
        chart,
    })
}

fn durations(l: Locale, rows: &[DurationRow]) -> Part {
    Part::Table(TablePart {
        id: "stage_days",
        caption: l.text("eval-durations-caption"),
        label_header: l.text("eval-col-stage"),
        columns: vec![
            ("stays", l.text("eval-col-stays")),
            ("median_days", l.text("eval-col-median")),
            ("p90_days", l.text("eval-col-p90")),
        ],
        rows: rows
            .iter()
            .map(|r| {
                let text = l.label("stage", &r.stage);
                OutRow {
                    code: r.stage.clone(),
                    label: text.clone(),
                    chart_label: text,
                    cells: vec![r.stays, r.median, r.p90],
                }
            })
            .collect(),
        total: None,
        chart: ChartKind::None,
    })
}

fn caseload(l: Locale, rows: &[WorkerRow]) -> Part {
    let sum = |f: fn(&WorkerRow) -> i64| Shown::Count(rows.iter().map(f).sum());
    Part::Table(TablePart {
        id: "caseload",
        caption: l.text("eval-caseload-caption"),
        label_header: l.text("eval-col-worker"),
        columns: vec![
            ("open_at_end", l.text("eval-col-open-at-end")),
            ("opened", l.text("eval-col-opened")),
            ("closed", l.text("eval-col-closed")),
        ],
        rows: rows
            .iter()
            .map(|r| {
                let text = label(l, &r.label);
                OutRow {
                    code: if r.code.is_empty() {
                        "not_assigned".into()
                    } else {
                        r.code.clone()
                    },
                    label: text.clone(),
                    chart_label: text,
                    cells: vec![
                        Shown::Count(r.open_at_end),
                        Shown::Count(r.opened),
                        Shown::Count(r.closed),
                    ],
                }
            })
            .collect(),
        total: Some(vec![
            sum(|r| r.open_at_end),
            sum(|r| r.opened),
            sum(|r| r.closed),
        ]),
        chart: ChartKind::None,
    })
}

/// The outline of a report.
pub fn outline(l: Locale, r: &Report) -> Vec<Section> {
    let mut sections = vec![
        Section {
            id: "intake",
            title: l.text("eval-section-intake"),
            parts: vec![
                count_table(
                    l,
                    "intake_by_channel",
                    "eval-intake-channel",
                    "eval-col-channel",
                    &r.intake_by_channel,
                    ChartKind::Bars,
                ),
                count_table(
                    l,
                    "intake_by_type",
                    "eval-intake-type",
                    "eval-col-type",
                    &r.intake_by_type,
                    ChartKind::Bars,
                ),
                count_table(
                    l,
                    "intake_by_month",
                    "eval-intake-month",
                    "eval-col-month",
                    &r.intake_by_month,
                    ChartKind::Line,
                ),
            ],
        },
        Section {
            id: "stages",
            title: l.text("eval-section-stages"),
            parts: vec![
                count_table(
                    l,
                    "stage_at_end",
                    "eval-stage-at-end",
                    "eval-col-stage",
                    &r.stage_at_end,
                    ChartKind::Bars,
                ),
                durations(l, &r.durations),
                Part::Note(l.text("eval-durations-note")),
            ],
        },
        Section {
            id: "outcomes",
            title: l.text("eval-section-outcomes"),
            parts: vec![
                count_table(
                    l,
                    "closure_reasons",
                    "eval-closure-reasons",
                    "eval-col-reason",
                    &r.closure_reasons,
                    ChartKind::Bars,
                ),
                count_table(
                    l,
                    "goal_attainment",
                    "eval-attainment",
                    "eval-col-attainment",
                    &r.attainment,
                    ChartKind::Bars,
                ),
                Part::Figures(FiguresPart {
                    id: "goal_attainment_summary",
                    caption: l.text("eval-attainment-summary"),
                    items: vec![
                        ("mean", l.text("eval-attainment-mean"), r.attainment_mean),
                        (
                            "reached_share",
                            l.text("eval-attainment-reached"),
                            r.attainment_reached,
                        ),
                    ],
                }),
                Part::Figures(FiguresPart {
                    id: "who5",
                    caption: l.text("eval-who5"),
                    items: vec![
                        ("cases", l.text("eval-who5-pairs"), r.who5.pairs),
                        (
                            "mean_baseline",
                            l.text("eval-who5-baseline"),
                            r.who5.baseline,
                        ),
                        ("mean_closing", l.text("eval-who5-closing"), r.who5.closing),
                        ("mean_change", l.text("eval-who5-change"), r.who5.change),
                        ("improved", l.text("eval-who5-improved"), r.who5.improved),
                        (
                            "improved_share",
                            l.text("eval-who5-improved-share"),
                            r.who5.improved_share,
                        ),
                    ],
                }),
                count_table(
                    l,
                    "satisfaction",
                    "eval-satisfaction",
                    "eval-col-satisfaction",
                    &r.satisfaction,
                    ChartKind::Bars,
                ),
                Part::Figures(FiguresPart {
                    id: "satisfaction_summary",
                    caption: l.text("eval-satisfaction-summary"),
                    items: vec![(
                        "mean",
                        l.text("eval-satisfaction-mean"),
                        r.satisfaction_mean,
                    )],
                }),
            ],
        },
        Section {
            id: "referrals",
            title: l.text("eval-section-referrals"),
            parts: vec![
                count_table(
                    l,
                    "referrals_in_by_source",
                    "eval-referrals-in-source",
                    "eval-col-source",
                    &r.referrals_in_by_source,
                    ChartKind::Bars,
                ),
                count_table(
                    l,
                    "referrals_in_by_status",
                    "eval-referrals-in-status",
                    "eval-col-status",
                    &r.referrals_in_by_status,
                    ChartKind::None,
                ),
                count_table(
                    l,
                    "referrals_out_by_category",
                    "eval-referrals-out-category",
                    "eval-col-category",
                    &r.referrals_out_by_category,
                    ChartKind::Bars,
                ),
            ],
        },
    ];
    if let Some(table) = &r.referrals_out_by_resource
        && let Some(referrals) = sections.last_mut()
    {
        referrals.parts.push(count_table(
            l,
            "referrals_out_by_resource",
            "eval-referrals-out-resource",
            "eval-col-resource",
            table,
            ChartKind::None,
        ));
    }
    if let Some(rows) = &r.caseload {
        sections.push(Section {
            id: "caseload",
            title: l.text("eval-section-caseload"),
            parts: vec![caseload(l, rows), Part::Note(l.text("eval-caseload-note"))],
        });
    }
    if let Some(table) = &r.by_union {
        sections.push(Section {
            id: "unions",
            title: l.text("eval-section-unions"),
            parts: vec![count_table(
                l,
                "opened_by_union",
                "eval-unions-caption",
                "eval-col-union",
                table,
                ChartKind::Bars,
            )],
        });
    }
    if r.disclosure == Disclosure::Protected
        && let Some(first) = sections.first_mut()
    {
        first
            .parts
            .insert(0, Part::Note(l.text("eval-protected-note")));
    }
    sections
}
