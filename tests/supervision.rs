//! Supervision through HTTP, on SQLite and (when configured) PostgreSQL:
//! plan and closure approval per case type, the approvals queue, supervision
//! notes beside their records and who may read them, reassignment, and the team
//! oversight screen's counts and alerts.
//!
//! `scale` loads 100,000 cases and prints timings; it is ignored unless asked for:
//! `cargo test --release --test supervision -- --ignored --nocapture`.

#[macro_use]
mod common;
#[path = "supervision/approvals.rs"]
mod approvals;
#[path = "supervision/notes.rs"]
mod notes;
#[path = "supervision/oversight.rs"]
mod oversight;
#[path = "supervision/reassign.rs"]
mod reassign;
#[path = "supervision/scale.rs"]
mod scale;
#[path = "supervision/self_approval.rs"]
mod self_approval;
#[path = "supervision/support.rs"]
mod support;
