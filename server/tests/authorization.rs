//! The authorization matrix: every endpoint × role × (own unit / unit below / other unit),
//! through the real router, asserting exactly who gets past the door. The expected answers are
//! written out below by hand, not computed by the rule under test.

#![allow(clippy::unwrap_used)]

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use common::form_encode;
use common::web::{file_post, form_post, options, sheet_for, BOUNDARY};

use app::api::admin::{CreateUnit, GrantRole, SetUnitZone};
use app::api::dashboard::ReportingMonth;
use app::api::document::GetDocument;
use app::api::edit::SaveGoal;
use app::api::plan::{GetEvidenceCounts, GetPlan, GetPlanAccess, OpenPlan};
use app::api::rollup::{GetRollup, GetRollupUnit};
use app::api::structure::AddActivity;
use app::api::workflow::{ApproveQuarter, ReopenQuarter, ReturnQuarter, SubmitQuarter};
use app::api::years::{CopyPlan, GetEarlierYear, PlanYears};
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::server_fn::ServerFn;
use model::access::{Grant, Person, Role};
use model::{PlanId, UnitId};
use server::http::router::router;
use server::storage::{InsertOutcome, Store, UnitPlacement};
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

/// Which permission an endpoint needs: R read, W write, S submit, D decide, M manage, I create a
/// plan (import one), C copy a plan into another year (read it and create one: R and I).
#[derive(Clone, Copy, Debug)]
enum Endpoint {
    PlanPage,
    DashboardPage,
    HistoryPage,
    PrintPage,
    PrintReport,
    Excel,
    ExcelReport,
    GetDocument,
    ReportingMonth,
    LiveEvents,
    GetPlan,
    GetPlanAccess,
    OpenPlan,
    SaveGoal,
    AddActivity,
    Submit,
    Approve,
    Return,
    Reopen,
    CreateUnit,
    GrantRole,
    SetUnitZone,
    ImportPreview,
    ImportSave,
    /// The roll-up of the unit (`/unit/{id}`) and its server function: reading a unit's plans.
    UnitPage,
    GetRollup,
    /// The roll-up's live feed (`/api/units/{id}/events`) and the one-unit figures it leads to.
    UnitEvents,
    GetRollupUnit,
    CopyPage,
    PlanYears,
    EarlierYear,
    CopyPlan,
    /// One quarter's evidence page, a file's download, attaching a link, removing one.
    EvidencePage,
    EvidenceFile,
    EvidenceAttach,
    EvidenceRemove,
    GetEvidenceCounts,
}

const ENDPOINTS: [(Endpoint, char); 37] = [
    (Endpoint::PlanPage, 'R'),
    (Endpoint::DashboardPage, 'R'),
    (Endpoint::HistoryPage, 'R'),
    (Endpoint::PrintPage, 'R'),
    (Endpoint::PrintReport, 'R'),
    (Endpoint::Excel, 'R'),
    (Endpoint::ExcelReport, 'R'),
    (Endpoint::GetDocument, 'R'),
    (Endpoint::ReportingMonth, 'R'),
    (Endpoint::LiveEvents, 'R'),
    (Endpoint::GetPlan, 'R'),
    (Endpoint::GetPlanAccess, 'R'),
    (Endpoint::OpenPlan, 'R'),
    (Endpoint::SaveGoal, 'W'),
    (Endpoint::AddActivity, 'W'),
    (Endpoint::Submit, 'S'),
    (Endpoint::Approve, 'D'),
    (Endpoint::Return, 'D'),
    (Endpoint::Reopen, 'D'),
    (Endpoint::CreateUnit, 'M'),
    (Endpoint::GrantRole, 'M'),
    (Endpoint::SetUnitZone, 'M'),
    (Endpoint::ImportPreview, 'I'),
    (Endpoint::ImportSave, 'I'),
    (Endpoint::UnitPage, 'R'),
    (Endpoint::GetRollup, 'R'),
    (Endpoint::UnitEvents, 'R'),
    (Endpoint::GetRollupUnit, 'R'),
    (Endpoint::CopyPage, 'C'),
    (Endpoint::PlanYears, 'R'),
    (Endpoint::EarlierYear, 'R'),
    (Endpoint::CopyPlan, 'C'),
    (Endpoint::EvidencePage, 'R'),
    (Endpoint::EvidenceFile, 'R'),
    (Endpoint::EvidenceAttach, 'W'),
    (Endpoint::EvidenceRemove, 'W'),
    (Endpoint::GetEvidenceCounts, 'R'),
];

/// Who holds a role in KANWIL A; what each may do with a plan of KANWIL A itself (own), of
/// UPT A1 below it, and of KANWIL B (other).
const MATRIX: [(Option<Role>, [&str; 3]); 4] = [
    (Some(Role::Operator), ["RWSI", "", ""]),
    (Some(Role::Pimpinan), ["RSD", "RSD", ""]),
    (Some(Role::Admin), ["MI", "MI", ""]),
    (None, ["", "", ""]),
];

struct World {
    store: Store,
    /// Own, below, other.
    plans: [PlanId; 3],
    units: [UnitId; 3],
    unit_names: [String; 3],
    target: Person,
}

async fn world(store: &Store) -> World {
    let mut plans = Vec::new();
    for name in ["KANWIL A", "UPT A1", "KANWIL B"] {
        let mut plan = model::synthetic::synthetic_plan(4);
        plan.header.work_unit = name.into();
        match store.insert_plan(&plan, &UnitPlacement::Top).await.unwrap() {
            InsertOutcome::Created(id) => plans.push(id),
            other => panic!("{other:?}"),
        }
    }
    let mut units = Vec::new();
    for plan in &plans {
        units.push(store.plan_unit(*plan).await.unwrap().unwrap());
    }
    store
        .set_unit_parent(units[1], Some(units[0]))
        .await
        .unwrap();
    // Someone an admin of KANWIL A may give roles to: all their roles lie below it.
    let target = common::person(
        store,
        &[Grant {
            unit: units[1],
            role: Role::Operator,
        }],
    )
    .await;
    World {
        store: store.clone(),
        plans: [plans[0], plans[1], plans[2]],
        units: [units[0], units[1], units[2]],
        unit_names: ["KANWIL A", "UPT A1", "KANWIL B"].map(str::to_owned),
        target,
    }
}

static NEXT: AtomicU32 = AtomicU32::new(0);

impl World {
    /// The request for `endpoint` on the plan (and unit) at `at`.
    async fn request(&self, endpoint: Endpoint, at: usize) -> Request<Body> {
        let plan = self.plans[at];
        let unit = self.units[at];
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let get = |path: String| Request::builder().uri(path);
        let stored = self.store.load_plan_unchecked(plan).await.unwrap().unwrap();
        let goal = stored.goals[0].id.unwrap();
        let indicator = stored.goals[0].indicators[0].id.unwrap();
        let slot = format!("/rencana/{plan}/bukti/indikator/{indicator}/tw/2");
        match endpoint {
            Endpoint::PlanPage => get(format!("/rencana/{plan}")).body(Body::empty()).unwrap(),
            Endpoint::DashboardPage => get(format!("/rencana/{plan}/dasbor"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::HistoryPage => get(format!("/rencana/{plan}/riwayat"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::PrintPage => get(format!("/rencana/{plan}/cetak"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::PrintReport => get(format!("/rencana/{plan}/cetak?tw=2"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::Excel => get(format!("/rencana/{plan}/excel"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::ExcelReport => get(format!("/rencana/{plan}/excel?tw=4"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::GetDocument => form_post(GetDocument::PATH, format!("id={plan}&quarter=3")),
            Endpoint::ReportingMonth => form_post(ReportingMonth::PATH, format!("plan={plan}")),
            Endpoint::LiveEvents => get(format!("/api/plans/{plan}/events"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::GetPlan => form_post(GetPlan::PATH, format!("id={plan}")),
            Endpoint::GetPlanAccess => form_post(GetPlanAccess::PATH, format!("id={plan}")),
            Endpoint::OpenPlan => form_post(OpenPlan::PATH, format!("id={plan}")),
            Endpoint::SaveGoal => form_post(
                SaveGoal::PATH,
                format!("plan={plan}&goal={goal}&title=Sasaran+{n}"),
            ),
            Endpoint::AddActivity => {
                form_post(AddActivity::PATH, format!("plan={plan}&name=Kegiatan+{n}"))
            }
            Endpoint::Submit => form_post(SubmitQuarter::PATH, format!("plan={plan}&quarter=1")),
            Endpoint::Approve => form_post(
                ApproveQuarter::PATH,
                format!("plan={plan}&quarter=1&version=0"),
            ),
            Endpoint::Return => form_post(
                ReturnQuarter::PATH,
                format!("plan={plan}&quarter=1&comment=Lengkapi"),
            ),
            Endpoint::Reopen => form_post(ReopenQuarter::PATH, format!("plan={plan}&quarter=1")),
            Endpoint::CreateUnit => form_post(
                CreateUnit::PATH,
                format!("name=Unit+baru+{n}&parent={unit}"),
            ),
            Endpoint::GrantRole => form_post(
                GrantRole::PATH,
                format!("user={}&unit={unit}&role=operator", self.target.id),
            ),
            Endpoint::SetUnitZone => {
                let zone = ["WIB", "WITA", "WIT", ""][n as usize % 4];
                form_post(SetUnitZone::PATH, format!("unit={unit}&zone={zone}"))
            }
            // The sheet names the unit; its plan for the year exists, so past the door the
            // answer is 409 (nothing is stored either way).
            Endpoint::ImportPreview => {
                let sheet = sheet_for(&self.unit_names[at], 2024);
                file_post(
                    "/impor/pratinjau",
                    "berkas",
                    "rencana.xlsx",
                    sheet.as_bytes(),
                )
            }
            Endpoint::ImportSave => {
                let sheet = STANDARD.encode(sheet_for(&self.unit_names[at], 2024));
                form_post("/impor/simpan", format!("berkas={}", form_encode(&sheet)))
            }
            Endpoint::UnitPage => get(format!("/unit/{unit}?tahun=2026&tw=2"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::GetRollup => {
                form_post(GetRollup::PATH, format!("unit={unit}&year=2026&quarter=2"))
            }
            Endpoint::UnitEvents => get(format!("/api/units/{unit}/events"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::GetRollupUnit => form_post(
                GetRollupUnit::PATH,
                format!("root={unit}&unit={unit}&year=2026&quarter=2"),
            ),
            Endpoint::CopyPage => get(format!("/rencana/{plan}/salin"))
                .body(Body::empty())
                .unwrap(),
            Endpoint::PlanYears => form_post(PlanYears::PATH, format!("plan={plan}")),
            Endpoint::EarlierYear => form_post(GetEarlierYear::PATH, format!("plan={plan}")),
            // The first person let in makes the unit's 2030 plan; past the door, the next one is
            // refused for what was asked (422: the unit has a 2030 plan).
            Endpoint::CopyPlan => form_post(
                CopyPlan::PATH,
                format!("plan={plan}&year=2030&goals%5B0%5D={goal}"),
            ),
            Endpoint::EvidencePage => get(slot).body(Body::empty()).unwrap(),
            Endpoint::EvidenceFile => {
                let id = evidence_on(&self.store, plan, indicator, n).await;
                get(format!("/bukti/{id}")).body(Body::empty()).unwrap()
            }
            Endpoint::EvidenceAttach => {
                let mut request = file_post(&slot, "berkas", "", b"");
                *request.body_mut() = Body::from(format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"tautan\"\r\n\r\n\
                     https://drive.example.id/{n}\r\n--{BOUNDARY}--\r\n"
                ));
                request
            }
            Endpoint::GetEvidenceCounts => form_post(GetEvidenceCounts::PATH, format!("id={plan}")),
            Endpoint::EvidenceRemove => {
                let id = evidence_on(&self.store, plan, indicator, n).await;
                form_post(&format!("/bukti/{id}/hapus"), "")
            }
        }
    }
}

/// A file attached to the indicator's TW II (bytes `n` of its own), for a download or removal.
async fn evidence_on(store: &Store, plan: PlanId, indicator: model::IndicatorId, n: u32) -> i64 {
    let blob = store.begin_blob(model::time::Timestamp(0)).await.unwrap();
    let bytes = format!("%PDF-1.4 {n}");
    store.write_chunk(blob, 0, bytes.as_bytes()).await.unwrap();
    let mut write = store.write_plan(plan).await.unwrap().unwrap();
    let id = write
        .attach(&server::storage::NewEvidence {
            slot: model::evidence::Slot {
                owner: model::evidence::Owner::Indicator(indicator),
                quarter: model::Quarter::Q2,
            },
            kind: model::evidence::EvidenceKind::Pdf,
            name: format!("bukti-{n}.pdf"),
            caption: String::new(),
            source: server::storage::NewSource::File {
                blob,
                sha256: format!("{n:064}"),
                size: bytes.len() as u64,
            },
            by: model::UserId(0),
            by_name: "uji".into(),
            at: model::time::Timestamp(0),
        })
        .await
        .unwrap();
    write.commit().await.unwrap();
    id.0
}

/// Whether the request got past the door: `Ok(true)` allowed (or refused for what was asked:
/// 422, 409), `Ok(false)` refused at the door as it should be (403 forbidden, 401 asked to sign
/// in; a page redirects to the sign-in page), `Err` anything else, such as a status that is not
/// the one of its error's kind.
async fn passed(
    store: &Store,
    mut request: Request<Body>,
    cookie: Option<&str>,
) -> Result<bool, String> {
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert(header::COOKIE, cookie.parse().unwrap());
    }
    let is_page = request.method() == "GET" && !request.uri().path().starts_with("/api/");
    let is_import = request.uri().path().starts_with("/impor/");
    let is_stream = request.uri().path().ends_with("/events");
    let is_evidence = request.uri().path().contains("/bukti/");
    // The roll-up does not tell which units exist out of reach: it refuses with "not found".
    let path = request.uri().path();
    let is_rollup = path.starts_with("/unit/")
        || path.starts_with("/api/units/")
        || path == GetRollup::PATH
        || path == GetRollupUnit::PATH;
    let response = router(store.clone(), options())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    if is_stream {
        // The stream never ends; its status says it all.
        return match status {
            StatusCode::OK => Ok(true),
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => Ok(false),
            StatusCode::NOT_FOUND if is_rollup => Ok(false),
            other => Err(format!("stream answered {other}")),
        };
    }
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = String::from_utf8_lossy(&body).into_owned();
    if is_evidence {
        // Plain answers of their own; a file of a plan out of reach is "not found".
        return match status {
            StatusCode::OK => Ok(true),
            StatusCode::SEE_OTHER
                if location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/rencana/") && l.contains("/bukti/")) =>
            {
                Ok(true)
            }
            StatusCode::FORBIDDEN if body.contains("Anda tidak berhak") => Ok(false),
            StatusCode::NOT_FOUND if body.contains("tidak ditemukan") => Ok(false),
            StatusCode::UNAUTHORIZED if body.contains("Sesi Anda telah berakhir") => Ok(false),
            StatusCode::SEE_OTHER
                if location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/masuk?lanjut=")) =>
            {
                Ok(false)
            }
            other => Err(format!("evidence answered {other} {location:?}: {body}")),
        };
    }
    if is_page {
        return match status {
            StatusCode::OK => Ok(true),
            StatusCode::FORBIDDEN if body.contains("Anda tidak berhak") => Ok(false),
            StatusCode::NOT_FOUND if is_rollup && body.contains("tidak ditemukan") => Ok(false),
            StatusCode::SEE_OTHER
                if location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/masuk?lanjut=")) =>
            {
                Ok(false)
            }
            other => Err(format!("page answered {other} {location:?}")),
        };
    }
    if is_import {
        // Pages of their own: the refusal is in the page.
        return match status {
            StatusCode::CONFLICT if body.contains("sudah ada") => Ok(true),
            StatusCode::FORBIDDEN if body.contains("Anda tidak berhak") => Ok(false),
            StatusCode::UNAUTHORIZED if body.contains("Sesi Anda telah berakhir") => Ok(false),
            other => Err(format!("import answered {other}: {body}")),
        };
    }
    if status.is_success() {
        return Ok(true);
    }
    let error = serde_json::from_str::<AppError>(&body).map_err(|_| format!("{status}: {body}"))?;
    match (status, error) {
        (StatusCode::FORBIDDEN, AppError::Forbidden(_))
        | (StatusCode::UNAUTHORIZED, AppError::Unauthenticated) => Ok(false),
        (StatusCode::NOT_FOUND, AppError::NotFound(_)) if is_rollup => Ok(false),
        // Past the door, refused for what was asked (e.g. approving a quarter not submitted).
        (StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(_))
        | (StatusCode::CONFLICT, AppError::Locked(_) | AppError::Stale(_)) => Ok(true),
        (status, other) => Err(format!("{status}: {other:?}")),
    }
}

async fn every_endpoint_lets_in_exactly_the_right_people(store: &Store) {
    let world = world(store).await;
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (role, allowed) in MATRIX {
        let cookie = match role {
            Some(role) => Some(cookie_of(store, world.units[0], role).await),
            None => None,
        };
        for (at, relation) in ["own", "below", "other"].iter().enumerate() {
            for (endpoint, needs) in ENDPOINTS {
                let expected = match needs {
                    'C' => allowed[at].contains('R') && allowed[at].contains('I'),
                    needs => allowed[at].contains(needs),
                };
                let request = world.request(endpoint, at).await;
                match passed(store, request, cookie.as_deref()).await {
                    Ok(got) if got == expected => {}
                    Ok(got) => wrong.push(format!(
                        "{role:?} {relation} {endpoint:?}: expected {}, got {}",
                        verdict(expected),
                        verdict(got)
                    )),
                    Err(e) => wrong.push(format!("{role:?} {relation} {endpoint:?}: {e}")),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 4 * 3 * ENDPOINTS.len());
    assert!(
        wrong.is_empty(),
        "{} of {checked} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
both!(matrix, every_endpoint_lets_in_exactly_the_right_people);

/// The session cookie of a new person holding `role` in `unit`.
async fn cookie_of(store: &Store, unit: UnitId, role: Role) -> String {
    let who = common::person(store, &[Grant { unit, role }]).await;
    common::cookie(store, &who).await
}

fn verdict(allowed: bool) -> &'static str {
    if allowed {
        "allow"
    } else {
        "deny"
    }
}

async fn an_operator_whose_role_is_taken_away_can_no_longer_save(store: &Store) {
    let world = world(store).await;
    let grant = Grant {
        unit: world.units[0],
        role: Role::Operator,
    };
    let who = common::person(store, &[grant]).await;
    let cookie = common::cookie(store, &who).await;
    let save = || world.request(Endpoint::SaveGoal, 0);
    assert_eq!(passed(store, save().await, Some(&cookie)).await, Ok(true));
    store.revoke(who.id, grant, &common::cli()).await.unwrap();
    assert_eq!(passed(store, save().await, Some(&cookie)).await, Ok(false));
}
both!(
    revoked,
    an_operator_whose_role_is_taken_away_can_no_longer_save
);

async fn changing_the_plan_id_in_a_request_does_not_reach_another_units_plan(store: &Store) {
    let world = world(store).await;
    let who = common::person(
        store,
        &[Grant {
            unit: world.units[0],
            role: Role::Operator,
        }],
    )
    .await;
    // A goal of the own plan, sent with the other unit's plan id, and the other way round.
    let own_goal = store
        .load_plan_unchecked(world.plans[0])
        .await
        .unwrap()
        .unwrap()
        .goals[0]
        .id
        .unwrap();
    let other_goal = store
        .load_plan_unchecked(world.plans[2])
        .await
        .unwrap()
        .unwrap()
        .goals[0]
        .id
        .unwrap();
    let before = store.load_plan_unchecked(world.plans[2]).await.unwrap();
    for (plan, goal) in [
        (world.plans[2], own_goal),
        (world.plans[0], other_goal),
        (world.plans[2], other_goal),
    ] {
        let edit = model::edit::FieldEdit {
            field: model::edit::Field::Goal(goal, model::edit::GoalField::Title),
            text: "Diubah".into(),
        };
        let result = server::usecases::editing::save_fields(store, &who, plan, vec![edit]).await;
        assert!(result.is_err(), "{plan} {goal}");
    }
    assert_eq!(
        store.load_plan_unchecked(world.plans[2]).await.unwrap(),
        before
    );
}
both!(
    foreign_ids,
    changing_the_plan_id_in_a_request_does_not_reach_another_units_plan
);

/// The admin actions on a person: (grant, revoke, reset, disable) × (an admin of the unit above
/// the target's, the same unit, a unit below, a unit beside, the target themselves) × (a target
/// whose roles lie only inside that unit / partly outside). G grant, R revoke, P password
/// reset, D disable. Written out by hand.
const ADMIN_MATRIX: [(&str, [&str; 2]); 5] = [
    ("above", ["GRPD", ""]),
    ("same", ["GRPD", ""]),
    ("below", ["", ""]),
    ("beside", ["", ""]),
    ("themselves", ["", ""]),
];

async fn admin_actions_on_people_follow_the_written_matrix(store: &Store) {
    use app::api::admin::{ResetPassword, RevokeRole, SetDisabled};
    let cli = common::cli();
    let kanwil = store.create_unit("KANWIL", None, &cli).await.unwrap();
    let upt = store.create_unit("UPT", Some(kanwil), &cli).await.unwrap();
    let sub = store.create_unit("SUB UPT", Some(upt), &cli).await.unwrap();
    let beside = store
        .create_unit("UPT SEBELAH", Some(kanwil), &cli)
        .await
        .unwrap();
    let outside = store.create_unit("KANWIL LAIN", None, &cli).await.unwrap();
    let grant = |unit, role| Grant { unit, role };
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (position, allowed) in ADMIN_MATRIX {
        for (t, reach) in ["inside", "partly outside"].iter().enumerate() {
            // The target: an admin of the UPT (so that "themselves" gets past the unit check),
            // and for "partly outside" an operator of another tree too.
            let mut roles = vec![grant(upt, Role::Admin)];
            if t == 1 {
                roles.push(grant(outside, Role::Operator));
            }
            let target = common::person(store, &roles).await;
            let actor = match position {
                "above" => common::person(store, &[grant(kanwil, Role::Admin)]).await,
                "same" => common::person(store, &[grant(upt, Role::Admin)]).await,
                "below" => common::person(store, &[grant(sub, Role::Admin)]).await,
                "beside" => common::person(store, &[grant(beside, Role::Admin)]).await,
                _ => target.clone(),
            };
            let cookie = common::cookie(store, &actor).await;
            let user = target.id;
            // Something to revoke that the grant step does not add.
            store
                .grant(user, grant(upt, Role::Pimpinan), &cli)
                .await
                .unwrap();
            for (code, path, body) in [
                (
                    'G',
                    GrantRole::PATH,
                    format!("user={user}&unit={upt}&role=operator"),
                ),
                (
                    'R',
                    RevokeRole::PATH,
                    format!("user={user}&unit={upt}&role=pimpinan"),
                ),
                (
                    'P',
                    ResetPassword::PATH,
                    format!("user={user}&password=sandi-baru-{user}"),
                ),
                ('D', SetDisabled::PATH, format!("user={user}&disabled=true")),
            ] {
                let before = store.account(user).await.unwrap();
                let request = form_post(path, body);
                let expected = allowed[t].contains(code);
                let case = format!("{position} {reach} {code}");
                match passed(store, request, Some(&cookie)).await {
                    Ok(got) if got == expected => {
                        let after = store.account(user).await.unwrap();
                        if !got && after != before {
                            wrong.push(format!("{case}: refused but changed"));
                        }
                        if got && code != 'P' && after == before {
                            wrong.push(format!("{case}: allowed but changed nothing"));
                        }
                    }
                    Ok(got) => wrong.push(format!(
                        "{case}: expected {}, got {}",
                        verdict(expected),
                        verdict(got)
                    )),
                    Err(e) => wrong.push(format!("{case}: {e}")),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5 * 2 * 4);
    assert!(
        wrong.is_empty(),
        "{} of {checked} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
both!(
    admin_matrix,
    admin_actions_on_people_follow_the_written_matrix
);

/// The health checks are public: whoever asks, with any session or none (even one that does not
/// exist), gets the same answer; a method they do not take is a 405 with words, never a 5xx.
async fn health_checks_answer_everyone_the_same_and_refuse_other_methods(store: &Store) {
    let world = world(store).await;
    let mut cookies = vec![
        None,
        Some(format!("{}=tidak-ada", server::http::auth::SESSION_COOKIE)),
    ];
    for role in Role::ALL {
        cookies.push(Some(cookie_of(store, world.units[0], role).await));
    }
    let mut wrong = Vec::new();
    for cookie in &cookies {
        for (method, path, expected) in [
            ("GET", "/healthz", StatusCode::OK),
            ("GET", "/readyz", StatusCode::OK),
            ("HEAD", "/healthz", StatusCode::OK),
            ("GET", "/healthz?rinci=1&x=%20", StatusCode::OK),
            ("GET", "/readyz?rinci=1", StatusCode::OK),
            ("POST", "/healthz", StatusCode::METHOD_NOT_ALLOWED),
            ("DELETE", "/readyz", StatusCode::METHOD_NOT_ALLOWED),
            ("PUT", "/readyz", StatusCode::METHOD_NOT_ALLOWED),
        ] {
            let mut request = Request::builder()
                .method(method)
                .uri(path)
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://127.0.0.1:3000");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let response = router(store.clone(), options())
                .oneshot(request.body(Body::from("x=1")).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let body = String::from_utf8_lossy(&body);
            let words_ok = match (method, status) {
                ("HEAD", _) => true,
                (_, StatusCode::OK) => body == "ok",
                _ => body.starts_with("Permintaan tidak dapat dibaca"),
            };
            if status != expected || !words_ok {
                wrong.push(format!("{method} {path} {cookie:?}: {status} {body:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
both!(
    health_checks,
    health_checks_answer_everyone_the_same_and_refuse_other_methods
);
