//! Staff screens (HTML): handlers that read forms, call `db` and `access`, and
//! render `crate::views`. One module per screen area.

pub mod agreements;
pub mod case_list;
pub mod case_page;
pub mod evaluation;
pub mod forms;
pub mod home;
pub mod new_case;
pub mod notifications;
pub mod outbound;
pub mod referrals;
pub mod resources;
pub mod self_referral;
pub mod stage_forms;
pub mod transfers;
