//! Every route × every role × (own case, team case, another team's case, no
//! session), generated from the router's own table of routes and policies.

#[macro_use]
mod common;

use axum::http::{Method, StatusCode};
use casework::web::router::{Policy, route_table};
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Nobody,
    AssignedWorker,
    Teammate,
    OtherTeamWorker,
    Supervisor,
    OtherSupervisor,
    Officer,
    Admin,
}

#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// The handler ran: anything but 401, 403 or 404.
    Allowed,
    /// A public route: never asks for a session or refuses one (its own answer
    /// may be 404, as for an unknown setup link).
    Open,
    Status(StatusCode),
}

/// The policy of docs/security.md, written out independently of `crate::access`.
fn expected(policy: Policy, who: Who) -> Expect {
    use Expect::*;
    use Who::*;
    const HIDDEN: Expect = Status(StatusCode::NOT_FOUND);
    const FORBIDDEN: Expect = Status(StatusCode::FORBIDDEN);
    if who == Nobody {
        return if policy == Policy::Public {
            Open
        } else {
            Status(StatusCode::UNAUTHORIZED)
        };
    }
    match policy {
        Policy::Public => Open,
        Policy::SignedIn => Allowed,
        Policy::CaseStaff => match who {
            Officer | Admin => HIDDEN,
            _ => Allowed,
        },
        Policy::CaseView => match who {
            AssignedWorker | Teammate | Supervisor => Allowed,
            _ => HIDDEN,
        },
        Policy::CaseEdit | Policy::CaseTransition => match who {
            AssignedWorker | Supervisor => Allowed,
            Teammate => FORBIDDEN,
            _ => HIDDEN,
        },
        Policy::CaseAccessLog => match who {
            Supervisor | Admin => Allowed,
            AssignedWorker | Teammate => FORBIDDEN,
            _ => HIDDEN,
        },
        Policy::AuditSearch => match who {
            Supervisor | OtherSupervisor | Admin => Allowed,
            _ => HIDDEN,
        },
        Policy::Admin => match who {
            Admin => Allowed,
            _ => HIDDEN,
        },
        // Every social worker and supervisor of the fixture works for the receiving
        // agency; the officer's union made the referral.
        Policy::Referrals | Policy::ReferralView => match who {
            Admin => HIDDEN,
            _ => Allowed,
        },
        Policy::UnionOfficer => match who {
            Officer => Allowed,
            _ => HIDDEN,
        },
        Policy::ReferralDecide => match who {
            Officer => FORBIDDEN,
            Admin => HIDDEN,
            _ => Allowed,
        },
        Policy::ReferralAnswer => match who {
            Officer => Allowed,
            Admin => HIDDEN,
            _ => FORBIDDEN,
        },
        Policy::CaseSupervise | Policy::CaseReassign => match who {
            Supervisor => Allowed,
            AssignedWorker | Teammate => FORBIDDEN,
            _ => HIDDEN,
        },
        Policy::Supervision => match who {
            Supervisor | OtherSupervisor => Allowed,
            _ => HIDDEN,
        },
        Policy::ApprovalSettings => match who {
            Supervisor | OtherSupervisor | Admin => Allowed,
            _ => HIDDEN,
        },
        // The matrix's transfer names the other team's worker as its receiver.
        Policy::TransferDecide => match who {
            OtherTeamWorker => Allowed,
            _ => HIDDEN,
        },
        // Supervisors see their agency's figures; the officer their union's roll-up.
        Policy::Evaluation => match who {
            Supervisor | OtherSupervisor | Officer => Allowed,
            _ => HIDDEN,
        },
    }
}

async fn every_route_every_role(app: TestApp) {
    let fx = Fixture::insert(&app);
    let client = create_client(&app, &fx.worker, "矩阵测试", 1980).await;
    let (case_id, _) = open_case(&app, &fx, "counselling", &client).await;
    let spare_user = app.with_conn(|c| {
        casework::db::organisations::insert_user(
            c,
            &fx.agency,
            "Spare",
            casework::domain::Role::SocialWorker,
        )
        .unwrap()
        .id
    });
    app.set_password(&fx.officer, "matrix-officer", "violet-harbour-tram-42");
    let setup_token = app.with_conn(|c| casework::db::setup::create(c, app.clock.now()).unwrap());
    let referral = app.with_conn(|c| {
        use casework::db::referrals;
        referrals::add_agreement(c, &fx.union, &fx.agency).unwrap();
        let input = serde_json::from_value(json!({
            "agency_id": fx.agency, "member_name": "矩阵", "member_phone": null,
            "member_gender": null, "member_birth_year": null, "member_employer": null,
            "contact_time": null, "concern": "x", "suggested_type": null,
            "urgency": "soon", "consent_by": "张卫东", "consent_on": "2026-01-05"
        }))
        .unwrap();
        referrals::create_union_referral(c, input, &fx.union, &fx.officer)
            .unwrap()
            .id
    });
    let ids = OutboundIds::insert(&app, &fx, &case_id).await;
    let actors = [
        (Who::Nobody, None),
        (Who::AssignedWorker, Some(fx.worker.clone())),
        (Who::Teammate, Some(fx.colleague.clone())),
        (Who::OtherTeamWorker, Some(fx.other_team_worker.clone())),
        (Who::Supervisor, Some(fx.supervisor.clone())),
        (Who::OtherSupervisor, Some(fx.other_supervisor.clone())),
        (Who::Officer, Some(fx.officer.clone())),
        (Who::Admin, Some(fx.admin.clone())),
    ];
    let table = route_table();
    assert!(table.len() >= 25, "the table lists every route");
    let mut checked = 0;
    for route in &table {
        for (who, actor) in &actors {
            let version =
                app.with_conn(|c| casework::db::cases::find_case(c, &case_id).unwrap().version);
            let (uri, body) = request_for(
                route.path,
                &route.method,
                &case_id,
                &spare_user,
                &fx,
                &client,
                version,
                &setup_token,
                &referral,
                &ids,
            );
            let (status, answer) = app
                .call(route.method.clone(), &uri, actor.as_deref(), body)
                .await;
            let want = expected(route.policy, *who);
            let ok = match &want {
                Expect::Allowed => !matches!(status.as_u16(), 401 | 403 | 404),
                Expect::Open => !matches!(status.as_u16(), 401 | 403),
                Expect::Status(s) => status == *s,
            };
            assert!(
                ok,
                "{} {} as {who:?} ({:?}): got {status} {answer}, want {want:?}",
                route.method, route.path, route.policy
            );
            if route.path == "/api/session" && route.method == Method::DELETE {
                app.forget_sessions();
            }
            checked += 1;
        }
    }
    assert_eq!(checked, table.len() * actors.len());
}
on_both_backends!(matrix, every_route_every_role);

/// Records the routes of referrals out, the resource directory and transfers
/// address: a directory entry, a referral out of the case under test, and a
/// transfer of another case to the other team's worker (so that accepting it
/// leaves the case under test where it is).
struct OutboundIds {
    resource: String,
    referral: String,
    transfer: String,
}

impl OutboundIds {
    async fn insert(app: &TestApp, fx: &Fixture, case_id: &str) -> OutboundIds {
        let (status, resource) = app
            .post(
                "/api/resources",
                &fx.admin,
                json!({ "name": "南山区法律援助中心", "category": "legal_aid" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{resource}");
        let resource = resource["id"].as_str().unwrap().to_owned();
        let version =
            app.with_conn(|c| casework::db::cases::find_case(c, case_id).unwrap().version);
        let (status, referral) = app
            .post(
                &format!("/api/cases/{case_id}/outbound-referrals"),
                &fx.worker,
                json!({ "version": version, "data": { "resource_id": resource, "request": "申请法律援助" } }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{referral}");
        let client = create_client(app, &fx.worker, "转案测试", 1985).await;
        let (other_case, version) = open_case(app, fx, "counselling", &client).await;
        let (status, transfer) = app
            .post(
                &format!("/api/cases/{other_case}/transfers"),
                &fx.worker,
                json!({ "version": version, "data": { "to_worker_id": fx.other_team_worker, "reason": "休假" } }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{transfer}");
        OutboundIds {
            resource,
            referral: referral["referral"]["id"].as_str().unwrap().to_owned(),
            transfer: transfer["transfer"]["id"].as_str().unwrap().to_owned(),
        }
    }
}

/// A request each route accepts when access is granted, so that refusals can only
/// come from access control.
#[expect(
    clippy::too_many_arguments,
    reason = "a test helper that names every id it substitutes"
)]
fn request_for(
    path: &str,
    method: &Method,
    case_id: &str,
    spare_user: &str,
    fx: &Fixture,
    client: &str,
    version: i64,
    setup_token: &str,
    referral: &str,
    ids: &OutboundIds,
) -> (String, Option<Value>) {
    let uri = path
        .replace("/referrals/{id}", &format!("/referrals/{referral}"))
        .replace("resources/{id}", &format!("resources/{}", ids.resource))
        .replace("transfers/{id}", &format!("transfers/{}", ids.transfer))
        .replace("{rid}", &ids.referral)
        .replace(
            "/api/admin/users/{id}",
            &format!("/api/admin/users/{spare_user}"),
        )
        .replace(
            "/api/admin/teams/{id}",
            &format!("/api/admin/teams/{}", fx.team),
        )
        .replace("{id}", case_id)
        .replace("{token}", setup_token);
    let versioned = |data: Value| Some(json!({ "version": version, "data": data }));
    let body = match (method.as_str(), path) {
        ("GET", "/api/clients/duplicates") => return (format!("{uri}?name=x"), None),
        ("GET", _) | ("DELETE", _) => None,
        (_, "/api/session") => {
            Some(json!({ "username": "matrix-officer", "password": "violet-harbour-tram-42" }))
        }
        (_, "/api/session/password") => {
            Some(json!({ "current_password": "x", "new_password": "y" }))
        }
        (_, "/api/clients") => Some(json!({ "full_name": "x" })),
        (_, "/api/cases") => Some(
            json!({ "case_type": "counselling", "client_id": client, "organisation_id": fx.agency }),
        ),
        (_, "/api/cases/{id}/details") => versioned(json!({ "case_type": "counselling" })),
        (_, "/api/cases/{id}/sessions") => {
            versioned(json!({ "held_on": "2026-01-05", "duration_minutes": 30, "mode": "phone" }))
        }
        (_, "/api/cases/{id}/transitions") => {
            Some(json!({ "version": version, "transition": "close_early" }))
        }
        // A note on the intake record: 201 once the record exists, 422 before;
        // either way the handler ran.
        (_, "/api/cases/{id}/notes") => {
            Some(json!({ "target_kind": "intake", "body": "matrix note" }))
        }
        // Not a social worker of the team: refused (422, or 409 once the case is
        // closed) after access was granted, so that the case keeps its worker for
        // the other routes.
        (_, "/api/cases/{id}/assignment") => {
            Some(json!({ "version": version, "data": { "worker_id": fx.officer } }))
        }
        (_, "/api/approval-policies") => Some(
            json!({ "case_type": "counselling", "plan_required": true, "closure_required": true }),
        ),
        (_, p) if p.starts_with("/api/cases/{id}/") => versioned(json!({})),
        (_, "/api/admin/organisations") => Some(json!({ "name": "x", "kind": "agency" })),
        (_, "/api/admin/teams") => Some(json!({ "organisation_id": fx.agency, "name": "t" })),
        (_, "/api/admin/teams/{id}/members") => Some(json!({ "user_id": spare_user })),
        (_, "/api/admin/service-agreements") => {
            Some(json!({ "union_id": fx.union, "agency_id": fx.other_agency }))
        }
        (_, "/api/admin/users") => Some(
            json!({ "username": format!("u{version}"), "display_name": "x",
            "role": "social_worker", "organisation_id": fx.agency, "password": "violet-harbour-tram-42" }),
        ),
        _ => Some(json!({})),
    };
    (uri, body)
}
