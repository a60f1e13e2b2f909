//! What a figure may show: exact for the agency's own supervisors, protected for
//! the union roll-up.
//!
//! A union officer reads figures about members of their union without any right
//! to the cases behind them, so the roll-up must not let anyone single a person
//! out: from the shown figures, the total and what the marks mean ([`bounds`]),
//! every hidden cell must still be able to take at least two values. The rules,
//! applied to every table of the roll-up:
//!
//! 1. **Small counts.** A count from 1 to 4 shows as "<5". Zero shows as 0: it
//!    says that nobody is in a group, not who is.
//! 2. **Differencing.** In a table whose cells add up to a shown total, the
//!    smallest shown non-zero cell is withheld too ("*": 5 or more, and no more
//!    than the smallest count still shown), again and again, until the hidden
//!    cells are two or more and their sum (the total minus the shown cells) lies
//!    strictly between the sum of their least and the sum of their most values.
//!    Then each hidden cell can give a unit to, or take one from, another, so
//!    none is pinned down. Two cells "<5" over a gap of 8 are both 4; walk-in
//!    "<5" and hotline "*" over a gap of 6 are 1 and 5: those go on.
//! 3. **Nothing but the total.** When no shown cell is left to hide and rule 2
//!    still fails, the zeros are hidden too: "*" then means anything from 0 up
//!    to the total (six cases, five of them improved, shows "*" for both; so do
//!    five rows of 1 over a total of 5). A table whose total is from 1 to 4
//!    shows the total as "<5" and every row as "*": with the zeros shown, four
//!    non-zero rows under a total of 4 would hold one case each.
//! 4. **Derived figures.** A mean, median or percentile from fewer than 5 cases
//!    is withheld. A share k of n is withheld when n is under 5, or when k or
//!    n − k is from 1 to 4 (the share would give the small count away). A mean
//!    or share worked out from the cells of a table is withheld when any cell of
//!    that table is hidden ([`Disclosure::gate`]): it weighs the hidden cells
//!    and would tell them apart.
//!
//! The guarantee is about the figures and the bounds. A reader who replays the
//! steps of rule 2 may learn a little more (that a first round did not suffice
//! says the first hidden cells sat at a bound); the property tests check the
//! bounds, and the tables are small enough that this was judged acceptable.
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
    /// A count from 1 to 4 standing alone, or a table's total, hidden ("<5").
    Small,
    /// A cell of a table hidden (small, or hidden to protect one), or a figure
    /// resting on fewer than 5 cases or on hidden cells ("*").
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
        let exact = || cells.iter().map(|n| Shown::Count(*n)).collect();
        if self == Disclosure::Exact || (!cells.iter().any(|n| is_small(*n)) && !is_small(total)) {
            return (exact(), Shown::Count(total));
        }
        if is_small(total) {
            return (vec![Shown::Withheld; cells.len()], Shown::Small);
        }
        let mut shown: Vec<Shown> = exact();
        for (s, n) in shown.iter_mut().zip(cells) {
            if is_small(*n) {
                *s = Shown::Small;
            }
        }
        while !protects(cells, &shown) {
            let next = (0..cells.len())
                .filter(|i| cells[*i] > 0 && shown[*i].count().is_some())
                .min_by_key(|i| (cells[*i], *i));
            match next {
                Some(i) => shown[i] = Shown::Withheld,
                // Nothing left to hide but the zeros: the table then says
                // nothing but its total, and "*" there is anything from 0 to it.
                None => shown = vec![Shown::Withheld; cells.len()],
            }
        }
        (shown, Shown::Count(total))
    }

    /// A mean or share `figure` worked out from the cells of a table shown as
    /// `cells`: withheld when any of them is hidden, since it would weigh them.
    pub fn gate(self, cells: &[Shown], figure: Shown) -> Shown {
        let hidden = cells.iter().any(|s| s.count().is_none());
        match figure {
            Shown::Tenths(_) | Shown::Percent(_) if self == Disclosure::Protected && hidden => {
                Shown::Withheld
            }
            other => other,
        }
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

/// What a reader knows of each cell of a table published as `shown` over a
/// shown total: the least and the most it can be (`None`: no bound but the
/// total). When every cell is "*", each is 0 or more. Otherwise "<5" is 1 to
/// 4, and "*" is 5 or more, and at most
/// the smallest count still shown (or one less, if that one comes first: the
/// smallest cells go first, ties in order); a cell shown is itself.
pub fn bounds(shown: &[Shown]) -> Vec<(i64, Option<i64>)> {
    if shown.iter().all(|s| *s == Shown::Withheld) {
        return vec![(0, None); shown.len()];
    }
    let ceiling = |i: usize| {
        shown
            .iter()
            .enumerate()
            .filter_map(|(j, s)| s.count().filter(|n| *n > 0).map(|n| (j, n)))
            .map(|(j, n)| if i < j { n } else { n - 1 })
            .min()
    };
    shown
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            Shown::Count(n) => (*n, Some(*n)),
            Shown::Small => (1, Some(THRESHOLD - 1)),
            _ => (THRESHOLD, ceiling(i)),
        })
        .collect()
}

/// Whether the hidden cells of `shown` could each take two values or more,
/// given the bounds and the total: there are two or more, each has room
/// (its least below its most), and their sum lies strictly between the sum of
/// their least and the sum of their most values. Then any one can give a unit to
/// or take one from another without leaving the bounds.
fn protects(cells: &[i64], shown: &[Shown]) -> bool {
    let hidden: Vec<usize> = (0..cells.len())
        .filter(|i| shown[*i].count().is_none())
        .collect();
    if hidden.is_empty() {
        return true;
    }
    let b = bounds(shown);
    let sum: i64 = hidden.iter().map(|i| cells[*i]).sum();
    let least: i64 = hidden.iter().map(|i| b[*i].0).sum();
    let most: Option<i64> = hidden.iter().map(|i| b[*i].1).sum();
    hidden.len() >= 2
        && hidden.iter().all(|i| b[*i].1.is_none_or(|hi| hi > b[*i].0))
        && least < sum
        && most.is_none_or(|m| sum < m)
}

#[cfg(test)]
#[path = "disclosure_tests.rs"]
mod tests;
