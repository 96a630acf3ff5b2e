//! Making the corpus's bad requests, seeded and deterministic. Each request carries at least one
//! defect that must refuse it whatever else it holds (a value that does not decode, a missing
//! argument, an id that does not exist or is another unit's, someone who may not, a value the
//! rules refuse, a body that is not UTF-8, too large, the wrong method, no origin), and may carry
//! harmless oddities on top (unknown extra fields, other `Accept` headers, no content type).

use super::http::{encode, filler, finish, post, without_origin, Bad, Rng, HOST, MEGABYTE, ORIGIN};
use super::push::push_request;
use super::{Arg, ServerFnSpec, Who, World, EVERYONE};
use axum::http::{header, Request};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defect {
    /// A number, enum or bool argument that does not decode (or a nested key for it).
    Malformed,
    Missing,
    Nonexistent,
    /// Another unit's plan, goal, indicator, activity, unit or person.
    Foreign,
    /// Someone who may not call it at all.
    Refused,
    /// A 1 MB text where the rules allow at most 10,000 characters.
    Huge,
    NotUtf8,
    /// JSON sent to a form function, or a form to the JSON one.
    WrongEncoding,
    WrongMethod,
    TooLarge,
    NoOrigin,
    /// The push: a value of the wrong type or an unknown code inside the JSON.
    WrongShape,
    Truncated,
    BadClient,
    OverLimit,
}

const NOT_NUMBERS: [&str; 14] = [
    "abc",
    "1.5",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "",
    "1e3",
    "0x1F",
    "\u{ff11}\u{ff12}",
    "NaN",
    "+-1",
    "1 2",
    " 7",
    "satu",
];
/// A quarter travels as its number, 1 to 4 (`quarter=2`): none of these is one.
const NOT_QUARTERS: [&str; 8] = ["Q9", "0", "q1", "TW1", "", "5", "1.5", "Q-1"];
const NOT_QUARTER_NUMBERS: [&str; 7] = ["0", "5", "Q1", "abc", "1.5", "-1", "256"];
const NOT_DIRECTIONS: [&str; 5] = ["Sideways", "up", "", "0", "Naik"];
const NOT_FLAGS: [&str; 5] = ["ya", "2", "TRUE", "", "benar"];
const NOT_YEARS: [&str; 5] = ["2147483648", "-2147483649", "2026.5", "dua ribu", ""];
/// Not a fiscal year, and not empty (an empty optional year is none).
const NOT_OPT_YEARS: [&str; 6] = ["2147483648", "2026.5", "dua ribu", "1999", "2101", "-2026"];
const NOT_ZONES: [&str; 7] = ["XYZ", "UTC", "UTC+8", "WIT A", "Asia/Makassar", "8", "WITB"];
const NOT_PAGES: [&str; 6] = ["0", "-1", "abc", "1.5", "", "4294967296"];
const NO_SUCH_IDS: [i64; 5] = [999_999_999, -1, 0, i64::MAX, i64::MIN];

fn not_a_value(arg: Arg, rng: &mut Rng) -> String {
    match arg {
        Arg::Quarter => rng.pick(&NOT_QUARTERS).to_string(),
        Arg::OptQuarter => rng.pick(&NOT_QUARTER_NUMBERS).to_string(),
        Arg::Direction => rng.pick(&NOT_DIRECTIONS).to_string(),
        Arg::Flag => rng.pick(&NOT_FLAGS).to_string(),
        Arg::Year => rng.pick(&NOT_YEARS).to_string(),
        Arg::OptYear => rng.pick(&NOT_OPT_YEARS).to_string(),
        Arg::Page => rng.pick(&NOT_PAGES).to_string(),
        Arg::Zone => rng.pick(&NOT_ZONES).to_string(),
        _ => rng.pick(&NOT_NUMBERS).to_string(),
    }
}

/// The defects that refuse a request to `spec`; those about its arguments are listed twice, so
/// that they come up twice as often as the ones every function shares.
fn defects_of(spec: &ServerFnSpec) -> Vec<Defect> {
    use Defect::*;
    let has = |f: fn(Arg) -> bool| spec.args.iter().any(|(_, a)| f(*a));
    let mut defects = vec![NotUtf8, WrongMethod, TooLarge, NoOrigin];
    if EVERYONE.iter().any(|w| spec.needs.refuses(*w)) {
        defects.push(Refused);
    }
    let mut own = Vec::new();
    if spec.json {
        own.extend([
            WrongEncoding,
            WrongShape,
            WrongShape,
            Truncated,
            BadClient,
            OverLimit,
        ]);
    } else {
        if has(Arg::is_typed) {
            own.push(Malformed);
        }
        if has(Arg::required) {
            own.extend([Missing, WrongEncoding]);
        }
        if has(Arg::is_id) {
            own.push(Nonexistent);
        }
        if has(|a| a.is_id() && a != Arg::Conflict) {
            own.push(Foreign);
        }
        if has(Arg::is_text) {
            own.push(Huge);
        }
    }
    defects.extend(own.iter().chain(&own));
    defects
}

fn choose_arg(spec: &ServerFnSpec, rng: &mut Rng, f: impl Fn(Arg) -> bool) -> usize {
    let indices: Vec<usize> = (0..spec.args.len())
        .filter(|&i| f(spec.args[i].1))
        .collect();
    *rng.pick(&indices)
}

/// A bad request to the server function `spec`.
pub fn server_fn_request(world: &World, spec: &ServerFnSpec, rng: &mut Rng) -> Bad {
    let defect = *rng.pick(&defects_of(spec));
    let who = match defect {
        Defect::Refused => {
            let refused: Vec<Who> = EVERYONE
                .into_iter()
                .filter(|w| spec.needs.refuses(*w))
                .collect();
            *rng.pick(&refused)
        }
        // B's operator may do to B's plan what A's operator may do to A's.
        Defect::Foreign => {
            *rng.pick(&[Who::Anonymous, Who::OperatorA, Who::PimpinanA, Who::AdminA])
        }
        _ => *rng.pick(&EVERYONE),
    };
    if spec.json {
        return push_request(world, spec, rng, defect, who);
    }
    // The fields of a request that would pass, on A's plan.
    let args: Vec<(String, Arg)> = spec
        .args
        .iter()
        .map(|(name, arg)| (world.name(name), *arg))
        .collect();
    let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, arg) in &args {
        match arg {
            Arg::OptFilter => {
                if rng.chance(30) {
                    fields.push(("filter[quarter]".into(), b"Q2".to_vec()));
                }
            }
            Arg::OptText
            | Arg::Page
            | Arg::OptQuarter
            | Arg::OptYear
            | Arg::OptActivity
            | Arg::OptPlan
                if !rng.chance(50) => {}
            _ => fields.push((name.to_string(), world.value(*arg, true).into_bytes())),
        }
    }
    let mut label = format!("{} {defect:?} as {who:?}", spec.path);
    let at = |f: fn(Arg) -> bool, rng: &mut Rng| {
        let i = choose_arg(spec, rng, f);
        args[i].0.as_str()
    };
    let set = |fields: &mut Vec<(String, Vec<u8>)>, name: &str, value: Vec<u8>| {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        } else {
            fields.push((name.to_owned(), value));
        }
    };
    let mut raw: Option<Vec<u8>> = None;
    match defect {
        Defect::Malformed => {
            let name = at(Arg::is_typed, rng);
            let arg = args.iter().find(|(n, _)| n == name).map(|(_, a)| *a);
            if rng.chance(20) {
                // A nested key where a plain value belongs.
                let value = fields.iter().find(|(n, _)| n == name).map(|f| f.1.clone());
                fields.retain(|(n, _)| n != name);
                let key = format!("{name}{}", rng.pick(&["[]", "[x]", "[0][1]"]));
                fields.push((key, value.unwrap_or_default()));
            } else {
                let value = not_a_value(arg.unwrap_or(Arg::Plan), rng);
                label.push_str(&format!(" {name}={value:?}"));
                set(&mut fields, name, value.into_bytes());
            }
        }
        Defect::Missing => {
            let name = at(Arg::required, rng);
            label.push_str(&format!(" without {name}"));
            fields.retain(|(n, _)| n != name);
        }
        Defect::Nonexistent => {
            let name = at(Arg::is_id, rng);
            let id = *rng.pick(&NO_SUCH_IDS);
            label.push_str(&format!(" {name}={id}"));
            set(&mut fields, name, id.to_string().into_bytes());
        }
        Defect::Foreign => {
            let i = choose_arg(spec, rng, |a| a.is_id() && a != Arg::Conflict);
            let (name, arg) = &args[i];
            label.push_str(&format!(" {name} of KANWIL B"));
            set(&mut fields, name, world.value(*arg, false).into_bytes());
        }
        Defect::Huge => {
            let name = at(Arg::is_text, rng);
            label.push_str(&format!(" {name} of 1 MB"));
            set(&mut fields, name, filler(MEGABYTE).into_bytes());
        }
        Defect::NotUtf8 => {
            let mut body = form_body(&fields);
            let cut = if body.is_empty() {
                0
            } else {
                rng.index(body.len())
            };
            body.splice(cut..cut, [0xFF, 0xFE, 0xC3].iter().copied());
            raw = Some(body);
        }
        Defect::WrongEncoding => {
            let object: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(n, v)| {
                    let v = String::from_utf8_lossy(v).into_owned();
                    let v = v.parse::<i64>().map(Into::into).unwrap_or(v.into());
                    (n.clone(), v)
                })
                .collect();
            let mut json = serde_json::to_vec(&object).expect("json");
            if rng.chance(50) {
                json.truncate(rng.index(json.len()));
                label.push_str(" (truncated)");
            }
            let request = finish(
                post(spec.path, Some("application/json")),
                world,
                who,
                rng,
                json,
                false,
            );
            return Bad {
                label,
                kind: format!("{defect:?}"),
                request,
            };
        }
        Defect::WrongMethod => {
            let query = String::from_utf8_lossy(&form_body(&fields)).into_owned();
            let builder = Request::builder()
                .method(*rng.pick(&["GET", "PUT", "DELETE", "PATCH"]))
                .uri(format!("{}?{query}", spec.path))
                .header(header::HOST, HOST)
                .header(header::ORIGIN, ORIGIN);
            let request = finish(builder, world, who, rng, Vec::new(), false);
            return Bad {
                label,
                kind: format!("{defect:?}"),
                request,
            };
        }
        Defect::TooLarge => {
            fields.push(("isian".into(), filler(2 * MEGABYTE + 10).into_bytes()));
        }
        Defect::NoOrigin => {}
        Defect::Refused => {}
        _ => unreachable!("{defect:?} is the push's"),
    }
    if rng.chance(30) {
        fields.push(("lain".into(), b"tambahan".to_vec()));
    }
    let body = raw.unwrap_or_else(|| form_body(&fields));
    let content_type = (!rng.chance(10)).then_some("application/x-www-form-urlencoded");
    let mut builder = post(spec.path, content_type);
    if defect == Defect::NoOrigin {
        builder = without_origin(spec.path, content_type, rng);
    }
    let length = defect != Defect::TooLarge || rng.chance(50);
    let request = finish(builder, world, who, rng, body, length);
    Bad {
        label,
        kind: format!("{defect:?}"),
        request,
    }
}

fn form_body(fields: &[(String, Vec<u8>)]) -> Vec<u8> {
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n.as_bytes()), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}
