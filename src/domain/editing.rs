//! Which parts of a case may be edited in which stage.
//!
//! A stage record belongs to its stage: revising an earlier stage means stepping
//! back to it, so that the transition log shows the revision. A closed case is
//! read-only. Type-specific details (employer, parties...) may be corrected in any
//! open stage.

use super::vocab::CaseStage;
use crate::code_enum;

code_enum! {
    /// An editable part of a case.
    pub enum Section {
        Details => "details",
        Intake => "intake",
        Assessment => "assessment",
        Contract => "contract",
        Sessions => "sessions",
        Closure => "closure",
        /// Referrals out (转介): made and followed up in any open stage.
        Referrals => "referrals",
        /// Who holds the case (transfers, reassignment): in any open stage.
        Assignment => "assignment",
    }
}

impl Section {
    /// The stages in which this section may change.
    pub fn editable_in(self) -> &'static [CaseStage] {
        use CaseStage::*;
        match self {
            Section::Details => &[Intake, Assessment, Contract, Intervention, Closure],
            Section::Intake => &[Intake],
            Section::Assessment => &[Assessment],
            Section::Contract => &[Contract],
            Section::Sessions => &[Intervention],
            Section::Closure => &[Closure],
            Section::Referrals | Section::Assignment => {
                &[Intake, Assessment, Contract, Intervention, Closure]
            }
        }
    }
}

/// An edit refused because of the case's stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRefusal {
    /// The case's stage.
    pub stage: CaseStage,
    /// What was to be edited.
    pub section: Section,
}

/// Whether a section may be edited while the case is in `stage`.
pub fn may_edit(stage: CaseStage, section: Section) -> Result<(), EditRefusal> {
    if section.editable_in().contains(&stage) {
        Ok(())
    } else {
        Err(EditRefusal { stage, section })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_cases_are_read_only() {
        for section in Section::ALL {
            assert!(may_edit(CaseStage::Closed, *section).is_err());
        }
        assert!(may_edit(CaseStage::Contract, Section::Details).is_ok());
        assert!(may_edit(CaseStage::Contract, Section::Intake).is_err());
        assert!(may_edit(CaseStage::Intervention, Section::Sessions).is_ok());
    }
}
