//! The period of an evaluation report: local calendar days, checked.
//!
//! A period is a range of whole local days, both ends included, at most ten years
//! long. The screen's defaults are the current calendar year up to today; a period
//! may end in the future (the figures then stop at now).

use chrono::{Datelike, Months, NaiveDate};

/// Longest period a report covers, in months (ten years): beyond it the figures
/// stop meaning much and the queries stop being cheap.
pub const MAX_MONTHS: u32 = 120;

/// A checked period: `from` to `to`, both local days, included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// What is wrong with a requested period: the query parameter and the message key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    /// `from` or `to`.
    pub param: &'static str,
    /// Locale key of the message.
    pub key: &'static str,
}

/// Parses `from` and `to` (`YYYY-MM-DD`, empty for the defaults) against `today`.
pub fn parse_period(from: &str, to: &str, today: NaiveDate) -> Result<Period, Vec<PeriodError>> {
    let mut errors = Vec::new();
    let mut day = |param: &'static str, text: &str, default: NaiveDate| -> Option<NaiveDate> {
        let text = text.trim();
        if text.is_empty() {
            return Some(default);
        }
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|d| (1900..=2200).contains(&d.year()));
        if parsed.is_none() {
            errors.push(PeriodError {
                param,
                key: "eval-error-date",
            });
        }
        parsed
    };
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = day("from", from, year_start);
    let to = day("to", to, today);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            errors.push(PeriodError {
                param: "to",
                key: "eval-error-order",
            });
        } else if from
            .checked_add_months(Months::new(MAX_MONTHS))
            .is_none_or(|limit| to >= limit)
        {
            errors.push(PeriodError {
                param: "to",
                key: "eval-error-span",
            });
        }
    }
    match (from, to) {
        (Some(from), Some(to)) if errors.is_empty() => Ok(Period { from, to }),
        _ => Err(errors),
    }
}

impl Period {
    /// The calendar months the period touches, each as (first day shown, last day
    /// shown) clipped to the period: the buckets of the monthly intake line.
    pub fn months(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let next_month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)
                .and_then(|first| first.checked_add_months(Months::new(1)));
            let Some(next_month) = next_month else { break };
            let end = next_month.pred_opt().unwrap_or(next_month).min(self.to);
            out.push((start, end));
            start = next_month;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn keys(from: &str, to: &str) -> Vec<(&'static str, &'static str)> {
        parse_period(from, to, d("2026-11-23"))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.param, e.key))
            .collect()
    }

    #[test]
    fn defaults_are_this_year_to_today() {
        let p = parse_period("", "", d("2026-11-23")).unwrap();
        assert_eq!((p.from, p.to), (d("2026-01-01"), d("2026-11-23")));
    }

    #[test]
    fn bad_periods_are_named() {
        assert_eq!(keys("2026-02-30", ""), [("from", "eval-error-date")]);
        assert_eq!(keys("", "soon"), [("to", "eval-error-date")]);
        assert_eq!(keys("0001-01-01", ""), [("from", "eval-error-date")]);
        assert_eq!(
            keys("2026-05-02", "2026-05-01"),
            [("to", "eval-error-order")]
        );
        // Ten years exactly is allowed; one day more is not.
        assert!(keys("2016-01-01", "2025-12-31").is_empty());
        assert_eq!(
            keys("2016-01-01", "2026-01-01"),
            [("to", "eval-error-span")]
        );
        assert!(keys("2026-05-01", "2026-05-01").is_empty());
    }

    #[test]
    fn months_are_clipped_to_the_period() {
        let p = Period {
            from: d("2026-01-15"),
            to: d("2026-03-10"),
        };
        assert_eq!(
            p.months(),
            vec![
                (d("2026-01-15"), d("2026-01-31")),
                (d("2026-02-01"), d("2026-02-28")),
                (d("2026-03-01"), d("2026-03-10")),
            ]
        );
        let ten_years = Period {
            from: d("2016-01-01"),
            to: d("2025-12-31"),
        };
        assert_eq!(ten_years.months().len(), 120);
    }
}
