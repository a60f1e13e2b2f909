//! Medians, percentiles and means, computed from what the database aggregated.
//!
//! Stage durations come from the database as a histogram (whole hours → how many
//! stays lasted that long), never as one row per stay, so the report stays cheap
//! at any size. Percentiles are taken from the histogram exactly as from the
//! sorted list it stands for, by linear interpolation between the closest ranks
//! (the "type 7" definition used by Excel's PERCENTILE.INC, R and NumPy): the
//! median of 2, 4 and 9 is 4, and their 90th percentile 4 + 0.8 × (9 − 4) = 8.
//!
//! Figures are kept in tenths as integers (rounded half away from zero), so that
//! every layer prints the same digits.

/// A histogram: (value, how many times it occurs), in any order.
pub type Histogram = [(i64, i64)];

/// The `p`-th quantile (0 ≤ p ≤ 1) of the values a histogram stands for; `None`
/// when it is empty.
pub fn quantile(histogram: &Histogram, p: f64) -> Option<f64> {
    let mut bins: Vec<(i64, i64)> = histogram.iter().copied().filter(|(_, n)| *n > 0).collect();
    bins.sort_unstable();
    let n: i64 = bins.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lower = h.floor() as i64;
    let fraction = h - lower as f64;
    let below = nth(&bins, lower)?;
    if fraction == 0.0 {
        return Some(below as f64);
    }
    let above = nth(&bins, (lower + 1).min(n - 1))?;
    Some(below as f64 + fraction * (above - below) as f64)
}

/// The value at 0-based rank `k` of the sorted values of sorted `bins`.
fn nth(bins: &[(i64, i64)], k: i64) -> Option<i64> {
    let mut seen = 0;
    for (value, count) in bins {
        seen += count;
        if k < seen {
            return Some(*value);
        }
    }
    None
}

/// `a / b` rounded to the nearest integer, halves away from zero; `None` for b = 0.
pub fn div_round(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let (a, b) = if b < 0 { (-a, -b) } else { (a, b) };
    let q = (2 * a.abs() + b) / (2 * b);
    Some(if a < 0 { -q } else { q })
}

/// The mean `sum / n` in tenths.
pub fn mean_tenths(sum: i64, n: i64) -> Option<i64> {
    div_round(sum * 10, n)
}

/// The share `k / n` in tenths of a percent.
pub fn percent_tenths(k: i64, n: i64) -> Option<i64> {
    div_round(k * 1000, n)
}

/// Hours as days, in tenths of a day.
pub fn hours_to_day_tenths(hours: f64) -> i64 {
    (hours * 10.0 / 24.0).round() as i64
}

/// Tenths as text with one decimal: 42 → "4.2", -5 → "-0.5".
pub fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples() {
        let days = [(2, 1), (4, 1), (9, 1)];
        assert_eq!(quantile(&days, 0.5), Some(4.0));
        assert_eq!(quantile(&days, 0.9), Some(8.0));
        assert_eq!(quantile(&[(1, 1), (2, 1), (3, 1), (10, 1)], 0.5), Some(2.5));
        assert_eq!(quantile(&[(7, 3)], 0.9), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[(5, 0)], 0.5), None);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 2), Some(3));
        assert_eq!(div_round(-5, 2), Some(-3));
        assert_eq!(div_round(4, 3), Some(1));
        assert_eq!(div_round(1, 0), None);
        assert_eq!(mean_tenths(25, 3), Some(83));
        assert_eq!(percent_tenths(2, 3), Some(667));
        assert_eq!(tenths_text(83), "8.3");
        assert_eq!(tenths_text(-5), "-0.5");
        assert_eq!(hours_to_day_tenths(192.0), 80);
        assert_eq!(hours_to_day_tenths(30.0), 13);
    }

    fn type7(sorted: &[i64], p: f64) -> f64 {
        let h = (sorted.len() - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(sorted.len() - 1);
        sorted[lo] as f64 + (h - lo as f64) * (sorted[hi] - sorted[lo]) as f64
    }

    proptest! {
        /// A histogram gives what the plain sorted list gives.
        #[test]
        fn histogram_equals_list(values in proptest::collection::vec(0i64..500, 1..60), p in 0.0f64..=1.0) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let mut bins: Vec<(i64, i64)> = Vec::new();
            for v in &values {
                match bins.iter_mut().find(|(x, _)| x == v) {
                    Some(bin) => bin.1 += 1,
                    None => bins.push((*v, 1)),
                }
            }
            let got = quantile(&bins, p).unwrap();
            prop_assert!((got - type7(&sorted, p)).abs() < 1e-9);
            prop_assert!(got >= sorted[0] as f64 && got <= sorted[sorted.len() - 1] as f64);
        }

        #[test]
        fn div_round_is_nearest(a in -100_000i64..100_000, b in 1i64..1000) {
            let q = div_round(a, b).unwrap();
            prop_assert!(((q * b) - a).abs() * 2 <= b);
        }
    }
}
