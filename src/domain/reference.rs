//! Human-readable case references such as `CW-2026-000123`.
//!
//! Staff quote references on the phone and on paper, so they are short, carry the
//! year the case was opened, and are unique in the installation. The number comes
//! from a per-year counter kept in the database.

use std::fmt;

/// A case reference: year plus a per-year sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseReference {
    /// The year the case was opened.
    pub year: i32,
    /// The case's number within that year, from 1.
    pub number: i64,
}

impl fmt::Display for CaseReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CW-{}-{:06}", self.year, self.number)
    }
}

impl std::str::FromStr for CaseReference {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let rest = s.strip_prefix("CW-").ok_or(())?;
        let (year, number) = rest.split_once('-').ok_or(())?;
        if year.len() != 4 || number.len() < 6 {
            return Err(());
        }
        Ok(CaseReference {
            year: year.parse().map_err(|_| ())?,
            number: number.parse().map_err(|_| ())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let r = CaseReference {
            year: 2026,
            number: 123,
        };
        assert_eq!(r.to_string(), "CW-2026-000123");
        assert_eq!("CW-2026-000123".parse(), Ok(r));
        assert_eq!(
            "CW-2026-1234567".parse::<CaseReference>().map(|r| r.number),
            Ok(1_234_567)
        );
        assert!("CW-26-000001".parse::<CaseReference>().is_err());
        assert!("XX-2026-000001".parse::<CaseReference>().is_err());
    }
}
