//! What a figure may show: exact for the agency's own supervisors, protected for
//! the union roll-up.
//!
//! A union officer reads figures about members of their union without any right
//! to the cases behind them, so the roll-up must not let anyone single a person
//! out. The rules, applied to every table of the roll-up:
//!
//! 1. **Small counts.** A count from 1 to 4 shows as "<5". Zero shows as 0: it
//!    says that nobody is in a group, not who is.
//! 2. **Differencing.** A count hidden by rule 1 could be worked out by
//!    subtracting the shown cells of its table from the table's total. So in each
//!    table whose cells add up to a shown total, the hidden cells must be at least
//!    two and add up to at least 5; until they do, the smallest shown non-zero
//!    cell is hidden too ("*", withheld). A total under 5 is itself "<5", and then
//!    so is every non-zero cell.
//! 3. **Derived figures.** A mean, median or percentile from fewer than 5 cases
//!    is withheld. A share k of n is withheld when n is under 5, or when k or
//!    n − k is from 1 to 4 (the share would give the small count away).
//!
//! Supervisors see exact figures: they may read the cases themselves.

use super::stats::{mean_tenths, percent_tenths};

/// The smallest count the roll-up shows.
pub const THRESHOLD: i64 = 5;

/// Which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// Every figure as it is.
    Exact,
    /// The rules above.
    Protected,
}

/// A figure as the report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A count.
    Count(i64),
    /// A value in tenths (days, a mean, a WHO-5 score).
    Tenths(i64),
    /// A share in tenths of a percent.
    Percent(i64),
    /// A count from 1 to 4, hidden ("<5").
    Small,
    /// Withheld so that a small count cannot be worked out, or because it would
    /// rest on fewer than 5 cases ("*").
    Withheld,
    /// Nothing to compute it from ("—").
    NoData,
}

impl Shown {
    /// The count, if shown.
    pub fn count(self) -> Option<i64> {
        match self {
            Shown::Count(n) => Some(n),
            _ => None,
        }
    }
}

fn is_small(n: i64) -> bool {
    (1..THRESHOLD).contains(&n)
}

impl Disclosure {
    /// A count on its own.
    pub fn count(self, n: i64) -> Shown {
        if self == Disclosure::Protected && is_small(n) {
            Shown::Small
        } else {
            Shown::Count(n)
        }
    }

    /// The cells of a table whose cells add up to `total`, and the total.
    pub fn breakdown(self, cells: &[i64], total: i64) -> (Vec<Shown>, Shown) {
        if self == Disclosure::Exact {
            return (
                cells.iter().map(|n| Shown::Count(*n)).collect(),
                Shown::Count(total),
            );
        }
        if is_small(total) {
            let shown = cells
                .iter()
                .map(|n| {
                    if *n == 0 {
                        Shown::Count(0)
                    } else {
                        Shown::Small
                    }
                })
                .collect();
            return (shown, Shown::Small);
        }
        let mut shown: Vec<Shown> = cells.iter().map(|n| self.count(*n)).collect();
        loop {
            let hidden: Vec<usize> = (0..cells.len())
                .filter(|i| shown[*i].count().is_none())
                .collect();
            let hidden_sum: i64 = hidden.iter().map(|i| cells[*i]).sum();
            if hidden.is_empty() || (hidden.len() >= 2 && hidden_sum >= THRESHOLD) {
                break;
            }
            let next = (0..cells.len())
                .filter(|i| cells[*i] > 0 && shown[*i].count().is_some())
                .min_by_key(|i| (cells[*i], *i));
            match next {
                Some(i) => shown[i] = Shown::Withheld,
                None => break,
            }
        }
        (shown, Shown::Count(total))
    }

    /// Whether a figure derived from `n` cases may be shown.
    fn derived_allowed(self, n: i64) -> bool {
        match self {
            Disclosure::Exact => n > 0,
            Disclosure::Protected => n >= THRESHOLD,
        }
    }

    /// A figure derived from `n` cases, already in tenths.
    pub fn derived(self, n: i64, tenths: Option<i64>) -> Shown {
        match tenths {
            None => Shown::NoData,
            Some(_) if n == 0 => Shown::NoData,
            Some(t) if self.derived_allowed(n) => Shown::Tenths(t),
            Some(_) => Shown::Withheld,
        }
    }

    /// The mean of `n` values adding up to `sum`.
    pub fn mean(self, sum: i64, n: i64) -> Shown {
        self.derived(n, mean_tenths(sum, n))
    }

    /// The share `k` of `n`.
    pub fn share(self, k: i64, n: i64) -> Shown {
        let Some(p) = percent_tenths(k, n) else {
            return Shown::NoData;
        };
        let gives_away = is_small(k) || is_small(n - k);
        match self {
            Disclosure::Exact => Shown::Percent(p),
            Disclosure::Protected if n >= THRESHOLD && !gives_away => Shown::Percent(p),
            Disclosure::Protected => Shown::Withheld,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Shown::*;
    use super::*;
    use proptest::prelude::*;

    const P: Disclosure = Disclosure::Protected;

    #[test]
    fn small_counts_and_their_complements() {
        assert_eq!(P.count(0), Count(0));
        assert_eq!(P.count(4), Small);
        assert_eq!(P.count(5), Count(5));
        // One small cell: the smallest other non-zero cell goes too.
        assert_eq!(
            P.breakdown(&[3, 0, 6, 9], 18),
            (vec![Small, Count(0), Withheld, Count(9)], Count(18))
        );
        // Two small cells adding up to under 5 (1 + 1 would be exact): one more.
        assert_eq!(
            P.breakdown(&[1, 1, 7, 8], 17),
            (vec![Small, Small, Withheld, Count(8)], Count(17))
        );
        // Two small cells adding up to 5 or more stay as they are.
        assert_eq!(
            P.breakdown(&[2, 3, 7], 12),
            (vec![Small, Small, Count(7)], Count(12))
        );
        // A small total hides everything but zeros.
        assert_eq!(P.breakdown(&[3, 0], 3), (vec![Small, Count(0)], Small));
        assert_eq!(
            Disclosure::Exact.breakdown(&[3, 0], 3),
            (vec![Count(3), Count(0)], Count(3))
        );
    }

    #[test]
    fn derived_figures() {
        assert_eq!(P.mean(40, 4), Withheld);
        assert_eq!(P.mean(50, 5), Tenths(100));
        assert_eq!(P.mean(0, 0), NoData);
        assert_eq!(Disclosure::Exact.mean(10, 3), Tenths(33));
        assert_eq!(P.share(3, 10), Withheld);
        assert_eq!(P.share(7, 10), Withheld);
        assert_eq!(P.share(5, 10), Percent(500));
        assert_eq!(P.share(0, 10), Percent(0));
        assert_eq!(P.share(4, 4), Withheld);
        assert_eq!(Disclosure::Exact.share(1, 3), Percent(333));
        assert_eq!(P.share(0, 0), NoData);
    }

    proptest! {
        /// Whatever the cells, no hidden cell can be worked out from the total:
        /// either nothing is hidden, or at least two cells adding up to 5 or more
        /// are, or the total itself is hidden; and no count from 1 to 4 shows.
        #[test]
        fn nothing_small_can_be_recovered(cells in proptest::collection::vec(0i64..12, 1..8)) {
            let total: i64 = cells.iter().sum();
            let (shown, shown_total) = P.breakdown(&cells, total);
            for (s, n) in shown.iter().zip(&cells) {
                if let Count(c) = s {
                    prop_assert_eq!(c, n);
                    prop_assert!(!is_small(*c));
                }
            }
            if shown_total != Small {
                let hidden: Vec<i64> = shown.iter().zip(&cells)
                    .filter(|(s, _)| s.count().is_none()).map(|(_, n)| *n).collect();
                prop_assert!(hidden.is_empty() || (hidden.len() >= 2 && hidden.iter().sum::<i64>() >= THRESHOLD));
            }
        }
    }
}
