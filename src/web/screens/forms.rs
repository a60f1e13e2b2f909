//! Reading the case page's forms into the domain's inputs.
//!
//! Everything arrives as text. Blank text fields become `None`; a number, date or
//! amount that does not read becomes a field error on that field, so that an
//! ordinary typing mistake gets a message beside the field rather than a 400.
//! When anything fails to read, the domain's own validation still runs on the
//! rest, so the user sees every problem at once.

pub mod diff;
pub mod fill;
mod parse;

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use chrono::NaiveDate;

pub use self::parse::{Parsed, ParsedForm, parse, transition_of};
use crate::domain::validation::{Errors, Problem, clean};
use crate::error::AppError;
use crate::views::stage_forms::FormValues;

/// Most fields one form may send. The largest form (a plan of 20 goals) sends
/// about 120; the bound keeps every lookup in a form cheap, whatever is sent.
pub const MAX_FIELDS: usize = 1000;

/// Reads an urlencoded body. Called only after access was checked, so that a
/// refused request is refused before its body is looked at.
pub async fn read_form(req: Request) -> Result<FormValues, AppError> {
    match axum::Form::<Vec<(String, String)>>::from_request(req, &()).await {
        Ok(axum::Form(pairs)) if pairs.len() > MAX_FIELDS => Err(AppError::BadRequest(format!(
            "more than {MAX_FIELDS} fields"
        ))),
        Ok(axum::Form(pairs)) => Ok(FormValues::from_pairs(pairs)),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Err(AppError::PayloadTooLarge)
        }
        Err(rejection) => Err(AppError::BadRequest(rejection.body_text())),
    }
}

/// Reads a form body (after access was checked) and checks its CSRF token: what
/// every screen's POST handler does before it looks at a field.
pub async fn read_checked_form(
    state: &crate::web::AppState,
    who: &crate::access::Principal,
    req: Request,
) -> Result<FormValues, AppError> {
    let values = read_form(req).await?;
    who.check_csrf(state, values.get("csrf_token")).await?;
    Ok(values)
}

/// Full-width digits and punctuation, as Chinese input methods type them, read as ASCII.
fn normalise(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            _ => c,
        })
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥'))
        .collect()
}

/// Reads typed values field by field, collecting problems.
pub(crate) struct Reader<'a> {
    /// The form.
    pub values: &'a FormValues,
    /// Problems found so far.
    pub errors: Errors,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(values: &'a FormValues) -> Self {
        Reader {
            values,
            errors: Errors::default(),
        }
    }

    /// A text; blank is `None`.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        clean(Some(self.values.get(name).to_owned()))
    }

    /// A ticked checkbox.
    pub(crate) fn checked(&self, name: &str) -> bool {
        self.values.checked(name)
    }

    /// A vocabulary code; blank is `None`, anything else unknown is an error.
    pub(crate) fn code<T: std::str::FromStr>(&mut self, name: &str, field: &str) -> Option<T> {
        let raw = self.values.get(name).trim();
        if raw.is_empty() {
            return None;
        }
        raw.parse().map_err(|_| self.errors.unknown(field)).ok()
    }

    /// A whole number within `min..=max`; blank is `None`.
    pub(crate) fn number(&mut self, name: &str, field: &str, min: i64, max: i64) -> Option<i32> {
        let raw = normalise(self.values.get(name));
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => i32::try_from(n).ok(),
            _ => {
                self.errors.problem(field, Problem::OutOfRange { min, max });
                None
            }
        }
    }

    /// A date as date inputs send it (2026-03-01); blank is `None`.
    pub(crate) fn date(&mut self, name: &str, field: &str) -> Option<NaiveDate> {
        let raw = self.values.get(name).trim();
        if raw.is_empty() {
            return None;
        }
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| self.errors.unknown(field))
            .ok()
    }

    /// An amount in yuan with at most two decimals, as fen; blank is `None`.
    pub(crate) fn yuan(&mut self, name: &str, field: &str) -> Option<i64> {
        let raw = normalise(self.values.get(name));
        if raw.is_empty() {
            return None;
        }
        let fen = yuan_to_fen(&raw);
        if fen.is_none() {
            self.errors.unknown(field);
        }
        fen
    }

    /// The WHO-5 score from the five answers `prefix.1`..`prefix.5` (each 0-5):
    /// the raw sum × 4. Some but not all answers, or an answer outside 0-5, is an
    /// error on `items_field`. No answer at all means "keep the stored score",
    /// which the caller reads from the database: a score is never taken from the
    /// browser, only computed from the answers.
    pub(crate) fn who5(&mut self, prefix: &str, items_field: &str) -> Who5 {
        let answers: Vec<&str> = (1..=5)
            .map(|n| self.values.get(&format!("{prefix}.{n}")).trim())
            .collect();
        if answers.iter().all(|a| a.is_empty()) {
            return Who5::Unanswered;
        }
        if answers.iter().any(|a| a.is_empty()) {
            self.errors.problem(items_field, Problem::Required);
            return Who5::Refused;
        }
        let mut given = [0u8; 5];
        for (slot, a) in given.iter_mut().zip(answers) {
            match normalise(a).parse::<u8>() {
                Ok(n) if n <= 5 => *slot = n,
                Ok(_) => {
                    let range = Problem::OutOfRange { min: 0, max: 5 };
                    self.errors.problem(items_field, range);
                    return Who5::Refused;
                }
                Err(_) => {
                    self.errors.unknown(items_field);
                    return Who5::Refused;
                }
            }
        }
        Who5::Answered(given)
    }
}

/// What a form's WHO-5 questions say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who5 {
    /// Not answered: the stored score stays as it is.
    Unanswered,
    /// All five answered (each 0-5).
    Answered([u8; 5]),
    /// Answered in part or out of range (an error was recorded).
    Refused,
}

impl Who5 {
    /// The score the answers give, if they give one.
    pub fn score(self) -> Option<i32> {
        self.answers().map(crate::db::who5::score)
    }

    /// The five answers, if all were given.
    pub fn answers(self) -> Option<[u8; 5]> {
        match self {
            Who5::Answered(a) => Some(a),
            _ => None,
        }
    }
}

/// "1234.5" → 123450 fen; more than two decimals, signs or letters → `None`.
pub fn yuan_to_fen(text: &str) -> Option<i64> {
    let (whole, part) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && part.is_empty()
        || !digits(whole)
        || !digits(part)
        || part.len() > 2
        || whole.len() > 15
    {
        return None;
    }
    let yuan: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: i64 = format!("{part:0<2}").parse().ok()?;
    yuan.checked_mul(100)?.checked_add(cents)
}

/// 123450 fen → "1234.50", as a form field shows an amount.
pub fn fen_to_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", fen / 100, fen % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_yuan() {
        assert_eq!(yuan_to_fen("12"), Some(1200));
        assert_eq!(yuan_to_fen("12.3"), Some(1230));
        assert_eq!(yuan_to_fen("0.05"), Some(5));
        assert_eq!(yuan_to_fen(".5"), Some(50));
        assert_eq!(yuan_to_fen("12.345"), None);
        assert_eq!(yuan_to_fen("-3"), None);
        assert_eq!(yuan_to_fen("abc"), None);
        assert_eq!(yuan_to_fen("."), None);
        assert_eq!(normalise(" ¥１２,３４５．６ "), "12345.6");
        assert_eq!(fen_to_yuan(36_000_050), "360000.50");
    }

    #[test]
    fn who5_needs_all_five_or_none() {
        let form = |pairs: &[(&str, &str)]| {
            FormValues::from_pairs(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            )
        };
        let full = form(&[
            ("w.1", "5"),
            ("w.2", "4"),
            ("w.3", "3"),
            ("w.4", "2"),
            ("w.5", "1"),
        ]);
        let mut r = Reader::new(&full);
        assert_eq!(r.who5("w", "x"), Who5::Answered([5, 4, 3, 2, 1]));
        assert_eq!(Who5::Answered([5, 4, 3, 2, 1]).score(), Some(60));
        // A score sent by the browser is not a score: the stored one is kept.
        let saved = form(&[("w_saved", "36")]);
        assert_eq!(Reader::new(&saved).who5("w", "x"), Who5::Unanswered);
        let partial = form(&[("w.1", "5"), ("w_saved", "36")]);
        let mut r = Reader::new(&partial);
        assert_eq!(r.who5("w", "x"), Who5::Refused);
        assert!(r.errors.finish().is_err());
        let high = form(&[
            ("w.1", "6"),
            ("w.2", "0"),
            ("w.3", "0"),
            ("w.4", "0"),
            ("w.5", "0"),
        ]);
        let mut r = Reader::new(&high);
        assert_eq!(r.who5("w", "x"), Who5::Refused);
        assert!(r.errors.finish().is_err());
    }
}
