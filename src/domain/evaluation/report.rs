//! The report as every format shows it: the screen, the CSV and the PDF print the
//! same [`Report`], so that they cannot disagree.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::data::EvaluationData;
use super::disclosure::{Disclosure, Shown};
use super::period::Period;
use super::stats::{hours_to_day_tenths, quantile};
use crate::domain::vocab::{CaseStage, CaseType, ClosureReason, IntakeChannel};

/// The referral statuses, in the order a referral moves through them.
pub const REFERRAL_STATUSES: [&str; 4] = ["received", "info_requested", "accepted", "declined"];

/// The resource directory's categories (as the `resources` table checks them).
pub const RESOURCE_CATEGORIES: [&str; 7] = [
    "legal_aid",
    "hospital",
    "psychological_hotline",
    "womens_federation",
    "employment_training",
    "civil_affairs",
    "other",
];

/// The code a blank field is reported under.
pub const NOT_RECORDED: &str = "not_recorded";

/// What a row is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A locale key (a stage, a channel, "not recorded"...).
    Key(String),
    /// A name as stored (a union, a resource, a worker).
    Name(String),
    /// A month, as the days of it the period covers.
    Month(NaiveDate, NaiveDate),
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A stable code for machines (CSV): a stored code, a month `2026-03`, an id.
    pub code: String,
    /// What people read.
    pub label: Label,
    /// The figure.
    pub value: Shown,
}

/// Rows that add up to a total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The rows, in reading order.
    pub rows: Vec<Row>,
    /// Their total.
    pub total: Shown,
}

impl Table {
    /// The row with this code.
    pub fn get(&self, code: &str) -> Option<Shown> {
        self.rows.iter().find(|r| r.code == code).map(|r| r.value)
    }
}

/// Time spent in one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationRow {
    /// The stage code.
    pub stage: String,
    /// Stays that ended in the period.
    pub stays: Shown,
    /// Their median, in tenths of a day.
    pub median: Shown,
    /// Their 90th percentile, in tenths of a day.
    pub p90: Shown,
}

/// WHO-5 from assessment to closure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who5Figures {
    /// Closed cases with both scores.
    pub pairs: Shown,
    /// Mean baseline.
    pub baseline: Shown,
    /// Mean closing score.
    pub closing: Shown,
    /// Mean change.
    pub change: Shown,
    /// Those who gained 10 points or more.
    pub improved: Shown,
    /// Their share.
    pub improved_share: Shown,
}

/// One worker's caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerRow {
    /// The worker's id (empty for cases nobody is assigned to).
    pub code: String,
    /// Their name, or "not assigned".
    pub label: Label,
    /// Open cases at the end of the period.
    pub open_at_end: i64,
    /// Cases opened in the period.
    pub opened: i64,
    /// Cases closed in the period.
    pub closed: i64,
}

/// Every figure of an evaluation report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// Exact, or protected for the union roll-up.
    pub disclosure: Disclosure,
    /// Cases opened, by intake channel.
    pub intake_by_channel: Table,
    /// Cases opened, by case type.
    pub intake_by_type: Table,
    /// Cases opened, by month.
    pub intake_by_month: Table,
    /// Cases per stage at the end of the period.
    pub stage_at_end: Table,
    /// Days spent in each stage.
    pub durations: Vec<DurationRow>,
    /// Cases closed in the period, by reason.
    pub closure_reasons: Table,
    /// Goals of the closed cases, by attainment.
    pub attainment: Table,
    /// Mean attainment of the rated goals (tenths).
    pub attainment_mean: Shown,
    /// Share of rated goals at the expected level or better.
    pub attainment_reached: Shown,
    /// WHO-5.
    pub who5: Who5Figures,
    /// Closed cases by satisfaction.
    pub satisfaction: Table,
    /// Mean satisfaction (tenths).
    pub satisfaction_mean: Shown,
    /// Referrals received, by source.
    pub referrals_in_by_source: Table,
    /// Referrals received, by status now.
    pub referrals_in_by_status: Table,
    /// Referrals out, by resource category.
    pub referrals_out_by_category: Table,
    /// Referrals out, by resource (agency reports only: a resource's count
    /// sits inside its category's, so beside the categories it would undo their
    /// protection, and listing only the resources used would say which few a
    /// member was sent to).
    pub referrals_out_by_resource: Option<Table>,
    /// Caseload per worker (agency reports only).
    pub caseload: Option<Vec<WorkerRow>>,
    /// Cases opened per union of the tree (union roll-up only).
    pub by_union: Option<Table>,
}

fn key(prefix: &str, code: &str) -> Label {
    Label::Key(format!("{prefix}-{}", code.replace('_', "-")))
}

fn not_recorded() -> Label {
    Label::Key("eval-not-recorded".into())
}

/// Sums `n` per key.
fn tally<K: Ord>(items: impl IntoIterator<Item = (K, i64)>) -> BTreeMap<K, i64> {
    let mut out = BTreeMap::new();
    for (k, n) in items {
        *out.entry(k).or_insert(0) += n;
    }
    out
}

/// A table over fixed codes, plus a "not recorded" row when anything is blank.
fn coded_table(
    d: Disclosure,
    counts: &BTreeMap<Option<String>, i64>,
    codes: &[&str],
    prefix: &str,
) -> Table {
    let mut entries: Vec<(String, Label, i64)> = codes
        .iter()
        .map(|c| {
            let n = counts.get(&Some((*c).to_owned())).copied().unwrap_or(0);
            ((*c).to_owned(), key(prefix, c), n)
        })
        .collect();
    let blank = counts.get(&None).copied().unwrap_or(0);
    if blank > 0 {
        entries.push((NOT_RECORDED.into(), not_recorded(), blank));
    }
    finish(d, entries)
}

fn finish(d: Disclosure, entries: Vec<(String, Label, i64)>) -> Table {
    let cells: Vec<i64> = entries.iter().map(|e| e.2).collect();
    let (shown, total) = d.breakdown(&cells, cells.iter().sum());
    Table {
        rows: entries
            .into_iter()
            .zip(shown)
            .map(|((code, label, _), value)| Row { code, label, value })
            .collect(),
        total,
    }
}

fn name(names: &HashMap<String, String>, id: &str) -> Label {
    Label::Name(names.get(id).cloned().unwrap_or_else(|| id.to_owned()))
}

/// Builds the report from the aggregates under a disclosure rule.
pub fn build(period: Period, data: &EvaluationData, d: Disclosure) -> Report {
    let channels: Vec<&str> = IntakeChannel::ALL.iter().map(|c| c.as_str()).collect();
    let by_channel = tally(data.intake.iter().map(|(c, _, _, n)| (c.clone(), *n)));
    let by_type = tally(data.intake.iter().map(|(_, t, _, n)| (Some(t.clone()), *n)));
    let types: Vec<&str> = CaseType::ALL.iter().map(|t| t.as_str()).collect();
    let stages: Vec<&str> = CaseStage::ALL.iter().map(|s| s.as_str()).collect();
    let reasons: Vec<&str> = ClosureReason::ALL.iter().map(|r| r.as_str()).collect();

    let months = period.months();
    let month_entries = months
        .iter()
        .enumerate()
        .map(|(i, (first, last))| {
            (
                first.format("%Y-%m").to_string(),
                Label::Month(*first, *last),
                data.intake_by_month.get(i).copied().unwrap_or(0),
            )
        })
        .collect();

    let at_end = tally(
        data.stage_at_end
            .iter()
            .map(|(s, _, n)| (Some(s.clone()), *n)),
    );

    let durations = CaseStage::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|stage| {
            let hist: Vec<(i64, i64)> = data
                .stage_hours
                .iter()
                .filter(|(s, _, _)| s == stage.as_str())
                .map(|(_, h, n)| (*h, *n))
                .collect();
            let stays: i64 = hist.iter().map(|(_, n)| n).sum();
            let cases = data
                .stage_cases
                .iter()
                .find(|(s, _)| s == stage.as_str())
                .map_or(0, |(_, n)| *n);
            // A stage may be stayed in twice by one case (after a step back): the
            // roll-up counts cases, not stays, towards its threshold.
            let base = match d {
                Disclosure::Exact => stays,
                Disclosure::Protected => stays.min(cases),
            };
            let days = |p| quantile(&hist, p).map(hours_to_day_tenths);
            DurationRow {
                stage: stage.as_str().to_owned(),
                stays: d.count(stays),
                median: d.derived(base, days(0.5)),
                p90: d.derived(base, days(0.9)),
            }
        })
        .collect();

    let closed = tally(data.closed.iter().map(|(r, _, n)| (r.clone(), *n)));

    let attainment_counts = tally(data.attainment.iter().map(|(a, n)| (*a, *n)));
    let mut gas_entries: Vec<(String, Label, i64)> = [-2, -1, 0, 1, 2]
        .iter()
        .map(|score: &i32| {
            let word = match score {
                s if *s < 0 => format!("minus-{}", -s),
                0 => "0".to_owned(),
                s => format!("plus-{s}"),
            };
            (
                format!("{score:+}").replace("+0", "0"),
                Label::Key(format!("gas-{word}")),
                attainment_counts.get(&Some(*score)).copied().unwrap_or(0),
            )
        })
        .collect();
    let unrated = attainment_counts.get(&None).copied().unwrap_or(0);
    if unrated > 0 {
        gas_entries.push((
            NOT_RECORDED.into(),
            Label::Key("eval-not-rated".into()),
            unrated,
        ));
    }
    let rated: i64 = (-2..=2)
        .filter_map(|s| attainment_counts.get(&Some(s)))
        .sum();
    let rated_sum: i64 = (-2..=2i32)
        .map(|s| i64::from(s) * attainment_counts.get(&Some(s)).copied().unwrap_or(0))
        .sum();
    let reached: i64 = (0..=2)
        .filter_map(|s| attainment_counts.get(&Some(s)))
        .sum();
    let gas_gate = |shown: Shown| {
        if d == Disclosure::Protected && data.attainment_cases < super::disclosure::THRESHOLD {
            if rated == 0 {
                Shown::NoData
            } else {
                Shown::Withheld
            }
        } else {
            shown
        }
    };

    let w = data.who5;
    let (improved_cells, _) = d.breakdown(&[w.improved, w.n - w.improved], w.n);
    let attainment = finish(d, gas_entries);
    let attainment_cells: Vec<Shown> = attainment.rows.iter().map(|r| r.value).collect();
    let attainment_gate = |shown: Shown| d.gate(&attainment_cells, gas_gate(shown));

    let satisfaction_counts = tally(data.satisfaction.iter().map(|(s, n)| (*s, *n)));
    let mut satisfaction_entries: Vec<(String, Label, i64)> = (1..=5)
        .map(|s: i32| {
            (
                s.to_string(),
                Label::Key(format!("form-satisfaction-{s}")),
                satisfaction_counts.get(&Some(s)).copied().unwrap_or(0),
            )
        })
        .collect();
    let unscored = satisfaction_counts.get(&None).copied().unwrap_or(0);
    if unscored > 0 {
        satisfaction_entries.push((NOT_RECORDED.into(), not_recorded(), unscored));
    }
    let scored: i64 = (1..=5)
        .filter_map(|s| satisfaction_counts.get(&Some(s)))
        .sum();
    let score_sum: i64 = (1..=5i32)
        .map(|s| i64::from(s) * satisfaction_counts.get(&Some(s)).copied().unwrap_or(0))
        .sum();

    let satisfaction = finish(d, satisfaction_entries);
    let satisfaction_cells: Vec<Shown> = satisfaction.rows.iter().map(|r| r.value).collect();

    let by_source = tally(data.referrals_in.iter().map(|(source, union, _, n)| {
        let code = if source == "self" {
            "self".to_owned()
        } else {
            union.clone().unwrap_or_default()
        };
        (code, *n)
    }));
    let mut source_entries: Vec<(String, Label, i64)> = by_source
        .iter()
        .filter(|(code, _)| code.as_str() != "self")
        .map(|(code, n)| (code.clone(), name(&data.names, code), *n))
        .collect();
    if d == Disclosure::Protected {
        // Every union of the tree, those without referrals too: a row listed
        // only when it has some would say that its hidden count is at least 1.
        for (union, _) in &data.opened_by_union {
            if !by_source.contains_key(union) {
                source_entries.push((union.clone(), name(&data.names, union), 0));
            }
        }
    }
    sort_by_count(&mut source_entries);
    if d == Disclosure::Exact {
        source_entries.push((
            "self".into(),
            Label::Key("eval-source-self".into()),
            by_source.get("self").copied().unwrap_or(0),
        ));
    }
    // The roll-up leaves self-referrals out of both tables: the difference of
    // their totals would be the self-referrals' count.
    let by_status = tally(
        data.referrals_in
            .iter()
            .filter(|(source, ..)| d == Disclosure::Exact || source != "self")
            .map(|(_, _, s, n)| (Some(s.clone()), *n)),
    );

    let by_category = tally(
        data.referrals_out
            .iter()
            .map(|(c, _, n)| (Some(c.clone()), *n)),
    );
    let by_resource = tally(data.referrals_out.iter().map(|(_, r, n)| (r.clone(), *n)));
    let mut resource_entries: Vec<(String, Label, i64)> = by_resource
        .iter()
        .map(|(id, n)| (id.clone(), name(&data.names, id), *n))
        .collect();
    sort_by_count(&mut resource_entries);

    let caseload = (d == Disclosure::Exact).then(|| caseload(data));
    let by_union = (d == Disclosure::Protected).then(|| {
        finish(
            d,
            data.opened_by_union
                .iter()
                .map(|(id, n)| (id.clone(), name(&data.names, id), *n))
                .collect(),
        )
    });

    Report {
        period,
        disclosure: d,
        intake_by_channel: coded_table(d, &by_channel, &channels, "case-channel"),
        intake_by_type: coded_table(d, &by_type, &types, "case-type"),
        intake_by_month: finish(d, month_entries),
        stage_at_end: coded_table(d, &at_end, &stages, "stage"),
        durations,
        closure_reasons: coded_table(d, &closed, &reasons, "case-closure-reason"),
        attainment_mean: attainment_gate(
            d.derived(rated, super::stats::mean_tenths(rated_sum, rated)),
        ),
        attainment_reached: attainment_gate(d.share(reached, rated)),
        attainment,
        who5: Who5Figures {
            pairs: d.count(w.n),
            baseline: d.mean(w.baseline, w.n),
            closing: d.mean(w.closing, w.n),
            change: d.mean(w.closing - w.baseline, w.n),
            improved: improved_cells[0],
            improved_share: d.gate(&improved_cells, d.share(w.improved, w.n)),
        },
        satisfaction_mean: d.gate(&satisfaction_cells, d.mean(score_sum, scored)),
        satisfaction,
        referrals_in_by_source: finish(d, source_entries),
        referrals_in_by_status: coded_table(d, &by_status, &REFERRAL_STATUSES, "referral-status"),
        referrals_out_by_category: coded_table(
            d,
            &by_category,
            &RESOURCE_CATEGORIES,
            "eval-category",
        ),
        referrals_out_by_resource: (d == Disclosure::Exact).then(|| finish(d, resource_entries)),
        caseload,
        by_union,
    }
}

/// Largest first, then by name.
fn sort_by_count(entries: &mut [(String, Label, i64)]) {
    entries.sort_by(|a, b| {
        b.2.cmp(&a.2).then_with(|| match (&a.1, &b.1) {
            (Label::Name(x), Label::Name(y)) => x.cmp(y),
            _ => a.0.cmp(&b.0),
        })
    });
}

fn caseload(data: &EvaluationData) -> Vec<WorkerRow> {
    let mut rows: BTreeMap<Option<String>, (i64, i64, i64)> = BTreeMap::new();
    for (stage, worker, n) in &data.stage_at_end {
        if stage != CaseStage::Closed.as_str() {
            rows.entry(worker.clone()).or_default().0 += n;
        }
    }
    for (_, _, worker, n) in &data.intake {
        rows.entry(worker.clone()).or_default().1 += n;
    }
    for (_, worker, n) in &data.closed {
        rows.entry(worker.clone()).or_default().2 += n;
    }
    let mut out: Vec<WorkerRow> = rows
        .into_iter()
        .map(|(worker, (open_at_end, opened, closed))| WorkerRow {
            label: match &worker {
                Some(id) => name(&data.names, id),
                None => Label::Key("eval-not-assigned".into()),
            },
            code: worker.unwrap_or_default(),
            open_at_end,
            opened,
            closed,
        })
        .collect();
    // Most open cases first: who carries the load is what supervisors look for.
    let text = |l: &Label| match l {
        Label::Name(n) => n.clone(),
        _ => String::new(),
    };
    out.sort_by(|a, b| {
        b.open_at_end
            .cmp(&a.open_at_end)
            .then_with(|| a.code.is_empty().cmp(&b.code.is_empty()))
            .then_with(|| text(&a.label).cmp(&text(&b.label)))
    });
    out
}

impl Report {
    /// Whether nothing at all happened in the period within the scope.
    pub fn is_empty(&self) -> bool {
        [
            &self.intake_by_type,
            &self.stage_at_end,
            &self.closure_reasons,
            &self.referrals_in_by_status,
            &self.referrals_out_by_category,
        ]
        .iter()
        .all(|t| t.total == Shown::Count(0))
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
