//! The five WHO-5 answers behind a score saved from the case page's form.
//!
//! Only the score is part of the record (and of the JSON API); the answers are
//! kept beside it so that the form can show them again. They are written in the
//! transaction of the save, and read back only when they still give the stored
//! score: a score changed through the API leaves the old answers unshown.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::who5_answers;
use crate::db::{DbConnection, StoreResult};

/// Which score the answers are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// The assessment's baseline.
    Baseline,
    /// The closure's closing score.
    Closing,
}

impl Occasion {
    fn code(self) -> &'static str {
        match self {
            Occasion::Baseline => "baseline",
            Occasion::Closing => "closing",
        }
    }
}

/// The score five answers give (raw sum × 4).
pub fn score(answers: [u8; 5]) -> i32 {
    answers.iter().map(|a| i32::from(*a)).sum::<i32>() * 4
}

/// Replaces the stored answers of `case_id` for `occasion`, in the caller's transaction.
pub fn save(
    conn: &mut DbConnection,
    case_id: &str,
    occasion: Occasion,
    answers: [u8; 5],
    at: NaiveDateTime,
) -> StoreResult<()> {
    let text = answers.map(|a| a.to_string()).join(",");
    diesel::delete(
        who5_answers::table
            .filter(who5_answers::case_id.eq(case_id))
            .filter(who5_answers::occasion.eq(occasion.code())),
    )
    .execute(conn)?;
    diesel::insert_into(who5_answers::table)
        .values((
            who5_answers::case_id.eq(case_id),
            who5_answers::occasion.eq(occasion.code()),
            who5_answers::answers.eq(text),
            who5_answers::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The stored answers for `occasion`, if they still give `stored_score`.
pub fn answers_for(
    conn: &mut DbConnection,
    case_id: &str,
    occasion: Occasion,
    stored_score: Option<i32>,
) -> StoreResult<Option<[u8; 5]>> {
    let Some(stored_score) = stored_score else {
        return Ok(None);
    };
    let text: Option<String> = who5_answers::table
        .filter(who5_answers::case_id.eq(case_id))
        .filter(who5_answers::occasion.eq(occasion.code()))
        .select(who5_answers::answers)
        .first(conn)
        .optional()?;
    Ok(text
        .and_then(|t| parse(&t))
        .filter(|a| score(*a) == stored_score))
}

fn parse(text: &str) -> Option<[u8; 5]> {
    let read: Vec<u8> = text
        .split(',')
        .map(|a| a.parse().ok().filter(|n| *n <= 5))
        .collect::<Option<_>>()?;
    read.try_into().ok()
}
