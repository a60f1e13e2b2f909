//! The installation's time zone: what "today" means and how times are shown.
//!
//! Timestamps are stored in UTC. Social workers think in local days: a session
//! held at 07:00 in Beijing happened "today", although it is still yesterday in
//! UTC. So every conversion between a stored instant and a calendar day goes
//! through this module: screens show local times, "not in the future" checks use
//! the local today, and date filters turn local days into UTC bounds.
//!
//! The zone is one setting for the whole installation (`--time-zone`, default
//! Asia/Shanghai), set once at start-up; several instances on one database must
//! be given the same value. It is process-wide rather than threaded through every
//! view because a view formatting a date has no other context to ask, and the
//! value never changes while the process runs.

use std::sync::OnceLock;

use chrono::{Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// Used when the installation names none: the product is built for unions in China.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Shanghai;

static ZONE: OnceLock<Tz> = OnceLock::new();

/// Sets the installation's zone. The first call wins; later calls with another
/// zone are refused, because times already shown would disagree.
pub fn set_zone(zone: Tz) -> Result<(), String> {
    let set = *ZONE.get_or_init(|| zone);
    if set == zone {
        Ok(())
    } else {
        Err(format!(
            "the time zone is already {set}, cannot change it to {zone}"
        ))
    }
}

/// The installation's zone.
pub fn zone() -> Tz {
    *ZONE.get().unwrap_or(&DEFAULT_ZONE)
}

/// A stored UTC instant as wall-clock time in the installation's zone.
pub fn to_local(utc: NaiveDateTime) -> NaiveDateTime {
    in_zone(zone(), utc)
}

/// The local calendar day of a stored UTC instant.
pub fn local_day(utc: NaiveDateTime) -> NaiveDate {
    to_local(utc).date()
}

/// The UTC instant at which a local calendar day begins (for date filters: a
/// case opened "on the 3rd" is opened in [start(3rd), start(4th)) ).
pub fn start_of_local_day(day: NaiveDate) -> NaiveDateTime {
    day_start_in(zone(), day)
}

/// The UTC instant at which the local day after `day` begins, if representable.
pub fn end_of_local_day(day: NaiveDate) -> Option<NaiveDateTime> {
    day.checked_add_days(Days::new(1)).map(start_of_local_day)
}

fn in_zone(zone: Tz, utc: NaiveDateTime) -> NaiveDateTime {
    zone.from_utc_datetime(&utc).naive_local()
}

fn day_start_in(zone: Tz, day: NaiveDate) -> NaiveDateTime {
    let midnight = day.and_time(NaiveTime::MIN);
    match zone.from_local_datetime(&midnight) {
        LocalResult::Single(t) => t.naive_utc(),
        LocalResult::Ambiguous(earliest, _) => earliest.naive_utc(),
        // Midnight skipped by a daylight-saving change: the day starts an hour later.
        LocalResult::None => zone
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map_or(midnight, |t| t.naive_utc()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn early_morning_in_beijing_is_the_next_day() {
        let utc = at("2026-11-22 23:30");
        assert_eq!(
            in_zone(DEFAULT_ZONE, utc),
            at("2026-11-23 07:30"),
            "UTC+8 without daylight saving"
        );
    }

    #[test]
    fn a_local_day_starts_at_local_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(day_start_in(DEFAULT_ZONE, day), at("2026-11-22 16:00"));
        assert_eq!(day_start_in(chrono_tz::UTC, day), at("2026-11-23 00:00"));
    }

    #[test]
    fn a_skipped_midnight_starts_the_day_an_hour_later() {
        // Havana moves its clocks at midnight: 2026-03-08 00:00 does not exist there.
        let day = NaiveDate::from_ymd_opt(2026, 3, 8).expect("date");
        let start = day_start_in(chrono_tz::America::Havana, day);
        assert_eq!(
            in_zone(chrono_tz::America::Havana, start),
            at("2026-03-08 01:00")
        );
    }

    #[test]
    fn the_first_zone_set_stays() {
        // Tests share the process: whatever zone is set, setting the same again is fine
        // and setting another is refused.
        let current = zone();
        let _ = set_zone(current);
        assert_eq!(set_zone(zone()), Ok(()));
        let other = if zone() == chrono_tz::UTC {
            DEFAULT_ZONE
        } else {
            chrono_tz::UTC
        };
        assert!(set_zone(other).is_err());
    }
}
