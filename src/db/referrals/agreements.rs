//! Service agreements: which union (with the unions below it) may refer members
//! to which agency. Recorded and ended by administrators (`web::admin`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{organisations, service_agreements};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::vocab::OrganisationKind;

/// One agreement with the names the screen shows.
#[derive(Debug, Clone)]
pub struct AgreementRow {
    /// The union.
    pub union_id: String,
    /// Its name.
    pub union_name: String,
    /// The agency.
    pub agency_id: String,
    /// Its name.
    pub agency_name: String,
    /// Since when (UTC).
    pub created_at: NaiveDateTime,
}

/// Most agreements the screen lists (a region has a few dozen).
pub const AGREEMENT_LIMIT: i64 = 1000;

/// Every agreement, by union name then agency name.
pub fn list_agreements(conn: &mut DbConnection) -> StoreResult<Vec<AgreementRow>> {
    let (unions, agencies) = diesel::alias!(organisations as unions, organisations as agencies);
    let rows: Vec<(String, String, String, String, NaiveDateTime)> = service_agreements::table
        .inner_join(
            unions.on(unions
                .field(organisations::id)
                .eq(service_agreements::union_id)),
        )
        .inner_join(
            agencies.on(agencies
                .field(organisations::id)
                .eq(service_agreements::agency_id)),
        )
        .select((
            service_agreements::union_id,
            unions.field(organisations::name),
            service_agreements::agency_id,
            agencies.field(organisations::name),
            service_agreements::created_at,
        ))
        .order((
            unions.field(organisations::name).asc(),
            agencies.field(organisations::name).asc(),
        ))
        .limit(AGREEMENT_LIMIT)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(union_id, union_name, agency_id, agency_name, created_at)| AgreementRow {
                union_id,
                union_name,
                agency_id,
                agency_name,
                created_at,
            },
        )
        .collect())
}

/// Every union (any level), by name: what may be given an agreement.
pub fn all_unions(conn: &mut DbConnection) -> StoreResult<Vec<(String, String)>> {
    Ok(organisations::table
        .filter(organisations::kind.ne(OrganisationKind::Agency.as_str()))
        .select((organisations::id, organisations::name))
        .order((organisations::name.asc(), organisations::id.asc()))
        .limit(500)
        .load(conn)?)
}

/// Ends an agreement: the union no longer refers to the agency. Referrals
/// already made stay where they are. `NotFound` if there was none.
pub fn remove_agreement(
    conn: &mut DbConnection,
    union_id: &str,
    agency_id: &str,
) -> StoreResult<()> {
    let removed =
        diesel::delete(service_agreements::table.find((union_id, agency_id))).execute(conn)?;
    if removed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
