//! Pushes of the offline outbox refused whole: a push's refusals of single edits are answers
//! inside a 200 (the sync protocol), so they are not in the corpus.

use super::http::{filler, finish, post, without_origin, Bad, Rng, HOST, MEGABYTE, ORIGIN};
use super::requests::Defect;
use super::{ServerFnSpec, Who, World};
use axum::http::{header, Request};

/// One edit of A's plan as the browser's outbox sends it.
fn mutation(world: &World, seq: u64) -> serde_json::Value {
    serde_json::json!({
        "client": "klien-uji-0001",
        "seq": seq,
        "plan": world.plans[0].0,
        "field": {"Goal": [world.goals[0], "Title"]},
        "text": format!("Sasaran {seq}"),
        "base_version": 0,
    })
}

/// A push refused whole.
pub fn push_request(
    world: &World,
    spec: &ServerFnSpec,
    rng: &mut Rng,
    defect: Defect,
    who: Who,
) -> Bad {
    let mut label = format!("{} {defect:?} as {who:?}", spec.path);
    let mut edits: Vec<serde_json::Value> = (1..=1 + rng.below(3))
        .map(|seq| mutation(world, seq))
        .collect();
    let mut content_type = "application/json";
    let mut body: Option<Vec<u8>> = None;
    let pick = rng.index(edits.len());
    match defect {
        Defect::WrongShape => {
            let edit = &mut edits[pick];
            let (key, value): (&str, serde_json::Value) = rng
                .pick(&[
                    ("client", serde_json::json!(5)),
                    ("seq", serde_json::json!("satu")),
                    ("seq", serde_json::json!(-1)),
                    ("seq", serde_json::json!(18_446_744_073_709_551_616_f64)),
                    ("plan", serde_json::json!("abc")),
                    ("plan", serde_json::json!(9_223_372_036_854_775_808_u64)),
                    ("base_version", serde_json::json!(-1)),
                    ("field", serde_json::json!({"Bogus": [1]})),
                    ("field", serde_json::json!({"Goal": [1, "Judul"]})),
                    ("field", serde_json::json!({"Report": [1, "Q9", "Note"]})),
                    ("field", serde_json::json!("Goal")),
                    ("text", serde_json::json!(12)),
                    ("text", serde_json::Value::Null),
                    ("after", serde_json::json!({"client": 1})),
                ])
                .clone();
            label.push_str(&format!(" {key}={value}"));
            edit[key] = value;
            if rng.chance(20) {
                // Or a field left out.
                let key = *rng.pick(&["client", "seq", "plan", "field", "text", "base_version"]);
                if let Some(edit) = edits[pick].as_object_mut() {
                    edit.remove(key);
                }
            }
        }
        Defect::BadClient => {
            let client = *rng.pick(&["pendek", "ada spasi di sini", "garis_bawah_tidak", ""]);
            let client = if rng.chance(20) {
                filler(MEGABYTE).replace(' ', "-")
            } else {
                client.to_owned()
            };
            label.push_str(&format!(" client of {} bytes", client.len()));
            edits[pick]["client"] = client.into();
        }
        Defect::OverLimit => {
            edits = (1..=501).map(|seq| mutation(world, seq)).collect();
        }
        Defect::WrongEncoding => {
            content_type = "application/x-www-form-urlencoded";
            body = Some(
                format!(
                    "mutations[0][client]=klien-uji-0001&mutations[0][seq]=1&mutations[0][plan]={}",
                    world.plans[0]
                )
                .into_bytes(),
            );
        }
        _ => {}
    }
    let mut json = serde_json::to_vec(&serde_json::json!({ "mutations": edits })).expect("json");
    match defect {
        Defect::Truncated => json.truncate(rng.index(json.len())),
        Defect::NotUtf8 => {
            // Inside a string, where a decoder must look at the bytes.
            let at = json.windows(8).position(|w| w == b"Sasaran ").unwrap_or(0);
            json.splice(at..at, [0xC3, 0x28, 0xFF].iter().copied());
        }
        Defect::TooLarge => {
            let n = json.len() - 2;
            json.splice(
                n..n,
                format!(",\"isian\":\"{}\"", filler(2 * MEGABYTE + 10)).into_bytes(),
            );
        }
        _ => {}
    }
    let body = body.unwrap_or(json);
    let builder = match defect {
        Defect::NoOrigin => without_origin(spec.path, Some(content_type), rng),
        Defect::WrongMethod => Request::builder()
            .method("GET")
            .uri(spec.path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN),
        _ => post(spec.path, Some(content_type)),
    };
    let length = defect != Defect::TooLarge || rng.chance(50);
    let request = finish(builder, world, who, rng, body, length);
    Bad {
        label,
        kind: format!("{defect:?}"),
        request,
    }
}
