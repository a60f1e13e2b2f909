use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::sections::gas_t_score;
use super::*;
use crate::db::details::MediationDetails;
use crate::db::records::{AssessmentRecord, ClosureRecord, Goal, Session};
use crate::views::case_page::timeline::TimelineEvent;

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

struct Data {
    case: Case,
    client: Client,
    records: StageRecords,
    details: CaseDetails,
    transitions: Vec<TransitionLogEntry>,
    timeline: Vec<TimelineItem>,
    names: HashMap<String, String>,
}

fn data() -> Data {
    let case = Case {
        id: "c1".into(),
        reference: "CW-2026-000042".into(),
        case_type: "family_mediation".into(),
        client_id: "k1".into(),
        organisation_id: "o1".into(),
        team_id: Some("t1".into()),
        assigned_worker_id: Some("u1".into()),
        stage: "closed".into(),
        risk_level: Some("medium".into()),
        version: 12,
        created_by: "u1".into(),
        opened_at: at(1, 9),
        updated_at: at(20, 9),
        closed_at: Some(at(20, 9)),
    };
    let client = Client {
        id: "k1".into(),
        full_name: "陈静".into(),
        gender: Some("female".into()),
        birth_year: Some(1990),
        phone: None,
        employer: Some("富康电子厂".into()),
        union_member: true,
        union_id: None,
        district: None,
        special_groups: "migrant_worker".into(),
        created_by: "u1".into(),
        created_at: at(1, 9),
        updated_at: at(1, 9),
    };
    let goal = |position: i32, description: &str, attainment| Goal {
        id: format!("g{position}"),
        case_id: "c1".into(),
        position,
        description: description.into(),
        indicator: Some("每晚睡眠≥6小时".into()),
        target_date: None,
        attainment,
        created_at: at(3, 9),
    };
    let records = StageRecords {
        intake: None,
        assessment: Some(AssessmentRecord {
            case_id: "c1".into(),
            physiological: Some("睡眠不足".into()),
            psychological: None,
            social: None,
            risk_level: Some("medium".into()),
            risk_screening: Some("SCREENING-SECRET 无自伤意念".into()),
            needs: None,
            strengths: None,
            who5_baseline: Some(36),
            updated_by: "u1".into(),
            updated_at: at(2, 9),
        }),
        contract: None,
        goals: vec![
            goal(0, "改善睡眠", Some(1)),
            goal(1, "Rebuild support network", Some(0)),
        ],
        sessions: vec![Session {
            id: "s1".into(),
            case_id: "c1".into(),
            held_on: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
            duration_minutes: 50,
            mode: "face_to_face".into(),
            participants: Some("夫妻双方".into()),
            notes: Some("NOTES-SECRET 放松训练".into()),
            services_delivered: None,
            recorded_by: "u1".into(),
            recorded_at: at(10, 12),
        }],
        goal_progress: Vec::new(),
        closure: Some(ClosureRecord {
            case_id: "c1".into(),
            reason: Some("goals_achieved".into()),
            who5_closing: Some(64),
            satisfaction: Some(5),
            summary: Some("目标达成".into()),
            follow_up_plan: None,
            updated_by: "u1".into(),
            updated_at: at(18, 9),
        }),
    };
    let details = CaseDetails::FamilyMediation(MediationDetails {
        case_id: "c1".into(),
        parties: Some("夫妻双方".into()),
        conflict: Some("CONFLICT-SECRET 育儿分工".into()),
        agreement_reached: Some(true),
        updated_by: "u1".into(),
        updated_at: at(2, 9),
    });
    let transitions = vec![TransitionLogEntry {
        id: "x1".into(),
        case_id: "c1".into(),
        version_after: 12,
        transition: "approve_closure".into(),
        from_stage: "closure".into(),
        to_stage: "closed".into(),
        actor_id: "u2".into(),
        reason: None,
        closure_reason: None,
        occurred_at: at(20, 9),
        stage_entered_at: at(18, 9),
    }];
    let timeline = vec![
        TimelineItem {
            at: at(20, 9),
            actor_id: Some("u2".into()),
            event: TimelineEvent::Moved {
                transition: "approve_closure".into(),
                from: "closure".into(),
                to: "closed".into(),
                reason: None,
                closure_reason: None,
            },
        },
        TimelineItem {
            at: at(1, 9),
            actor_id: Some("u1".into()),
            event: TimelineEvent::Opened,
        },
    ];
    let names = HashMap::from([
        ("u1".to_owned(), "李晓梅".to_owned()),
        ("u2".to_owned(), "王建国".to_owned()),
    ]);
    Data {
        case,
        client,
        records,
        details,
        transitions,
        timeline,
        names,
    }
}

fn report<'a>(
    d: &'a Data,
    l: Locale,
    withheld: bool,
    referrals: &'a [OutboundReferral],
) -> CaseReport<'a> {
    CaseReport {
        l,
        case: &d.case,
        client: &d.client,
        records: &d.records,
        details: Some(&d.details),
        transitions: &d.transitions,
        timeline: &d.timeline,
        names: &d.names,
        agency: "鹏城社工服务中心",
        team: Some("职工服务一组"),
        referrals,
        source_referral: None,
        withheld,
        generated_by: "Emily Chen",
        generated_at: at(23, 4),
    }
}

fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t)
            | Block::Heading(t)
            | Block::Subheading(t)
            | Block::Paragraph(t)
            | Block::Note(t) => out.push_str(t),
            Block::Field { label, value } => {
                out.push_str(label);
                out.push_str(": ");
                out.push_str(value);
            }
            Block::Gap(_) | Block::PageBreak | Block::Table(_) | Block::Chart(_) => {}
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_report_has_every_section_in_the_readers_language() {
    let d = data();
    let all = text(&report(&d, Locale::ZhCn, false, &[]).blocks());
    for expected in [
        "个案报告",
        "CW-2026-000042",
        "陈静",
        "李晓梅",
        "鹏城社工服务中心",
        "接案",
        "预估",
        "计划及合约",
        "介入",
        "结案与评估",
        "服务目标及达成情况",
        "幸福感变化（WHO-5）",
        "+28 分 · 有明显改善",
        "批准结案",
        "王建国",
        "个案时间线",
        "Rebuild support network",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
    assert!(!all.contains("report-"), "a locale key is missing:\n{all}");
    let en = text(&report(&d, Locale::En, false, &[]).blocks());
    assert!(en.contains("Case report") && en.contains("Closure and evaluation"));
    assert!(!en.contains("report-"), "{en}");
    let tw = text(&report(&d, Locale::ZhTw, false, &[]).blocks());
    assert!(tw.contains("個案報告") && tw.contains("結案與評估"), "{tw}");
}

#[test]
fn confidential_fields_are_left_out_not_blanked() {
    let mut d = data();
    let full = text(&report(&d, Locale::En, false, &[]).blocks());
    for secret in ["SCREENING-SECRET", "NOTES-SECRET", "CONFLICT-SECRET"] {
        assert!(
            full.contains(secret),
            "{secret} shown to those who may read it"
        );
    }
    // The handler withholds the values first; the report then leaves the rows out.
    d.records.assessment.as_mut().unwrap().risk_screening = None;
    d.records.sessions[0].notes = None;
    if let CaseDetails::FamilyMediation(m) = &mut d.details {
        m.conflict = None;
    }
    let shown = text(&report(&d, Locale::En, true, &[]).blocks());
    for label in ["Risk screening", "Notes:", "The conflict"] {
        let rows: Vec<&str> = shown.lines().filter(|l| l.starts_with(label)).collect();
        assert!(rows.is_empty(), "{label} row present: {rows:?}");
    }
    assert!(shown.contains("left out of this copy"), "{shown}");
    assert!(full.lines().any(|l| l.starts_with("Risk screening")));
}

#[test]
fn referrals_are_listed_when_there_are_any() {
    let d = data();
    let none = text(&report(&d, Locale::En, false, &[]).blocks());
    assert!(!none.contains("Referred out on"));
    let referral = OutboundReferral {
        made_on: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        resource: "区法律援助中心".into(),
        status: "Accepted".into(),
        feedback: Some("已安排律师".into()),
    };
    let some = text(&report(&d, Locale::En, false, std::slice::from_ref(&referral)).blocks());
    assert!(
        some.contains("Referred out on 12 Nov 2026 to 区法律援助中心"),
        "{some}"
    );
    assert!(some.contains("已安排律师"));
    let source = SourceReferral {
        received_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        source: "南山区总工会".into(),
        status: "Accepted".into(),
    };
    let mut from_union = report(&d, Locale::En, false, &[]);
    from_union.source_referral = Some(&source);
    let from_union = text(&from_union.blocks());
    assert!(
        from_union.contains("Referred to the agency on 2 Nov 2026 by 南山区总工会"),
        "{from_union}"
    );
}

#[test]
fn the_timeline_reads_oldest_first() {
    let d = data();
    let all = text(&report(&d, Locale::En, false, &[]).blocks());
    let opened = all.find("Case opened at intake").unwrap();
    let approved = all.find("Approve closure:").unwrap();
    assert!(opened < approved);
}

#[test]
fn goal_attainment_t_score() {
    assert_eq!(gas_t_score(&[]), None);
    assert_eq!(gas_t_score(&[0, 0, 0]), Some(50.0));
    // One goal at +1: 50 + 10 / sqrt(0.7 + 0.3) = 60.
    assert!((gas_t_score(&[1]).unwrap() - 60.0).abs() < 1e-9);
    // Two goals at +1 and 0: 50 + 10 / sqrt(1.4 + 1.2).
    let t = gas_t_score(&[1, 0]).unwrap();
    assert!((t - (50.0 + 10.0 / 2.6f64.sqrt())).abs() < 1e-9, "{t}");
    assert!(gas_t_score(&[-2, -2]).unwrap() < 30.0);
}

#[test]
fn the_file_name_is_the_reference() {
    let d = data();
    assert_eq!(
        report(&d, Locale::ZhCn, false, &[]).file_name(),
        "CW-2026-000042.pdf"
    );
}
