use super::*;
use crate::domain::evaluation::Who5Sums;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn period() -> Period {
    Period {
        from: d("2026-01-01"),
        to: d("2026-03-31"),
    }
}

fn data() -> EvaluationData {
    let w = |s: &str| Some(s.to_owned());
    EvaluationData {
        intake: vec![
            (w("hotline"), "counselling".into(), w("li"), 2),
            (None, "labour_dispute".into(), None, 1),
        ],
        intake_by_month: vec![1, 0, 2],
        stage_at_end: vec![
            ("assessment".into(), w("li"), 2),
            ("closed".into(), w("li"), 1),
        ],
        stage_hours: vec![
            ("assessment".into(), 48, 1),
            ("assessment".into(), 96, 1),
            ("assessment".into(), 216, 1),
        ],
        stage_cases: vec![("assessment".into(), 3)],
        closed: vec![(w("goals_achieved"), w("li"), 1)],
        attainment: vec![(Some(1), 1), (Some(-1), 1), (None, 1)],
        attainment_cases: 1,
        who5: Who5Sums {
            n: 1,
            baseline: 40,
            closing: 60,
            improved: 1,
        },
        satisfaction: vec![(Some(4), 1)],
        referrals_in: vec![("self".into(), None, "accepted".into(), 1)],
        referrals_out: vec![],
        opened_by_union: vec![],
        names: [("li".to_owned(), "李晓梅".to_owned())].into(),
    }
}

#[test]
fn exact_figures() {
    let r = build(period(), &data(), Disclosure::Exact);
    assert_eq!(r.intake_by_channel.get("hotline"), Some(Shown::Count(2)));
    assert_eq!(r.intake_by_channel.get(NOT_RECORDED), Some(Shown::Count(1)));
    assert_eq!(r.intake_by_type.total, Shown::Count(3));
    assert_eq!(r.intake_by_month.get("2026-02"), Some(Shown::Count(0)));
    let assessment = &r.durations[1];
    assert_eq!(assessment.stage, "assessment");
    assert_eq!(assessment.median, Shown::Tenths(40));
    assert_eq!(assessment.p90, Shown::Tenths(80));
    assert_eq!(r.durations[0].median, Shown::NoData);
    assert_eq!(r.attainment_mean, Shown::Tenths(0));
    assert_eq!(r.attainment_reached, Shown::Percent(500));
    assert_eq!(r.who5.change, Shown::Tenths(200));
    assert_eq!(r.satisfaction_mean, Shown::Tenths(40));
    assert_eq!(r.referrals_in_by_source.get("self"), Some(Shown::Count(1)));
    let load = r.caseload.unwrap();
    assert_eq!(
        (load[0].open_at_end, load[0].opened, load[0].closed),
        (2, 2, 1)
    );
    assert_eq!(load[0].label, Label::Name("李晓梅".into()));
    assert!(r.by_union.is_none());
}

#[test]
fn the_roll_up_hides_what_rests_on_few_cases() {
    let r = build(period(), &data(), Disclosure::Protected);
    assert_eq!(r.intake_by_type.total, Shown::Small);
    assert_eq!(r.durations[1].stays, Shown::Small);
    assert_eq!(r.durations[1].median, Shown::Withheld);
    assert_eq!(r.who5.change, Shown::Withheld);
    assert_eq!(r.attainment_mean, Shown::Withheld);
    assert_eq!(r.satisfaction_mean, Shown::Withheld);
    assert!(r.caseload.is_none());
    assert!(r.referrals_in_by_source.get("self").is_none());
}

#[test]
fn an_empty_period_is_empty() {
    let r = build(period(), &EvaluationData::default(), Disclosure::Exact);
    assert!(r.is_empty());
    assert_eq!(r.intake_by_month.rows.len(), 3);
    assert_eq!(r.who5.baseline, Shown::NoData);
    assert!(!build(period(), &data(), Disclosure::Exact).is_empty());
}

/// Goals −2: 6, −1: 7, 0: 2, +1: 9, +2: 10. The 2 is hidden, and so is the 6 to
/// protect it; but 21 of 34 reached (61.8%) would say that the hidden 0-cell is
/// 21 − 9 − 10 = 2, and the mean would weigh the two hidden cells apart: both
/// are withheld. Satisfaction likewise.
#[test]
fn means_and_shares_over_hidden_cells_are_withheld() {
    let mut data = data();
    data.attainment = vec![
        (Some(-2), 6),
        (Some(-1), 7),
        (Some(0), 2),
        (Some(1), 9),
        (Some(2), 10),
    ];
    data.attainment_cases = 20;
    data.satisfaction = vec![(Some(5), 9), (Some(4), 7), (Some(3), 2)];
    let exact = build(period(), &data, Disclosure::Exact);
    assert_eq!(exact.attainment_reached, Shown::Percent(618));
    let r = build(period(), &data, Disclosure::Protected);
    assert_eq!(r.attainment.get("0"), Some(Shown::Small));
    assert_eq!(r.attainment.get("-2"), Some(Shown::Withheld));
    assert_eq!(r.attainment.get("+1"), Some(Shown::Count(9)));
    assert_eq!(r.attainment_reached, Shown::Withheld);
    assert_eq!(r.attainment_mean, Shown::Withheld);
    assert_eq!(r.satisfaction_mean, Shown::Withheld);
    // With every cell shown, the mean says nothing new and stays.
    data.satisfaction = vec![(Some(5), 9), (Some(4), 7)];
    let r = build(period(), &data, Disclosure::Protected);
    assert_eq!(r.satisfaction_mean, Shown::Tenths(46));
}

/// The roll-up lists every union of the tree as a source (zeros too), leaves
/// self-referrals out of both referral tables, and has no by-resource table.
#[test]
fn the_roll_up_tables_add_up_to_each_other() {
    let mut data = data();
    data.referrals_in = vec![
        ("union".into(), Some("u1".into()), "accepted".into(), 6),
        ("self".into(), Some("u1".into()), "received".into(), 2),
    ];
    data.opened_by_union = vec![("u1".into(), 3), ("u2".into(), 0)];
    data.referrals_out = vec![("legal_aid".into(), "r1".into(), 6)];
    let r = build(period(), &data, Disclosure::Protected);
    assert_eq!(r.referrals_in_by_source.get("u2"), Some(Shown::Count(0)));
    assert_eq!(r.referrals_in_by_source.total, Shown::Count(6));
    assert_eq!(r.referrals_in_by_status.total, Shown::Count(6));
    assert_eq!(
        r.referrals_in_by_status.get("received"),
        Some(Shown::Count(0))
    );
    assert!(r.referrals_out_by_resource.is_none());
    let exact = build(period(), &data, Disclosure::Exact);
    assert_eq!(exact.referrals_in_by_status.total, Shown::Count(8));
    assert!(exact.referrals_out_by_resource.is_some());
}
