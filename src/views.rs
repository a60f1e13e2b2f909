//! maud views: the page layout, form components, and one module per screen area.
//!
//! Views are functions that return `Markup`; they take what they show and the
//! locale, never a database connection. All user text comes from the locale
//! files; maud escapes everything it prints.

pub mod agreements;
pub mod case_list;
pub mod case_page;
pub mod components;
pub mod evaluation;
pub mod home;
pub mod layout;
pub mod new_case;
pub mod notifications;
pub mod outbound;
pub mod referrals;
pub mod resources;
pub mod self_referral;
pub mod stage_forms;
pub mod supervision;
pub mod transfers;
