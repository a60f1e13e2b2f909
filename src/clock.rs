//! The time, injectable so that tests can move it (session expiry, throttling).

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDateTime};

/// Where "now" comes from.
#[derive(Clone)]
pub enum Clock {
    /// The system clock (UTC).
    System,
    /// A clock that only moves when told to.
    Manual(Arc<Mutex<NaiveDateTime>>),
}

impl Clock {
    /// A manual clock starting at the current time.
    pub fn manual() -> Clock {
        Clock::Manual(Arc::new(Mutex::new(crate::db::now())))
    }

    /// The current time, UTC, microsecond precision.
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => crate::db::now(),
            Clock::Manual(t) => *t.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Moves a manual clock forward; does nothing to the system clock.
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(t) = self {
            let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
            *t += by;
        }
    }
}
