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
    // 1 + 1 sits at the least two "<5" can be: one more.
    assert_eq!(
        P.breakdown(&[1, 1, 7, 8], 17),
        (vec![Small, Small, Withheld, Count(8)], Count(17))
    );
    // 2 + 3 = 5 lies between 2 and 8: they can trade units, and stay.
    assert_eq!(
        P.breakdown(&[2, 3, 7], 12),
        (vec![Small, Small, Count(7)], Count(12))
    );
    // 4 + 4 sits at the most: one more.
    assert_eq!(
        P.breakdown(&[4, 4, 10], 18),
        (vec![Small, Small, Withheld], Count(18))
    );
    assert_eq!(
        P.breakdown(&[4, 4, 10, 20], 38),
        (vec![Small, Small, Withheld, Count(20)], Count(38))
    );
    // Walk-in 1 and hotline 5 of 6: "<5" and "*" would be exactly 1 and 5.
    assert_eq!(P.breakdown(&[0, 5, 1, 0], 6), (vec![Withheld; 4], Count(6)));
    // "*" is at most the smallest count still shown: 3 + 6 under a 6 shown
    // first is 3 and 5 at most; a 6 shown after leaves room.
    assert_eq!(
        P.breakdown(&[6, 6, 3, 20], 35),
        (vec![Withheld, Count(6), Small, Count(20)], Count(35))
    );
    // A small total hides every row, zeros included (four 1s of 4 would be exact).
    assert_eq!(P.breakdown(&[3, 0], 3), (vec![Withheld; 2], Small));
    assert_eq!(P.breakdown(&[1, 1, 1, 1], 4), (vec![Withheld; 4], Small));
    // Every non-zero cell 1: nothing left to hide but the zeros.
    assert_eq!(
        P.breakdown(&[1, 1, 1, 1, 1, 0], 5),
        (vec![Withheld; 6], Count(5))
    );
    assert_eq!(
        P.breakdown(&[0, 0], 0),
        (vec![Count(0), Count(0)], Count(0))
    );
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
    // A mean over a table with a hidden cell would tell the hidden cells apart.
    assert_eq!(P.gate(&[Count(5), Withheld], Tenths(30)), Withheld);
    assert_eq!(P.gate(&[Count(5), Count(0)], Tenths(30)), Tenths(30));
    assert_eq!(P.gate(&[Withheld], NoData), NoData);
    assert_eq!(
        Disclosure::Exact.gate(&[Withheld], Percent(10)),
        Percent(10)
    );
}

/// The values cell `j` of a table published as `shown` over `total` can take,
/// as a reader works them out from the shown cells, the total and [`bounds`]:
/// the hidden cells add up to the total minus the shown ones, so cell `j` is at
/// least that minus the most the other hidden cells can hold, and at most that
/// minus the least they hold. `None`: no upper limit.
fn range_of(shown: &[Shown], total: Shown, j: usize) -> (i64, Option<i64>) {
    let b = bounds(shown);
    // A total "<5" is 1 to 4, and every cell under it 0 to 4.
    let (gap_lo, gap_hi) = match total {
        Count(t) => {
            let seen: i64 = shown.iter().filter_map(|s| s.count()).sum();
            (t - seen, Some(t - seen))
        }
        _ => (1, Some(THRESHOLD - 1)),
    };
    let b: Vec<(i64, Option<i64>)> = match total {
        Count(_) => b,
        _ => vec![(0, Some(THRESHOLD - 1)); shown.len()],
    };
    let others = (0..shown.len()).filter(|i| *i != j && shown[*i].count().is_none());
    let others_least: i64 = others.clone().map(|i| b[i].0).sum();
    let others_most: Option<i64> = others.map(|i| b[i].1).sum();
    let lo = match others_most {
        Some(m) => b[j].0.max(gap_lo - m),
        None => b[j].0,
    };
    let hi = [b[j].1, gap_hi.map(|g| g - others_least)]
        .into_iter()
        .flatten()
        .min();
    (lo, hi)
}

/// Checks a table: shown cells are exact and never 1 to 4, the true value of
/// each hidden cell lies in what the reader can work out, and that range holds
/// two values or more.
fn check(cells: &[i64]) -> Result<(), String> {
    let total: i64 = cells.iter().sum();
    let (shown, shown_total) = P.breakdown(cells, total);
    let fail = |what: String| Err(format!("{cells:?} → {shown:?}, {shown_total:?}: {what}"));
    match shown_total {
        Count(t) if t != total || is_small(t) => return fail(format!("total {t}")),
        Small if !is_small(total) => return fail("total".into()),
        _ => {}
    }
    for (j, (s, n)) in shown.iter().zip(cells).enumerate() {
        match s {
            Count(c) if c != n || is_small(*c) => return fail(format!("cell {j} shown")),
            Count(_) => {}
            Small if !is_small(*n) => return fail(format!("cell {j} is not small")),
            _ => {
                let (lo, hi) = range_of(&shown, shown_total, j);
                if *n < lo || hi.is_some_and(|h| *n > h) {
                    return fail(format!("cell {j} outside its bounds {lo}..{hi:?}"));
                }
                if hi.is_some_and(|h| h <= lo) {
                    return fail(format!("cell {j} can be worked out: {lo}"));
                }
            }
        }
    }
    Ok(())
}

/// Every table of up to four rows of up to 11 cases, exhaustively.
#[test]
fn no_small_table_gives_a_cell_away() {
    for len in 1..=4u32 {
        for code in 0..12i64.pow(len) {
            let cells: Vec<i64> = (0..len).map(|k| code / 12i64.pow(k) % 12).collect();
            if let Err(e) = check(&cells) {
                panic!("{e}");
            }
        }
    }
}

proptest! {
    /// Whatever the cells, no count from 1 to 4 shows, and no hidden cell can be
    /// pinned down: from the shown cells, the total and the bounds of "<5" and
    /// "*", each hidden cell could take at least two values (the strong
    /// property, not merely "the hidden cells add up to 5 or more").
    #[test]
    fn no_hidden_cell_is_pinned_down(cells in proptest::collection::vec(prop_oneof![0i64..6, 0i64..40], 1..9)) {
        if let Err(e) = check(&cells) {
            return Err(TestCaseError::fail(e));
        }
    }
}
