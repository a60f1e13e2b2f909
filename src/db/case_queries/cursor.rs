//! The case list's orders and the cursor that carries a page's position in the
//! URL: the sort key and id of the last row shown.

use chrono::{DateTime, Datelike, NaiveDateTime};

use super::list::CaseRow;
use super::risk_rank;

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Last change first (the default).
    #[default]
    Updated,
    /// Most recently opened first.
    Opened,
    /// By reference, oldest number first.
    Reference,
    /// Critical, high, medium, low, not assessed; last change first within each.
    Risk,
}

impl SortKey {
    /// Every order, as offered on the screen.
    pub const ALL: [SortKey; 4] = [
        SortKey::Updated,
        SortKey::Opened,
        SortKey::Reference,
        SortKey::Risk,
    ];

    /// The code used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Updated => "updated",
            SortKey::Opened => "opened",
            SortKey::Reference => "reference",
            SortKey::Risk => "risk",
        }
    }

    /// Reads a URL code.
    pub fn parse(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// Where the next page starts: the sort key and id of the last row shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// For [`SortKey::Updated`] and [`SortKey::Opened`]: that row's time and id.
    Time {
        /// Last change or opening time of the row.
        at: NaiveDateTime,
        /// Its id, which breaks ties between equal times.
        id: String,
    },
    /// For [`SortKey::Reference`]: the reference (unique on its own).
    Reference(String),
    /// For [`SortKey::Risk`]: the row's risk rank, last change and id.
    Risk {
        /// See [`super::risk_rank`].
        rank: u8,
        /// Last change.
        at: NaiveDateTime,
        /// Id.
        id: String,
    },
}

impl Cursor {
    /// The cursor that continues after `row` in `sort` order.
    pub fn after(sort: SortKey, row: &CaseRow) -> Cursor {
        match sort {
            SortKey::Updated => Cursor::Time {
                at: row.updated_at,
                id: row.id.clone(),
            },
            SortKey::Opened => Cursor::Time {
                at: row.opened_at,
                id: row.id.clone(),
            },
            SortKey::Reference => Cursor::Reference(row.reference.clone()),
            SortKey::Risk => Cursor::Risk {
                rank: risk_rank(row.risk_level.as_deref()),
                at: row.updated_at,
                id: row.id.clone(),
            },
        }
    }

    /// The text carried in the URL's `after` parameter: `MICROS~ID`,
    /// `RANK~MICROS~ID` or the reference. Times are microseconds since 1970 (UTC),
    /// which is exactly what is stored, so no row is skipped or repeated.
    pub fn encode(&self) -> String {
        let micros = |at: &NaiveDateTime| at.and_utc().timestamp_micros();
        match self {
            Cursor::Time { at, id } => format!("{}~{id}", micros(at)),
            Cursor::Reference(reference) => reference.clone(),
            Cursor::Risk { rank, at, id } => format!("{rank}~{}~{id}", micros(at)),
        }
    }

    /// Reads a cursor for `sort`; `None` when it cannot have come from this list
    /// (wrong shape, a time outside 2000-2200, an id that is not a UUID).
    pub fn decode(sort: SortKey, text: &str) -> Option<Cursor> {
        if text.len() > 80 {
            return None;
        }
        match sort {
            SortKey::Updated | SortKey::Opened => {
                let (micros, id) = text.split_once('~')?;
                Some(Cursor::Time {
                    at: time_of(micros)?,
                    id: uuid_of(id)?,
                })
            }
            SortKey::Reference => text
                .parse::<crate::domain::reference::CaseReference>()
                .ok()
                .map(|_| Cursor::Reference(text.to_owned())),
            SortKey::Risk => {
                let mut parts = text.splitn(3, '~');
                let rank: u8 = parts.next()?.parse().ok().filter(|r| *r <= 4)?;
                Some(Cursor::Risk {
                    rank,
                    at: time_of(parts.next()?)?,
                    id: uuid_of(parts.next()?)?,
                })
            }
        }
    }
}

fn time_of(micros: &str) -> Option<NaiveDateTime> {
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    (2000..=2200).contains(&at.year()).then_some(at)
}

fn uuid_of(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text).ok().map(|u| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn cursors_round_trip_and_refuse_nonsense() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_micro_opt(10, 15, 30, 123_456)
            .unwrap();
        let id = "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab".to_owned();
        let time = Cursor::Time { at, id: id.clone() };
        assert_eq!(
            Cursor::decode(SortKey::Updated, &time.encode()),
            Some(time.clone())
        );
        let risk = Cursor::Risk { rank: 3, at, id };
        assert_eq!(Cursor::decode(SortKey::Risk, &risk.encode()), Some(risk));
        let reference = Cursor::Reference("CW-2026-000123".into());
        assert_eq!(
            Cursor::decode(SortKey::Reference, &reference.encode()),
            Some(reference)
        );
        for bad in [
            "",
            "abc",
            "99999999999999999999~x",
            "1~6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab",
            "1795000000000000~not-a-uuid",
        ] {
            assert_eq!(Cursor::decode(SortKey::Updated, bad), None, "{bad}");
        }
        assert_eq!(Cursor::decode(SortKey::Risk, &time.encode()), None);
        assert_eq!(Cursor::decode(SortKey::Reference, "CW-2026-1%"), None);
    }

    #[test]
    fn sort_codes_round_trip() {
        for key in SortKey::ALL {
            assert_eq!(SortKey::parse(key.as_str()), Some(key));
        }
        assert_eq!(SortKey::parse("Updated"), None);
    }
}
