//! The shape of the demo data, and the organisations, staff and clients it holds.
//!
//! Seeds are `const` tables of borrowed text so that the data set reads like a
//! list rather than like code; `build` turns each row into the same inputs the
//! web forms send. Dates are days relative to today, so the data set never ages
//! into the future (sessions dated after today would be refused).

use crate::domain::vocab::{
    AssistanceNeed, CaseStage, ClosureReason, CounsellingConcern, DisputeCategory, DisputeRoute,
    Gender, IntakeChannel, OrganisationKind, RiskLevel, Role, SessionMode, SpecialGroup, Urgency,
};

/// A union; `parent` indexes [`UNIONS`].
pub(super) struct UnionSeed {
    pub name: &'static str,
    pub kind: OrganisationKind,
    pub parent: Option<usize>,
}

pub(super) const CITY: usize = 0;
pub(super) const NANSHAN: usize = 1;
pub(super) const BAOAN: usize = 2;
pub(super) const FUKANG: usize = 3;

pub(super) const UNIONS: &[UnionSeed] = &[
    UnionSeed {
        name: "深圳市总工会",
        kind: OrganisationKind::CityUnion,
        parent: None,
    },
    UnionSeed {
        name: "南山区总工会",
        kind: OrganisationKind::DistrictUnion,
        parent: Some(CITY),
    },
    UnionSeed {
        name: "宝安区总工会",
        kind: OrganisationKind::DistrictUnion,
        parent: Some(CITY),
    },
    UnionSeed {
        name: "富康电子厂工会",
        kind: OrganisationKind::GrassrootsUnion,
        parent: Some(BAOAN),
    },
];

/// The agency that serves every demo case.
pub(super) const AGENCY: &str = "鹏城社会工作服务中心";
/// Its teams: index 0 takes counselling and family cases, index 1 the rest.
pub(super) const TEAMS: [&str; 2] = ["职工心理与家庭服务组", "劳动关系与特殊职工帮扶组"];

/// Where a staff member works.
pub(super) enum Home {
    Agency,
    Union(usize),
}

/// A demo account; `teams` indexes [`TEAMS`] and decides what the account may see.
pub(super) struct StaffSeed {
    pub name: &'static str,
    pub username: &'static str,
    pub role: Role,
    pub home: Home,
    pub teams: &'static [usize],
}

pub(super) const LI: usize = 0;
/// Bilingual, so she is in both teams and takes the English-speaking clients.
pub(super) const EMILY: usize = 1;
/// Signs off closures, so is never a case's assigned worker (no own-case sign-off);
/// supervises both teams, so sees every demo case.
pub(super) const SUPERVISOR: usize = 2;

pub(super) const STAFF: &[StaffSeed] = &[
    StaffSeed {
        name: "李晓梅",
        username: "lixiaomei",
        role: Role::SocialWorker,
        home: Home::Agency,
        teams: &[0],
    },
    StaffSeed {
        name: "Emily Chen",
        username: "emily.chen",
        role: Role::SocialWorker,
        home: Home::Agency,
        teams: &[0, 1],
    },
    StaffSeed {
        name: "王建国",
        username: "wangjianguo",
        role: Role::Supervisor,
        home: Home::Agency,
        teams: &[0, 1],
    },
    StaffSeed {
        name: "陈志强",
        username: "chenzhiqiang",
        role: Role::UnionOfficer,
        home: Home::Union(BAOAN),
        teams: &[],
    },
    StaffSeed {
        name: "刘芳",
        username: "liufang",
        role: Role::Administrator,
        home: Home::Agency,
        teams: &[],
    },
];

/// A client; `age` rather than a birth year keeps the minor a minor every year.
pub(super) struct ClientSeed {
    pub name: &'static str,
    pub gender: Gender,
    pub age: i32,
    pub phone: Option<&'static str>,
    pub employer: Option<&'static str>,
    pub member: bool,
    pub union: Option<usize>,
    pub district: &'static str,
    pub groups: &'static [SpecialGroup],
}

const fn client(
    name: &'static str,
    gender: Gender,
    age: i32,
    phone: &'static str,
    employer: &'static str,
    union: usize,
    groups: &'static [SpecialGroup],
) -> ClientSeed {
    ClientSeed {
        name,
        gender,
        age,
        phone: Some(phone),
        employer: Some(employer),
        member: true,
        union: Some(union),
        district: district_of(union),
        groups,
    }
}

/// Members live or work where their union is.
const fn district_of(union: usize) -> &'static str {
    match union {
        NANSHAN => "南山区",
        BAOAN | FUKANG => "宝安区",
        _ => "福田区",
    }
}

pub(super) const CHEN_MEILING: usize = 0;
pub(super) const ZHANG_WEI: usize = 1;
pub(super) const LIU_JIANHUA: usize = 2;
pub(super) const HUANG_LIJUAN: usize = 3;
pub(super) const MICHAEL_WONG: usize = 4;
pub(super) const SARAH_LIN: usize = 5;
pub(super) const ZHAO_QIANG: usize = 6;
pub(super) const ZHOU_XIAOYU: usize = 7;
pub(super) const WU_XIUYING: usize = 8;
pub(super) const SUN_HAO: usize = 9;
pub(super) const MA_LI: usize = 10;
pub(super) const DAVID_LI: usize = 11;
pub(super) const LI_GUILAN: usize = 12;
pub(super) const WANG_LEI: usize = 13;
pub(super) const YANG_GUOQING: usize = 14;

/// Phones are in the 138-0000 range so that nobody mistakes them for real numbers.
pub(super) const CLIENTS: &[ClientSeed] = {
    use Gender::{Female, Male};
    use SpecialGroup::*;
    &[
        client(
            "陈美玲",
            Female,
            33,
            "138-0000-0001",
            "富康电子厂",
            FUKANG,
            &[MigrantWorker],
        ),
        client(
            "张伟",
            Male,
            38,
            "138-0000-0002",
            "顺达物流有限公司",
            NANSHAN,
            &[],
        ),
        client(
            "刘建华",
            Male,
            46,
            "138-0000-0003",
            "鑫达劳务（宝安住宅项目工地）",
            BAOAN,
            &[MigrantWorker, LowSkills],
        ),
        client(
            "黄丽娟",
            Female,
            29,
            "138-0000-0004",
            "富康电子厂",
            FUKANG,
            &[WomenFourPeriods, MigrantWorker],
        ),
        client(
            "Michael Wong",
            Male,
            41,
            "138-0000-0005",
            "Harbour Logistics Ltd",
            NANSHAN,
            &[],
        ),
        client(
            "Sarah Lin",
            Female,
            35,
            "138-0000-0006",
            "Harbour Logistics Ltd",
            NANSHAN,
            &[WomenFourPeriods],
        ),
        ClientSeed {
            employer: None,
            ..client(
                "赵强",
                Male,
                49,
                "138-0000-0007",
                "",
                BAOAN,
                &[Disability, Unemployed],
            )
        },
        // The only minor: her cases need a guardian's consent at intake.
        ClientSeed {
            name: "周小雨",
            gender: Female,
            age: 13,
            phone: None,
            employer: None,
            member: false,
            union: None,
            district: "宝安区",
            groups: &[],
        },
        client(
            "吴秀英",
            Female,
            56,
            "138-0000-0008",
            "南山绿洁环卫服务有限公司",
            NANSHAN,
            &[EconomicHardship],
        ),
        client(
            "孙浩",
            Male,
            31,
            "138-0000-0009",
            "顺达物流有限公司",
            NANSHAN,
            &[MigrantWorker],
        ),
        client(
            "马丽",
            Female,
            34,
            "138-0000-0010",
            "华彩制衣厂",
            BAOAN,
            &[MigrantWorker],
        ),
        client(
            "David Li",
            Male,
            44,
            "138-0000-0011",
            "Shengang Precision Moulds Co., Ltd",
            BAOAN,
            &[],
        ),
        client(
            "李桂兰",
            Female,
            52,
            "138-0000-0012",
            "富康电子厂",
            FUKANG,
            &[EconomicHardship],
        ),
        // Platform riders are rarely members yet: recruiting them is part of the work.
        ClientSeed {
            member: false,
            union: None,
            ..client(
                "王磊",
                Male,
                26,
                "138-0000-0013",
                "某外卖平台（众包骑手）",
                NANSHAN,
                &[MigrantWorker],
            )
        },
        ClientSeed {
            employer: None,
            ..client(
                "杨国庆",
                Male,
                56,
                "138-0000-0014",
                "",
                BAOAN,
                &[EconomicHardship, Unemployed],
            )
        },
    ]
};

/// Intake (接案).
pub(super) struct Intake {
    pub channel: IntakeChannel,
    /// `None` leaves a draft the intake guard will point at.
    pub urgency: Option<Urgency>,
    pub problem: &'static str,
    pub consent_service: bool,
    pub consent_sensitive: bool,
    pub guardian_consent: bool,
}

/// A complete intake for an adult client.
pub(super) const fn intake(
    channel: IntakeChannel,
    urgency: Urgency,
    problem: &'static str,
) -> Intake {
    Intake {
        channel,
        urgency: Some(urgency),
        problem,
        consent_service: true,
        consent_sensitive: true,
        guardian_consent: false,
    }
}

/// Assessment (预估).
pub(super) struct Assessment {
    pub physiological: &'static str,
    pub psychological: &'static str,
    pub social: &'static str,
    pub risk: RiskLevel,
    pub screening: &'static str,
    pub needs: &'static str,
    pub strengths: &'static str,
    /// `None` leaves a draft; otherwise a WHO-5 percentage (a multiple of 4).
    pub who5: Option<i32>,
}

/// One goal; its target date is `target_in_days` from today (negative: past).
pub(super) struct Goal {
    pub description: &'static str,
    pub indicator: &'static str,
    pub target_in_days: i64,
}

/// Plan and contract (计划及合约).
pub(super) struct Plan {
    pub goals: &'static [Goal],
    pub services: &'static str,
    pub frequency: &'static str,
    /// Days ago the client agreed; `None` leaves the plan awaiting agreement.
    pub agreed_days_ago: Option<i64>,
}

/// One intervention session (介入).
pub(super) struct Session {
    pub days_ago: i64,
    pub minutes: i32,
    pub mode: SessionMode,
    pub participants: &'static str,
    pub notes: &'static str,
    pub services: &'static str,
}

/// Closure and evaluation (结案与评估), for a planned closure.
pub(super) struct Closure {
    /// One rating per goal, in plan order.
    pub attainment: &'static [i32],
    pub who5: i32,
    pub satisfaction: i32,
    pub summary: &'static str,
    pub follow_up: &'static str,
}

/// The type-specific details; the variant decides the case type.
pub(super) enum Details {
    Counselling {
        concern: CounsellingConcern,
        screening: &'static str,
        mode: SessionMode,
    },
    Mediation {
        parties: &'static str,
        conflict: &'static str,
        agreement: Option<bool>,
    },
    Labour {
        employer: &'static str,
        category: DisputeCategory,
        workers: i32,
        /// Fen.
        amount: Option<i64>,
        route: DisputeRoute,
        outcome: Option<&'static str>,
        /// Fen.
        recovered: Option<i64>,
    },
    Special {
        groups: &'static [SpecialGroup],
        needs: &'static [AssistanceNeed],
        resources: Option<&'static str>,
    },
}

/// A revision on the way, so that the transition log shows more than advances.
pub(super) enum Detour {
    /// On entering `at`, step back to the stage before, save its record again, return.
    StepBack { at: CaseStage, reason: &'static str },
    /// The supervisor returns the closure to intervention; one more session follows.
    SendBack {
        reason: &'static str,
        session: Session,
    },
}

/// One demo case: its records, and how far through the workflow it goes.
pub(super) struct CaseSeed {
    pub client: usize,
    /// Index into [`STAFF`]; never [`SUPERVISOR`].
    pub worker: usize,
    /// Where the case stays; with `close_early`, the stage it is closed from.
    pub stage: CaseStage,
    pub details: Details,
    pub intake: Intake,
    pub assessment: Option<Assessment>,
    pub plan: Option<Plan>,
    pub sessions: &'static [Session],
    pub closure: Option<Closure>,
    pub detour: Option<Detour>,
    /// Ends the case early from `stage`, with the reason given to the log.
    pub close_early: Option<(ClosureReason, &'static str)>,
}
