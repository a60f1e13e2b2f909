//! Pure domain rules: no I/O, no database, no HTTP.
//!
//! Everything here can be tested in microseconds and reused by every layer: the
//! workflow state machine, the vocabularies stored as text codes, and the
//! validation of what users type.

pub mod codes;
pub mod editing;
pub mod evaluation;
pub mod facts;
pub mod outbound;
pub mod password;
pub mod reference;
pub mod referral;
pub mod supervision;
pub mod transfer;
pub mod validation;
pub mod vocab;
pub mod workflow;

pub use vocab::{CaseStage, CaseType, Role};
pub use workflow::{Refusal, Transition, TransitionRequest, decide};
