//! Bad requests to the pages, the live feed, the health checks, and signing in and out.

use super::http::{filler, finish, post, without_origin, Bad, Rng, HOST, MEGABYTE, ORIGIN};
use super::{Who, World};
use axum::http::{header, Request};

const BAD_PLAN_IDS: [&str; 9] = [
    "abc",
    "-1",
    "0",
    "999999999",
    "9223372036854775808",
    "1.5",
    "%FF",
    "%00",
    "1%3BDROP",
];

/// A bad request to a page, the live feed, signing in or out, or the import.
pub fn route_request(world: &World, rng: &mut Rng) -> Bad {
    if rng.chance(25) {
        return super::import::import_request(world, rng);
    }
    if rng.chance(15) {
        return rollup_request(world, rng);
    }
    if rng.chance(20) {
        return super::evidence::evidence_request(world, rng);
    }
    let signed_in = [Who::OperatorA, Who::PimpinanA, Who::AdminA, Who::OperatorB];
    let get = |path: &str| {
        Request::builder()
            .method("GET")
            .uri(path)
            .header(header::HOST, HOST)
    };
    let plan_a = world.plans[0].0;
    let plan_b = world.plans[1].0;
    let (kind, label, builder, who, body) = match rng.below(8) {
        // A page or the live feed of a plan that is not there, or not theirs.
        0..=2 => {
            let template = *rng.pick(&[
                "/rencana/{}",
                "/rencana/{}/dasbor",
                "/rencana/{}/riwayat",
                "/rencana/{}/cetak",
                "/rencana/{}/cetak?tw=2",
                "/rencana/{}/salin",
                "/rencana/{}/salin?tahun=2030",
                "/rencana/{}/excel",
                "/rencana/{}/excel?tw=3",
                "/api/plans/{}/events",
            ]);
            let (id, who) = match rng.below(4) {
                0 => (
                    plan_b.to_string(),
                    *rng.pick(&[Who::OperatorA, Who::PimpinanA]),
                ),
                1 => (
                    plan_a.to_string(),
                    *rng.pick(&[Who::AdminA, Who::OperatorB]),
                ),
                _ => (rng.pick(&BAD_PLAN_IDS).to_string(), *rng.pick(&signed_in)),
            };
            let path = template.replace("{}", &id);
            (
                "plan page or feed",
                path.clone(),
                get(&path),
                who,
                Vec::new(),
            )
        }
        // Nothing at this address.
        3 => {
            let path = *rng.pick(&[
                "/tidak-ada",
                "/rencana",
                "/rencana/1/lain",
                "/api/tidak_ada",
                "/pkg/tidak-ada.js",
                "/rencana/1/riwayat/2",
                "/%FF",
                "/admin/x",
                "/healthz/x",
                "/readyz/1",
            ]);
            (
                "nothing there",
                path.to_owned(),
                get(path),
                *rng.pick(&signed_in),
                Vec::new(),
            )
        }
        // Admin's page for someone who is not an admin; the live feed for no one.
        4 => {
            if rng.chance(50) {
                let who = *rng.pick(&[Who::OperatorA, Who::PimpinanA, Who::OperatorB]);
                (
                    "admin page",
                    "/admin".into(),
                    get("/admin"),
                    who,
                    Vec::new(),
                )
            } else {
                let path = format!("/api/plans/{plan_a}/events");
                (
                    "feed, signed out",
                    path.clone(),
                    get(&path),
                    Who::Anonymous,
                    Vec::new(),
                )
            }
        }
        // Signing in with a body that is not the login form.
        5 | 6 => {
            let form = "application/x-www-form-urlencoded";
            let (what, content_type, body): (&str, &str, Vec<u8>) = match rng.below(7) {
                0 => ("no password", form, b"username=operator.luwuk".to_vec()),
                1 => ("no username", form, b"password=rahasia".to_vec()),
                2 => ("empty", form, Vec::new()),
                3 => (
                    "JSON",
                    "application/json",
                    br#"{"username":"a","password":"b"}"#.to_vec(),
                ),
                4 => ("twice", form, b"username=a&username=b&password=c".to_vec()),
                5 => (
                    "too large",
                    form,
                    format!("username={}&password=x", filler(2 * MEGABYTE + 10)).into_bytes(),
                ),
                _ => ("no origin", form, b"username=a&password=b".to_vec()),
            };
            let builder = if what == "no origin" {
                without_origin("/api/masuk", Some(content_type), rng)
            } else {
                post("/api/masuk", Some(content_type))
            };
            (
                "sign-in form",
                format!("/api/masuk {what}"),
                builder,
                Who::Anonymous,
                body,
            )
        }
        // Another method than the address takes; signing out from elsewhere.
        _ => {
            let (path, method) = *rng.pick(&[
                ("/api/masuk", "GET"),
                ("/api/keluar", "GET"),
                ("/api/keluar", "POST"),
                ("/", "POST"),
                ("/rencana/1", "DELETE"),
                ("/healthz", "POST"),
                ("/readyz", "DELETE"),
            ]);
            let builder = if method == "POST" && path == "/api/keluar" {
                without_origin(path, None, rng)
            } else {
                Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::HOST, HOST)
                    .header(header::ORIGIN, ORIGIN)
            };
            (
                "method or origin",
                format!("{method} {path}"),
                builder,
                *rng.pick(&signed_in),
                Vec::new(),
            )
        }
    };
    let length = rng.chance(50);
    let request = finish(builder, world, who, rng, body, length);
    Bad {
        label: format!("{label} as {who:?}"),
        kind: kind.to_owned(),
        request,
    }
}

/// A bad request for the roll-up (`/unit/{id}?tahun=&tw=`) or its live feed
/// (`/api/units/{id}/events`): an id that names no unit, a unit out
/// of the person's reach, or a year, quarter, sort column, direction or filter that is not one.
fn rollup_request(world: &World, rng: &mut Rng) -> Bad {
    let [kanwil_a, upt_a1, kanwil_b] = world.units;
    // The page, or its live feed.
    let template = *rng.pick(&["/unit/{}", "/api/units/{}/events"]);
    let bad_id = rng.pick(&BAD_PLAN_IDS).to_string();
    let (kind, path, who) = match rng.below(3) {
        0 => (
            "roll-up of no unit",
            template.replace("{}", &bad_id),
            *rng.pick(&[Who::OperatorA, Who::PimpinanA, Who::AdminA, Who::OperatorB]),
        ),
        1 => {
            let (unit, who) = *rng.pick(&[
                (kanwil_b, Who::OperatorA),
                (kanwil_b, Who::PimpinanA),
                (kanwil_a, Who::OperatorB),
                (kanwil_a, Who::AdminA),
                (upt_a1, Who::OperatorA),
            ]);
            (
                "roll-up out of reach",
                template.replace("{}", &unit.to_string()),
                who,
            )
        }
        _ => {
            let query = *rng.pick(&[
                "tahun=abc",
                "tahun=1999",
                "tahun=2101",
                "tahun=",
                "tahun=99999999999",
                "tahun=2026.5",
                "tw=0",
                "tw=5",
                "tw=TW1",
                "tahun=2026&tw=",
                "tahun=2026&tw=%FF",
                "urut=gaji",
                "urut=",
                "urut=PENYERAPAN",
                "urut=rpd&arah=atas",
                "arah=",
                "perhatian=ya",
                "perhatian=2",
                "tahun=2026&tw=2&urut=%FF",
            ]);
            (
                "roll-up year, quarter, order or filter",
                format!("/unit/{kanwil_a}?{query}"),
                Who::PimpinanA,
            )
        }
    };
    let builder = Request::builder()
        .method("GET")
        .uri(&path)
        .header(header::HOST, HOST);
    let length = rng.chance(50);
    let request = finish(builder, world, who, rng, Vec::new(), length);
    Bad {
        label: format!("{path} as {who:?}"),
        kind: kind.to_owned(),
        request,
    }
}
