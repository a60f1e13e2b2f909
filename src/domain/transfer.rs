//! Handing a case to another worker or agency.
//!
//! A transfer is asked for by the case's worker or supervisor with a reason and
//! waits for the receiving side to accept or decline it; a supervisor may also
//! reassign a case within their teams at once. Which team the case lands in is
//! decided here, from facts the database layer gathers. Nothing here touches the
//! database.

use serde::Deserialize;

use super::validation::{Errors, FieldError, Problem, clean};
use crate::code_enum;

code_enum! {
    /// Where a transfer stands.
    pub enum TransferStatus {
        /// Waiting for the receiving side.
        Pending => "pending",
        /// The receiving side took the case.
        Accepted => "accepted",
        /// The receiving side declined it.
        Declined => "declined",
        /// The requesting side withdrew it.
        Cancelled => "cancelled",
    }
}

code_enum! {
    /// What kind of hand-over a row records.
    pub enum TransferKind {
        /// Asked for, then accepted or declined by the receiving side.
        Transfer => "transfer",
        /// A supervisor's direct reassignment within their teams.
        Reassignment => "reassignment",
    }
}

/// Most characters in a reason or a decision note.
pub const REASON_MAX: usize = 2000;

/// A request to transfer a case. Without an agency, the case's own agency is
/// meant (and a worker must be named); without a worker, the receiving agency's
/// supervisors decide.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TransferRequestInput {
    /// The receiving agency.
    pub to_organisation_id: Option<String>,
    /// The receiving worker.
    pub to_worker_id: Option<String>,
    /// Why the case should change hands.
    pub reason: String,
}

impl TransferRequestInput {
    /// Checks the reason and trims the ids.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.to_organisation_id = clean(self.to_organisation_id.take());
        self.to_worker_id = clean(self.to_worker_id.take());
        self.reason = self.reason.trim().to_owned();
        e.required_text("transfer.reason", &self.reason, REASON_MAX);
        e.finish()
    }
}

/// The receiving side's acceptance. For a transfer to an agency without a named
/// worker, the accepting supervisor may name the worker (default: themselves);
/// the team may be chosen among the new worker's teams.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TransferAcceptInput {
    /// Who will hold the case (agency transfers only).
    pub worker_id: Option<String>,
    /// Which team it joins.
    pub team_id: Option<String>,
    /// A note for the requesting side.
    pub note: Option<String>,
}

impl TransferAcceptInput {
    /// Trims the fields and checks the note's length.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.worker_id = clean(self.worker_id.take());
        self.team_id = clean(self.team_id.take());
        self.note = clean(self.note.take());
        e.text("transfer.note", &self.note, REASON_MAX);
        e.finish()
    }
}

/// A decision note that must be given (declining) or may be given (withdrawing).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TransferNoteInput {
    /// The note.
    pub note: Option<String>,
}

impl TransferNoteInput {
    /// Checks the note; `required` when the other side must learn why.
    pub fn validate(&mut self, required: bool) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.note = clean(self.note.take());
        if required && self.note.is_none() {
            e.problem("transfer.note", Problem::Required);
        }
        e.text("transfer.note", &self.note, REASON_MAX);
        e.finish()
    }
}

/// A supervisor's direct reassignment of a case within their teams.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReassignInput {
    /// The new worker.
    pub worker_id: String,
    /// The team the case goes to (default: its own team if the worker is in it,
    /// else the worker's first team among the supervisor's).
    pub team_id: Option<String>,
    /// Why.
    pub reason: String,
}

impl ReassignInput {
    /// Checks the worker and the reason.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.worker_id = self.worker_id.trim().to_owned();
        self.team_id = clean(self.team_id.take());
        self.reason = self.reason.trim().to_owned();
        if self.worker_id.is_empty() {
            e.problem("transfer.worker_id", Problem::Required);
        }
        e.required_text("transfer.reason", &self.reason, REASON_MAX);
        e.finish()
    }
}

/// The team a case joins when a transfer is accepted.
///
/// - a team asked for must belong to the receiving agency and, when the new
///   worker has teams, be one of theirs;
/// - otherwise a case that stays in its agency keeps its team if the new worker
///   is in it (or has no team at all);
/// - otherwise it joins the new worker's first team, or none.
pub fn team_on_accept(
    requested: Option<&str>,
    current: Option<&str>,
    same_agency: bool,
    worker_teams: &[String],
    agency_teams: &[String],
) -> Result<Option<String>, FieldError> {
    let member = |t: &str| worker_teams.iter().any(|w| w == t);
    if let Some(t) = requested {
        let ok = agency_teams.iter().any(|a| a == t) && (worker_teams.is_empty() || member(t));
        return if ok {
            Ok(Some(t.to_owned()))
        } else {
            Err(unknown("transfer.team_id"))
        };
    }
    if same_agency
        && let Some(c) = current
        && (worker_teams.is_empty() || member(c))
    {
        return Ok(Some(c.to_owned()));
    }
    Ok(worker_teams.first().cloned())
}

/// The team a case goes to on a supervisor's direct reassignment: always one of
/// the supervisor's teams that the new worker belongs to ("within a team").
pub fn team_on_reassign(
    requested: Option<&str>,
    current: Option<&str>,
    supervisor_teams: &[String],
    worker_teams: &[String],
) -> Result<String, FieldError> {
    let shared =
        |t: &str| supervisor_teams.iter().any(|s| s == t) && worker_teams.iter().any(|w| w == t);
    if let Some(t) = requested {
        return if shared(t) {
            Ok(t.to_owned())
        } else {
            Err(unknown("transfer.team_id"))
        };
    }
    if let Some(c) = current.filter(|c| shared(c)) {
        return Ok(c.to_owned());
    }
    worker_teams
        .iter()
        .find(|t| shared(t))
        .cloned()
        .ok_or_else(|| unknown("transfer.worker_id"))
}

fn unknown(field: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        problem: Problem::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn accepted_cases_keep_their_team_when_they_can() {
        let agency = v(&["t1", "t2", "t3"]);
        // Same agency, the new worker is in the case's team: it stays.
        assert_eq!(
            team_on_accept(None, Some("t1"), true, &v(&["t2", "t1"]), &agency),
            Ok(Some("t1".into()))
        );
        // Same agency, the new worker is elsewhere: their first team.
        assert_eq!(
            team_on_accept(None, Some("t1"), true, &v(&["t2"]), &agency),
            Ok(Some("t2".into()))
        );
        // Same agency, a worker without a team: the case keeps its team.
        assert_eq!(
            team_on_accept(None, Some("t1"), true, &[], &agency),
            Ok(Some("t1".into()))
        );
        // Another agency: the old team means nothing there.
        assert_eq!(
            team_on_accept(None, Some("t1"), false, &[], &agency),
            Ok(None)
        );
        assert_eq!(
            team_on_accept(Some("t3"), None, false, &v(&["t3"]), &agency),
            Ok(Some("t3".into()))
        );
        // A team of another agency, or not the worker's.
        assert_eq!(
            team_on_accept(Some("x"), None, false, &[], &agency)
                .expect_err("foreign team")
                .field,
            "transfer.team_id"
        );
        assert!(team_on_accept(Some("t3"), None, true, &v(&["t2"]), &agency).is_err());
    }

    #[test]
    fn reassignment_stays_within_the_supervisors_teams() {
        let mine = v(&["t1", "t2"]);
        assert_eq!(
            team_on_reassign(None, Some("t1"), &mine, &v(&["t1"])),
            Ok("t1".into())
        );
        assert_eq!(
            team_on_reassign(None, Some("t1"), &mine, &v(&["t9", "t2"])),
            Ok("t2".into())
        );
        assert_eq!(
            team_on_reassign(None, None, &mine, &v(&["t9"]))
                .expect_err("not in my teams")
                .field,
            "transfer.worker_id"
        );
        assert_eq!(
            team_on_reassign(Some("t2"), Some("t1"), &mine, &v(&["t1", "t2"])),
            Ok("t2".into())
        );
        assert!(team_on_reassign(Some("t9"), None, &mine, &v(&["t9"])).is_err());
    }

    #[test]
    fn inputs_need_their_reasons() {
        let mut request = TransferRequestInput {
            to_worker_id: Some(" ".into()),
            ..TransferRequestInput::default()
        };
        assert_eq!(
            request.validate().expect_err("no reason")[0].field,
            "transfer.reason"
        );
        assert_eq!(request.to_worker_id, None);
        let mut decline = TransferNoteInput::default();
        assert!(decline.validate(true).is_err());
        assert!(decline.validate(false).is_ok());
        let mut reassign = ReassignInput::default();
        assert_eq!(reassign.validate().expect_err("empty").len(), 2);
    }
}
