//! Supervision notes: a supervisor's comment on one record of a case.
//!
//! A note does not change the case's records, so it does not claim the case's
//! version: a worker typing a session log is not interrupted by a comment arriving
//! meanwhile. It is audited as a change to the case (the caller writes the entry
//! in the same transaction). Notes are append-only (triggers on both backends).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::cases::Case;
use crate::db::schema::{
    assessment_records, closure_records, contract_records, goals, intake_records, sessions,
    supervision_notes,
};
use crate::db::{DbConnection, StoreError, StoreResult, new_id};
use crate::domain::supervision::{MAX_NOTE_CHARS, NoteTarget};
use crate::domain::validation::Errors;

/// One stored note.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = supervision_notes)]
pub struct SupervisionNote {
    /// Id.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// The kind of record it is written on.
    pub target_kind: String,
    /// The record: a session's id, or the case's id for the one-per-case records.
    pub target_id: String,
    /// The supervisor who wrote it.
    pub author_id: String,
    /// What they wrote.
    pub body: String,
    /// When (UTC).
    pub created_at: NaiveDateTime,
}

impl SupervisionNote {
    /// The record kind as the domain knows it.
    pub fn target(&self) -> Option<NoteTarget> {
        self.target_kind.parse().ok()
    }
}

/// A note as sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// The kind of record (a [`NoteTarget`] code; an unknown one is a field error).
    pub target_kind: String,
    /// The session's id for a session; for the other records the case's own id,
    /// which may be left out.
    pub target_id: Option<String>,
    /// The comment.
    pub body: String,
}

/// Whether the record a note names exists on this case.
fn record_exists(
    conn: &mut DbConnection,
    case_id: &str,
    target: NoteTarget,
    id: &str,
) -> StoreResult<bool> {
    macro_rules! has {
        ($table:ident) => {{
            let n: i64 = $table::table
                .filter($table::case_id.eq(case_id))
                .count()
                .get_result(conn)?;
            n > 0
        }};
    }
    Ok(match target {
        NoteTarget::Session => {
            let n: i64 = sessions::table
                .filter(sessions::id.eq(id))
                .filter(sessions::case_id.eq(case_id))
                .count()
                .get_result(conn)?;
            n > 0
        }
        _ if id != case_id => false,
        NoteTarget::Intake => has!(intake_records),
        NoteTarget::Assessment => has!(assessment_records),
        NoteTarget::Contract => has!(contract_records) || has!(goals),
        NoteTarget::Closure => has!(closure_records),
    })
}

/// Stores a note on `case` by `author_id` (access already checked). Call inside a
/// write transaction.
pub fn add_note(
    conn: &mut DbConnection,
    case: &Case,
    input: NewNote,
    author_id: &str,
    at: NaiveDateTime,
) -> StoreResult<SupervisionNote> {
    let mut errors = Errors::default();
    let body = input.body.trim().to_owned();
    errors.required_text("note.body", &body, MAX_NOTE_CHARS);
    let Ok(target) = input.target_kind.parse::<NoteTarget>() else {
        errors.unknown("note.target_kind");
        errors.finish().map_err(StoreError::Invalid)?;
        return Err(StoreError::Invalid(Vec::new()));
    };
    let target_id = match (target.is_per_case(), input.target_id) {
        (true, None) => Some(case.id.clone()),
        (_, Some(id)) if !id.is_empty() && id.len() <= 64 => Some(id),
        _ => None,
    };
    let target_id = match target_id {
        Some(id) if record_exists(conn, &case.id, target, &id)? => id,
        _ => {
            errors.unknown("note.target_id");
            String::new()
        }
    };
    errors.finish().map_err(StoreError::Invalid)?;
    let note = SupervisionNote {
        id: new_id(),
        case_id: case.id.clone(),
        target_kind: target.as_str().to_owned(),
        target_id,
        author_id: author_id.to_owned(),
        body,
        created_at: at,
    };
    diesel::insert_into(supervision_notes::table)
        .values(&note)
        .execute(conn)?;
    Ok(note)
}

/// Every note of a case, oldest first (the reader's access filters them).
pub fn notes_of(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<SupervisionNote>> {
    Ok(supervision_notes::table
        .filter(supervision_notes::case_id.eq(case_id))
        .order((
            supervision_notes::created_at.asc(),
            supervision_notes::id.asc(),
        ))
        .select(SupervisionNote::as_select())
        .load(conn)?)
}
