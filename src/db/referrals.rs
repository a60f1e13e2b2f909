//! Referrals in: stored, queued, accepted into a case, declined, questioned.
//!
//! Every step claims the referral's version (`UPDATE … WHERE version = ? AND
//! status IN (open)`), so two people acting at once cannot both succeed: the
//! second finds the version moved and is told what happened instead. The step,
//! its history row, the case it creates and the notifications it sends are one
//! transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{cases, organisations, referral_events, referrals, service_agreements, users};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::db::notifications::{self, NotificationKind};
use crate::domain::referral::{
    ReferralEventKind, ReferralInput, ReferralSource, ReferralStatus, SelfReferralInput,
    validate_note, validate_optional_note,
};
use crate::domain::validation::{FieldError, Problem};
use crate::domain::vocab::{CaseStage, OrganisationKind};

mod agreements;
mod queue;

pub use self::agreements::{
    AGREEMENT_LIMIT, AgreementRow, all_unions, list_agreements, remove_agreement,
};
pub use self::queue::{QUEUE_PAGE, QueuePage, agency_queue, decode_after};

/// One referral as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = referrals)]
#[expect(
    missing_docs,
    reason = "columns mirror ReferralInput and the migration"
)]
pub struct Referral {
    pub id: String,
    pub source: String,
    pub union_id: Option<String>,
    pub referred_by: Option<String>,
    pub agency_id: String,
    pub member_name: String,
    pub member_phone: Option<String>,
    pub member_gender: Option<String>,
    pub member_birth_year: Option<i32>,
    pub member_employer: Option<String>,
    pub contact_time: Option<String>,
    pub concern: String,
    pub suggested_type: Option<String>,
    pub urgency: String,
    pub consent_by: String,
    pub consent_on: NaiveDate,
    pub status: String,
    pub case_id: Option<String>,
    pub outcome_summary: Option<String>,
    #[serde(skip)]
    pub receipt_hash: Option<String>,
    #[serde(skip)]
    pub client_address: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    #[serde(skip)]
    pub urgency_rank: i32,
    #[serde(skip)]
    pub form_token: Option<String>,
}

impl Referral {
    /// Its status.
    pub fn status(&self) -> StoreResult<ReferralStatus> {
        self.status
            .parse()
            .map_err(|_| StoreError::Database(diesel::result::Error::NotFound))
    }

    /// Whether it came through the public form.
    pub fn is_self_referral(&self) -> bool {
        self.source == ReferralSource::SelfReferral.as_str()
    }
}

/// One step of a referral's history.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = referral_events)]
pub struct ReferralEvent {
    /// Row id.
    pub id: String,
    /// The referral.
    pub referral_id: String,
    /// A `ReferralEventKind` code.
    pub kind: String,
    /// Who took the step (none for a self-referral's arrival).
    pub actor_id: Option<String>,
    /// The reason, question, answer or summary that came with it.
    pub note: Option<String>,
    /// When.
    pub occurred_at: NaiveDateTime,
}

/// A referral with what its list rows show beside it.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralRow {
    /// The referral.
    pub referral: Referral,
    /// The referring union's name (none for a self-referral).
    pub union_name: Option<String>,
    /// The receiving agency's name.
    pub agency_name: String,
    /// The stage of the case it became, once accepted.
    pub case_stage: Option<CaseStage>,
    /// The case's reference, once accepted.
    pub case_reference: Option<String>,
}

/// The agencies a union may refer to: those with an agreement with it or with a
/// union above it.
pub fn agencies_for_union(
    conn: &mut DbConnection,
    union_id: &str,
) -> StoreResult<Vec<(String, String)>> {
    let chain = ancestors_and_self(conn, union_id)?;
    Ok(service_agreements::table
        .inner_join(organisations::table.on(organisations::id.eq(service_agreements::agency_id)))
        .filter(service_agreements::union_id.eq_any(chain))
        .filter(organisations::kind.eq(OrganisationKind::Agency.as_str()))
        .select((organisations::id, organisations::name))
        .distinct()
        .order((organisations::name.asc(), organisations::id.asc()))
        .load(conn)?)
}

/// Every agency, for the public form (a worker may ask any agency for help).
pub fn all_agencies(conn: &mut DbConnection) -> StoreResult<Vec<(String, String)>> {
    Ok(organisations::table
        .filter(organisations::kind.eq(OrganisationKind::Agency.as_str()))
        .select((organisations::id, organisations::name))
        .order((organisations::name.asc(), organisations::id.asc()))
        .limit(500)
        .load(conn)?)
}

/// Records that `union_id` may refer members to `agency_id`.
pub fn add_agreement(conn: &mut DbConnection, union_id: &str, agency_id: &str) -> StoreResult<()> {
    diesel::insert_into(service_agreements::table)
        .values((
            service_agreements::union_id.eq(union_id),
            service_agreements::agency_id.eq(agency_id),
            service_agreements::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A union and the unions above it, nearest first (the hierarchy is shallow).
fn ancestors_and_self(conn: &mut DbConnection, union_id: &str) -> StoreResult<Vec<String>> {
    let mut chain = vec![union_id.to_owned()];
    let mut current = union_id.to_owned();
    // Five levels at most (national to grassroots); the bound also stops a cycle.
    for _ in 0..8 {
        let parent: Option<Option<String>> = organisations::table
            .find(&current)
            .select(organisations::parent_id)
            .first(conn)
            .optional()?;
        match parent.flatten() {
            Some(p) if !chain.contains(&p) => {
                chain.push(p.clone());
                current = p;
            }
            _ => break,
        }
    }
    Ok(chain)
}

/// A union and every union below it: what a higher-level union's officer follows.
pub fn union_and_descendants(conn: &mut DbConnection, union_id: &str) -> StoreResult<Vec<String>> {
    let all: Vec<(String, Option<String>)> = organisations::table
        .filter(organisations::kind.ne(OrganisationKind::Agency.as_str()))
        .select((organisations::id, organisations::parent_id))
        .load(conn)?;
    let mut tree = vec![union_id.to_owned()];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i].clone();
        for (id, p) in &all {
            if p.as_deref() == Some(parent.as_str()) && !tree.contains(id) {
                tree.push(id.clone());
            }
        }
        i += 1;
    }
    Ok(tree)
}

/// A union officer's referral; it enters the agency's intake queue.
pub fn create_union_referral(
    conn: &mut DbConnection,
    input: ReferralInput,
    union_id: &str,
    officer_id: &str,
) -> StoreResult<Referral> {
    let at = now();
    input
        .validate(crate::local_time::local_day(at))
        .map_err(StoreError::Invalid)?;
    let allowed = agencies_for_union(conn, union_id)?;
    if !allowed.iter().any(|(id, _)| *id == input.agency_id) {
        return Err(invalid("referral.agency_id", Problem::Unknown));
    }
    let referral = Referral {
        id: new_id(),
        source: ReferralSource::Union.as_str().to_owned(),
        union_id: Some(union_id.to_owned()),
        referred_by: Some(officer_id.to_owned()),
        agency_id: input.agency_id,
        member_name: input.member_name.trim().to_owned(),
        member_phone: clean(input.member_phone),
        member_gender: input.member_gender.map(|g| g.as_str().to_owned()),
        member_birth_year: input.member_birth_year,
        member_employer: clean(input.member_employer),
        contact_time: clean(input.contact_time),
        concern: input.concern.trim().to_owned(),
        suggested_type: input.suggested_type.map(|t| t.as_str().to_owned()),
        urgency: input.urgency.as_str().to_owned(),
        urgency_rank: input.urgency.rank(),
        form_token: None,
        consent_by: input.consent_by.trim().to_owned(),
        consent_on: input.consent_on.unwrap_or(at.date()),
        status: ReferralStatus::Received.as_str().to_owned(),
        case_id: None,
        outcome_summary: None,
        receipt_hash: None,
        client_address: None,
        version: 1,
        created_at: at,
        updated_at: at,
    };
    insert_new(conn, &referral, Some(officer_id))?;
    Ok(referral)
}

/// A worker's own request through the public form; `receipt_hash` is the SHA-256
/// of the receipt code they are shown, `form_token` the hash of the form's token
/// (unique: a second insert with it fails).
pub fn create_self_referral(
    conn: &mut DbConnection,
    input: SelfReferralInput,
    receipt_hash: &str,
    form_token: &str,
    client_address: &str,
) -> StoreResult<Referral> {
    input.validate().map_err(StoreError::Invalid)?;
    let agency_ok = organisations::table
        .filter(organisations::id.eq(&input.agency_id))
        .filter(organisations::kind.eq(OrganisationKind::Agency.as_str()))
        .count()
        .get_result::<i64>(conn)?
        == 1;
    if !agency_ok {
        return Err(invalid("self_referral.agency_id", Problem::Unknown));
    }
    let at = now();
    let referral = Referral {
        id: new_id(),
        source: ReferralSource::SelfReferral.as_str().to_owned(),
        union_id: None,
        referred_by: None,
        agency_id: input.agency_id,
        member_name: input.name.trim().to_owned(),
        member_phone: Some(input.contact.trim().to_owned()),
        member_gender: None,
        member_birth_year: None,
        member_employer: None,
        contact_time: clean(input.contact_time),
        concern: input.concern.trim().to_owned(),
        suggested_type: None,
        urgency: crate::domain::vocab::Urgency::Soon.as_str().to_owned(),
        urgency_rank: crate::domain::vocab::Urgency::Soon.rank(),
        form_token: Some(form_token.to_owned()),
        consent_by: "self".to_owned(),
        consent_on: crate::local_time::local_day(at),
        status: ReferralStatus::Received.as_str().to_owned(),
        case_id: None,
        outcome_summary: None,
        receipt_hash: Some(receipt_hash.to_owned()),
        client_address: Some(client_address.to_owned()),
        version: 1,
        created_at: at,
        updated_at: at,
    };
    insert_new(conn, &referral, None)?;
    Ok(referral)
}

/// Self-referrals from one address since `since` (the public form's rate limit).
pub fn self_referrals_from(
    conn: &mut DbConnection,
    client_address: &str,
    since: NaiveDateTime,
) -> StoreResult<i64> {
    Ok(referrals::table
        .filter(referrals::client_address.eq(client_address))
        .filter(referrals::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Key of the PostgreSQL advisory lock that admits one self-referral at a time.
const SELF_REFERRAL_LOCK: i64 = 0x4361_7365_4865_6c70; // "CaseHelp"

/// Makes the rate limits of the public form hold across concurrent requests.
///
/// The limits are a count followed by an insert. On SQLite every write
/// transaction already holds the database's one write lock; on PostgreSQL two
/// instances could both count 299 and both insert, so the transaction first
/// takes an advisory lock, released when it commits or rolls back.
pub fn admit_self_referrals_one_at_a_time(conn: &mut DbConnection) -> StoreResult<()> {
    if let DbConnection::Postgresql(_) = conn {
        diesel::sql_query(format!(
            "SELECT pg_advisory_xact_lock({SELF_REFERRAL_LOCK})"
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// Self-referrals from anywhere since `since` (a ceiling against a distributed flood).
pub fn self_referrals_since(conn: &mut DbConnection, since: NaiveDateTime) -> StoreResult<i64> {
    Ok(referrals::table
        .filter(referrals::source.eq(ReferralSource::SelfReferral.as_str()))
        .filter(referrals::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

fn insert_new(
    conn: &mut DbConnection,
    referral: &Referral,
    actor: Option<&str>,
) -> StoreResult<()> {
    diesel::insert_into(referrals::table)
        .values(referral)
        .execute(conn)?;
    event(conn, &referral.id, ReferralEventKind::Received, actor, None)?;
    let staff = notifications::agency_staff(conn, &referral.agency_id)?;
    notifications::notify(
        conn,
        &staff,
        NotificationKind::ReferralReceived,
        &referral.member_name,
        &format!("/referrals/{}", referral.id),
    )
}

/// A referral by id.
pub fn find(conn: &mut DbConnection, id: &str) -> StoreResult<Referral> {
    referrals::table
        .find(id)
        .select(Referral::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// The referral behind a receipt code's hash.
pub fn find_by_receipt(conn: &mut DbConnection, hash: &str) -> StoreResult<Option<Referral>> {
    Ok(referrals::table
        .filter(referrals::receipt_hash.eq(hash))
        .select(Referral::as_select())
        .first(conn)
        .optional()?)
}

/// The self-referral a public form with this token (its hash) already made.
pub fn find_by_form_token(conn: &mut DbConnection, hash: &str) -> StoreResult<Option<Referral>> {
    Ok(referrals::table
        .filter(referrals::form_token.eq(hash))
        .select(Referral::as_select())
        .first(conn)
        .optional()?)
}

/// The referral a case came from, if any.
pub fn for_case(conn: &mut DbConnection, case_id: &str) -> StoreResult<Option<Referral>> {
    Ok(referrals::table
        .filter(referrals::case_id.eq(case_id))
        .select(Referral::as_select())
        .first(conn)
        .optional()?)
}

/// A referral's history, oldest first, with the actor's name.
pub fn history(
    conn: &mut DbConnection,
    referral_id: &str,
) -> StoreResult<Vec<(ReferralEvent, Option<String>)>> {
    Ok(referral_events::table
        .left_join(users::table.on(users::id.nullable().eq(referral_events::actor_id)))
        .filter(referral_events::referral_id.eq(referral_id))
        .order((
            referral_events::occurred_at.asc(),
            referral_events::id.asc(),
        ))
        .select((ReferralEvent::as_select(), users::display_name.nullable()))
        .load(conn)?)
}

/// Most rows a referral list shows.
pub const LIST_LIMIT: i64 = 200;

/// An agency's referrals already decided, newest first.
pub fn agency_decided(conn: &mut DbConnection, agency_id: &str) -> StoreResult<Vec<ReferralRow>> {
    let found = referrals::table
        .filter(referrals::agency_id.eq(agency_id))
        .filter(referrals::status.eq_any([
            ReferralStatus::Accepted.as_str(),
            ReferralStatus::Declined.as_str(),
        ]))
        .order((referrals::updated_at.desc(), referrals::id.desc()))
        .limit(50)
        .select(Referral::as_select())
        .load(conn)?;
    rows(conn, found)
}

/// The referrals of some unions (an officer's union and those below it), newest first.
pub fn of_unions(conn: &mut DbConnection, union_ids: &[String]) -> StoreResult<Vec<ReferralRow>> {
    let found = referrals::table
        .filter(referrals::union_id.eq_any(union_ids))
        .order((referrals::created_at.desc(), referrals::id.desc()))
        .limit(LIST_LIMIT)
        .select(Referral::as_select())
        .load(conn)?;
    rows(conn, found)
}

/// Adds names and case stages to referrals: one query each, not one per row.
pub fn rows(conn: &mut DbConnection, found: Vec<Referral>) -> StoreResult<Vec<ReferralRow>> {
    let mut org_ids: Vec<String> = found.iter().map(|r| r.agency_id.clone()).collect();
    org_ids.extend(found.iter().filter_map(|r| r.union_id.clone()));
    let names: Vec<(String, String)> = organisations::table
        .filter(organisations::id.eq_any(&org_ids))
        .select((organisations::id, organisations::name))
        .load(conn)?;
    let case_ids: Vec<String> = found.iter().filter_map(|r| r.case_id.clone()).collect();
    let stages: Vec<(String, String, String)> = cases::table
        .filter(cases::id.eq_any(&case_ids))
        .select((cases::id, cases::stage, cases::reference))
        .load(conn)?;
    let name_of = |id: &str| names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone());
    Ok(found
        .into_iter()
        .map(|referral| {
            let case = referral
                .case_id
                .as_ref()
                .and_then(|id| stages.iter().find(|(i, _, _)| i == id));
            ReferralRow {
                union_name: referral.union_id.as_deref().and_then(name_of),
                agency_name: name_of(&referral.agency_id).unwrap_or_default(),
                case_stage: case.and_then(|(_, s, _)| s.parse().ok()),
                case_reference: case.map(|(_, _, r)| r.clone()),
                referral,
            }
        })
        .collect())
}

/// Moves an open referral to `to`, if it is still at `version` and still open.
/// Someone else's step in between is a conflict (the version moved); a referral
/// already decided says so.
fn claim_open(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    to: ReferralStatus,
) -> StoreResult<Referral> {
    let open = [
        ReferralStatus::Received.as_str(),
        ReferralStatus::InfoRequested.as_str(),
    ];
    let at = now();
    let changed = diesel::update(
        referrals::table
            .filter(referrals::id.eq(id))
            .filter(referrals::version.eq(version))
            .filter(referrals::status.eq_any(open)),
    )
    .set((
        referrals::status.eq(to.as_str()),
        referrals::version.eq(version + 1),
        referrals::updated_at.eq(at),
    ))
    .execute(conn)?;
    let current = find(conn, id)?;
    if changed == 1 {
        return Ok(current);
    }
    if !current.status()?.is_open() {
        return Err(StoreError::ReferralDecided(current.status.clone()));
    }
    Err(StoreError::Conflict {
        current: current.version,
    })
}

/// The agency asks the officer for more information. A self-referral has no
/// officer: refused (`referral_no_officer`), the agency contacts the member.
pub fn request_info(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    actor_id: &str,
    question: &str,
) -> StoreResult<Referral> {
    if find(conn, id)?.is_self_referral() {
        return Err(StoreError::StateConflict("referral_no_officer"));
    }
    validate_note("referral.question", question).map_err(StoreError::Invalid)?;
    let referral = claim_open(conn, id, version, ReferralStatus::InfoRequested)?;
    event(
        conn,
        id,
        ReferralEventKind::InfoRequested,
        Some(actor_id),
        Some(question),
    )?;
    if let Some(officer) = &referral.referred_by {
        notifications::notify(
            conn,
            std::slice::from_ref(officer),
            NotificationKind::ReferralInfoRequested,
            &referral.member_name,
            &format!("/referrals/{id}"),
        )?;
    }
    Ok(referral)
}

/// The officer answers; the referral returns to the queue.
pub fn add_info(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    actor_id: &str,
    answer: &str,
) -> StoreResult<Referral> {
    validate_note("referral.answer", answer).map_err(StoreError::Invalid)?;
    let referral = claim_open(conn, id, version, ReferralStatus::Received)?;
    event(
        conn,
        id,
        ReferralEventKind::InfoAdded,
        Some(actor_id),
        Some(answer),
    )?;
    let staff = notifications::agency_staff(conn, &referral.agency_id)?;
    notifications::notify(
        conn,
        &staff,
        NotificationKind::ReferralInfoAdded,
        &referral.member_name,
        &format!("/referrals/{id}"),
    )?;
    Ok(referral)
}

/// The agency declines, with a reason the officer sees.
pub fn decline(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    actor_id: &str,
    reason: &str,
) -> StoreResult<Referral> {
    validate_note("referral.reason", reason).map_err(StoreError::Invalid)?;
    let referral = claim_open(conn, id, version, ReferralStatus::Declined)?;
    event(
        conn,
        id,
        ReferralEventKind::Declined,
        Some(actor_id),
        Some(reason),
    )?;
    notify_officer(conn, &referral, NotificationKind::ReferralDeclined)?;
    Ok(referral)
}

/// Accepts an open referral for the case `open_case` makes (the caller creates or
/// matches the client and opens the case inside this same transaction).
pub fn accept(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    actor_id: &str,
    open_case: impl FnOnce(&mut DbConnection, &Referral) -> StoreResult<String>,
) -> StoreResult<Referral> {
    let claimed = claim_open(conn, id, version, ReferralStatus::Accepted)?;
    let case_id = open_case(conn, &claimed)?;
    diesel::update(referrals::table.find(id))
        .set(referrals::case_id.eq(Some(&case_id)))
        .execute(conn)?;
    event(conn, id, ReferralEventKind::Accepted, Some(actor_id), None)?;
    notify_officer(conn, &claimed, NotificationKind::ReferralAccepted)?;
    find(conn, id)
}

/// The worker's outcome summary for the union (no confidential content: the
/// worker writes it for the union to read).
pub fn set_outcome(
    conn: &mut DbConnection,
    id: &str,
    version: i64,
    actor_id: &str,
    summary: Option<String>,
) -> StoreResult<Referral> {
    validate_optional_note("referral.outcome_summary", &summary).map_err(StoreError::Invalid)?;
    let summary = clean(summary);
    let changed = diesel::update(
        referrals::table
            .filter(referrals::id.eq(id))
            .filter(referrals::version.eq(version))
            .filter(referrals::status.eq(ReferralStatus::Accepted.as_str())),
    )
    .set((
        referrals::outcome_summary.eq(&summary),
        referrals::version.eq(version + 1),
        referrals::updated_at.eq(now()),
    ))
    .execute(conn)?;
    let current = find(conn, id)?;
    if changed == 0 {
        return Err(if current.status()? != ReferralStatus::Accepted {
            StoreError::ReferralDecided(current.status.clone())
        } else {
            StoreError::Conflict {
                current: current.version,
            }
        });
    }
    event(
        conn,
        id,
        ReferralEventKind::Outcome,
        Some(actor_id),
        summary.as_deref(),
    )?;
    Ok(current)
}

fn notify_officer(
    conn: &mut DbConnection,
    referral: &Referral,
    kind: NotificationKind,
) -> StoreResult<()> {
    match &referral.referred_by {
        Some(officer) => notifications::notify(
            conn,
            std::slice::from_ref(officer),
            kind,
            &referral.member_name,
            &format!("/referrals/{}", referral.id),
        ),
        None => Ok(()),
    }
}

fn event(
    conn: &mut DbConnection,
    referral_id: &str,
    kind: ReferralEventKind,
    actor_id: Option<&str>,
    note: Option<&str>,
) -> StoreResult<()> {
    diesel::insert_into(referral_events::table)
        .values(&ReferralEvent {
            id: new_id(),
            referral_id: referral_id.to_owned(),
            kind: kind.as_str().to_owned(),
            actor_id: actor_id.map(str::to_owned),
            note: note.map(|n| n.trim().to_owned()),
            occurred_at: now(),
        })
        .execute(conn)?;
    Ok(())
}

fn invalid(field: &str, problem: Problem) -> StoreError {
    StoreError::Invalid(vec![FieldError {
        field: field.to_owned(),
        problem,
    }])
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}
