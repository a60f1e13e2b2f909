//! One-time tokens of the forms that create something (a new case, a
//! supervision note).
//!
//! A form carries a random token made when it was rendered; the write that acts
//! on it records the token with where the answer sent the user, in the same
//! transaction. The same form posted again (a double click, a reload of a slow
//! answer, a browser retry) finds the record and gets the same answer, so it
//! cannot open a second case or register a second client. Tokens are kept per
//! user: another user's token is simply unknown.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::form_submissions;
use crate::db::{DbConnection, StoreError, StoreResult};

/// Longest token accepted; the forms send 32 hex digits.
const MAX_TOKEN_CHARS: usize = 64;

/// What a form created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionKind {
    /// `POST /cases/new`.
    NewCase,
    /// `POST /cases/{id}/notes`.
    SupervisionNote,
}

impl SubmissionKind {
    fn code(self) -> &'static str {
        match self {
            SubmissionKind::NewCase => "new_case",
            SubmissionKind::SupervisionNote => "supervision_note",
        }
    }
}

/// A fresh token for a form being rendered.
pub fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The token a form sent, if it looks like one. A missing or malformed token
/// means the form is not protected against replay (the JSON API, old pages),
/// never a refusal.
pub fn sent_token(sent: &str) -> Option<String> {
    let sent = sent.trim();
    (!sent.is_empty()
        && sent.len() <= MAX_TOKEN_CHARS
        && sent.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    .then(|| sent.to_owned())
}

/// Where the first POST with this token (by this user, of this kind) sent them.
pub fn answered(
    conn: &mut DbConnection,
    token: &str,
    user_id: &str,
    kind: SubmissionKind,
) -> StoreResult<Option<String>> {
    Ok(form_submissions::table
        .filter(form_submissions::token.eq(token))
        .filter(form_submissions::user_id.eq(user_id))
        .filter(form_submissions::kind.eq(kind.code()))
        .select(form_submissions::location)
        .first::<String>(conn)
        .optional()?)
}

/// Records the answer to a token's first POST, in the caller's transaction. Two
/// concurrent POSTs of one token cannot both commit: the second fails on the
/// primary key with [`StoreError::StateConflict`]`("submission_replayed")`, and
/// its caller then looks up [`answered`] again once the first has committed.
pub fn record(
    conn: &mut DbConnection,
    token: &str,
    user_id: &str,
    kind: SubmissionKind,
    created_id: &str,
    location: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    let inserted = diesel::insert_into(form_submissions::table)
        .values((
            form_submissions::token.eq(token),
            form_submissions::user_id.eq(user_id),
            form_submissions::kind.eq(kind.code()),
            form_submissions::created_id.eq(created_id),
            form_submissions::location.eq(location),
            form_submissions::created_at.eq(at),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(()),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(StoreError::StateConflict("submission_replayed")),
        Err(e) => Err(e.into()),
    }
}
