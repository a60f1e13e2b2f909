//! The vocabularies of casework, each stored as a text code.
//!
//! Codes are English and stable; what users read comes from the locale files
//! under keys derived from these codes (`stage-intake`, `case-type-counselling`...).

use crate::code_enum;

code_enum! {
    /// Where a case stands in the casework process (接案 → 预估 → 计划及合约 → 介入 → 结案与评估).
    pub enum CaseStage {
        Intake => "intake",
        Assessment => "assessment",
        Contract => "contract",
        Intervention => "intervention",
        Closure => "closure",
        Closed => "closed",
    }
}

impl CaseStage {
    /// A closed case is read-only until a supervisor reopens it.
    pub fn is_open(self) -> bool {
        self != CaseStage::Closed
    }
}

code_enum! {
    /// The four fields of union social work the product serves.
    pub enum CaseType {
        Counselling => "counselling",
        FamilyMediation => "family_mediation",
        LabourDispute => "labour_dispute",
        SpecialGroup => "special_group",
    }
}

code_enum! {
    /// What a user does here; decides which transitions they may perform.
    pub enum Role {
        SocialWorker => "social_worker",
        Supervisor => "supervisor",
        UnionOfficer => "union_officer",
        Administrator => "administrator",
    }
}

code_enum! {
    /// Union levels and service agencies; unions form a hierarchy.
    pub enum OrganisationKind {
        NationalUnion => "national_union",
        ProvincialUnion => "provincial_union",
        CityUnion => "city_union",
        DistrictUnion => "district_union",
        GrassrootsUnion => "grassroots_union",
        Agency => "agency",
    }
}

code_enum! {
    /// The client's gender as they state it.
    pub enum Gender {
        Female => "female",
        Male => "male",
        Other => "other",
        Undisclosed => "undisclosed",
    }
}

code_enum! {
    /// Special-group categories a client may belong to (several at once).
    pub enum SpecialGroup {
        MigrantWorker => "migrant_worker",
        WomenFourPeriods => "women_four_periods",
        EconomicHardship => "economic_hardship",
        Disability => "disability",
        LowSkills => "low_skills",
        Unemployed => "unemployed",
    }
}

code_enum! {
    /// How the case reached the service.
    pub enum IntakeChannel {
        UnionReferral => "union_referral",
        SelfReferralOnline => "self_referral_online",
        Hotline => "hotline",
        WalkIn => "walk_in",
        OutreachScreening => "outreach_screening",
    }
}

code_enum! {
    /// How soon the client needs a response.
    pub enum Urgency {
        Routine => "routine",
        Soon => "soon",
        Urgent => "urgent",
        Emergency => "emergency",
    }
}

impl Urgency {
    /// Most urgent highest: the intake queue's order (stored as
    /// `referrals.urgency_rank`, so the database can sort and page by it).
    pub fn rank(self) -> i32 {
        match self {
            Urgency::Routine => 0,
            Urgency::Soon => 1,
            Urgency::Urgent => 2,
            Urgency::Emergency => 3,
        }
    }
}

code_enum! {
    /// Assessed risk, drives alerts and supervision.
    pub enum RiskLevel {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

code_enum! {
    /// How a session took place.
    pub enum SessionMode {
        FaceToFace => "face_to_face",
        Phone => "phone",
        Online => "online",
        HomeVisit => "home_visit",
        Group => "group",
    }
}

code_enum! {
    /// How far a session moved the client towards one goal of the plan.
    pub enum GoalProgress {
        Worse => "worse",
        NoChange => "no_change",
        Some => "some",
        Good => "good",
        Achieved => "achieved",
    }
}

code_enum! {
    /// Why a case ended: the first is a planned closure, the rest end it early.
    pub enum ClosureReason {
        GoalsAchieved => "goals_achieved",
        ServiceDeclined => "service_declined",
        ReferredOut => "referred_out",
        ClientUnreachable => "client_unreachable",
        MovedAway => "moved_away",
        Other => "other",
    }
}

impl ClosureReason {
    /// Reasons that may end a case early, outside the planned closure.
    pub fn is_early(self) -> bool {
        self != ClosureReason::GoalsAchieved
    }
}

code_enum! {
    /// What brings a client to counselling.
    pub enum CounsellingConcern {
        Stress => "stress",
        Anxiety => "anxiety",
        Grief => "grief",
        Trauma => "trauma",
        WorkPressure => "work_pressure",
        Other => "other",
    }
}

code_enum! {
    /// The kind of labour dispute.
    pub enum DisputeCategory {
        WageArrears => "wage_arrears",
        Contract => "contract",
        Dismissal => "dismissal",
        WorkInjury => "work_injury",
        SocialInsurance => "social_insurance",
        WorkingHours => "working_hours",
        Collective => "collective",
    }
}

code_enum! {
    /// How a labour dispute is being resolved.
    pub enum DisputeRoute {
        Consultation => "consultation",
        Mediation => "mediation",
        Arbitration => "arbitration",
        Litigation => "litigation",
    }
}

code_enum! {
    /// What a special-group client needs.
    pub enum AssistanceNeed {
        Jobs => "jobs",
        Training => "training",
        FinancialAid => "financial_aid",
        Medical => "medical",
        Childcare => "childcare",
    }
}

/// Parses a comma-separated list of codes (how multi-valued vocabularies are stored).
pub fn parse_code_list<T: std::str::FromStr>(text: &str) -> Result<Vec<T>, T::Err> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect()
}

/// Joins codes for storage; the inverse of [`parse_code_list`].
pub fn join_codes<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in CaseStage::ALL {
            assert_eq!(s.as_str().parse::<CaseStage>().unwrap(), *s);
        }
        assert!("Intake".parse::<CaseStage>().is_err());
        let groups: Vec<SpecialGroup> = parse_code_list("migrant_worker, disability").unwrap();
        assert_eq!(
            groups,
            vec![SpecialGroup::MigrantWorker, SpecialGroup::Disability]
        );
        assert_eq!(join_codes(&groups), "migrant_worker,disability");
        assert!(parse_code_list::<SpecialGroup>("migrant_worker,nope").is_err());
    }
}
